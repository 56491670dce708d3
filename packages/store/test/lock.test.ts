import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockDataDir, lockFileOf, openStore, StoreLockedError } from '@mujun/store';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const holder = fileURLToPath(new URL('./lock-holder.ts', import.meta.url));

function child(mode: 'hold' | 'open', dir: string): { process: ChildProcess; firstLine: Promise<string> } {
  const p = spawn(process.execPath, ['--import', 'tsx', holder, mode, dir], { cwd: root, stdio: 'pipe' });
  let out = '';
  let err = '';
  p.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    p.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    p.on('exit', (code) => reject(new Error(`child exited (${code}) before a line: ${err}`)));
  });
  return { process: p, firstLine };
}

const exited = (p: ChildProcess) =>
  new Promise<void>((resolve) =>
    p.exitCode !== null || p.signalCode !== null ? resolve() : p.on('exit', () => resolve()),
  );

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mujun-lock-'));
  dirs.push(d);
  return join(d, 'pglite');
}

describe('one process per embedded store', () => {
  it('a second process opening a held data folder fails at once, naming the holder', async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir });
    try {
      const second = child('open', dataDir);
      const line = await second.firstLine;
      await exited(second.process);
      expect(second.process.exitCode).toBe(3);
      expect(line).toContain(`in use by process ${process.pid}`);
      expect(line).toContain('Stop that process');
      // In this process too: a second open is refused, the first keeps working.
      await expect(openStore({ dataDir })).rejects.toBeInstanceOf(StoreLockedError);
      expect(await store.repository.listRegions()).toEqual([]);
    } finally {
      await store.close();
    }
    expect(existsSync(lockFileOf(dataDir))).toBe(false);
  });

  it("refuses while another live process holds the lock, and takes over a dead holder's stale lock", async () => {
    const dataDir = tempDir();
    const held = child('hold', dataDir);
    expect(await held.firstLine).toBe('locked');
    const pid = held.process.pid as number;
    try {
      const refused = (() => {
        try {
          lockDataDir(dataDir);
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(refused).toBeInstanceOf(StoreLockedError);
      expect((refused as StoreLockedError).holder.pid).toBe(pid);
      expect((refused as StoreLockedError).message).toContain(`in use by process ${pid}`);
    } finally {
      // SIGKILL: the holder cannot remove its lock file, which stays behind, stale.
      held.process.kill('SIGKILL');
      await exited(held.process);
    }
    expect(JSON.parse(readFileSync(lockFileOf(dataDir), 'utf8')).pid).toBe(pid);
    const store = await openStore({ dataDir });
    try {
      expect(JSON.parse(readFileSync(lockFileOf(dataDir), 'utf8')).pid).toBe(process.pid);
    } finally {
      await store.close();
    }
  });

  it('an unreadable lock file is not taken over (it may be being written): the message names the file', () => {
    const dataDir = tempDir();
    writeFileSync(lockFileOf(dataDir), '');
    expect(() => lockDataDir(dataDir)).toThrow(/delete .*pglite\.lock/);
  });
});
