import { z } from 'zod';
import { divisionCodeField, idField, isoDateField, parseWith, positiveQuantityField, usccField } from './fields';

/**
 * What a parcel is, for the campaign (用地类别):
 * - `idleTransferredNotSupplied` 闲置 — 转而未供 (converted, not yet supplied)
 * - `idleSuppliedNotUsed` 闲置 — 供而未用 (supplied, not yet used)
 * - `inParkInefficient` 园区内低效用地
 * - `outOfParkLowScattered` 园区外低散乱占地
 * - `inUse` in normal use
 */
export const parcelCategorySchema = z.enum([
  'idleTransferredNotSupplied',
  'idleSuppliedNotUsed',
  'inParkInefficient',
  'outOfParkLowScattered',
  'inUse',
]);
export type ParcelCategory = z.infer<typeof parcelCategorySchema>;

/** A land parcel (地块): its area (亩 by default) is positive; it lies in a park or not. */
/** `parcel.parkRequired`: 园区内低效用地 names its park (shared with the bulk reader). */
export const parkRequiredOk = (p: { category: string; parkId?: string | undefined }): boolean =>
  p.category !== 'inParkInefficient' || p.parkId !== undefined;
/** `parcel.outsidePark`: 园区外低散乱占地 lies in no park (shared with the bulk reader). */
export const outsideParkOk = (p: { category: string; parkId?: string | undefined }): boolean =>
  p.category !== 'outOfParkLowScattered' || p.parkId === undefined;

export const landParcelSchema = z
  .object({
    id: idField,
    townCode: divisionCodeField,
    area: positiveQuantityField('area', 'mu'),
    category: parcelCategorySchema,
    parkId: idField.optional(),
    /** 土地使用权人: the enterprise holding the land, if any. */
    holderUscc: usccField.optional(),
    /** 供地日期: when the land was supplied (for "supplied < N years" exemptions). */
    suppliedOn: isoDateField.optional(),
  })
  .superRefine((p, ctx) => {
    if (!parkRequiredOk(p)) {
      ctx.addIssue({
        code: 'custom',
        path: ['parkId'],
        message: '园区内低效用地 must name its park',
        params: { rule: 'parcel.parkRequired' },
      });
    }
    if (!outsideParkOk(p)) {
      ctx.addIssue({
        code: 'custom',
        path: ['parkId'],
        message: '园区外低散乱占地 cannot lie in a park',
        params: { rule: 'parcel.outsidePark' },
      });
    }
  });
export type LandParcel = z.output<typeof landParcelSchema>;
export type LandParcelInput = z.input<typeof landParcelSchema>;

/** Validates one parcel. @throws ValidationError naming each bad field */
export function parseLandParcel(input: unknown): LandParcel {
  return parseWith(landParcelSchema, input, 'parcel');
}
