import { z } from 'zod';
import { Rational } from '../exact/rational';
import { divideRounded, ROUNDING_MODES, type RoundingMode } from '../exact/rounding';
import { decimalString, parseWith, textField } from '../model/fields';
import { type Area, Money } from '../quantity/kinds';

/*
 * Pricing rules as data (出让起始价 and 竞买保证金): a start price per 亩 or per m²,
 * optionally rounded to a step, and a deposit as a share of the start price rounded
 * up or down to a step. Jurisdictions differ: 桐乡 (桐土告字[2023]50号) rounds the
 * start price up to 1 万元 and the deposit up to 10 万元; 嘉兴经开 (嘉土告开字[2026]01号)
 * prices per m² and rounds the deposit down to 1 万元.
 */

const roundingMode = z.enum(ROUNDING_MODES as [RoundingMode, ...RoundingMode[]]);

const positiveDecimal = decimalString.superRefine((v, ctx) => {
  if (v.sign() <= 0)
    ctx.addIssue({ code: 'custom', message: 'must be greater than zero', params: { rule: 'positive' } });
});

/** Rounding to a multiple of `step` 万元 by `mode` (`up` 进一, `down` 去尾, `halfUp` 四舍五入). */
export const stepRoundingSchema = z.object({
  /** The step in 万元, e.g. `"10"` (a multiple of 10 万元) or `"1"`. */
  step: positiveDecimal,
  mode: roundingMode,
});
export type StepRounding = z.output<typeof stepRoundingSchema>;

export const pricingRuleSchema = z.object({
  /** Where the rule was published (公告号, clause). */
  source: textField(500),
  startPrice: z.object({
    /** The area unit the rate is per: 亩 or 平方米. */
    per: z.enum(['mu', 'squareMetre']),
    /** The rate, e.g. `"67.8"` (万元/亩) or `"1221"` (元/m²). */
    rate: positiveDecimal,
    /** The money unit of the rate. */
    rateUnit: z.enum(['yuan', 'wanYuan']),
    /** Rounding of the start price; none keeps it exact. */
    rounding: stepRoundingSchema.optional(),
  }),
  deposit: z.object({
    /** The share of the start price, e.g. `"0.1"` for 10%. */
    share: decimalString.superRefine((v, ctx) => {
      if (v.sign() < 0 || v.compare(Rational.ONE) > 0)
        ctx.addIssue({
          code: 'custom',
          message: 'a share is from 0 to 1 (0.1 = 10%)',
          params: { rule: 'share.range' },
        });
    }),
    rounding: stepRoundingSchema.optional(),
  }),
});
export type PricingRule = z.output<typeof pricingRuleSchema>;
export type PricingRuleInput = z.input<typeof pricingRuleSchema>;

/** Validates a pricing rule. @throws ValidationError naming each bad field */
export function parsePricingRule(input: unknown): PricingRule {
  return parseWith(pricingRuleSchema, input, 'pricing');
}

/**
 * `amount` rounded to a multiple of `rounding.step` 万元 by its mode, exactly.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { Money, Rational } from '@mujun/core';
 * import { roundToStep } from '@mujun/core/grants';
 *
 * const r = roundToStep(Money.wanYuan('134'), { step: Rational.from('10'), mode: 'up' });
 * assert.equal(r.toDecimal('wanYuan').toFixed(), '140');
 * ```
 */
export function roundToStep(amount: Money, rounding: StepRounding): Money {
  const q = amount.in('wanYuan').dividedBy(rounding.step);
  const n = divideRounded(q.num, q.den, rounding.mode);
  return Money.wanYuan(Rational.of(n).times(rounding.step));
}

/** What a pricing rule gives for an area: the start price (exact and rounded) and the deposit. */
export interface GrantPrice {
  /** Area × rate, before rounding. */
  readonly startPriceExact: Money;
  /** 出让起始价, rounded as the rule says. */
  readonly startPrice: Money;
  /** 竞买保证金. */
  readonly deposit: Money;
}

/**
 * The start price and deposit of a parcel of `area` under `rule`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { Area } from '@mujun/core';
 * import { parsePricingRule, priceGrant, PRICING_PRESETS } from '@mujun/core/grants';
 *
 * const price = priceGrant(parsePricingRule(PRICING_PRESETS.tongxiang2023Heshan), Area.squareMetres('13167.39'));
 * assert.equal(price.startPrice.toDecimal('wanYuan').toFixed(), '1340'); // ⌈19.751085 × 67.8⌉
 * assert.equal(price.deposit.toDecimal('wanYuan').toFixed(), '140'); // 10% rounded up to 10 万元
 * ```
 */
export function priceGrant(rule: PricingRule, area: Area): GrantPrice {
  const { per, rate, rateUnit, rounding } = rule.startPrice;
  const exact = Money.of(area.in(per).times(rate), rateUnit);
  const startPrice = rounding ? roundToStep(exact, rounding) : exact;
  const share = startPrice.times(rule.deposit.share);
  const deposit = rule.deposit.rounding ? roundToStep(share, rule.deposit.rounding) : share;
  return { startPriceExact: exact, startPrice, deposit };
}

/** The rate per 亩 in 万元 (e.g. 1221 元/m² = 81.4 万元/亩 exactly). */
export function ratePerMu(rule: PricingRule): Rational {
  const { per, rate, rateUnit } = rule.startPrice;
  const perUnit = Money.of(rate, rateUnit).in('wanYuan');
  // 1 亩 = 2000/3 m².
  return per === 'mu' ? perUnit : perUnit.times(Rational.of(2000n, 3n));
}
