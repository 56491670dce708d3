/**
 * The gateway for `bench/graphql-runs.bench.ts`, in its own process: a
 * PGlite store holding a synthetic city of `BENCH_RUN_FIRMS` firms (default
 * 100,000) and one evaluation run of it, published (公示), so that anonymous
 * viewers read its results. Prints `PORT <n>` when listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registryReferences } from '../packages/core/src/campaign/index';
import { emptyLedger, publishRun, startRun } from '../packages/core/src/index';
import { createGateway } from '../packages/graphql/src/index';
import { openStore } from '../packages/store/src/index';
import { BENCH_SCHEME, syntheticCity } from './runs-fixture';

const n = Number(process.env.BENCH_RUN_FIRMS ?? 100_000);
const ctx = { actor: 'bench' };
const store = await openStore();
const { registry, input } = syntheticCity(n);
await store.repository.importValidated(registry, emptyLedger(registryReferences(registry)), ctx);
const by = { actor: 'cityAdmin:330483:bench', at: '2019-03-01T00:00:00.000Z' };
const start = startRun({ id: 'bench-run', regionCode: '330483', scheme: BENCH_SCHEME, input, by });
await store.repository.createRun(start, ctx);
await store.repository.updateRun(
  { run: publishRun(start.run, { from: '2019-03-05', to: '2019-03-11' }, by), results: [] },
  ctx,
);
// As the bin serves an embedded store: the only writer; production mode needs the token secret.
const yoga = createGateway({
  repository: store.repository,
  logging: false,
  graphiql: false,
  singleWriter: true,
  auth: { secret: process.env.BENCH_SECRET ?? '' },
});
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});
