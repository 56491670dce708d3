/**
 * 国民经济行业分类代码 — industry codes of GB/T 4754-2017.
 *
 * Four levels: 门类 section (a letter A–T), 大类 division (2 digits,
 * 01–97), 中类 group (3 digits), 小类 class (4 digits). The digit code
 * alone identifies the industry; the 门类 letter is derived from the 大类.
 *
 * Accepted inputs: `C`, `C17`, `17`, `175`, `1751`, `C1751` (trimmed,
 * upper-cased, full-width characters folded). The 大类 must exist in
 * GB/T 4754-2017; 中类 and 小类 are checked for shape only, because the
 * library ships a partial table of them.
 */

import {
  GBT4754_2017_DETAIL,
  GBT4754_2017_DIVISIONS,
  GBT4754_2017_SECTIONS,
  type IndustrySection,
  type IndustrySectionLetter,
} from '../data/industry-gbt4754-2017';
import { type FieldIssue, invalid, type Result, ValidationError } from '../errors';

export type { IndustrySection, IndustrySectionLetter };

/** Level of a 国民经济行业分类 code: 门类 `section`, 大类 `division`, 中类 `group`, 小类 `class`. */
export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

/** A parsed GB/T 4754-2017 国民经济行业分类 code. */
export interface IndustryCode {
  /** 门类 letter, e.g. `C` 制造业. */
  readonly section: IndustrySectionLetter;
  /** 大类, 2 digits (e.g. `17` 纺织业); absent for a bare 门类. */
  readonly division?: string;
  /** 中类, 3 digits (e.g. `175`); present at group and class level. */
  readonly group?: string;
  /** 小类, 4 digits (e.g. `1751`); present at class level. */
  readonly class?: string;
  /** Canonical code: the digit code (`1751`), or the letter for a bare 门类 (`C`). */
  readonly code: string;
  /** The most specific level present. */
  readonly level: IndustryLevel;
}

const SECTION_BY_LETTER: ReadonlyMap<string, IndustrySection> = new Map(
  GBT4754_2017_SECTIONS.map((s) => [s.letter, s]),
);

function sectionForDivision(division: string): IndustrySection | undefined {
  if (!/^\d{2}$/.test(division) || GBT4754_2017_DIVISIONS[division] === undefined) return undefined;
  const n = Number(division);
  return GBT4754_2017_SECTIONS.find((s) => n >= s.firstDivision && n <= s.lastDivision);
}

/**
 * 门类 letter of a 大类 (`'17'` or `17` → `'C'`). Throws
 * {@link ValidationError} with rule `industry.unknownDivision` when the 大类
 * is not one of GB/T 4754-2017's 01–97.
 */
export function sectionOf(division: string | number, field = 'division'): IndustrySectionLetter {
  const d =
    typeof division === 'number' ? (Number.isInteger(division) ? String(division).padStart(2, '0') : '') : division;
  const section = sectionForDivision(d);
  if (section === undefined) {
    throw invalid(field, 'industry.unknownDivision', `'${String(division)}' is not a GB/T 4754-2017 division (01-97)`);
  }
  return section.letter;
}

function collectIssues(input: unknown, field: string): { value?: IndustryCode; issues: FieldIssue[] } {
  if (typeof input !== 'string') {
    return { issues: [{ field, rule: 'industry.type', message: 'industry code must be a string' }] };
  }
  const s = input.normalize('NFKC').trim().toUpperCase();
  const m = /^([A-Z]?)(\d*)$/.exec(s);
  const letter = m?.[1] ?? '';
  const digits = m?.[2] ?? '';
  if (m === null || (letter === '' && digits === '') || ![0, 2, 3, 4].includes(digits.length)) {
    return {
      issues: [
        {
          field,
          rule: 'industry.format',
          message: `'${s}' is not an industry code (a section letter and/or 2, 3 or 4 digits)`,
        },
      ],
    };
  }
  if (letter !== '' && !SECTION_BY_LETTER.has(letter)) {
    return {
      issues: [
        { field, rule: 'industry.unknownSection', message: `'${letter}' is not a GB/T 4754-2017 section (A-T)` },
      ],
    };
  }
  if (digits === '') {
    return {
      value: Object.freeze({ section: letter as IndustrySectionLetter, code: letter, level: 'section' }),
      issues: [],
    };
  }
  const division = digits.slice(0, 2);
  const section = sectionForDivision(division);
  if (section === undefined) {
    return {
      issues: [
        { field, rule: 'industry.unknownDivision', message: `'${division}' is not a GB/T 4754-2017 division (01-97)` },
      ],
    };
  }
  if (letter !== '' && letter !== section.letter) {
    return {
      issues: [
        {
          field,
          rule: 'industry.sectionMismatch',
          message: `division ${division} belongs to section ${section.letter}, not ${letter}`,
        },
      ],
    };
  }
  let value: IndustryCode;
  if (digits.length === 2) {
    value = { section: section.letter, division, code: digits, level: 'division' };
  } else if (digits.length === 3) {
    value = { section: section.letter, division, group: digits, code: digits, level: 'group' };
  } else {
    value = {
      section: section.letter,
      division,
      group: digits.slice(0, 3),
      class: digits,
      code: digits,
      level: 'class',
    };
  }
  return { value: Object.freeze(value), issues: [] };
}

/**
 * Parse a GB/T 4754-2017 国民经济行业分类 code such as `C`, `C17`, `17`,
 * `175`, `1751` or `C1751`. Throws {@link ValidationError} naming `field`
 * and a rule among `industry.type`, `industry.format`,
 * `industry.unknownSection`, `industry.unknownDivision` (e.g. `00`, `98`)
 * and `industry.sectionMismatch` (e.g. `A17`).
 */
export function parseIndustryCode(input: string, field = 'industry'): IndustryCode {
  const r = safeParseIndustryCode(input, field);
  if (!r.ok) throw new ValidationError(r.issues);
  return r.value;
}

/** Like {@link parseIndustryCode} for a 国民经济行业分类 code, but returns the issues instead of throwing. */
export function safeParseIndustryCode(input: string, field = 'industry'): Result<IndustryCode> {
  const { value, issues } = collectIssues(input, field);
  if (value === undefined) return { ok: false, issues };
  return { ok: true, value };
}

function asIndustry(code: IndustryCode | string): IndustryCode {
  return typeof code === 'string' ? parseIndustryCode(code) : code;
}

/**
 * Chinese name of a 国民经济行业分类 code: the 小类 name if known, else the
 * 中类 name, else the 大类 name (always known); for a bare 门类, the 门类
 * name. E.g. `2822` → `涤纶纤维制造`, `1799` → `纺织业`, `C` → `制造业`.
 */
export function industryName(code: IndustryCode | string): string {
  const c = asIndustry(code);
  for (const key of [c.class, c.group, c.division]) {
    if (key === undefined) continue;
    const name = GBT4754_2017_DETAIL[key] ?? GBT4754_2017_DIVISIONS[key];
    if (name !== undefined) return name;
  }
  return SECTION_BY_LETTER.get(c.section)?.name ?? c.section;
}

/** Chinese name of a 门类 (section) letter, e.g. `C` → `制造业`; `undefined` for an unknown letter. */
export function sectionName(letter: string): string | undefined {
  return SECTION_BY_LETTER.get(letter.toUpperCase())?.name;
}

/** True when the code is in 门类 C 制造业 (manufacturing, 大类 13–43). */
export function isManufacturing(code: IndustryCode | string): boolean {
  return asIndustry(code).section === 'C';
}

/**
 * True when the code is a utility (公用事业): 门类 D 电力、热力、燃气及水生产和供应业,
 * i.e. 大类 44 电力、热力生产和供应业, 45 燃气生产和供应业, 46 水的生产和供应业.
 * Per-mu evaluation schemes commonly exempt these (rated "T").
 */
export function isUtility(code: IndustryCode | string): boolean {
  return asIndustry(code).section === 'D';
}
