/**
 * The little SQL surface the store needs, so PGlite (embedded) and
 * node-postgres (a server) sit behind one interface.
 */
export interface Sql {
  /** Which engine answers: `pglite` in-process, or `postgres` over the network. */
  readonly engine: 'pglite' | 'postgres';
  /** One statement with `$1`-style parameters. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /**
   * `COPY table (columns) FROM STDIN` with `csv` (CSV format, no header): the bulk path.
   * node-postgres streams it (pg-copy-streams); PGlite reads it from `/dev/blob`.
   */
  copyFrom(table: string, columns: readonly string[], csv: string): Promise<void>;
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Double-quotes an identifier (schema names come from configuration). */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`[mujun] store.schema: "${name}" must be a lowercase SQL identifier`);
  }
  return `"${name}"`;
}
