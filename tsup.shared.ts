import { defineConfig, type Options } from 'tsup';

/**
 * The one build configuration of every @mujun package: ESM + CommonJS with
 * declarations for both, node20, sourcemaps. `entry` maps an output name
 * (`dist/<name>.js`) to its source; each output name is one `exports` entry
 * in the package's manifest. `extra` holds the few per-package differences
 * and further build configs (a bin).
 */
export function packageBuild(entry: Record<string, string>, extra: Options = {}, ...more: Options[]) {
  const base: Options = {
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    tsconfig: 'tsconfig.json',
    // Shared chunks in both formats: without it each CommonJS entry would carry
    // its own copy of the classes, and `@mujun/core/exact`'s Rational would not
    // be the root's (instanceof across entry points).
    splitting: true,
  };
  return defineConfig([
    { ...base, entry, clean: true, ...extra },
    ...more.map((options) => ({ ...base, clean: false, ...options })),
  ]);
}
