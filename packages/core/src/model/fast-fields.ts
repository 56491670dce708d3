import { safeParseDivisionCode } from '../ids/division-code';
import { type IndustryCode, safeParseIndustryCode } from '../ids/industry';
import { safeParseUscc } from '../ids/uscc';
import type { Quantity } from '../quantity/quantity';
import { type Kind, UNITS, type Unit, type UnitOf } from '../quantity/units';
import { isIsoDate } from './date';
import { ID_PATTERN, plainQuantity, plainTextRule } from './fields';

/*
 * The fields of the bulk validators (campaign events, registry records): each
 * reads one value with the very predicate its zod field uses (ID_PATTERN,
 * isIsoDate, safeParseUscc, safeParseDivisionCode, safeParseIndustryCode,
 * plainTextRule, plainQuantity) and gives the value zod would, or NO when it
 * does not accept the value outright. NO decides nothing: the record then goes
 * through its zod schema, which words every issue. So a bulk validator can
 * never accept what zod refuses, nor word an error differently.
 */

/** Marks a value the fast path does not accept outright. */
export const NO = Symbol('slow');
export type No = typeof NO;

/** The records of a bulk pass name a few towns and industries many times: each code is judged once per pass. */
export class CodeMemo {
  readonly #division = new Map<string, string | No>();
  readonly #industry = new Map<string, IndustryCode | No>();

  divisionCode(v: unknown): string | No {
    if (typeof v !== 'string') return NO;
    let code = this.#division.get(v);
    if (code === undefined) {
      const r = safeParseDivisionCode(v);
      code = r.ok ? r.value : NO;
      this.#division.set(v, code);
    }
    return code;
  }

  industry(v: unknown): IndustryCode | No {
    if (typeof v !== 'string') return NO;
    let code = this.#industry.get(v);
    if (code === undefined) {
      const r = safeParseIndustryCode(v);
      code = r.ok ? r.value : NO;
      this.#industry.set(v, code);
    }
    return code;
  }
}

/** idField: 1–128 characters of ID_PATTERN. */
export const fastId = (v: unknown): string | No =>
  typeof v === 'string' && v.length >= 1 && v.length <= 128 && ID_PATTERN.test(v) ? v : NO;

/** usccField: a USCC with both check digits right, normalised. */
export const fastUscc = (v: unknown): string | No => {
  if (typeof v !== 'string') return NO;
  const r = safeParseUscc(v);
  return r.ok ? r.value : NO;
};

/** nameField: trimmed, 1–200 characters, plain single-line text. */
export const fastName = (v: unknown): string | No => {
  if (typeof v !== 'string') return NO;
  const s = v.trim();
  return s.length >= 1 && s.length <= 200 && plainTextRule(s, false) === undefined ? s : NO;
};

/** isoDateField. */
export const fastDate = (v: unknown): string | No => (typeof v === 'string' && isIsoDate(v) ? v : NO);

/** A z.enum's value. */
export const fastOneOf = (set: ReadonlySet<string>, v: unknown): string | No =>
  typeof v === 'string' && set.has(v) ? v : NO;

/** An optional field: undefined when absent, else the field's reading. */
export const fastOptional = <T>(v: unknown, read: (v: unknown) => T | No): T | undefined | No =>
  v === undefined ? undefined : read(v);

/** A list of values each read by `read`, copied (zod returns a new array), with no entry twice; NO otherwise. */
export function fastUniqueList<T>(v: unknown, read: (v: unknown) => T | No): T[] | No {
  if (!Array.isArray(v)) return NO;
  const out: T[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = read(v[i]);
    if (x === NO) return NO;
    out[i] = x;
  }
  return out.length < 2 || new Set(out).size === out.length ? out : NO;
}

/**
 * quantityField: a plain decimal string in `unit`, or `{ value, unit }` with a plain
 * decimal string and a unit of `kind` (the form `eventToJson` writes). Other forms are left to zod.
 */
export function fastQuantity<K extends Kind>(kind: K, v: unknown, unit: UnitOf<K>): Quantity<K> | No {
  if (typeof v === 'string') return plainQuantity(kind, v, unit) ?? NO;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return NO;
  const o = v as Record<string, unknown>;
  for (const k in o) if (k !== 'value' && k !== 'unit') return NO;
  const u = o.unit;
  if (typeof u !== 'string' || !Object.hasOwn(UNITS, u) || UNITS[u as Unit].kind !== kind) return NO;
  return plainQuantity(kind, o.value, u as UnitOf<K>) ?? NO;
}

/** positiveQuantityField. */
export function fastPositive<K extends Kind>(kind: K, v: unknown, unit: UnitOf<K>): Quantity<K> | No {
  const q = fastQuantity(kind, v, unit);
  return q !== NO && q.isPositive() ? q : NO;
}

/** True when every own and inherited enumerable key of `o` is in `allowed` (zod would strip the others: leave those to it). */
export function onlyKeys(o: object, allowed: ReadonlySet<string>): boolean {
  for (const k in o) if (!allowed.has(k)) return false;
  return true;
}

/** A plain object (not null, not an array), as z.object takes it. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
