import { describe, expect, it } from 'vitest';
import {
  canonicalId,
  evaluateCity,
  evaluationPopulation,
  fileRunObjection,
  finalizeEvaluationRun,
  publishEvaluationRun,
  resolveRunObjection,
  startEvaluationRun,
  tenanciesOf,
  withdrawEvaluationRun,
} from '../../src/cycle/index';
import {
  InvalidTransitionError,
  MemoryRepository,
  parseAnnualData,
  parseEnterprise,
  parseEvaluationScheme,
  parseLandParcel,
  ValidationError,
} from '../../src/index';
import { runInput, runSchemeDocument, TOWN_A, TOWN_B, usccOf } from '../runs/fixtures';

const admin = (at: string) => ({ actor: 'cityAdmin:331003:wang', at });
const operator = (at: string) => ({ actor: `townOperator:${TOWN_A}:li`, at });

/** What a step refused with: `invalid:<rule>` or `<status>:<rule>`. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return `invalid:${e.issues[0]?.rule}`;
    if (e instanceof InvalidTransitionError) return `${e.status}:${e.rule}`;
    throw e;
  }
}

async function cityRepository(extra: { enterprises?: unknown[]; annualData?: unknown[]; parcels?: unknown[] } = {}) {
  const repo = new MemoryRepository({ now: () => '2023-08-01T00:00:00.000Z' });
  const ctx = { actor: 'test' };
  await repo.saveRegion(
    {
      code: '331003',
      name: '黄岩区',
      towns: [
        { code: TOWN_A, name: '一镇', fullName: '一镇', kind: 'town' },
        { code: TOWN_B, name: '二镇', fullName: '二镇', kind: 'town' },
      ],
    },
    ctx,
  );
  const input = runInput();
  await repo.saveRecords(
    '331003',
    {
      parcels: extra.parcels ?? [],
      enterprises: [
        ...input.enterprises.map((e) => ({ ...e, industry: e.industry.code })),
        ...(extra.enterprises ?? []),
      ],
      annualData: [
        ...input.annualData.map((d) => ({
          uscc: d.uscc,
          year: d.year,
          scale: d.scale,
          revenue: d.revenue?.in('wanYuan').toString(),
          tax: d.tax?.in('wanYuan').toString(),
          landArea: d.landArea?.in('mu').toString(),
          electricity: d.electricity?.in('wanKWh').toString(),
        })),
        ...(extra.annualData ?? []),
      ],
    },
    ctx,
  );
  await repo.saveScheme(runSchemeDocument(), ctx);
  return repo;
}

describe('the evaluation population (评价对象): one rule', () => {
  const scheme = parseEvaluationScheme(runSchemeDocument());
  const firm = (n: number, registeredOn: string, parcelIds: string[] = []) =>
    parseEnterprise({
      uscc: usccOf(n),
      name: `企业${n}`,
      townCode: TOWN_A,
      industry: '1751',
      registeredOn,
      parcelIds,
    });
  const data = (n: number, year: number) =>
    parseAnnualData({ uscc: usccOf(n), year, scale: 'belowDesignatedSize', tax: '5', landArea: '1' });

  it('every firm registered by the reference date, those without data counted; only the year’s data', () => {
    const population = evaluationPopulation(
      {
        enterprises: [firm(3, '2010-01-01'), firm(1, '2010-01-01'), firm(2, '2023-02-01'), firm(4, '2023-03-01')],
        annualData: [data(1, 2022), data(1, 2021), data(3, 2021), data(4, 2022)],
        parcels: [],
      },
      scheme,
    );
    // 2 registered after 2022-12-31 without data: not evaluated; 4 registered later but reported: evaluated.
    expect(population.input.enterprises.map((e) => e.uscc)).toEqual([usccOf(1), usccOf(3), usccOf(4)]);
    expect(population.input.annualData.map((d) => [d.uscc, d.year])).toEqual([
      [usccOf(1), 2022],
      [usccOf(4), 2022],
    ]);
    expect(population.withoutData).toBe(1);
    expect(population.referenceDate).toBe('2022-12-31');
  });

  it('derives tenancies (承租) from parcels held by another firm of the city', () => {
    const parcels = [
      parseLandParcel({ id: 'P1', townCode: TOWN_A, area: '10', category: 'inUse', holderUscc: usccOf(1) }),
      parseLandParcel({ id: 'P2', townCode: TOWN_A, area: '10', category: 'inUse', holderUscc: usccOf(9) }),
    ];
    const firms = [firm(1, '2010-01-01', ['P1']), firm(2, '2010-01-01', ['P1', 'P2'])];
    expect(tenanciesOf(firms, parcels)).toEqual([{ tenant: usccOf(2), landlord: usccOf(1) }]);
  });

  it('evaluateCity: firms without data are 未评价 with reason noData, as on every face', async () => {
    const late = { uscc: usccOf(30), name: '企业30', townCode: TOWN_B, industry: '1751', registeredOn: '2015-01-01' };
    const repo = await cityRepository({ enterprises: [late] });
    const city = await evaluateCity(repo, '331003', scheme);
    expect(city.result.size).toBe(21);
    expect(city.population.withoutData).toBe(1);
    const e = city.result.explain(usccOf(30));
    expect(e).toMatchObject({ status: 'notEvaluated', class: null, reasons: [{ code: 'noData' }] });
    expect(city.summary.total.none).toBe(1);
    await expect(evaluateCity(repo, '999999', scheme)).rejects.toThrow(ValidationError);
  });
});

describe('cycle steps over a repository', () => {
  it('canonical ids: NFKC, trimmed; refused with the field named', () => {
    expect(canonicalId(' ｒ１ ', 'input.runId')).toBe('r1');
    expect(() => canonicalId('a\u0000b', 'input.runId')).toThrow(/input\.runId/);
    expect(() => canonicalId('  ', 'input.runId')).toThrow(ValidationError);
  });

  it('start → publish (window rules) → object → resolve with a correction → finalise after the window', async () => {
    const repo = await cityRepository();
    const start = await startEvaluationRun(
      repo,
      { regionCode: '331003', schemeId: 'run-probe', year: 2022, id: 'r1' },
      admin('2023-08-01T02:00:00.000Z'),
    );
    expect(start.changed.results).toBe(20);
    const publishAt = admin('2023-08-22T01:00:00.000Z'); // 2023-08-22 北京时间
    const window = (from: string, to: string) =>
      publishEvaluationRun(repo, { runId: 'r1', notice: { from, to } }, publishAt);
    expect(await refusal(window('2023-08-21', '2023-08-30'))).toBe('invalid:run.notice.start');
    expect(await refusal(window('2023-08-22', '2023-08-22'))).toBe('invalid:run.notice.end');
    expect(await refusal(window('2023-08-23', '2023-08-26'))).toBe('invalid:run.notice.length');
    expect((await repo.getRun('r1'))?.status).toBe('draft');
    const published = await window('2023-08-23', '2023-08-27');
    expect(published.run).toMatchObject({ status: 'publicNotice', notice: { from: '2023-08-23', to: '2023-08-27' } });

    // The firm named in another spelling: lower case, spaces, full-width run id.
    const filed = await fileRunObjection(
      repo,
      { runId: ' ｒ1', uscc: ` ${usccOf(1).toLowerCase()}`, category: 'landArea', reason: '用地面积多报' },
      operator('2023-08-24T02:00:00.000Z'),
    );
    expect(filed.objection).toMatchObject({ id: 'r1.1', uscc: usccOf(1) });
    // Finalising inside the window, or on its last day, is refused.
    for (const at of ['2023-08-25T02:00:00.000Z', '2023-08-27T15:00:00.000Z']) {
      expect(await refusal(finalizeEvaluationRun(repo, { runId: 'r1' }, admin(at)))).toBe(
        'publicNotice:run.windowOpen',
      );
    }
    const resolved = await resolveRunObjection(
      repo,
      {
        objectionId: 'r1.1',
        outcome: 'correction',
        reason: '核实更正',
        annualData: {
          uscc: usccOf(1),
          year: 2022,
          scale: 'aboveDesignatedSize',
          revenue: '5000',
          tax: '1',
          landArea: '0.01',
        },
      },
      admin('2023-08-28T02:00:00.000Z'),
    );
    expect(resolved.changed).toMatchObject({ records: 1 });
    expect((await repo.getRunResults('r1', [usccOf(1)]))[0]).toMatchObject({ rank: 1, class: 'A' });
    expect((await repo.listAnnualData({ year: 2022, usccs: [usccOf(1)] }))[0]?.tax?.toString()).toBe('1万元');
    const final = await finalizeEvaluationRun(repo, { runId: 'r1' }, admin('2023-08-28T03:00:00.000Z'));
    expect(final.run.status).toBe('final');
    expect(
      await refusal(withdrawEvaluationRun(repo, { runId: 'r1', reason: 'x' }, admin('2023-08-29T00:00:00Z'))),
    ).toBe('final:run.final');
  });

  it('the scheme sets the minimum window (noticeMinDays)', async () => {
    const repo = await cityRepository();
    await repo.saveScheme(runSchemeDocument({ id: 'short', noticeMinDays: 2 }), { actor: 't' });
    const at = admin('2023-08-01T02:00:00.000Z');
    await startEvaluationRun(repo, { regionCode: '331003', schemeId: 'short', year: 2022, id: 'r2' }, at);
    const ok = await publishEvaluationRun(repo, { runId: 'r2', notice: { from: '2023-08-02', to: '2023-08-03' } }, at);
    expect(ok.run.status).toBe('publicNotice');
    expect(await refusal(startEvaluationRun(repo, { regionCode: '331003', schemeId: 'nope', year: 2022 }, at))).toBe(
      'invalid:reference.scheme',
    );
  });
});
