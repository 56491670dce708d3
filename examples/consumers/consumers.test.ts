import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = fileURLToPath(new URL('../../packages/core/dist/index.cjs', import.meta.url));

// These run the built package, not the sources: `pnpm test` builds first; build here if someone runs vitest alone.
beforeAll(() => {
  if (!existsSync(dist)) execFileSync('pnpm', ['--filter', '@mujun/core', 'build'], { stdio: 'ignore' });
}, 120_000);

function run(file: string) {
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: here, encoding: 'utf8' }));
}

describe('@mujun/core as a published package', () => {
  it('loads from an ESM consumer', () => {
    expect(run('esm.mjs')).toEqual({ format: 'esm', mu: '705', perMu: '3.00万元/亩' });
  });

  it('loads from a CommonJS consumer', () => {
    expect(run('cjs.cjs')).toEqual({ format: 'cjs', mu: '705', perMu: '3.00万元/亩' });
  });
});
