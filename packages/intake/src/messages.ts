/**
 * Every rule @mujun/intake reports, with its message, in one module: tests
 * assert rule ids, people read the messages. Rules of the domain itself
 * (`uscc.checkDigit`, `nonNegative`, `decimal.format`, ...) come from
 * @mujun/core's schemas unchanged.
 */
export const INTAKE_RULES = {
  // files and sheets
  'file.format': 'not a spreadsheet or text file mujun reads (.xlsx, .xls, .et, .ods, .csv, .tsv, .txt)',
  'file.unreadable': 'the file could not be read',
  'file.sheetMissing': 'the workbook has no such sheet',
  'file.empty': 'the sheet holds no rows',
  'file.sourceUnknown': 'no template matches the header row; name the source (--source)',
  'file.sourceAmbiguous': 'the header row fits more than one template; name the source (--source)',
  'file.worker': 'the file could not be read: its reader stopped (out of memory or time, or it failed)',
  // limits (导入限额): the file is refused whole
  'limit.fileBytes': 'the file is larger than the limit on file size',
  'limit.decompressedBytes': 'the workbook inflates to more than the limit on decompressed size',
  'limit.sheets': 'the workbook has more worksheets than the limit',
  'limit.rows': 'the sheet has more rows than the limit',
  'limit.columns': 'a cell lies beyond the limit on columns',
  'limit.cells': 'the sheet has more filled cells than the limit',
  'limit.sharedStrings': 'the workbook has more shared strings than the limit',
  'limit.headerWidth': 'a row searched for the header has more filled cells than the limit on header width',
  // notes: said in the report, nothing refused
  'note.headerOnly': 'the file has a header row and no data rows',
  'note.sheetsSkipped': 'the workbook has other worksheets, which were not read (name one with --sheet)',
  'note.totalRows': 'total rows (合计/总计/小计) were skipped',
  'note.unknownColumns': 'columns no template names were ignored',
  // header row
  'header.notFound': 'no header row naming a key column (统一社会信用代码 or 企业名称) in the first 30 rows',
  'header.missingColumn': 'a required column is missing',
  'header.duplicateColumn': 'two columns of the header row mean the same field',
  'header.unit': 'the unit in the header is not a unit of this column',
  'header.unitColumn': 'a unit column must say which quantity column it belongs to',
  // cells
  'cell.inexactNumber': 'the number cell holds a binary fraction that is not a decimal as typed',
  'cell.numberDigits':
    'the number cell stores more than 15 significant digits, more than a spreadsheet number keeps: type the figure as text to keep it exactly',
  'cell.numberLostDigits':
    'a code was typed into a number cell and lost digits: format the column as text and type it again',
  'cell.error': 'the cell holds a spreadsheet error',
  'cell.formulaWithoutResult': 'the formula cell has no saved result',
  'cell.unit': 'not a unit of this column',
  'cell.scale': 'must be 规上 or 规下',
  'cell.year': 'the row is for another year',
  // reconciliation
  'reconcile.noKey': 'the row has neither 统一社会信用代码 nor 企业名称',
  'reconcile.unknownEnterprise': 'no enterprise of the region has this 统一社会信用代码',
  'reconcile.matchedByName': 'no 统一社会信用代码: matched by enterprise name',
  'reconcile.nameNotFound': 'no 统一社会信用代码 and no enterprise of the region has this name',
  'reconcile.nameAmbiguous': 'no 统一社会信用代码 and several enterprises have this name',
  'reconcile.nameMismatch': 'the name differs from the registry name of this 统一社会信用代码',
  'reconcile.duplicate': 'the same enterprise appears twice for this source and year',
  'reconcile.townNotAllowed': 'the enterprise is in a town the importer may not write',
  // the store
  'region.none': 'the store holds no region: load a registry first (mujun load)',
  'region.ambiguous': 'the store holds several regions: name one (--city)',
  'region.unknown': 'the region is not in the store',
  // merge
  'merge.firmRejected': 'another row of this enterprise broke a rule, so none of its rows is written',
  'merge.scaleMissing': '规上/规下 is unknown: import the 统计 file in the same run or before',
} as const;

export type IntakeRule = keyof typeof INTAKE_RULES;

/** The message of an intake rule, with an optional detail after a colon. */
export function intakeMessage(rule: IntakeRule, detail?: string): string {
  return detail === undefined ? INTAKE_RULES[rule] : `${INTAKE_RULES[rule]}: ${detail}`;
}

/** Thrown for input that is not a usable file at all (the CLI exits 1 with it). */
export class IntakeError extends Error {
  readonly rule: IntakeRule;
  readonly file: string;
  /** What is wrong in particular (the library's own message, the sheets the workbook has, ...). */
  readonly detail: string | undefined;
  constructor(file: string, rule: IntakeRule, detail?: string) {
    super(`[mujun] ${file}: ${intakeMessage(rule, detail)} (${rule})`);
    this.name = 'IntakeError';
    this.rule = rule;
    this.file = file;
    this.detail = detail;
  }
}
