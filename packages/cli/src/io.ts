import type { Store } from '@mujun/store';

/** Where a command reads and writes: the process by default, a test harness otherwise. */
export interface CliIo {
  /** Standard output: results, tables, JSON. */
  readonly out: (text: string) => void;
  /** Standard error: progress, notes, errors. */
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Draw progress bars (standard error is a terminal). */
  readonly tty: boolean;
  /** An open store to use instead of opening one from the environment (tests share one PGlite). */
  readonly store?: Store;
  /** Resolves when a long-running command (`serve`) should stop; default: SIGINT or SIGTERM. */
  readonly untilStopped?: Promise<void>;
}

export function processIo(): CliIo {
  // `mujun … --json | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    env: process.env,
    // `pnpm mujun …` runs in the repository root; paths the user typed are relative to where they typed them.
    cwd: (process.env.npm_lifecycle_event === 'mujun' && process.env.INIT_CWD) || process.cwd(),
    tty: process.stderr.isTTY === true,
  };
}

/** Exit codes: 0 done, 1 the data broke a rule (nothing written unless said), 2 the command was misused. */
export const EXIT = { ok: 0, data: 1, usage: 2 } as const;

/** A misused command: exit 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
