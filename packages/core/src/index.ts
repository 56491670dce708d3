/**
 * @mujun/core — exact per-mu (亩均) indicators, evaluation and the 退散进集
 * campaign domain. Pure functions and immutable values; no I/O.
 *
 * Exports are kept in path order (Biome sorts them); each module's TSDoc says what it holds.
 */

export * from './campaign/durations';
export * from './campaign/events';
export {
  type AppliedEvent,
  applyBatch,
  type BatchOptions,
  type BatchResult,
  CampaignLedger,
  type EventError,
  emptyLedger,
  FUTURE_EVENT_MARGIN_DAYS,
  parcelStages,
  rebindLedger,
  remediationFlags,
  replayLedger,
} from './campaign/ledger';
export * from './campaign/measures';
export * from './campaign/references';
export * from './campaign/statistics';
export { TONGXIANG_2018, TONGXIANG_2018_INPUT } from './data/tongxiang';
// Datasets: CSV files of a registry and its campaign events (load, validate, write)
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
} from './dataset/columns';
export { type CsvRow, type DatasetIssue, readCsv, writeCsv } from './dataset/csv';
export { type Dataset, type DatasetOptions, type DatasetResult, parseDatasetFiles } from './dataset/load';
export { datasetToFiles, eventsFileName, quantityCell } from './dataset/write';
export * from './errors';
export * from './evaluation/benchmark';
export * from './evaluation/classify';
export * from './evaluation/columns';
export * from './evaluation/engine';
export * from './evaluation/evaluate';
export * from './evaluation/indicators';
export * from './evaluation/policies';
export * from './evaluation/presets';
export * from './evaluation/scheme';
export * from './evaluation/summary';
export { DECIMAL_LIMITS, Decimal, type DecimalInput, isMujunDecimal, toDecimal } from './exact/decimal';
export { formatScaled, parseRational, pow10, Rational, type RationalInput } from './exact/rational';
export {
  checkRounding,
  DEFAULT_ROUNDING,
  divideRounded,
  divideRoundedSafe,
  ROUNDING_MODES,
  type RoundingMode,
  type RoundingOptions,
  roundFiltered,
} from './exact/rounding';
export * from './ids/division-code';
export * from './ids/industry';
export * from './ids/uscc';
export * from './labels';
export * from './model/annual-data';
export * from './model/date';
export * from './model/enterprise';
export {
  decimalString,
  divisionCodeField,
  headcountField,
  idField,
  industryField,
  isoDateField,
  nameField,
  nonNegativeQuantityField,
  parseWith,
  plainText,
  positiveQuantityField,
  quantityField,
  safeParseWith,
  textField,
  toFieldIssues,
  usccField,
  yearField,
} from './model/fields';
export * from './model/land-parcel';
export * from './model/park';
export * from './model/region';
export * from './model/registry';
export * from './model/serialize';
export {
  Area,
  Electricity,
  Emission,
  EmissionEquivalent,
  Energy,
  Headcount,
  Money,
  per,
  Water,
} from './quantity/kinds';
export { Quantity } from './quantity/quantity';
export { Rate, type RateUnits } from './quantity/rate';
export {
  DEFAULT_UNIT,
  defaultRateUnits,
  isUnit,
  type Kind,
  UNITS,
  type Unit,
  type UnitOf,
  unitLabel,
} from './quantity/units';
export * from './repository/invariants';
export * from './repository/ledger-repository';
export {
  appendDetail,
  changeCounts,
  MemoryRepository,
  registryToInput,
  targetSetDetail,
} from './repository/memory';
export * from './repository/repository';
export * from './repository/runs-repository';
// ---- GraphQL contract (issue 7): target sets and stored schemes -------------
export * from './repository/targets-repository';
export * from './rules';
export * from './runs/canonical';
export * from './runs/class-changes';
export * from './runs/policy-list';
export * from './runs/rules';
export * from './runs/run';
export * from './runs/summary';
export * from './targets/iso-week';
export * from './targets/progress';
export * from './targets/ranking';
export * from './targets/target-set';
export * from './targets/targets';
