/**
 * @mujun/intake — 部门数据归集: department spreadsheets (税务, 统计, 电力,
 * 自然资源, 生态环境, 发改/能源) as .xlsx or CSV (UTF-8 or GBK) to validated
 * `EnterpriseAnnualData`, with reconciliation, completeness and rejects
 * workbooks; and the workbooks mujun writes (templates, evaluation results).
 */
export { type Cell, cellOf, NUMBER_DIGITS, numberCellText, storedNumberCell } from './cells';
export {
  type CompletenessReport,
  completeness,
  type FirmCompleteness,
  type TownCompleteness,
} from './completeness';
export * from './geo';
export { grantsCheckWorkbook, grantsFromTable, grantsTemplateWorkbook, templateHeaderOf } from './grants-workbook';
export { detectSource, type HeaderMatch, type MappedColumn, matchHeader, splitHeader, type UnitSource } from './header';
export {
  type FileReport,
  type ImportOptions,
  type ImportOutcome,
  type IntakeFile,
  type IntakeFileReader,
  type IntakePlan,
  type IntakePlanner,
  type IntakeReport,
  importAnnualData,
  type PlanOptions,
  planIntake,
  type ReadIntakeFile,
  readerFailure,
  readIntakeFile,
} from './intake';
export { type IntakeIssue, type RowRef, sortIssues } from './issues';
export { readLegacyTable } from './legacy';
export {
  DEFAULT_LIMITS,
  type IntakeLimit,
  type IntakeLimits,
  LIMIT_NAMES,
  limitEnvName,
  limitFlagName,
  parseLimit,
  resolveLimits,
} from './limits';
export { type MergedRecord, mergeRows } from './merge';
export {
  INTAKE_RULE_LABELS,
  INTAKE_RULES,
  IntakeError,
  type IntakeRule,
  intakeMessage,
  ruleLabel,
} from './messages';
export {
  decodeText,
  type InputFile,
  readCsvTable,
  readTable,
  readXlsxTable,
  type Table,
  type TableRow,
  type TextEncoding,
} from './read';
export { normaliseName, oneCharCorrections, type ReconcileIndex, reconcileIndex, reconcileRows } from './reconcile';
export { rejectsWorkbook, sheetName } from './rejects';
export {
  type EvaluationWorkbookOptions,
  evaluationWorkbook,
  runResultsWorkbook,
  type WorkbookEvaluation,
  type WorkbookFirm,
} from './results-workbook';
export { checkFigures, readRows, type SourceRow, type SourceValue } from './rows';
export { templateHeader, templateWorkbook } from './template-workbook';
export {
  type QuantityField,
  SOURCE_IDS,
  type SourceId,
  type SourceTemplate,
  TEMPLATES,
  type TemplateColumn,
  type TemplateField,
  templateOf,
} from './templates';
export { normaliseLabel, unitOfLabel } from './units';
