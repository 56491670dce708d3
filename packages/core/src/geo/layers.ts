import type { ClassCounts } from '../evaluation/summary';
import { CRS, toLonLat } from './crs';
import type { AreaGeometry, PointGeometry, Shape } from './geometry';
import { MAP_PLACES, toMapShape } from './geometry';

/**
 * Map layers (图层) as GeoJSON feature collections in CGCS2000 longitude /
 * latitude (coordinates as decimal strings). Properties are split into what
 * anyone may read and what is confidential (a firm's figures): the caller
 * says, per town, whether the reader may see confidential properties
 * (`mayReadTown`), and a layer for a reader who may not carries none of them
 * — not even as null. A firm's class comes from a run the caller chose
 * (`mapClasses`): the classes of a run in 公示 or final are public, a draft's
 * are the city admin's, so the choice of run is the caller's visibility rule.
 */
export interface Feature<G extends AreaGeometry | PointGeometry, P> {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: G;
  readonly properties: P;
}

export interface FeatureCollection<G extends AreaGeometry | PointGeometry, P> {
  readonly type: 'FeatureCollection';
  readonly features: readonly Feature<G, P>[];
}

/** Town figures shown on the town layer: aggregates, public unless the town has fewer firms than `minGroup`. */
export interface TownFigures {
  /** Firms with data in the town. */
  readonly firms: number;
  /** 亩均税收 (万元/亩) as a ratio of sums, as text at the reporting places. */
  readonly taxPerMu?: string;
  /** 腾退签约 area (亩) in the town, as text. */
  readonly signedMu?: string;
}

export interface TownProperties extends Partial<TownFigures> {
  readonly code: string;
  readonly name: string;
  /**
   * Class counts in force of the run shown (A/B/C/D/T, `none`: evaluated
   * without a class), left off for a town with fewer classed firms than
   * `MIN_PUBLIC_GROUP` for readers outside it (the small-group rule).
   */
  readonly classes?: ClassCounts;
}

export interface ParcelProperties {
  readonly id: string;
  readonly townCode: string;
  readonly category: string;
  /** The furthest 腾退 stage reached, if any (签约 / 拆除 / 复垦立项 / 验收 / 复耕 / 再利用). */
  readonly stage?: string;
  /** The 标准地 grant of the parcel (its newest), if any. */
  readonly grantId?: string;
  /** 标准地 grant status: the grant's phase (`grantPhase`: listed, granted, underConstruction, completed, inProduction). */
  readonly grantStatus?: string;
  /** 图斑面积 (m², 0.01). */
  readonly measuredSquareMetres?: string;
}

export interface FirmProperties {
  readonly uscc: string;
  readonly name: string;
  readonly townCode: string;
  /** A/B/C/D/T in force in the run shown (public: the caller passes only a run the reader may see). */
  readonly class?: string;
  /** Confidential: 亩均税收 (万元/亩), present only for a reader of the firm's town. */
  readonly taxPerMu?: string;
}

/** Fewer firms than this in a town, and its figures are left off for readers outside it (tiny groups). */
export const MIN_PUBLIC_GROUP = 3;

function areaFeature<P>(id: string, shape: Shape, properties: P): Feature<AreaGeometry, P> {
  return { type: 'Feature', id, geometry: toMapShape(shape).geometry, properties };
}

/**
 * The towns layer: each town's shape with its figures and class counts, each
 * left off for a tiny group (fewer than `MIN_PUBLIC_GROUP` firms) the reader
 * may not see.
 */
export function townLayer(
  towns: readonly { readonly code: string; readonly name: string; readonly shape: Shape }[],
  figures: ReadonlyMap<string, TownFigures>,
  mayReadTown: (townCode: string) => boolean,
  classes: Readonly<Record<string, ClassCounts>> = {},
): FeatureCollection<AreaGeometry, TownProperties> {
  return {
    type: 'FeatureCollection',
    features: towns.map((t) => {
      const f = figures.get(t.code);
      const show = f !== undefined && (f.firms >= MIN_PUBLIC_GROUP || mayReadTown(t.code));
      const c = classes[t.code];
      const classed = c === undefined ? 0 : c.A + c.B + c.C + c.D + c.T;
      const showClasses = c !== undefined && (classed >= MIN_PUBLIC_GROUP || mayReadTown(t.code));
      return areaFeature(t.code, t.shape, {
        code: t.code,
        name: t.name,
        ...(show ? f : {}),
        ...(showClasses ? { classes: { ...c } } : {}),
      });
    }),
  };
}

/** The parcels layer: shape, category, 腾退 stage and grant status (none of them a firm's figure). */
export function parcelLayer(
  parcels: readonly { readonly properties: ParcelProperties; readonly shape: Shape }[],
): FeatureCollection<AreaGeometry, ParcelProperties> {
  return {
    type: 'FeatureCollection',
    features: parcels.map((p) => areaFeature(p.properties.id, p.shape, p.properties)),
  };
}

/** The firms layer: points with their class (of the run shown); 亩均税收 only where the reader may read the firm's town. */
export function firmLayer(
  firms: readonly { readonly properties: FirmProperties; readonly location: Shape<PointGeometry> }[],
  mayReadTown: (townCode: string) => boolean,
): FeatureCollection<PointGeometry, FirmProperties> {
  return {
    type: 'FeatureCollection',
    features: firms.map(({ properties: p, location }) => {
      const { taxPerMu, ...open } = p;
      const properties: FirmProperties =
        mayReadTown(p.townCode) && taxPerMu !== undefined ? { ...open, taxPerMu } : open;
      return { type: 'Feature', id: p.uscc, geometry: pointInMapCrs(location), properties };
    }),
  };
}

function pointInMapCrs(location: Shape<PointGeometry>): PointGeometry {
  if (CRS[location.crs].kind === 'geographic') return location.geometry;
  const [x, y] = location.geometry.coordinates;
  const [lon, lat] = toLonLat(location.crs, Number(x), Number(y));
  return { type: 'Point', coordinates: [lon.toFixed(MAP_PLACES), lat.toFixed(MAP_PLACES)] };
}
