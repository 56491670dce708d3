import type { z } from 'zod';
import {
  type CampaignEvent,
  type CampaignEventType,
  campaignEventSchema,
  safeParseCampaignEvent,
} from '../campaign/events';
import { applyBatch, type CampaignLedger, emptyLedger } from '../campaign/ledger';
import { registryReferences } from '../campaign/references';
import { type FieldIssue, ValidationError } from '../errors';
import { isIsoDate } from '../model/date';
import { parseRegistry, type Registry } from '../model/registry';
import {
  ANNUAL_DATA_FILE,
  type Column,
  ENTERPRISES_FILE,
  EVENTS_FILE,
  EVENTS_FILE_PATTERN,
  type FileSpec,
  LIST_SEPARATOR,
  PARCELS_FILE,
  PARK_PHASES_FILE,
  PARKS_FILE,
  REGISTRY_FILES,
  TOWNS_FILE,
} from './columns';
import { type CsvRow, type DatasetIssue, readCsv } from './csv';

/** Options of `parseDatasetFiles`. */
export interface DatasetOptions {
  /** 年度: refuse events dated outside this year (rule `event.dateOutOfYear`). */
  readonly year?: number;
}

/** A loaded dataset: the validated registry, its events in file order and the ledger they make. */
export interface Dataset {
  readonly registry: Registry;
  readonly events: readonly CampaignEvent[];
  readonly ledger: CampaignLedger;
}

export type DatasetResult =
  | ({ readonly ok: true } & Dataset)
  | { readonly ok: false; readonly issues: readonly DatasetIssue[] };

/** Where a record came from. */
interface Source {
  readonly file: string;
  readonly line: number;
  readonly spec: FileSpec;
  readonly cells: Readonly<Record<string, string>>;
}

const QUANTITY_WITH_UNIT = /^(\S+)\s+([A-Za-z]+)$/;

function cellValue(column: Column, cell: string): unknown {
  switch (column.type) {
    case 'integer':
      // Not a whole number, or one a JS number cannot hold exactly (beyond 2^53):
      // pass the text on so the schema names the field and rule.
      return /^[+-]?\d+$/.test(cell) && Number.isSafeInteger(Number(cell)) ? Number(cell) : cell;
    case 'list':
      return cell.split(LIST_SEPARATOR).map((s) => s.trim());
    case 'quantity': {
      const m = QUANTITY_WITH_UNIT.exec(cell);
      return m ? { value: m[1], unit: m[2] } : cell;
    }
    default:
      return cell;
  }
}

/** A row's input object: each filled cell set at its column's (dotted) field. */
function rowInput(spec: FileSpec, cells: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of spec.columns) {
    const cell = cells[column.name];
    if (cell === undefined) continue;
    const path = column.field.split('.');
    let target = out;
    for (const key of path.slice(0, -1)) {
      const next = (target[key] ?? {}) as Record<string, unknown>;
      target[key] = next;
      target = next;
    }
    target[path[path.length - 1] as string] = cellValue(column, cell);
  }
  return out;
}

/** The column a domain field path (`parcelIds.3`, `entryCriteria.minTaxPerMu`) is read from. */
function columnFor(spec: FileSpec, path: readonly string[]): Column | undefined {
  for (let n = path.length; n > 0; n--) {
    const field = path.slice(0, n).join('.');
    const c = spec.columns.find((col) => col.field === field);
    if (c) return c;
  }
  return undefined;
}

function issueAt(source: Source, path: readonly string[], fi: Pick<FieldIssue, 'rule' | 'message'>): DatasetIssue {
  const column = columnFor(source.spec, path);
  const field = column?.name ?? source.spec.keyColumn;
  const value = source.cells[field];
  return {
    file: source.file,
    line: source.line,
    field,
    rule: fi.rule,
    message: fi.message,
    ...(value === undefined ? {} : { value }),
  };
}

/** The fields each event type has (a filled cell outside them is reported, not dropped). */
const EVENT_FIELDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  campaignEventSchema.options.map((o) => {
    const shape = (o as unknown as z.ZodObject).shape;
    const type = (shape.type as z.ZodLiteral<CampaignEventType>).value;
    return [type, new Set(Object.keys(shape))];
  }),
);

interface FileRows {
  readonly file: string;
  readonly rows: readonly CsvRow[];
}

/**
 * Reads a dataset from CSV texts by file name, validating every row with
 * the domain schemas, every reference with `parseRegistry`, and the events
 * with the ledger's rules (`applyBatch`) — all or nothing. Files:
 * `towns.csv` (required), `enterprises.csv`, `parcels.csv`, `parks.csv`,
 * `park-phases.csv`, `annual-data.csv`, and events in `events.csv` or
 * `events-<year>.csv` (a year in the name means every event must be dated in
 * it), applied in file-name order. Each issue names the file, the line, the
 * column and the rule; on any issue nothing is returned but the issues.
 */
export function parseDatasetFiles(
  files: Readonly<Record<string, string>>,
  options: DatasetOptions = {},
): DatasetResult {
  const issues: DatasetIssue[] = [];
  const registryRows = new Map<FileSpec, FileRows>();
  const eventFiles: { file: string; year: number | undefined; rows: readonly CsvRow[] }[] = [];

  for (const file of Object.keys(files).sort()) {
    const text = files[file] ?? '';
    const spec = REGISTRY_FILES.find((s) => s.file === file);
    const eventsMatch = EVENTS_FILE_PATTERN.exec(file);
    if (spec) {
      const r = readCsv(file, text, spec);
      // One by one: a file's issues have no fixed bound, and a spread of a large list overflows the stack.
      for (const i of r.issues) issues.push(i);
      registryRows.set(spec, { file, rows: r.rows });
    } else if (eventsMatch) {
      const r = readCsv(file, text, EVENTS_FILE);
      for (const i of r.issues) issues.push(i);
      eventFiles.push({ file, year: eventsMatch[1] === undefined ? undefined : Number(eventsMatch[1]), rows: r.rows });
    } else {
      issues.push({
        file,
        line: 0,
        field: '',
        rule: 'dataset.unknownFile',
        message: `not a dataset file; expected ${REGISTRY_FILES.map((s) => s.file).join(', ')} or events-<year>.csv`,
      });
    }
  }
  if (!registryRows.has(TOWNS_FILE)) {
    issues.push({
      file: TOWNS_FILE.file,
      line: 0,
      field: '',
      rule: 'dataset.missingFile',
      message: 'towns.csv is required',
    });
  }

  const registry = loadRegistry(registryRows, issues);
  const events = loadEvents(eventFiles, registry, options, issues);
  if (issues.length > 0 || !registry || !events) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, registry, events: events.events, ledger: events.ledger };
}

const FILE_ORDER = [...REGISTRY_FILES.map((s) => s.file)];

function sortIssues(issues: readonly DatasetIssue[]): DatasetIssue[] {
  const rank = (file: string) => {
    const i = FILE_ORDER.indexOf(file);
    return i < 0 ? FILE_ORDER.length : i;
  };
  // Stable: issues of one line keep the order their rules were checked in.
  return [...issues].sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || a.line - b.line);
}

function loadRegistry(files: ReadonlyMap<FileSpec, FileRows>, issues: DatasetIssue[]): Registry | undefined {
  const townsFile = files.get(TOWNS_FILE);
  if (!townsFile) return undefined;
  const source = (spec: FileSpec, file: string, row: CsvRow): Source => ({
    file,
    line: row.line,
    spec,
    cells: row.cells,
  });

  // towns.csv: the region columns repeat on every row and must agree.
  const townSources = townsFile.rows.map((r) => source(TOWNS_FILE, townsFile.file, r));
  const first = townsFile.rows[0];
  const regionColumns = TOWNS_FILE.columns.filter((c) => c.field.startsWith('region.'));
  for (const row of townsFile.rows.slice(1)) {
    for (const c of regionColumns) {
      if ((row.cells[c.name] ?? '') !== (first?.cells[c.name] ?? '')) {
        issues.push({
          file: townsFile.file,
          line: row.line,
          field: c.name,
          rule: 'region.inconsistent',
          message: `every row names the same region; line ${first?.line} has "${first?.cells[c.name] ?? ''}"`,
          ...(row.cells[c.name] === undefined ? {} : { value: row.cells[c.name] }),
        });
      }
    }
  }
  const regionInput = (first ? rowInput(TOWNS_FILE, first.cells).region : undefined) ?? {};
  const towns = townsFile.rows.map((r) => {
    const { region: _region, ...town } = rowInput(TOWNS_FILE, r.cells);
    return town;
  });

  const simple = (spec: FileSpec) => {
    const f = files.get(spec);
    const rows = f?.rows ?? [];
    return {
      inputs: rows.map((r) => rowInput(spec, r.cells)),
      sources: rows.map((r) => source(spec, f?.file ?? spec.file, r)),
    };
  };
  const enterprises = simple(ENTERPRISES_FILE);
  const parcels = simple(PARCELS_FILE);
  const annual = simple(ANNUAL_DATA_FILE);
  const parks = simple(PARKS_FILE);

  // park-phases.csv rows join their park by park_id.
  const phasesFile = files.get(PARK_PHASES_FILE);
  const phaseSources = new Map<string, Source>();
  const parkIndex = new Map<string, number>();
  parks.inputs.forEach((p, i) => {
    if (typeof p.id === 'string' && !parkIndex.has(p.id)) parkIndex.set(p.id, i);
  });
  for (const row of phasesFile?.rows ?? []) {
    const { parkId, ...phase } = rowInput(PARK_PHASES_FILE, row.cells);
    const src = source(PARK_PHASES_FILE, phasesFile?.file ?? PARK_PHASES_FILE.file, row);
    const i = typeof parkId === 'string' ? parkIndex.get(parkId) : undefined;
    const park = i === undefined ? undefined : parks.inputs[i];
    if (i === undefined || !park) {
      issues.push(
        issueAt(src, ['parkId'], { rule: 'reference.park', message: `park ${String(parkId)} is not in parks.csv` }),
      );
      continue;
    }
    const list = (park.phases ?? []) as unknown[];
    park.phases = list;
    phaseSources.set(`${i}.${list.length}`, src);
    list.push(phase);
  }

  try {
    return parseRegistry({
      region: { ...(regionInput as Record<string, unknown>), towns },
      enterprises: enterprises.inputs,
      parcels: parcels.inputs,
      parks: parks.inputs,
      annualData: annual.inputs,
    });
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const header: Source = {
      file: townsFile.file,
      line: first?.line ?? 1,
      spec: TOWNS_FILE,
      cells: first?.cells ?? {},
    };
    for (const fi of e.issues) {
      const [root, ...rest] = fi.field.split('.');
      const indexed = (sources: readonly Source[]) => {
        const src = sources[Number(rest[0])];
        if (src) issues.push(issueAt(src, rest.slice(1), fi));
        else
          issues.push({ file: header.file, line: 0, field: '', rule: fi.rule, message: `${fi.field}: ${fi.message}` });
      };
      if (root === 'region') {
        if (rest[0] === 'towns' && rest[1] !== undefined && townSources[Number(rest[1])]) {
          issues.push(issueAt(townSources[Number(rest[1])] as Source, rest.slice(2), fi));
        } else issues.push(issueAt(header, ['region', ...rest], fi));
      } else if (root === 'enterprises') indexed(enterprises.sources);
      else if (root === 'parcels') indexed(parcels.sources);
      else if (root === 'annualData') indexed(annual.sources);
      else if (root === 'parks') {
        const phase = rest[1] === 'phases' ? phaseSources.get(`${rest[0]}.${rest[2]}`) : undefined;
        if (phase) issues.push(issueAt(phase, rest.slice(3), fi));
        else indexed(parks.sources);
      } else
        issues.push({ file: header.file, line: 0, field: '', rule: fi.rule, message: `${fi.field}: ${fi.message}` });
    }
    return undefined;
  }
}

function loadEvents(
  files: readonly { file: string; year: number | undefined; rows: readonly CsvRow[] }[],
  registry: Registry | undefined,
  options: DatasetOptions,
  issues: DatasetIssue[],
): { events: CampaignEvent[]; ledger: CampaignLedger } | undefined {
  const inputs: Record<string, unknown>[] = [];
  const sources: Source[] = [];
  const seen = new Map<string, Source>();
  for (const f of files) {
    for (const row of f.rows) {
      const src: Source = { file: f.file, line: row.line, spec: EVENTS_FILE, cells: row.cells };
      const input = rowInput(EVENTS_FILE, row.cells);
      const id = row.cells.id;
      if (id !== undefined) {
        const earlier = seen.get(id);
        if (earlier) {
          issues.push(
            issueAt(src, ['id'], {
              rule: 'unique',
              message: `event id ${id} is used twice (first at ${earlier.file} line ${earlier.line})`,
            }),
          );
          continue;
        }
        seen.set(id, src);
      }
      const date = row.cells.date;
      for (const year of [f.year, options.year]) {
        if (year !== undefined && date !== undefined && isIsoDate(date) && Number(date.slice(0, 4)) !== year) {
          issues.push(issueAt(src, ['date'], { rule: 'event.dateOutOfYear', message: `${date} is not in ${year}` }));
          break;
        }
      }
      const allowed = typeof input.type === 'string' ? EVENT_FIELDS.get(input.type) : undefined;
      if (allowed) {
        for (const key of Object.keys(input)) {
          if (!allowed.has(key)) {
            issues.push(
              issueAt(src, [key], {
                rule: 'csv.notApplicable',
                message: `a ${String(input.type)} event has no ${key}; leave the cell empty`,
              }),
            );
          }
        }
      }
      inputs.push(input);
      sources.push(src);
    }
  }
  if (!registry) {
    // The references cannot be checked; still report every malformed event.
    inputs.forEach((input, i) => {
      const r = safeParseCampaignEvent(input, '');
      const src = sources[i];
      if (!r.ok && src) for (const fi of r.issues) issues.push(issueAt(src, fi.field.split('.'), fi));
    });
    return undefined;
  }
  const r = applyBatch(emptyLedger(registryReferences(registry)), inputs);
  if (!r.ok) {
    for (const error of r.errors) {
      const src = sources[error.index];
      if (src) for (const fi of error.issues) issues.push(issueAt(src, fi.field.split('.'), fi));
    }
    return undefined;
  }
  return { events: [...r.applied], ledger: r.state };
}
