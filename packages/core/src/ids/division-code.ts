/**
 * 行政区划代码 — administrative division codes (GB/T 2260 for the 6-digit
 * county-level code; the National Bureau of Statistics' 统计用区划代码 for
 * the 12-digit code that adds 乡镇街道 and 村/社区).
 *
 * Layout: `PP CC DD [TTT VVV]`
 * - `PP` 省级 province (e.g. 33 浙江省)
 * - `CC` 地级 prefecture (e.g. 3304 嘉兴市)
 * - `DD` 县级 county (e.g. 330483 桐乡市)
 * - `TTT` 乡级 town / 镇 / 街道 (12-digit form only)
 * - `VVV` 村级 village / 社区 (12-digit form only)
 *
 * Only the structure is checked (digits, length, a known province, no
 * lower level without its upper level); whether a code exists in a given
 * year's official list is a matter for reference data, not this module.
 */

import { type FieldIssue, type Result, ValidationError } from '../errors';

/** A validated 行政区划代码 of 6 or 12 digits. */
export type DivisionCode = string & { readonly __brand: 'DivisionCode' };

/**
 * Level of a 行政区划代码: 省级 `province`, 地级 `prefecture`, 县级 `county`,
 * 乡级 `town` (乡、镇、街道), 村级 `village` (村民委员会、居民委员会).
 */
export type DivisionLevel = 'province' | 'prefecture' | 'county' | 'town' | 'village';

/**
 * The 34 province-level codes (省级行政区划代码): 11–15 华北, 21–23 东北,
 * 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北, 71 台湾, 81 香港, 82 澳门.
 */
export const PROVINCE_CODES: readonly string[] = Object.freeze([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

const PROVINCES = new Set(PROVINCE_CODES);

/** True when `two` is one of the 34 省级 codes (e.g. `'33'` 浙江省). */
export function isProvinceCode(two: string): boolean {
  return PROVINCES.has(two);
}

/** Segment boundaries: [start, end) of province, prefecture, county, town, village. */
const SEGMENTS: readonly (readonly [number, number])[] = [
  [0, 2],
  [2, 4],
  [4, 6],
  [6, 9],
  [9, 12],
];
const LEVELS: readonly DivisionLevel[] = ['province', 'prefecture', 'county', 'town', 'village'];
/** Number of significant leading digits of a code at each level. */
const PREFIX_LENGTH: Readonly<Record<DivisionLevel, number>> = {
  province: 2,
  prefecture: 4,
  county: 6,
  town: 9,
  village: 12,
};

function isZeroSegment(code: string, index: number): boolean {
  const seg = SEGMENTS[index];
  return seg === undefined || code.length < seg[1] || /^0+$/.test(code.slice(seg[0], seg[1]));
}

function collectIssues(input: unknown, field: string): { code: string; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (typeof input !== 'string') {
    issues.push({ field, rule: 'divisionCode.type', message: 'division code must be a string' });
    return { code: '', issues };
  }
  const code = input.normalize('NFKC').trim();
  if (!/^\d*$/.test(code)) {
    issues.push({
      field,
      rule: 'divisionCode.charset',
      message: 'division code must contain digits only',
    });
    return { code, issues };
  }
  if (code.length !== 6 && code.length !== 12) {
    issues.push({
      field,
      rule: 'divisionCode.length',
      message: `division code must have 6 or 12 digits, got ${code.length}`,
    });
    return { code, issues };
  }
  const province = code.slice(0, 2);
  if (!PROVINCES.has(province)) {
    issues.push({
      field,
      rule: 'divisionCode.province',
      message: `'${province}' is not a province-level code`,
    });
  }
  // Once a level is all zeros, every lower level must be zeros too.
  let zeroSeen = false;
  const segmentCount = code.length === 6 ? 3 : 5;
  for (let i = 1; i < segmentCount; i++) {
    const zero = isZeroSegment(code, i);
    if (zeroSeen && !zero) {
      issues.push({
        field,
        rule: 'divisionCode.hierarchy',
        message: `the ${LEVELS[i]} part is set but a higher level part is zero`,
      });
      break;
    }
    if (zero) zeroSeen = true;
  }
  return { code, issues };
}

/**
 * Parse a 行政区划代码 (6 or 12 digits). Surrounding spaces are trimmed and
 * full-width digits are folded to ASCII. Throws {@link ValidationError} with
 * rule `divisionCode.type`, `divisionCode.charset`, `divisionCode.length`,
 * `divisionCode.province` or `divisionCode.hierarchy`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { divisionLevel, parseDivisionCode } from '@mujun/core/ids';
 *
 * assert.equal(parseDivisionCode(' 330483001000 '), '330483001000');
 * assert.equal(divisionLevel('330483'), 'county');
 * assert.equal(divisionLevel('330483001000'), 'town');
 * ```
 */
export function parseDivisionCode(input: string, field = 'divisionCode'): DivisionCode {
  const r = safeParseDivisionCode(input, field);
  if (!r.ok) throw new ValidationError(r.issues);
  return r.value;
}

/** Like {@link parseDivisionCode} for a 行政区划代码, but returns the issues instead of throwing. */
export function safeParseDivisionCode(input: string, field = 'divisionCode'): Result<DivisionCode> {
  const { code, issues } = collectIssues(input, field);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: code as DivisionCode };
}

/** True when `s` is a structurally valid 行政区划代码 (6 or 12 digits). */
export function isValidDivisionCode(s: string): boolean {
  return safeParseDivisionCode(s).ok;
}

function asCode(code: DivisionCode | string, field: string): DivisionCode {
  return parseDivisionCode(code, field);
}

/**
 * Level of a 行政区划代码, from its trailing zeros: `330000` province,
 * `330400` prefecture, `330483` county, `330483001000` town,
 * `330483001001` village. A 12-digit code whose town and village parts are
 * zero (`330483000000`) has the level of its 6-digit prefix.
 */
export function divisionLevel(code: DivisionCode | string): DivisionLevel {
  const c = asCode(code, 'divisionCode');
  const segmentCount = c.length === 6 ? 3 : 5;
  let level: DivisionLevel = 'province';
  for (let i = 1; i < segmentCount; i++) {
    const name = LEVELS[i];
    if (name !== undefined && !isZeroSegment(c, i)) level = name;
  }
  return level;
}

/**
 * The 上级 (parent) 行政区划代码, in the same width as the input, found by
 * zeroing the lowest non-zero part: `330483` → `330400` → `330000` →
 * `undefined`; `330483001001` → `330483001000` → `330483000000`.
 * Purely structural: a county directly under a province (省直辖县, e.g.
 * 429004) gets the placeholder prefecture `429000`.
 */
export function parentDivision(code: DivisionCode | string): DivisionCode | undefined {
  const c = asCode(code, 'divisionCode');
  const level = divisionLevel(c);
  if (level === 'province') return undefined;
  const index = LEVELS.indexOf(level);
  const parentLevel = LEVELS[index - 1];
  if (parentLevel === undefined) return undefined;
  const keep = PREFIX_LENGTH[parentLevel];
  return (c.slice(0, keep) + '0'.repeat(c.length - keep)) as DivisionCode;
}

/**
 * True when the region `child` lies within the region `parent` (辖区内),
 * including when both name the same region. Codes of different widths are
 * compared by their significant prefix, so `330483001000` (a town of
 * 桐乡市) is within `330483` and within `330400` 嘉兴市.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { isWithin, parentDivision } from '@mujun/core/ids';
 *
 * assert.equal(parentDivision('330483'), '330400'); // 桐乡市 → 嘉兴市
 * assert.ok(isWithin('330483001000', '330483'));
 * ```
 */
export function isWithin(child: DivisionCode | string, parent: DivisionCode | string): boolean {
  const c = asCode(child, 'child');
  const p = asCode(parent, 'parent');
  const cLevel = divisionLevel(c);
  const pLevel = divisionLevel(p);
  const pLen = PREFIX_LENGTH[pLevel];
  if (PREFIX_LENGTH[cLevel] < pLen) return false;
  return c.slice(0, pLen) === p.slice(0, pLen);
}
