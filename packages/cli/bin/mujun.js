#!/usr/bin/env node
// The `mujun` bin. This shim is committed so that pnpm can link the bin on a fresh install,
// before anything is built; the command itself lives in dist/ (`pnpm build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('mujun: the CLI is not built yet: run `pnpm build` in the repository first');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
