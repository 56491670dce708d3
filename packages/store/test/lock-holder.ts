/**
 * Child process of lock.test.ts: `hold <dir>` takes the data folder's lock,
 * says `locked`, and waits to be killed; `open <dir>` tries to take it and
 * prints the refusal (`refused <message>`) or `locked`.
 */
import { lockDataDir, StoreLockedError } from '@mujun/store';

const [mode, dir] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: lock-holder.ts hold|open <dir>');
try {
  lockDataDir(dir);
  process.stdout.write('locked\n');
  if (mode === 'hold') setInterval(() => {}, 1 << 30);
} catch (e) {
  if (!(e instanceof StoreLockedError)) throw e;
  process.stdout.write(`refused ${e.message}\n`);
  process.exitCode = 3;
}
