import type { VacatingStage } from '../campaign/events';
import type { CampaignLedger } from '../campaign/ledger';
import { annualDataKey, type Registry } from '../model/registry';
import type { Area } from '../quantity';
import type { FirmLocation, GeometryRecord } from './record';
import type { MapClasses } from './run-classes';
import type { MapFirm, MapParcel } from './statistics';

/**
 * What `drawnAreaStatistics` sums, from a region's registry, ledger and
 * stored shapes: each located firm with its 税收 and 用地面积 of `year` and its
 * class in force in the run of `classes` (a run the reader may see; none:
 * every firm under `none`), each shaped parcel with its 腾退 area per stage (the areas of its
 * `vacatingStage` events added per stage, one pass over the ledger).
 */
export function drawnAreaSources(src: {
  readonly registry: Registry;
  readonly ledger?: CampaignLedger | undefined;
  readonly shapes: readonly GeometryRecord[];
  readonly locations: readonly FirmLocation[];
  readonly year: number;
  readonly classes?: MapClasses | undefined;
}): { firms: MapFirm[]; parcels: MapParcel[] } {
  const { registry, year } = src;
  const stageAreas = new Map<string, Partial<Record<VacatingStage, Area>>>();
  for (const { event } of src.ledger?.events() ?? []) {
    if (event.type !== 'vacatingStage') continue;
    const of = stageAreas.get(event.parcelId) ?? {};
    const was = of[event.stage];
    of[event.stage] = was ? was.plus(event.area) : event.area;
    stageAreas.set(event.parcelId, of);
  }
  const firms = src.locations.flatMap((l): MapFirm[] => {
    if (!registry.enterprises.has(l.uscc)) return [];
    const d = registry.annualData.get(annualDataKey(l.uscc, year));
    const cls = src.classes?.byFirm.get(l.uscc);
    return [
      {
        uscc: l.uscc,
        location: l.location,
        ...(cls ? { class: cls } : {}),
        ...(d?.tax ? { tax: d.tax } : {}),
        ...(d?.landArea ? { landArea: d.landArea } : {}),
      },
    ];
  });
  const parcels = src.shapes
    .filter((s) => s.subject === 'parcel' && registry.parcels.has(s.id))
    .map((s): MapParcel => {
      const stages = stageAreas.get(s.id);
      return { id: s.id, shape: s.shape, ...(stages ? { stages } : {}) };
    });
  return { firms, parcels };
}
