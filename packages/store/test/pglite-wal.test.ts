import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointed } from '../src/drivers/pglite';

/** WAL written since the last checkpoint's redo point, in bytes. */
async function walSinceCheckpoint(db: PGlite): Promise<number> {
  const r = await db.query<{ wal: string }>(
    'SELECT (pg_current_wal_insert_lsn() - redo_lsn)::text AS wal FROM pg_control_checkpoint()',
  );
  return Number(r.rows[0]?.wal);
}

describe('PGlite WAL (single-user PostgreSQL has no checkpointer)', () => {
  let db: PGlite | undefined;
  afterAll(async () => {
    await db?.close();
  });

  it('checkpoints once more WAL than the limit was written, also inside a transaction, and not before', async () => {
    db = await PGlite.create();
    await db.exec('CREATE TABLE t (a integer, b text)');
    await db.exec(`INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g`);
    const written = await walSinceCheckpoint(db);
    expect(written).toBeGreaterThan(2_000_000);
    // Below the limit: nothing happens.
    await checkpointed(db, written * 2);
    expect(await walSinceCheckpoint(db)).toBeGreaterThanOrEqual(written);
    await db.transaction(async (tx) => {
      await tx.exec(`INSERT INTO t SELECT g, repeat('y', 200) FROM generate_series(1, 20000) g`);
      await checkpointed(tx, 1_000_000);
    });
    expect(await walSinceCheckpoint(db)).toBeLessThan(100_000);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]?.n).toBe(40_000);
  });
});
