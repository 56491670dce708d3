import { DATA_SOURCE_LABELS } from '@mujun/core/labels';
import {
  type FileReport,
  type FirmCompleteness,
  type IntakeIssue,
  type IntakeReport,
  importAnnualData,
  type RowRef,
  ruleLabel,
  SOURCE_IDS,
  type SourceId,
  type TownCompleteness,
} from '@mujun/intake';
import { GraphQLError } from 'graphql';
import { actorOf } from '../auth';
import type { MujunBuilder, UploadedFile } from '../builder';
import { NotAuthorisedError, ValidationError } from '../errors';
import { cityOf } from '../lookups';
import type { MujunRefs } from '../refs';
import { authorizeUpload, readUploads } from '../uploads';
import { valuesOf } from './enums';
import { addGeometryImportTypes } from './geometry-import';

/**
 * 部门数据上传 (`importAnnualData`): one department file sent as a GraphQL
 * multipart request (graphql-multipart-request-spec, which graphql-yoga
 * reads), imported through @mujun/intake exactly as `mujun import` does, and
 * the same report returned: every row error with its rule, reconciliation
 * suggestions, and the completeness of the year. A town operator imports the
 * rows of its own town only; rows of other towns are row errors, and its
 * completeness report covers its own town.
 */
export function addIntakeTypes(builder: MujunBuilder, _refs: MujunRefs): void {
  builder.scalarType('Upload', {
    description: 'A file of a GraphQL multipart request (graphql-multipart-request-spec). Input only.',
    serialize: () => {
      throw new Error('Upload is an input type');
    },
    parseValue: (value) => {
      const file = value as Partial<UploadedFile> | null;
      if (!file || typeof file.arrayBuffer !== 'function' || typeof file.name !== 'string') {
        // A GraphQLError, as every scalar throws: a variable that is no file is the request's fault (4xx), not the server's.
        throw new GraphQLError('send the file as a multipart request (graphql-multipart-request-spec)', {
          extensions: { code: 'BAD_USER_INPUT', rule: 'upload.type' },
        });
      }
      return file as UploadedFile;
    },
  });

  const DataSource = builder.enumType('DataSource', {
    description: '数据来源: the department a file comes from.',
    values: valuesOf(DATA_SOURCE_LABELS),
  });

  const Severity = builder.enumType('ImportIssueSeverity', {
    description:
      'An error stops its row; a warning is reported and the row kept; a note says what was left aside (a skipped sheet, total rows, unknown columns).',
    values: {
      ERROR: { value: 'error' as const, description: 'Error (错误): the row is not imported.' },
      WARNING: { value: 'warning' as const, description: 'Warning (警告): reported; the row is kept.' },
      NOTE: { value: 'note' as const, description: 'Note (提示): something left aside, such as a skipped sheet.' },
    },
  });

  const RowRefType = builder.objectRef<RowRef>('ImportRowRef').implement({
    description: 'A row (行) of an imported file.',
    fields: (t) => ({
      file: t.exposeString('file', { description: 'The file name as uploaded.' }),
      sheet: t.string({
        nullable: true,
        description: 'The sheet (工作表); null for a text file.',
        resolve: (r) => r.sheet ?? null,
      }),
      row: t.exposeInt('row', { description: '1-based row of the sheet.' }),
    }),
  });

  const Issue = builder.objectRef<IntakeIssue>('ImportIssue').implement({
    description:
      '导入问题: where (file, sheet, row, column header as written), the cell as typed, the rule and a sentence.',
    fields: (t) => ({
      severity: t.field({ type: Severity, description: 'Error, warning or note.', resolve: (i) => i.severity }),
      file: t.exposeString('file', { description: 'The file name as uploaded.' }),
      sheet: t.string({
        nullable: true,
        description: 'The sheet (工作表); null for a text file.',
        resolve: (i) => i.sheet ?? null,
      }),
      row: t.exposeInt('row', { description: '1-based row of the sheet; 0 for the file as a whole.' }),
      column: t.exposeString('column', {
        description:
          "The column header (表头) as the file writes it; '' when the issue is about the whole row or file.",
      }),
      value: t.exposeString('value', { description: "The cell as typed; '' when none." }),
      rule: t.exposeString('rule', { description: 'Machine name of the rule, e.g. reconcile.duplicate.' }),
      message: t.exposeString('message', { description: 'The finding in a sentence, for people.' }),
      label: t.string({
        nullable: true,
        description:
          "规则说明: the rule's sentence in Chinese, from the intake's and core's catalogs; null for a rule they have no Chinese for (read `message`).",
        resolve: (i) => ruleLabel(i.rule) ?? null,
      }),
      suggestions: t.stringList({
        description: '统一社会信用代码 the importer probably meant.',
        resolve: (i) => [...(i.suggestions ?? [])],
      }),
      related: t.field({
        type: [RowRefType],
        description: 'The other rows of a conflict.',
        resolve: (i) => [...(i.related ?? [])],
      }),
    }),
  });

  const Column = builder.objectRef<FileReport['columns'][number]>('ImportColumn').implement({
    description: 'A column of the file matched to a template column, with the unit it is read in.',
    fields: (t) => ({
      header: t.exposeString('header', { description: 'The column header (表头) as the file writes it.' }),
      field: t.exposeString('field', { description: 'The template column (数据模板) it was matched to, e.g. tax.' }),
      unit: t.string({
        nullable: true,
        description: 'The unit key its values are read in, e.g. wanYuan; null for a column without a unit.',
        resolve: (c) => c.unit ?? null,
      }),
      unitFrom: t.string({
        nullable: true,
        description: 'Where the unit came from (单位来源): header, unitColumn or default.',
        resolve: (c) => c.unitFrom ?? null,
      }),
    }),
  });

  const File = builder.objectRef<FileReport>('ImportFile').implement({
    description: 'How one file (or one sheet of it) was read.',
    fields: (t) => ({
      file: t.exposeString('file', { description: 'The file name as uploaded.' }),
      sheet: t.string({
        nullable: true,
        description: 'The sheet (工作表) read; null for a text file.',
        resolve: (f) => f.sheet ?? null,
      }),
      encoding: t.string({
        nullable: true,
        description: 'Text files only: utf-8, utf-8-bom, gb18030, utf-16le or utf-16be.',
        resolve: (f) => f.encoding ?? null,
      }),
      source: t.field({
        type: DataSource,
        nullable: true,
        description: 'The department (数据来源), as given or detected; null when neither.',
        resolve: (f) => f.source ?? null,
      }),
      headerRow: t.exposeInt('headerRow', { description: '1-based header row (表头); 0 when none was found.' }),
      rows: t.exposeInt('rows', { description: 'Data rows read.' }),
      accepted: t.exposeInt('accepted', { description: 'Rows accepted.' }),
      rejected: t.exposeInt('rejected', { description: 'Rows refused by an error.' }),
      skipped: t.exposeInt('skipped', { description: '合计 rows skipped.' }),
      columns: t.field({
        type: [Column],
        description: 'The columns matched to the template.',
        resolve: (f) => [...f.columns],
      }),
    }),
  });

  const FirmStatus = builder.objectRef<FirmCompleteness>('FirmCompleteness').implement({
    description: '数据状态 of one firm: the sources whose figures it still lacks for the year.',
    fields: (t) => ({
      uscc: t.exposeID('uscc', { description: '统一社会信用代码.' }),
      name: t.exposeString('name', { description: 'Registered name (企业名称).' }),
      townCode: t.exposeID('townCode', { description: '12-digit code of its town.' }),
      missing: t.field({
        type: [DataSource],
        description: 'The departments (数据来源) whose figures it lacks.',
        resolve: (f) => [...f.missing],
      }),
    }),
  });

  const SourceCount = builder.objectRef<{ source: SourceId; count: number }>('SourceCount').implement({
    description: "A count of a town's firms lacking one department's (数据来源) figures.",
    fields: (t) => ({
      source: t.field({ type: DataSource, description: 'The department (数据来源).', resolve: (s) => s.source }),
      count: t.exposeInt('count', { description: 'Firms lacking its figures.' }),
    }),
  });

  const TownStatus = builder.objectRef<TownCompleteness>('TownCompleteness').implement({
    description: 'Per town: firms with figures for the year, how many are complete, how many lack each source.',
    fields: (t) => ({
      townCode: t.exposeID('townCode', { description: '12-digit town code.' }),
      townName: t.exposeString('townName', { description: 'The town (乡镇/街道) name.' }),
      firms: t.exposeInt('firms', { description: 'Firms with figures for the year.' }),
      complete: t.exposeInt('complete', { description: 'Of those, firms with figures from every department.' }),
      missing: t.field({
        type: [SourceCount],
        description: 'Per department, firms lacking its figures.',
        resolve: (x) => SOURCE_IDS.map((source) => ({ source, count: x.missing[source] })),
      }),
    }),
  });

  const Completeness = builder.objectRef<IntakeReport['completeness']>('Completeness').implement({
    description: "数据完整性: the year's data status after the import, per firm and per town.",
    fields: (t) => ({
      firms: t.field({
        type: [FirmStatus],
        description: 'Firms lacking at least one source, by USCC.',
        resolve: (c) => [...c.firms],
      }),
      towns: t.field({ type: [TownStatus], description: 'Counts per town.', resolve: (c) => [...c.towns] }),
    }),
  });

  const Report = builder.objectRef<IntakeReport & { readonly rejects?: Uint8Array }>('ImportReport').implement({
    description:
      '导入报告: what an import read, found and wrote. Nothing is written when any row fails, unless acceptValid.',
    fields: (t) => ({
      year: t.exposeInt('year', { description: 'The statistical year of the figures.' }),
      city: t.exposeID('regionCode', { description: '6-digit code of the city imported into.' }),
      written: t.exposeBoolean('written', {
        description: 'Whether anything was written: false when any row failed and acceptValid was not set.',
      }),
      acceptValid: t.exposeBoolean('acceptValid', {
        description: 'Whether the rows that pass were to be written even when others fail.',
      }),
      records: t.exposeInt('records', {
        description: 'Firms whose year of data is written; 0 when errors refuse the import (all or nothing).',
      }),
      errorCount: t.exposeInt('errors', { description: 'Issues of severity ERROR (错误).' }),
      warningCount: t.exposeInt('warnings', { description: 'Issues of severity WARNING (警告).' }),
      noteCount: t.exposeInt('notes', { description: 'Issues of severity NOTE (提示).' }),
      files: t.field({ type: [File], description: 'How each file was read.', resolve: (r) => [...r.files] }),
      issues: t.field({
        type: [Issue],
        description: 'Every finding (导入问题), in file and row order.',
        resolve: (r) => [...r.issues],
      }),
      completeness: t.field({
        type: Completeness,
        description: "The year's data status (数据状态) after the import.",
        resolve: (r) => r.completeness,
      }),
      rejectsWorkbook: t.string({
        nullable: true,
        description:
          '退回表: the refused rows with their original cells and an error column (.xlsx, as `mujun import --accept-valid` writes), base64-encoded; null unless acceptValid and a row was refused.',
        resolve: (r) => (r.rejects ? Buffer.from(r.rejects).toString('base64') : null),
      }),
    }),
  });

  const Input = builder.inputType('ImportAnnualDataInput', {
    description: "One department's file (部门数据) to import into a year's annual data.",
    fields: (t) => ({
      year: t.int({ required: true, description: 'The statistical year of the figures.' }),
      source: t.field({
        type: DataSource,
        required: false,
        description: 'The department; detected from the header row when omitted.',
      }),
      file: t.field({
        type: 'Upload',
        required: true,
        description: 'The .xlsx, .xls, .et, .ods, or .csv/.tsv/.txt (UTF-8, GBK or UTF-16) file.',
      }),
      acceptValid: t.boolean({
        required: false,
        description: 'Write the rows that pass even when others fail (default false: all or nothing).',
      }),
      city: t.id({
        required: false,
        description: '6-digit city code; default: the city of the token (a town operator’s or city admin’s).',
      }),
    }),
  });

  // Geometry import reports its problems with the same ImportIssue.
  addGeometryImportTypes(builder, Issue);

  builder.mutationField('importAnnualData', (t) =>
    t.field({
      type: Report,
      description:
        'Imports one department spreadsheet (multipart upload) into the year’s annual data and returns the report. Town operators: rows of their own town only.',
      args: { input: t.arg({ type: Input, required: true, description: 'The file, its year and how to import it.' }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'ImportAnnualDataResult' },
        result: {
          name: 'ImportAnnualDataSuccess',
          description:
            'The file was read; the report says what was written (nothing when a row failed, unless acceptValid).',
        },
        dataField: { name: 'report', description: 'The import report (导入报告).' },
      },
      resolve: async (_root, { input }, ctx) => {
        const p = ctx.principal;
        // An import is a saveAnnualData write: the same policy decides; each row's town is then
        // checked by the intake (a row of another town is a row error).
        const region = await authorizeUpload(ctx, 'saveAnnualData', input.city);
        const files = await readUploads(ctx, [input.file as unknown as UploadedFile], () => 'input.file');
        const allowedTowns = p.role === 'townOperator' ? new Set([p.townCode]) : undefined;
        const { report, rejects } = await importAnnualData(ctx.repository, {
          files: files.map((f) => (input.source ? { ...f, source: input.source as SourceId } : f)),
          year: input.year,
          regionCode: region.code,
          // With acceptValid the refused rows come back as the rejects workbook to correct and send again.
          ...(input.acceptValid ? { acceptValid: true, rejects: true } : {}),
          ...(allowedTowns ? { allowedTowns } : {}),
          // Planned off the event loop (the upload pool's workers read, reconcile and merge),
          // within the gateway's limits; this thread authorises and writes.
          limits: ctx.intake.limits,
          planner: ctx.intake.planner,
          context: { actor: actorOf(p), requestId: ctx.requestId },
        });
        // A town operator sees the data status of its own town only.
        if (!allowedTowns) return { ...report, ...(rejects ? { rejects } : {}) };
        const own = (code: string) => allowedTowns.has(code) && cityOf(code) === region.code;
        return {
          ...report,
          ...(rejects ? { rejects } : {}),
          completeness: {
            firms: report.completeness.firms.filter((f) => own(f.townCode)),
            towns: report.completeness.towns.filter((x) => own(x.townCode)),
          },
        };
      },
    }),
  );
}
