import * as geographiclib from 'geographiclib-geodesic';
import { Decimal } from '../exact';
import { Area } from '../quantity';
import { type LonLat, lonLatPolygons, type Shape } from './geometry';

/**
 * The CGCS2000 ellipsoid (GRS80): semi-major axis 6 378 137 m, flattening
 * 1/298.257222101. CGCS2000's own flattening (1/298.257222101) is GRS80's.
 */
export const CGCS2000_ELLIPSOID = { a: 6_378_137, f: 1 / 298.257222101 } as const;

/** Decimals of a measured area in m²: 0.01 m² (see docs/map.md). */
export const AREA_PLACES = 2;

// The package is UMD (CommonJS): Node's ESM loader sees only its default export.
const lib: typeof geographiclib = (geographiclib as { default?: typeof geographiclib }).default ?? geographiclib;
const { PolygonArea } = lib;
const geodesic = new lib.Geodesic.Geodesic(CGCS2000_ELLIPSOID.a, CGCS2000_ELLIPSOID.f);

/** |area| of one ring on the ellipsoid in m², a double (geodesic edges, Karney 2013). */
function ringArea(ring: readonly LonLat[]): number {
  const poly = new PolygonArea.PolygonArea(geodesic, false);
  // The closing position repeats the first; PolygonArea closes the ring itself.
  for (let i = 0; i + 1 < ring.length; i++) {
    const [lon, lat] = ring[i] as LonLat;
    poly.AddPoint(lat, lon);
  }
  return Math.abs(poly.Compute(false, true).area ?? 0);
}

/**
 * The ellipsoidal area of a shape in m² as a double: each polygon's outer
 * ring less its holes, on GRS80, with edges as geodesics (国土调查办发〔2008〕32号
 * asks for the ellipsoidal area). Projected input is first taken back to
 * longitude/latitude by its transverse Mercator. Use `measuredArea` for the
 * exact figure of record.
 */
export function ellipsoidalAreaSquareMetres(shape: Shape): number {
  let total = 0;
  for (const rings of lonLatPolygons(shape)) {
    rings.forEach((ring, i) => {
      total += i === 0 ? ringArea(ring) : -ringArea(ring);
    });
  }
  return total;
}

/**
 * The measured area (图斑面积) of a shape as an exact `Area`: the geodesic
 * computation is a measurement in doubles; it becomes a quantity once, here,
 * rounded half-up to `AREA_PLACES` decimals of a square metre (0.01 m²).
 * From there on it is exact like any area (亩 = m² × 3/2000).
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { measuredArea } from '@mujun/core/geo';
 *
 * const cell = measuredArea({
 *   crs: 'EPSG:4490',
 *   geometry: {
 *     type: 'Polygon',
 *     coordinates: [[['120.50', '30.60'], ['120.51', '30.60'], ['120.51', '30.61'], ['120.50', '30.61'], ['120.50', '30.60']]],
 *   },
 * });
 * assert.equal(cell.toDecimal('squareMetre').toFixed(2), '1063125.11');
 * assert.equal(cell.toDecimal('mu').toString(), '1594.687665');
 * ```
 */
export function measuredArea(shape: Shape): Area {
  const m2 = ellipsoidalAreaSquareMetres(shape);
  const text = new Decimal(m2.toPrecision(17)).toDecimalPlaces(AREA_PLACES, Decimal.ROUND_HALF_UP).toFixed(AREA_PLACES);
  return Area.squareMetres(text, 'measuredArea');
}
