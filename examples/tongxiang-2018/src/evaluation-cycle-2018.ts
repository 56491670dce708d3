import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  type ClassCounts,
  type EvaluationRun,
  MemoryRepository,
  Money,
  type PolicyListEntry,
  parseEvaluationScheme,
  policyList,
  policyListCsv,
  Rational,
  type Repository,
  type RunResult,
  summarizeRun,
} from '@mujun/core';
import {
  fileRunObjection,
  finalizeEvaluationRun,
  publishEvaluationRun,
  resolveRunObjection,
  startEvaluationRun,
} from '@mujun/core/cycle';
import { registryToInput } from '@mujun/core/internal';
import { CLASS_CHANGE_LABELS } from '@mujun/core/labels';
import { annualDataToInput } from '@mujun/core/model';
import { DatasetError, formatIssue, loadDataset, readDataDir } from './data';
import { table } from './table';

/**
 * The example's 差别化政策表 (illustrative, not Tongxiang's official table):
 * 电价 +0.10 元/千瓦时 for C and +0.30 for D, 水价 +30% (base 4.0元/吨) for D,
 * 城镇土地使用税 relief of half (6元/m²) for A.
 */
export const POLICIES_2018 = {
  id: 'tongxiang-2018-policies-example',
  name: '桐乡市亩均效益差别化政策（示例，非官方）',
  measures: [
    { kind: 'landUseTaxRelief', class: 'A', share: '0.5', taxYuanPerSquareMetre: '6' },
    { kind: 'electricitySurcharge', class: 'C', yuanPerKWh: '0.10' },
    { kind: 'electricitySurcharge', class: 'D', yuanPerKWh: '0.30' },
    { kind: 'waterSurcharge', class: 'D', share: '0.3', basePriceYuanPerTonne: '4.0' },
  ],
};

/** The clock of the example cycle (UTC): 公示 5–11 March 2019, 复核 on the 12th, 定档 on the 13th. */
export const CYCLE_DATES = {
  start: '2019-03-01T01:00:00.000Z',
  publish: '2019-03-04T01:00:00.000Z',
  notice: { from: '2019-03-05', to: '2019-03-11' },
  objections: '2019-03-07T02:00:00.000Z',
  review: '2019-03-12T02:00:00.000Z',
  finalize: '2019-03-13T02:00:00.000Z',
} as const;

export interface Cycle2018 {
  readonly draft: EvaluationRun;
  readonly final: EvaluationRun;
  readonly results: readonly RunResult[];
  readonly byTown: Readonly<Record<string, ClassCounts>>;
  readonly total: ClassCounts;
  /** The firm whose 用地面积 was corrected, its class before and after. */
  readonly corrected: { readonly uscc: string; readonly name: string; readonly from: string; readonly to: string };
  readonly dismissed: { readonly uscc: string; readonly name: string; readonly class: string };
  readonly policies: readonly PolicyListEntry[];
  readonly townNames: ReadonlyMap<string, string>;
}

const CITY = { actor: 'cityAdmin:330483:example' };
const townOperator = (townCode: string) => ({ actor: `townOperator:${townCode}:example` });

/**
 * 年度评价流程 on the 2018 dataset through the cycle steps of
 * `@mujun/core/cycle` over any repository (the core's MemoryRepository by
 * default, or `@mujun/store`'s): save the shipped scheme (with the example
 * policy table), start a run, publish it for 5–11 March, take two objections
 * — the lowest-ranked C firm of 规上 whose 用地面积 was over-reported (upheld:
 * the land corrected and the cohort re-evaluated in one transaction, the
 * class changes recorded) and the first D firm (dismissed) — then finalise
 * and read the class counts, changes and policy list. No gateway involved.
 */
export async function evaluationCycle2018(
  files: Readonly<Record<string, string>>,
  repository: Repository = new MemoryRepository({ now: () => CYCLE_DATES.start }),
): Promise<Cycle2018> {
  const { registry } = loadDataset(files, [2018]);
  await repository.importRegion(registryToInput(registry), [], { actor: 'import:tongxiang-2018' });
  const document = { ...(JSON.parse(files['scheme-2018.json'] ?? 'null') as object), policies: POLICIES_2018 };
  const { id: schemeId } = await repository.saveScheme(document, CITY);

  // 开始评价: the city's evaluation population, as the gateway and `mujun evaluate` read it.
  const start = await startEvaluationRun(
    repository,
    { regionCode: '330483', schemeId, year: 2018, id: 'tongxiang-2018' },
    { ...CITY, at: CYCLE_DATES.start },
  );
  const draft = start.run;
  await publishEvaluationRun(
    repository,
    { runId: draft.id, notice: CYCLE_DATES.notice },
    { ...CITY, at: CYCLE_DATES.publish },
  );

  // Two objections, filed by the firms' town operators inside the window.
  const results = await repository.loadRunResults(draft.id);
  const rankedC = results
    .filter((r) => r.cohortId === 'aboveDesignatedSize' && r.class === 'C' && r.rank !== null)
    .sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0) || (a.uscc < b.uscc ? -1 : 1));
  const upheld = rankedC[0] ?? fail('no C firm above designated size');
  const dismissed = results.filter((r) => r.class === 'D').sort((a, b) => (a.uscc < b.uscc ? -1 : 1))[0];
  if (!dismissed) fail('no D firm');
  const data = (await repository.listAnnualData({ year: 2018, usccs: [upheld.uscc] }))[0] ?? fail('no data');
  const land = data.landArea ?? fail('no land area');
  // Rounded once, as the corrected figure is entered: 4 places of 亩.
  const correctLand = Rational.from(land.in('mu').dividedBy(Rational.of(3n)).toFixed({ places: 4 }));
  const filed: string[] = [];
  for (const [firm, category, reason] of [
    [upheld, 'landArea', `用地面积多报：实际用地为登记面积的三分之一（${correctLand.toFixed({ places: 4 })}亩）`],
    [dismissed, 'dataError', '认为税收数据有误'],
  ] as const) {
    const step = await fileRunObjection(
      repository,
      { runId: draft.id, uscc: firm.uscc, category, reason },
      { ...townOperator(firm.townCode), at: CYCLE_DATES.objections },
    );
    filed.push(step.objection.id);
  }

  // 复核: the corrected land and the re-evaluated run in one repository transaction.
  const review = { ...CITY, at: CYCLE_DATES.review };
  const [first, second] = filed;
  if (!first || !second) fail('objections missing');
  await resolveRunObjection(
    repository,
    {
      objectionId: first,
      outcome: 'correction',
      reason: '经自然资源部门核实，更正用地面积',
      annualData: { ...annualDataToInput(data), landArea: correctLand.toFixed({ places: 4 }) },
    },
    review,
  );
  await resolveRunObjection(
    repository,
    { objectionId: second, outcome: 'dismissed', reason: '经税务部门核实，税收数据无误' },
    review,
  );

  // 定档.
  await finalizeEvaluationRun(repository, { runId: draft.id }, { ...CITY, at: CYCLE_DATES.finalize });

  const final = (await repository.getRun(draft.id)) ?? fail('run missing');
  const finalResults = await repository.loadRunResults(draft.id);
  const summary = summarizeRun(await repository.countRunClasses(draft.id));
  const after = finalResults.find((r) => r.uscc === upheld.uscc) ?? fail('firm missing');
  const annual = new Map(
    (await repository.listAnnualData({ year: 2018, regionCode: '330483' })).map((d) => [d.uscc, d]),
  );
  return {
    draft,
    final,
    results: finalResults,
    byTown: summary.byTown,
    total: summary.total,
    corrected: { uscc: upheld.uscc, name: upheld.name, from: String(upheld.class), to: String(after.class) },
    dismissed: { uscc: dismissed.uscc, name: dismissed.name, class: String(dismissed.class) },
    policies: policyList(finalResults, parseEvaluationScheme(final.scheme).policies ?? fail('no policies'), annual),
    townNames: new Map(registry.region.towns.map((t) => [t.code, t.name])),
  };
}

function fail(message: string): never {
  throw new Error(`[mujun] evaluation-cycle-2018: ${message}`);
}

const CLASSES = ['A', 'B', 'C', 'D', 'T', 'none'] as const;
const countRow = (c: ClassCounts | undefined) => {
  const n = CLASSES.map((k) => c?.[k] ?? 0);
  return [...n.map(String), String(n.reduce((a, b) => a + b, 0))];
};

export function formatCycle(c: Cycle2018): string {
  const town = (code: string) => c.townNames.get(code) ?? code;
  const byMeasure = new Map<string, { firms: number; noData: number; amount: Money }>();
  for (const e of c.policies) {
    const m = byMeasure.get(e.label) ?? { firms: 0, noData: 0, amount: Money.yuan('0') };
    byMeasure.set(e.label, {
      firms: m.firms + 1,
      noData: m.noData + (e.amount ? 0 : 1),
      amount: e.amount ? m.amount.plus(e.amount) : m.amount,
    });
  }
  const name = (uscc: string) => c.results.find((r) => r.uscc === uscc)?.name ?? uscc;
  return [
    `桐乡市2018年度亩均效益综合评价 — 评价批次 ${c.final.id} (合成数据)`,
    `方案版本 ${c.final.schemeVersion}`,
    `数据版本 ${c.draft.dataRevision} → ${c.final.dataRevision}`,
    `公示期 ${c.final.notice?.from} 至 ${c.final.notice?.to}；状态：已定档`,
    '',
    '异议与复核:',
    ...c.final.objections.map(
      (o) =>
        `  ${o.id} ${town(o.townCode)} ${name(o.uscc)}：${o.reason} → ${o.resolution?.reason ?? '未复核'}（${o.resolution?.outcome}）`,
    ),
    '',
    `分类变动 (更正用地面积后重新评价 ${c.final.classChanges.length}家):`,
    table(
      ['统一社会信用代码', '企业名称', '镇(街道)', '原分类', '新分类', '变动'],
      c.final.classChanges.map((x) => {
        const r = c.results.find((y) => y.uscc === x.uscc);
        const kind =
          x.from === null || x.to === null
            ? CLASS_CHANGE_LABELS.new
            : x.to < x.from
              ? CLASS_CHANGE_LABELS.up
              : CLASS_CHANGE_LABELS.down;
        return [x.uscc, r?.name ?? '', town(r?.townCode ?? ''), x.from ?? '-', x.to ?? '-', kind];
      }),
    ),
    '',
    '定档结果 (各镇街分类企业数):',
    table(
      ['镇(街道)', 'A', 'B', 'C', 'D', 'T(免评)', '未评价', '合计'],
      [
        ...[...c.townNames.entries()].map(([code, n]) => [n, ...countRow(c.byTown[code])]),
        ['全市', ...countRow(c.total)],
      ],
      [1, 2, 3, 4, 5, 6, 7],
    ),
    '',
    '差别化政策名单 (交供电、供水、税务部门):',
    table(
      ['政策措施', '企业(条)', '缺数据', '金额(万元)'],
      [...byMeasure.entries()].map(([label, m]) => [
        label,
        String(m.firms),
        String(m.noData),
        m.amount.toFixed('wanYuan', { places: 2, rounding: 'halfUp' }),
      ]),
      [1, 2, 3],
    ),
    '(缺数据: 企业未报送用电量、用水量或用地面积，该项不计金额；名单CSV: --csv <文件>)',
  ].join('\n');
}

/** `pnpm evaluation-cycle-2018 [data-dir] [--csv policy-list.csv]` */
export async function main(argv: readonly string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const at = args.indexOf('--csv');
  const csvPath = at >= 0 ? args[at + 1] : undefined;
  const rest = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
  try {
    const cycle = await evaluationCycle2018(readDataDir(rest[0]));
    console.log(formatCycle(cycle));
    if (csvPath) {
      writeFileSync(csvPath, policyListCsv(cycle.policies, cycle.townNames));
      console.log(`差别化政策名单已写入 ${csvPath}（${cycle.policies.length}条）`);
    }
    return 0;
  } catch (e) {
    if (e instanceof DatasetError) {
      for (const i of e.issues) console.error(formatIssue(i));
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
