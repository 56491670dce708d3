/**
 * Writes the committed subgraph SDL, `packages/graphql/subgraph.graphql`,
 * from `createSubgraphSchema()`: what a federation gateway composes. Run by
 * `pnpm schema:print`; the test command fails while the file and the schema differ.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSdl } from '../src/subgraph';

const target = fileURLToPath(new URL('../subgraph.graphql', import.meta.url));
writeFileSync(target, printSubgraphSdl());
console.log(`wrote ${target}`);
