import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const PACKAGES = ['core', 'store', 'graphql'] as const;

// These run the built packages, not the sources: `pnpm test` builds first; build here if someone runs vitest alone.
beforeAll(() => {
  for (const name of PACKAGES) {
    const dist = fileURLToPath(new URL(`../../packages/${name}/dist/index.cjs`, import.meta.url));
    if (!existsSync(dist)) execFileSync('pnpm', ['--filter', `@mujun/${name}`, 'build'], { stdio: 'ignore' });
  }
}, 300_000);

function run(file: string) {
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: here, encoding: 'utf8' }));
}

describe('@mujun/core as a published package', () => {
  it('loads from an ESM consumer', () => {
    expect(run('esm.mjs')).toEqual({ format: 'esm', mu: '705', perMu: '3.00万元/亩', muLabel: '亩' });
  });

  it('loads from a CommonJS consumer', () => {
    expect(run('cjs.cjs')).toEqual({ format: 'cjs', mu: '705', perMu: '3.00万元/亩', muLabel: '亩' });
  });
});

describe('@mujun/graphql and @mujun/store as published packages', () => {
  // A gateway over a MemoryRepository answers a query; the store's pg pool is constructed (and refused: nothing on port 1).
  const expected = (format: string) => ({
    format,
    answer: { data: { region: { name: '桐乡市' } } },
    migrations: true,
    pg: 'ECONNREFUSED',
  });

  it('load from an ESM consumer', () => {
    expect(run('gateway.mjs')).toEqual(expected('esm'));
  });

  it('load from a CommonJS consumer (Pothos default exports unwrapped)', () => {
    expect(run('gateway.cjs')).toEqual(expected('cjs'));
  });
});
