import cliProgress from 'cli-progress';
import type { CliIo } from './io';

/** A progress bar on standard error when it is a terminal; plain lines otherwise (and none with --json). */
export interface Progress {
  start(total: number, label: string): void;
  update(done: number, label?: string): void;
  stop(): void;
}

export function progress(io: CliIo, quiet: boolean): Progress {
  if (quiet) return { start() {}, update() {}, stop() {} };
  if (!io.tty) {
    return {
      start: (total, label) => io.err(`${label} (${total})`),
      update() {},
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {value}/{total} {label}', stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    update: (done, label) => bar.update(done, label === undefined ? {} : { label }),
    stop: () => bar.stop(),
  };
}
