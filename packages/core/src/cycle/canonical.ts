import { type FieldIssue, type Result, ValidationError } from '../errors';
import { safeParseDivisionCode } from '../ids/division-code';
import { safeParseUscc, type Uscc } from '../ids/uscc';
import { ID_PATTERN } from '../model/fields';

/*
 * Canonical identifiers (规范化标识): every identifier a write names is parsed
 * into its one canonical spelling before anything else looks at it — before
 * the authorisation check above all, so a town operator cannot reach another
 * town's record by writing its id another way (lower case, full-width digits,
 * surrounding spaces, other NFKC equivalents).
 *
 * | kind                       | canonical form                                           |
 * | -------------------------- | -------------------------------------------------------- |
 * | USCC (统一社会信用代码)      | NFKC, trimmed, upper case, both check characters valid   |
 * | city (行政区划代码, 6 digits) | NFKC, trimmed, digits                                     |
 * | town (code or name)        | NFKC, trimmed; resolved against the region later          |
 * | record id (parcel, park, event, run, objection) | NFKC, trimmed, `ID_PATTERN`, ≤ 128 |
 *
 * Owner-chosen record ids keep their case (`P-1` and `p-1` are two ids); the
 * gateway's write policy also refuses an id that equals another town's id up
 * to case (see `foldId`), so case is never a way round it.
 */

/** A record id chosen by the data owner (地块编号, 园区编号, 事件编号, 批次编号) in canonical form. */
export type RecordId = string & { readonly __brand: 'RecordId' };
/** A town named by 12-digit code or by name (石门, 石门镇), in canonical form; not yet resolved. */
export type TownRef = string & { readonly __brand: 'TownRef' };
/** A 6-digit city code (市/县 行政区划代码) in canonical form. */
export type CityCode = string & { readonly __brand: 'CityCode' };

/** The longest record id (the `idField` limit). */
export const MAX_RECORD_ID_LENGTH = 128;
/** The longest town reference (a code or a name). */
export const MAX_TOWN_REF_LENGTH = 64;

/** NFKC, then surrounding whitespace trimmed: the first step of every canonical form. */
export function canonicalText(input: string): string {
  return input.normalize('NFKC').trim();
}

/** The key two record ids share when they differ only in case (for collision checks, never for storage). */
export function foldId(id: string): string {
  return canonicalText(id).toUpperCase();
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern finds
const CONTROL = /[\u0000-\u001f\u007f]/;

function typeIssue(field: string, what: string): Result<never> {
  return { ok: false, issues: [{ field, rule: 'id.format', message: `${what} must be a string` }] };
}

/** Parses a record id into its canonical form. */
export function safeParseRecordId(input: unknown, field: string): Result<RecordId> {
  if (typeof input !== 'string') return typeIssue(field, 'an id');
  const id = canonicalText(input);
  let message: string | undefined;
  if (id.length === 0) message = 'must not be empty';
  else if (id.length > MAX_RECORD_ID_LENGTH) message = `must be at most ${MAX_RECORD_ID_LENGTH} characters`;
  else if (!ID_PATTERN.test(id)) message = 'may hold letters, digits and _ . : - / only';
  return message === undefined
    ? { ok: true, value: id as RecordId }
    : { ok: false, issues: [{ field, rule: 'id.format', message }] };
}

/** Parses a town reference (code or name) into its canonical form. */
export function safeParseTownRef(input: unknown, field: string): Result<TownRef> {
  if (typeof input !== 'string') return typeIssue(field, 'a town');
  const town = canonicalText(input);
  let message: string | undefined;
  if (town.length === 0) message = 'must not be empty';
  else if (town.length > MAX_TOWN_REF_LENGTH) message = `must be at most ${MAX_TOWN_REF_LENGTH} characters`;
  else if (CONTROL.test(town)) message = 'may not contain control characters';
  return message === undefined
    ? { ok: true, value: town as TownRef }
    : { ok: false, issues: [{ field, rule: 'id.format', message }] };
}

/** Parses a 6-digit city code into its canonical form. */
export function safeParseCityCode(input: unknown, field: string): Result<CityCode> {
  if (typeof input !== 'string') return typeIssue(field, 'a city code');
  const r = safeParseDivisionCode(input, field);
  if (!r.ok) return r;
  if (r.value.length !== 6) {
    return { ok: false, issues: [{ field, rule: 'region.codeLevel', message: 'a city has a 6-digit code' }] };
  }
  return { ok: true, value: r.value as string as CityCode };
}

/**
 * What an identifier field of a write input names. `enterprise` and
 * `runFirm` are USCCs; `town` a town code or name; the rest record ids.
 */
export type IdKind = 'town' | 'enterprise' | 'parcel' | 'park' | 'runFirm' | 'run' | 'objection' | 'event';

/** The canonical value type of each kind. */
export type CanonicalOf<K extends IdKind> = K extends 'enterprise' | 'runFirm'
  ? Uscc
  : K extends 'town'
    ? TownRef
    : RecordId;

/** Parses one identifier of `kind`. */
export function safeParseId(kind: IdKind, input: unknown, field: string): Result<string> {
  switch (kind) {
    case 'enterprise':
    case 'runFirm':
      return safeParseUscc(input as string, field);
    case 'town':
      return safeParseTownRef(input, field);
    default:
      return safeParseRecordId(input, field);
  }
}

/**
 * Where the identifiers of one write operation's input lie: the city, the
 * list of records written and each record's id fields, other id fields of
 * the input by dotted path, the run or objection named.
 */
export interface WriteShape {
  /** The list field of the input holding the records written (e.g. `enterprises`). */
  readonly list?: string;
  /** Id fields of each record in `list`, by field name; a list-valued field holds an id per element. */
  readonly references?: Readonly<Record<string, IdKind>>;
  /** Id fields of the input outside `list` rows, by dotted path (`correction.annualData.uscc`). */
  readonly fields?: Readonly<Record<string, IdKind>>;
  /** The input field naming an existing run (`runId`) or an objection of it (`objectionId`). */
  readonly run?: { readonly field: string; readonly via: 'run' | 'objection' };
}

declare const canonicalBrand: unique symbol;
/**
 * A write input whose every identifier (the city, each field of its
 * `WriteShape`) is in canonical form. Only `canonicalWriteInput` makes one, so
 * a function taking it (the gateway's write policy) can never see raw text.
 */
export type CanonicalInput<T> = T & { readonly [canonicalBrand]: true };

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Parses `value` (an id, or a list of ids) of `kind` at `field`, collecting issues. */
function canonicalValue(kind: IdKind, value: unknown, field: string, issues: FieldIssue[]): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v, i) => canonicalValue(kind, v, `${field}.${i}`, issues));
  const r = safeParseId(kind, value, field);
  if (r.ok) return r.value;
  for (const i of r.issues) issues.push(i);
  return value;
}

/** A copy of `input` with the value at dotted `path` replaced by `f(value)` (missing steps left missing). */
function withPath(
  input: Record<string, unknown>,
  path: readonly string[],
  f: (v: unknown) => unknown,
): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined || !(head in input)) return input;
  const v = input[head];
  if (rest.length === 0) return { ...input, [head]: f(v) };
  return isRecord(v) ? { ...input, [head]: withPath(v, rest, f) } : input;
}

/**
 * A copy of a write input with every identifier in canonical form: `city`
 * (when present) and the fields `shape` names. Nothing else is touched; the
 * step that acts on the input checks the rest.
 * @throws ValidationError naming every identifier that does not parse (`input.enterprises.3.uscc`), under `root`
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { canonicalWriteInput } from '@mujun/core/cycle';
 *
 * const shape = { list: 'records', references: { uscc: 'enterprise' } } as const;
 * const input = canonicalWriteInput(shape, { city: '330483', records: [{ uscc: ' 91330483104237707g ' }] });
 * assert.equal(input.records[0]?.uscc, '91330483104237707G');
 * ```
 */
export function canonicalWriteInput<T extends object>(shape: WriteShape, input: T, root = 'input'): CanonicalInput<T> {
  const issues: FieldIssue[] = [];
  let out = { ...(input as Record<string, unknown>) };
  if ('city' in out && out.city !== undefined && out.city !== null) {
    const r = safeParseCityCode(out.city, `${root}.city`);
    if (r.ok) out.city = r.value;
    else for (const i of r.issues) issues.push(i);
  }
  if (shape.run !== undefined) {
    const { field, via } = shape.run;
    out = withPath(out, [field], (v) => canonicalValue(via, v, `${root}.${field}`, issues));
  }
  for (const [path, kind] of Object.entries(shape.fields ?? {})) {
    out = withPath(out, path.split('.'), (v) => canonicalValue(kind, v, `${root}.${path}`, issues));
  }
  const rows = shape.list === undefined ? undefined : out[shape.list];
  if (shape.list !== undefined && Array.isArray(rows)) {
    out[shape.list] = rows.map((row: unknown, i) => {
      if (!isRecord(row)) return row;
      const copy = { ...row };
      for (const [key, kind] of Object.entries(shape.references ?? {})) {
        if (key in copy) copy[key] = canonicalValue(kind, copy[key], `${root}.${shape.list}.${i}.${key}`, issues);
      }
      return copy;
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out as CanonicalInput<T>;
}
