/**
 * A server for `bench/graphql.bench.ts`, run in its own process so the load
 * generator does not share its event loop: `mujun` serves the gateway over
 * a PGlite store seeded from examples/tongxiang-2018 (as the bin seeds it);
 * `bare` serves mujun's SDL with graphql-yoga's `createSchema`, the root
 * fields returning fixed JSON from memory (default resolvers below them).
 * Prints `PORT <n>` when listening.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createSchema, createYoga } from 'graphql-yoga';
import { createGateway, printSortedSchema, seedFromExample } from '../packages/graphql/src/index';
import { openStore } from '../packages/store/src/index';

const mode = process.argv[2];

async function handler() {
  if (mode === 'mujun') {
    const store = await openStore();
    await seedFromExample(store.repository, fileURLToPath(new URL('../examples/tongxiang-2018/data', import.meta.url)));
    // As the bin serves an embedded store: the only writer; production mode needs the token secret.
    return createGateway({
      repository: store.repository,
      logging: false,
      graphiql: false,
      singleWriter: true,
      auth: { secret: process.env.BENCH_SECRET ?? '' },
    });
  }
  // The JSON the gateway answered, keyed by root field (written by the bench).
  const answers = JSON.parse(readFileSync(process.argv[3] ?? '', 'utf8')) as Record<string, unknown>;
  return createYoga({
    schema: createSchema({
      typeDefs: printSortedSchema(),
      resolvers: {
        Query: Object.fromEntries(Object.entries(answers).map(([field, value]) => [field, () => value])),
      },
    }),
    graphiql: false,
    logging: false,
  });
}

const server = createServer(await handler());
server.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});
