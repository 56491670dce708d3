import { RULE_LABELS } from '@mujun/core/labels';

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

/**
 * 规则说明: the Chinese sentence of every intake rule, for the people who
 * send and correct the departments' files (the import report in the
 * workbench). Typed over `IntakeRule`, so a rule without its Chinese is a
 * compile error.
 */
export const INTAKE_RULE_LABELS: { readonly [R in IntakeRule]: string } = {
  'file.format': '不是可读取的表格或文本文件（.xlsx、.xls、.et、.ods、.csv、.tsv、.txt）',
  'file.unreadable': '文件无法读取',
  'file.sheetMissing': '工作簿中没有该工作表',
  'file.empty': '工作表没有数据行',
  'file.sourceUnknown': '表头与任何模板都不匹配：请指定数据来源部门',
  'file.sourceAmbiguous': '表头与多个模板匹配：请指定数据来源部门',
  'file.worker': '文件超出读取内存限额，无法读取',
  'limit.fileBytes': '文件大小超过限额',
  'limit.decompressedBytes': '工作簿解压后大小超过限额',
  'limit.sheets': '工作表数量超过限额',
  'limit.rows': '行数超过限额',
  'limit.columns': '有单元格超出列数限额',
  'limit.cells': '已填单元格数量超过限额',
  'limit.sharedStrings': '共享字符串数量超过限额',
  'limit.headerWidth': '查找表头时某行已填单元格数量超过限额',
  'note.headerOnly': '文件只有表头，没有数据行',
  'note.sheetsSkipped': '工作簿中的其他工作表未读取',
  'note.totalRows': '已跳过合计/总计/小计行',
  'note.unknownColumns': '已忽略模板中没有的列',
  'header.notFound': '前 30 行中没有包含统一社会信用代码或企业名称的表头行',
  'header.missingColumn': '缺少必填列',
  'header.duplicateColumn': '表头中有两列表示同一字段',
  'header.unit': '表头中的单位不是该列的单位',
  'header.unitColumn': '单位列须注明所属的数量列',
  'cell.inexactNumber': '数字单元格保存的二进制小数与输入的十进制数不一致',
  'cell.numberDigits': '数字单元格超过 15 位有效数字：请以文本填写以保持精确',
  'cell.numberLostDigits': '代码填在数字单元格中丢失了位数：请将该列设为文本后重新填写',
  'cell.error': '单元格为公式错误值',
  'cell.formulaWithoutResult': '公式单元格没有保存计算结果',
  'cell.unit': '不是该列的单位',
  'cell.scale': '应为规上或规下',
  'cell.year': '该行属于其他年度',
  'reconcile.noKey': '该行既无统一社会信用代码也无企业名称',
  'reconcile.unknownEnterprise': '本地区没有该统一社会信用代码的企业',
  'reconcile.matchedByName': '无统一社会信用代码：已按企业名称匹配',
  'reconcile.nameNotFound': '无统一社会信用代码，且本地区没有该名称的企业',
  'reconcile.nameAmbiguous': '无统一社会信用代码，且有多家企业同名',
  'reconcile.nameMismatch': '企业名称与该统一社会信用代码的登记名称不一致',
  'reconcile.duplicate': '同一企业在本来源本年度出现两次',
  'reconcile.townNotAllowed': '该企业所在镇（街道）不在导入人权限范围内',
  'region.none': '尚未载入任何地区：请先载入企业名录',
  'region.ambiguous': '载入了多个地区：请指定城市',
  'region.unknown': '未载入该地区',
  'merge.firmRejected': '该企业的另一行未通过校验，其各行均未写入',
  'merge.scaleMissing': '规上/规下未知：请先或同时导入统计局数据',
};

/**
 * The Chinese sentence of a rule a row of an import report names: an intake
 * rule's, else core's (`RULE_LABELS`); undefined for a rule neither catalog
 * has in Chinese (the English message is then all there is).
 */
export function ruleLabel(rule: string): string | undefined {
  if (Object.hasOwn(INTAKE_RULE_LABELS, rule)) return INTAKE_RULE_LABELS[rule as IntakeRule];
  return Object.hasOwn(RULE_LABELS, rule) ? RULE_LABELS[rule as keyof typeof RULE_LABELS] : undefined;
}

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
