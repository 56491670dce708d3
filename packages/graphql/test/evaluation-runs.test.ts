import { MemoryRepository, type Repository } from '@mujun/core';
import { createGateway, type MujunGateway, mintDevToken } from '@mujun/graphql';
import { openStore } from '@mujun/store';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl, uniqueSchema } from '../../store/test/postgres-env';
import { at, bearer, gql, SECRET, SHIMEN, seed, uscc, ZHOUQUAN } from './fixtures';

/*
 * Issue 11 through `yoga.fetch`: the whole cycle (start → 公示 → 异议 → 复核 →
 * 定档 → policy lists, class changes), every refused transition, and each
 * role's view, on memory, PGlite and (with TEST_DATABASE_URL) PostgreSQL.
 *
 * The small registry (test/fixtures.ts): firms 1, 2 in 石门, 3, 4 in 洲泉; 2018 tax
 * 11.25/21.25/31.25/41.25万元 on 1.5/2.5/3.5/— 亩. One cohort on 亩均税收 over 3万元/亩:
 * ranks 3 (A), 2 (B), 1 (B), 4 (C: no land, scored 0).
 */

const scheme = (patch: Record<string, unknown> = {}) => ({
  id: 'tongxiang-runs',
  name: '桐乡测试方案',
  jurisdiction: { code: '330483', name: '桐乡市' },
  year: 2018,
  cohorts: [
    {
      id: 'all',
      name: '全部企业',
      membership: {},
      indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '3' }],
      classification: {
        by: 'percentile',
        bands: [
          { class: 'A', share: '25' },
          { class: 'B', share: '50' },
          { class: 'C', share: '25' },
        ],
      },
    },
  ],
  policies: {
    id: 'tongxiang-policies',
    name: '差别化政策',
    measures: [
      { kind: 'electricitySurcharge', class: 'C', yuanPerKWh: '0.10' },
      { kind: 'landUseTaxRelief', class: 'A', share: '0.5', taxYuanPerSquareMetre: '8' },
    ],
  },
  ...patch,
});

const RESULT = `__typename
  ... on InvalidTransition { status rule action message }
  ... on ValidationError { message fieldErrors { field rule } }
  ... on NotAuthorised { requiredRole division }`;

const START = `mutation ($input: StartEvaluationRunInput!) { startEvaluationRun(input: $input) { ${RESULT}
  ... on EvaluationRunSuccess { run { id status year schemeVersion dataRevision } } } }`;
const PUBLISH = `mutation ($input: PublishEvaluationRunInput!) { publishEvaluationRun(input: $input) { ${RESULT}
  ... on EvaluationRunSuccess { run { id status notice { from to } } } } }`;
const FILE = `mutation ($input: FileObjectionInput!) { fileObjection(input: $input) { ${RESULT}
  ... on ObjectionSuccess { objection { id uscc town { name } category resolved } } } }`;
const RESOLVE = `mutation ($input: ResolveObjectionInput!) { resolveObjection(input: $input) { ${RESULT}
  ... on ObjectionSuccess { objection { id resolved resolution { outcome reason overrideClass dataRevision }
    classChanges { uscc from to } } } } }`;
const FINALIZE = `mutation ($input: FinalizeEvaluationRunInput!) { finalizeEvaluationRun(input: $input) { ${RESULT}
  ... on EvaluationRunSuccess { run { id status } } } }`;
const WITHDRAW = `mutation ($input: WithdrawEvaluationRunInput!) { withdrawEvaluationRun(input: $input) { ${RESULT}
  ... on EvaluationRunSuccess { run { id status } } } }`;

const RUN = `query ($id: ID!, $order: EvaluationResultOrder) { evaluationRun(id: $id) {
  id status year revision createdBy scheme { id ranksPublished } notice { from to }
  summary { total { A B C D T none total } byTown { town { name } counts { A B C } } }
  results(first: 10, orderBy: $order) { edges { node { uscc name town { name } cohort class rank figuresShown
    computedClass overridden totalReported indicators { indicator value(places: 4) } reasons { code } } } }
  objections { id uscc category resolved }
  overrides { uscc from to kind reason }
  trail { action actor reason }
} }`;

interface Clock {
  now: Date;
}

async function tokens() {
  const mint = (role: 'viewer' | 'townOperator' | 'cityAdmin', division = '') =>
    mintDevToken({
      role,
      secret: SECRET,
      subject: 'test',
      ...(role === 'townOperator' ? { town: division } : {}),
      ...(role === 'cityAdmin' ? { city: division } : {}),
    }).then(bearer);
  return {
    anonymous: {},
    viewer: await mint('viewer'),
    shimen: await mint('townOperator', SHIMEN),
    zhouquan: await mint('townOperator', ZHOUQUAN),
    admin: await mint('cityAdmin', '330483'),
    otherCity: await mint('cityAdmin', '330482'),
  };
}

type Row = Record<string, unknown>;

function gateway(repository: Repository, clock: Clock): MujunGateway {
  return createGateway({ repository, auth: { secret: SECRET }, logging: false, now: () => clock.now });
}

/** Runs a mutation and returns its result member. */
async function mutate(yoga: MujunGateway, query: string, input: Row, headers: Record<string, string>) {
  const res = await gql(yoga, query, { input }, headers);
  expect(res.errors).toBeUndefined();
  return Object.values(res.data ?? {})[0] as Row;
}

async function readRun(yoga: MujunGateway, id: string, headers: Record<string, string>, order = 'USCC') {
  const res = await gql(yoga, RUN, { id, order }, headers);
  expect(res.errors).toBeUndefined();
  return at(res.data, 'evaluationRun') as Row | null;
}

const nodes = (run: Row | null) => ((at(run, 'results.edges') as Row[] | undefined) ?? []).map((e) => e.node as Row);

async function walkCycle(repository: Repository): Promise<void> {
  const clock: Clock = { now: new Date('2019-03-01T02:00:00Z') };
  const yoga = gateway(repository, clock);
  const t = await tokens();
  await repository.saveScheme(scheme(), { actor: 'test' });
  const input = { schemeId: 'tongxiang-runs', year: 2018, city: '330483' };

  // ---- start (开始评价): city admins of the city only ------------------------------
  for (const who of [t.anonymous, t.viewer, t.shimen, t.otherCity]) {
    expect((await mutate(yoga, START, input, who)).__typename).toBe('NotAuthorised');
  }
  const unknown = await mutate(yoga, START, { ...input, schemeId: 'nope' }, t.admin);
  expect(unknown).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'input.schemeId' }] });
  const started = await mutate(yoga, START, input, t.admin);
  expect(started).toMatchObject({ __typename: 'EvaluationRunSuccess', run: { status: 'DRAFT', year: 2018 } });
  const id = String(at(started, 'run.id'));
  expect(at(started, 'run.schemeVersion')).toMatch(/^sha256:[0-9a-f]{64}$/);

  // A draft is the city's admins': viewers and town operators do not see it (a live evaluation no one published).
  expect(await readRun(yoga, id, t.viewer)).toBeNull();
  expect(await readRun(yoga, id, t.anonymous)).toBeNull();
  expect(await readRun(yoga, id, t.shimen)).toBeNull();
  const listed = await gql(yoga, '{ evaluationRuns(city: "330483", year: 2018) { id } }', {}, t.viewer);
  expect(at(listed.data, 'evaluationRuns')).toEqual([]);
  const draft = await readRun(yoga, id, t.admin, 'RANK');
  expect(nodes(draft).map((n) => [n.uscc, n.class, n.rank, n.figuresShown])).toEqual([
    [uscc(3), 'A', 1, true],
    [uscc(2), 'B', 2, true],
    [uscc(1), 'B', 3, true],
    [uscc(4), 'C', 4, true],
  ]);
  expect(nodes(draft)[1]).toMatchObject({ totalReported: '283.33', indicators: [{ value: '8.5000' }] });

  // ---- refused before 公示 ------------------------------------------------------------
  const objection1 = { runId: id, uscc: uscc(1), category: 'LAND_AREA', reason: '用地面积应为1.2亩' };
  expect(await mutate(yoga, FILE, objection1, t.shimen)).toMatchObject({
    __typename: 'InvalidTransition',
    status: 'draft',
    rule: 'run.notInNotice',
  });
  expect(await mutate(yoga, FINALIZE, { runId: id }, t.admin)).toMatchObject({
    __typename: 'InvalidTransition',
    status: 'draft',
  });

  // ---- 公示 -----------------------------------------------------------------------------
  const windowInput = { runId: id, noticeFrom: '2019-03-05', noticeTo: '2019-03-11' };
  expect((await mutate(yoga, PUBLISH, windowInput, t.shimen)).__typename).toBe('NotAuthorised');
  expect(await mutate(yoga, PUBLISH, { ...windowInput, noticeFrom: '2019-03-12' }, t.admin)).toMatchObject({
    __typename: 'ValidationError',
    fieldErrors: [{ rule: 'run.notice.order' }],
  });
  // The window (北京时间 days; today is 2019-03-01): not in the past, ending after today, at least 5 days.
  for (const [from, to, rule] of [
    ['2019-02-28', '2019-03-11', 'run.notice.start'],
    ['2019-03-01', '2019-03-01', 'run.notice.end'],
    ['2019-03-05', '2019-03-08', 'run.notice.length'],
  ] as const) {
    expect(await mutate(yoga, PUBLISH, { runId: id, noticeFrom: from, noticeTo: to }, t.admin)).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ rule }],
    });
  }
  // Ids are read canonical: NFKC, trimmed.
  expect(await mutate(yoga, PUBLISH, { ...windowInput, runId: 'no-such-run' }, t.admin)).toMatchObject({
    __typename: 'ValidationError',
    fieldErrors: [{ field: 'input.runId', rule: 'reference.run' }],
  });
  expect(
    await mutate(
      yoga,
      PUBLISH,
      { ...windowInput, runId: ` ${id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} ` },
      t.admin,
    ),
  ).toMatchObject({
    __typename: 'EvaluationRunSuccess',
    run: { status: 'PUBLIC_NOTICE', notice: { from: '2019-03-05', to: '2019-03-11' } },
  });
  expect(await mutate(yoga, PUBLISH, windowInput, t.admin)).toMatchObject({
    __typename: 'InvalidTransition',
    status: 'publicNotice',
    rule: 'run.notDraft',
  });

  // Before the window opens: refused.
  expect(await mutate(yoga, FILE, objection1, t.shimen)).toMatchObject({ rule: 'run.window' });

  // ---- 异议 inside the window -----------------------------------------------------------
  clock.now = new Date('2019-03-06T02:00:00Z');
  expect(await mutate(yoga, FILE, objection1, t.zhouquan)).toMatchObject({
    __typename: 'NotAuthorised',
    division: SHIMEN,
  });
  expect(await mutate(yoga, FILE, { ...objection1, uscc: uscc(9) }, t.shimen)).toMatchObject({
    __typename: 'ValidationError',
    fieldErrors: [{ field: 'input.uscc', rule: 'run.reference.firm' }],
  });
  expect(await mutate(yoga, FILE, { ...objection1, reason: '  ' }, t.shimen)).toMatchObject({
    fieldErrors: [{ rule: 'reason.required' }],
  });
  expect((await mutate(yoga, FILE, objection1, t.viewer)).__typename).toBe('NotAuthorised');
  const filed1 = await mutate(yoga, FILE, objection1, t.shimen);
  expect(filed1).toMatchObject({
    __typename: 'ObjectionSuccess',
    objection: { id: `${id}.1`, uscc: uscc(1), town: { name: '石门' }, category: 'LAND_AREA', resolved: false },
  });
  const filed2 = await mutate(
    yoga,
    FILE,
    { runId: id, uscc: uscc(4), category: 'DATA_ERROR', reason: '用地面积漏报，实为2亩' },
    t.admin,
  );
  expect(at(filed2, 'objection.id')).toBe(`${id}.2`);
  expect(await mutate(yoga, FINALIZE, { runId: id }, t.admin)).toMatchObject({
    __typename: 'InvalidTransition',
    status: 'publicNotice',
    rule: 'run.windowOpen',
  });

  // What each role sees of the published run.
  const asViewer = await readRun(yoga, id, t.viewer);
  expect(nodes(asViewer).map((n) => [n.name, at(n, 'town.name'), n.class, n.rank, n.figuresShown])).toEqual([
    ['桐乡市企业1有限公司', '石门', 'B', 3, false],
    ['桐乡市企业2有限公司', '石门', 'B', 2, false],
    ['桐乡市企业3有限公司', '洲泉', 'A', 1, false],
    ['桐乡市企业4有限公司', '洲泉', 'C', 4, false],
  ]);
  for (const n of nodes(asViewer)) {
    expect(n).toMatchObject({ totalReported: null, indicators: null, reasons: null, computedClass: null });
  }
  expect(asViewer).toMatchObject({ objections: [], overrides: null, trail: null, createdBy: null });
  expect(nodes(await readRun(yoga, id, t.anonymous))).toHaveLength(4);
  const asShimen = await readRun(yoga, id, t.shimen);
  expect((at(asShimen, 'objections') as Row[]).map((o) => o.id)).toEqual([`${id}.1`]);
  expect(nodes(asShimen).map((n) => n.figuresShown)).toEqual([true, true, false, false]);
  // The trail is filtered like the objections: 石门 does not read 洲泉's objection reason.
  const reasons = (run: Row | null) => (at(run, 'trail') as Row[]).map((e) => [e.action, e.reason]);
  expect(reasons(asShimen)).toEqual([
    ['start', null],
    ['publish', null],
    ['fileObjection', '用地面积应为1.2亩'],
  ]);
  expect(reasons(await readRun(yoga, id, t.zhouquan))).toEqual([
    ['start', null],
    ['publish', null],
    ['fileObjection', '用地面积漏报，实为2亩'],
  ]);
  const asAdmin = await readRun(yoga, id, t.admin);
  expect((at(asAdmin, 'objections') as Row[]).map((o) => o.id)).toEqual([`${id}.1`, `${id}.2`]);
  expect(nodes(asAdmin).every((n) => n.figuresShown === true)).toBe(true);
  expect(reasons(asAdmin).map(([a]) => a)).toEqual(['start', 'publish', 'fileObjection', 'fileObjection']);

  // ---- after the window: no more objections; finalising waits for 复核 -------------------
  clock.now = new Date('2019-03-12T02:00:00Z');
  expect(await mutate(yoga, FILE, { ...objection1, uscc: uscc(2) }, t.shimen)).toMatchObject({
    __typename: 'InvalidTransition',
    rule: 'run.window',
  });
  expect(await mutate(yoga, FINALIZE, { runId: id }, t.admin)).toMatchObject({ rule: 'run.openObjections' });

  // ---- 复核 -------------------------------------------------------------------------------
  const dismiss = { objectionId: `${id}.1`, outcome: 'DISMISSED', reason: '经核实，用地面积无误' };
  expect((await mutate(yoga, RESOLVE, dismiss, t.shimen)).__typename).toBe('NotAuthorised');
  expect(await mutate(yoga, RESOLVE, { ...dismiss, reason: '' }, t.admin)).toMatchObject({
    fieldErrors: [{ rule: 'reason.required' }],
  });
  expect(
    await mutate(yoga, RESOLVE, { ...dismiss, outcome: 'OVERRIDE', override: { class: 'E' } }, t.admin),
  ).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ rule: 'override.class' }] });
  expect(await mutate(yoga, RESOLVE, dismiss, t.admin)).toMatchObject({
    __typename: 'ObjectionSuccess',
    objection: { resolved: true, resolution: { outcome: 'DISMISSED', reason: '经核实，用地面积无误' } },
  });
  expect(await mutate(yoga, RESOLVE, dismiss, t.admin)).toMatchObject({
    fieldErrors: [{ rule: 'objection.resolved' }],
  });

  // Upheld with a data correction: firm 4 has 2亩, re-evaluated; wrong firm or year first changes nothing.
  const record = { uscc: uscc(4), year: 2018, scale: 'BELOW_DESIGNATED_SIZE', tax: '41.25', landArea: '2' };
  const correct = { objectionId: `${id}.2`, outcome: 'CORRECTION', reason: '用地面积更正为2亩' };
  expect(await mutate(yoga, RESOLVE, correct, t.admin)).toMatchObject({
    fieldErrors: [{ rule: 'correction.needed' }],
  });
  expect(
    await mutate(yoga, RESOLVE, { ...correct, correction: { annualData: { ...record, uscc: uscc(3) } } }, t.admin),
  ).toMatchObject({ fieldErrors: [{ field: 'input.correction.annualData.uscc', rule: 'correction.firm' }] });
  expect(
    await mutate(yoga, RESOLVE, { ...correct, correction: { annualData: { ...record, landArea: '-2' } } }, t.admin),
  ).toMatchObject({ __typename: 'ValidationError' });
  expect((await repository.listAnnualData({ year: 2018, usccs: [uscc(4)] }))[0]?.landArea).toBeUndefined();
  const corrected = await mutate(yoga, RESOLVE, { ...correct, correction: { annualData: record } }, t.admin);
  expect(corrected).toMatchObject({
    __typename: 'ObjectionSuccess',
    objection: { resolution: { outcome: 'CORRECTION' } },
  });
  // 41.25 / 2 = 20.625万元/亩: firm 4 leads; 3 drops to B, 1 to C.
  expect(at(corrected, 'objection.classChanges')).toEqual([
    { uscc: uscc(1), from: 'B', to: 'C' },
    { uscc: uscc(3), from: 'A', to: 'B' },
    { uscc: uscc(4), from: 'C', to: 'A' },
  ]);
  expect(String(at(corrected, 'objection.resolution.dataRevision'))).not.toBe(String(at(started, 'run.dataRevision')));

  // ---- 定档 ------------------------------------------------------------------------------
  expect((await mutate(yoga, FINALIZE, { runId: id }, t.shimen)).__typename).toBe('NotAuthorised');
  expect(await mutate(yoga, FINALIZE, { runId: id }, t.admin)).toMatchObject({
    __typename: 'EvaluationRunSuccess',
    run: { status: 'FINAL' },
  });
  for (const [query, input2] of [
    [FINALIZE, { runId: id }],
    [WITHDRAW, { runId: id, reason: '撤回' }],
    [PUBLISH, windowInput],
    [RESOLVE, dismiss],
  ] as const) {
    expect(await mutate(yoga, query, input2, t.admin)).toMatchObject({
      __typename: 'InvalidTransition',
      status: 'final',
      rule: 'run.final',
    });
  }
  const final = await readRun(yoga, id, t.admin, 'RANK');
  expect(final).toMatchObject({
    status: 'FINAL',
    summary: { total: { A: 1, B: 2, C: 1, total: 4 } },
  });
  expect((at(final, 'trail') as Row[]).map((s) => s.action)).toEqual([
    'start',
    'publish',
    'fileObjection',
    'fileObjection',
    'resolveObjection',
    'resolveObjection',
    'finalize',
  ]);
  expect(nodes(final).map((n) => [n.uscc, n.class])).toEqual([
    [uscc(4), 'A'],
    [uscc(3), 'B'],
    [uscc(2), 'B'],
    [uscc(1), 'C'],
  ]);

  // ---- results.xlsx (评价结果表): the stored run's, city admins only ---------------------------
  const WORKBOOK = `query ($id: ID!) { evaluationRun(id: $id) { resultsWorkbook } }`;
  const book = await gql(yoga, WORKBOOK, { id }, t.admin);
  expect(book.errors).toBeUndefined();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    Buffer.from(String(at(book.data, 'evaluationRun.resultsWorkbook')), 'base64') as unknown as ExcelJS.Buffer,
  );
  expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['汇总', '全部企业', '分类统计']);
  const rowsOf = (ws: ExcelJS.Worksheet | undefined) => {
    const out: unknown[][] = [];
    ws?.eachRow((r) => {
      out.push((r.values as unknown[]).slice(1));
    });
    return out;
  };
  // The class in force (the overrides above), in rank order, at the scheme's reporting places.
  const cohortRows = rowsOf(workbook.getWorksheet('全部企业')).slice(1);
  expect(cohortRows.map((r) => [r[1], r[r.length - 2]])).toEqual([
    [uscc(4), 'A类(优先支持)'],
    [uscc(3), 'B类(鼓励提升)'],
    [uscc(2), 'B类(鼓励提升)'],
    [uscc(1), 'C类(倒逼转型)'],
  ]);
  // 分类统计: the city's row holds the run's summary (A, B, C, D, T, 未评价, 合计).
  expect(rowsOf(workbook.getWorksheet('分类统计')).at(-1)).toEqual(['桐乡市', 1, 2, 1, 0, 0, 0, 4]);
  for (const token of [t.shimen, undefined]) {
    const refused = await gql(yoga, WORKBOOK, { id }, token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_AUTHORISED');
  }

  // ---- policy lists (差别化政策) -------------------------------------------------------------
  const POLICY = `query ($id: ID!, $town: ID) { evaluationRun(id: $id) {
    policyList(town: $town) { uscc town { name } class measure label amount { yuan(places: 2) } }
    policyListCsv(town: $town) } }`;
  const policies = await gql(yoga, POLICY, { id }, t.admin);
  expect(policies.errors).toBeUndefined();
  // Firm 4 (A): 2亩 = 4000/3 m² × 8元 × 0.5 relief; firm 1 (C): 12.5万千瓦时 × 0.10元.
  expect(at(policies.data, 'evaluationRun.policyList')).toEqual([
    {
      uscc: uscc(1),
      town: { name: '石门' },
      class: 'C',
      measure: 'electricitySurcharge',
      label: '差别化电价加价',
      amount: { yuan: '12500.00' },
    },
    {
      uscc: uscc(4),
      town: { name: '洲泉' },
      class: 'A',
      measure: 'landUseTaxRelief',
      label: '城镇土地使用税减免',
      amount: { yuan: '-5333.33' },
    },
  ]);
  expect(String(at(policies.data, 'evaluationRun.policyListCsv')).split('\n')).toEqual([
    '统一社会信用代码,企业名称,镇(街道),分类,政策措施,金额(元),备注',
    `${uscc(1)},桐乡市企业1有限公司,石门,C,差别化电价加价,12500.00,`,
    `${uscc(4)},桐乡市企业4有限公司,洲泉,A,城镇土地使用税减免,-5333.33,`,
    '',
  ]);
  const shimenPolicies = await gql(yoga, POLICY, { id }, t.shimen);
  expect((at(shimenPolicies.data, 'evaluationRun.policyList') as Row[]).map((e) => e.uscc)).toEqual([uscc(1)]);
  const other = await gql(yoga, POLICY, { id, town: ZHOUQUAN }, t.shimen);
  expect(other.errors?.[0]?.extensions?.code).toBe('NOT_AUTHORISED');
  const denied = await gql(yoga, POLICY, { id }, t.viewer);
  expect(denied.errors?.[0]?.extensions?.code).toBe('NOT_AUTHORISED');

  // ---- one final per scheme, year and city; withdrawn ---------------------------------------
  const second = String(at(await mutate(yoga, START, input, t.admin), 'run.id'));
  // Published before its window (a window cannot start in the past), read after it ended.
  const today = clock.now;
  clock.now = new Date('2019-02-25T02:00:00Z');
  expect(
    await mutate(yoga, PUBLISH, { runId: second, noticeFrom: '2019-03-01', noticeTo: '2019-03-05' }, t.admin),
  ).toMatchObject({ run: { status: 'PUBLIC_NOTICE' } });
  clock.now = today;
  expect(await mutate(yoga, FINALIZE, { runId: second }, t.admin)).toMatchObject({
    __typename: 'InvalidTransition',
    rule: 'run.oneFinal',
  });
  expect(await mutate(yoga, WITHDRAW, { runId: second, reason: '重复批次' }, t.admin)).toMatchObject({
    run: { status: 'WITHDRAWN' },
  });
  expect(await mutate(yoga, FILE, { ...objection1, runId: second }, t.admin)).toMatchObject({
    status: 'withdrawn',
    rule: 'run.withdrawn',
  });

  // ---- year over year: a 2017 run against the 2018 final run ---------------------------------
  const y2017 = String(at(await mutate(yoga, START, { ...input, year: 2017 }, t.admin), 'run.id'));
  clock.now = new Date('2019-02-25T02:00:00Z');
  await mutate(yoga, PUBLISH, { runId: y2017, noticeFrom: '2019-03-01', noticeTo: '2019-03-05' }, t.admin);
  clock.now = today;
  const CHANGES = `query ($from: ID!, $to: ID!) { classChanges(fromRun: $from, toRun: $to) {
    total { up down new exit same } byTown { town { name } counts { up down same } }
    firms { uscc from to kind kindLabel } } }`;
  const changes = await gql(yoga, CHANGES, { from: y2017, to: id }, t.viewer);
  expect(changes.errors).toBeUndefined();
  expect(at(changes.data, 'classChanges.total')).toEqual({ up: 1, down: 2, new: 0, exit: 0, same: 1 });
  expect(at(changes.data, 'classChanges.firms')).toEqual([
    { uscc: uscc(1), from: 'B', to: 'C', kind: 'DOWN', kindLabel: '降档' },
    { uscc: uscc(3), from: 'A', to: 'B', kind: 'DOWN', kindLabel: '降档' },
    { uscc: uscc(4), from: 'C', to: 'A', kind: 'UP', kindLabel: '升档' },
  ]);
  const runs = await gql(yoga, '{ evaluationRuns(city: "330483") { id status year } }', {}, t.viewer);
  expect((at(runs.data, 'evaluationRuns') as Row[]).map((r) => r.status).sort()).toEqual([
    'FINAL',
    'PUBLIC_NOTICE',
    'WITHDRAWN',
  ]);
}

async function hiddenRanks(repository: Repository): Promise<void> {
  const clock: Clock = { now: new Date('2019-03-01T02:00:00Z') };
  const yoga = gateway(repository, clock);
  const t = await tokens();
  await repository.saveScheme(scheme({ id: 'tongxiang-unranked', ranks: 'hidden' }), { actor: 'test' });
  const started = await mutate(yoga, START, { schemeId: 'tongxiang-unranked', year: 2018, city: '330483' }, t.admin);
  const id = String(at(started, 'run.id'));
  await mutate(yoga, PUBLISH, { runId: id, noticeFrom: '2019-03-01', noticeTo: '2019-03-07' }, t.admin);
  const viewer = await readRun(yoga, id, t.viewer);
  expect(viewer).toMatchObject({ scheme: { ranksPublished: false } });
  // Classes as the admin sees them (the data may have been corrected by an earlier cycle), ranks hidden.
  const admin = nodes(await readRun(yoga, id, t.admin));
  expect(nodes(viewer).map((n) => [n.class, n.rank])).toEqual(admin.map((n) => [n.class, null]));
  expect(admin.every((n) => typeof n.rank === 'number')).toBe(true);
  const byRank = await gql(yoga, RUN, { id, order: 'RANK' }, t.viewer);
  expect(byRank.errors?.[0]?.extensions?.fieldErrors).toEqual([expect.objectContaining({ rule: 'rank.hidden' })]);
  expect(nodes(await readRun(yoga, id, t.admin, 'RANK')).map((n) => n.rank)).toEqual([1, 2, 3, 4]);
  // A town operator sees its own firms' ranks, and may order only its own town by rank.
  const shimen = nodes(await readRun(yoga, id, t.shimen)).map((n) => n.rank);
  expect(shimen).toEqual([admin[0]?.rank, admin[1]?.rank, null, null]);
  expect((await gql(yoga, RUN, { id, order: 'RANK' }, t.shimen)).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  const OWN = `query ($id: ID!) { evaluationRun(id: $id) { results(town: "石门", orderBy: RANK) { edges { node { rank } } } } }`;
  const own = await gql(yoga, OWN, { id }, t.shimen);
  const ownRanks = (at(own.data, 'evaluationRun.results.edges') as Row[]).map((e) => at(e, 'node.rank'));
  expect(ownRanks).toEqual([...shimen.slice(0, 2)].sort());
}

describe('evaluation runs through the gateway: memory', () => {
  it('walks the whole cycle with every refused transition and every role', async () => {
    await walkCycle(await seed(new MemoryRepository()));
  });
  it('hides ranks from viewers when the scheme says 排名不分先后', async () => {
    await hiddenRanks(await seed(new MemoryRepository()));
  });
});

// The whole cycle twice on embedded PostgreSQL took 57 s at load 24 on 2 cores: room for a loaded machine.
describe('evaluation runs through the gateway: PGlite', { timeout: 180_000 }, () => {
  it('walks the whole cycle and hides ranks', async () => {
    const store = await openStore();
    try {
      await walkCycle(await seed(store.repository));
      await hiddenRanks(store.repository);
    } finally {
      await store.close();
    }
  });
});

const url = testDatabaseUrl();
describe.skipIf(!url)('evaluation runs through the gateway: PostgreSQL', () => {
  it('walks the whole cycle and hides ranks', async () => {
    const schema = uniqueSchema();
    const store = await openStore({ databaseUrl: url as string, schema });
    try {
      await walkCycle(await seed(store.repository));
      await hiddenRanks(store.repository);
    } finally {
      await store.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await store.close();
    }
  });
});

describe('evaluation(schemeId, year) beside the runs', () => {
  it('is kept per data revision: the same answer until a write, then the new one', async () => {
    const repository = await seed(new MemoryRepository());
    await repository.saveScheme(scheme(), { actor: 'test' });
    const yoga = gateway(repository, { now: new Date('2019-03-01T02:00:00Z') });
    const t = await tokens();
    const EVAL = `{ evaluation(schemeId: "tongxiang-runs", year: 2018) {
      results(first: 10, orderBy: RANK) { edges { node { uscc class } } } } }`;
    const classes = async () =>
      ((at((await gql(yoga, EVAL, {}, t.admin)).data, 'evaluation.results.edges') as Row[]) ?? []).map((e) =>
        at(e, 'node.uscc'),
      );
    const before = await classes();
    expect(before).toEqual([uscc(3), uscc(2), uscc(1), uscc(4)]);
    expect(await classes()).toEqual(before);
    const SAVE = `mutation ($input: SaveAnnualDataInput!) { saveAnnualData(input: $input) { __typename } }`;
    const saved = await gql(
      yoga,
      SAVE,
      {
        input: {
          city: '330483',
          records: [{ uscc: uscc(4), year: 2018, scale: 'BELOW_DESIGNATED_SIZE', tax: '41.25', landArea: '2' }],
        },
      },
      t.admin,
    );
    expect(at(saved.data, 'saveAnnualData.__typename')).toBe('SaveAnnualDataSuccess');
    expect(await classes()).toEqual([uscc(4), uscc(3), uscc(2), uscc(1)]);
  });
});

describe('evaluation(schemeId, year): live evaluations are the city admin’s (read visibility)', () => {
  const EVAL = `query ($order: EvaluationResultOrder, $town: ID, $status: EvaluationStatus) {
    evaluation(schemeId: "tongxiang-runs", year: 2018) {
      summary { total { total } belowThreshold(below: "1000") { uscc value(places: 2) } }
      results(first: 10, orderBy: $order, town: $town, status: $status) { edges { node {
        uscc class figuresShown status total(places: 2) totalReported rank indicators { value(places: 4) } } } } } }`;

  async function setup(patch: Record<string, unknown> = {}) {
    const repository = await seed(new MemoryRepository());
    await repository.saveScheme(scheme(patch), { actor: 'test' });
    const clock: Clock = { now: new Date('2019-03-01T02:00:00Z') };
    return { repository, clock, yoga: gateway(repository, clock), t: await tokens() };
  }

  it.each(['anonymous', 'viewer', 'shimen', 'zhouquan', 'otherCity'] as const)(
    'as %s: refused, nothing of it shown (read published runs instead)',
    async (who) => {
      const { yoga, t } = await setup();
      for (const vars of [{}, { order: 'RANK' }, { status: 'RATED' }, { town: SHIMEN }]) {
        const res = await gql(yoga, EVAL, vars, t[who]);
        expect(res.errors?.[0]?.extensions?.code, who).toBe('NOT_AUTHORISED');
        expect(res.data?.evaluation ?? null).toBeNull();
      }
    },
  );

  it('as the city admin: every firm, every figure, any filter and order', async () => {
    const { yoga, t } = await setup({ ranks: 'hidden' });
    const res = await gql(yoga, EVAL, { order: 'RANK', status: 'RATED' }, t.admin);
    expect(res.errors).toBeUndefined();
    const results = ((at(res.data, 'evaluation.results.edges') as Row[]) ?? []).map((e) => e.node as Row);
    expect(results.map((r) => [r.uscc, r.rank, r.figuresShown])).toEqual([
      [uscc(3), 1, true],
      [uscc(2), 2, true],
      [uscc(1), 3, true],
      [uscc(4), 4, true],
    ]);
    expect(at(res.data, 'evaluation.summary.total.total')).toBe(4);
  });

  it('the rank oracle gains nothing: a town operator writing its own firm’s tax learns no other town’s figure', async () => {
    const { yoga, t, clock } = await setup();
    // The published run a town operator may read; published before its window opens.
    const started = await mutate(yoga, START, { schemeId: 'tongxiang-runs', year: 2018, city: '330483' }, t.admin);
    const id = String(at(started, 'run.id'));
    await mutate(yoga, PUBLISH, { runId: id, noticeFrom: '2019-03-05', noticeTo: '2019-03-11' }, t.admin);
    clock.now = new Date('2019-03-06T02:00:00Z');
    const SAVE = `mutation ($input: SaveAnnualDataInput!) { saveAnnualData(input: $input) { __typename } }`;
    /** Everything a 石门 operator can read that orders or ranks the firms. */
    const observe = async () => {
      const live = await gql(yoga, EVAL, { order: 'RANK' }, t.shimen);
      const run = await readRun(yoga, id, t.shimen, 'RANK');
      return JSON.stringify({
        live: [live.data?.evaluation ?? null, live.errors?.map((e) => e.extensions?.code)],
        run: nodes(run).map((n) => [n.uscc, n.class, n.rank, n.totalReported]),
        summary: at(run, 'summary'),
      });
    };
    const adminOrder = async () =>
      ((at((await gql(yoga, EVAL, { order: 'RANK' }, t.admin)).data, 'evaluation.results.edges') as Row[]) ?? []).map(
        (e) => at(e, 'node.uscc'),
      );
    const seen = new Set<string>([await observe()]);
    const liveOrders = new Set<string>([JSON.stringify(await adminOrder())]);
    // A bisection on its own firm's tax: the live order moves, so the writes are real.
    for (const tax of ['1', '20', '40', '60', '80', '100', '150', '400']) {
      const saved = await gql(
        yoga,
        SAVE,
        {
          input: {
            city: '330483',
            records: [{ uscc: uscc(1), year: 2018, scale: 'BELOW_DESIGNATED_SIZE', tax, landArea: '1.5' }],
          },
        },
        t.shimen,
      );
      expect(at(saved.data, 'saveAnnualData.__typename')).toBe('SaveAnnualDataSuccess');
      seen.add(await observe());
      liveOrders.add(JSON.stringify(await adminOrder()));
    }
    expect(liveOrders.size).toBeGreaterThan(1);
    // The operator saw one and the same thing after every write: the live evaluation refused, the run unchanged.
    expect(seen.size).toBe(1);
    const [only] = [...seen];
    expect(JSON.parse(only as string).live).toEqual([null, ['NOT_AUTHORISED']]);
  });
});

describe('one EvaluationResult for a firm, live or stored, linked to its Enterprise', () => {
  /** Every field of the one result type (a live result and a stored one answer the same selection). */
  const FIELDS = `uscc name industry unitId cohort town { name } enterprise { uscc }
    figuresShown status class classLabel computedClass overridden
    total(places: 6) totalReported rank rankedCount percentile(places: 6) percentileReported reasons { code }
    indicators { indicator label unit weight value(places: 6) missing benchmark partialScore(places: 6) capped
      reportedValue reportedBenchmark reportedPartialScore }
    run { id status }`;
  const LIVE = `{ evaluation(schemeId: "tongxiang-runs", year: 2018) {
    results(first: 10) { edges { node { ${FIELDS} } } } } }`;
  const STORED = `query ($id: ID!) { evaluationRun(id: $id) { results(first: 10) { edges { node { ${FIELDS}
    enterprise { annualData(year: 2018) { tax { wanYuan } } } } } } } }`;
  const OF_FIRM = `query ($uscc: ID!, $status: EvaluationRunStatus, $year: Int) { enterprise(uscc: $uscc) {
    evaluationResults(status: $status, year: $year) { uscc class computedClass overridden figuresShown
      totalReported indicators { value } run { id status } } } }`;

  const edges = (data: unknown, path: string) => ((at(data, path) as Row[]) ?? []).map((e) => e.node as Row);
  const ofFirm = async (yoga: MujunGateway, headers: Record<string, string>, vars: Row) => {
    const res = await gql(yoga, OF_FIRM, vars, headers);
    expect(res.errors).toBeUndefined();
    return at(res.data, 'enterprise.evaluationResults') as Row[];
  };

  it('a run stores what the live evaluation showed, field for field; only `run` differs', async () => {
    const repository = await seed(new MemoryRepository());
    await repository.saveScheme(scheme(), { actor: 'test' });
    const yoga = gateway(repository, { now: new Date('2019-03-01T02:00:00Z') });
    const t = await tokens();
    const live = await gql(yoga, LIVE, {}, t.admin);
    expect(live.errors).toBeUndefined();
    const started = await mutate(yoga, START, { schemeId: 'tongxiang-runs', year: 2018, city: '330483' }, t.admin);
    const id = String(at(started, 'run.id'));
    const stored = await gql(yoga, STORED, { id }, t.admin);
    expect(stored.errors).toBeUndefined();
    const liveRows = edges(live.data, 'evaluation.results.edges');
    const storedRows = edges(stored.data, 'evaluationRun.results.edges');
    expect(liveRows).toHaveLength(4);
    expect(liveRows.map((r) => r.run)).toEqual([null, null, null, null]);
    expect(storedRows.map((r) => r.run)).toEqual(Array(4).fill({ id, status: 'DRAFT' }));
    // Live: the computed class is the class, never overridden.
    for (const r of liveRows) expect([r.computedClass, r.overridden]).toEqual([r.class, false]);
    const strip = ({ run: _run, enterprise: _e, ...rest }: Row) => rest;
    expect(storedRows.map(strip)).toEqual(liveRows.map(strip));
    // The stored indicators carry the scheme's weight and the cohort's 基准值 (3万元/亩) as the engine used them.
    expect(at(storedRows[1], 'indicators.0')).toMatchObject({
      weight: '100',
      benchmark: '3',
      reportedBenchmark: '3.0000',
    });
    expect(storedRows.map((r) => at(r, 'enterprise.uscc'))).toEqual([uscc(1), uscc(2), uscc(3), uscc(4)]);
  });

  it('shows an override: the class in force, the computed class, overridden; Enterprise.evaluationResults by role', async () => {
    const repository = await seed(new MemoryRepository());
    await repository.saveScheme(scheme(), { actor: 'test' });
    const clock: Clock = { now: new Date('2019-03-01T02:00:00Z') };
    const yoga = gateway(repository, clock);
    const t = await tokens();
    const started = await mutate(yoga, START, { schemeId: 'tongxiang-runs', year: 2018, city: '330483' }, t.admin);
    const id = String(at(started, 'run.id'));

    // A draft: the city's admins', and only when asked for by status; nobody else reaches it from the firm.
    expect(await ofFirm(yoga, t.admin, { uscc: uscc(1) })).toEqual([]);
    expect((await ofFirm(yoga, t.admin, { uscc: uscc(1), status: 'DRAFT' })).map((r) => r.run)).toEqual([
      { id, status: 'DRAFT' },
    ]);
    for (const who of [t.viewer, t.shimen])
      expect(await ofFirm(yoga, who, { uscc: uscc(1), status: 'DRAFT' })).toEqual([]);

    await mutate(yoga, PUBLISH, { runId: id, noticeFrom: '2019-03-05', noticeTo: '2019-03-11' }, t.admin);
    clock.now = new Date('2019-03-06T02:00:00Z');
    const filed = await mutate(
      yoga,
      FILE,
      { runId: id, uscc: uscc(1), category: 'LAND_AREA', reason: '用地面积应为1.2亩' },
      t.shimen,
    );
    const overridden = await mutate(
      yoga,
      RESOLVE,
      {
        objectionId: at(filed, 'objection.id'),
        outcome: 'OVERRIDE',
        reason: '技改投入大，提档',
        override: { class: 'A' },
      },
      t.admin,
    );
    expect(overridden.__typename).toBe('ObjectionSuccess');

    // The firm's own town operator and the admin see the override; a viewer, the class in force only.
    for (const who of [t.admin, t.shimen]) {
      expect(await ofFirm(yoga, who, { uscc: uscc(1) })).toEqual([
        expect.objectContaining({
          uscc: uscc(1),
          class: 'A',
          computedClass: 'B',
          overridden: true,
          figuresShown: true,
          run: { id, status: 'PUBLIC_NOTICE' },
        }),
      ]);
    }
    const asViewer = await ofFirm(yoga, t.viewer, { uscc: uscc(1) });
    expect(asViewer).toEqual([
      {
        uscc: uscc(1),
        class: 'A',
        computedClass: null,
        overridden: null,
        figuresShown: false,
        totalReported: null,
        indicators: null,
        run: { id, status: 'PUBLIC_NOTICE' },
      },
    ]);
    // Another town's operator sees no figure of a 石门 firm; other years and statuses filter.
    expect((await ofFirm(yoga, t.zhouquan, { uscc: uscc(1) }))[0]).toMatchObject({
      figuresShown: false,
      computedClass: null,
    });
    expect(await ofFirm(yoga, t.admin, { uscc: uscc(1), year: 2017 })).toEqual([]);
    expect(await ofFirm(yoga, t.admin, { uscc: uscc(1), status: 'FINAL' })).toEqual([]);

    // The link to the Enterprise gives a viewer no confidential figure: annualData follows its own rule.
    const viaRun = async (headers: Record<string, string>) =>
      edges((await gql(yoga, STORED, { id }, headers)).data, 'evaluationRun.results.edges').map((r) =>
        at(r, 'enterprise.annualData') === null ? null : at(r, 'enterprise.annualData.tax.wanYuan'),
      );
    expect(await viaRun(t.viewer)).toEqual([null, null, null, null]);
    expect(await viaRun(t.shimen)).toEqual(['11.25', '21.25', null, null]);
    expect(await viaRun(t.admin)).toEqual(['11.25', '21.25', '31.25', '41.25']);
  });

  it('is reachable from a federation reference to the Enterprise (_entities), under the same rules', async () => {
    const repository = await seed(new MemoryRepository());
    await repository.saveScheme(scheme(), { actor: 'test' });
    const clock: Clock = { now: new Date('2019-03-01T02:00:00Z') };
    const yoga = gateway(repository, clock);
    const t = await tokens();
    const started = await mutate(yoga, START, { schemeId: 'tongxiang-runs', year: 2018, city: '330483' }, t.admin);
    const id = String(at(started, 'run.id'));
    await mutate(yoga, PUBLISH, { runId: id, noticeFrom: '2019-03-05', noticeTo: '2019-03-11' }, t.admin);
    const subgraph = createGateway({
      repository,
      subgraph: true,
      auth: { secret: SECRET },
      logging: false,
      now: () => clock.now,
    });
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise {
      uscc evaluationResults { class figuresShown totalReported run { id status } } } } }`;
    const reps = [
      { __typename: 'Enterprise', uscc: uscc(2) },
      { __typename: 'Enterprise', uscc: uscc(3) },
    ];
    const asViewer = await gql(subgraph, ENTITIES, { r: reps }, t.viewer);
    expect(asViewer.errors).toBeUndefined();
    expect(at(asViewer.data, '_entities')).toEqual([
      {
        uscc: uscc(2),
        evaluationResults: [
          { class: 'B', figuresShown: false, totalReported: null, run: { id, status: 'PUBLIC_NOTICE' } },
        ],
      },
      {
        uscc: uscc(3),
        evaluationResults: [
          { class: 'A', figuresShown: false, totalReported: null, run: { id, status: 'PUBLIC_NOTICE' } },
        ],
      },
    ]);
    const asShimen = await gql(subgraph, ENTITIES, { r: reps }, t.shimen);
    expect(at(asShimen.data, '_entities.0.evaluationResults.0.figuresShown')).toBe(true);
    expect(at(asShimen.data, '_entities.1.evaluationResults.0.figuresShown')).toBe(false);
  });
});
