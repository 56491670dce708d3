import { z } from 'zod';
import { decimalString, textField } from '../model/fields';
import { GRANT_INDICATOR_KEYS, GRANT_INDICATOR_UNITS, GRANT_INDICATORS } from './indicators';

/*
 * Commitments as data (承诺指标): an indicator, a comparator, an exact value in the
 * indicator's unit and when it is measured — at 竣工验收 (from construction facts)
 * or at 达产复核, `offsetYears` statistical years after the year of 投产.
 */

export const grantStageSchema = z.enum(['completion', 'production']);
/** `completion` 竣工验收 or `production` 达产复核. */
export type GrantStage = z.infer<typeof grantStageSchema>;

export const grantComparatorSchema = z.enum(['atLeast', 'atMost', 'between']);
/** 不少于 (≥), 不超过 (≤), or a closed range 介于 [min, max]. */
export type GrantComparator = z.infer<typeof grantComparatorSchema>;

/** The longest a commitment may wait for 达产复核 after 投产. */
export const MAX_OFFSET_YEARS = 10;

export const commitmentSchema = z
  .object({
    indicator: z.enum(GRANT_INDICATOR_KEYS),
    comparator: grantComparatorSchema,
    /** The committed value for 不少于 / 不超过. */
    value: decimalString.optional(),
    /** The bounds of a range (容积率 2.0–3.5). */
    min: decimalString.optional(),
    max: decimalString.optional(),
    /** The unit the value is stated in; when given it must be the indicator's. */
    unit: z.enum(GRANT_INDICATOR_UNITS).optional(),
    stage: grantStageSchema,
    /** 达产复核: years after the year of 投产 (投产后2年 → 2). Ignored at 竣工验收. */
    offsetYears: z.number().int().min(0).max(MAX_OFFSET_YEARS).default(2),
    /** Where the commitment is written (出让公告, 投资建设合同 clause). */
    source: textField(500).optional(),
  })
  .superRefine((c, ctx) => {
    const def = GRANT_INDICATORS[c.indicator];
    if (c.unit !== undefined && c.unit !== def.unit) {
      ctx.addIssue({
        code: 'custom',
        path: ['unit'],
        message: `${def.label} is stated in ${def.unit}, not ${c.unit}`,
        params: { rule: 'grant.unit' },
      });
    }
    const single = c.comparator !== 'between';
    const shapeOk = single
      ? c.value !== undefined && c.min === undefined && c.max === undefined
      : c.value === undefined && c.min !== undefined && c.max !== undefined;
    if (!shapeOk) {
      ctx.addIssue({
        code: 'custom',
        path: [single ? 'value' : 'min'],
        message: single ? `${c.comparator} takes a value (and no min/max)` : 'between takes min and max (and no value)',
        params: { rule: 'grant.comparator' },
      });
    } else if (!single && c.min !== undefined && c.max !== undefined && c.min.compare(c.max) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: 'max is below min',
        params: { rule: 'range.order' },
      });
    }
    if (def.source === 'annual' && c.stage === 'completion') {
      ctx.addIssue({
        code: 'custom',
        path: ['stage'],
        message: `${def.label} comes from the grantee's annual data and is checked at 达产复核 (production)`,
        params: { rule: 'grant.stage' },
      });
    }
  });
export type Commitment = z.output<typeof commitmentSchema>;
export type CommitmentInput = z.input<typeof commitmentSchema>;
