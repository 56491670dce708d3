import findIntersections from 'sweepline-intersections';
import type { FieldIssue, Result } from '../errors';
import { CRS, type CrsCode, toLonLat } from './crs';

/**
 * A position as received: `[x, y]` as decimal strings — longitude and
 * latitude in degrees for a geographic CRS, easting and northing in metres
 * for a projected one. A number read from JSON or a Shapefile is kept as its
 * shortest round-trip decimal (`String(n)`), which names that double exactly;
 * a third ordinate (height) is dropped.
 */
export type Position = readonly [string, string];

/** A closed ring: the first position repeated at the end. */
export type Ring = readonly Position[];

/** GeoJSON Polygon: an outer ring, then holes. */
export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: readonly Ring[];
}

/** GeoJSON MultiPolygon. */
export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly Ring[])[];
}

/** The geometry of a parcel (地块), park (园区) or town (镇街): a polygon or several. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** GeoJSON Point, e.g. a firm's location (企业位置). */
export interface PointGeometry {
  readonly type: 'Point';
  readonly coordinates: Position;
}

/** A geometry with the coordinate system its positions are in (坐标系 recorded with the shape). */
export interface Shape<G extends AreaGeometry | PointGeometry = AreaGeometry> {
  readonly crs: CrsCode;
  readonly geometry: G;
}

/** Documented limits of one geometry: hostile input is refused before any work grows with it. */
export const GEOMETRY_LIMITS = {
  /** Positions in one geometry, all rings together. */
  maxPositions: 100_000,
  /** Polygons in one MultiPolygon. */
  maxPolygons: 1_000,
  /** Characters of one coordinate. */
  maxCoordinateLength: 40,
} as const;

const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$/;

/** A coordinate as a decimal string, or undefined if it is not one. */
function coordinateText(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return s.length <= GEOMETRY_LIMITS.maxCoordinateLength && DECIMAL.test(s) && Number.isFinite(Number(s))
    ? s
    : undefined;
}

interface Collect {
  readonly issues: FieldIssue[];
  positions: number;
}

function parsePosition(v: unknown, crs: CrsCode, field: string, c: Collect): Position | undefined {
  if (!Array.isArray(v) || v.length < 2 || v.length > 4) {
    c.issues.push({ field, rule: 'geometry.coordinate', message: 'a position is an array [x, y]' });
    return undefined;
  }
  const x = coordinateText(v[0]);
  const y = coordinateText(v[1]);
  if (x === undefined || y === undefined) {
    c.issues.push({ field, rule: 'geometry.coordinate', message: 'a coordinate is a finite decimal number' });
    return undefined;
  }
  const { range } = CRS[crs];
  const nx = Number(x);
  const ny = Number(y);
  if (nx < range.x[0] || nx > range.x[1] || ny < range.y[0] || ny > range.y[1]) {
    c.issues.push({
      field,
      rule: 'geometry.coordinateRange',
      message: `(${x}, ${y}) lies outside the range of ${crs}`,
    });
    return undefined;
  }
  return [x, y];
}

function parseRing(v: unknown, crs: CrsCode, field: string, c: Collect): Ring | undefined {
  if (!Array.isArray(v)) {
    c.issues.push({ field, rule: 'geometry.type', message: 'a ring is an array of positions' });
    return undefined;
  }
  c.positions += v.length;
  if (c.positions > GEOMETRY_LIMITS.maxPositions) return undefined;
  const before = c.issues.length;
  const ring: Position[] = [];
  v.forEach((p, i) => {
    const pos = parsePosition(p, crs, `${field}.${i}`, c);
    if (pos) ring.push(pos);
  });
  if (c.issues.length > before) return undefined;
  return checkRing(ring, field, c.issues) ? ring : undefined;
}

/** Twice the signed planar area of a ring (shoelace), in the ring's own units squared. */
function shoelace(ring: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as readonly [number, number];
    const b = ring[i + 1] as readonly [number, number];
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

/**
 * Ring rules (环): at least four positions, closed (last = first). Crossings
 * and zero area are checked on the whole polygon.
 */
function checkRing(ring: readonly Position[], field: string, issues: FieldIssue[]): boolean {
  if (ring.length < 4) {
    issues.push({
      field,
      rule: 'geometry.tooFewPoints',
      message: `a ring needs at least four positions, got ${ring.length}`,
    });
    return false;
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (Number(first[0]) !== Number(last[0]) || Number(first[1]) !== Number(last[1])) {
    issues.push({ field, rule: 'geometry.unclosed', message: 'the ring does not end where it starts' });
    return false;
  }
  return true;
}

function numeric(rings: readonly Ring[]): number[][][] {
  return rings.map((r) => r.map(([x, y]) => [Number(x), Number(y)]));
}

function parsePolygon(v: unknown, crs: CrsCode, field: string, c: Collect): Ring[] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    c.issues.push({ field, rule: 'geometry.type', message: 'a polygon is a non-empty array of rings' });
    return undefined;
  }
  const before = c.issues.length;
  const rings: Ring[] = [];
  v.forEach((r, i) => {
    const ring = parseRing(r, crs, `${field}.${i}`, c);
    if (ring) rings.push(ring);
  });
  if (c.positions > GEOMETRY_LIMITS.maxPositions || c.issues.length > before) return undefined;
  const plain = numeric(rings);
  const crossings = findIntersections({ type: 'Polygon', coordinates: plain });
  if (crossings.length > 0) {
    const at = crossings[0] as [number, number];
    c.issues.push({
      field,
      rule: 'geometry.selfIntersection',
      message: `the polygon's rings cross at (${at[0]}, ${at[1]})`,
    });
    return undefined;
  }
  const flat = plain.findIndex((ring) => shoelace(ring as [number, number][]) === 0);
  if (flat >= 0) {
    c.issues.push({ field: `${field}.${flat}`, rule: 'geometry.zeroArea', message: 'the ring encloses no area' });
    return undefined;
  }
  return rings;
}

/**
 * Reads a GeoJSON Polygon or MultiPolygon in `crs`, collecting every broken
 * rule: positions are decimal numbers inside the CRS's range; each ring has
 * at least four positions, is closed and encloses some area; no ring crosses
 * itself or another (`geometry.selfIntersection`). Limits: `GEOMETRY_LIMITS`.
 */
export function safeParseAreaGeometry(input: unknown, crs: CrsCode, field = 'geometry'): Result<AreaGeometry> {
  const c: Collect = { issues: [], positions: 0 };
  const g = input as { type?: unknown; coordinates?: unknown } | null;
  const bad = (rule: FieldIssue['rule'], message: string): Result<AreaGeometry> => ({
    ok: false,
    issues: [{ field, rule, message }],
  });
  if (typeof g !== 'object' || g === null || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    return bad('geometry.type', 'a geometry is a GeoJSON Polygon or MultiPolygon');
  }
  let geometry: AreaGeometry | undefined;
  if (g.type === 'Polygon') {
    const rings = parsePolygon(g.coordinates, crs, `${field}.coordinates`, c);
    if (rings) geometry = { type: 'Polygon', coordinates: rings };
  } else {
    const polys = g.coordinates;
    if (!Array.isArray(polys) || polys.length === 0 || polys.length > GEOMETRY_LIMITS.maxPolygons) {
      return bad('geometry.type', `a MultiPolygon holds 1 to ${GEOMETRY_LIMITS.maxPolygons} polygons`);
    }
    const out: Ring[][] = [];
    polys.forEach((p, i) => {
      const rings = parsePolygon(p, crs, `${field}.coordinates.${i}`, c);
      if (rings) out.push(rings);
    });
    if (out.length === polys.length) geometry = { type: 'MultiPolygon', coordinates: out };
  }
  if (c.positions > GEOMETRY_LIMITS.maxPositions) {
    return bad('geometry.limit', `more than ${GEOMETRY_LIMITS.maxPositions} positions`);
  }
  if (c.issues.length > 0 || !geometry) return { ok: false, issues: c.issues };
  return { ok: true, value: geometry };
}

/** Reads a GeoJSON Point in `crs` (a firm's location). */
export function safeParsePoint(input: unknown, crs: CrsCode, field = 'location'): Result<PointGeometry> {
  const g = input as { type?: unknown; coordinates?: unknown } | null;
  if (typeof g !== 'object' || g === null || g.type !== 'Point') {
    return { ok: false, issues: [{ field, rule: 'geometry.pointType', message: 'a location is a GeoJSON Point' }] };
  }
  const c: Collect = { issues: [], positions: 1 };
  const pos = parsePosition(g.coordinates, crs, `${field}.coordinates`, c);
  return pos ? { ok: true, value: { type: 'Point', coordinates: pos } } : { ok: false, issues: c.issues };
}

/** The polygons of a geometry, each as rings. */
export function polygonsOf(g: AreaGeometry): readonly (readonly Ring[])[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** A numeric position in CGCS2000 longitude/latitude degrees (a measurement, not a record). */
export type LonLat = readonly [number, number];

/** The polygons of a shape in CGCS2000 longitude/latitude (projected input converted by its transverse Mercator). */
export function lonLatPolygons(shape: Shape): LonLat[][][] {
  return polygonsOf(shape.geometry).map((rings) =>
    rings.map((ring) => ring.map(([x, y]) => toLonLat(shape.crs, Number(x), Number(y)))),
  );
}

/** A point shape in CGCS2000 longitude/latitude. */
export function lonLatPoint(shape: Shape<PointGeometry>): LonLat {
  const [x, y] = shape.geometry.coordinates;
  return toLonLat(shape.crs, Number(x), Number(y));
}

/** Decimals of longitude/latitude on maps: 8, about 1 mm. */
export const MAP_PLACES = 8;

/**
 * The shape in CGCS2000 longitude/latitude with coordinates as decimal
 * strings at `places` decimals (default 8, about 1 mm), for layers and maps.
 * Geographic input is returned as received.
 */
export function toMapShape(shape: Shape, places = MAP_PLACES): Shape {
  if (CRS[shape.crs].kind === 'geographic') return { crs: 'EPSG:4490', geometry: shape.geometry };
  const polys = lonLatPolygons(shape).map((rings) =>
    rings.map((ring) => ring.map(([lon, lat]) => [lon.toFixed(places), lat.toFixed(places)] as const)),
  );
  const geometry: AreaGeometry =
    polys.length === 1 && shape.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: polys[0] as Ring[] }
      : { type: 'MultiPolygon', coordinates: polys };
  return { crs: 'EPSG:4490', geometry };
}
