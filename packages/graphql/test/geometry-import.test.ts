import { fromLonLat } from '@mujun/core/geo';
import { mintDevToken } from '@mujun/graphql';
import { describe, expect, it } from 'vitest';
import { type Ring, writeShapefile } from '../../intake/test/geo/shapefile-writer';
import { bearer, gql, memoryGateway, SECRET, SHIMEN, ZHOUQUAN } from './fixtures';

/*
 * 图斑导入 through the gateway: GeoJSON and Shapefiles as one multipart
 * request, read and matched as `mujun import` does, all or nothing, city
 * admins only.
 */

const MUTATION = `mutation ($input: ImportGeometriesInput!) {
  importGeometries(input: $input) {
    __typename
    ... on ImportGeometriesSuccess {
      report { city layer ok matched written files { file crs encoding features ok } issues { file row column rule message } }
    }
    ... on NotAuthorised { message }
    ... on ValidationError { fieldErrors { field rule } }
  }
}`;

const GK40_PRJ =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** A clockwise ring of a lon/lat box in EPSG:4528 metres, as a survey layer holds it. */
function gkBox(lon0: number, lat0: number, lon1: number, lat1: number): Ring {
  return (
    [
      [lon0, lat0],
      [lon0, lat1],
      [lon1, lat1],
      [lon1, lat0],
      [lon0, lat0],
    ] as const
  ).map(([lon, lat]) => fromLonLat('EPSG:4528', lon, lat));
}

/** The parts of a GBK Shapefile (DLTB.shp/.shx/.dbf/.prj) shaping SM-001 by id and ZQ-001 by id. */
function shapefile(name = 'DLTB'): File[] {
  const parts = writeShapefile(
    [
      { rings: [gkBox(120.45, 30.6, 120.452, 30.602)], attributes: { DKBH: 'SM-001', MC: '石门镇一号地块' } },
      { rings: [gkBox(120.35, 30.6, 120.351, 30.601)], attributes: { DKBH: 'ZQ-001', MC: '洲泉镇闲置地' } },
    ],
    [
      { name: 'DKBH', length: 10 },
      { name: 'MC', length: 20 },
    ],
    'gbk',
  );
  return [
    new File([Buffer.from(parts.shp)], `${name}.shp`),
    new File([Buffer.from(parts.shx)], `${name}.shx`),
    new File([Buffer.from(parts.dbf)], `${name}.DBF`),
    new File([GK40_PRJ], `${name}.prj`),
  ];
}

const lonLatBox = (x0: number, y0: number, x1: number, y1: number) => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];

function geoJson(features: { properties: Record<string, string>; coordinates: number[][][] }[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      properties: f.properties,
      geometry: { type: 'Polygon', coordinates: f.coordinates },
    })),
  });
}

type Report = {
  ok: boolean;
  matched: number;
  written: number;
  files: { file: string; crs: string; encoding: string; features: number }[];
  issues: { file: string; row: number; rule: string }[];
};

async function importing(
  yoga: Awaited<ReturnType<typeof memoryGateway>>['yoga'],
  token: string,
  input: Record<string, unknown>,
) {
  const res = await gql(yoga, MUTATION, { input }, bearer(token));
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data?.importGeometries as { __typename: string; report?: Report; message?: string };
}

describe('importGeometries (multipart upload of GeoJSON and Shapefiles)', () => {
  it('a city admin imports a GBK Shapefile in a projected CRS; its parcels get shapes and measured areas', async () => {
    const { yoga, repository } = await memoryGateway();
    const admin = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
    const dry = await importing(yoga, admin, { files: shapefile(), dryRun: true });
    expect(dry.report).toMatchObject({ ok: true, matched: 2, written: 0 });
    expect(await repository.listGeometries('330483')).toEqual([]);

    const r = await importing(yoga, admin, { city: '330483', files: shapefile() });
    expect(r.__typename).toBe('ImportGeometriesSuccess');
    expect(r.report).toMatchObject({
      ok: true,
      matched: 2,
      written: 2,
      files: [{ file: 'DLTB.shp', crs: 'EPSG:4528', encoding: 'gbk', features: 2 }],
      issues: [],
    });
    const stored = await repository.listGeometries('330483', 'parcel');
    expect(stored.map((g) => [g.id, g.shape.crs])).toEqual([
      ['SM-001', 'EPSG:4528'],
      ['ZQ-001', 'EPSG:4528'],
    ]);
    // ≈ 0.002° × 0.002° near 30.6°N: about 191.6 m × 222 m
    const m2 = Number(stored[0]?.measuredArea?.toDecimal('squareMetre').toString());
    expect(m2).toBeGreaterThan(40_000);
    expect(m2).toBeLessThan(45_000);

    // The shapes answer spatial questions at once (the cache's write hook).
    const at = await gql(
      yoga,
      '{ shapesAt(city: "330483", longitude: "120.451", latitude: "30.601") { parcels } }',
      {},
      bearer(admin),
    );
    expect(at.data?.shapesAt).toEqual({ parcels: ['SM-001'] });
  });

  it('refuses a file with a bad ring whole, naming the feature; a town layer matches by 区划代码', async () => {
    const { yoga, repository } = await memoryGateway();
    const admin = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
    const open = lonLatBox(120.35, 30.6, 120.351, 30.601);
    open[0]?.pop();
    const bad = geoJson([
      { properties: { 地块编号: 'SM-001' }, coordinates: lonLatBox(120.45, 30.6, 120.452, 30.602) },
      { properties: { 地块编号: 'ZQ-001' }, coordinates: open },
      { properties: { 地块编号: 'NOPE-1' }, coordinates: lonLatBox(120.3, 30.6, 120.301, 30.601) },
    ]);
    const r = await importing(yoga, admin, { files: [new File([bad], '地块.geojson')] });
    expect(r.report?.ok).toBe(false);
    expect(r.report?.written).toBe(0);
    expect(r.report?.issues.filter((i) => i.rule !== 'feature.rejected')).toMatchObject([
      { file: '地块.geojson', row: 2, rule: 'geometry.unclosed' },
      { file: '地块.geojson', row: 3, rule: 'feature.unknownParcel' },
    ]);
    expect(await repository.listGeometries('330483')).toEqual([]);

    const towns = geoJson([
      { properties: { 区划代码: SHIMEN }, coordinates: lonLatBox(120.4, 30.58, 120.5, 30.68) },
      { properties: { 区划代码: ZHOUQUAN }, coordinates: lonLatBox(120.3, 30.58, 120.4, 30.68) },
    ]);
    const t = await importing(yoga, admin, { layer: 'TOWNS', files: [new File([towns], 'towns.json')] });
    expect(t.report).toMatchObject({ ok: true, written: 2 });
    expect((await repository.listGeometries('330483', 'town')).map((g) => g.id).sort()).toEqual([ZHOUQUAN, SHIMEN]);
  });

  it('a Shapefile without its .prj, or a file of another kind, is a file-level issue; nothing is written', async () => {
    const { yoga, repository } = await memoryGateway();
    const admin = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
    const noPrj = shapefile().filter((f) => !f.name.endsWith('.prj'));
    const r = await importing(yoga, admin, { files: noPrj });
    expect(r.report).toMatchObject({
      ok: false,
      written: 0,
      issues: [{ file: 'DLTB.shp', row: 0, rule: 'geoFile.missingPart' }],
    });
    const other = await importing(yoga, admin, { files: [new File(['a,b\n1,2\n'], '地块.csv')] });
    expect(other.report?.issues).toMatchObject([{ file: '地块.csv', row: 0, rule: 'geoFile.format' }]);
    expect(await repository.listGeometries('330483')).toEqual([]);
  });

  it('town operators and viewers may not import shapes', async () => {
    const { yoga, repository } = await memoryGateway();
    for (const token of [
      await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET }),
      await mintDevToken({ role: 'viewer', secret: SECRET }),
      await mintDevToken({ role: 'cityAdmin', city: '330482', secret: SECRET }),
    ]) {
      const r = await importing(yoga, token, { city: '330483', files: shapefile() });
      expect(r.__typename).toBe('NotAuthorised');
    }
    expect(await repository.listGeometries('330483')).toEqual([]);
  });
});
