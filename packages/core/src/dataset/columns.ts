import { ANNUAL_CSV_FIELD_NAMES, ANNUAL_QUANTITY_FIELDS } from '../model/annual-data';
import type { Kind, Unit } from '../quantity/units';

/*
 * The CSV files of a dataset (数据集) and their columns. One file per kind
 * of record, one row per record, headers in snake_case naming the unit of
 * every quantity (`area_mu`, `tax_wan_yuan`). Lists (flags, parcel ids) sit
 * in one cell separated by `|`. An empty cell is an absent value.
 */

/** How a cell is read. */
export type CellType =
  | { readonly type: 'text' }
  /** A whole number (year, phase, items); anything else is reported by the schema. */
  | { readonly type: 'integer' }
  /** Values separated by `|`. */
  | { readonly type: 'list' }
  /** A decimal in `unit`, or `<decimal> <unit key>` naming another unit of the same kind. */
  | { readonly type: 'quantity'; readonly kind: Kind; readonly unit: Unit };

export type Column = CellType & {
  /** Header name. */
  readonly name: string;
  /** Property of the record's input form (dotted for nested objects). */
  readonly field: string;
  /** The header must have this column. */
  readonly required?: boolean;
};

export interface FileSpec {
  readonly file: string;
  readonly columns: readonly Column[];
  /** Column reported when an issue concerns the whole record (a duplicate key, say). */
  readonly keyColumn: string;
}

const text = (name: string, field: string, required = false): Column => ({ name, field, type: 'text', required });
const integer = (name: string, field: string, required = false): Column => ({
  name,
  field,
  type: 'integer',
  required,
});
const list = (name: string, field: string): Column => ({ name, field, type: 'list' });
const quantity = (name: string, field: string, kind: Kind, unit: Unit, required = false): Column => ({
  name,
  field,
  type: 'quantity',
  kind,
  unit,
  required,
});

/** `towns.csv`: the region (repeated on every row) and one town per row. */
export const TOWNS_FILE: FileSpec = {
  file: 'towns.csv',
  keyColumn: 'town_code',
  columns: [
    text('region_code', 'region.code', true),
    text('region_name', 'region.name', true),
    integer('region_valid_from', 'region.validFrom'),
    integer('region_valid_to', 'region.validTo'),
    text('town_code', 'code', true),
    text('town_name', 'name', true),
    text('town_full_name', 'fullName', true),
    text('town_kind', 'kind', true),
  ],
};

/** `enterprises.csv`: 企业名录. */
export const ENTERPRISES_FILE: FileSpec = {
  file: 'enterprises.csv',
  keyColumn: 'uscc',
  columns: [
    text('uscc', 'uscc', true),
    text('name', 'name', true),
    text('town_code', 'townCode', true),
    text('industry_code', 'industry', true),
    text('registered_on', 'registeredOn', true),
    text('park_id', 'parkId'),
    list('parcel_ids', 'parcelIds'),
    list('flags', 'flags'),
    list('four_without', 'fourWithout'),
  ],
};

/** `parcels.csv`: 地块. */
export const PARCELS_FILE: FileSpec = {
  file: 'parcels.csv',
  keyColumn: 'id',
  columns: [
    text('id', 'id', true),
    text('town_code', 'townCode', true),
    quantity('area_mu', 'area', 'area', 'mu', true),
    text('category', 'category', true),
    text('park_id', 'parkId'),
    text('holder_uscc', 'holderUscc'),
    text('supplied_on', 'suppliedOn'),
  ],
};

/** `parks.csv`: 小微企业园 / 标准厂房 (phases in `park-phases.csv`). */
export const PARKS_FILE: FileSpec = {
  file: 'parks.csv',
  keyColumn: 'id',
  columns: [
    text('id', 'id', true),
    text('name', 'name', true),
    text('town_code', 'townCode', true),
    text('kind', 'kind', true),
    text('entry_min_tax_per_mu_wan_yuan', 'entryCriteria.minTaxPerMu'),
    list('entry_industries', 'entryCriteria.industries'),
    text('entry_notes', 'entryCriteria.notes'),
  ],
};

/** `park-phases.csv`: 一期, 二期, ... of each park with planned floor area. */
export const PARK_PHASES_FILE: FileSpec = {
  file: 'park-phases.csv',
  keyColumn: 'phase',
  columns: [
    text('park_id', 'parkId', true),
    integer('phase', 'phase', true),
    quantity('floor_area_square_metre', 'floorArea', 'area', 'squareMetre', true),
    text('planned_completion', 'plannedCompletion'),
  ],
};

/** `annual-data.csv`: 年度数据, one row per enterprise and year. */
export const ANNUAL_DATA_FILE: FileSpec = {
  file: 'annual-data.csv',
  keyColumn: 'uscc',
  columns: [
    text('uscc', 'uscc', true),
    integer('year', 'year', true),
    text('scale', 'scale', true),
    // One column per row of ANNUAL_QUANTITY_FIELDS, in its `csvPosition` order.
    ...ANNUAL_CSV_FIELD_NAMES.map((f) => {
      const row = ANNUAL_QUANTITY_FIELDS[f];
      return quantity(row.csv, f, row.kind, row.unit);
    }),
  ],
};

/** `events-<year>.csv`: 退散进集 campaign events, every type in one file. */
export const EVENTS_FILE: FileSpec = {
  file: 'events.csv',
  keyColumn: 'id',
  columns: [
    text('id', 'id', true),
    text('date', 'date', true),
    text('type', 'type', true),
    text('town_code', 'townCode', true),
    text('uscc', 'uscc'),
    text('workshop_name', 'workshopName'),
    text('enterprise_name', 'enterpriseName'),
    text('outcome', 'outcome'),
    text('method', 'method'),
    integer('items', 'items'),
    text('description', 'description'),
    text('parcel_id', 'parcelId'),
    text('stage', 'stage'),
    quantity('area_mu', 'area', 'area', 'mu'),
    list('usccs', 'usccs'),
    text('park_id', 'parkId'),
    integer('phase', 'phase'),
    quantity('floor_area_square_metre', 'floorArea', 'area', 'squareMetre'),
    list('flags', 'flags'),
    list('four_without', 'fourWithout'),
    text('note', 'note'),
  ],
};

/** The registry files, in the order they are written. */
export const REGISTRY_FILES: readonly FileSpec[] = [
  TOWNS_FILE,
  ENTERPRISES_FILE,
  PARCELS_FILE,
  PARKS_FILE,
  PARK_PHASES_FILE,
  ANNUAL_DATA_FILE,
];

/** `events.csv`, or `events-2018.csv` holding only events dated in 2018. */
export const EVENTS_FILE_PATTERN = /^events(?:-(\d{4}))?\.csv$/;

/** The separator of list cells. */
export const LIST_SEPARATOR = '|';

/** The column holding `field`, if any. */
export function columnOf(spec: FileSpec, field: string): Column | undefined {
  return spec.columns.find((c) => c.field === field);
}
