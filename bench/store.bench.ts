/**
 * `pnpm bench store`: bulk-load E enterprises with a year of annual data and
 * V campaign events (defaults 100,000 and 1,000,000; `BENCH_ENTERPRISES`,
 * `BENCH_EVENTS`) into PostgreSQL (when `BENCH_DATABASE_URL` or
 * `TEST_DATABASE_URL` is set) and into PGlite, print rows/second, then time
 * the yearly statistics: in SQL on each engine, and in memory by the core —
 * and check all three agree. The load's baseline is a raw COPY of the same
 * rows (registry tables and events) into tables without keys, in the same run.
 */
import {
  makeUscc,
  parseRegistry,
  type RegistryInput,
  TONGXIANG_2018_INPUT,
  yearlyStatistics,
} from '../packages/core/src/index';
import { replayOver } from '../packages/core/src/internal';
import { EVENT_COLUMNS, eventRow } from '../packages/store/src/event-rows';
import { openStore, yearlyFiguresSql } from '../packages/store/src/index';
import { registryRows } from '../packages/store/src/record-rows';
import { copyText } from '../packages/store/src/sql-helpers';

const E = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const V = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
/** `BENCH_ENGINES=postgres` (or `pglite`) runs one engine only; `none` only the core. */
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',');
const towns = TONGXIANG_2018_INPUT.towns.map((t) => t.code);

/** Deterministic integers (xorshift32): data without floats. */
let state = 2018;
const rand = (n: number) => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
};
const seconds = (t0: bigint) => Number((process.hrtime.bigint() - t0) / 1_000_000n) / 1000;
const rate = (rows: number, s: number) => `${Math.round(rows / s).toLocaleString('en')} rows/s`;
const date = (day: number) => new Date(Date.UTC(2018, 0, 1 + day)).toISOString().slice(0, 10);
const mb = () => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;

function dataset(): { input: RegistryInput; events: Record<string, unknown>[] } {
  const enterprises = [];
  const annualData = [];
  for (let i = 0; i < E; i++) {
    const uscc = makeUscc({
      authority: '9',
      orgType: '1',
      divisionCode: '330483',
      orgCodeBody: `M${String(i).padStart(7, '0')}`,
    });
    enterprises.push({
      uscc,
      name: `企业${i}`,
      townCode: towns[i % towns.length],
      industry: '1751',
      registeredOn: '2010-01-01',
    });
    const land = 2 + rand(60);
    annualData.push({
      uscc,
      year: 2018,
      scale: 'belowDesignatedSize',
      tax: `${rand(500)}.${rand(100)}`,
      revenue: `${100 + rand(1800)}`,
      landArea: `${land}.${rand(10)}`,
    });
  }
  const parcelCount = Math.max(11, Math.round(V / 20));
  const parcels = Array.from({ length: parcelCount }, (_, i) => ({
    id: `P${i}`,
    townCode: towns[i % towns.length],
    area: `${10 + rand(90)}`,
    category: 'outOfParkLowScattered',
  }));
  const parks = towns.map((t, i) => ({
    id: `K${i}`,
    name: `园区${i}`,
    townCode: t,
    kind: 'smallMicroPark',
    phases: [{ phase: 1, floorArea: '100000000' }],
  }));
  // Stage events: each parcel signed, demolished, approved, accepted and reused, on rising days.
  const events: Record<string, unknown>[] = [];
  const stages = ['signed', 'demolished', 'reclamationApproved', 'accepted', 'reused'];
  const stageEvents = Math.min(parcelCount * stages.length, Math.round(V * 0.25));
  for (let k = 0; k < stageEvents; k++) {
    const p = parcels[k % parcelCount] as (typeof parcels)[number];
    const s = Math.floor(k / parcelCount);
    events.push({
      type: 'vacatingStage',
      id: `S${k}`,
      date: date(s * 60 + rand(50)),
      townCode: p.townCode,
      parcelId: p.id,
      stage: stages[s],
      area: p.area,
    });
  }
  for (let k = events.length; k < V; k++) {
    const town = towns[rand(towns.length)] as string;
    const base = { id: `X${k}`, date: date(rand(365)), townCode: town };
    const r = rand(100);
    if (r < 70)
      events.push({ ...base, type: 'lowScatteredRemediated', workshopName: `作坊${k}`, outcome: 'closedEliminated' });
    else if (r < 80) events.push({ ...base, type: 'backwardCapacityEliminated', items: 1 + rand(3) });
    else if (r < 81) {
      const i = towns.indexOf(town);
      events.push({
        ...base,
        type: 'parkFloorAreaCompleted',
        parkId: `K${i}`,
        phase: 1,
        floorArea: `${1000 + rand(9000)}`,
      });
    } else
      events.push({ ...base, type: 'parkEntered', parkId: `K${towns.indexOf(town)}`, enterpriseName: `新企业${k}` });
  }
  // Stage events of a parcel must come in date order: sort the whole stream by date, stably.
  events.sort((a, b) => (a.date as string).localeCompare(b.date as string));
  return { input: { region: TONGXIANG_2018_INPUT, enterprises, annualData, parcels, parks }, events };
}

console.log(`store bench: ${E.toLocaleString('en')} enterprises (+ annual data), ${V.toLocaleString('en')} events`);
let t0 = process.hrtime.bigint();
const { input, events } = dataset();
console.log(`  generate                         ${seconds(t0).toFixed(2)} s`);

t0 = process.hrtime.bigint();
const registry = parseRegistry(input);
const registrySeconds = seconds(t0);
t0 = process.hrtime.bigint();
const ledger = replayOver(registry, events);
const replaySeconds = seconds(t0);
console.log(`  core: validate registry          ${registrySeconds.toFixed(2)} s`);
console.log(
  `  core: validate + apply events    ${replaySeconds.toFixed(2)} s (${rate(V, replaySeconds)}), peak RSS ${mb()}`,
);
const goal = (ok: boolean, text: string) => console.log(`  ${ok ? '✓' : '✗'} ${text}`);
goal(V / replaySeconds >= 300_000, `core validates >= 300,000 events/s (${rate(V, replaySeconds)})`);

const runs = 5;
let best = Number.POSITIVE_INFINITY;
let memoryFigures: Record<string, string> = {};
for (let i = 0; i < runs; i++) {
  t0 = process.hrtime.bigint();
  const stats = yearlyStatistics(ledger, 2018);
  best = Math.min(best, seconds(t0));
  memoryFigures = Object.fromEntries(stats.figures.map((f) => [f.measure, f.value]));
}
console.log(`  core: yearly statistics in memory ${best.toFixed(3)} s (best of ${runs}; goal < 0.2 s)`);

const rows =
  1 +
  towns.length +
  registry.parks.size +
  registry.parcels.size +
  registry.enterprises.size +
  registry.annualData.size +
  V;

async function engine(
  name: string,
  open: () => Promise<Awaited<ReturnType<typeof openStore>>>,
  cleanup: () => Promise<void>,
) {
  const store = await open();
  try {
    t0 = process.hrtime.bigint();
    let lastPhase = '';
    let phaseStart = t0;
    await store.repository.importValidated(registry, ledger, { actor: 'bench' }, (p) => {
      if (p.phase !== lastPhase && lastPhase !== '') {
        console.log(`    ${lastPhase} written in ${seconds(phaseStart).toFixed(2)} s`);
        phaseStart = process.hrtime.bigint();
      }
      lastPhase = p.phase;
    });
    const load = seconds(t0);
    console.log(
      `  ${name}: bulk load                ${load.toFixed(2)} s (${rate(rows, load)}; ${rate(V, load)} counting events only)`,
    );
    // Baseline in the same run: a raw COPY of the same rows (registry tables and events) into
    // tables without keys, indexes or triggers; the text of each, in the same format, is made
    // before the clock starts.
    const records = {
      parks: [...registry.parks.values()],
      parcels: [...registry.parcels.values()],
      enterprises: [...registry.enterprises.values()],
      annualData: [...registry.annualData.values()],
    };
    const tables = [
      ...registryRows('330483', records).map((t) => ({
        table: t.table,
        columns: t.columns,
        text: [...copyText(t.rows)],
      })),
      {
        table: 'campaign_event',
        columns: EVENT_COLUMNS.map(([c]) => c),
        text: [...copyText(ledger.events().map((a) => eventRow('330483', a.seq, a.event, a.canonical)))],
      },
    ];
    for (const t of tables)
      await store.sql.exec(
        `CREATE TABLE bench_raw_${t.table} AS SELECT ${t.columns.join(', ')} FROM ${t.table} WITH NO DATA`,
      );
    const copied: Record<string, number> = {};
    t0 = process.hrtime.bigint();
    for (const t of tables) {
      const t1 = process.hrtime.bigint();
      await store.sql.copyFrom(`bench_raw_${t.table}`, t.columns, t.text);
      copied[t.table] = seconds(t1);
    }
    const raw = seconds(t0);
    for (const t of tables) await store.sql.exec(`DROP TABLE bench_raw_${t.table}`);
    const rawEvents = copied.campaign_event ?? 0;
    console.log(
      `  ${name}: raw COPY of the same rows ${raw.toFixed(2)} s (${rate(rows, raw)}; events alone ${rawEvents.toFixed(2)} s)`,
    );
    if (store.engine === 'postgres')
      goal(
        load <= 3 * raw,
        `postgres load <= 3x raw COPY of the same rows (${(load / raw).toFixed(1)}x; ${(load / rawEvents).toFixed(1)}x the events' alone)`,
      );
    else goal(load <= 60, `pglite load <= 60 s (${load.toFixed(1)} s)`);
    let q = Number.POSITIVE_INFINITY;
    let figures: Record<string, string> = {};
    for (let i = 0; i < runs; i++) {
      t0 = process.hrtime.bigint();
      figures = (await yearlyFiguresSql(store.sql, '330483', 2018)).figures;
      q = Math.min(q, seconds(t0));
    }
    const same = JSON.stringify(figures) === JSON.stringify(memoryFigures);
    console.log(
      `  ${name}: yearly statistics in SQL ${q.toFixed(3)} s (best of ${runs}); equal to the core: ${same ? '✓' : '✗'}`,
    );
    if (!same) {
      console.log({ sql: figures, core: memoryFigures });
      process.exitCode = 1;
    }
  } finally {
    await cleanup();
    await store.close();
  }
}

if (PG_URL && ENGINES.includes('postgres')) {
  const schema = `bench_${process.pid}`;
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  await engine(
    'postgres',
    async () => {
      store = await openStore({ databaseUrl: PG_URL, schema });
      return store;
    },
    async () => {
      await store?.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
    },
  );
} else if (ENGINES.includes('postgres')) {
  console.log('  postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
}
if (ENGINES.includes('pglite')) {
  await engine(
    'pglite  ',
    () => openStore({ schema: 'bench' }),
    async () => {},
  );
}
console.log(`  figures: ${JSON.stringify(memoryFigures)}`);
console.log(`  peak RSS ${mb()}`);
