import { PGlite } from '@electric-sql/pglite';
import { TONGXIANG_2018, yearlyStatistics } from '@mujun/core';
import { openStore, type Store, yearlyFiguresSql } from '@mujun/store';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { smallRegistry } from './fixtures';
import { testDatabaseUrl, uniqueSchema } from './postgres-env';

const ctx = { actor: 'test:statistics' };
const towns = TONGXIANG_2018.towns.map((t) => t.code);

/** Hundredths as a decimal string, with integer arithmetic only. */
const hundredths = (x: number) => `${Math.trunc(x / 100)}.${String(x % 100).padStart(2, '0')}`;

/** Parcels in every town and a random but valid stream of events over them (stages in order, areas within bounds). */
const scenario = fc
  .record({
    parcelAreas: fc.array(fc.integer({ min: 100, max: 9_999 }), { minLength: 11, maxLength: 30 }),
    seeds: fc.array(fc.tuple(fc.nat(10), fc.nat(6), fc.nat(364), fc.integer({ min: 1, max: 100 })), { maxLength: 300 }),
  })
  .map(({ parcelAreas, seeds }) => {
    const parcels = parcelAreas.map((a, i) => ({
      id: `P${i}`,
      townCode: towns[i % towns.length] as string,
      area: hundredths(a),
      category: 'outOfParkLowScattered',
      total: a,
    }));
    // Hundredths of 亩 per parcel reached at each stage so far.
    const reached = new Map<string, [number, number, number]>();
    const events: Record<string, unknown>[] = [];
    const date = (d: number) => new Date(Date.UTC(2018, 0, 1 + d)).toISOString().slice(0, 10);
    [...seeds]
      .sort((a, b) => a[2] - b[2])
      .forEach(([town, kind, day, n], i) => {
        const base = { id: `X${i}`, date: date(day), townCode: towns[town] as string };
        if (kind === 0) {
          events.push({
            ...base,
            type: 'lowScatteredRemediated',
            workshopName: `作坊${i}`,
            outcome: 'closedEliminated',
          });
        } else if (kind === 1) {
          events.push({ ...base, type: 'backwardCapacityEliminated', items: (n % 3) + 1 });
        } else if (kind === 2) {
          const shimen = '330483108000';
          events.push({
            ...base,
            townCode: shimen,
            type: 'parkFloorAreaCompleted',
            parkId: 'SM-P1',
            phase: 1,
            floorArea: `${n}.5`,
          });
        } else {
          const p = parcels[(n + i) % parcels.length] as (typeof parcels)[number];
          const [signed, demolished, approved] = reached.get(p.id) ?? [0, 0, 0];
          const stage = kind <= 4 ? 0 : kind - 4; // 0 signed, 1 demolished, 2 reclamationApproved
          const ceiling = [p.total, signed, demolished][stage] as number;
          const floor = [signed, demolished, approved][stage] as number;
          const add = Math.min(ceiling - floor, n * 7);
          if (add <= 0) return;
          const next: [number, number, number] = [signed, demolished, approved];
          next[stage] = floor + add;
          reached.set(p.id, next);
          const name = ['signed', 'demolished', 'reclamationApproved'][stage];
          events.push({
            ...base,
            townCode: p.townCode,
            type: 'vacatingStage',
            parcelId: p.id,
            stage: name,
            area: hundredths(add),
          });
        }
      });
    return { parcels: parcels.map(({ total: _, ...p }) => p), events };
  });

let pglite: PGlite | undefined;
afterAll(async () => {
  await pglite?.close();
});

async function compare(store: Store, data: { parcels: unknown[]; events: unknown[] }) {
  const registry = smallRegistry();
  await store.repository.saveRegion(registry.region, ctx);
  await store.repository.saveRecords('330483', { parks: registry.parks, parcels: data.parcels }, ctx);
  const r = await store.repository.appendEvents('330483', data.events, {}, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r).slice(0, 500));
  const ledger = await store.repository.loadLedger('330483');
  if (!ledger) throw new Error('no ledger');
  const core = yearlyStatistics(ledger, 2018);
  const sql = await yearlyFiguresSql(store.sql, '330483', 2018);
  expect(sql.figures).toEqual(Object.fromEntries(core.figures.map((f) => [f.measure, f.value])));
  for (const t of core.byTown) {
    expect(sql.byTown[t.townCode]).toEqual(Object.fromEntries(t.figures.map((f) => [f.measure, f.value])));
  }
}

describe('yearly figures pushed down to SQL equal the core', () => {
  it('on PGlite, over random ledgers', async () => {
    pglite ??= await PGlite.create();
    await fc.assert(
      fc.asyncProperty(scenario, async (data) => {
        const store = await openStore({ pglite: pglite as PGlite, schema: uniqueSchema() });
        await compare(store, data);
      }),
      { numRuns: 4 },
    );
  }, 120_000);

  const url = testDatabaseUrl();
  it.skipIf(!url)(
    'on PostgreSQL, over random ledgers',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (data) => {
          const schema = uniqueSchema();
          const store = await openStore({ databaseUrl: url as string, schema });
          try {
            await compare(store, data);
          } finally {
            await store.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
            await store.close();
          }
        }),
        { numRuns: 8 },
      );
    },
    120_000,
  );
});
