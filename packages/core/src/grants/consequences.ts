import { z } from 'zod';
import { decimalString, textField } from '../model/fields';
import { GRANT_INDICATOR_KEYS } from './indicators';

/*
 * Consequences as data (违约责任): penalty rules of the kinds published contracts
 * carry. No rate is built in: each rule states its own and names its source.
 */

const nonNegative = decimalString.superRefine((v, ctx) => {
  if (v.sign() < 0) ctx.addIssue({ code: 'custom', message: 'must not be negative', params: { rule: 'nonNegative' } });
});
const share = decimalString.superRefine((v, ctx) => {
  if (v.sign() < 0 || v.num > v.den)
    ctx.addIssue({ code: 'custom', message: 'a share is from 0 to 1 (0.2 = 20%)', params: { rule: 'share.range' } });
});

/** A milestone of construction a rule watches: `start` 开工 or `completion` 竣工. */
export const milestoneSchema = z.enum(['start', 'completion']);
export type Milestone = z.infer<typeof milestoneSchema>;

/** The price a rule's amount is a share of: 成交价 (the transaction price, else the start price) or 起始价. */
export const priceBasisSchema = z.enum(['transactionPrice', 'startPrice']);
export type PriceBasis = z.infer<typeof priceBasisSchema>;

const source = textField(500);

export const consequenceSchema = z.discriminatedUnion('kind', [
  z.object({
    /** 差额补缴: (committed − actual) per 亩 × granted 亩 × multiplier, for a per-mu money indicator. */
    kind: z.literal('shortfallCash'),
    indicator: z.enum(GRANT_INDICATOR_KEYS),
    multiplier: nonNegative.optional(),
    source,
  }),
  z.object({
    /** 违约金: `perMilleDaily` ‰ of the price for each day a milestone is late (the day after the agreed date is day 1). */
    kind: z.literal('lateFee'),
    milestone: milestoneSchema,
    perMilleDaily: nonNegative,
    basis: priceBasisSchema.default('transactionPrice'),
    /** A cap as a share of the price, if the contract sets one. */
    capShare: share.optional(),
    source,
  }),
  z.object({
    /** 没收保证金: `share` of the deposit is forfeited when the milestone is missed. */
    kind: z.literal('depositForfeiture'),
    milestone: milestoneSchema,
    share: share.optional(),
    source,
  }),
  z.object({
    /** 土地闲置费: `share` of the price once the land is unstarted `afterMonths` months past the agreed start. */
    kind: z.literal('idleFee'),
    afterMonths: z.number().int().min(1).max(120),
    share,
    basis: priceBasisSchema.default('transactionPrice'),
    source,
  }),
  z.object({
    /** 收回: the land is taken back once unstarted `afterMonths` months past the agreed start. */
    kind: z.literal('takeBack'),
    afterMonths: z.number().int().min(1).max(120),
    source,
  }),
]);
export type Consequence = z.output<typeof consequenceSchema>;
export type ConsequenceInput = z.input<typeof consequenceSchema>;
export type ConsequenceKind = Consequence['kind'];
