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
   * `COPY table (columns) FROM STDIN` in COPY's text format (tab-separated,
   * `\N` for NULL, backslash escapes), `text` being the data or its pieces,
   * each of whole lines, read only as they are sent: the bulk path.
   * node-postgres streams the pieces (pg-copy-streams) while they are made;
   * PGlite reads them from `/dev/blob`. No pieces: nothing is sent.
   */
  copyFrom(table: string, columns: readonly string[], text: string | Iterable<string>): Promise<void>;
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

/** The pieces of a `copyFrom` argument (a string is one piece, not its characters). */
export function copyPieces(text: string | Iterable<string>): Iterable<string> {
  return typeof text === 'string' ? [text] : text;
}
