import type { Sql } from './driver';

/**
 * Inserts rows in multi-row statements of at most `chunk` rows (PostgreSQL
 * allows 65535 parameters per statement). `suffix` is e.g. an ON CONFLICT clause.
 */
export async function insertMany(
  sql: Sql,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
  chunk = Math.max(1, Math.floor(60_000 / columns.length)),
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const params: unknown[] = [];
    const tuples = slice.map((row) => {
      const marks = row.map((v) => {
        params.push(v);
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await sql.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`, params);
  }
}

/** `col = EXCLUDED.col` for each column: the body of an upsert. */
export function excluded(columns: readonly string[]): string {
  return columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ');
}

/** Characters that make a CSV field need quotes (and a field that is empty, so '' is not read as NULL). */
const NEEDS_QUOTES = /^$|^\s|\s$|[",\n\r]/;

/** A CSV field for COPY: NULL is an unquoted empty field; a value is quoted only when it must be. */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  // A text[] value as an array literal, each element quoted.
  const text = Array.isArray(v)
    ? `{${v.map((e) => `"${String(e).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
    : typeof v === 'string'
      ? v
      : String(v);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as the CSV text COPY reads (no header). */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  const lines: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly unknown[];
    let line = row.length > 0 ? csvField(row[0]) : '';
    for (let c = 1; c < row.length; c++) line += `,${csvField(row[c])}`;
    lines[r] = line;
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Bulk insert through `COPY … FROM STDIN` (CSV), in slices of `chunk` rows so
 * the text of one slice stays small. PostgreSQL casts each field to its
 * column's type, as it would a literal: exact for NUMERIC, checked for dates.
 */
export async function copyRows(
  sql: Sql,
  table: string,
  columns: readonly (string | readonly [name: string, type: string])[],
  rows: readonly (readonly unknown[])[],
  chunk = 100_000,
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => (typeof c === 'string' ? c : c[0]));
  for (let start = 0; start < rows.length; start += chunk) {
    await sql.copyFrom(table, names, toCsv(rows.slice(start, start + chunk)));
  }
}

/** From this many rows an upsert stages them with COPY; below it, multi-row INSERTs cost less than a temp table. */
export const STAGED_UPSERT_ROWS = 1000;

/**
 * Inserts or updates rows (`suffix`: the ON CONFLICT clause). A large batch
 * (an import of 100k firms' annual data) is COPYed into a temporary table
 * of the same column types and merged with one `INSERT … SELECT … ON
 * CONFLICT`, so the server parses one statement instead of hundreds of
 * 60k-parameter ones; a small one is inserted directly. `tx` must be a
 * transaction: the temporary table lives on its connection and is dropped
 * at commit. Rows must not repeat a key (one statement cannot update a row twice).
 */
export async function upsertMany(
  tx: Sql,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
): Promise<void> {
  if (rows.length < STAGED_UPSERT_ROWS) return insertMany(tx, table, columns, rows, suffix);
  const stage = `mujun_stage_${table}`;
  const list = columns.join(', ');
  await tx.exec(`CREATE TEMP TABLE ${stage} ON COMMIT DROP AS SELECT ${list} FROM ${table} WITH NO DATA`);
  await copyRows(tx, stage, columns, rows);
  await tx.query(`INSERT INTO ${table} (${list}) SELECT ${list} FROM ${stage} ${suffix}`);
  await tx.exec(`DROP TABLE ${stage}`);
}
