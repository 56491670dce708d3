import { PGlite } from '@electric-sql/pglite';
import { Area } from '@mujun/core';
import {
  drawnAreaSources,
  drawnAreaStatistics,
  fromLonLat,
  type GeometryRecord,
  measuredArea,
  type Shape,
} from '@mujun/core/geo';
import {
  drawnAreaMembersInStore,
  hasPostgis,
  listFirmLocations,
  listGeometries,
  openStore,
  type Store,
  saveFirmLocations,
  saveGeometries,
  shapesAtPoint,
} from '@mujun/store';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIMEN, smallRegistry, uscc, ZHOUQUAN } from './fixtures';
import { testDatabaseUrl, uniqueSchema } from './postgres-env';

const ctx = { actor: 'test:geometry' };

function box(x0: number, y0: number, x1: number, y1: number): Shape {
  const ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => [String(x), String(y)] as const);
  return { crs: 'EPSG:4490', geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** The same box drawn in EPSG:4549 metres (millimetres), like a survey layer. */
function gkBox(x0: number, y0: number, x1: number, y1: number): Shape {
  const ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(
    ([lon, lat]) => fromLonLat('EPSG:4549', lon as number, lat as number).map((v) => v.toFixed(3)) as [string, string],
  );
  return { crs: 'EPSG:4549', geometry: { type: 'Polygon', coordinates: [ring] } };
}

const records: GeometryRecord[] = [
  { subject: 'town', id: SHIMEN, shape: box(120.4, 30.58, 120.5, 30.68) },
  { subject: 'town', id: ZHOUQUAN, shape: box(120.3, 30.58, 120.4, 30.68) },
  {
    subject: 'parcel',
    id: 'SM-001',
    shape: gkBox(120.45, 30.6, 120.452, 30.602),
    unitNumber: '330483108001GB00001W00000000',
    measuredArea: measuredArea(gkBox(120.45, 30.6, 120.452, 30.602)),
  },
  { subject: 'parcel', id: 'ZQ-001', shape: box(120.35, 30.6, 120.351, 30.601) },
];

/** Points probed: inside parcels, inside towns only, on the shared town edge, outside everything. */
const PROBES: [number, number][] = [
  [120.451, 30.601],
  [120.3505, 30.6005],
  [120.47, 30.65],
  [120.4, 30.63],
  [120.9, 30.9],
];

/** Drawn areas probed: around a projected parcel and a firm, a triangle over both towns, nothing, a ring with a hole. */
const DRAWN: Shape[] = [
  box(120.449, 30.599, 120.453, 30.603),
  {
    crs: 'EPSG:4490',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          ['120.30', '30.59'],
          ['120.50', '30.59'],
          ['120.40', '30.66'],
          ['120.30', '30.59'],
        ],
      ],
    },
  },
  box(121, 31, 121.1, 31.1),
  {
    crs: 'EPSG:4490',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          ['120.3', '30.5'],
          ['120.5', '30.5'],
          ['120.5', '30.7'],
          ['120.3', '30.7'],
          ['120.3', '30.5'],
        ],
        [
          ['120.449', '30.599'],
          ['120.449', '30.603'],
          ['120.453', '30.603'],
          ['120.453', '30.599'],
          ['120.449', '30.599'],
        ],
      ],
    },
  },
];

async function check(store: Store, engines: readonly ('library' | 'postgis')[]) {
  const data = smallRegistry();
  await store.repository.saveRegion(data.region, ctx);
  await store.repository.saveRecords('330483', data, ctx);
  await saveGeometries(store.sql, '330483', records, ctx);
  const back = await listGeometries(store.sql, '330483');
  expect(back.map((r) => `${r.subject}:${r.id}`)).toEqual([
    'parcel:SM-001',
    'parcel:ZQ-001',
    `town:${ZHOUQUAN}`,
    `town:${SHIMEN}`,
  ]);
  const sm = back.find((r) => r.id === 'SM-001');
  expect(sm?.shape).toEqual(records[2]?.shape); // decimal strings back as written
  expect(sm?.unitNumber).toBe('330483108001GB00001W00000000');
  expect(sm?.measuredArea?.equals(records[2]?.measuredArea ?? Area.zero())).toBe(true);

  // all or nothing: an unknown parcel refuses the whole batch
  await expect(
    saveGeometries(store.sql, '330483', [{ subject: 'parcel', id: 'NOPE', shape: box(0, 0, 1, 1) }], ctx),
  ).rejects.toThrow(/reference\.parcel/);
  expect(await listGeometries(store.sql, '330483')).toHaveLength(4);

  await saveFirmLocations(
    store.sql,
    '330483',
    [
      {
        uscc: uscc(1),
        location: { crs: 'EPSG:4490', geometry: { type: 'Point', coordinates: ['120.451', '30.601'] } },
      },
    ],
    ctx,
  );
  expect((await listFirmLocations(store.sql, '330483'))[0]?.location.geometry.coordinates).toEqual([
    '120.451',
    '30.601',
  ]);

  const answers = new Map<string, string>();
  for (const engine of engines) {
    const got: string[] = [];
    for (const p of PROBES) {
      got.push((await shapesAtPoint(store.sql, '330483', 'town', p, engine)).join('|'));
      got.push((await shapesAtPoint(store.sql, '330483', 'parcel', p, engine)).join('|'));
    }
    answers.set(engine, JSON.stringify(got));
  }
  const library = JSON.parse(answers.get('library') ?? '[]') as string[];
  expect(library).toEqual([SHIMEN, 'SM-001', ZHOUQUAN, 'ZQ-001', SHIMEN, '', `${ZHOUQUAN}|${SHIMEN}`, '', '', '']);
  for (const a of answers.values()) expect(a).toBe(answers.get('library'));

  // Drawn-area statistics (自定义区域统计): the same members, and so the same sums, both ways.
  const registry = await store.repository.loadRegistry('330483');
  if (!registry) throw new Error('no registry');
  const sources = drawnAreaSources({
    registry,
    shapes: await listGeometries(store.sql, '330483'),
    locations: await listFirmLocations(store.sql, '330483'),
    year: 2018,
  });
  const drawnAnswers = new Map<string, string>();
  for (const engine of engines) {
    const got = [];
    for (const d of DRAWN) {
      const members = await drawnAreaMembersInStore(store.sql, '330483', d, engine);
      const stats = drawnAreaStatistics(d, sources, members);
      got.push({ ...members, tax: stats.tax.toString(), land: stats.landArea.toString() });
    }
    drawnAnswers.set(engine, JSON.stringify(got));
  }
  const drawnLibrary = JSON.parse(drawnAnswers.get('library') ?? '[]') as { firms: string[]; parcels: string[] }[];
  expect(drawnLibrary.map((d) => [d.firms, d.parcels])).toEqual([
    [[uscc(1)], ['SM-001']],
    [[uscc(1)], ['SM-001', 'ZQ-001']],
    [[], []],
    [[], ['ZQ-001']],
  ]);
  for (const a of drawnAnswers.values()) expect(a).toBe(drawnAnswers.get('library'));
  // The repository answers through PostGIS only where the server has it.
  const viaRepository = await store.repository.drawnAreaMembers?.('330483', DRAWN[0] as Shape);
  if (engines.includes('postgis')) expect(viaRepository).toEqual({ firms: [uscc(1)], parcels: ['SM-001'] });
  else expect(viaRepository).toBeUndefined();
}

describe('geometry in the store', () => {
  let pglite: PGlite | undefined;
  afterAll(async () => {
    await pglite?.close();
  });

  it('on PGlite (spatial questions answered by the library)', async () => {
    pglite = await PGlite.create();
    const store = await openStore({ pglite, schema: 'geometry' });
    expect(await hasPostgis(store.sql)).toBe(false);
    await check(store, ['library']);
  });

  const url = testDatabaseUrl();
  it.skipIf(!url)('on PostgreSQL: PostGIS, where the server has it, gives the library’s answers', async () => {
    const schema = uniqueSchema();
    const store = await openStore({ databaseUrl: url as string, schema });
    try {
      const available = await store.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'",
      );
      const postgis = Number(available[0]?.n ?? 0) > 0;
      if (postgis) await store.sql.exec('CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public');
      expect(await hasPostgis(store.sql)).toBe(postgis);
      await check(store, postgis ? ['library', 'postgis'] : ['library']);
    } finally {
      await store.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await store.close();
    }
  });
});
