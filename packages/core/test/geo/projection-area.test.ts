import { describe, expect, it } from 'vitest';
import {
  CGCS2000_ELLIPSOID,
  crsFromPrj,
  ellipsoidalAreaSquareMetres,
  fromLonLat,
  measuredArea,
  type PolygonGeometry,
  parseCrs,
  type Shape,
  toLonLat,
} from '../../src/geo';

/*
 * Independent values. The projected coordinates of 120.56°E 30.63°N were
 * computed with two other implementations of the transverse Mercator:
 * PROJ 9.1.1 (`echo "30.63 120.56" | cs2cs EPSG:4490 EPSG:4549`) and
 * GeographicLib 2.1.2's C++ TransverseMercatorProj (-l 120 -k 1, GRS80):
 * both give E 553688.1833, N 3390087.4734. The inverse: PROJ takes
 * (553000, 3389000) to 30.6202220106°N 120.5527663710°E.
 */
describe('transverse Mercator (EPSG:4549 / EPSG:4528)', () => {
  it('takes a point near 桐乡 to the Gauss-Krüger plane as PROJ and GeographicLib do', () => {
    const [x, y] = fromLonLat('EPSG:4549', 120.56, 30.63);
    expect(Math.abs(x - 553688.1833)).toBeLessThan(0.001);
    expect(Math.abs(y - 3390087.4734)).toBeLessThan(0.001);
    const [xz, yz] = fromLonLat('EPSG:4528', 120.56, 30.63);
    expect(Math.abs(xz - 40553688.1833)).toBeLessThan(0.001);
    expect(Math.abs(yz - 3390087.4734)).toBeLessThan(0.001);
  });

  it('takes a projected point back to longitude/latitude as PROJ does', () => {
    const [lon, lat] = toLonLat('EPSG:4549', 553000, 3389000);
    expect(Math.abs(lon - 120.552766371)).toBeLessThan(1e-9);
    expect(Math.abs(lat - 30.6202220106)).toBeLessThan(1e-9);
    const [lonz, latz] = toLonLat('EPSG:4528', 40553000, 3389000);
    expect(Math.abs(lonz - 120.552766371)).toBeLessThan(1e-9);
    expect(Math.abs(latz - 30.6202220106)).toBeLessThan(1e-9);
  });

  it('goes there and back within 0.1 mm', () => {
    for (const [lon, lat] of [
      [120.3, 30.5],
      [120.56, 30.63],
      [120.9, 30.8],
    ] as const) {
      const [x, y] = fromLonLat('EPSG:4549', lon, lat);
      const [lon2, lat2] = toLonLat('EPSG:4549', x, y);
      expect(Math.abs(lon2 - lon) * 111_000).toBeLessThan(1e-4);
      expect(Math.abs(lat2 - lat) * 111_000).toBeLessThan(1e-4);
    }
  });
});

describe('coordinate systems', () => {
  it('reads CRS names and .prj files', () => {
    expect(parseCrs('urn:ogc:def:crs:EPSG::4490')).toBe('EPSG:4490');
    expect(parseCrs('epsg:4549')).toBe('EPSG:4549');
    expect(parseCrs('OGC:CRS84')).toBe('EPSG:4326');
    expect(() => parseCrs('EPSG:3857')).toThrow(/crs\.unknown/);
    const gk40 =
      'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(crsFromPrj(gk40)).toBe('EPSG:4528');
    expect(crsFromPrj(gk40.replace('Gauss_Kruger', 'Transverse_Mercator').replace('40500000.0', '500000.0'))).toBe(
      'EPSG:4549',
    );
    expect(() => crsFromPrj(gk40.replace('120.0', '117.0'))).toThrow(/crs\.unknown/);
    expect(
      crsFromPrj(
        'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      ),
    ).toBe('EPSG:4490');
  });
});

/** The exact area of a cell bounded by two meridians and two parallels on the ellipsoid (Snyder's q, authalic). */
function zoneArea(lat1: number, lat2: number, dLonDeg: number): number {
  const { a, f } = CGCS2000_ELLIPSOID;
  const e2 = f * (2 - f);
  const e = Math.sqrt(e2);
  const q = (lat: number): number => {
    const s = Math.sin((lat * Math.PI) / 180);
    return (1 - e2) * (s / (1 - e2 * s * s) - (1 / (2 * e)) * Math.log((1 - e * s) / (1 + e * s)));
  };
  return ((a * a * ((dLonDeg * Math.PI) / 180)) / 2) * (q(lat2) - q(lat1));
}

const cell: Shape = {
  crs: 'EPSG:4490',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        ['120.50', '30.60'],
        ['120.51', '30.60'],
        ['120.51', '30.61'],
        ['120.50', '30.61'],
        ['120.50', '30.60'],
      ],
    ],
  },
};

describe('ellipsoidal area on GRS80', () => {
  it('matches the closed-form area of a 0.01° cell and GeographicLib’s C++ Planimeter', () => {
    const m2 = ellipsoidalAreaSquareMetres(cell);
    // Planimeter -e 6378137 0.003352810681182319: 1063125.1086 m²
    expect(Math.abs(m2 - 1063125.1086)).toBeLessThan(0.001);
    // Closed form for the cell bounded by parallels; geodesic edges differ by well under 0.01 m² here.
    expect(Math.abs(m2 - zoneArea(30.6, 30.61, 0.01))).toBeLessThan(0.01);
  });

  it('is not the spherical approximation', () => {
    const R = 6_371_008.8;
    const spherical =
      R * R * ((0.01 * Math.PI) / 180) * (Math.sin((30.61 * Math.PI) / 180) - Math.sin((30.6 * Math.PI) / 180));
    expect(Math.abs(ellipsoidalAreaSquareMetres(cell) - spherical)).toBeGreaterThan(1000);
  });

  it('rounds once to 0.01 m² into an exact area; 亩 = m² × 3/2000 exactly', () => {
    const a = measuredArea(cell);
    expect(a.toDecimal('squareMetre').toFixed(2)).toBe('1063125.11');
    expect(a.toDecimal('mu').toString()).toBe('1594.687665');
    expect(a.in('mu').dividedBy(a.in('squareMetre')).toString()).toBe('3/2000');
  });

  it('is the same for the shape drawn in Gauss-Krüger metres (EPSG:4549)', () => {
    const corners = [
      [120.5, 30.6],
      [120.51, 30.6],
      [120.51, 30.61],
      [120.5, 30.61],
      [120.5, 30.6],
    ] as const;
    const projected: Shape = {
      crs: 'EPSG:4549',
      geometry: {
        type: 'Polygon',
        coordinates: [
          corners.map(([lon, lat]) => fromLonLat('EPSG:4549', lon, lat).map((v) => v.toFixed(4)) as [string, string]),
        ],
      },
    };
    expect(Math.abs(ellipsoidalAreaSquareMetres(projected) - 1063125.1086)).toBeLessThan(0.05);
  });

  it('subtracts holes and adds the polygons of a MultiPolygon', () => {
    const outer = (cell.geometry as PolygonGeometry).coordinates[0] ?? [];
    const hole = [
      ['120.502', '30.602'],
      ['120.502', '30.604'],
      ['120.504', '30.604'],
      ['120.504', '30.602'],
      ['120.502', '30.602'],
    ] as const;
    const withHole = ellipsoidalAreaSquareMetres({
      crs: 'EPSG:4490',
      geometry: { type: 'Polygon', coordinates: [outer, hole] },
    });
    const holeArea = ellipsoidalAreaSquareMetres({
      crs: 'EPSG:4490',
      geometry: { type: 'Polygon', coordinates: [hole] },
    });
    expect(Math.abs(withHole - (1063125.1086 - holeArea))).toBeLessThan(0.001);
    const multi = ellipsoidalAreaSquareMetres({
      crs: 'EPSG:4490',
      geometry: { type: 'MultiPolygon', coordinates: [[outer], [hole]] },
    });
    expect(Math.abs(multi - (1063125.1086 + holeArea))).toBeLessThan(0.001);
  });
});
