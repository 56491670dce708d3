import type { EnterpriseAnnualDataInput, Registry, RegistryRepository, Unit, WriteContext } from '@mujun/core';
import { type CompletenessReport, completeness } from './completeness';
import { detectSource, matchHeader, type UnitSource } from './header';
import { type IntakeIssue, sortIssues } from './issues';
import { DEFAULT_LIMITS, type IntakeLimits } from './limits';
import { type MergedRecord, mergeRows } from './merge';
import { IntakeError, intakeMessage } from './messages';
import { type InputFile, readTable, type TextEncoding } from './read';
import { reconcileIndex, reconcileRows } from './reconcile';
import { rejectsWorkbook } from './rejects';
import { checkFigures, readRows, type SourceRow } from './rows';
import { type SourceId, TEMPLATES, type TemplateField } from './templates';

/** A department file to import, with its source when the caller knows it (else detected from the header row). */
export interface IntakeFile extends InputFile {
  readonly source?: SourceId;
}

/** How one file was read. */
export interface FileReport {
  readonly file: string;
  readonly sheet?: string;
  readonly encoding?: TextEncoding;
  readonly source?: SourceId;
  /** 1-based header row (0 when none was found). */
  readonly headerRow: number;
  readonly columns: readonly {
    readonly header: string;
    readonly field: TemplateField;
    readonly unit?: Unit;
    readonly unitFrom?: UnitSource;
  }[];
  /** Data rows read, rows accepted, rows rejected, 合计 rows skipped. */
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly skipped: number;
}

/** 导入报告: what an import read, found and wrote. */
export interface IntakeReport {
  readonly year: number;
  readonly regionCode: string;
  readonly files: readonly FileReport[];
  /** Every error and warning, in file and row order. */
  readonly issues: readonly IntakeIssue[];
  readonly errors: number;
  readonly warnings: number;
  /** Notes: what was left aside (skipped sheets, total rows, unknown columns, a header-only file). */
  readonly notes: number;
  /** Firms whose year of data is written (by `planIntake`: would be); 0 when errors refuse the import. */
  readonly records: number;
  /** Whether anything was written: false when any row failed and `acceptValid` was not set. */
  readonly written: boolean;
  readonly acceptValid: boolean;
  readonly completeness: CompletenessReport;
}

/** One file as read (in a worker, for the gateway): what its report, issues and rows say, before reconciliation. */
export interface ReadIntakeFile {
  readonly file: string;
  /** The file's report without the counts reconciliation decides. */
  readonly base: Omit<FileReport, 'accepted' | 'rejected' | 'rows' | 'skipped'>;
  /** File-level errors and the notes (header only, sheets skipped, total rows, unknown columns). */
  readonly issues: readonly IntakeIssue[];
  readonly rows: readonly SourceRow[];
  readonly skipped: number;
  /** The header row's cells, for the rejects workbook. */
  readonly header: readonly string[];
}

/** Reads one file: what `planIntake` does for each, and what the gateway runs off its event loop. */
export type IntakeFileReader = (file: IntakeFile, year: number, limits: IntakeLimits) => Promise<ReadIntakeFile>;

export interface PlanOptions {
  readonly files: readonly IntakeFile[];
  readonly year: number;
  readonly registry: Registry;
  /** Write the valid rows even when others fail (the failed ones go to the rejects workbook). */
  readonly acceptValid?: boolean;
  /** Towns the importer may write (a town operator's own); other firms are row errors. */
  readonly allowedTowns?: ReadonlySet<string>;
  /** Hears each file as it is read (for progress bars). */
  readonly onFile?: (file: string, rows: number) => void;
  /** 导入限额 (default `DEFAULT_LIMITS`). */
  readonly limits?: IntakeLimits;
  /** How each file is read (default `readIntakeFile`, in this thread). */
  readonly reader?: IntakeFileReader;
}

/** A planned import: the report, the records to write, and the rows refused. */
export interface IntakePlan {
  readonly report: IntakeReport;
  readonly records: readonly EnterpriseAnnualDataInput[];
  readonly rejected: readonly SourceRow[];
  /** Header cells of each file, for the rejects workbook. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
}

const fileIssue = (
  file: string,
  rule: Parameters<typeof intakeMessage>[0],
  detail?: string,
  sheet?: string,
  severity: IntakeIssue['severity'] = 'error',
): IntakeIssue => ({
  severity,
  file,
  ...(sheet === undefined ? {} : { sheet }),
  row: 0,
  column: '',
  value: '',
  rule,
  message: intakeMessage(rule, detail),
});

/**
 * The result of a file whose reader failed outside the file's own rules (a
 * worker that ran out of its heap, or died): one file-level `file.worker`
 * error, no rows. The gateway's upload reader reports it in place of the file.
 */
export function readerFailure(file: string, detail: string): ReadIntakeFile {
  return {
    file,
    base: { file, headerRow: 0, columns: [] },
    issues: [fileIssue(file, 'file.worker', detail)],
    rows: [],
    skipped: 0,
    header: [],
  };
}

/** At most this many names in a note's detail; the rest are counted. */
const NOTE_NAMES = 20;
const listed = (names: readonly string[]) =>
  names.length <= NOTE_NAMES
    ? names.join(', ')
    : `${names.slice(0, NOTE_NAMES).join(', ')} and ${names.length - NOTE_NAMES} more`;

/**
 * Reads one department file within the limits: its table, its source (given
 * or detected), its header row, its rows checked cell by cell, and notes on
 * what was left aside. Nothing here needs the registry, so it can run where
 * the registry is not (a worker thread). A file the reader refuses is a
 * file-level error, never a throw.
 */
export async function readIntakeFile(
  f: IntakeFile,
  year: number,
  limits: IntakeLimits = DEFAULT_LIMITS,
): Promise<ReadIntakeFile> {
  const none = (base: ReadIntakeFile['base'], issues: IntakeIssue[]): ReadIntakeFile => ({
    file: f.name,
    base,
    issues,
    rows: [],
    skipped: 0,
    header: [],
  });
  try {
    const table = await readTable(f, limits);
    const where = {
      file: table.file,
      ...(table.sheet === undefined ? {} : { sheet: table.sheet }),
      ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
    };
    const notes: IntakeIssue[] = [];
    const others = (table.sheets ?? []).filter((s) => s !== table.sheet);
    if (others.length > 0) {
      notes.push(fileIssue(f.name, 'note.sheetsSkipped', listed(others), table.sheet, 'note'));
    }
    const detected = f.source ?? detectSource(table, limits.headerWidth);
    if (detected === undefined || detected === 'ambiguous') {
      const rule = detected === undefined ? 'file.sourceUnknown' : 'file.sourceAmbiguous';
      return none({ ...where, headerRow: 0, columns: [] }, [...notes, fileIssue(f.name, rule, undefined, table.sheet)]);
    }
    const template = TEMPLATES[detected];
    const header = matchHeader(table, template, limits.headerWidth);
    if (!header) {
      return none({ ...where, source: detected, headerRow: 0, columns: [] }, [
        ...notes,
        fileIssue(f.name, 'header.notFound', template.label, table.sheet),
      ]);
    }
    const issues: IntakeIssue[] = [...notes];
    for (const hi of header.issues) {
      issues.push({
        severity: 'error',
        ...where,
        row: hi.row,
        column: hi.column,
        value: '',
        rule: hi.rule,
        message: hi.message,
      });
    }
    if (header.unknown.length > 0) {
      issues.push({
        ...fileIssue(f.name, 'note.unknownColumns', listed(header.unknown), table.sheet, 'note'),
        row: header.row,
      });
    }
    const read = header.issues.length > 0 ? { rows: [], skipped: 0 } : readRows(table, detected, header, year);
    if (header.issues.length === 0 && read.rows.length === 0 && read.skipped === 0) {
      issues.push({ ...fileIssue(f.name, 'note.headerOnly', undefined, table.sheet, 'note'), row: header.row });
    }
    if (read.skipped > 0) {
      issues.push(fileIssue(f.name, 'note.totalRows', `${read.skipped}`, table.sheet, 'note'));
    }
    const headerCells = table.rows.find((r) => r.row === header.row)?.cells ?? [];
    const headerTexts: string[] = new Array(headerCells.length);
    for (let c = 0; c < headerCells.length; c++) headerTexts[c] = headerCells[c]?.text ?? '';
    return {
      file: f.name,
      base: {
        ...where,
        source: detected,
        headerRow: header.row,
        columns: header.columns.map((m) => ({
          header: m.header,
          field: m.column.field,
          ...(m.unit === undefined ? {} : { unit: m.unit }),
          ...(m.unitFrom === undefined ? {} : { unitFrom: m.unitFrom }),
        })),
      },
      issues,
      rows: read.rows,
      skipped: read.skipped,
      header: headerTexts,
    };
  } catch (e) {
    if (e instanceof IntakeError) {
      return none({ file: f.name, headerRow: 0, columns: [] }, [fileIssue(f.name, e.rule, e.detail)]);
    }
    throw e;
  }
}

/**
 * Reads, validates, reconciles and merges department files against a
 * region's registry, without writing: the report says every problem
 * (file, sheet, row, column, value, rule, message) and what would be
 * written. All or nothing unless `acceptValid`. Every step is linear in
 * the rows read.
 */
export async function planIntake(options: PlanOptions): Promise<IntakePlan> {
  const { registry, year } = options;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const reader = options.reader ?? readIntakeFile;
  const fileReports: FileReport[] = [];
  const fileIssues: IntakeIssue[] = [];
  const rows: SourceRow[] = [];
  const headers = new Map<string, readonly string[]>();
  const perFile: ReadIntakeFile[] = [];
  for (const f of options.files) {
    const read = await reader(f, year, limits);
    options.onFile?.(f.name, read.rows.length);
    for (const i of read.issues) fileIssues.push(i);
    // One by one: a spread of 100k rows into push's arguments overflows the stack.
    for (const r of read.rows) rows.push(r);
    if (read.base.headerRow > 0) headers.set(f.name, read.header);
    perFile.push(read);
  }

  const resolved = reconcileRows(rows, reconcileIndex(registry.enterprises.values()), options.allowedTowns);
  const hasError = (r: SourceRow) => r.issues.some((i) => i.severity === 'error');
  const clean = new Map<SourceRow, string>();
  for (const [r, uscc] of resolved) if (!hasError(r)) clean.set(r, uscc);
  // A refused row's report names its bad figures too (mergeRows checks those of the rows it merges).
  for (const r of rows) if (!clean.has(r)) checkFigures(r);
  const { records, failed } = mergeRows(clean, registry, year);
  const rejected = rows.filter((r) => hasError(r) || failed.has(resolved.get(r) ?? ''));
  const all: IntakeIssue[] = [...fileIssues];
  for (const r of rows) for (const i of r.issues) all.push(i);
  const issues = sortIssues(all);
  let errors = 0;
  let notes = 0;
  for (const i of issues) {
    if (i.severity === 'error') errors++;
    else if (i.severity === 'note') notes++;
  }
  const acceptValid = options.acceptValid ?? false;
  const write: MergedRecord[] = errors === 0 || acceptValid ? records : [];
  const refused = new Set(rejected);
  for (const p of perFile) {
    let bad = 0;
    for (const r of p.rows) if (refused.has(r)) bad++;
    fileReports.push({
      ...p.base,
      rows: p.rows.length,
      accepted: write.length === 0 ? 0 : p.rows.length - bad,
      rejected: bad,
      skipped: p.skipped,
    });
  }
  return {
    report: {
      year,
      regionCode: registry.region.code,
      files: fileReports,
      issues,
      errors,
      warnings: issues.length - errors - notes,
      notes,
      records: write.length,
      written: false,
      acceptValid,
      // The year as it stands with every row that passed (what --accept-valid would write).
      completeness: completeness(registry, year, records),
    },
    records: write.map((r) => r.input),
    rejected,
    headers,
  };
}

/**
 * Plans an import (`planIntake`'s contract): the gateway's runs in a worker
 * thread, so that reading, reconciling and merging cost its event loop
 * nothing. `keepRejected`: whether the caller needs `rejected` and `headers`
 * (the rejects workbook); when false a planner may leave them empty.
 */
export type IntakePlanner = (options: PlanOptions & { readonly keepRejected: boolean }) => Promise<IntakePlan>;

export interface ImportOptions extends Omit<PlanOptions, 'registry'> {
  /** 行政区划代码 of the city (the store's only region when omitted). */
  readonly regionCode?: string;
  readonly context: WriteContext;
  /** Build the rejects workbook of the refused rows (default false: only when someone asks for it). */
  readonly rejects?: boolean;
  /** How the import is planned (default `planIntake`, in this thread). */
  readonly planner?: IntakePlanner;
}

/** The report, and the rejects workbook (bad rows with an error column) when asked for and any row was refused. */
export interface ImportOutcome {
  readonly report: IntakeReport;
  readonly rejects?: Uint8Array;
}

/**
 * 部门数据导入: plans the import (`planIntake`) against the region's stored
 * registry and writes the merged annual data in one `saveRecords` call
 * (validated again there as a whole registry, one transaction, audited).
 * Nothing is written when any row fails, unless `acceptValid`.
 */
export async function importAnnualData(
  repository: Pick<RegistryRepository, 'loadRegistry' | 'saveRecords' | 'listRegions'>,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const regionCode = options.regionCode ?? (await onlyRegion(repository));
  const registry = await repository.loadRegistry(regionCode);
  if (!registry) throw new IntakeError(regionCode, 'region.unknown', regionCode);
  const { planner = planIntake, ...planOptions } = options;
  const plan = await planner({ ...planOptions, registry, keepRejected: options.rejects === true });
  let written = false;
  if (plan.records.length > 0) {
    await repository.saveRecords(regionCode, { annualData: plan.records }, options.context);
    written = true;
  }
  const report = { ...plan.report, written };
  return options.rejects === true && plan.rejected.length > 0
    ? { report, rejects: await rejectsWorkbook(plan) }
    : { report };
}

async function onlyRegion(repository: Pick<RegistryRepository, 'listRegions'>): Promise<string> {
  const regions = await repository.listRegions();
  const [only] = regions;
  if (regions.length !== 1 || !only) {
    throw regions.length === 0
      ? new IntakeError('store', 'region.none')
      : new IntakeError('store', 'region.ambiguous', regions.map((r) => r.code).join(', '));
  }
  return only.code;
}
