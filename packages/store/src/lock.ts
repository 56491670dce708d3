import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { storeMessages } from './messages';

/*
 * One process per embedded store (单进程独占). PGlite runs PostgreSQL inside
 * one process: two processes on one data folder each keep their own copy in
 * memory and the last to write its pages wins — rows written by the other are
 * lost without a word. So opening a PGlite data folder takes a lock file
 * beside it (`<dataDir>.lock`) holding the holder's pid, command, host and
 * start time, created atomically (`O_EXCL`). A second opener fails at once
 * with `StoreLockedError` naming the holder. A lock whose process is gone
 * (no such pid on this host) is stale: it is taken over. The lock goes when
 * the store is closed, or when the process exits.
 */

/** What a lock file holds. */
export interface LockHolder {
  readonly pid: number;
  /** The holder's command line (`node mujun serve`). */
  readonly command: string;
  readonly host: string;
  /** ISO time the lock was taken. */
  readonly since: string;
}

/** Thrown when another live process holds the data folder's lock. */
export class StoreLockedError extends Error {
  readonly holder: LockHolder;
  readonly lockFile: string;
  constructor(dataDir: string, lockFile: string, holder: LockHolder) {
    super(storeMessages.locked(dataDir, holder));
    this.name = 'StoreLockedError';
    this.holder = holder;
    this.lockFile = lockFile;
  }
}

/** A held lock: `release()` removes the lock file (if it is still this process's). */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** The lock file of a PGlite data folder. */
export function lockFileOf(dataDir: string): string {
  return `${resolve(dataDir).replace(/[\\/]+$/, '')}.lock`;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || !Number.isInteger(h.pid)) return undefined;
    return {
      pid: h.pid,
      command: String(h.command ?? ''),
      host: String(h.host ?? ''),
      since: String(h.since ?? ''),
    };
  } catch {
    return undefined;
  }
}

/** Whether process `pid` runs on this host (EPERM: it runs, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a lock's holder is gone: a pid of this host that no longer runs (a lock of another host is never stale here). */
function isStale(holder: LockHolder | undefined): boolean {
  if (holder === undefined) return true;
  return holder.host === hostname() && holder.pid !== process.pid && !isAlive(holder.pid);
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of a PGlite data folder for this process.
 * @throws StoreLockedError when a live process (this one included) holds it
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = lockFileOf(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  const me: LockHolder = {
    pid: process.pid,
    command: process.argv.join(' '),
    host: hostname(),
    since: new Date().toISOString(),
  };
  if (!tryCreate(file, me)) {
    const holder = readHolder(file);
    // A file without a readable holder may be one being written this instant: only a dead pid is stale.
    if (holder === undefined || !isStale(holder)) {
      throw new StoreLockedError(dataDir, file, holder ?? { pid: 0, command: '?', host: '?', since: '?' });
    }
    try {
      unlinkSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // Two processes taking over one stale lock: one creates the file, the other is refused.
    if (!tryCreate(file, me)) {
      const winner = readHolder(file);
      throw new StoreLockedError(dataDir, file, winner ?? { pid: 0, command: '?', host: '?', since: '?' });
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readHolder(file)?.pid !== process.pid) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return { file, release };
}
