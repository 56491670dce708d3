/**
 * The timed half of `pnpm bench intake` (intake.bench.ts), in a process of
 * its own: `mujun import <file> --year 2018 --json` over the data folder the
 * bench prepared (MUJUN_DATA_DIR), as a user runs it — the CLI opens the
 * PGlite store, loads the registry, reads, validates, reconciles and writes.
 * Not a bench (no `.bench.ts`): it reports to its parent over IPC the
 * command's wall time, the CPU time this process spent on it (user and
 * system, every thread: what a loaded machine does not inflate), its exit
 * code, the report's counts and this process's peak RSS.
 */
import { main } from '../packages/cli/src/index';

const [file] = process.argv.slice(2);
if (!file || !process.send)
  throw new Error('run by intake.bench.ts: node --import tsx bench/intake-cli.ts <file.xlsx>');
let out = '';
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const code = await main(['import', file, '--year', '2018', '--json'], {
  out: (t) => {
    out += t;
  },
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  env: process.env,
  cwd: process.cwd(),
  tty: false,
});
const seconds = Number((process.hrtime.bigint() - t0) / 1_000_000n) / 1000;
const used = process.cpuUsage(cpu0);
const cpuSeconds = (used.user + used.system) / 1e6;
const report = code === 2 ? undefined : (JSON.parse(out) as { errors: number; records: number; written: boolean });
process.send({ code, seconds, cpuSeconds, rssMb: Math.round(process.resourceUsage().maxRSS / 1024), report }, () =>
  process.exit(0),
);
