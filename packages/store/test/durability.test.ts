import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '@mujun/store';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl, uniqueSchema } from './postgres-env';

const BATCH = 25;
const root = fileURLToPath(new URL('../../..', import.meta.url));
const writer = fileURLToPath(new URL('./durability-writer.ts', import.meta.url));

/** Runs the writer until it has acknowledged `acks` batches, then SIGKILLs it; returns the last acknowledged version. */
function writeThenKill(args: string[], acks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // One process (node with tsx's loader), so SIGKILL hits the writer itself.
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', writer, ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let lastAck = 0;
    let seen = 0;
    let buffer = '';
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ack (\d+)$/.exec(line);
        if (!m) continue;
        lastAck = Number(m[1]);
        if (++seen === acks) child.kill('SIGKILL');
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL') resolve(lastAck);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

async function checkAfterKill(store: Store, lastAck: number) {
  const ledger = await store.repository.loadLedger('330483');
  const version = ledger?.version ?? 0;
  // Every acknowledged batch is there; the batch in flight is there whole or not at all.
  expect(version).toBeGreaterThanOrEqual(lastAck);
  expect(version % BATCH).toBe(0);
  expect(version - lastAck).toBeLessThanOrEqual(BATCH);
  const ids = new Set(ledger?.events().map((e) => e.event.id));
  for (let b = 0; b < version / BATCH; b++) {
    for (let i = 0; i < BATCH; i++) expect(ids.has(`B${b}-${i}`)).toBe(true);
  }
  const [{ n } = { n: '0' }] = await store.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM campaign_event');
  expect(Number(n)).toBe(version);
}

describe('durability: a writer killed with SIGKILL mid-stream', () => {
  it('PGlite data folder: acknowledged batches survive, no partial batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mujun-durability-'));
    try {
      const lastAck = await writeThenKill([dir], 5);
      // Acks already in the pipe when the kill lands count too: they were acknowledged.
      expect(lastAck).toBeGreaterThanOrEqual(5 * BATCH);
      const store = await openStore({ dataDir: dir });
      try {
        await checkAfterKill(store, lastAck);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  const url = testDatabaseUrl();
  it.skipIf(!url)(
    'PostgreSQL: acknowledged batches survive, no partial batch',
    async () => {
      const schema = uniqueSchema();
      const lastAck = await writeThenKill([url as string, schema], 20);
      const store = await openStore({ databaseUrl: url as string, schema });
      try {
        await checkAfterKill(store, lastAck);
      } finally {
        await store.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
        await store.close();
      }
    },
    120_000,
  );
});
