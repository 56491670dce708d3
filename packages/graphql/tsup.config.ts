import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'node20',
    tsconfig: 'tsconfig.json',
    // runGateway's "am I the program?" check reads import.meta.url; in the CommonJS build it is
    // empty on purpose (a require()d index never starts a server), so esbuild's warning is noise.
    esbuildOptions(options) {
      options.logOverride = { 'empty-import-meta': 'silent' };
    },
  },
  {
    // The `mujun-gateway` bin: ESM only, with a shebang.
    entry: ['src/bin.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    tsconfig: 'tsconfig.json',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
