import { ellipsoidalAreaSquareMetres, fromLonLat } from '@mujun/core/geo';
import { describe, expect, it } from 'vitest';
import { dbfEncoding, matchParcelGeometries, readGeoJson, readShapefile } from '../../src';
import { type Ring, writeShapefile } from './shapefile-writer';

const GK40_PRJ = new TextEncoder().encode(
  'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
);

/** A clockwise ring (as Shapefiles write outer rings) of a lon/lat box, in EPSG:4528 metres. */
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

const parcels = [
  { id: 'TX-001', unitNumber: '330483001001GB00001W00000000' },
  { id: 'TX-002', unitNumber: '330483001001GB00002W00000000' },
  { id: 'TX-003' },
];

const FIELDS = [
  { name: 'DKBH', length: 10 },
  { name: 'BDCDYH', length: 28 },
  { name: 'MC', length: 20 },
];

describe('Shapefile intake (GBK attributes, EPSG:4528 from the .prj)', () => {
  const good = writeShapefile(
    [
      { rings: [gkBox(120.5, 30.6, 120.502, 30.602)], attributes: { DKBH: 'TX-001', MC: '梧桐街道一号地块' } },
      {
        rings: [gkBox(120.51, 30.61, 120.511, 30.611)],
        attributes: { BDCDYH: '330483001001GB00002W00000000', MC: '濮院镇' },
      },
    ],
    FIELDS,
    'gbk',
  );

  it('reads GBK text, the CRS from the .prj, and matches by id or 不动产单元号', async () => {
    const table = await readShapefile({ file: 'parcels.shp', ...good, prj: GK40_PRJ });
    expect(table.crs).toBe('EPSG:4528');
    expect(table.encoding).toBe('gbk');
    expect(table.features.map((f) => f.properties.MC)).toEqual(['梧桐街道一号地块', '濮院镇']);
    const report = matchParcelGeometries(table, parcels);
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.rows.map((r) => [r.parcelId, r.unitNumber])).toEqual([
      ['TX-001', undefined],
      ['TX-002', '330483001001GB00002W00000000'],
    ]);
    // The measured area of the projected shape is the ellipsoidal area of the same box in lon/lat.
    const lonLat = ellipsoidalAreaSquareMetres({
      crs: 'EPSG:4490',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            ['120.5', '30.6'],
            ['120.502', '30.6'],
            ['120.502', '30.602'],
            ['120.5', '30.602'],
            ['120.5', '30.6'],
          ],
        ],
      },
    });
    const m2 = Number(report.rows[0]?.measuredArea.toDecimal('squareMetre').toString());
    expect(Math.abs(m2 - lonLat)).toBeLessThan(0.02);
    // coordinates kept as the file's doubles, written as decimal strings
    const first = report.rows[0]?.shape.geometry;
    expect(first?.type === 'Polygon' && typeof first.coordinates[0]?.[0]?.[0]).toBe('string');
  });

  it('takes the encoding from the .cpg, else the language driver byte, else UTF-8 if it decodes', () => {
    const utf8 = writeShapefile(
      [{ rings: [gkBox(120.5, 30.6, 120.502, 30.602)], attributes: { MC: '乌镇' } }],
      FIELDS,
      'utf-8',
    );
    expect(dbfEncoding('x', utf8.dbf)).toBe('utf-8');
    expect(dbfEncoding('x', good.dbf)).toBe('gbk');
    expect(dbfEncoding('x', utf8.dbf, new TextEncoder().encode('936\n'))).toBe('gbk');
    expect(dbfEncoding('x', good.dbf, new TextEncoder().encode('UTF-8'))).toBe('utf-8');
    expect(() => dbfEncoding('x', good.dbf, new TextEncoder().encode('Big5'))).toThrow(/geoFile\.encoding/);
  });

  it('refuses bad geometries row by row and writes nothing (all or nothing)', async () => {
    const ring = gkBox(120.5, 30.6, 120.502, 30.602);
    const [a, b, c, d] = ring as [Ring[number], Ring[number], Ring[number], Ring[number]];
    const bad = writeShapefile(
      [
        { rings: [ring], attributes: { DKBH: 'TX-001' } },
        { rings: [[a, c, b, d, a]], attributes: { DKBH: 'TX-002' } }, // crosses itself
        { rings: [[a, b, c, d]], attributes: { DKBH: 'TX-003' } }, // not closed
        { rings: [[a, b, a]], attributes: { BDCDYH: '330483001001GB00001W00000000' } }, // too few points
        { rings: null, attributes: { DKBH: 'TX-009' } },
        { rings: [ring], attributes: { MC: '无编号' } },
        { rings: [ring], attributes: { DKBH: 'TX-001', BDCDYH: '330483001001GB0000XW00000000' } },
      ],
      FIELDS,
      'gbk',
    );
    const table = await readShapefile({ file: 'bad.shp', ...bad, prj: GK40_PRJ });
    const report = matchParcelGeometries(table, parcels);
    expect(report.ok).toBe(false);
    expect(report.rows).toEqual([]);
    const byRow = (row: number) => report.issues.filter((i) => i.row === row).map((i) => i.rule);
    expect(byRow(1)).toEqual(['feature.rejected']);
    expect(byRow(2)).toEqual(['geometry.selfIntersection']);
    expect(byRow(3)).toEqual(['geometry.unclosed']);
    expect(byRow(4)).toEqual(['feature.duplicate', 'geometry.tooFewPoints']); // TX-001 by its 不动产单元号
    expect(byRow(5)).toEqual(['feature.noGeometry', 'feature.unknownParcel']);
    expect(byRow(6)).toEqual(['feature.noKey']);
    expect(byRow(7)).toEqual(['feature.duplicate', 'unitNumber.parcelSequence']);
    expect(report.issues.find((i) => i.row === 7 && i.rule === 'unitNumber.parcelSequence')?.column).toBe('BDCDYH');
  });

  it('refuses a .prj it cannot convert', async () => {
    await expect(
      readShapefile({ file: 'x.shp', ...good, prj: new TextEncoder().encode('PROJCS["WGS_1984_Web_Mercator"]') }),
    ).rejects.toThrow(/geoFile\.crs/);
  });
});

describe('GeoJSON intake', () => {
  const feature = (props: object, coordinates: unknown) => ({
    type: 'Feature',
    properties: props,
    geometry: { type: 'Polygon', coordinates },
  });
  const box = [
    [120.5, 30.6],
    [120.501, 30.6],
    [120.501, 30.601],
    [120.5, 30.601],
    [120.5, 30.6],
  ];
  const bytes = (doc: unknown) => new TextEncoder().encode(JSON.stringify(doc));

  it('reads the CRS the file names and matches features', () => {
    const table = readGeoJson(
      'p.geojson',
      bytes({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
        features: [feature({ 地块编号: 'TX-003' }, [box])],
      }),
    );
    expect(table.crs).toBe('EPSG:4490');
    const report = matchParcelGeometries(table, parcels);
    expect(report.ok).toBe(true);
    expect(report.rows[0]?.shape.geometry.coordinates[0]?.[0]).toEqual(['120.5', '30.6']);
  });

  it('reports unknown parcels, duplicates and bad rings by feature', () => {
    const table = readGeoJson(
      'p.geojson',
      bytes({
        type: 'FeatureCollection',
        features: [
          feature({ id: 'TX-404' }, [box]),
          feature({ id: 'TX-003' }, [box]),
          feature({ id: 'TX-003' }, [box]),
          feature({ id: 'TX-001' }, [box.slice(0, 4)]),
        ],
      }),
    );
    expect(table.crs).toBe('EPSG:4326');
    const report = matchParcelGeometries(table, parcels);
    expect(report.issues.map((i) => [i.row, i.rule])).toEqual([
      [1, 'feature.unknownParcel'],
      [2, 'feature.rejected'],
      [3, 'feature.duplicate'],
      [4, 'geometry.unclosed'],
    ]);
  });

  it('refuses what is not a FeatureCollection or names an unknown CRS', () => {
    expect(() => readGeoJson('x', bytes({ type: 'Feature' }))).toThrow(/geoFile\.format/);
    expect(() => readGeoJson('x', new TextEncoder().encode('{'))).toThrow(/geoFile\.unreadable/);
    expect(() =>
      readGeoJson('x', bytes({ type: 'FeatureCollection', crs: { properties: { name: 'EPSG:3857' } }, features: [] })),
    ).toThrow(/geoFile\.crs/);
  });
});
