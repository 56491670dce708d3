import { PGlite, type Transaction } from '@electric-sql/pglite';
import { quoteIdent, type Sql } from '../driver';

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(db: Queryable, transaction: Sql['transaction'], close: () => Promise<void>): Sql {
  return {
    engine: 'pglite',
    async query<T>(text: string, params: readonly unknown[] = []) {
      const r = await db.query<T>(text, params as unknown[]);
      return r.rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
    async copyFrom(table, columns, csv) {
      // PGlite's COPY reads a Blob handed over as the virtual file /dev/blob.
      await db.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
    },
    transaction,
    close,
  };
}

/**
 * PGlite (PostgreSQL in WebAssembly, in this process). `dataDir` persists to
 * a folder; without it the database lives in memory.
 */
export async function openPglite(options: { dataDir?: string; schema: string; instance?: PGlite }): Promise<Sql> {
  // A caller-owned instance (e.g. one per test file, a schema per test) is not closed here.
  const owned = options.instance === undefined;
  const db =
    options.instance ?? (options.dataDir === undefined ? await PGlite.create() : await PGlite.create(options.dataDir));
  const schema = quoteIdent(options.schema);
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  // PGlite has one connection: nested transactions are not needed by the store, so calls queue.
  let queue: Promise<unknown> = Promise.resolve();
  const transaction: Sql['transaction'] = (fn) => {
    const run = queue.then(() =>
      db.transaction((tx) =>
        fn(
          wrap(
            tx,
            () => Promise.reject(new Error('nested transaction')),
            async () => {},
          ),
        ),
      ),
    );
    queue = run.catch(() => undefined);
    return run;
  };
  return wrap(db, transaction, async () => {
    if (owned) await db.close();
  });
}
