import { pathToFileURL } from 'node:url';
import {
  type ClassCounts,
  type EvaluationResult,
  type EvaluationScheme,
  type EvaluationSummary,
  INDICATORS,
  parseEvaluationScheme,
} from '@mujun/core';
import { evaluatePopulation, evaluationPopulation } from '@mujun/core/cycle';
import { type BelowThresholdEntry, belowThreshold } from '@mujun/core/internal';
import { DatasetError, formatIssue, loadDataset, readDataDir } from './data';
import { table } from './table';

export interface Evaluation2018 {
  readonly scheme: EvaluationScheme;
  readonly result: EvaluationResult;
  readonly summary: EvaluationSummary;
  /** 亩均税收 below 3万元/亩 in 2018, lowest first (the article's 整治提升 list). */
  readonly below3: readonly BelowThresholdEntry[];
  readonly townNames: ReadonlyMap<string, string>;
  /** Firms of the city that reported no 2018 data (未评价, reason noData). */
  readonly withoutData: number;
}

/**
 * 亩均效益综合评价 2018: the shipped scheme (data/scheme-2018.json) over the
 * city's evaluation population (`evaluationPopulation` of @mujun/core/cycle,
 * the rule the gateway, the CLI and runs use: every firm of the city, those
 * that reported no 2018 data 未评价 with reason noData), class counts per
 * town, and the firms whose 亩均税收 is below 3万元/亩
 * (“园区内低效土地, 特别是亩均税收在3万元以下企业”).
 */
export function evaluate2018(files: Readonly<Record<string, string>>): Evaluation2018 {
  const { registry } = loadDataset(files, [2018]);
  const scheme = parseEvaluationScheme(JSON.parse(files['scheme-2018.json'] ?? 'null'));
  const population = evaluationPopulation(
    {
      enterprises: registry.enterprises.values(),
      annualData: registry.annualData.values(),
      parcels: registry.parcels.values(),
    },
    scheme,
  );
  const { result, summary } = evaluatePopulation(registry.region, scheme, population);
  const { enterprises, annualData } = population.input;
  return {
    scheme,
    result,
    summary,
    withoutData: population.withoutData,
    below3: belowThreshold(enterprises, annualData, { year: 2018, indicator: 'taxPerMu', below: '3' }),
    townNames: new Map(registry.region.towns.map((t) => [t.code, t.name])),
  };
}

const CLASSES = ['A', 'B', 'C', 'D', 'T', 'none'] as const;
const countRow = (c: ClassCounts | undefined) => {
  const n = CLASSES.map((k) => c?.[k] ?? 0);
  return [...n.map(String), String(n.reduce((a, b) => a + b, 0))];
};

export function formatEvaluation(r: Evaluation2018): string {
  const header = ['镇(街道)', 'A', 'B', 'C', 'D', 'T(免评)', '未评价', '合计'];
  const towns = [...r.townNames.entries()];
  const cohorts = r.result.cohorts.map((c) => [
    c.name,
    String(c.ranked),
    ...c.benchmarks.map((b) => `${INDICATORS[b.indicator].label} ${b.reported}`),
  ]);
  return [
    `${r.scheme.name} — ${r.scheme.year}年度数据 (合成)`,
    '',
    table(
      header,
      [
        ...towns.map(([code, name]) => [name, ...countRow(r.summary.byTown[code])]),
        ['全市', ...countRow(r.summary.total)],
      ],
      [1, 2, 3, 4, 5, 6, 7],
    ),
    `(未评价: 未报送2018年度数据的企业 ${r.withoutData}家, 及无自有用地且无租赁关系数据、不属任何评价对象组的企业)`,
    '',
    '评价对象组与基准值 (本市企业的比值之和):',
    ...cohorts.map((c) => `  ${c[0]} (参评${c[1]}家)${c[1] === '0' ? '' : `: ${c.slice(2).join(', ')}`}`),
    '',
    `亩均税收低于3万元/亩的企业 ${r.below3.length}家 (整治提升名单, 由低到高):`,
    table(
      ['序号', '镇(街道)', '企业名称', '统一社会信用代码', '亩均税收(万元/亩)'],
      r.below3.map((e, i) => [
        String(i + 1),
        r.townNames.get(e.townCode) ?? e.townCode,
        e.name,
        e.uscc,
        e.value.toFixed({ places: 2 }),
      ]),
      [0, 4],
    ),
  ].join('\n');
}

/** `pnpm evaluate-2018 [data-dir]` */
export function main(argv: readonly string[]): number {
  try {
    console.log(formatEvaluation(evaluate2018(readDataDir(argv[0]))));
    return 0;
  } catch (e) {
    if (e instanceof DatasetError) {
      for (const i of e.issues) console.error(formatIssue(i));
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
