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

/**
 * Bulk insert: each column travels as ONE text parameter, its values joined
 * by newlines, split and cast by PostgreSQL (`string_to_array` + `unnest`).
 * Binding arrays value by value costs the driver more than the database
 * spends inserting; a joined string costs almost nothing. Values may not
 * contain a newline (ids, codes, decimals and canonical JSON never do; this
 * is checked) and an empty string stands for NULL.
 */
export async function insertUnnest(
  sql: Sql,
  table: string,
  columns: readonly (readonly [name: string, type: string])[],
  rows: readonly (readonly unknown[])[],
  chunk = 50_000,
): Promise<void> {
  const names = columns.map(([n]) => n).join(', ');
  const arrays = columns.map((_, i) => `string_to_array($${i + 1}, E'\\n')`).join(', ');
  const casts = columns.map(([, type], i) => `NULLIF(c${i}, '')::${type}`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const text = `INSERT INTO ${table} (${names}) SELECT ${casts} FROM unnest(${arrays}) AS u(${aliases})`;
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const params = columns.map((_, c) => {
      const parts = slice.map((row) => {
        const v = row[c];
        const s = v === null || v === undefined ? '' : String(v);
        if (s.includes('\n')) throw new Error(`[mujun] ${table}.${columns[c]?.[0]}: a value holds a newline`);
        return s;
      });
      return parts.join('\n');
    });
    await sql.query(text, params);
  }
}
