/**
 * 统一社会信用代码 — the Unified Social Credit Code (USCC) of GB 32100-2015.
 *
 * 18 characters from a 31-character alphabet (digits and the capital letters
 * except I, O, Z, S, V):
 *
 * | position | meaning                                              |
 * | -------- | ---------------------------------------------------- |
 * | 1        | 登记管理部门代码 registration authority               |
 * | 2        | 机构类别代码 organisation type                         |
 * | 3–8      | 登记管理机关行政区划码 administrative division code     |
 * | 9–17     | 主体标识码 = GB 11714 组织机构代码 (8 body + 1 check)  |
 * | 18       | 校验码 GB 32100 check character                       |
 *
 * Input is normalised before checking: Unicode NFKC (full-width `９１３３…`
 * becomes ASCII), surrounding whitespace trimmed, letters upper-cased. So a
 * lower-case code is accepted and returned upper-cased; an `i`, `o`, `z`,
 * `s` or `v` is still refused after upper-casing.
 */

import { type FieldIssue, invalid, type Result, ValidationError } from '../errors';
import { isProvinceCode } from './division-code';

/** A validated 统一社会信用代码 (upper case, 18 characters, both check characters correct). */
export type Uscc = string & { readonly __brand: 'Uscc' };

/** The 31-character alphabet of the 统一社会信用代码 (GB 32100-2015 §4.2); the index of a character is its value. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights 3^(i) mod 31 of positions 1–17 for the GB 32100 校验码. */
export const USCC_WEIGHTS: readonly number[] = Object.freeze([
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
]);

/** Weights of the 8 body characters for the GB 11714 组织机构代码 check character. */
export const ORG_CODE_WEIGHTS: readonly number[] = Object.freeze([3, 7, 9, 10, 5, 8, 4, 2]);

/** One 登记管理部门 (registration authority) of GB 32100-2015 Annex A, with its 机构类别 codes. */
export interface RegistrationAuthority {
  /** Chinese name of the 登记管理部门, e.g. `工商` for code 9. */
  readonly name: string;
  /** Known 机构类别代码 → Chinese name (informative; not used for validation). */
  readonly organisationTypes: Readonly<Record<string, string>>;
}

/**
 * 登记管理部门代码 → authority (GB 32100-2015 Annex A). Valid first
 * characters: 1–9, A, N, Y. The 机构类别 names are informative; position 2
 * is only checked against the alphabet, since the category lists have been
 * extended by the authorities after 2015.
 */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, RegistrationAuthority>> = Object.freeze({
  '1': {
    name: '机构编制',
    organisationTypes: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', organisationTypes: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    organisationTypes: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', organisationTypes: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', organisationTypes: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    organisationTypes: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', organisationTypes: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', organisationTypes: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', organisationTypes: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', organisationTypes: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    organisationTypes: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', organisationTypes: {} },
});

/** The division code used by national-level (国家级) registration, e.g. enterprises registered with the central 工商 authority. */
const NATIONAL_DIVISION = '100000';

function charValue(c: string): number {
  return USCC_CHARSET.indexOf(c);
}

/** GB 11714 value of a body character: digits are their value, A–Z are 10–35. */
function orgCodeValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return -1;
}

/**
 * GB 11714 组织机构代码 check character (the 9th character, position 17 of
 * a USCC) of the 8 body characters: C9 = 11 − (Σ value × weight mod 11),
 * with 10 → `X` and 11 → `0`. Body characters are digits or A–Z (lower case
 * is upper-cased). Throws {@link ValidationError} (field `first8`, rule
 * `uscc.length` or `uscc.charset`) on a malformed body.
 */
export function orgCodeCheckChar(first8: string): string {
  const body = first8.toUpperCase();
  if (body.length !== 8) {
    throw invalid('first8', 'uscc.length', `organisation code body must have 8 characters, got ${body.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = orgCodeValue(body.charAt(i));
    if (v < 0) {
      throw invalid('first8', 'uscc.charset', `character '${body.charAt(i)}' at position ${i + 1} is not 0-9 or A-Z`);
    }
    sum += v * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

/**
 * GB 32100 校验码 (position 18) of the first 17 characters of a
 * 统一社会信用代码: C18 = 31 − (Σ value × 3^(i) mod 31), 31 → `0`, mapped
 * back through {@link USCC_CHARSET}. Throws {@link ValidationError} (field
 * `first17`, rule `uscc.length` or `uscc.charset`) on a malformed input.
 */
export function usccCheckChar(first17: string): string {
  const s = first17.toUpperCase();
  if (s.length !== 17) {
    throw invalid('first17', 'uscc.length', `expected 17 characters, got ${s.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(s.charAt(i));
    if (v < 0) {
      throw invalid('first17', 'uscc.charset', `character '${s.charAt(i)}' at position ${i + 1} is not allowed`);
    }
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET.charAt(c === 31 ? 0 : c);
}

function normalise(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

function isValidUsccDivision(d: string): boolean {
  return /^\d{6}$/.test(d) && (d === NATIONAL_DIVISION || isProvinceCode(d.slice(0, 2)));
}

function collectIssues(input: unknown, field: string): { code: string; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (typeof input !== 'string') {
    issues.push({ field, rule: 'uscc.type', message: 'unified social credit code must be a string' });
    return { code: '', issues };
  }
  const code = normalise(input);
  if (code.length !== 18) {
    issues.push({ field, rule: 'uscc.length', message: `must have 18 characters, got ${code.length}` });
  }
  for (let i = 0; i < code.length; i++) {
    const ch = code.charAt(i);
    if (charValue(ch) < 0) {
      const hint = 'IOZSV'.includes(ch) ? ' (I, O, Z, S and V are never used)' : '';
      issues.push({
        field,
        rule: 'uscc.charset',
        message: `character '${ch}' at position ${i + 1} is not allowed${hint}`,
      });
      break;
    }
  }
  if (issues.length > 0) return { code, issues };

  const authority = code.charAt(0);
  if (REGISTRATION_AUTHORITIES[authority] === undefined) {
    issues.push({
      field,
      rule: 'uscc.registrationAuthority',
      message: `'${authority}' is not a registration authority code (1-9, A, N, Y)`,
    });
  }
  const division = code.slice(2, 8);
  if (!isValidUsccDivision(division)) {
    issues.push({
      field,
      rule: 'uscc.divisionCode',
      message: `'${division}' at positions 3-8 is not an administrative division code`,
    });
  }
  const orgCheck = orgCodeCheckChar(code.slice(8, 16));
  if (code.charAt(16) !== orgCheck) {
    issues.push({
      field,
      rule: 'uscc.orgCodeCheckDigit',
      message: `organisation code check character (position 17) should be '${orgCheck}', got '${code.charAt(16)}'`,
    });
  }
  const check = usccCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== check) {
    issues.push({
      field,
      rule: 'uscc.checkDigit',
      message: `check character (position 18) should be '${check}', got '${code.charAt(17)}'`,
    });
  }
  return { code, issues };
}

/**
 * Parse a 统一社会信用代码. Normalises (NFKC, trim, upper-case), then checks
 * length, alphabet, 登记管理部门代码, 行政区划码, the GB 11714 check
 * character and the GB 32100 check character. Throws
 * {@link ValidationError} whose issues name `field` and a rule among
 * `uscc.type`, `uscc.length`, `uscc.charset`, `uscc.registrationAuthority`,
 * `uscc.divisionCode`, `uscc.orgCodeCheckDigit`, `uscc.checkDigit`. Once
 * length and alphabet are right, every other broken rule is reported.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { parseUscc, ValidationError } from '@mujun/core';
 *
 * assert.equal(parseUscc('  91330100799655058b '), '91330100799655058B'); // trimmed, upper-cased
 * assert.throws(() => parseUscc('91330100799655058C'), ValidationError); // wrong check character
 * ```
 */
export function parseUscc(input: string, field = 'uscc'): Uscc {
  const r = safeParseUscc(input, field);
  if (!r.ok) throw new ValidationError(r.issues);
  return r.value;
}

/** Like {@link parseUscc} for a 统一社会信用代码, but returns the issues instead of throwing. */
export function safeParseUscc(input: string, field = 'uscc'): Result<Uscc> {
  const { code, issues } = collectIssues(input, field);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: code as Uscc };
}

/**
 * True when `s` is a valid 统一社会信用代码 (after the same normalisation as {@link parseUscc}).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { isValidUscc } from '@mujun/core';
 *
 * assert.equal(isValidUscc('91330100799655058B'), true);
 * assert.equal(isValidUscc('91330100799655058A'), false);
 * ```
 */
export function isValidUscc(s: string): boolean {
  return safeParseUscc(s).ok;
}

/** Parts of a 统一社会信用代码 for {@link makeUscc}. */
export interface UsccParts {
  /** 登记管理部门代码, one of 1–9, A, N, Y (e.g. `9` 工商). */
  readonly authority: string;
  /** 机构类别代码, one character of {@link USCC_CHARSET} (e.g. `1` 企业). */
  readonly orgType: string;
  /** 登记管理机关行政区划码, 6 digits (e.g. `330483` 桐乡市). */
  readonly divisionCode: string;
  /** The 8 body characters of the 组织机构代码, from {@link USCC_CHARSET}. */
  readonly orgCodeBody: string;
}

/**
 * Build a 统一社会信用代码 from its parts, computing the GB 11714 check
 * character (position 17) and the GB 32100 check character (position 18).
 * Meant for synthetic data and tests. Throws {@link ValidationError} naming
 * the offending part (`authority`, `orgType`, `divisionCode`, `orgCodeBody`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { isValidUscc, makeUscc } from '@mujun/core';
 *
 * const code = makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: '12345678' });
 * assert.equal(code.length, 18);
 * assert.equal(code.slice(0, 8), '91330483');
 * assert.ok(isValidUscc(code));
 * ```
 */
export function makeUscc(parts: UsccParts): Uscc {
  const authority = normalise(parts.authority);
  const orgType = normalise(parts.orgType);
  const division = normalise(parts.divisionCode);
  const body = normalise(parts.orgCodeBody);
  const issues: FieldIssue[] = [];
  if (authority.length !== 1 || REGISTRATION_AUTHORITIES[authority] === undefined) {
    issues.push({
      field: 'authority',
      rule: 'uscc.registrationAuthority',
      message: `'${authority}' is not a registration authority code (1-9, A, N, Y)`,
    });
  }
  if (orgType.length !== 1 || charValue(orgType) < 0) {
    issues.push({
      field: 'orgType',
      rule: 'uscc.charset',
      message: `'${orgType}' is not a single character of the USCC alphabet`,
    });
  }
  if (!isValidUsccDivision(division)) {
    issues.push({
      field: 'divisionCode',
      rule: 'uscc.divisionCode',
      message: `'${division}' is not a 6-digit administrative division code`,
    });
  }
  if (body.length !== 8) {
    issues.push({
      field: 'orgCodeBody',
      rule: 'uscc.length',
      message: `organisation code body must have 8 characters, got ${body.length}`,
    });
  } else if ([...body].some((c) => charValue(c) < 0)) {
    issues.push({
      field: 'orgCodeBody',
      rule: 'uscc.charset',
      message: 'organisation code body must use the USCC alphabet (no I, O, Z, S, V)',
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const first17 = authority + orgType + division + body + orgCodeCheckChar(body);
  return (first17 + usccCheckChar(first17)) as Uscc;
}

/** The parts of a valid 统一社会信用代码, as returned by {@link describeUscc}. */
export interface UsccDescription {
  /** 登记管理部门代码 (position 1), e.g. `9`. */
  readonly registrationAuthority: string;
  /** Chinese name of the 登记管理部门, e.g. `工商`. */
  readonly registrationAuthorityName: string;
  /** 机构类别代码 (position 2), e.g. `1`. */
  readonly organisationType: string;
  /** Chinese name of the 机构类别 when known (e.g. `企业`), else `undefined`. */
  readonly organisationTypeName: string | undefined;
  /** 登记管理机关行政区划码 (positions 3–8), e.g. `330483`; `100000` for national registration. */
  readonly divisionCode: string;
  /** GB 11714 组织机构代码 (positions 9–17, check character included), e.g. `799655058`. */
  readonly organisationCode: string;
}

/**
 * Split a 统一社会信用代码 into its parts (parses the input first; throws like {@link parseUscc}).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { describeUscc } from '@mujun/core';
 *
 * const parts = describeUscc('91330100799655058B');
 * assert.equal(parts.registrationAuthorityName, '工商');
 * assert.equal(parts.organisationTypeName, '企业');
 * assert.equal(parts.divisionCode, '330100');
 * ```
 */
export function describeUscc(uscc: Uscc | string): UsccDescription {
  const code = parseUscc(uscc);
  const authority = code.charAt(0);
  const orgType = code.charAt(1);
  const entry = REGISTRATION_AUTHORITIES[authority];
  return {
    registrationAuthority: authority,
    registrationAuthorityName: entry?.name ?? '',
    organisationType: orgType,
    organisationTypeName: entry?.organisationTypes[orgType],
    divisionCode: code.slice(2, 8),
    organisationCode: code.slice(8, 17),
  };
}
