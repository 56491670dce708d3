/**
 * 不动产单元号 — the real-estate unit number of GB/T 37346-2019 (不动产单元设定与代码编制规则).
 *
 * 28 characters:
 *
 * | position | meaning                                                        |
 * | -------- | -------------------------------------------------------------- |
 * | 1–6      | 县级行政区划代码 county-level division code                      |
 * | 7–9      | 地籍区 cadastral district                                        |
 * | 10–12    | 地籍子区 cadastral sub-district                                  |
 * | 13–14    | 宗地特征码: ownership (G 国有, J 集体, Z 争议) + use right type   |
 * | 15–19    | 宗地顺序号 parcel sequence number                                |
 * | 20       | 定着物特征码: F 房屋等建构筑物, L 森林林木, Q 其他, W 无定着物     |
 * | 21–28    | 定着物单元号 fixture unit number (00000000 for W)                |
 *
 * Input is normalised first (NFKC, trimmed, upper-cased), like the USCC. A
 * parcel keeps its unit number beside the free-text listing reference
 * (出让公告编号 and the like), which has no structure to check.
 */

import { type FieldIssue, type Result, ValidationError } from '../errors';
import { isProvinceCode } from '../ids/division-code';

/** A validated 不动产单元号 (28 characters, canonical form). */
export type UnitNumber = string & { readonly __brand: 'UnitNumber' };

/** 宗地特征码, first character: land ownership (土地所有权类型). */
export const PARCEL_OWNERSHIP_CODES = { G: '国家土地所有权', J: '集体土地所有权', Z: '土地所有权争议' } as const;

/** 宗地特征码, second character: the kind of right the parcel is set up for (宗地类型). */
export const PARCEL_RIGHT_CODES = {
  A: '集体土地所有权宗地',
  B: '建设用地使用权宗地（地表）',
  S: '建设用地使用权宗地（地上）',
  X: '建设用地使用权宗地（地下）',
  C: '宅基地使用权宗地',
  D: '土地承包经营权宗地（耕地）',
  E: '林地使用权宗地',
  F: '草原使用权宗地',
  L: '林地承包经营权宗地',
  N: '农用地使用权宗地',
  H: '海域使用权宗海',
  G: '无居民海岛使用权',
  W: '使用权未确定或有争议的土地',
  Y: '其他使用权宗地',
} as const;

/** 定着物特征码. */
export const FIXTURE_CODES = { F: '房屋等建筑物、构筑物', L: '森林、林木', Q: '其他', W: '无定着物' } as const;

/** The fields of a 不动产单元号. */
export interface UnitNumberParts {
  readonly unitNumber: UnitNumber;
  /** 县级行政区划代码 (6 digits). */
  readonly countyCode: string;
  /** 地籍区 (3 digits). */
  readonly cadastralDistrict: string;
  /** 地籍子区 (3 digits). */
  readonly cadastralSubdistrict: string;
  /** 宗地特征码 (2 letters). */
  readonly parcelFeature: string;
  /** 宗地顺序号 (5 digits). */
  readonly parcelSequence: string;
  /** 定着物特征码 (F, L, Q or W). */
  readonly fixtureFeature: keyof typeof FIXTURE_CODES;
  /** 定着物单元号 (8 digits). */
  readonly fixtureUnit: string;
  /** 宗地代码: the first 19 characters, the parcel without its fixture. */
  readonly parcelCode: string;
}

/** Largest input looked at: a longer string is refused by its length before any other work. */
const MAX_INPUT = 64;

function normalise(input: string): string {
  const head = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT + 1) : input;
  return head.normalize('NFKC').trim().toUpperCase();
}

const DIGITS = /^[0-9]+$/;

/** Every broken field of `input`, empty when it is valid. */
function unitNumberIssues(s: string, field: string): FieldIssue[] {
  if (s.length !== 28) {
    return [{ field, rule: 'unitNumber.length', message: `a 不动产单元号 has 28 characters, got ${s.length}` }];
  }
  const issues: FieldIssue[] = [];
  const add = (rule: FieldIssue['rule'], message: string): void => {
    issues.push({ field, rule, message });
  };
  const county = s.slice(0, 6);
  if (!DIGITS.test(county) || !isProvinceCode(county.slice(0, 2)) || county.slice(4) === '00') {
    add('unitNumber.division', `characters 1–6 (${county}) are not a 县级行政区划代码`);
  }
  if (!DIGITS.test(s.slice(6, 9))) add('unitNumber.cadastralDistrict', 'characters 7–9 (地籍区) are three digits');
  if (!DIGITS.test(s.slice(9, 12))) {
    add('unitNumber.cadastralSubdistrict', 'characters 10–12 (地籍子区) are three digits');
  }
  const own = s.charAt(12);
  const right = s.charAt(13);
  if (!Object.hasOwn(PARCEL_OWNERSHIP_CODES, own) || !Object.hasOwn(PARCEL_RIGHT_CODES, right)) {
    add('unitNumber.parcelFeature', `characters 13–14 (${own}${right}) are not a 宗地特征码`);
  }
  const seq = s.slice(14, 19);
  if (!DIGITS.test(seq) || seq === '00000') {
    add('unitNumber.parcelSequence', 'characters 15–19 (宗地顺序号) are five digits, not 00000');
  }
  const fixture = s.charAt(19);
  if (!Object.hasOwn(FIXTURE_CODES, fixture)) {
    add('unitNumber.fixtureFeature', `character 20 (${fixture}) is not F, L, Q or W`);
  }
  const unit = s.slice(20);
  if (!DIGITS.test(unit) || (fixture === 'W' && unit !== '00000000')) {
    add(
      'unitNumber.fixtureUnit',
      'characters 21–28 (定着物单元号) are eight digits, 00000000 when there is no fixture (W)',
    );
  }
  return issues;
}

/** Parses a 不动产单元号, collecting every broken field (see `parseUnitNumber`). */
export function safeParseUnitNumber(input: unknown, field = 'unitNumber'): Result<UnitNumberParts> {
  if (typeof input !== 'string') {
    return { ok: false, issues: [{ field, rule: 'unitNumber.type', message: 'a 不动产单元号 is a string' }] };
  }
  const s = normalise(input);
  const issues = unitNumberIssues(s, field);
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      unitNumber: s as UnitNumber,
      countyCode: s.slice(0, 6),
      cadastralDistrict: s.slice(6, 9),
      cadastralSubdistrict: s.slice(9, 12),
      parcelFeature: s.slice(12, 14),
      parcelSequence: s.slice(14, 19),
      fixtureFeature: s.charAt(19) as keyof typeof FIXTURE_CODES,
      fixtureUnit: s.slice(20),
      parcelCode: s.slice(0, 19),
    },
  };
}

/**
 * Parses a 不动产单元号 into its fields.
 * @throws ValidationError naming `field` and each broken rule
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { parseUnitNumber } from '@mujun/core/geo';
 *
 * const u = parseUnitNumber('330483001002gb00012f00010001'); // canonicalised: upper case
 * assert.equal(u.parcelCode, '330483001002GB00012');
 * assert.equal(u.fixtureFeature, 'F');
 * assert.throws(() => parseUnitNumber('330483001002GB00000W00000000'), /unitNumber\.parcelSequence/);
 * ```
 */
export function parseUnitNumber(input: unknown, field = 'unitNumber'): UnitNumberParts {
  const r = safeParseUnitNumber(input, field);
  if (!r.ok) throw new ValidationError(r.issues);
  return r.value;
}
