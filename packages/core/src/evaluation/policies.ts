import { z } from 'zod';
import { Rational } from '../exact/rational';
import { POLICY_MEASURE_LABELS, POLICY_MISSING_DATA_LABELS } from '../labels';
import type { EnterpriseAnnualData } from '../model/annual-data';
import { decimalString, idField, parseWith } from '../model/fields';
import { Money } from '../quantity/kinds';
import type { EvaluationClass } from './classes';

// The classes are listed here, not imported from scheme.ts, because the scheme embeds a policy table.
const classes = z.enum(['A', 'B', 'C', 'D', 'T']);

/** A price or tax rate: not negative (a relief is a share of it, not a negative price). */
const price = decimalString.superRefine((v, ctx) => {
  if (v.sign() < 0) ctx.addIssue({ code: 'custom', message: 'must not be negative', params: { rule: 'nonNegative' } });
});
/** A share of a price: from 0 to 1 (0.3 = 30%). */
const share = decimalString.superRefine((v, ctx) => {
  if (v.sign() < 0 || v.compare(Rational.ONE) > 0)
    ctx.addIssue({ code: 'custom', message: 'a share is from 0 to 1 (0.3 = 30%)', params: { rule: 'share.range' } });
});

/**
 * 差别化政策 measures by class (prices are not negative, rule `nonNegative`; shares are 0–1, rule `share.range`):
 * - `electricitySurcharge`: 差别化电价, `yuanPerKWh` × 用电量 (e.g. +0.10 元/千瓦时 for C)
 * - `waterSurcharge`: 差别化水价, `share` × `basePriceYuanPerTonne` × 用水量 (e.g. +30% for D)
 * - `sewageSurcharge`: 污水处理费加价, `yuanPerTonne` × 用水量
 * - `landUseTaxRelief`: 城镇土地使用税减免, `share` × `taxYuanPerSquareMetre` × 用地面积 (m²), a relief (negative)
 * - `note`: any other measure (用地、用能、排污权优先), no amount
 */
export const policyMeasureSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('electricitySurcharge'), class: classes, yuanPerKWh: price }),
  z.strictObject({
    kind: z.literal('waterSurcharge'),
    class: classes,
    share,
    basePriceYuanPerTonne: price,
  }),
  z.strictObject({ kind: z.literal('sewageSurcharge'), class: classes, yuanPerTonne: price }),
  z.strictObject({
    kind: z.literal('landUseTaxRelief'),
    class: classes,
    share,
    taxYuanPerSquareMetre: price,
  }),
  z.strictObject({ kind: z.literal('note'), class: classes, text: z.string().min(1) }),
]);
export type PolicyMeasure = z.output<typeof policyMeasureSchema>;

/** 差别化政策表: measures keyed by class, as a county publishes them. */
export const policyTableSchema = z.strictObject({
  id: idField,
  name: z.string().min(1),
  measures: z.array(policyMeasureSchema),
});
export type PolicyTable = z.output<typeof policyTableSchema>;

/** Validates a policy table. @throws ValidationError naming each bad field */
export function parsePolicyTable(input: unknown): PolicyTable {
  return parseWith(policyTableSchema, input, 'policyTable');
}

/** One measure applied to one firm: `amount` in 元 (positive = surcharge, negative = relief; null = no amount). */
export interface AppliedMeasure {
  readonly kind: PolicyMeasure['kind'];
  readonly label: string;
  readonly amount: Money | null;
  /** Why there is no amount, e.g. the firm reported no 用电量. */
  readonly note: string | null;
}

/** A firm's measures and the net of their amounts. */
export interface FirmPolicy {
  readonly uscc: string;
  readonly class: string | null;
  readonly measures: readonly AppliedMeasure[];
  /** Σ amounts (元). */
  readonly net: Money;
}

/**
 * 差别化政策: what each measure for the firm's class costs or saves it, from its
 * annual data. Exact; round with `net.format('wanYuan', { places: 2 })` to print.
 */
export function applyPolicies(
  table: PolicyTable,
  result: { readonly uscc: string; readonly class: EvaluationClass | null },
  data: EnterpriseAnnualData | undefined,
): FirmPolicy {
  const measures: AppliedMeasure[] = [];
  for (const m of table.measures) {
    if (result.class === null || m.class !== result.class) continue;
    const label = POLICY_MEASURE_LABELS[m.kind];
    const needs = (q: unknown, what: keyof typeof POLICY_MISSING_DATA_LABELS): AppliedMeasure | undefined =>
      q === undefined ? { kind: m.kind, label, amount: null, note: POLICY_MISSING_DATA_LABELS[what] } : undefined;
    switch (m.kind) {
      case 'electricitySurcharge': {
        const miss = needs(data?.electricity, 'electricity');
        measures.push(
          miss ?? {
            kind: m.kind,
            label,
            amount: Money.yuan(m.yuanPerKWh.times(data?.electricity?.in('kWh') ?? Rational.ZERO)),
            note: null,
          },
        );
        break;
      }
      case 'waterSurcharge': {
        const miss = needs(data?.water, 'water');
        const t = data?.water?.in('waterTonne') ?? Rational.ZERO;
        measures.push(
          miss ?? {
            kind: m.kind,
            label,
            amount: Money.yuan(m.share.times(m.basePriceYuanPerTonne).times(t)),
            note: null,
          },
        );
        break;
      }
      case 'sewageSurcharge': {
        const miss = needs(data?.water, 'water');
        const t = data?.water?.in('waterTonne') ?? Rational.ZERO;
        measures.push(miss ?? { kind: m.kind, label, amount: Money.yuan(m.yuanPerTonne.times(t)), note: null });
        break;
      }
      case 'landUseTaxRelief': {
        const miss = needs(data?.landArea, 'landArea');
        const m2 = data?.landArea?.in('squareMetre') ?? Rational.ZERO;
        measures.push(
          miss ?? {
            kind: m.kind,
            label,
            amount: Money.yuan(m.share.times(m.taxYuanPerSquareMetre).times(m2).negated()),
            note: null,
          },
        );
        break;
      }
      case 'note':
        measures.push({ kind: m.kind, label, amount: null, note: m.text });
        break;
    }
  }
  return {
    uscc: result.uscc,
    class: result.class,
    measures,
    net: Money.sum(measures.flatMap((x) => (x.amount ? [x.amount] : []))),
  };
}
