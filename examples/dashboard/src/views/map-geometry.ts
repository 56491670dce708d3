/**
 * Drawing the map layers (一张图) without tiles or a projection library.
 *
 * The layers arrive as GeoJSON in CGCS2000 longitude/latitude with
 * coordinates as decimal strings. A county spans half a degree, so a local
 * equirectangular projection — longitude scaled by cos φ₀ at the map's mid
 * latitude — draws it with a scale error under 0.5 % across the map, far
 * below a pixel at dashboard sizes, and inverts in closed form for the draw
 * mode. A spherical library (d3-geo) would add a dependency and read rings by
 * its own winding convention, for no visible gain at this scale.
 *
 * Coordinates become numbers here and only here, for SVG positions; every
 * figure shown stays the API's string.
 */

import { geometry } from '../format';

export type Position = readonly [string, string];
export type AreaGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };
export interface PointGeometry {
  readonly type: 'Point';
  readonly coordinates: Position;
}
export interface Feature<G, P> {
  readonly id: string;
  readonly geometry: G;
  readonly properties: P;
}
export interface FeatureCollection<G, P> {
  readonly type: 'FeatureCollection';
  readonly features: readonly Feature<G, P>[];
}

/** Town properties of the towns layer (core's `TownProperties`): figures only where the reader may see them. */
export interface TownProps {
  readonly code: string;
  readonly name: string;
  readonly firms?: number;
  readonly taxPerMu?: string;
  readonly signedMu?: string;
  /** Class counts in force of the run shown; left off for outsiders of a town with fewer than 3 classed firms. */
  readonly classes?: {
    readonly A: number;
    readonly B: number;
    readonly C: number;
    readonly D: number;
    readonly T: number;
    readonly none: number;
  };
}
/** Parcel properties (core's `ParcelProperties`). */
export interface ParcelProps {
  readonly id: string;
  readonly townCode: string;
  readonly category: string;
  readonly stage?: string;
  readonly grantId?: string;
  readonly grantStatus?: string;
  readonly measuredSquareMetres?: string;
}
/** Firm point properties (core's `FirmProperties`): the class of the run shown (public); 亩均税收 only for readers of the firm's town. */
export interface FirmProps {
  readonly uscc: string;
  readonly name: string;
  readonly townCode: string;
  readonly class?: string;
  readonly taxPerMu?: string;
}

/**
 * The `GeoJSON` scalar is typed `unknown` (codegen): checks it is a feature
 * collection before the view reads it.
 * @throws Error naming the layer when it is not
 */
export function featureCollection<G, P>(value: unknown, layer: string): FeatureCollection<G, P> {
  const v = value as { type?: unknown; features?: unknown } | null;
  if (v?.type !== 'FeatureCollection' || !Array.isArray(v.features)) {
    throw new Error(`图层 ${layer} 不是 GeoJSON FeatureCollection`);
  }
  return v as FeatureCollection<G, P>;
}

export function polygonsOf(g: AreaGeometry): readonly (readonly (readonly Position[])[])[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export interface Projection {
  readonly width: number;
  readonly height: number;
  /** Longitude/latitude (degrees) to SVG user units. */
  project(lon: number, lat: number): readonly [number, number];
  /** SVG user units back to longitude/latitude (the draw mode). */
  invert(x: number, y: number): readonly [number, number];
}

/** A local equirectangular projection fitting `shapes` into `width` with `padding` around. */
export function fitProjection(shapes: readonly AreaGeometry[], width: number, padding: number): Projection {
  let west = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const g of shapes) {
    for (const rings of polygonsOf(g)) {
      for (const [x, y] of rings[0] ?? []) {
        const lon = geometry(x);
        const lat = geometry(y);
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  if (!Number.isFinite(west)) return { width, height: width / 2, project: () => [0, 0], invert: () => [0, 0] };
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const k = (width - 2 * padding) / Math.max((east - west) * cos, 1e-9);
  const height = (north - south) * k + 2 * padding;
  return {
    width,
    height,
    project: (lon, lat) => [padding + (lon - west) * cos * k, padding + (north - lat) * k],
    invert: (x, y) => [west + (x - padding) / (cos * k), north - (y - padding) / k],
  };
}

/** An SVG path of a polygon or multipolygon (holes drawn with the even-odd rule). */
export function areaPath(g: AreaGeometry, p: Projection): string {
  let d = '';
  for (const rings of polygonsOf(g)) {
    for (const ring of rings) {
      ring.forEach(([x, y], i) => {
        const [sx, sy] = p.project(geometry(x), geometry(y));
        d += `${i === 0 ? 'M' : 'L'}${sx.toFixed(1)},${sy.toFixed(1)}`;
      });
      d += 'Z';
    }
  }
  return d;
}

/** The point of a feature in SVG units. */
export function pointAt(g: PointGeometry, p: Projection): readonly [number, number] {
  return p.project(geometry(g.coordinates[0]), geometry(g.coordinates[1]));
}

/** One class of a choropleth legend: values up to `upper` (inclusive), above the previous class's. */
export interface ClassBreak {
  /** The previous class's upper value, undefined for the first class. */
  readonly lower: string | undefined;
  readonly upper: string;
  readonly colour: string;
}

/** Sequential blues, light to dark (ColorBrewer "Blues", 5 classes). */
export const SEQUENTIAL = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;

/**
 * Quantile class breaks (分位数分级) over the values shown: each class holds
 * about as many towns, and every break is a value some town has — the legend
 * shows the API's own strings, never a computed number. Values are ordered as
 * numbers (drawing only).
 */
export function quantileBreaks(values: readonly string[], colours: readonly string[] = SEQUENTIAL): ClassBreak[] {
  const sorted = [...new Set(values)].sort((a, b) => geometry(a) - geometry(b));
  if (sorted.length === 0) return [];
  const n = Math.min(colours.length, sorted.length);
  const out: ClassBreak[] = [];
  let lower: string | undefined;
  for (let i = 1; i <= n; i++) {
    const upper = sorted[Math.ceil((i * sorted.length) / n) - 1] as string;
    if (upper === lower) continue;
    out.push({
      lower,
      upper,
      colour: colours[Math.round(((i - 1) * (colours.length - 1)) / Math.max(n - 1, 1))] ?? '',
    });
    lower = upper;
  }
  return out;
}

/** The colour of `value` under `breaks` (the first class whose upper value it does not exceed). */
export function colourOf(value: string | undefined, breaks: readonly ClassBreak[], none: string): string {
  if (value === undefined) return none;
  const v = geometry(value);
  return breaks.find((b) => v <= geometry(b.upper))?.colour ?? breaks[breaks.length - 1]?.colour ?? none;
}

/**
 * `part / whole` as a percentage at one decimal, rounded half-up (四舍五入),
 * in integer arithmetic (exact for counts of firms): "42.9".
 */
export function percentHalfUp(part: number, whole: number): string | undefined {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || whole <= 0 || part < 0) return undefined;
  // round(1000 · part / whole) half-up = ⌊(2000 · part + whole) / (2 · whole)⌋
  const q = 2000 * part + whole;
  const d = 2 * whole;
  // The remainder is exact on safe integers, so the quotient is too.
  const tenths = (q - (q % d)) / d;
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
