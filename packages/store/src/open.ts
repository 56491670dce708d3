import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from './driver';
import { migrate } from './migrations';
import { SqlRepository } from './repository';

export interface StoreOptions {
  /** `postgres://...`: use a PostgreSQL server. Without it, PGlite is used. */
  readonly databaseUrl?: string;
  /**
   * PGlite data folder (persisted); omit for an in-memory database. One
   * process at a time: opening takes `<dataDir>.lock`, and a second opener
   * fails with `StoreLockedError` naming the holder (a dead holder's lock is taken over).
   */
  readonly dataDir?: string;
  /** An already open PGlite to use (the store then leaves closing it to the caller). */
  readonly pglite?: PGlite;
  /** PostgreSQL schema holding mujun's tables (default `mujun`). */
  readonly schema?: string;
}

/** An open store: the repository plus its SQL connection. */
export interface Store {
  readonly repository: SqlRepository;
  readonly sql: Sql;
  readonly engine: Sql['engine'];
  close(): Promise<void>;
}

/**
 * Opens the store and applies pending migrations. PGlite (embedded) is the
 * default; `databaseUrl` (or `DATABASE_URL` passed in by the caller) switches
 * to PostgreSQL. The driver is loaded on demand, so an embedded-only program
 * never loads `pg` (and a server-only one never loads PGlite's WebAssembly).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { TONGXIANG_2018_INPUT } from '@mujun/core';
 * import { openStore } from '@mujun/store';
 *
 * const store = await openStore(); // in-memory PGlite; `{ dataDir }` persists, `{ databaseUrl }` uses a server
 * try {
 *   await store.repository.saveRegion(TONGXIANG_2018_INPUT, { actor: 'example' });
 *   assert.equal((await store.repository.getRegion('330483'))?.name, '桐乡市');
 *   assert.equal(store.engine, 'pglite');
 * } finally {
 *   await store.close();
 * }
 * ```
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const schema = options.schema ?? 'mujun';
  const sql =
    options.databaseUrl !== undefined
      ? await (await import('./drivers/postgres')).openPostgres({ url: options.databaseUrl, schema })
      : await (await import('./drivers/pglite')).openPglite({
          schema,
          ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
          ...(options.pglite === undefined ? {} : { instance: options.pglite }),
        });
  try {
    await migrate(sql);
  } catch (e) {
    await sql.close();
    throw e;
  }
  return { repository: new SqlRepository(sql), sql, engine: sql.engine, close: () => sql.close() };
}
