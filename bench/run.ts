/**
 * Runs every `bench/*.bench.ts` in turn (`pnpm bench`), or only those whose
 * name contains an argument: `pnpm bench evaluation`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  await import(pathToFileURL(join(here, f)).href);
}
