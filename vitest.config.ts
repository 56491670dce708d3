import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source, so `pnpm test:unit` needs no build.
export default defineConfig({
  resolve: {
    alias: {
      '@mujun/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
      '@mujun/store': fileURLToPath(new URL('./packages/store/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    // PGlite boots a WebAssembly PostgreSQL: seconds on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
