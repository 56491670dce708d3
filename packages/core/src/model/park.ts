import { z } from 'zod';
import {
  decimalString,
  divisionCodeField,
  idField,
  industryField,
  isoDateField,
  nameField,
  parseWith,
  positiveQuantityField,
  textField,
} from './fields';

/** 小微企业园 (`smallMicroPark`) or 标准厂房 (`standardFactory`). */
export const parkKindSchema = z.enum(['smallMicroPark', 'standardFactory']);
export type ParkKind = z.infer<typeof parkKindSchema>;

/** One construction phase (一期, 二期, ...) of a park with its planned floor area (m² by default). */
export const parkPhaseSchema = z.object({
  phase: z.number().int().min(1, { message: 'phases are numbered from 1' }),
  floorArea: positiveQuantityField('area', 'squareMetre'),
  plannedCompletion: isoDateField.optional(),
});

/**
 * 入园标准: what a firm needs to enter, e.g. a minimum 亩均税收 (万元/亩)
 * and allowed industries. Free text keeps what cannot be computed.
 */
export const entryCriteriaSchema = z.object({
  minTaxPerMu: decimalString.optional(),
  industries: z.array(industryField).optional(),
  notes: textField(2000).optional(),
});

/** A park (小微企业园 / 标准厂房) with floor area by phase. */
export const parkSchema = z
  .object({
    id: idField,
    name: nameField,
    townCode: divisionCodeField,
    kind: parkKindSchema,
    phases: z.array(parkPhaseSchema).default([]),
    entryCriteria: entryCriteriaSchema.optional(),
  })
  .superRefine((park, ctx) => {
    const seen = new Set<number>();
    park.phases.forEach((ph, i) => {
      if (seen.has(ph.phase)) {
        ctx.addIssue({
          code: 'custom',
          path: ['phases', i, 'phase'],
          message: 'duplicate phase',
          params: { rule: 'unique' },
        });
      }
      seen.add(ph.phase);
    });
  });
export type Park = z.output<typeof parkSchema>;
export type ParkInput = z.input<typeof parkSchema>;

/** Validates one park. @throws ValidationError naming each bad field */
export function parsePark(input: unknown): Park {
  return parseWith(parkSchema, input, 'park');
}
