import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// graphql 16 has no exports map: Node loads its CommonJS build for Pothos and
// yoga, so sources under test must get that same copy (one graphql realm).
const graphqlEntry = createRequire(new URL('./packages/graphql/package.json', import.meta.url)).resolve('graphql');

// Tests import workspace packages from source, so `pnpm test:unit` needs no build.
export default defineConfig({
  resolve: {
    alias: [
      { find: '@mujun/core', replacement: fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)) },
      { find: '@mujun/store', replacement: fileURLToPath(new URL('./packages/store/src/index.ts', import.meta.url)) },
      {
        find: '@mujun/graphql',
        replacement: fileURLToPath(new URL('./packages/graphql/src/index.ts', import.meta.url)),
      },
      { find: '@mujun/intake', replacement: fileURLToPath(new URL('./packages/intake/src/index.ts', import.meta.url)) },
      { find: '@mujun/cli', replacement: fileURLToPath(new URL('./packages/cli/src/index.ts', import.meta.url)) },
      { find: /^graphql$/, replacement: graphqlEntry },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    // PGlite boots a WebAssembly PostgreSQL: seconds on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
