import { z } from 'zod';
import { Rational } from '../exact/rational';
import { ROUNDING_MODES, type RoundingMode } from '../exact/rounding';
import { EVALUATION_FACT_LABELS } from '../labels';
import { scaleSchema } from '../model/annual-data';
import { enterpriseFlagSchema } from '../model/enterprise';
import {
  decimalString,
  divisionCodeField,
  idField,
  isoDateField,
  parseWith,
  safeParseWith,
  yearField,
} from '../model/fields';
import { UNITS, type Unit } from '../quantity/units';
import { RANKED_CLASSES, type RankedClass } from './classes';
import { ANNUAL_DATA_FIELD_KIND, INDICATOR_IDS, INDICATORS, type IndicatorId } from './indicators';
import { policyTableSchema } from './policies';

export { type EvaluationClass, RANKED_CLASSES, type RankedClass } from './classes';

/** The default 公示期 minimum of a scheme (`noticeMinDays`): 5 calendar days. */
export const DEFAULT_NOTICE_MIN_DAYS = 5;

/** Facts about an enterprise that exemption and veto rules can read (政策性搬迁, 重大安全事故, ...). */
export const evaluationFactSchema = z.enum(
  Object.keys(EVALUATION_FACT_LABELS) as [keyof typeof EVALUATION_FACT_LABELS],
);
export type EvaluationFact = z.infer<typeof evaluationFactSchema>;

const rule = (r: string) => ({ params: { rule: r } });

const positiveDecimal = decimalString.superRefine((v, ctx) => {
  if (v.sign() <= 0) ctx.addIssue({ code: 'custom', message: 'must be greater than zero', ...rule('positive') });
});
const nonNegativeDecimal = decimalString.superRefine((v, ctx) => {
  if (v.sign() < 0) ctx.addIssue({ code: 'custom', message: 'must not be negative', ...rule('nonNegative') });
});
/** Decimal places of a rounding step: a whole number 0–20 (rule `rounding.places`). */
const places = z.number().superRefine((v, ctx) => {
  if (!Number.isInteger(v) || v < 0 || v > 20)
    ctx.addIssue({ code: 'custom', message: 'places must be a whole number from 0 to 20', ...rule('rounding.places') });
});
/** A number of years in a selection rule: a whole number above zero. */
const years = z.number().superRefine((v, ctx) => {
  if (!Number.isInteger(v))
    ctx.addIssue({ code: 'custom', message: 'years must be a whole number', ...rule('integer') });
  else if (v <= 0) ctx.addIssue({ code: 'custom', message: 'must be greater than zero', ...rule('positive') });
});
const roundingModeSchema = z.enum(ROUNDING_MODES as [RoundingMode, ...RoundingMode[]]);

/**
 * Rounding of a scheme. `values`, `benchmarks`, `partialScores` and `totals`,
 * when given, round that step (and the next step uses the rounded number, as
 * a county's spreadsheet does); when omitted the step stays exact. `report`
 * only sets the places results are printed at.
 */
export const schemeRoundingSchema = z
  .object({
    mode: roundingModeSchema.default('halfUp'),
    values: places.optional(),
    benchmarks: places.optional(),
    partialScores: places.optional(),
    totals: places.optional(),
    report: z
      .object({
        values: places.default(4),
        benchmarks: places.default(4),
        partialScores: places.default(2),
        totals: places.default(2),
        percentiles: places.default(2),
      })
      .prefault({}),
  })
  .prefault({});
export type SchemeRounding = z.output<typeof schemeRoundingSchema>;

const indicatorIdSchema = z.enum(INDICATOR_IDS, {
  error: (iss) => `unknown indicator "${String(iss.input)}"; known: ${INDICATOR_IDS.join(', ')}`,
});

const unitKey = z.string().refine((u) => Object.hasOwn(UNITS, u), {
  message: 'is not a unit key (mu, wanYuan, yuan, kWh, ...)',
  ...rule('unit.unknown'),
});

/**
 * 基准值: a published decimal (`"24.097"`, or `{ "value": "2", "unit": { "num": "yuan", "den": "kWh" } }`),
 * or derived from the evaluated cohort: `{ "derive": "ratioOfSums" }` (Σ numerator / Σ denominator, the
 * default reading of 平均) or `{ "derive": "meanOfRatios" }`.
 */
export const benchmarkSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { value: v } : v),
  z
    .strictObject({
      value: positiveDecimal.optional(),
      unit: z.strictObject({ num: unitKey, den: unitKey }).optional(),
      derive: z.enum(['ratioOfSums', 'meanOfRatios']).optional(),
    })
    .superRefine((b, ctx) => {
      if ((b.value === undefined) === (b.derive === undefined)) {
        ctx.addIssue({
          code: 'custom',
          message: 'give either a published value or a derivation (ratioOfSums, meanOfRatios), not both or neither',
          ...rule('benchmark.kind'),
        });
      }
      if (b.unit && b.value === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['unit'],
          message: 'a unit goes with a value',
          ...rule('benchmark.unit'),
        });
      }
    }),
);
export type BenchmarkSpec = z.output<typeof benchmarkSchema>;

/** 缺失数据处理: score 0, the cohort's average partial score, or leave the firm out of the evaluation. */
export const missingPolicySchema = z.enum(['zero', 'cohortAverage', 'exclude']);
export type MissingPolicy = z.infer<typeof missingPolicySchema>;

/** One indicator of a cohort: 权重 weight, 基准值 benchmark, optional cap on the 单项得分. */
export const schemeIndicatorSchema = z
  .strictObject({
    indicator: indicatorIdSchema,
    weight: positiveDecimal,
    benchmark: benchmarkSchema,
    cap: positiveDecimal.optional(),
    /** 保底: the least partial score a firm with a value gets (applied after the cap). */
    floor: decimalString.optional(),
    missing: missingPolicySchema.default('zero'),
  })
  .superRefine((s, ctx) => {
    if (s.floor && s.cap && s.floor.compare(s.cap) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['floor'],
        message: 'the floor must not be above the cap',
        ...rule('range.order'),
      });
    }
    if (s.benchmark.unit) {
      const def = INDICATORS[s.indicator];
      const { num, den } = s.benchmark.unit;
      const ok =
        UNITS[num as Unit].kind === ANNUAL_DATA_FIELD_KIND[def.numerator] &&
        UNITS[den as Unit].kind === ANNUAL_DATA_FIELD_KIND[def.denominator];
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['benchmark', 'unit'],
          message: `${num}/${den} is not a unit of ${def.label} (${def.unitLabel})`,
          ...rule('benchmark.unit'),
        });
      }
    }
  });
export type SchemeIndicator = z.output<typeof schemeIndicatorSchema>;

/**
 * 评价对象: which firms a cohort holds. Every condition given must hold:
 * `scale` 规上/规下; `landArea` in [atLeast, below) 亩; `tenure` 'ownLand' or
 * 'tenant' (a firm named as tenant in the input's tenancies). Cohorts are tried
 * in order; a firm joins the first that matches.
 */
export const membershipSchema = z.strictObject({
  scale: scaleSchema.optional(),
  landArea: z
    .strictObject({ atLeast: nonNegativeDecimal.optional(), below: positiveDecimal.optional() })
    .superRefine((r, ctx) => {
      if (r.atLeast && r.below && r.atLeast.compare(r.below) >= 0) {
        ctx.addIssue({ code: 'custom', message: 'atLeast must be below `below`', ...rule('range.order') });
      }
    })
    .optional(),
  tenure: z.enum(['ownLand', 'tenant']).optional(),
});
export type Membership = z.output<typeof membershipSchema>;

const bandSchema = z.strictObject({
  class: z.enum(RANKED_CLASSES),
  share: nonNegativeDecimal,
  /** With `bandSizes: 'perBand'`: how this band's size share × N / 100 is rounded (default `bandRounding`). */
  rounding: roundingModeSchema.optional(),
  /** With `bandSizes: 'perBand'`: this band takes the ranked firms the other bands leave. */
  remainder: z.boolean().optional(),
});
const thresholdSchema = z.strictObject({ class: z.enum(RANKED_CLASSES), atLeast: decimalString.optional() });

function checkClassOrder(classes: readonly RankedClass[], ctx: z.RefinementCtx, path: string) {
  let last = -1;
  for (const [i, c] of classes.entries()) {
    const at = RANKED_CLASSES.indexOf(c);
    if (at <= last) {
      ctx.addIssue({
        code: 'custom',
        path: [path, i, 'class'],
        message: 'classes must be listed once each, best first (A, B, C, D)',
        ...rule('classification.order'),
      });
    }
    last = at;
  }
}

/**
 * 分类规则: by rank percentile bands (shares in %, best first, summing to 100;
 * band boundaries are the cumulative shares × cohort size rounded by
 * `bandRounding`), or by score thresholds (`atLeast`, best first; the last
 * class has no threshold and takes the rest).
 */
export const classificationSchema = z.discriminatedUnion('by', [
  z
    .strictObject({
      by: z.literal('percentile'),
      bands: z.array(bandSchema).min(1),
      bandRounding: roundingModeSchema.default('halfUp'),
      /**
       * `cumulative` (default): boundary j = round(cumulative share × N / 100).
       * `perBand`: each band's size is rounded on its own ("A类不超过20%" ⌊0.20·N⌋ with
       * `rounding: 'down'`, "D类不低于5%" ⌈0.05·N⌉ with `rounding: 'up'`) and the band marked
       * `remainder` takes the rest of the ranked firms.
       */
      bandSizes: z.enum(['cumulative', 'perBand']).default('cumulative'),
      /** N of the shares: the ranked firms (default), or those plus the cohort's T-class (免评) firms. */
      base: z.enum(['ranked', 'withExempt']).default('ranked'),
    })
    .superRefine((c, ctx) => {
      const remainders = c.bands.filter((b) => b.remainder).length;
      if (c.bandSizes === 'perBand' ? remainders !== 1 : remainders > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands'],
          message:
            c.bandSizes === 'perBand'
              ? 'with perBand sizes exactly one band takes the remainder'
              : 'remainder goes with bandSizes: perBand',
          ...rule('classification.remainder'),
        });
      }
      checkClassOrder(
        c.bands.map((b) => b.class),
        ctx,
        'bands',
      );
      let total = 0n;
      let den = 1n;
      for (const b of c.bands) {
        total = total * b.share.den + b.share.num * den;
        den *= b.share.den;
      }
      if (total !== 100n * den) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands'],
          message: 'band shares must cover 0–100% exactly (they must sum to 100)',
          ...rule('classification.bandsCover'),
        });
      }
    }),
  z.strictObject({ by: z.literal('threshold'), thresholds: z.array(thresholdSchema).min(1) }).superRefine((c, ctx) => {
    checkClassOrder(
      c.thresholds.map((t) => t.class),
      ctx,
      'thresholds',
    );
    let previous: Rational | undefined;
    for (const [i, t] of c.thresholds.entries()) {
      const last = i === c.thresholds.length - 1;
      if (last && t.atLeast !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i, 'atLeast'],
          message: 'the last class takes every remaining score and has no threshold',
          ...rule('classification.thresholdsCover'),
        });
      }
      if (!last && t.atLeast === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i, 'atLeast'],
          message: 'every class but the last needs a threshold',
          ...rule('classification.thresholdRequired'),
        });
      }
      if (t.atLeast && previous && t.atLeast.compare(previous) >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i, 'atLeast'],
          message: 'thresholds must fall from the best class to the worst',
          ...rule('classification.thresholdOrder'),
        });
      }
      if (t.atLeast) previous = t.atLeast;
    }
  }),
]);
export type Classification = z.output<typeof classificationSchema>;

/** 评价对象组: a cohort is ranked and classified on its own. */
export const cohortSchema = z
  .strictObject({
    id: idField,
    name: z.string().min(1),
    membership: membershipSchema,
    indicators: z.array(schemeIndicatorSchema).min(1, { message: 'a cohort needs at least one indicator' }),
    classification: classificationSchema,
  })
  .superRefine((c, ctx) => {
    const seen = new Set<IndicatorId>();
    for (const [i, s] of c.indicators.entries()) {
      if (seen.has(s.indicator)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'indicator'],
          message: `${s.indicator} is listed twice`,
          ...rule('unique'),
        });
      }
      seen.add(s.indicator);
    }
  });
export type Cohort = z.output<typeof cohortSchema>;

/**
 * A rule that picks enterprises out (免评 exemption or 一票否决 veto):
 * - `utility`: 公用事业 (GB/T 4754 门类 D)
 * - `registeredWithinYears`: registered less than `years` before the reference date
 * - `landSuppliedWithinYears`: its earliest parcel was supplied (供地) less than `years` before the reference date
 * - `fact`: a fact given with the input (政策性搬迁, 重大安全生产事故, ...)
 * - `flag`: an enterprise flag (违法占地, ...)
 * `note` is added to the reason shown to people.
 */
export const selectionRuleSchema = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('utility'), note: z.string().optional() }),
  z.strictObject({
    rule: z.literal('registeredWithinYears'),
    years,
    note: z.string().optional(),
  }),
  z.strictObject({
    rule: z.literal('landSuppliedWithinYears'),
    years,
    note: z.string().optional(),
  }),
  z.strictObject({ rule: z.literal('fact'), fact: evaluationFactSchema, note: z.string().optional() }),
  z.strictObject({ rule: z.literal('flag'), flag: enterpriseFlagSchema, note: z.string().optional() }),
]);
export type SelectionRule = z.output<typeof selectionRuleSchema>;

/**
 * 加减分: points added to (or, negative, taken from) a firm's total before it is
 * ranked, from facts about it:
 * - `{ "tenants": { "beyond": 1 } }`: per tenant (承租企业 in the input's tenancies) beyond
 *   the first `beyond` ones, e.g. 温岭: 规上 −5 per additional tenant
 * - `{ "fact": "..." }` / `{ "flag": "..." }`: once, when the firm has the fact or flag
 * `cohorts` limits it to some cohorts (default all); `cap` bounds its size (|points| in total).
 */
export const adjustmentSchema = z.strictObject({
  id: idField,
  label: z.string().min(1),
  basis: z.union([
    z.strictObject({ tenants: z.strictObject({ beyond: z.number().int().min(0).default(0) }) }),
    z.strictObject({ fact: evaluationFactSchema }),
    z.strictObject({ flag: enterpriseFlagSchema }),
  ]),
  points: decimalString,
  cap: positiveDecimal.optional(),
  cohorts: z.array(idField).optional(),
});
export type Adjustment = z.output<typeof adjustmentSchema>;

/**
 * 亩均效益综合评价方案: a versioned, publishable JSON document. See
 * docs/evaluation.md for every field and formula.
 */
export const evaluationSchemeSchema = z
  .strictObject({
    id: idField,
    name: z.string().min(1),
    jurisdiction: z.strictObject({ code: divisionCodeField, name: z.string().min(1) }),
    /** 数据年度: the year of the annual data evaluated. */
    year: yearField,
    /** Date the "< N years" rules count to; defaults to 31 December of `year`. */
    referenceDate: isoDateField.optional(),
    rounding: schemeRoundingSchema,
    cohorts: z.array(cohortSchema).min(1, { message: 'a scheme needs at least one cohort' }),
    exemptions: z.array(selectionRuleSchema).default([]),
    vetoes: z.array(selectionRuleSchema).default([]),
    /** `asOneUnit`: firms sharing a parcel are scored, ranked and classed as one 评价单元. */
    sharedParcels: z.enum(['separately', 'asOneUnit']).default('separately'),
    /** `landlordClass`: a tenant (承租企业) takes its landlord's class instead of being ranked. */
    tenants: z.enum(['ownEvaluation', 'landlordClass']).default('ownEvaluation'),
    /** 加减分 applied to totals before ranking. */
    adjustments: z.array(adjustmentSchema).default([]),
    sources: z.array(z.string()).default([]),
    /**
     * 名次公布: `hidden` when the county publishes classes 排名不分先后 — ranks are then shown
     * only to the city's staff and the firm's town, never to viewers (see docs/evaluation-runs.md).
     */
    ranks: z.enum(['published', 'hidden']).default('published'),
    /** 差别化政策表: the measures a final run's classes bring (policy lists, docs/evaluation-runs.md). */
    policies: policyTableSchema.optional(),
    /**
     * 公示期 minimum: a run's notice window holds at least this many calendar days
     * (北京时间), starts no earlier than the day it is published and ends after it.
     */
    noticeMinDays: z.number().int().min(1).max(90).default(DEFAULT_NOTICE_MIN_DAYS),
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    for (const [i, c] of s.cohorts.entries()) {
      if (ids.has(c.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['cohorts', i, 'id'],
          message: `cohort id ${c.id} is used twice`,
          ...rule('unique'),
        });
      }
      ids.add(c.id);
    }
    // Adjustments add to totals kept at the partial scores' places, so they must fit those places.
    const p = s.rounding.partialScores;
    for (const [i, a] of s.adjustments.entries()) {
      const scaled = p === undefined ? undefined : a.points.times(Rational.of(10n ** BigInt(p)));
      if (scaled && !scaled.isInteger()) {
        ctx.addIssue({
          code: 'custom',
          path: ['adjustments', i, 'points'],
          message: `points must have at most ${p} decimals, the places partial scores are rounded to`,
          ...rule('adjustment.places'),
        });
      }
      for (const [j, c] of (a.cohorts ?? []).entries()) {
        if (!ids.has(c))
          ctx.addIssue({
            code: 'custom',
            path: ['adjustments', i, 'cohorts', j],
            message: `no cohort ${c}`,
            ...rule('adjustment.cohort'),
          });
      }
    }
  });
export type EvaluationScheme = z.output<typeof evaluationSchemeSchema>;
export type EvaluationSchemeInput = z.input<typeof evaluationSchemeSchema>;

/** Validates a scheme. @throws ValidationError naming each bad field (`scheme.cohorts.0.indicators.2.weight`, ...) */
export function parseEvaluationScheme(input: unknown): EvaluationScheme {
  return parseWith(evaluationSchemeSchema, input, 'scheme');
}

/** Like `parseEvaluationScheme`, returning the issues instead of throwing. */
export function safeParseEvaluationScheme(input: unknown) {
  return safeParseWith(evaluationSchemeSchema, input, 'scheme');
}
