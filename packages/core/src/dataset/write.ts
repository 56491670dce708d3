import { type CampaignEvent, eventToJson } from '../campaign/events';
import { ArithmeticError } from '../errors';
import { ANNUAL_CSV_FIELD_NAMES, ANNUAL_QUANTITY_FIELDS, type EnterpriseAnnualData } from '../model/annual-data';
import type { Registry } from '../model/registry';
import type { Quantity } from '../quantity/quantity';
import { type Kind, UNITS, type Unit } from '../quantity/units';
import {
  ANNUAL_DATA_FILE,
  ENTERPRISES_FILE,
  EVENTS_FILE,
  type FileSpec,
  LIST_SEPARATOR,
  PARCELS_FILE,
  PARK_PHASES_FILE,
  PARKS_FILE,
  TOWNS_FILE,
} from './columns';
import { writeCsv } from './csv';

type Row = Record<string, string | undefined>;

/**
 * A quantity as a cell: the exact decimal in the column's unit, or — when it
 * has no finite decimal there (2000/3 m² is 1亩) — `<decimal> <unit>` in the
 * first unit of its kind where it has one, so nothing is rounded.
 */
export function quantityCell<K extends Kind>(q: Quantity<K>, unit: Unit): string {
  const v = q.in(unit as never);
  if (v.isFiniteDecimal()) return v.toDecimal().toFixed();
  for (const u of Object.keys(UNITS) as Unit[]) {
    if (UNITS[u].kind !== q.kind) continue;
    const w = q.in(u as never);
    if (w.isFiniteDecimal()) return `${w.toDecimal().toFixed()} ${u}`;
  }
  // Every kind has a unit in which its base unit is a finite decimal (the base unit itself).
  throw new ArithmeticError(`${q.kind} has no unit with a finite decimal form`);
}

const list = (xs: readonly string[] | undefined) =>
  xs === undefined || xs.length === 0 ? undefined : xs.join(LIST_SEPARATOR);
const opt = <K extends Kind>(q: Quantity<K> | undefined, unit: Unit) =>
  q === undefined ? undefined : quantityCell(q, unit);
const num = (n: number | undefined) => (n === undefined ? undefined : String(n));

function annualRow(d: EnterpriseAnnualData): Row {
  const row: Row = { uscc: d.uscc, year: String(d.year), scale: d.scale };
  // The figures by ANNUAL_QUANTITY_FIELDS: header `csv`, in the field's default unit.
  for (const f of ANNUAL_CSV_FIELD_NAMES) {
    const spec = ANNUAL_QUANTITY_FIELDS[f];
    row[spec.csv] = opt(d[f] as Quantity<Kind> | undefined, spec.unit);
  }
  return row;
}

/** One event as a row: the columns of its type filled, lists joined with `|` (sorted, as in canonical JSON). */
function eventRow(event: CampaignEvent): Row {
  const json = eventToJson(event);
  const row: Row = {};
  for (const column of EVENTS_FILE.columns) {
    const v = json[column.field];
    if (v === undefined) continue;
    if (typeof v === 'string') row[column.name] = v;
    else if (typeof v === 'number') row[column.name] = String(v);
    else if (Array.isArray(v)) row[column.name] = list(v as readonly string[]);
    else {
      const a = v as { value: string; unit: string };
      row[column.name] = column.type === 'quantity' && a.unit === column.unit ? a.value : `${a.value} ${a.unit}`;
    }
  }
  return row;
}

/**
 * Records in the order of their keys (USCC, parcel id, park id, `uscc:year`),
 * so a registry gives the same files however it was assembled (from CSV, a
 * database, or code).
 */
function byKey<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** The events file an event is written to: `events-<year of its date>.csv`. */
export function eventsFileName(event: Pick<CampaignEvent, 'date'>): string {
  return `events-${event.date.slice(0, 4)}.csv`;
}

/**
 * A dataset as canonical CSV texts by file name (the files
 * `parseDatasetFiles` reads): every registry file (a header alone when it has
 * no rows), records in key order, and the events in the order given,
 * one `events-<year>.csv` per year. Reading the files back gives an equal
 * registry and equal events, and writing those again gives the same bytes.
 */
export function datasetToFiles(dataset: {
  readonly registry: Registry;
  readonly events?: readonly CampaignEvent[];
}): Record<string, string> {
  const { registry } = dataset;
  const r = registry.region;
  const files: Record<string, string> = {};
  const put = (spec: FileSpec, rows: readonly Row[]) => {
    files[spec.file] = writeCsv(spec, rows);
  };
  put(
    TOWNS_FILE,
    r.towns.map((t) => ({
      region_code: r.code,
      region_name: r.name,
      region_valid_from: num(r.validFrom),
      region_valid_to: num(r.validTo),
      town_code: t.code,
      town_name: t.name,
      town_full_name: t.fullName,
      town_kind: t.kind,
    })),
  );
  put(
    ENTERPRISES_FILE,
    byKey(registry.enterprises).map((e) => ({
      uscc: e.uscc,
      name: e.name,
      town_code: e.townCode,
      industry_code: e.industry.code,
      registered_on: e.registeredOn,
      park_id: e.parkId,
      parcel_ids: list(e.parcelIds),
      flags: list(e.flags),
      four_without: list(e.fourWithout),
    })),
  );
  put(
    PARCELS_FILE,
    byKey(registry.parcels).map((p) => ({
      id: p.id,
      town_code: p.townCode,
      area_mu: quantityCell(p.area, 'mu'),
      category: p.category,
      park_id: p.parkId,
      holder_uscc: p.holderUscc,
      supplied_on: p.suppliedOn,
    })),
  );
  const parks = byKey(registry.parks);
  put(
    PARKS_FILE,
    parks.map((p) => ({
      id: p.id,
      name: p.name,
      town_code: p.townCode,
      kind: p.kind,
      entry_min_tax_per_mu_wan_yuan: p.entryCriteria?.minTaxPerMu?.toDecimal().toFixed(),
      entry_industries: list(p.entryCriteria?.industries?.map((i) => i.code)),
      entry_notes: p.entryCriteria?.notes,
    })),
  );
  put(
    PARK_PHASES_FILE,
    parks.flatMap((p) =>
      p.phases.map((ph) => ({
        park_id: p.id,
        phase: String(ph.phase),
        floor_area_square_metre: quantityCell(ph.floorArea, 'squareMetre'),
        planned_completion: ph.plannedCompletion,
      })),
    ),
  );
  put(ANNUAL_DATA_FILE, byKey(registry.annualData).map(annualRow));

  const byFile = new Map<string, Row[]>();
  for (const event of dataset.events ?? []) {
    const name = eventsFileName(event);
    const rows = byFile.get(name) ?? [];
    if (rows.length === 0) byFile.set(name, rows);
    rows.push(eventRow(event));
  }
  for (const name of [...byFile.keys()].sort()) files[name] = writeCsv(EVENTS_FILE, byFile.get(name) ?? []);
  return files;
}
