export {
  ANNUAL_DATA_FILE,
  type CellType,
  type Column,
  columnOf,
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
export { type CsvRow, type DatasetIssue, readCsv, stringifyCsv, writeCsv } from './csv';
export { FORMULA_TRIGGERS, formulaSafeCell, restoreFormulaSafeCell } from './formula-safe';
export { type Dataset, type DatasetOptions, type DatasetResult, parseDatasetFiles } from './load';
export { datasetToFiles, eventsFileName, quantityCell } from './write';
