import type { EnterpriseInput, LandParcelInput, ParkInput, RegionInput } from '@mujun/core';
import { ANNUAL_QUANTITY_FIELD_NAMES, ANNUAL_QUANTITY_FIELDS } from '@mujun/core/model';

/*
 * Rows <-> the core's input form (decimal strings in each field's default
 * unit). The core validates every record on the way in and out, so this
 * module only moves fields between names.
 */

/** Annual-data fields and their NUMERIC columns (unit in the column name), from core's one field table. */
export const ANNUAL_COLUMNS = ANNUAL_QUANTITY_FIELD_NAMES.map((f) => [f, ANNUAL_QUANTITY_FIELDS[f].column] as const);

export type Row = Record<string, unknown>;

/** Drops null columns so optional fields stay absent. */
function present(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

export function regionFromRows(region: Row, towns: Row[]): RegionInput {
  return present({
    code: region.code,
    name: region.name,
    validFrom: region.valid_from,
    validTo: region.valid_to,
    towns: towns.map((t) => ({ code: t.code, name: t.name, fullName: t.full_name, kind: t.kind })),
  }) as unknown as RegionInput;
}

export function parkFromRows(park: Row, phases: Row[]): ParkInput {
  return present({
    id: park.id,
    name: park.name,
    townCode: park.town_code,
    kind: park.kind,
    phases: phases.map((p) =>
      present({ phase: p.phase, floorArea: p.floor_area_m2, plannedCompletion: p.planned_completion }),
    ),
    entryCriteria: park.entry_criteria,
  }) as unknown as ParkInput;
}

export function parcelFromRow(p: Row): LandParcelInput {
  return present({
    id: p.id,
    townCode: p.town_code,
    area: p.area_mu,
    category: p.category,
    parkId: p.park_id,
    holderUscc: p.holder_uscc,
    suppliedOn: p.supplied_on,
  }) as unknown as LandParcelInput;
}

export function enterpriseFromRow(e: Row, parcelIds: string[]): EnterpriseInput {
  return present({
    uscc: e.uscc,
    name: e.name,
    townCode: e.town_code,
    industry: e.industry,
    registeredOn: e.registered_on,
    parkId: e.park_id,
    parcelIds,
    flags: e.flags,
    fourWithout: e.four_without,
  }) as unknown as EnterpriseInput;
}

export function annualFromRow(d: Row): Record<string, unknown> {
  const out: Record<string, unknown> = { uscc: d.uscc, year: Number(d.year), scale: d.scale };
  for (const [field, column] of ANNUAL_COLUMNS) {
    if (d[column] !== null && d[column] !== undefined) out[field] = d[column];
  }
  return out;
}

export function annualToParams(d: Record<string, unknown>): unknown[] {
  return [d.uscc, d.year, d.scale, ...ANNUAL_COLUMNS.map(([field]) => d[field] ?? null)];
}
