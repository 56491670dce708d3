import { invalid } from '../errors';
import { Rational, type RationalInput } from '../exact/rational';
import type { EnterpriseAnnualData } from '../model/annual-data';
import type { Enterprise } from '../model/enterprise';
import { type IndicatorSample, ratioOfSums } from './benchmark';
import { checkAnnualRecord } from './columns';
import { Evaluation } from './evaluation';
import { type IndicatorId, indicatorParts } from './indicators';
import type { EnterpriseEvaluation, EvaluationResult } from './result';

/** Number of enterprises per class; `none` counts those with no class (excluded, not evaluated). */
export interface ClassCounts {
  A: number;
  B: number;
  C: number;
  D: number;
  T: number;
  none: number;
}

const zeroCounts = (): ClassCounts => ({ A: 0, B: 0, C: 0, D: 0, T: 0, none: 0 });

/** What counting classes reads of a firm's result: an evaluation's, or a stored run's as a workbook shows it. */
export type ClassedFirm = Pick<EnterpriseEvaluation, 'cohortId' | 'townCode' | 'industry' | 'class'>;

function countBy(results: readonly ClassedFirm[], key: (r: ClassedFirm) => string) {
  const out: Record<string, ClassCounts> = {};
  for (const r of results) {
    const k = key(r);
    out[k] ??= zeroCounts();
    out[k][r.class ?? 'none'] += 1;
  }
  return out;
}

/** 分类汇总: class counts overall, per cohort, per town (12-digit code) and per industry 大类 (2 digits). */
export interface EvaluationSummary {
  readonly total: ClassCounts;
  readonly byCohort: Readonly<Record<string, ClassCounts>>;
  readonly byTown: Readonly<Record<string, ClassCounts>>;
  readonly byIndustry: Readonly<Record<string, ClassCounts>>;
}

/**
 * Counts classes of an evaluation result. Firms outside every cohort count under cohort `-`.
 * A result of `evaluate` is counted from its columns, without building explanations.
 */
export function summarizeEvaluation(
  result: EvaluationResult | { readonly enterprises: readonly ClassedFirm[] },
): EvaluationSummary {
  if (result instanceof Evaluation) return summarizeColumns(result);
  const all = result.enterprises;
  return {
    total: countBy(all, () => 'all').all ?? zeroCounts(),
    byCohort: countBy(all, (r) => r.cohortId ?? '-'),
    byTown: countBy(all, (r) => r.townCode),
    byIndustry: countBy(all, (r) => r.industry.slice(0, 2)),
  };
}

function countInto(counts: Record<string, ClassCounts>, key: string): ClassCounts {
  let c = counts[key];
  if (!c) {
    c = zeroCounts();
    counts[key] = c;
  }
  return c;
}

function summarizeColumns(result: Evaluation): EvaluationSummary {
  const total = zeroCounts();
  const byCohort: Record<string, ClassCounts> = {};
  const byTown: Record<string, ClassCounts> = {};
  const byIndustry: Record<string, ClassCounts> = {};
  // 大类 of each industry code, cut once per code rather than once per firm.
  const divisionOf = new Map<string, string>();
  for (let i = 0; i < result.size; i++) {
    const cls = result.classOf(i) ?? 'none';
    const e = result.firm(i);
    total[cls] += 1;
    const cohort = result.cohortOf(i) ?? '-';
    countInto(byCohort, cohort)[cls] += 1;
    countInto(byTown, e.townCode)[cls] += 1;
    let division = divisionOf.get(e.industry.code);
    if (division === undefined) {
      division = e.industry.code.slice(0, 2);
      divisionOf.set(e.industry.code, division);
    }
    countInto(byIndustry, division)[cls] += 1;
  }
  return { total, byCohort, byTown, byIndustry };
}

/** Annual data of one year by USCC (the records checked to be parsed ones first). */
function dataOfYear(annualData: readonly EnterpriseAnnualData[], year: number) {
  if (!Array.isArray(annualData))
    throw invalid('annualData', 'invalid_type', 'must be an array of annual-data records');
  return new Map(
    annualData
      .filter((d, i) => {
        checkAnnualRecord(d, i, 'annualData');
        return d.year === year;
      })
      .map((d) => [d.uscc, d]),
  );
}

/** One entry of 整治提升名单. */
export interface BelowThresholdEntry {
  readonly uscc: string;
  readonly name: string;
  readonly townCode: string;
  readonly value: Rational;
}

/**
 * 整治提升名单: enterprises whose indicator is below `below` in `year`
 * (e.g. 亩均税收 < 3万元/亩), lowest first, ties by USCC. Firms whose value
 * cannot be computed are not listed (see `indicatorParts`).
 */
export function belowThreshold(
  enterprises: readonly Enterprise[],
  annualData: readonly EnterpriseAnnualData[],
  options: { readonly year: number; readonly indicator: IndicatorId; readonly below: RationalInput },
): BelowThresholdEntry[] {
  const limit = Rational.from(options.below, 'below');
  const data = dataOfYear(annualData, options.year);
  const out: BelowThresholdEntry[] = [];
  for (const e of enterprises) {
    const d = data.get(e.uscc);
    if (!d) continue;
    const p = indicatorParts(options.indicator, d);
    if (p.ok && p.value.compare(limit) < 0)
      out.push({ uscc: e.uscc, name: e.name, townCode: e.townCode, value: p.value });
  }
  return out.sort((a, b) => a.value.compare(b.value) || (a.uscc < b.uscc ? -1 : 1));
}

/** An indicator per town as a ratio of sums, in two years, and its growth. */
export interface TownGrowth {
  readonly townCode: string;
  readonly previous: Rational | null;
  readonly current: Rational | null;
  /** current / previous − 1 (0.1 = +10%); null without both years or with a non-positive previous value. */
  readonly growth: Rational | null;
  /** Whether growth reaches `target`, when a target is given. */
  readonly met: boolean | null;
}

/**
 * 亩均税收增长 per town: the indicator as Σ numerator / Σ denominator over the
 * town's enterprises with data in each year, and its year-over-year growth
 * against an optional target (e.g. `"0.10"` for +10%). Towns in code order.
 */
export function growthByTown(
  enterprises: readonly Enterprise[],
  annualData: readonly EnterpriseAnnualData[],
  options: {
    readonly indicator: IndicatorId;
    readonly from: number;
    readonly to: number;
    readonly target?: RationalInput;
  },
): TownGrowth[] {
  const target = options.target === undefined ? undefined : Rational.from(options.target, 'target');
  const towns = [...new Set(enterprises.map((e) => e.townCode))].sort();
  // One pass over each year's data, grouped by town: not one pass per town.
  const samplesByTown = (year: number) => {
    const data = dataOfYear(annualData, year);
    const byTown = new Map<string, IndicatorSample[]>();
    for (const e of enterprises) {
      const d = data.get(e.uscc);
      const p = d ? indicatorParts(options.indicator, d) : undefined;
      if (!p?.ok) continue;
      const list = byTown.get(e.townCode);
      if (list) list.push(p);
      else byTown.set(e.townCode, [p]);
    }
    return byTown;
  };
  const before = samplesByTown(options.from);
  const after = samplesByTown(options.to);
  const ofYear = (byTown: ReadonlyMap<string, IndicatorSample[]>, town: string) =>
    ratioOfSums(byTown.get(town) ?? []) ?? null;
  return towns.map((townCode) => {
    const previous = ofYear(before, townCode);
    const current = ofYear(after, townCode);
    const growth =
      previous !== null && current !== null && previous.sign() > 0
        ? current.dividedBy(previous).minus(Rational.ONE)
        : null;
    return {
      townCode,
      previous,
      current,
      growth,
      met: growth === null || target === undefined ? null : growth.compare(target) >= 0,
    };
  });
}
