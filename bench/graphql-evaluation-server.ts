/**
 * The gateway for `bench/graphql-evaluation.bench.ts`, in its own process: a
 * PGlite store holding a synthetic city of `BENCH_EVALUATION_FIRMS` firms
 * (default 100,000) and the bench scheme. Prints `PORT <n>` when listening;
 * on a `baseline` line on stdin it evaluates the city in this process on the
 * record path (records listed and parsed per firm, then `evaluationPopulation`)
 * and on the columnar path (`evaluateCity`: `listAnnualDataColumns`), and
 * prints `BASELINE <records ms> <columns ms> <cpu ms>`, the last the CPU time
 * this process spent between listening and the baseline (the first evaluation).
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { registryReferences } from '../packages/core/src/campaign/index';
import { evaluateCity, evaluatePopulation, evaluationPopulation } from '../packages/core/src/cycle/index';
import { emptyLedger, parseEvaluationScheme } from '../packages/core/src/index';
import { createGateway } from '../packages/graphql/src/index';
import { openStore } from '../packages/store/src/index';
import { BENCH_SCHEME, syntheticCity } from './runs-fixture';

const n = Number(process.env.BENCH_EVALUATION_FIRMS ?? 100_000);
const ctx = { actor: 'bench' };
const store = await openStore();
const { registry } = syntheticCity(n);
await store.repository.importValidated(registry, emptyLedger(registryReferences(registry)), ctx);
await store.repository.saveScheme(BENCH_SCHEME, ctx);
// As the bin serves an embedded store: the only writer; production mode needs the token secret.
const yoga = createGateway({
  repository: store.repository,
  logging: false,
  graphiql: false,
  singleWriter: true,
  auth: { secret: process.env.BENCH_SECRET ?? '' },
});

async function baseline(): Promise<[number, number]> {
  const repo = store.repository;
  const scheme = parseEvaluationScheme(BENCH_SCHEME);
  const region = await repo.getRegion('330483');
  if (!region) throw new Error('no region');
  let t = performance.now();
  const [enterprises, annualData, parcels] = await Promise.all([
    repo.listEnterprises({ regionCode: region.code }),
    repo.listAnnualData({ year: scheme.year, regionCode: region.code }),
    repo.listParcels(region.code),
  ]);
  const byRecords = evaluatePopulation(
    region,
    scheme,
    evaluationPopulation({ enterprises, annualData, parcels }, scheme),
  );
  const records = performance.now() - t;
  t = performance.now();
  const byColumns = await evaluateCity(repo, region.code, scheme);
  const columns = performance.now() - t;
  if (JSON.stringify(byColumns.summary) !== JSON.stringify(byRecords.summary)) throw new Error('the paths disagree');
  return [records, columns];
}

const server = createServer(yoga);
/** CPU time of this process from listening on: until the baseline, that is the first evaluation's. */
let cpuAtListen: NodeJS.CpuUsage | undefined;
/**
 * `BENCH_CPU_PROF=<file>`: a V8 CPU profile of the first evaluation only (listening to the baseline),
 * for Chrome DevTools — `node --cpu-prof` would also hold the long set-up of the city.
 */
const profileFile = process.env.BENCH_CPU_PROF;
const inspector = profileFile ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
server.listen(0, '127.0.0.1', () => {
  cpuAtListen = process.cpuUsage();
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'baseline') {
    const cpu = process.cpuUsage(cpuAtListen);
    if (inspector && profileFile) {
      const { profile } = await inspector.post('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
    }
    const [records, columns] = await baseline();
    console.log(`BASELINE ${records.toFixed(0)} ${columns.toFixed(0)} ${((cpu.user + cpu.system) / 1000).toFixed(0)}`);
  }
}
