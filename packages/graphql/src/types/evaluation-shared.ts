import {
  type ClassCounts,
  type EnterpriseEvaluation,
  type EvaluationClass,
  type EvaluationRun,
  type EvaluationScheme,
  INDICATORS,
  type IndicatorResult,
  type RunResult,
  type Town,
} from '@mujun/core';
import { EVALUATION_CLASS_LABELS, EVALUATION_STATUS_LABELS, INDICATOR_LABELS } from '@mujun/core/labels';
import type { MujunBuilder } from '../builder';
import { loadEnterprise, townOf } from '../lookups';
import { totalCountField } from '../paging-fields';
import type { MujunRefs } from '../refs';
import type { FirmView } from '../run-policy';
import { valuesOf } from './enums';

/** One indicator of one firm's result as `IndicatorScore` shows it, live or stored. */
export type IndicatorShape = Pick<
  IndicatorResult,
  'indicator' | 'weight' | 'value' | 'missing' | 'benchmark' | 'partialScore' | 'capped' | 'reported'
>;

/**
 * One firm's evaluated result (评价结果), live or stored, as the one type
 * `EvaluationResult` shows it, with what of it the asker is shown (`shown`,
 * decided by run-policy.ts). `r` holds the fields a live result
 * (`EnterpriseEvaluation`) and a stored one (`RunResult`) share; what only
 * one of them carries comes through `reported`, `computedClass` and `overridden`.
 */
export interface FirmResultShape {
  readonly r: Pick<
    RunResult,
    | 'uscc'
    | 'name'
    | 'townCode'
    | 'industry'
    | 'unitId'
    | 'cohortId'
    | 'status'
    | 'class'
    | 'total'
    | 'rank'
    | 'rankedCount'
    | 'percentile'
    | 'reasons'
  >;
  /** The class the engine gave (计算档次); the class in force is `r.class`. */
  readonly computedClass: EvaluationClass | null;
  /** Whether an override (提档/降档/定档) set the class in force. */
  readonly overridden: boolean;
  /** The reported (rounded) figures, computed only when asked for. */
  readonly reported: {
    total(): string | null;
    percentile(): string | null;
    indicators(): readonly IndicatorShape[];
  };
  /** The run the result is stored in; null for a live evaluation. */
  readonly run: EvaluationRun | null;
  /** The firm's town when already at hand (a page of a run looks its region up once). */
  readonly town?: Town | undefined;
  readonly shown: FirmView;
}

/** A live result (`evaluation`): its class is the computed one, never overridden. */
export function liveResult(e: EnterpriseEvaluation, shown: FirmView): FirmResultShape {
  return {
    r: e,
    computedClass: e.class,
    overridden: false,
    reported: {
      total: () => e.totalReported,
      percentile: () => e.percentileReported,
      indicators: () => e.indicators,
    },
    run: null,
    shown,
  };
}

/**
 * A stored result of `run` (evaluated under `scheme`, the run's own): the
 * reported figures are rounded as the scheme reports them, the weights are
 * the scheme's and the 基准值 the run's cohort's, as the engine used them.
 */
export function storedResult(
  run: EvaluationRun,
  scheme: EvaluationScheme,
  r: RunResult,
  shown: FirmView,
  town: Town | undefined,
): FirmResultShape {
  const { report, mode } = scheme.rounding;
  return {
    r,
    computedClass: r.computedClass,
    overridden: run.overrides.some((o) => o.uscc === r.uscc),
    reported: {
      total: () => r.total?.toFixed({ places: report.totals, rounding: mode }) ?? null,
      percentile: () => r.percentile?.toFixed({ places: report.percentiles, rounding: mode }) ?? null,
      indicators: () => {
        const cohort = scheme.cohorts.find((c) => c.id === r.cohortId);
        const benchmarks = run.cohorts.find((c) => c.id === r.cohortId)?.benchmarks;
        return r.indicators.map((i) => {
          const weight = cohort?.indicators.find((s) => s.indicator === i.indicator)?.weight;
          const benchmark = benchmarks?.find((b) => b.indicator === i.indicator)?.value;
          if (weight === undefined || benchmark === undefined) {
            // A run stores its scheme and its cohorts' benchmarks together: one without the other is a broken store.
            throw new Error(`[mujun] run ${run.id}: no weight or 基准值 of ${i.indicator} in cohort ${r.cohortId}`);
          }
          return {
            ...i,
            weight,
            benchmark,
            reported: {
              value: i.value?.toFixed({ places: report.values, rounding: mode }) ?? null,
              benchmark: benchmark.toFixed({ places: report.benchmarks, rounding: mode }),
              partialScore: i.partialScore.toFixed({ places: report.partialScores, rounding: mode }),
            },
          };
        });
      },
    },
    run,
    town,
    shown,
  };
}

const RESULT_ORDER = {
  USCC: { value: 'uscc', description: 'By 统一社会信用代码.' },
  RANK: { value: 'rank', description: 'By cohort, then rank (unranked last), then USCC.' },
} as const;

function makeSharedEvaluationTypes(builder: MujunBuilder, refs: MujunRefs) {
  const ClassEnum = builder.enumType('EvaluationClass', {
    description: 'A/B/C/D by rank or score; T 免评.',
    values: {
      A: { value: 'A' as const, description: EVALUATION_CLASS_LABELS.A },
      B: { value: 'B' as const, description: EVALUATION_CLASS_LABELS.B },
      C: { value: 'C' as const, description: EVALUATION_CLASS_LABELS.C },
      D: { value: 'D' as const, description: EVALUATION_CLASS_LABELS.D },
      T: { value: 'T' as const, description: EVALUATION_CLASS_LABELS.T },
    },
  });
  const StatusEnum = builder.enumType('EvaluationStatus', {
    description: 'What happened to an enterprise in an evaluation.',
    values: valuesOf(EVALUATION_STATUS_LABELS),
  });
  const IndicatorEnum = builder.enumType('EvaluationIndicator', {
    description: '评价指标 (docs/evaluation.md).',
    values: valuesOf(INDICATOR_LABELS),
  });
  const OrderEnum = builder.enumType('EvaluationResultOrder', {
    description: 'The order of a page of results (结果排序).',
    values: RESULT_ORDER,
  });

  const Counts = builder.objectRef<ClassCounts>('ClassCounts').implement({
    description: 'Enterprises per class; `none`: no class (excluded, not evaluated).',
    fields: (t) => ({
      A: t.exposeInt('A', { description: `Enterprises in class A (${EVALUATION_CLASS_LABELS.A}).` }),
      B: t.exposeInt('B', { description: `Enterprises in class B (${EVALUATION_CLASS_LABELS.B}).` }),
      C: t.exposeInt('C', { description: `Enterprises in class C (${EVALUATION_CLASS_LABELS.C}).` }),
      D: t.exposeInt('D', { description: `Enterprises in class D (${EVALUATION_CLASS_LABELS.D}).` }),
      T: t.exposeInt('T', { description: `Enterprises exempt (${EVALUATION_CLASS_LABELS.T}).` }),
      none: t.exposeInt('none', { description: 'Enterprises without a class (无档次): excluded or not evaluated.' }),
      total: t.int({
        description: 'All enterprises counted (合计).',
        resolve: (c) => c.A + c.B + c.C + c.D + c.T + c.none,
      }),
    }),
  });
  const KeyedCounts = builder.objectRef<{ key: string; name: string | null; counts: ClassCounts }>('KeyedClassCounts');
  KeyedCounts.implement({
    description: 'Class counts of one cohort or industry 大类.',
    fields: (t) => ({
      key: t.exposeString('key', { description: 'Cohort id, or 2-digit industry division.' }),
      name: t.exposeString('name', { nullable: true, description: 'The cohort’s or division’s name (名称).' }),
      counts: t.field({ type: Counts, description: 'Its class counts (分类计数).', resolve: (k) => k.counts }),
    }),
  });
  const TownCounts = builder.objectRef<{ townCode: string; counts: ClassCounts }>('TownClassCounts').implement({
    description: 'Class counts of one town (镇街道分类计数).',
    fields: (t) => ({
      town: t.field({
        type: refs.Town,
        description: 'The town (镇街道).',
        resolve: (k, _a, ctx) => townOf(ctx, k.townCode),
      }),
      counts: t.field({ type: Counts, description: 'Its class counts (分类计数).', resolve: (k) => k.counts }),
    }),
  });

  const Reason = builder.objectRef<{ code: string; message: string }>('EvaluationReason').implement({
    description: 'One reason for a firm’s status or class (评价说明).',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Machine-readable code (说明代码), e.g. missing.taxPerMu or tie.' }),
      message: t.exposeString('message', { description: 'The reason in Chinese (说明文字).' }),
    }),
  });

  const SchemeRef = builder.objectRef<EvaluationScheme>('EvaluationSchemeInfo').implement({
    description: 'The scheme an evaluation used.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The scheme’s id (方案编号).' }),
      name: t.exposeString('name', { description: 'The scheme’s name (方案名称).' }),
      year: t.exposeInt('year', { description: '数据年度 evaluated.' }),
      jurisdictionCode: t.id({
        description: 'The 6-digit code of the city it applies to (适用地区代码).',
        resolve: (s) => s.jurisdiction.code,
      }),
      jurisdictionName: t.string({
        description: 'The name of the city it applies to (适用地区名称).',
        resolve: (s) => s.jurisdiction.name,
      }),
      ranksPublished: t.boolean({
        description: 'False when the scheme publishes classes 排名不分先后 (ranks shown only to city and town staff).',
        resolve: (s) => s.ranks !== 'hidden',
      }),
      cohorts: t.stringList({
        description: 'Cohort ids, in the order they are tried.',
        resolve: (s) => s.cohorts.map((c) => c.id),
      }),
    }),
  });

  const IndicatorScore = builder.objectRef<IndicatorShape>('IndicatorScore').implement({
    description:
      'One indicator of one firm (单项指标): value, 基准值, 权重, 单项得分, exact; `reported*` as the scheme rounds them. The same for a live evaluation and a stored run.',
    fields: (t) => ({
      indicator: t.field({
        type: IndicatorEnum,
        description: 'The indicator (评价指标).',
        resolve: (i) => i.indicator,
      }),
      label: t.string({
        description: 'Its Chinese name (指标名称), e.g. 亩均税收.',
        resolve: (i) => INDICATORS[i.indicator].label,
      }),
      unit: t.string({
        description: 'Its unit label (计量单位), e.g. 万元/亩.',
        resolve: (i) => INDICATORS[i.indicator].unitLabel,
      }),
      weight: t.exact({
        description: 'The scheme’s weight (权重) of the indicator.',
        unit: '',
        resolve: (i) => i.weight,
      }),
      value: t.exact({
        nullable: true,
        description: 'The value used (指标值); null when missing.',
        unit: (i) => INDICATORS[i.indicator].unitLabel,
        resolve: (i) => i.value,
      }),
      missing: t.string({
        nullable: true,
        description: 'Why the value is missing (缺失原因): numerator, denominator or zeroDenominator.',
        resolve: (i) => i.missing,
      }),
      benchmark: t.exact({
        description: 'The cohort’s benchmark (基准值) of the indicator.',
        unit: (i) => INDICATORS[i.indicator].unitLabel,
        resolve: (i) => i.benchmark,
      }),
      partialScore: t.exact({ description: 'The partial score (单项得分).', unit: '', resolve: (i) => i.partialScore }),
      capped: t.boolean({
        description: 'Whether the partial score was capped (封顶).',
        resolve: (i) => i.capped,
      }),
      reportedValue: t.string({
        nullable: true,
        description: 'The value as the scheme reports it (报告值, rounded once).',
        resolve: (i) => i.reported.value,
      }),
      reportedBenchmark: t.string({
        description: 'The benchmark as the scheme reports it (报告基准值).',
        resolve: (i) => i.reported.benchmark,
      }),
      reportedPartialScore: t.string({
        description: 'The partial score as the scheme reports it (报告单项得分).',
        resolve: (i) => i.reported.partialScore,
      }),
    }),
  });

  const figure = <T>(x: FirmResultShape, value: () => T): T | null => (x.shown.figures ? value() : null);
  const EvaluationResult = builder.objectRef<FirmResultShape>('EvaluationResult').implement({
    description:
      "One firm's evaluated result (企业评价结果), the same shape whether computed live (`evaluation`, `run` null) or stored in an evaluation run (`run`): indicators, total, rank, percentile, the class in force, the computed class and whether it was overridden, and reasons. Everyone who may read sees name, town, cohort and class (and rank unless the scheme hides ranks, 排名不分先后); status, figures, scores, the computed class and reasons only the city's admins and the firm's own town operators (`figuresShown`).",
    fields: (t) => ({
      uscc: t.id({ description: 'The firm’s 统一社会信用代码 (USCC).', resolve: (x) => x.r.uscc }),
      name: t.string({ description: 'The firm’s name (企业名称) as evaluated.', resolve: (x) => x.r.name }),
      enterprise: t.field({
        type: refs.Enterprise,
        nullable: true,
        description:
          'The enterprise (企业) itself; null when the registry no longer holds it. Its confidential figures (`annualData`) follow their own rule, not this result’s.',
        resolve: async (x, _a, ctx) => (await loadEnterprise(ctx, x.r.uscc)) ?? null,
      }),
      town: t.field({
        type: refs.Town,
        description: 'The firm’s town (镇街道) as evaluated.',
        resolve: (x, _a, ctx) => x.town ?? townOf(ctx, x.r.townCode),
      }),
      industry: t.string({
        description: 'The firm’s industry code (国民经济行业代码, GB/T 4754) as evaluated.',
        resolve: (x) => x.r.industry,
      }),
      cohort: t.string({ nullable: true, description: 'Cohort id (评价对象组).', resolve: (x) => x.r.cohortId }),
      unitId: t.string({
        description: '评价单元 (evaluation unit): the lowest USCC of the firms evaluated together.',
        resolve: (x) => x.r.unitId,
      }),
      figuresShown: t.boolean({
        description: 'Whether status, figures and scores are shown to you (数据可见).',
        resolve: (x) => x.shown.figures,
      }),
      status: t.field({
        type: StatusEnum,
        nullable: true,
        description: 'What happened to the firm in the evaluation (评价状态); null when figures are not shown to you.',
        resolve: (x) => figure(x, () => x.r.status),
      }),
      class: t.field({
        type: ClassEnum,
        nullable: true,
        description: 'The class in force (现行档次): the computed one unless an override set another.',
        resolve: (x) => x.r.class,
      }),
      classLabel: t.string({
        nullable: true,
        description: 'The class in force in Chinese (档次名称), e.g. A类.',
        resolve: (x) => (x.r.class === null ? null : EVALUATION_CLASS_LABELS[x.r.class]),
      }),
      computedClass: t.field({
        type: ClassEnum,
        nullable: true,
        description:
          'The class the engine gave (计算档次), before any override; for a live evaluation the class itself. Null when figures are not shown to you.',
        resolve: (x) => figure(x, () => x.computedClass),
      }),
      overridden: t.boolean({
        nullable: true,
        description:
          'Whether an override (提档/降档/定档) set the class in force; always false live. Null when figures are not shown to you.',
        resolve: (x) => figure(x, () => x.overridden),
      }),
      indicators: t.field({
        type: [IndicatorScore],
        nullable: true,
        description: 'Its indicators (单项指标); null when figures are not shown to you.',
        resolve: (x) => figure(x, () => [...x.reported.indicators()]),
      }),
      total: t.exact({
        nullable: true,
        description: "综合得分 (total score), exact (usually needs `places`); totalReported is the scheme's rounding.",
        unit: '',
        resolve: (x) => figure(x, () => x.r.total),
      }),
      totalReported: t.string({
        nullable: true,
        description: 'The total as the scheme reports it (报告综合得分).',
        resolve: (x) => figure(x, () => x.reported.total()),
      }),
      rank: t.int({
        nullable: true,
        description:
          '名次 (rank) in the cohort (ties share a rank); null when not ranked or when ranks are not published to you.',
        resolve: (x) => (x.shown.rank ? x.r.rank : null),
      }),
      rankedCount: t.int({
        nullable: true,
        description: 'Units ranked in the cohort (参与排名数); null when ranks are not published to you.',
        resolve: (x) => (x.shown.rank ? x.r.rankedCount : null),
      }),
      percentile: t.exact({
        nullable: true,
        description: 'Percentile (百分位): rank / rankedCount × 100.',
        unit: '%',
        resolve: (x) => figure(x, () => x.r.percentile),
      }),
      percentileReported: t.string({
        nullable: true,
        description: 'The percentile as the scheme reports it (报告百分位).',
        resolve: (x) => figure(x, () => x.reported.percentile()),
      }),
      reasons: t.field({
        type: [Reason],
        nullable: true,
        description: 'Why the firm got its status and class (评价说明); null when figures are not shown to you.',
        resolve: (x) => figure(x, () => [...x.r.reasons]),
      }),
    }),
  });

  const ResultConnection = builder.connectionObject(
    {
      type: EvaluationResult,
      name: 'EvaluationResultConnection',
      description: 'A page of firms’ evaluated results (评价结果), live or stored.',
      fields: totalCountField,
    },
    { name: 'EvaluationResultEdge', description: 'One firm’s evaluated result (评价结果) on a page.' },
  );

  return {
    ClassEnum,
    StatusEnum,
    IndicatorEnum,
    OrderEnum,
    Counts,
    KeyedCounts,
    TownCounts,
    Reason,
    SchemeRef,
    IndicatorScore,
    EvaluationResult,
    ResultConnection,
  };
}

const made = new WeakMap<MujunBuilder, ReturnType<typeof makeSharedEvaluationTypes>>();

/**
 * Types that the evaluation and the evaluation runs both show (classes,
 * statuses, class counts, reasons, the scheme), defined once per builder.
 */
export function sharedEvaluationTypes(builder: MujunBuilder, refs: MujunRefs) {
  let found = made.get(builder);
  if (!found) {
    found = makeSharedEvaluationTypes(builder, refs);
    made.set(builder, found);
  }
  return found;
}
