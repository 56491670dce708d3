import { PGlite } from '@electric-sql/pglite';
import { dumpTables, openStore, type Store } from '@mujun/store';
import { afterAll, describe, expect, it } from 'vitest';
import { smallEvents, smallRegistry, uscc } from './fixtures';
import { testDatabaseUrl, uniqueSchema } from './postgres-env';

const ctx = { actor: 'test:bad-batch' };

async function check(store: Store) {
  const data = smallRegistry();
  await store.repository.saveRegion(data.region, ctx);
  await store.repository.saveRecords('330483', data, ctx);
  await store.repository.appendEvents('330483', smallEvents().slice(0, 3), {}, ctx);
  const before = await dumpTables(store.sql);

  // 200 good events and one bad one in the middle: the database must not move.
  const good = Array.from({ length: 200 }, (_, i) => ({
    type: 'lowScatteredRemediated',
    id: `W${i}`,
    date: '2018-09-01',
    townCode: '330483108000',
    workshopName: `作坊${i}`,
    outcome: 'closedEliminated',
  }));
  const bad = { ...smallEvents()[3], area: '999' };
  const r = await store.repository.appendEvents('330483', [...good.slice(0, 100), bad, ...good.slice(100)], {}, ctx);
  expect(r).toMatchObject({ ok: false, reason: 'invalid' });
  await expect(
    store.repository.saveRecords(
      '330483',
      { annualData: [{ uscc: uscc(1), year: 2019, scale: 'aboveDesignatedSize', revenue: '10' }] },
      ctx,
    ),
  ).rejects.toThrow(/2000万元/);
  expect(await dumpTables(store.sql)).toBe(before);
  expect(before).toContain('"id":"E3"');
}

describe('a rejected batch leaves the database byte-for-byte unchanged', () => {
  let pglite: PGlite | undefined;
  afterAll(async () => {
    await pglite?.close();
  });

  it('on PGlite', async () => {
    pglite = await PGlite.create();
    const store = await openStore({ pglite, schema: 'bad_batch' });
    await check(store);
  });

  const url = testDatabaseUrl();
  it.skipIf(!url)('on PostgreSQL', async () => {
    const schema = uniqueSchema();
    const store = await openStore({ databaseUrl: url as string, schema });
    try {
      await check(store);
    } finally {
      await store.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await store.close();
    }
  });
});
