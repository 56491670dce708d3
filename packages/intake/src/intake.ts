import type { EnterpriseAnnualDataInput, Registry, RegistryRepository, Unit, WriteContext } from '@mujun/core';
import { type CompletenessReport, completeness } from './completeness';
import { detectSource, matchHeader, type UnitSource } from './header';
import { type IntakeIssue, sortIssues } from './issues';
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
  /** Firms whose year of data is written (by `planIntake`: would be); 0 when errors refuse the import. */
  readonly records: number;
  /** Whether anything was written: false when any row failed and `acceptValid` was not set. */
  readonly written: boolean;
  readonly acceptValid: boolean;
  readonly completeness: CompletenessReport;
}

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
): IntakeIssue => ({
  severity: 'error',
  file,
  ...(sheet === undefined ? {} : { sheet }),
  row: 0,
  column: '',
  value: '',
  rule,
  message: intakeMessage(rule, detail),
});

/**
 * Reads, validates, reconciles and merges department files against a
 * region's registry, without writing: the report says every problem
 * (file, sheet, row, column, value, rule, message) and what would be
 * written. All or nothing unless `acceptValid`.
 */
export async function planIntake(options: PlanOptions): Promise<IntakePlan> {
  const { registry, year } = options;
  const fileReports: FileReport[] = [];
  const fileIssues: IntakeIssue[] = [];
  const rows: SourceRow[] = [];
  const headers = new Map<string, readonly string[]>();
  const perFile = new Map<
    string,
    { rows: SourceRow[]; skipped: number; base: Omit<FileReport, 'accepted' | 'rejected' | 'rows' | 'skipped'> }
  >();
  for (const f of options.files) {
    let table: Awaited<ReturnType<typeof readTable>>;
    try {
      table = await readTable(f);
    } catch (e) {
      if (e instanceof IntakeError) {
        fileIssues.push(fileIssue(f.name, e.rule, e.detail));
        fileReports.push({ file: f.name, headerRow: 0, columns: [], rows: 0, accepted: 0, rejected: 0, skipped: 0 });
        continue;
      }
      throw e;
    }
    const where = {
      file: table.file,
      ...(table.sheet === undefined ? {} : { sheet: table.sheet }),
      ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
    };
    const detected = f.source ?? detectSource(table);
    if (detected === undefined || detected === 'ambiguous') {
      fileIssues.push(
        fileIssue(
          f.name,
          detected === undefined ? 'file.sourceUnknown' : 'file.sourceAmbiguous',
          undefined,
          table.sheet,
        ),
      );
      fileReports.push({ ...where, headerRow: 0, columns: [], rows: 0, accepted: 0, rejected: 0, skipped: 0 });
      continue;
    }
    const template = TEMPLATES[detected];
    const header = matchHeader(table, template);
    if (!header) {
      fileIssues.push(fileIssue(f.name, 'header.notFound', template.label, table.sheet));
      fileReports.push({
        ...where,
        source: detected,
        headerRow: 0,
        columns: [],
        rows: 0,
        accepted: 0,
        rejected: 0,
        skipped: 0,
      });
      continue;
    }
    for (const hi of header.issues) {
      fileIssues.push({
        severity: 'error',
        ...where,
        row: hi.row,
        column: hi.column,
        value: '',
        rule: hi.rule,
        message: hi.message,
      });
    }
    headers.set(f.name, table.rows.find((r) => r.row === header.row)?.cells.map((c) => c.text) ?? []);
    const read = header.issues.length > 0 ? { rows: [], skipped: 0 } : readRows(table, detected, header, year);
    options.onFile?.(f.name, read.rows.length);
    rows.push(...read.rows);
    perFile.set(f.name, {
      rows: read.rows,
      skipped: read.skipped,
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
    });
  }

  const resolved = reconcileRows(rows, reconcileIndex(registry.enterprises.values()), options.allowedTowns);
  const hasError = (r: SourceRow) => r.issues.some((i) => i.severity === 'error');
  const clean = new Map([...resolved].filter(([r]) => !hasError(r)));
  // A refused row's report names its bad figures too (mergeRows checks those of the rows it merges).
  for (const r of rows) if (!clean.has(r)) checkFigures(r);
  const { records, failed } = mergeRows(clean, registry, year);
  const rejected = rows.filter((r) => hasError(r) || failed.has(resolved.get(r) ?? ''));
  const issues = sortIssues([...fileIssues, ...rows.flatMap((r) => r.issues)]);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const acceptValid = options.acceptValid ?? false;
  const write: MergedRecord[] = errors === 0 || acceptValid ? records : [];
  const refused = new Set(rejected);
  for (const [file, p] of perFile) {
    const bad = p.rows.filter((r) => refused.has(r)).length;
    fileReports.push({
      ...p.base,
      rows: p.rows.length,
      accepted: write.length === 0 ? 0 : p.rows.length - bad,
      rejected: bad,
      skipped: p.skipped,
    });
    void file;
  }
  fileReports.sort(
    (a, b) => options.files.findIndex((f) => f.name === a.file) - options.files.findIndex((f) => f.name === b.file),
  );
  return {
    report: {
      year,
      regionCode: registry.region.code,
      files: fileReports,
      issues,
      errors,
      warnings: issues.length - errors,
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

export interface ImportOptions extends Omit<PlanOptions, 'registry'> {
  /** 行政区划代码 of the city (the store's only region when omitted). */
  readonly regionCode?: string;
  readonly context: WriteContext;
}

/** The report, and the rejects workbook (bad rows with an error column) when any row was refused. */
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
  const plan = await planIntake({ ...options, registry });
  let written = false;
  if (plan.records.length > 0) {
    await repository.saveRecords(regionCode, { annualData: plan.records }, options.context);
    written = true;
  }
  const report = { ...plan.report, written };
  return plan.rejected.length > 0 ? { report, rejects: await rejectsWorkbook(plan) } : { report };
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
