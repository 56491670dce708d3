import { describe, expect, it } from 'vitest';
import {
  classChanges,
  type EvaluationRun,
  evaluate,
  fileObjection,
  finalizeRun,
  InvalidTransitionError,
  MemoryRepository,
  parseEvaluationScheme,
  policyList,
  policyListCsv,
  publishRun,
  type RunResult,
  resolveObjection,
  startRun,
  summarizeRun,
  ValidationError,
  withdrawRun,
} from '../../src/index';
import { runResultKey } from '../../src/internal';
import { EVALUATION_RUN_STATUS_LABELS } from '../../src/labels';
import { dataRevision, schemeVersion } from '../../src/runs/index';
import { runInput, runSchemeDocument, TOWN_A, TOWN_B, usccOf } from './fixtures';

const admin = (at: string) => ({ actor: 'cityAdmin:331003:wang', at });
const START = admin('2023-08-01T02:00:00.000Z');

function started(taxOf?: (n: number) => string) {
  return startRun({ id: 'r1', regionCode: '331003', scheme: runSchemeDocument(), input: runInput(taxOf), by: START });
}

function inNotice() {
  const { run, results } = started();
  return {
    run: publishRun(run, { from: '2023-08-23', to: '2023-08-29' }, admin('2023-08-22T01:00:00.000Z')),
    results: new Map(results.map((r) => [r.uscc, r])),
  };
}

/** The rule of a refused transition, or of a validation error. */
function ruleOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidTransitionError) return `${e.status}:${e.rule}`;
    if (e instanceof ValidationError) return `invalid:${e.issues[0]?.rule}`;
    throw e;
  }
  return 'ok';
}

describe('evaluation runs (评价批次): the pure model', () => {
  it('starts a draft recording the scheme version and data revision', () => {
    const { run, results } = started();
    expect(run).toMatchObject({ status: 'draft', year: 2022, schemeId: 'run-probe', revision: 1, notice: null });
    expect(run.schemeVersion).toBe(schemeVersion(runSchemeDocument()));
    expect(run.schemeVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.dataRevision).toBe(dataRevision(runInput(), 2022));
    expect(results).toHaveLength(20);
    // 10 per cohort: A = ranks 1–2, D = rank 10.
    const above = results.filter((r) => r.cohortId === 'above').sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    expect(above.map((r) => r.class).join('')).toBe('AABBBBBBCD');
    expect(above[0]?.uscc).toBe(usccOf(10));
    expect(run.trail).toEqual([
      { seq: 1, at: START.at, actor: START.actor, action: 'start', reason: null, detail: { enterprises: 20 } },
    ]);
    expect(EVALUATION_RUN_STATUS_LABELS[run.status]).toBe('草稿');
  });

  it('hashes canonical JSON: key order and data order do not matter, values do', () => {
    const doc = runSchemeDocument();
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    expect(schemeVersion(reordered)).toBe(schemeVersion(doc));
    expect(schemeVersion({ ...doc, name: '另一方案' })).not.toBe(schemeVersion(doc));
    const input = runInput();
    const shuffled = { enterprises: [...input.enterprises].reverse(), annualData: [...input.annualData].reverse() };
    expect(dataRevision(shuffled, 2022)).toBe(dataRevision(input, 2022));
    expect(
      dataRevision(
        runInput((n) => (n === 3 ? '3.5' : String(n))),
        2022,
      ),
    ).not.toBe(dataRevision(input, 2022));
  });

  it('refuses every transition its status does not allow', () => {
    const { run, results } = started();
    const firm = results[0];
    const at = admin('2023-08-24T01:00:00.000Z');
    const objection = { uscc: usccOf(1), category: 'dataError', reason: '税收少报' };
    expect(ruleOf(() => fileObjection(run, firm, objection, at))).toBe('draft:run.notInNotice');
    expect(ruleOf(() => finalizeRun(run, [], at))).toBe('draft:run.notInNotice');
    expect(ruleOf(() => resolveObjection(run, { objectionId: 'x', outcome: 'dismissed', reason: 'r' }, at))).toBe(
      'draft:run.notInNotice',
    );
    expect(ruleOf(() => publishRun(run, { from: '2023-08-29', to: '2023-08-23' }, at))).toBe(
      'invalid:run.notice.order',
    );
    expect(ruleOf(() => publishRun(run, { from: '2023-02-30', to: '2023-08-23' }, at))).toBe('invalid:date.format');
    const notice = publishRun(run, { from: '2023-08-24', to: '2023-08-30' }, at);
    expect(ruleOf(() => publishRun(notice, { from: '2023-08-24', to: '2023-08-30' }, at))).toBe(
      'publicNotice:run.notDraft',
    );
    const withdrawn = withdrawRun(notice, '数据口径有误', at);
    expect(withdrawn.status).toBe('withdrawn');
    expect(ruleOf(() => publishRun(withdrawn, { from: '2023-08-23', to: '2023-08-29' }, at))).toBe(
      'withdrawn:run.withdrawn',
    );
    expect(ruleOf(() => withdrawRun(run, ' ', at))).toBe('invalid:reason.required');
  });

  it('takes objections only inside the window (北京时间 days) and for firms of the run', () => {
    const { run, results } = inNotice();
    const firm = results.get(usccOf(3));
    const obj = { uscc: usccOf(3), category: 'landArea', reason: '用地面积应为0.8亩' };
    // 2023-08-22T16:30Z is 2023-08-23 00:30 in Beijing: inside.
    const filed = fileObjection(run, firm, obj, admin('2023-08-22T16:30:00.000Z'));
    expect(filed.objections[0]).toMatchObject({ id: 'r1.1', uscc: usccOf(3), townCode: TOWN_A, resolution: null });
    expect(ruleOf(() => fileObjection(run, firm, obj, admin('2023-08-22T15:59:00.000Z')))).toBe(
      'publicNotice:run.window',
    );
    expect(ruleOf(() => fileObjection(run, firm, obj, admin('2023-08-29T16:00:00.000Z')))).toBe(
      'publicNotice:run.window',
    );
    const at = admin('2023-08-25T01:00:00.000Z');
    expect(ruleOf(() => fileObjection(run, undefined, { ...obj, uscc: usccOf(99) }, at))).toBe(
      'invalid:run.reference.firm',
    );
    expect(ruleOf(() => fileObjection(run, firm, { ...obj, category: 'mood' }, at))).toBe('invalid:invalid_value');
    expect(ruleOf(() => fileObjection(run, firm, { ...obj, reason: '' }, at))).toBe('invalid:reason.required');
  });

  it('resolves: dismissed, override (提档/降档) and correction (cohort re-run, class changes recorded)', () => {
    const { run, results } = inNotice();
    const at = admin('2023-08-25T01:00:00.000Z');
    let r: EvaluationRun = run;
    for (const n of [1, 2, 5]) {
      r = fileObjection(r, results.get(usccOf(n)), { uscc: usccOf(n), category: 'dataError', reason: `异议${n}` }, at);
    }
    const dismissed = resolveObjection(r, { objectionId: 'r1.1', outcome: 'dismissed', reason: '数据经核实无误' }, at);
    expect(dismissed.results).toEqual([]);
    r = dismissed.run;
    expect(r.objections[0]?.resolution).toMatchObject({ outcome: 'dismissed', reason: '数据经核实无误' });
    expect(ruleOf(() => resolveObjection(r, { objectionId: 'r1.1', outcome: 'dismissed', reason: 'again' }, at))).toBe(
      'invalid:objection.resolved',
    );
    expect(ruleOf(() => resolveObjection(r, { objectionId: 'r1.9', outcome: 'dismissed', reason: 'x' }, at))).toBe(
      'invalid:run.reference.objection',
    );
    expect(
      ruleOf(() =>
        resolveObjection(r, { objectionId: 'r1.2', outcome: 'override', reason: 'x', overrideClass: 'E' }, at, {
          firm: results.get(usccOf(2)),
        }),
      ),
    ).toBe('invalid:override.class');
    expect(ruleOf(() => resolveObjection(r, { objectionId: 'r1.2', outcome: 'override', reason: 'x' }, at))).toBe(
      'invalid:override.needed',
    );
    // Firm 2 (规上, rank 9: C) raised to B.
    const raised = resolveObjection(
      r,
      { objectionId: 'r1.2', outcome: 'override', reason: '技改投入大，提档', overrideClass: 'B' },
      at,
      { firm: results.get(usccOf(2)) },
    );
    expect(raised.results).toMatchObject([{ uscc: usccOf(2), computedClass: 'C', class: 'B' }]);
    expect(raised.run.overrides).toMatchObject([{ uscc: usccOf(2), from: 'C', to: 'B', kind: 'raise' }]);
    r = raised.run;
    const current = new Map(results);
    for (const x of raised.results) current.set(x.uscc, x);

    // Firm 5 (规上, tax 5: B) really paid 50: it becomes the top of its cohort; the others shift.
    expect(ruleOf(() => resolveObjection(r, { objectionId: 'r1.3', outcome: 'correction', reason: 'x' }, at))).toBe(
      'invalid:correction.needed',
    );
    const input = runInput((n) => (n === 5 ? '50' : String(n)));
    const evaluation = evaluate(parseEvaluationScheme(r.scheme), input);
    const corrected = resolveObjection(r, { objectionId: 'r1.3', outcome: 'correction', reason: '税务数据更正' }, at, {
      correction: { evaluation, dataRevision: dataRevision(input, 2022), current },
    });
    // Only the 规上 cohort was replaced.
    expect(corrected.results).toHaveLength(10);
    expect(corrected.results.every((x) => x.cohortId === 'above')).toBe(true);
    const byUscc = new Map(corrected.results.map((x) => [x.uscc, x]));
    expect(byUscc.get(usccOf(5))).toMatchObject({ class: 'A', rank: 1 });
    // The override stays in force; 9 (was A, rank 2) drops to B.
    expect(byUscc.get(usccOf(2))).toMatchObject({ computedClass: 'C', class: 'B' });
    expect(corrected.run.classChanges.map((c) => [c.uscc, c.from, c.to])).toEqual([
      [usccOf(5), 'B', 'A'],
      [usccOf(9), 'A', 'B'],
    ]);
    expect(corrected.run.dataRevision).toBe(dataRevision(input, 2022));
    expect(corrected.run.trail.at(-1)).toMatchObject({
      action: 'resolveObjection',
      reason: '税务数据更正',
      detail: { outcome: 'correction', fromRevision: run.dataRevision, classChanges: 2 },
    });
    expect(corrected.run.revision).toBe(run.revision + 6);
  });

  it('finalises after the window with every objection resolved; one final per scheme/year/region; final is immutable', () => {
    const { run, results } = inNotice();
    const at = admin('2023-08-25T01:00:00.000Z');
    const filed = fileObjection(run, results.get(usccOf(4)), { uscc: usccOf(4), category: 'other', reason: 'x' }, at);
    const after = admin('2023-08-30T01:00:00.000Z');
    expect(ruleOf(() => finalizeRun(filed, [], at))).toBe('publicNotice:run.windowOpen');
    expect(ruleOf(() => finalizeRun(filed, [], after))).toBe('publicNotice:run.openObjections');
    const resolved = resolveObjection(
      filed,
      { objectionId: 'r1.1', outcome: 'dismissed', reason: '无依据' },
      after,
    ).run;
    const other = { id: 'r0', status: 'final' as const, schemeId: 'run-probe', year: 2022, regionCode: '331003' };
    expect(ruleOf(() => finalizeRun(resolved, [other], after))).toBe('publicNotice:run.oneFinal');
    expect(finalizeRun(resolved, [{ ...other, year: 2021 }], after).status).toBe('final');
    const final = finalizeRun(resolved, [], after);
    expect(final.trail.map((t) => t.action)).toEqual([
      'start',
      'publish',
      'fileObjection',
      'resolveObjection',
      'finalize',
    ]);
    expect(ruleOf(() => finalizeRun(final, [], after))).toBe('final:run.final');
    expect(ruleOf(() => withdrawRun(final, 'x', after))).toBe('final:run.final');
    expect(
      ruleOf(() =>
        fileObjection(final, results.get(usccOf(4)), { uscc: usccOf(4), category: 'other', reason: 'x' }, after),
      ),
    ).toBe('final:run.final');
  });

  it('compares runs: 升档/降档/新增/退出 per town and cohort', () => {
    const a = started().results;
    const b = started((n) => (n === 5 ? '50' : String(n))).results;
    const dropped: RunResult[] = b.filter((r) => r.uscc !== usccOf(20));
    const changes = classChanges(a, dropped);
    expect(changes.total).toEqual({ up: 1, down: 1, new: 0, exit: 1, same: 17 });
    expect(changes.firms.map((f) => [f.uscc, f.kind])).toEqual(
      [
        [usccOf(5), 'up'],
        [usccOf(9), 'down'],
        [usccOf(20), 'exit'],
      ].sort(),
    );
    expect(changes.byTown[TOWN_A]).toMatchObject({ up: 1, down: 1 });
    expect(changes.byTown[TOWN_B]).toMatchObject({ exit: 1 });
    expect(classChanges(dropped, a).total.new).toBe(1);
  });

  it('turns final classes into policy lists and a CSV for the utilities', () => {
    const { results } = started();
    const data = new Map(runInput().annualData.map((d) => [d.uscc, d]));
    const scheme = parseEvaluationScheme(runSchemeDocument());
    if (!scheme.policies) throw new Error('no policies');
    const list = policyList(results, scheme.policies, data);
    // Per cohort of 10: A ×2 (relief), C ×1, D ×1 (surcharges).
    expect(list.filter((e) => e.class === 'A')).toHaveLength(4);
    const d = list.find((e) => e.class === 'D' && e.uscc === usccOf(1));
    // 10万千瓦时 × 0.30元 = 30000元.
    expect(d?.amount?.in('yuan').toString()).toBe('30000');
    const a = list.find((e) => e.uscc === usccOf(10));
    // 1亩 = 2000/3 m² × 8元 × 0.5, a relief.
    expect(a?.amount?.in('yuan').toString()).toBe('-8000/3');
    const csv = policyListCsv(list, new Map([[TOWN_B, '二镇']]));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('统一社会信用代码,企业名称,镇(街道),分类,政策措施,金额(元),备注');
    expect(lines).toContain(`${usccOf(10)},企业10,二镇,A,城镇土地使用税减免,-2666.67,`);
    expect(lines).toHaveLength(list.length + 1);
  });

  it('summarises class counts and orders keys as every repository does', async () => {
    const repo = new MemoryRepository({ now: () => '2023-08-01T00:00:00.000Z' });
    await repo.saveRegion(
      {
        code: '331003',
        name: '黄岩区',
        towns: [
          { code: TOWN_A, name: '一镇', fullName: '一镇', kind: 'town' },
          { code: TOWN_B, name: '二镇', fullName: '二镇', kind: 'town' },
        ],
      },
      { actor: 't' },
    );
    const start = started();
    await repo.createRun(start, { actor: 't' });
    const summary = summarizeRun(await repo.countRunClasses('r1'));
    expect(summary.total).toEqual({ A: 4, B: 12, C: 2, D: 2, T: 0, none: 0 });
    expect(summary.byCohort.above).toEqual({ A: 2, B: 6, C: 1, D: 1, T: 0, none: 0 });
    const page = await repo.listRunResults('r1', { orderBy: 'rank', first: 3 });
    expect(page.map((r) => runResultKey(r, 'rank'))).toEqual([
      `above|000000001|${usccOf(10)}`,
      `above|000000002|${usccOf(9)}`,
      `above|000000003|${usccOf(8)}`,
    ]);
  });
});
