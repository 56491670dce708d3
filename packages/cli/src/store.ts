import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openStore, type Store, StoreLockedError } from '@mujun/store';
import { type CliIo, UsageError } from './io';
import { cliMessages } from './messages';

/** The repository folder (holding pnpm-workspace.yaml) above `from`, if any. */
function findRepoRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Where the store is: `DATABASE_URL` (PostgreSQL), else the PGlite folder
 * `$MUJUN_DATA_DIR/pglite` (default `.mujun/` at the repository root) — the
 * same folder `mujun serve` and `pnpm start` use.
 */
export function storeLocation(io: CliIo): { databaseUrl?: string; dataDir: string; label: string } {
  const dataDir = resolve(io.cwd, io.env.MUJUN_DATA_DIR ?? join(findRepoRoot(io.cwd) ?? io.cwd, '.mujun'));
  const databaseUrl = io.env.DATABASE_URL || undefined;
  if (databaseUrl) return { databaseUrl, dataDir, label: 'PostgreSQL (DATABASE_URL)' };
  return { dataDir, label: `PGlite in ${join(dataDir, 'pglite')}` };
}

/** Opens the store for one command and closes it after, unless the harness lent one. */
export async function withStore<T>(io: CliIo, fn: (store: Store) => Promise<T>): Promise<T> {
  if (io.store) return fn(io.store);
  const where = storeLocation(io);
  if (!where.databaseUrl) mkdirSync(where.dataDir, { recursive: true });
  const store = await openStore(
    where.databaseUrl ? { databaseUrl: where.databaseUrl } : { dataDir: join(where.dataDir, 'pglite') },
  ).catch((e: unknown) => {
    // A running gateway holds the embedded store: writing beside it would lose rows.
    if (e instanceof StoreLockedError) throw new UsageError(cliMessages.storeLocked(e.message));
    throw e;
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The city to work on: `--city`, else the store's only region. */
export async function cityOf(store: Store, city: string | undefined): Promise<string> {
  if (city !== undefined) return city;
  const regions = await store.repository.listRegions();
  const [only] = regions;
  if (regions.length === 1 && only) return only.code;
  throw new UsageError(
    regions.length === 0
      ? 'the store holds no region yet: load one with `mujun load <dataset-dir>`'
      : `the store holds several regions (${regions.map((r) => r.code).join(', ')}): name one with --city`,
  );
}
