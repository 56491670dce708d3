import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { copyPieces, quoteIdent, type Sql } from '../driver';

/**
 * Streams COPY text into `COPY … FROM STDIN` on one connection. The pieces
 * are pulled as the socket drains, so the next one is made while the server
 * parses the last; nothing is sent when there are none.
 */
async function copyInto(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  text: string | Iterable<string>,
): Promise<void> {
  const pieces = copyPieces(text)[Symbol.iterator]();
  const first = pieces.next();
  if (first.done) return;
  const stream = client.query(copyFromStdin(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(async function* () {
    yield first.value;
    for (let p = pieces.next(); !p.done; p = pieces.next()) yield p.value;
  }, stream);
}

function wrapClient(client: pg.PoolClient): Sql {
  return {
    engine: 'postgres',
    async query<T>(text: string, params: readonly unknown[] = []) {
      const r = await client.query(text, params as unknown[]);
      return r.rows as T[];
    },
    async exec(text: string) {
      await client.query(text);
    },
    copyFrom: (table, columns, text) => copyInto(client, table, columns, text),
    transaction: () => Promise.reject(new Error('nested transaction')),
    close: async () => {},
  };
}

/** PostgreSQL through node-postgres, e.g. `postgres://user@host:5432/db`. */
export async function openPostgres(options: { url: string; schema: string; max?: number }): Promise<Sql> {
  const schema = quoteIdent(options.schema);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    options: `-c search_path=${schema}`,
  });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return {
    engine: 'postgres',
    async query<T>(text: string, params: readonly unknown[] = []) {
      const r = await pool.query(text, params as unknown[]);
      return r.rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async copyFrom(table, columns, text) {
      const client = await pool.connect();
      try {
        await copyInto(client, table, columns, text);
      } finally {
        client.release();
      }
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrapClient(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
