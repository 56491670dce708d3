/**
 * Regenerates data/ from the seeded generator: `pnpm generate-2018` (root)
 * or `pnpm --filter @mujun/example-tongxiang-2018 generate`. The same seed
 * gives byte-identical files; the test `generator.test.ts` checks it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './src/data';
import { generateFiles, SEED } from './src/generator/generate';
import { reproduce } from './src/reproduce';

const files = generateFiles(SEED);
// The published figures must come out before anything is written.
const check = reproduce(files);
if (!check.ok) {
  const bad = [...check.figures, ...check.details].filter((r) => !r.ok);
  throw new Error(`generated records miss the article: ${JSON.stringify(bad)}`);
}
mkdirSync(DATA_DIR, { recursive: true });
for (const [name, text] of Object.entries(files)) writeFileSync(join(DATA_DIR, name), text);
console.log(`wrote ${Object.keys(files).length} files to ${DATA_DIR} (seed ${SEED})`);
