import { PGlite } from '@electric-sql/pglite';
import { openStore, type Store } from '@mujun/store';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { copyRows } from '../src/sql-helpers';
import { SHIMEN, smallRegistry } from './fixtures';
import { testDatabaseUrl, uniqueSchema } from './postgres-env';

/*
 * Migration 8 checks an enterprise's and a parcel's region, town and park once
 * per statement instead of by foreign keys: the same errors, the same refusals.
 */

const ctx = { actor: 'test:registry-references' };
const COLUMNS = ['uscc', 'region_code', 'name', 'town_code', 'industry', 'registered_on', 'park_id'];
const firm = (uscc: string, town: string, park: string | null, region = '330483') => [
  uscc,
  region,
  '测试企业',
  town,
  '1751',
  '2010-01-01',
  park,
];
const insertFirm = (store: Store, row: unknown[]) =>
  store.sql.query(`INSERT INTO enterprise (${COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, row);

async function check(store: Store) {
  const data = smallRegistry();
  await store.repository.saveRegion(data.region, ctx);
  await store.repository.saveRecords('330483', data, ctx);
  const before = await store.sql.query('SELECT uscc FROM enterprise ORDER BY uscc');
  // One bad row among good ones: the whole COPY fails with the foreign key's error.
  await expect(
    copyRows(store.sql, 'enterprise', COLUMNS, [
      firm('91330483MA0000001X', SHIMEN, null),
      firm('91330483MA0000002X', '330483999000', null),
    ]),
  ).rejects.toMatchObject({
    code: '23503',
    constraint: 'enterprise_town_code_fkey',
    message: 'insert or update on table "enterprise" violates foreign key constraint "enterprise_town_code_fkey"',
    detail: 'Key (town_code)=(330483999000) is not present in table "town".',
  });
  await expect(insertFirm(store, firm('91330483MA0000001X', SHIMEN, 'NO-SUCH-PARK'))).rejects.toMatchObject({
    code: '23503',
    constraint: 'enterprise_park_id_fkey',
    detail: 'Key (park_id)=(NO-SUCH-PARK) is not present in table "park".',
  });
  await expect(insertFirm(store, firm('91330483MA0000001X', SHIMEN, null, '330400'))).rejects.toMatchObject({
    code: '23503',
    constraint: 'enterprise_region_code_fkey',
  });
  expect(await store.sql.query('SELECT uscc FROM enterprise ORDER BY uscc')).toEqual(before);
  // An update to a town that does not exist is refused too.
  await expect(store.sql.query(`UPDATE enterprise SET town_code = '330483999000'`)).rejects.toMatchObject({
    code: '23503',
    constraint: 'enterprise_town_code_fkey',
  });
  await expect(
    store.sql.query(
      `INSERT INTO parcel (id, region_code, town_code, area_mu, category) VALUES ('PX', '330483', '330483999000', 1, 'inUse')`,
    ),
  ).rejects.toMatchObject({ code: '23503', constraint: 'parcel_town_code_fkey' });
  await expect(
    store.sql.query(
      `INSERT INTO parcel (id, region_code, town_code, area_mu, category, park_id) VALUES ('PX', '330483', $1, 1, 'inParkInefficient', 'NOPE')`,
      [SHIMEN],
    ),
  ).rejects.toMatchObject({ code: '23503', constraint: 'parcel_park_id_fkey' });
  // A referenced town, park or region cannot go, nor change its key.
  await expect(store.sql.query('DELETE FROM town WHERE code = $1', [SHIMEN])).rejects.toMatchObject({
    code: '23503',
    message: expect.stringMatching(/violates foreign key constraint "(enterprise|parcel)_town_code_fkey"/),
  });
  await expect(store.sql.query(`UPDATE region SET code = '330400' WHERE code = '330483'`)).rejects.toMatchObject({
    code: '23503',
  });
  await expect(store.sql.query(`DELETE FROM park WHERE id = 'SM-P1'`)).rejects.toThrow(
    /violates foreign key constraint "enterprise_park_id_fkey" on table "enterprise"/,
  );
  // Changes that keep the keys pass, and a good COPY goes in.
  await store.sql.query('UPDATE town SET name = name WHERE code = $1', [SHIMEN]);
  await store.sql.query('UPDATE enterprise SET name = name');
  await copyRows(store.sql, 'enterprise', COLUMNS, [firm('91330483MA0000001X', SHIMEN, 'SM-P1')]);
  // Annual data keeps its foreign key on the enterprise.
  await expect(
    store.sql.query(
      `INSERT INTO annual_data (uscc, year, scale) VALUES ('91330483MA0000009X', 2018, 'belowDesignatedSize')`,
    ),
  ).rejects.toMatchObject({ code: '23503', constraint: 'annual_data_uscc_fkey' });
}

describe("an enterprise's and a parcel's region, town and park are checked per statement", () => {
  let pglite: PGlite | undefined;
  afterAll(async () => {
    await pglite?.close();
  });

  it('on PGlite', async () => {
    pglite = await PGlite.create();
    await check(await openStore({ pglite, schema: 'registry_refs' }));
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

  it.skipIf(!url)('on PostgreSQL, a town deleted concurrently is not referenced once both commit', async () => {
    const schema = uniqueSchema();
    const store = await openStore({ databaseUrl: url as string, schema });
    const options = `-c search_path="${schema}"`;
    const a = new pg.Client({ connectionString: url, options });
    const b = new pg.Client({ connectionString: url, options });
    try {
      await store.repository.saveRegion(smallRegistry().region, ctx);
      await a.connect();
      await b.connect();
      // An unused town: `a` deletes it and holds its transaction open; `b` inserts a firm there.
      const [unused] = await store.sql.query<{ code: string }>(
        `SELECT code FROM town WHERE code <> $1 ORDER BY code LIMIT 1`,
        [SHIMEN],
      );
      const town = unused?.code as string;
      await a.query('BEGIN');
      await a.query('DELETE FROM town WHERE code = $1', [town]);
      await b.query('BEGIN');
      const inserting = b
        .query(`INSERT INTO enterprise (${COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          ...firm('91330483MA0000001X', town, null),
        ])
        .then(
          () => 'inserted',
          (e: { code?: string; constraint?: string }) => `${e.code} ${e.constraint}`,
        );
      // `b` waits for the town's lock (FOR KEY SHARE), as a foreign key check would ...
      await new Promise((r) => setTimeout(r, 300));
      await a.query('COMMIT');
      // ... and then finds it gone.
      expect(await inserting).toBe('23503 enterprise_town_code_fkey');
      await b.query('ROLLBACK');
      // The other order: `b`'s firm holds the town, `a`'s delete waits and then is refused.
      await b.query('BEGIN');
      await b.query(`INSERT INTO enterprise (${COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        ...firm('91330483MA0000001X', SHIMEN, null),
      ]);
      await a.query('BEGIN');
      const deleting = a.query('DELETE FROM town WHERE code = $1', [SHIMEN]).then(
        () => 'deleted',
        (e: { code?: string }) => e.code,
      );
      await new Promise((r) => setTimeout(r, 300));
      await b.query('COMMIT');
      expect(await deleting).toBe('23503');
      await a.query('ROLLBACK');
    } finally {
      await a.end();
      await b.end();
      await store.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await store.close();
    }
  });
});
