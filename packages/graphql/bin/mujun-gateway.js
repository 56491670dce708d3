#!/usr/bin/env node
// The `mujun-gateway` bin. This shim is committed so that pnpm can link the bin on a fresh
// install, before anything is built; the gateway itself is dist/bin.js (`pnpm build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('mujun-gateway: the gateway is not built yet: run `pnpm build` in the repository first');
  process.exit(2);
}
// dist/bin.js starts the server only when it is the program itself.
process.argv[1] = fileURLToPath(entry);
await import(entry.href);
