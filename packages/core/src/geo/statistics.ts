import type { VacatingStage } from '../campaign/events';
import { VACATING_STAGE_STEP } from '../campaign/events';
import { Area, Money, per, type Rate } from '../quantity';
import { type LonLat, lonLatPoint, lonLatPolygons, type PointGeometry, type Shape } from './geometry';
import { centroid, covers } from './point-in-polygon';

/** A firm on the map: its location and the figures a drawn area sums. */
export interface MapFirm {
  readonly uscc: string;
  readonly location: Shape<PointGeometry>;
  /** A/B/C/D/T of the run shown, if any. */
  readonly class?: string;
  /** 税收 of the year shown. */
  readonly tax?: Money;
  /** 用地面积 of the year shown. */
  readonly landArea?: Area;
}

/** A parcel on the map with its campaign stage areas (腾退), cumulative, from the ledger. */
export interface MapParcel {
  readonly id: string;
  readonly shape: Shape;
  readonly stages?: Readonly<Partial<Record<VacatingStage, Area>>>;
}

/** Something named with a shape: a town (镇街), a parcel, a park. */
export interface NamedShape {
  readonly id: string;
  readonly shape: Shape;
}

/** The ids of the shapes that cover a CGCS2000 point (which town, which parcel it lies in). */
export function shapesAt(shapes: readonly NamedShape[], point: LonLat): string[] {
  return shapes.filter((s) => covers(lonLatPolygons(s.shape), point)).map((s) => s.id);
}

/** Statistics of a drawn area (自定义区域统计). */
export interface DrawnAreaStatistics {
  /** Firms whose location the area covers, by USCC (sorted). */
  readonly firms: readonly string[];
  /** Count of those firms by class (firms without one under `none`). */
  readonly byClass: Readonly<Record<string, number>>;
  /** Σ 税收 of the firms that have both tax and land. */
  readonly tax: Money;
  /** Σ 用地面积 of those firms. */
  readonly landArea: Area;
  /** 亩均税收 as a ratio of sums, undefined when no land. */
  readonly taxPerMu: Rate<'money', 'area'> | undefined;
  /** Parcels whose centroid the area covers (sorted). */
  readonly parcels: readonly string[];
  /** Σ cumulative area per 腾退 stage over those parcels. */
  readonly vacating: Readonly<Record<VacatingStage, Area>>;
}

const STAGES = Object.keys(VACATING_STAGE_STEP) as VacatingStage[];

/**
 * What a drawn area takes in (圈选): the firms whose location it covers and
 * the parcels whose centroid it covers, each sorted. The spatial half of
 * `drawnAreaStatistics`; a store with a spatial index (PostGIS) answers the
 * same question itself and hands its answer to `drawnAreaStatistics`.
 */
export interface DrawnAreaMembers {
  readonly firms: readonly string[];
  readonly parcels: readonly string[];
}

/**
 * The firms and parcels a drawn polygon takes in, computed here: a firm when
 * the area covers its location (a point on the edge is inside), a parcel when
 * the area covers its centroid. Linear in firms × drawn vertices plus
 * parcels × (drawn + parcel) vertices.
 */
export function drawnAreaMembers(
  drawn: Shape,
  data: { readonly firms: readonly Pick<MapFirm, 'uscc' | 'location'>[]; readonly parcels: readonly NamedShape[] },
): DrawnAreaMembers {
  const area = lonLatPolygons(drawn);
  const firms = data.firms.filter((f) => covers(area, lonLatPoint(f.location))).map((f) => f.uscc);
  const parcels = data.parcels.filter((p) => covers(area, centroid(lonLatPolygons(p.shape)))).map((p) => p.id);
  return { firms: firms.sort(), parcels: parcels.sort() };
}

/**
 * Statistics of a drawn polygon: the firms it covers (count, classes, 亩均税收
 * as Σ税收 / Σ用地 — a ratio of sums, not a mean of ratios) and the parcels
 * whose centroid it covers, with their 腾退 figures per stage. `members` is
 * the store's answer to which firms and parcels the area takes in (PostGIS);
 * without it the library computes `drawnAreaMembers`. Either way the sums are
 * done here, so both engines give one answer.
 */
export function drawnAreaStatistics(
  drawn: Shape,
  data: { readonly firms: readonly MapFirm[]; readonly parcels: readonly MapParcel[] },
  members: DrawnAreaMembers = drawnAreaMembers(drawn, data),
): DrawnAreaStatistics {
  const firmsIn = new Set(members.firms);
  const parcelsIn = new Set(members.parcels);
  const firms: string[] = [];
  const byClass: Record<string, number> = {};
  let tax = Money.wanYuan('0');
  let land = Area.mu('0');
  for (const f of data.firms) {
    if (!firmsIn.has(f.uscc)) continue;
    firms.push(f.uscc);
    const cls = f.class ?? 'none';
    byClass[cls] = (byClass[cls] ?? 0) + 1;
    if (f.tax !== undefined && f.landArea !== undefined) {
      tax = tax.plus(f.tax);
      land = land.plus(f.landArea);
    }
  }
  const parcels: string[] = [];
  const vacating = Object.fromEntries(STAGES.map((s) => [s, Area.mu('0')])) as Record<VacatingStage, Area>;
  for (const p of data.parcels) {
    if (!parcelsIn.has(p.id)) continue;
    parcels.push(p.id);
    for (const s of STAGES) {
      const a = p.stages?.[s];
      if (a) vacating[s] = vacating[s].plus(a);
    }
  }
  firms.sort();
  parcels.sort();
  return {
    firms,
    byClass,
    tax,
    landArea: land,
    taxPerMu: land.isPositive() ? per(tax, land) : undefined,
    parcels,
    vacating,
  };
}
