/**
 * `pnpm bench store-runs`: persisting an evaluation run of
 * R firms (default 100,000; `BENCH_RUN_FIRMS`) through the repository —
 * `createRun` writes the run and one NUMERIC-and-exact row per firm — on
 * PostgreSQL (`BENCH_DATABASE_URL` or `TEST_DATABASE_URL`) and PGlite, beside
 * the baseline of the same run: importing the city's registry (enterprises +
 * annual data) through `importValidated`. Then a correction-sized transition
 * (a cohort of results upserted) and the 50-row RANK page query.
 *
 * Goal: the 100,000-firm run persisted on PostgreSQL in < 10 s.
 */
import { registryReferences } from '../packages/core/src/campaign/index';
import { emptyLedger, startRun } from '../packages/core/src/index';
import { runResultKey } from '../packages/core/src/internal';
import { openStore } from '../packages/store/src/index';
import { BENCH_SCHEME, syntheticCity } from './runs-fixture';

const R = Number(process.env.BENCH_RUN_FIRMS ?? 100_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const seconds = (t0: bigint) => Number((process.hrtime.bigint() - t0) / 1_000_000n) / 1000;
const ctx = { actor: 'bench' };

console.log(`evaluation-run store bench: ${R.toLocaleString('en')} firms`);
let t0 = process.hrtime.bigint();
const { registry, input } = syntheticCity(R);
console.log(`  generate + validate registry      ${seconds(t0).toFixed(2)} s`);
t0 = process.hrtime.bigint();
const start = startRun({
  id: 'bench-run',
  regionCode: '330483',
  scheme: BENCH_SCHEME,
  input,
  by: { actor: 'bench', at: '2019-03-01T00:00:00.000Z' },
});
console.log(`  core: evaluate + start run        ${seconds(t0).toFixed(2)} s (the engine's work, not the store's)`);
const below = start.results.filter((r) => r.cohortId === 'below');
const cohortRun = { ...start.run, revision: 2, trail: [...start.run.trail] };

const persisted: Record<string, number> = {};
async function engine(name: string, open: () => Promise<Awaited<ReturnType<typeof openStore>>>, drop: boolean) {
  const store = await open();
  try {
    t0 = process.hrtime.bigint();
    await store.repository.importValidated(registry, emptyLedger(registryReferences(registry)), ctx);
    const baseline = seconds(t0);
    t0 = process.hrtime.bigint();
    await store.repository.createRun(start, ctx);
    const run = seconds(t0);
    persisted[name] = run;
    console.log(
      `  ${name}: registry import (baseline) ${baseline.toFixed(2)} s; createRun ${run.toFixed(2)} s (${Math.round(R / run).toLocaleString('en')} results/s)`,
    );
    t0 = process.hrtime.bigint();
    await store.repository.updateRun({ run: cohortRun, results: below.slice(0, 10_000) }, ctx);
    console.log(`  ${name}: updateRun with 10,000 results ${seconds(t0).toFixed(2)} s`);
    let best = Number.POSITIVE_INFINITY;
    let after: string | undefined;
    for (let i = 0; i < 20; i++) {
      t0 = process.hrtime.bigint();
      const page = await store.repository.listRunResults('bench-run', {
        orderBy: 'rank',
        first: 51,
        ...(after === undefined ? {} : { after }),
      });
      best = Math.min(best, seconds(t0));
      const last = page[49];
      after = last ? runResultKey(last, 'rank') : undefined;
    }
    console.log(`  ${name}: 50-row RANK page query      ${(best * 1000).toFixed(1)} ms (best of 20 pages)`);
  } finally {
    if (drop) await store.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
    await store.close();
  }
}

const schema = `bench_runs_${process.pid}`;
if (PG_URL) {
  await engine('postgres', () => openStore({ databaseUrl: PG_URL, schema }), true);
} else {
  console.log('  postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
}
await engine('pglite  ', () => openStore({ schema: 'bench_runs' }), false);
const pg = persisted.postgres;
console.log(
  `goals: ${pg === undefined ? '✗ (no PostgreSQL)' : `${pg < 10 ? '✓' : '✗'} ${R.toLocaleString('en')}-firm run persisted on PostgreSQL < 10 s (${pg.toFixed(2)} s)`}`,
);
