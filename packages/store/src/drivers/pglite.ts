import { PGlite, type Transaction } from '@electric-sql/pglite';
import { copyPieces, quoteIdent, type Sql } from '../driver';
import { lockDataDir } from '../lock';

/** Characters of COPY text per Blob (2^26: 64–192 MB of UTF-8). */
const BLOB_CHARS = 1 << 26;

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
    async copyFrom(table, columns, text) {
      // PGlite's COPY reads a Blob handed over as the virtual file /dev/blob: the
      // pieces go in Blobs of about BLOB_CHARS characters, one COPY each, so a
      // large load is never held as one text.
      let parts: string[] = [];
      let chars = 0;
      const copy = async () => {
        await db.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob(parts) });
        parts = [];
        chars = 0;
      };
      for (const piece of copyPieces(text)) {
        parts.push(piece);
        chars += piece.length;
        if (chars >= BLOB_CHARS) await copy();
      }
      if (parts.length > 0) await copy();
    },
    transaction,
    close,
  };
}

/** WAL written since the last checkpoint beyond which the store runs one (see `checkpointed`). */
const CHECKPOINT_WAL_BYTES = 64 * 1024 * 1024;

/**
 * Runs a CHECKPOINT when more than `limit` bytes of WAL were written since
 * the last one; the driver calls it after each transaction. PGlite runs
 * PostgreSQL in single-user mode, which has no checkpointer: without this,
 * every WAL segment of the process's life stays in (in-memory) files — a
 * 1M-event import left 300+ MB of them. A checkpoint lets PostgreSQL drop or
 * recycle them (max_wal_size below). Not run between the Blobs of one long
 * COPY: each checkpoint makes the next change of every page log the whole
 * page, and the random inserts of a bulk load's unique index then made the
 * 1M-event import take 68 s instead of 45 s (runs minutes apart).
 */
export async function checkpointed(db: Queryable, limit = CHECKPOINT_WAL_BYTES): Promise<void> {
  const [row] = (
    await db.query<{ wal: string }>(
      'SELECT (pg_current_wal_insert_lsn() - redo_lsn)::text AS wal FROM pg_control_checkpoint()',
    )
  ).rows;
  if (Number(row?.wal ?? 0) > limit) await db.exec('CHECKPOINT');
}

/**
 * Server settings of a PGlite the store opens. PostgreSQL extends a growing
 * table with posix_fallocate by default, which PGlite's in-memory file system
 * serves by copying the whole file into a new buffer of the exact new size:
 * a bulk load slowed quadratically (each 200,000-event COPY slower than the
 * last: 4.4 s, 10.8 s, 15.0 s). Writing zeros grows files geometrically instead.
 * A new WAL segment is not zero-filled either (wal_init_zero=off: the file is
 * made 16 MB at once instead of grown 8 kB at a time, copied at each step),
 * and a checkpoint (`checkpointed`) keeps at most max_wal_size of segments.
 * shared_buffers stays PGlite's 160 MB: 32 MB saves 60 MB of WebAssembly
 * memory, but the one 1M-event import with it was slower (73 s against 68 s).
 */
const PGLITE_SETTINGS = [
  '-c',
  'file_extend_method=write_zeros',
  '-c',
  'wal_init_zero=off',
  '-c',
  'min_wal_size=32MB',
  '-c',
  'max_wal_size=128MB',
];

/**
 * PGlite (PostgreSQL in WebAssembly, in this process). `dataDir` persists to
 * a folder, which this process then holds alone (`lockDataDir`); without it
 * the database lives in memory.
 * @throws StoreLockedError when another live process holds `dataDir`
 */
export async function openPglite(options: { dataDir?: string; schema: string; instance?: PGlite }): Promise<Sql> {
  // A caller-owned instance (e.g. one per test file, a schema per test) is not closed here.
  const owned = options.instance === undefined;
  // One process per data folder (lock.ts), taken before PGlite reads a page of it.
  const lock = owned && options.dataDir !== undefined ? lockDataDir(options.dataDir) : undefined;
  let db: PGlite;
  try {
    db =
      options.instance ??
      (await PGlite.create({
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
      }));
  } catch (e) {
    lock?.release();
    throw e;
  }
  const schema = quoteIdent(options.schema);
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  // PGlite has one connection: nested transactions are not needed by the store, so calls queue.
  let queue: Promise<unknown> = Promise.resolve();
  const transaction: Sql['transaction'] = (fn) => {
    const run = queue.then(() =>
      db
        .transaction((tx) =>
          fn(
            wrap(
              tx,
              () => Promise.reject(new Error('nested transaction')),
              async () => {},
            ),
          ),
        )
        .then(async (out) => {
          await checkpointed(db);
          return out;
        }),
    );
    queue = run.catch(() => undefined);
    return run;
  };
  return wrap(db, transaction, async () => {
    try {
      if (owned) await db.close();
    } finally {
      lock?.release();
    }
  });
}
