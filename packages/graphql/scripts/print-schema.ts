/**
 * Writes the committed SDL, `packages/graphql/schema.graphql`, from the
 * schema as built. Run `pnpm schema:print` after changing a type; the test
 * command fails while the file and the schema differ.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSortedSchema } from '../src/schema';

const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
writeFileSync(target, printSortedSchema());
console.log(`wrote ${target}`);
