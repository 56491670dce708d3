/**
 * Runs every `bench/*.bench.ts` in turn (`pnpm bench`), or only those whose
 * name contains an argument: `pnpm bench evaluation`. An argument naming a
 * bench exactly runs that one only: `pnpm bench store` is store.bench.ts,
 * not store-runs.bench.ts too.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const all = readdirSync(here).filter((f) => f.endsWith('.bench.ts'));
const matches = (x: string) => (all.includes(`${x}.bench.ts`) ? [`${x}.bench.ts`] : all.filter((f) => f.includes(x)));
const files = [...new Set(filters.length === 0 ? all : filters.flatMap(matches))].sort();
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  await import(pathToFileURL(join(here, f)).href);
}
