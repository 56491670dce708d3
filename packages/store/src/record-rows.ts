import type { Enterprise, EnterpriseAnnualData, LandParcel, Park } from '@mujun/core';
import { annualDataToInput, enterpriseToInput, parcelToInput, parkToInput } from '@mujun/core/model';
import { ANNUAL_COLUMNS, annualToParams } from './rows';

/** Registry records of one region, as the core holds them. */
export interface RegistryRecords {
  readonly parks: readonly Park[];
  readonly parcels: readonly LandParcel[];
  readonly enterprises: readonly Enterprise[];
  readonly annualData: readonly EnterpriseAnnualData[];
}

/** The rows of one table: its columns and a row (array of column values) per record. */
export interface TableRows {
  readonly table: string;
  readonly columns: readonly string[];
  /** How many leading `columns` are the key (an upsert's ON CONFLICT target). */
  readonly key: number;
  /**
   * For a table of a record's parts (a park's phases, an enterprise's parcel
   * links): the rows replace every earlier row whose `column` is one of `keys`.
   */
  readonly replaces?: { readonly column: string; readonly keys: readonly string[] };
  readonly rows: readonly (readonly unknown[])[];
}

/**
 * The table rows of registry records, in the order they must be written (a
 * park before its phases, an enterprise before its parcel links and annual
 * data): what `writeRecords` writes, and what the store bench COPYs raw as
 * its baseline.
 */
export function registryRows(regionCode: string, records: RegistryRecords): TableRows[] {
  const parks = records.parks.map(parkToInput);
  const enterprises = records.enterprises.map(enterpriseToInput);
  return [
    {
      table: 'park',
      columns: ['id', 'region_code', 'name', 'town_code', 'kind', 'entry_criteria'],
      key: 1,
      rows: parks.map((p) => [
        p.id,
        regionCode,
        p.name,
        p.townCode,
        p.kind,
        p.entryCriteria ? JSON.stringify(p.entryCriteria) : null,
      ]),
    },
    {
      table: 'park_phase',
      columns: ['park_id', 'phase', 'floor_area_m2', 'planned_completion'],
      key: 2,
      replaces: { column: 'park_id', keys: parks.map((p) => p.id) },
      rows: parks.flatMap((p) =>
        (p.phases ?? []).map((ph) => [p.id, ph.phase, ph.floorArea, ph.plannedCompletion ?? null]),
      ),
    },
    {
      table: 'parcel',
      columns: ['id', 'region_code', 'town_code', 'area_mu', 'category', 'park_id', 'holder_uscc', 'supplied_on'],
      key: 1,
      rows: records.parcels
        .map(parcelToInput)
        .map((p) => [
          p.id,
          regionCode,
          p.townCode,
          p.area,
          p.category,
          p.parkId ?? null,
          p.holderUscc ?? null,
          p.suppliedOn ?? null,
        ]),
    },
    {
      table: 'enterprise',
      columns: [
        'uscc',
        'region_code',
        'name',
        'town_code',
        'industry',
        'registered_on',
        'park_id',
        'flags',
        'four_without',
      ],
      key: 1,
      rows: enterprises.map((e) => [
        e.uscc,
        regionCode,
        e.name,
        e.townCode,
        e.industry,
        e.registeredOn,
        e.parkId ?? null,
        e.flags ?? [],
        e.fourWithout ?? [],
      ]),
    },
    {
      table: 'enterprise_parcel',
      columns: ['uscc', 'parcel_id', 'position'],
      key: 2,
      replaces: { column: 'uscc', keys: enterprises.map((e) => e.uscc) },
      rows: enterprises.flatMap((e) => (e.parcelIds ?? []).map((p, i) => [e.uscc, p, i])),
    },
    {
      table: 'annual_data',
      columns: ANNUAL_DATA_COLUMNS,
      key: 2,
      rows: [...annualDataRows(records.annualData)],
    },
  ];
}

/** The columns of `annual_data`, key (uscc, year) first. */
export const ANNUAL_DATA_COLUMNS: readonly string[] = ['uscc', 'year', 'scale', ...ANNUAL_COLUMNS.map(([, c]) => c)];

/**
 * The `annual_data` rows of annual records, made one by one as they are
 * taken: a COPY of 100k new rows never holds them all as arrays at once.
 */
export function* annualDataRows(records: Iterable<EnterpriseAnnualData>): Generator<unknown[]> {
  for (const d of records) yield annualToParams(annualDataToInput(d) as Record<string, unknown>);
}
