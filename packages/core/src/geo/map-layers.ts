import { VACATING_STAGE_STEP, type VacatingStage } from '../campaign/events';
import type { CampaignLedger } from '../campaign/ledger';
import { grantPhase, type LandGrant } from '../grants/model';
import { annualDataKey, type Registry } from '../model/registry';
import { type Area, type Money, per } from '../quantity';
import type { AreaGeometry, PointGeometry } from './geometry';
import {
  type FeatureCollection,
  type FirmProperties,
  firmLayer,
  type ParcelProperties,
  parcelLayer,
  type TownFigures,
  type TownProperties,
  townLayer,
} from './layers';
import type { FirmLocation, GeometryRecord } from './record';
import type { MapClasses } from './run-classes';

/** Figures on layers: 万元/亩 at 2 decimals, half-up (四舍五入), rounded once here. */
const FIGURE_ROUNDING = { places: 2, rounding: 'halfUp' } as const;

/** The furthest 腾退 stage each parcel reached in the ledger (one pass over its events). */
export function furthestStages(ledger: CampaignLedger | undefined): Map<string, VacatingStage> {
  const out = new Map<string, VacatingStage>();
  for (const { event } of ledger?.events() ?? []) {
    if (event.type !== 'vacatingStage') continue;
    const was = out.get(event.parcelId);
    if (was === undefined || VACATING_STAGE_STEP[event.stage] >= VACATING_STAGE_STEP[was]) {
      out.set(event.parcelId, event.stage);
    }
  }
  return out;
}

/**
 * The 标准地 grant shown on each parcel: of the grants naming a parcel, the
 * newest (by 成交 date, else listing date, then id) — a parcel vacated and
 * granted again shows its new grant.
 */
export function parcelGrants(grants: readonly LandGrant[] | undefined): Map<string, LandGrant> {
  const key = (g: LandGrant) => g.grantedOn ?? g.listedOn ?? '';
  const out = new Map<string, LandGrant>();
  for (const g of grants ?? []) {
    if (g.parcelId === undefined) continue;
    const was = out.get(g.parcelId);
    if (was === undefined || key(g) > key(was) || (key(g) === key(was) && g.id > was.id)) out.set(g.parcelId, g);
  }
  return out;
}

/**
 * Per-town figures of a year: the firms with both 税收 and 用地面积, and
 * 亩均税收 as Σ税收 / Σ用地 over them (a ratio of sums).
 */
export function townFigures(registry: Registry, year: number): Map<string, TownFigures> {
  const acc = new Map<string, { firms: number; tax: Money; land: Area }>();
  for (const d of registry.annualData.values()) {
    if (d.year !== year || !d.tax || !d.landArea) continue;
    const e = registry.enterprises.get(d.uscc);
    if (!e) continue;
    const a = acc.get(e.townCode);
    if (a) {
      a.firms += 1;
      a.tax = a.tax.plus(d.tax);
      a.land = a.land.plus(d.landArea);
    } else acc.set(e.townCode, { firms: 1, tax: d.tax, land: d.landArea });
  }
  const out = new Map<string, TownFigures>();
  for (const [town, a] of acc) {
    out.set(town, {
      firms: a.firms,
      ...(a.land.isPositive() ? { taxPerMu: per(a.tax, a.land).toFixed(FIGURE_ROUNDING) } : {}),
    });
  }
  return out;
}

/** What the three layers are made of. */
export interface MapLayerSources {
  readonly registry: Registry;
  readonly ledger?: CampaignLedger | undefined;
  readonly shapes: readonly GeometryRecord[];
  readonly locations: readonly FirmLocation[];
  /** The year of the figures shown; none: layers without figures. */
  readonly year?: number;
  /** The classes of the run shown (`mapClasses`), a run the reader may see; none: no classes. */
  readonly classes?: MapClasses | undefined;
  /** The region's 标准地 grants: each parcel shows its grant's status. */
  readonly grants?: readonly LandGrant[] | undefined;
  /** Whether the reader may see confidential figures of this town (its operators, the city admin). */
  readonly mayReadTown: (townCode: string) => boolean;
}

export interface MapLayers {
  readonly towns: FeatureCollection<AreaGeometry, TownProperties>;
  readonly parcels: FeatureCollection<AreaGeometry, ParcelProperties>;
  readonly firms: FeatureCollection<PointGeometry, FirmProperties>;
}

/**
 * The map layers of a region (一张图): towns with their figures and class
 * counts, parcels with category, furthest 腾退 stage, 标准地 grant status and
 * measured area, firm points with their class (of the run in `classes`) and
 * 亩均税收 — confidential properties only where `mayReadTown` says so.
 */
export function mapLayers(src: MapLayerSources): MapLayers {
  const { registry, year } = src;
  const names = new Map<string, string>(registry.region.towns.map((t) => [t.code, t.fullName]));
  const stages = furthestStages(src.ledger);
  const grants = parcelGrants(src.grants);
  const classOf = src.classes?.byFirm;
  const towns = townLayer(
    src.shapes
      .filter((s) => s.subject === 'town')
      .map((s) => ({ code: s.id, name: names.get(s.id) ?? s.id, shape: s.shape })),
    year === undefined ? new Map() : townFigures(registry, year),
    src.mayReadTown,
    src.classes?.byTown,
  );
  const parcels = parcelLayer(
    src.shapes
      .filter((s) => s.subject === 'parcel')
      .flatMap((s) => {
        const p = registry.parcels.get(s.id);
        if (!p) return [];
        const stage = stages.get(s.id);
        const grant = grants.get(s.id);
        const properties: ParcelProperties = {
          id: p.id,
          townCode: p.townCode,
          category: p.category,
          ...(stage ? { stage } : {}),
          ...(grant ? { grantId: grant.id, grantStatus: grantPhase(grant) } : {}),
          ...(s.measuredArea ? { measuredSquareMetres: s.measuredArea.toDecimal('squareMetre').toFixed(2) } : {}),
        };
        return [{ properties, shape: s.shape }];
      }),
  );
  const firms = firmLayer(
    src.locations.flatMap((l) => {
      const e = registry.enterprises.get(l.uscc);
      if (!e) return [];
      const d = year === undefined ? undefined : registry.annualData.get(annualDataKey(e.uscc, year));
      const taxPerMu = d?.tax && d.landArea?.isPositive() ? per(d.tax, d.landArea).toFixed(FIGURE_ROUNDING) : undefined;
      const cls = classOf?.get(e.uscc);
      return [
        {
          properties: {
            uscc: e.uscc,
            name: e.name,
            townCode: e.townCode,
            ...(cls ? { class: cls } : {}),
            ...(taxPerMu ? { taxPerMu } : {}),
          },
          location: l.location,
        },
      ];
    }),
    src.mayReadTown,
  );
  return { towns, parcels, firms };
}
