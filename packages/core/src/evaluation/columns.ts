import { type FieldIssue, invalid } from '../errors';
import { plainDecimal } from '../exact/plain-decimal';
import { pow10, Rational } from '../exact/rational';
import { safeParseUscc } from '../ids/uscc';
import { ANNUAL_QUANTITY_FIELDS, annualDataSchema, type EnterpriseAnnualData, type Scale } from '../model/annual-data';
import { Quantity } from '../quantity/quantity';
import { type Kind, UNITS, unitLabel } from '../quantity/units';
import type { RuleId } from '../rules';
import { ANNUAL_DATA_FIELD_UNIT, type AnnualDataField } from './indicators';

/*
 * 列式年度数据 (annual data as columns): what the evaluation engine reads. Each
 * quantity field is a column of integers scaled by 10^scale in the field's
 * display unit (万元, 亩, 吨标准煤, ...), held in a Float64Array below 2^53, NaN
 * where the firm reported nothing. A value that does not fit (more decimals
 * than the scale, or beyond 2^53 units) is kept exactly, as a Rational, in the
 * column's `wide` map, and the engine computes that firm on its exact path.
 */

/** Decimal places of every column: 10^-6 万元 is 0.01 元, 10^-6 亩 is 0.00067 m². */
export const COLUMN_SCALE = 6;

const MAX = Number.MAX_SAFE_INTEGER;
/** The same bound as a bigint, for scaled bigints (made once, not per cell). */
const MAX_BIG = BigInt(MAX);

/** One quantity field of many firms. */
export interface DecimalColumn {
  /** value × 10^scale, an integer below 2^53; NaN when missing (or when the value is in `wide`). */
  readonly values: Float64Array;
  readonly scale: number;
  /** Exact values that do not fit `values`, by row. */
  readonly wide: ReadonlyMap<number, Rational>;
}

/** Every quantity field of `EnterpriseAnnualData`, in the order of `ANNUAL_DATA_FIELD_UNIT`. */
export const ANNUAL_DATA_FIELDS = Object.keys(ANNUAL_DATA_FIELD_UNIT) as AnnualDataField[];

/** 10^COLUMN_SCALE and each field's unit factor as doubles (all exact), for the double fast path. */
const UNIT = 10 ** COLUMN_SCALE;
const FACTOR = Object.fromEntries(
  ANNUAL_DATA_FIELDS.map((f) => [f, Number(UNITS[ANNUAL_DATA_FIELD_UNIT[f]].factor)]),
) as Record<AnnualDataField, number>;

/** 年度数据列: one row per firm and year, as `loadAnnualDataColumns` or `annualDataColumns` make them. */
export interface AnnualDataColumns {
  readonly length: number;
  readonly uscc: readonly string[];
  readonly year: Int32Array;
  /** 规上/规下 per row. */
  readonly scale: readonly Scale[];
  readonly fields: { readonly [F in AnnualDataField]: DecimalColumn };
}

/** The exact amount of row `i` of a column in its display unit, or undefined when missing. */
export function amountAt(col: DecimalColumn, i: number): Rational | undefined {
  const v = col.values[i] as number;
  if (!Number.isNaN(v)) return Rational.of(BigInt(v), pow10(col.scale));
  return col.wide.get(i);
}

/** Writes an exact amount into row `i`: scaled when it fits, else into `wide`. */
function put(values: Float64Array, wide: Map<number, Rational>, i: number, amount: Rational | undefined): void {
  if (amount === undefined) {
    values[i] = Number.NaN;
    return;
  }
  const unit = pow10(COLUMN_SCALE);
  if (unit % amount.den === 0n) {
    const scaled = amount.num * (unit / amount.den);
    if (scaled <= MAX_BIG && scaled >= -MAX_BIG) {
      values[i] = Number(scaled);
      return;
    }
  }
  values[i] = Number.NaN;
  wide.set(i, amount);
}

function emptyFields(n: number) {
  const buffer = new ArrayBuffer(n * ANNUAL_DATA_FIELDS.length * 8);
  const wides = {} as Record<AnnualDataField, Map<number, Rational>>;
  const fields = {} as Record<AnnualDataField, DecimalColumn>;
  for (const [j, f] of ANNUAL_DATA_FIELDS.entries()) {
    wides[f] = new Map();
    fields[f] = { values: new Float64Array(buffer, j * n * 8, n), scale: COLUMN_SCALE, wide: wides[f] };
  }
  return { fields, wides };
}

/** What a record passed as validated must hold, checked structurally (no zod per record). */
function checkRecord(d: unknown, i: number, field: string): void {
  // Run on every record of a city: the path is built only when a check fails.
  if (typeof d !== 'object' || d === null)
    throw invalid(`${field}.${i}`, 'invalid_type', 'must be an annual-data record (parseAnnualData)');
  const r = d as Record<string, unknown>;
  if (typeof r.uscc !== 'string') throw invalid(`${field}.${i}.uscc`, 'invalid_type', 'must be a USCC string');
  if (!Number.isInteger(r.year)) throw invalid(`${field}.${i}.year`, 'invalid_type', 'must be a whole year (a number)');
  if (r.scale !== 'aboveDesignatedSize' && r.scale !== 'belowDesignatedSize')
    throw invalid(`${field}.${i}.scale`, 'invalid_value', 'must be aboveDesignatedSize or belowDesignatedSize');
}

/** The quantity of a record's field, checked to be the core's Quantity of the field's kind. */
function quantityAt(q: unknown, f: AnnualDataField, i: number, field: string): Quantity<Kind> {
  const kind = UNITS[ANNUAL_DATA_FIELD_UNIT[f]].kind;
  if (q instanceof Quantity && q.kind === kind) return q;
  const got = q instanceof Quantity ? `a ${q.kind} quantity` : q === null ? 'null' : typeof q;
  throw invalid(
    `${field}.${i}.${f}`,
    'invalid_type',
    `must be a ${kind} quantity (parse records with parseAnnualData, or load strings with loadAnnualDataColumns), not ${got}`,
  );
}

/**
 * Checks that record `i` of `field` is a parsed annual-data record (as
 * `parseAnnualData` makes it): the structural test every entry point that takes
 * records runs on each one, cheap enough for bulk inputs.
 * @throws ValidationError naming `field.i.name` and the rule
 */
export function checkAnnualRecord(d: unknown, i: number, field: string): void {
  checkRecord(d, i, field);
  const r = d as Partial<EnterpriseAnnualData>;
  for (const f of ANNUAL_DATA_FIELDS) if (r[f] !== undefined) quantityAt(r[f], f, i, field);
}

/**
 * Columns of already validated records (the path `evaluate` takes for `annualData`).
 * Each record is checked structurally (a Quantity of the right kind in every field
 * given), so an unparsed record is refused with the field named, not half-read.
 *
 * The checks run here, on every field; a field's column of scaled integers is
 * built when it is first read (`fields[f]`), once: a scheme reads a few of the
 * twelve fields (亩均税收 and 单位能耗税收: tax, land, electricity), and a city's
 * evaluation should not convert and hold the others.
 * @throws ValidationError naming `field.i.name` for a record that was not parsed
 */
export function annualDataColumns(
  records: readonly Partial<EnterpriseAnnualData>[],
  field = 'input.annualData',
): AnnualDataColumns {
  if (!Array.isArray(records)) throw invalid(field, 'invalid_type', 'must be an array of annual-data records');
  const n = records.length;
  const year = new Int32Array(n);
  const uscc: string[] = new Array(n);
  const scale: Scale[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const d = records[i] as Partial<EnterpriseAnnualData>;
    checkRecord(d, i, field);
    uscc[i] = d.uscc as string;
    year[i] = d.year as number;
    scale[i] = d.scale as Scale;
  }
  // Field by field, as the columns are built: the first bad cell reported is the same one.
  for (const f of ANNUAL_DATA_FIELDS) {
    const kind = UNITS[ANNUAL_DATA_FIELD_UNIT[f]].kind;
    for (let i = 0; i < n; i++) {
      const raw = (records[i] as Partial<EnterpriseAnnualData>)[f];
      if (raw !== undefined && !(raw instanceof Quantity && raw.kind === kind)) quantityAt(raw, f, i, field);
    }
  }
  // A copy of the list (not of the records, which are immutable values): a caller's later change to its
  // array must not reach a column built afterwards.
  const held = records.slice();
  const fields = {} as Record<AnnualDataField, DecimalColumn>;
  for (const f of ANNUAL_DATA_FIELDS) {
    let built: DecimalColumn | undefined;
    Object.defineProperty(fields, f, {
      enumerable: true,
      get: () => {
        built ??= recordColumn(held, f);
        return built;
      },
    });
  }
  return { length: n, uscc, year, scale, fields };
}

/** One field of checked records as a column of scaled integers (exact values beyond them in `wide`). */
function recordColumn(records: readonly Partial<EnterpriseAnnualData>[], f: AnnualDataField): DecimalColumn {
  const n = records.length;
  const values = new Float64Array(n);
  const wide = new Map<number, Rational>();
  const unit = pow10(COLUMN_SCALE);
  const factor = UNITS[ANNUAL_DATA_FIELD_UNIT[f]].factor;
  const factorF = FACTOR[f];
  for (let i = 0; i < n; i++) {
    const raw = (records[i] as Partial<EnterpriseAnnualData>)[f];
    if (raw === undefined) {
      values[i] = Number.NaN;
      continue;
    }
    // Checked by `annualDataColumns`: a Quantity of the field's kind.
    const base = (raw as Quantity<Kind>).base;
    // The common case in doubles: numerator and denominator below 2^53, every product below 2^53
    // (then each operation is exact), the scaled amount a whole number.
    const nf = Number(base.num);
    const df = Number(base.den) * factorF;
    if (Number.isSafeInteger(nf) && df <= MAX) {
      const a = nf * UNIT;
      if (a <= MAX && a >= -MAX && a % df === 0) {
        values[i] = a / df;
        continue;
      }
    }
    // amount in the display unit × 10^scale = base·10^scale / factor: an integer for every
    // ordinary figure, written without building the intermediate Rational.
    const n10 = base.num * unit;
    const d10 = base.den * factor;
    if (n10 % d10 === 0n) {
      const scaled = n10 / d10;
      if (scaled <= MAX_BIG && scaled >= -MAX_BIG) {
        values[i] = Number(scaled);
        continue;
      }
    }
    put(values, wide, i, base.dividedBy(Rational.of(factor)));
  }
  return { values, scale: COLUMN_SCALE, wide };
}

/** A bad cell of a bulk load: row (0-based), field and the rule it breaks, as the zod model words it. */
export interface CellIssue extends FieldIssue {
  readonly row: number;
}

/** One row of strings (e.g. a parsed CSV line): `uscc`, `year`, `scale` and any quantity fields. */
export type AnnualDataRow = Readonly<Record<string, string | undefined>>;

/** Fields that must not be negative (rule `nonNegative`): the model's table of figure rules. */
const NON_NEGATIVE = new Set<AnnualDataField>(ANNUAL_DATA_FIELDS.filter((f) => !ANNUAL_QUANTITY_FIELDS[f].signed));
/** 规上 threshold 2000万元 at the column scale. */
const DESIGNATED = 2000 * 10 ** COLUMN_SCALE;

/**
 * The fast reading of a plain decimal (`"481.94"`, `"-3"`) as value × 10^COLUMN_SCALE:
 * the shared plain-decimal reader, kept to the column's scale and below 2^53.
 * NaN for anything else (exponent, spaces, more decimals, beyond 15 digits, a
 * scaled value past 2^53): those cells go through the zod field rule, which
 * decides them with its own words.
 */
function scaledOf(s: string): number {
  const d = plainDecimal(s);
  if (d === undefined || d.places > COLUMN_SCALE) return Number.NaN;
  const v = d.units * 10 ** (COLUMN_SCALE - d.places);
  // Both factors are exact integers; a product past 2^53 would not be: leave it to the exact path.
  return v <= MAX && v >= -MAX ? v : Number.NaN;
}

const fieldSchemas = annualDataSchema.shape;

/**
 * 批量载入年度数据: rows of decimal strings → columns, applying the field rules
 * of `annualDataSchema` with its rule ids and messages (USCC check digits,
 * year, scale, decimals, non-negative quantities, whole headcounts, 规上 needs
 * 营业收入 ≥ 2000万元) and reporting every bad cell, not only the first.
 * Plain decimals are read straight into scaled integers; any other cell is
 * decided by the zod field schema itself, so both paths say the same thing.
 * Nothing is returned when a cell is bad.
 */
export function loadAnnualDataColumns(
  rows: readonly AnnualDataRow[],
  fieldsPresent: readonly AnnualDataField[] = ANNUAL_DATA_FIELDS,
): { ok: true; columns: AnnualDataColumns } | { ok: false; issues: CellIssue[] } {
  const n = rows.length;
  const { fields, wides } = emptyFields(n);
  for (const f of ANNUAL_DATA_FIELDS) if (!fieldsPresent.includes(f)) fields[f].values.fill(Number.NaN);
  const year = new Int32Array(n);
  const uscc: string[] = new Array(n);
  const scale: Scale[] = new Array(n);
  const issues: CellIssue[] = [];
  const slow = (f: string, cell: unknown) => {
    const r = (
      fieldSchemas as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: unknown } }>
    )[f]?.safeParse(cell);
    return r;
  };
  const report = (row: number, field: string, rule: RuleId, message: string) =>
    issues.push({ row, field, rule, message });
  for (let i = 0; i < n; i++) {
    const row = rows[i] as AnnualDataRow;
    const id = row.uscc ?? '';
    const u = safeParseUscc(id);
    if (u.ok) uscc[i] = u.value;
    else {
      uscc[i] = id;
      for (const issue of u.issues) report(i, 'uscc', issue.rule, issue.message);
    }
    const y = Number(row.year);
    if (!Number.isInteger(y)) report(i, 'year', 'invalid_type', 'must be a whole year');
    else if (y < 1949) report(i, 'year', 'too_small', 'must be 1949 or later');
    else if (y > 2100) report(i, 'year', 'too_big', 'must be 2100 or earlier');
    year[i] = y;
    const s = row.scale;
    if (s === 'aboveDesignatedSize' || s === 'belowDesignatedSize') scale[i] = s;
    else {
      scale[i] = 'belowDesignatedSize';
      const r = annualDataSchema.shape.scale.safeParse(s);
      report(
        i,
        'scale',
        'invalid_value',
        r.success ? 'invalid scale' : (r.error.issues[0]?.message ?? 'invalid scale'),
      );
    }
    for (const f of fieldsPresent) {
      const cell = row[f];
      const col = fields[f].values;
      if (cell === undefined || cell === '') {
        col[i] = Number.NaN;
        continue;
      }
      const v = scaledOf(cell);
      if (!Number.isNaN(v)) {
        if (v < 0 && NON_NEGATIVE.has(f)) report(i, f, 'nonNegative', 'must not be negative');
        else if (ANNUAL_QUANTITY_FIELDS[f].whole && v % 10 ** COLUMN_SCALE !== 0)
          report(i, f, 'headcount.integer', 'a headcount is a whole number');
        col[i] = v;
        continue;
      }
      // Not a plain short decimal: the field's own schema decides, with its own rule and message.
      const r = slow(f, cell);
      if (r?.success) {
        const q = r.data as { base: Rational };
        put(col, wides[f], i, q.base.dividedBy(Rational.of(UNITS[ANNUAL_DATA_FIELD_UNIT[f]].factor)));
        continue;
      }
      col[i] = Number.NaN;
      const zodIssues = (r?.error as { issues?: { message: string; params?: { rule?: RuleId }; errors?: unknown }[] })
        ?.issues;
      const first = zodIssues?.[0];
      const nested = (first?.errors as { message: string; params?: { rule?: RuleId } }[][] | undefined)
        ?.flat()
        .find((x) => x.params?.rule !== undefined);
      const pick = nested ?? first;
      report(i, f, pick?.params?.rule ?? 'invalid', pick?.message ?? 'invalid value');
    }
    // Cross-field rule of the model: 规上 needs 营业收入 reaching 2000万元.
    if (scale[i] === 'aboveDesignatedSize') {
      const rev = amountAt(fields.revenue, i);
      if (rev === undefined) {
        if (!issues.some((x) => x.row === i && x.field === 'revenue'))
          report(i, 'revenue', 'scale.revenueRequired', '规上 needs 营业收入 to show it reaches 2000万元');
      } else if (
        (fields.revenue.values[i] as number) < DESIGNATED ||
        (Number.isNaN(fields.revenue.values[i] as number) && rev.compare(Rational.of(2000n)) < 0)
      ) {
        report(
          i,
          'revenue',
          'scale.designatedSizeRevenue',
          `规上 means 营业收入 of at least 2000万元, got ${rev.toFixed({ places: 2 })}${unitLabel('wanYuan')}`,
        );
      }
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, columns: { length: n, uscc, year, scale, fields } };
}

/**
 * `columns` with `extra` rows appended (exact amounts, e.g. the summed data of a
 * shared-parcel unit); the same columns when there are none.
 */
export function withRows(
  columns: AnnualDataColumns,
  extra: readonly Partial<Record<AnnualDataField, Rational>>[],
  extraScale: readonly Scale[],
): AnnualDataColumns {
  if (extra.length === 0) return columns;
  const n = columns.length + extra.length;
  const { fields, wides } = emptyFields(n);
  for (const f of ANNUAL_DATA_FIELDS) {
    fields[f].values.set(columns.fields[f].values);
    for (const [i, v] of columns.fields[f].wide) wides[f].set(i, v);
    for (const [j, row] of extra.entries()) put(fields[f].values, wides[f], columns.length + j, row[f]);
  }
  const year = new Int32Array(n);
  year.set(columns.year);
  return {
    length: n,
    uscc: [...columns.uscc, ...extra.map(() => '')],
    year,
    scale: [...columns.scale, ...extraScale],
    fields,
  };
}
