import { invalid } from '@mujun/core';
import { DATA_SOURCE_LABELS } from '@mujun/core/labels';
import {
  type FileReport,
  type FirmCompleteness,
  type IntakeIssue,
  type IntakeReport,
  importAnnualData,
  type RowRef,
  SOURCE_IDS,
  type SourceId,
  type TownCompleteness,
} from '@mujun/intake';
import { actorOf } from '../auth';
import type { MujunBuilder, UploadedFile } from '../builder';
import { NotAuthorisedError, ValidationError } from '../errors';
import { cityOf } from '../lookups';
import { authorizeWrite, parseWriteInput } from '../policy';
import type { MujunRefs } from '../refs';
import { valuesOf } from './enums';

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
        throw invalid('file', 'upload.type', 'send the file as a multipart request (graphql-multipart-request-spec)');
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
    description: 'A row of an imported file.',
    fields: (t) => ({
      file: t.exposeString('file'),
      sheet: t.string({ nullable: true, resolve: (r) => r.sheet ?? null }),
      row: t.exposeInt('row'),
    }),
  });

  const Issue = builder.objectRef<IntakeIssue>('ImportIssue').implement({
    description:
      '导入问题: where (file, sheet, row, column header as written), the cell as typed, the rule and a sentence.',
    fields: (t) => ({
      severity: t.field({ type: Severity, resolve: (i) => i.severity }),
      file: t.exposeString('file'),
      sheet: t.string({ nullable: true, resolve: (i) => i.sheet ?? null }),
      row: t.exposeInt('row', { description: '1-based row of the sheet; 0 for the file as a whole.' }),
      column: t.exposeString('column'),
      value: t.exposeString('value'),
      rule: t.exposeString('rule'),
      message: t.exposeString('message'),
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
      header: t.exposeString('header'),
      field: t.exposeString('field'),
      unit: t.string({ nullable: true, resolve: (c) => c.unit ?? null }),
      unitFrom: t.string({
        nullable: true,
        description: 'Where the unit came from (单位来源): header, unitColumn or default.',
        resolve: (c) => c.unitFrom ?? null,
      }),
    }),
  });

  const File = builder.objectRef<FileReport>('ImportFile').implement({
    description: 'How one file was read.',
    fields: (t) => ({
      file: t.exposeString('file'),
      sheet: t.string({ nullable: true, resolve: (f) => f.sheet ?? null }),
      encoding: t.string({
        nullable: true,
        description: 'Text files only: utf-8, utf-8-bom, gb18030, utf-16le or utf-16be.',
        resolve: (f) => f.encoding ?? null,
      }),
      source: t.field({ type: DataSource, nullable: true, resolve: (f) => f.source ?? null }),
      headerRow: t.exposeInt('headerRow'),
      rows: t.exposeInt('rows'),
      accepted: t.exposeInt('accepted'),
      rejected: t.exposeInt('rejected'),
      skipped: t.exposeInt('skipped', { description: '合计 rows skipped.' }),
      columns: t.field({ type: [Column], resolve: (f) => [...f.columns] }),
    }),
  });

  const FirmStatus = builder.objectRef<FirmCompleteness>('FirmCompleteness').implement({
    description: '数据状态 of one firm: the sources whose figures it still lacks for the year.',
    fields: (t) => ({
      uscc: t.exposeID('uscc'),
      name: t.exposeString('name'),
      townCode: t.exposeID('townCode'),
      missing: t.field({ type: [DataSource], resolve: (f) => [...f.missing] }),
    }),
  });

  const SourceCount = builder.objectRef<{ source: SourceId; count: number }>('SourceCount').implement({
    fields: (t) => ({
      source: t.field({ type: DataSource, resolve: (s) => s.source }),
      count: t.exposeInt('count'),
    }),
  });

  const TownStatus = builder.objectRef<TownCompleteness>('TownCompleteness').implement({
    description: 'Per town: firms with figures for the year, how many are complete, how many lack each source.',
    fields: (t) => ({
      townCode: t.exposeID('townCode'),
      townName: t.exposeString('townName'),
      firms: t.exposeInt('firms'),
      complete: t.exposeInt('complete'),
      missing: t.field({
        type: [SourceCount],
        resolve: (x) => SOURCE_IDS.map((source) => ({ source, count: x.missing[source] })),
      }),
    }),
  });

  const Completeness = builder.objectRef<IntakeReport['completeness']>('Completeness').implement({
    fields: (t) => ({
      firms: t.field({ type: [FirmStatus], resolve: (c) => [...c.firms] }),
      towns: t.field({ type: [TownStatus], resolve: (c) => [...c.towns] }),
    }),
  });

  const Report = builder.objectRef<IntakeReport>('ImportReport').implement({
    description:
      '导入报告: what an import read, found and wrote. Nothing is written when any row fails, unless acceptValid.',
    fields: (t) => ({
      year: t.exposeInt('year'),
      city: t.exposeID('regionCode'),
      written: t.exposeBoolean('written'),
      acceptValid: t.exposeBoolean('acceptValid'),
      records: t.exposeInt('records', {
        description: 'Firms whose year of data is written; 0 when errors refuse the import (all or nothing).',
      }),
      errorCount: t.exposeInt('errors'),
      warningCount: t.exposeInt('warnings'),
      noteCount: t.exposeInt('notes'),
      files: t.field({ type: [File], resolve: (r) => [...r.files] }),
      issues: t.field({ type: [Issue], resolve: (r) => [...r.issues] }),
      completeness: t.field({ type: Completeness, resolve: (r) => r.completeness }),
    }),
  });

  const Input = builder.inputType('ImportAnnualDataInput', {
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

  builder.mutationField('importAnnualData', (t) =>
    t.field({
      type: Report,
      description:
        'Imports one department spreadsheet (multipart upload) into the year’s annual data and returns the report. Town operators: rows of their own town only.',
      args: { input: t.arg({ type: Input, required: true }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'ImportAnnualDataResult' },
        result: { name: 'ImportAnnualDataSuccess' },
        dataField: { name: 'report' },
      },
      resolve: async (_root, { input }, ctx) => {
        const p = ctx.principal;
        const tokenCity = p.role === 'cityAdmin' || p.role === 'townOperator' ? p.cityCode : undefined;
        const city = input.city === null || input.city === undefined ? tokenCity : String(input.city);
        // An import is a saveAnnualData write: the same policy decides; each row's town is then
        // checked by the intake (a row of another town is a row error).
        const region = await authorizeWrite(
          ctx,
          'saveAnnualData',
          parseWriteInput('saveAnnualData', city === undefined ? {} : { city }),
        );
        const file = input.file as unknown as UploadedFile;
        const max = ctx.intake.limits.fileBytes;
        if (file.size > max) {
          throw invalid('input.file', 'upload.size', `the file has ${file.size} bytes; at most ${max} are accepted`);
        }
        const allowedTowns = p.role === 'townOperator' ? new Set([p.townCode]) : undefined;
        const { report } = await importAnnualData(ctx.repository, {
          files: [
            {
              name: file.name,
              bytes: new Uint8Array(await file.arrayBuffer()),
              ...(input.source ? { source: input.source as SourceId } : {}),
            },
          ],
          year: input.year,
          regionCode: region.code,
          ...(input.acceptValid ? { acceptValid: true } : {}),
          ...(allowedTowns ? { allowedTowns } : {}),
          // Planned off the event loop (the upload pool's workers read, reconcile and merge),
          // within the gateway's limits; this thread authorises and writes. No rejects workbook:
          // the report is the answer.
          limits: ctx.intake.limits,
          planner: ctx.intake.planner,
          context: { actor: actorOf(p), requestId: ctx.requestId },
        });
        // A town operator sees the data status of its own town only.
        if (!allowedTowns) return report;
        const own = (code: string) => allowedTowns.has(code) && cityOf(code) === region.code;
        return {
          ...report,
          completeness: {
            firms: report.completeness.firms.filter((f) => own(f.townCode)),
            towns: report.completeness.towns.filter((x) => own(x.townCode)),
          },
        };
      },
    }),
  );
}
