import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo, main } from '@mujun/cli';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mujun-cli-limits-'));
const csv = join(dir, '税务.csv');
writeFileSync(csv, '统一社会信用代码,实缴税金(元)\n91330483100555740Y,1\n91330483100555740Y,2\n');

/** `mujun import --dry-run --json` with the flags and environment given: exit code, report, stderr. */
async function dryRun(env: Record<string, string>, ...flags: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { MUJUN_DATA_DIR: join(dir, 'data'), ...env },
    cwd: dir,
    tty: false,
  };
  const code = await main(['import', csv, '--year', '2018', '--dry-run', '--json', ...flags], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('mujun import: limits per flag and environment', () => {
  // Which wins (flag over environment over default) is resolveLimits's, tested in @mujun/intake.
  it('a bad --max-* flag or MUJUN_INTAKE_MAX_* value is a usage error naming the limit, before the store opens', async () => {
    const flag = await dryRun({}, '--max-rows', 'many');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('rows: a limit is a positive whole number, not “many”');
    const env = await dryRun({ MUJUN_INTAKE_MAX_CELLS: '-5' });
    expect(env.code).toBe(2);
    expect(env.err).toContain('cells: a limit is a positive whole number, not “-5”');
  });
});
