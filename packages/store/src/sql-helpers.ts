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

/** Characters COPY's text format writes as backslash escapes (tabs separate fields, newlines rows). */
const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escaped = (c: string) => ESCAPES[c] as string;

/**
 * A field in COPY's text format: NULL is `\N`; a value is escaped only when
 * it must be. Text format, not CSV: a JSON document (every campaign event's
 * canonical form) then travels as it is, where CSV would double each quote.
 */
function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  // A text[] value as an array literal, each element quoted.
  const text = Array.isArray(v)
    ? `{${v.map((e) => `"${String(e).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
    : typeof v === 'string'
      ? v
      : String(v);
  return SPECIAL.test(text) ? text.replace(SPECIALS, escaped) : text;
}

/** One row as a line of COPY text (fields tab-separated, newline-terminated). */
export function copyLine(row: readonly unknown[]): string {
  let line = row.length > 0 ? copyField(row[0]) : '';
  for (let c = 1; c < row.length; c++) line += `\t${copyField(row[c])}`;
  return `${line}\n`;
}

/**
 * Rows as COPY text in pieces of `chunk` rows, made only as they are read: a
 * streaming COPY builds the next piece while the server parses the last one,
 * and no text of the whole load is ever held at once.
 */
export function* copyText(rows: Iterable<readonly unknown[]>, chunk = 1000): Generator<string> {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(copyLine(row));
    if (lines.length === chunk) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

/**
 * Bulk insert through one `COPY … FROM STDIN` in text format. PostgreSQL
 * casts each field to its column's type, as it would a literal: exact for
 * NUMERIC, checked for dates. `rows` may be a generator, so a large load
 * never holds every row as an array.
 */
export async function copyRows(
  sql: Sql,
  table: string,
  columns: readonly (string | readonly [name: string, type: string])[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const names = columns.map((c) => (typeof c === 'string' ? c : c[0]));
  await sql.copyFrom(table, names, copyText(rows));
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
