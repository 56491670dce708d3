import { z } from 'zod';
import { divisionCodeField, idField, industryField, isoDateField, nameField, parseWith, usccField } from './fields';

/** 问题标签: flags an enterprise can carry (see `ENTERPRISE_FLAG_LABELS`). */
export const enterpriseFlagSchema = z.enum([
  'lowScattered', // 低散乱
  'fourWithout', // 四无
  'zombie', // 僵尸企业
  'backwardCapacity', // 落后产能
  'illegalLandUse', // 违法占地
  'illegalConstruction', // 违法建筑
  'highEnergy', // 高耗能
  'heavyPollution', // 重污染
]);
export type EnterpriseFlag = z.infer<typeof enterpriseFlagSchema>;

/** The four conditions of 四无: 无证无照, 无安全保障, 无合法场所, 无环保措施. */
export const fourWithoutSchema = z.enum(['noLicence', 'noSafety', 'noLegalPremises', 'noEnvironmentalMeasures']);
export type FourWithout = z.infer<typeof fourWithoutSchema>;

/**
 * An enterprise (企业), keyed by its 统一社会信用代码. Its town is a 12-digit
 * town code of its region; scale (规上/规下) is a yearly fact and lives on
 * `EnterpriseAnnualData`.
 */
/** `enterprise.fourWithoutFlag`: 四无 conditions need the fourWithout flag (shared with the bulk reader). */
export const fourWithoutFlagOk = (e: { flags: readonly string[]; fourWithout: readonly string[] }): boolean =>
  e.fourWithout.length === 0 || e.flags.includes('fourWithout');

export const enterpriseSchema = z
  .object({
    uscc: usccField,
    name: nameField,
    townCode: divisionCodeField,
    industry: industryField,
    registeredOn: isoDateField,
    parkId: idField.optional(),
    parcelIds: z.array(idField).default([]),
    flags: z.array(enterpriseFlagSchema).default([]),
    fourWithout: z.array(fourWithoutSchema).default([]),
  })
  .superRefine((e, ctx) => {
    if (!fourWithoutFlagOk(e)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fourWithout'],
        message: '四无 conditions are listed but the fourWithout flag is not set',
        params: { rule: 'enterprise.fourWithoutFlag' },
      });
    }
    if (new Set(e.flags).size !== e.flags.length) {
      ctx.addIssue({ code: 'custom', path: ['flags'], message: 'a flag is listed twice', params: { rule: 'unique' } });
    }
    if (new Set(e.parcelIds).size !== e.parcelIds.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['parcelIds'],
        message: 'a parcel is listed twice',
        params: { rule: 'unique' },
      });
    }
  });
export type Enterprise = z.output<typeof enterpriseSchema>;
export type EnterpriseInput = z.input<typeof enterpriseSchema>;

/**
 * Validates one enterprise. @throws ValidationError naming each bad field
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { parseEnterprise, ValidationError } from '@mujun/core';
 *
 * const e = parseEnterprise({
 *   uscc: '91330100799655058B', name: '示例企业', townCode: '330483108000', industry: '1751', registeredOn: '2010-01-01',
 * });
 * assert.equal(e.uscc, '91330100799655058B');
 * try {
 *   parseEnterprise({ ...e, uscc: 'not-a-uscc' });
 *   assert.fail('a bad USCC is refused');
 * } catch (error) {
 *   assert.ok(error instanceof ValidationError);
 *   assert.equal(error.issues[0]?.field, 'enterprise.uscc'); // errors name the field
 * }
 * ```
 */
export function parseEnterprise(input: unknown): Enterprise {
  return parseWith(enterpriseSchema, input, 'enterprise');
}
