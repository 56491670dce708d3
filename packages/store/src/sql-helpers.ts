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
