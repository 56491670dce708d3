#!/usr/bin/env node
// The `mujun-gateway` bin. This shim is committed so that pnpm can link the bin on a fresh
// install, before anything is built; the gateway itself is dist/bin.js (`pnpm build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('mujun-gateway: the gateway is not built yet: run `pnpm build` in the repository first');
  process.exit(2);
}
const { main } = await import(entry.href);
main();
