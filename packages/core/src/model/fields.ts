import { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors';
import { toDecimal } from '../exact/decimal';
import { plainDecimal } from '../exact/plain-decimal';
import { pow10, Rational } from '../exact/rational';
import { safeParseDivisionCode } from '../ids/division-code';
import { safeParseIndustryCode } from '../ids/industry';
import { safeParseUscc } from '../ids/uscc';
import { Quantity } from '../quantity/quantity';
import { type Kind, UNITS, type Unit, type UnitOf } from '../quantity/units';
import type { RuleId } from '../rules';
import { isIsoDate } from './date';

/*
 * zod building blocks shared by the domain schemas. Each custom issue carries
 * `params.rule`, so errors name a rule as well as a field.
 */

/** A decimal as a string (`"4574"`, `"0.0302"`); integer JS numbers are accepted too. */
export const decimalString = z.union([z.string(), z.number(), z.bigint()]).transform((v, ctx) => {
  try {
    return Rational.from(toDecimal(v));
  } catch (e) {
    // toDecimal names its rule (decimal.format, .float, .range, ...): pass its issues on as they are.
    if (!(e instanceof ValidationError)) throw e;
    for (const issue of e.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, params: { rule: issue.rule } });
    return z.NEVER;
  }
});

/**
 * A quantity of `kind`, given either as a decimal string in `defaultUnit`
 * or as `{ value, unit }` naming its unit, e.g. `"45"` (亩) or
 * `{ "value": "470000", "unit": "squareMetre" }`.
 */
export function quantityField<K extends Kind>(kind: K, defaultUnit: UnitOf<K>) {
  const units = (Object.keys(UNITS) as Unit[]).filter((u) => UNITS[u].kind === kind) as [UnitOf<K>, ...UnitOf<K>[]];
  return z
    .union([
      decimalString.transform((v) => ({ value: v, unit: defaultUnit as UnitOf<K> })),
      z.object({ value: decimalString, unit: z.enum(units) }).transform((o) => ({
        value: o.value,
        unit: o.unit as UnitOf<K>,
      })),
    ])
    .transform((o) => Quantity.of(kind, o.value, o.unit));
}

/**
 * The fast reading of `quantityField`: a plain decimal string (see `plainDecimal`) in `unit`
 * as the very Quantity the field makes of it, built straight in base units; undefined for
 * any other input, which the field itself must judge.
 */
export function plainQuantity<K extends Kind>(kind: K, input: unknown, unit: UnitOf<K>): Quantity<K> | undefined {
  if (typeof input !== 'string') return undefined;
  const d = plainDecimal(input);
  if (d === undefined) return undefined;
  // Rational.of reduces to lowest terms, so this equals Quantity.of(kind, Rational.from(input), unit).
  return Quantity.fromBase(kind, Rational.of(BigInt(d.units) * UNITS[unit].factor, pow10(d.places)));
}

/** A quantity that must be strictly positive (a parcel's area, a park phase's floor area). */
export function positiveQuantityField<K extends Kind>(kind: K, defaultUnit: UnitOf<K>) {
  return quantityField(kind, defaultUnit).superRefine((q, ctx) => {
    if (!q.isPositive())
      ctx.addIssue({ code: 'custom', message: 'must be greater than zero', params: { rule: 'positive' } });
  });
}

/** A quantity that must not be negative (tax, energy, employees, ...). */
export function nonNegativeQuantityField<K extends Kind>(kind: K, defaultUnit: UnitOf<K>) {
  return quantityField(kind, defaultUnit).superRefine((q, ctx) => {
    if (q.isNegative())
      ctx.addIssue({ code: 'custom', message: 'must not be negative', params: { rule: 'nonNegative' } });
  });
}

function fromSafeParse<T>(
  parse: (s: string, field?: string) => { ok: true; value: T } | { ok: false; issues: readonly FieldIssue[] },
) {
  return z.string().transform((s, ctx) => {
    const r = parse(s);
    if (r.ok) return r.value;
    for (const issue of r.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, params: { rule: issue.rule } });
    return z.NEVER;
  });
}

/** 统一社会信用代码, both check digits verified. */
export const usccField = fromSafeParse(safeParseUscc);
/** 行政区划代码, 6 or 12 digits. */
export const divisionCodeField = fromSafeParse(safeParseDivisionCode);
/** GB/T 4754-2017 industry code, normalised. */
export const industryField = fromSafeParse(safeParseIndustryCode);

/** A calendar date `YYYY-MM-DD`. */
export const isoDateField = z.string().refine(isIsoDate, {
  message: 'must be a calendar date YYYY-MM-DD',
  params: { rule: 'date.format' },
});

/** A statistical year. */
export const yearField = z
  .number()
  .int({ message: 'must be a whole year' })
  .min(1949, { message: 'must be 1949 or later' })
  .max(2100, { message: 'must be 2100 or earlier' });

/** The characters an identifier may hold (shared with the bulk event validator). */
export const ID_PATTERN = /^[\p{L}\p{N}_.:\-/]+$/u;

/** An identifier chosen by the data owner (parcel number, park code, event id). */
export const idField = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(128, { message: 'must be at most 128 characters' })
  .regex(ID_PATTERN, { message: 'may hold letters, digits and _ . : - / only' });

/*
 * Text people type (names, notes) must be text: a control character (NUL,
 * ESC, ...) or a lone UTF-16 surrogate (half a character, which PostgreSQL
 * and every UTF-8 consumer refuse or mangle) is refused at the boundary,
 * naming the field, instead of failing deep in a driver.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
/** Control characters other than tab and line breaks, which notes may hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_NOTES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/**
 * The text rule `s` breaks, if any: one predicate for the zod refinement and the bulk validators.
 * One pass over the UTF-16 units instead of two regular expressions per name: a lone
 * surrogate anywhere wins over a control character; the control sets are those of CONTROL
 * and CONTROL_IN_NOTES above (which still locate the character for the message).
 */
export function plainTextRule(s: string, multiline: boolean): 'text.surrogate' | 'text.control' | undefined {
  let control = false;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (!multiline || (c !== 0x09 && c !== 0x0a && c !== 0x0d)) control = true;
    } else if (c >= 0x7f && c <= 0x9f) control = true;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A high surrogate followed by a low one is one character; any other surrogate is lone.
      const next = c <= 0xdbff && i + 1 < len ? s.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return 'text.surrogate';
      i++;
    }
  }
  return control ? 'text.control' : undefined;
}

/** Refuses control characters (all of them, or all but tab and line breaks with `multiline`) and lone surrogates. */
export function plainText<T extends z.ZodType<string>>(schema: T, options: { readonly multiline?: boolean } = {}) {
  return schema.superRefine((s, ctx) => {
    const rule = plainTextRule(s, options.multiline === true);
    if (rule === 'text.surrogate') {
      ctx.addIssue({
        code: 'custom',
        message: 'holds a lone surrogate (half of a UTF-16 character): send well-formed Unicode text',
        params: { rule: 'text.surrogate' },
      });
    } else if (rule === 'text.control') {
      const control = options.multiline ? CONTROL_IN_NOTES : CONTROL;
      const at = s.search(control);
      const code = (s.codePointAt(at) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      ctx.addIssue({
        code: 'custom',
        message: `holds the control character U+${code} at position ${at}: text may not contain control characters`,
        params: { rule: 'text.control' },
      });
    }
  });
}

/** Free text (a note, a description): 1–`max` characters, tab and line breaks allowed, no other control characters. */
export function textField(max: number) {
  return plainText(z.string().min(1, { message: 'must not be empty' }).max(max), { multiline: true });
}

/** A name for people to read. */
export const nameField = plainText(z.string().trim().min(1, { message: 'must not be empty' }).max(200));

/** A whole, non-negative number of people (年平均职工人数). */
export const headcountField = nonNegativeQuantityField('headcount', 'person').superRefine(wholeQuantityRule);

/** The rule of a figure that counts (职工人数 counts people): a whole number (`headcount.integer`). */
export function wholeQuantityRule<K extends Kind>(q: Quantity<K>, ctx: z.core.$RefinementCtx<Quantity<K>>): void {
  if (!q.base.isInteger()) {
    ctx.addIssue({ code: 'custom', message: 'a headcount is a whole number', params: { rule: 'headcount.integer' } });
  }
}

/** Turns zod issues into mujun field issues, prefixing `root` to each path. */
export function toFieldIssues(error: z.ZodError, root = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    const params = (issue as { params?: { rule?: RuleId } }).params;
    const plain: FieldIssue = {
      field: path || root || 'value',
      rule: params?.rule ?? issue.code,
      message: issue.message,
    };
    return issue.code === 'invalid_union' ? unwrapUnion(plain, issue) : plain;
  });
}

/**
 * A union issue (a quantity given as a string or as `{ value, unit }`) says
 * only "invalid input": report the alternative's own rule instead, e.g.
 * `decimal.float` for `tax: 72.3`.
 */
function unwrapUnion(fi: FieldIssue, issue: z.core.$ZodIssueInvalidUnion): FieldIssue {
  for (const alternative of issue.errors) {
    for (const nested of alternative) {
      const rule = (nested as { params?: { rule?: RuleId } }).params?.rule;
      if (rule !== undefined) {
        const field = [fi.field, ...nested.path.map(String)].filter((x) => x !== '').join('.');
        return { field, rule, message: nested.message };
      }
    }
  }
  return fi;
}

/**
 * Parses `input` with `schema`, throwing one ValidationError that lists every
 * broken rule with its field.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, root = ''): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError(toFieldIssues(r.error, root));
}

/** Like `parseWith`, returning the issues instead of throwing. */
export function safeParseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root = '',
): { ok: true; value: z.output<S> } | { ok: false; issues: FieldIssue[] } {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: toFieldIssues(r.error, root) };
}
