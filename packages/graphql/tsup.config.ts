import { packageBuild } from '../../tsup.shared';

export default packageBuild(
  // The upload worker (upload-reader.ts) is a module of its own, found beside the entry that starts it.
  { index: 'src/index.ts', 'upload-worker': 'src/upload-worker.ts' },
  {
    // The package's build script empties dist first; the bin build below writes into it too.
    clean: false,
    // One entry, so no chunks to share; tsup's CommonJS splitting would also keep `import.meta`
    // (esbuild's own CommonJS output empties it, which runGateway's check below relies on).
    splitting: false,
    // runGateway's "am I the program?" check reads import.meta.url; in the CommonJS build it is
    // empty on purpose (a require()d index never starts a server), so esbuild's warning is noise.
    esbuildOptions(options) {
      options.logOverride = { 'empty-import-meta': 'silent' };
    },
  },
  // The `mujun-gateway` bin: ESM only, with a shebang.
  { entry: ['src/bin.ts'], format: ['esm'], dts: false, banner: { js: '#!/usr/bin/env node' } },
);
