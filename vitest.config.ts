import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// graphql 16 has no exports map: Node loads its CommonJS build for Pothos and
// yoga, so sources under test must get that same copy (one graphql realm).
const graphqlEntry = createRequire(new URL('./packages/graphql/package.json', import.meta.url)).resolve('graphql');

/**
 * Tests import workspace packages from source, so `pnpm test:unit` needs no
 * build. The mapping is tsconfig.json's `paths` (what tsc and tsx use), read
 * here rather than repeated: exact names first, then `pkg/*` wildcards.
 */
function sourceAliases() {
  const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8')) as {
    compilerOptions: { paths: Record<string, [string]> };
  };
  const root = fileURLToPath(new URL('./', import.meta.url));
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return Object.entries(tsconfig.compilerOptions.paths)
    .sort(([a], [b]) => Number(a.includes('*')) - Number(b.includes('*')))
    .map(([name, [target]]) =>
      name.endsWith('/*')
        ? {
            find: new RegExp(`^${escapeRegExp(name.slice(0, -2))}/(.+)$`),
            replacement: root + target.replace('*', '$1'),
          }
        : { find: new RegExp(`^${escapeRegExp(name)}$`), replacement: root + target },
    );
}

export default defineConfig({
  resolve: {
    alias: [...sourceAliases(), { find: /^graphql$/, replacement: graphqlEntry }],
  },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'packages/*/src/**/*.spec.ts',
      'examples/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    testTimeout: 60_000,
    // PGlite boots a WebAssembly PostgreSQL: seconds on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
