/**
 * @mujun/core/internal — UNSTABLE. Helpers shared between mujun's own packages
 * (the SQL repository reuses the repository invariants and the memory
 * repository's audit details, the test
 * oracle reuses rounding helpers), and the engine's internals the curated
 * root leaves out: annual-data columns, cohort scoring, ranking and
 * benchmark primitives, repository implementation helpers, run hashing.
 * Not covered by semver: names here may change or disappear in any release.
 * Import the root or the domain subpaths instead.
 */

export {
  ERROR_PREFIX,
  prefixed,
} from './errors';
export { roundRational } from './evaluation/benchmark';
// Engine internals, moved off the root (issue 22). Re-exported from their
// domain entry so a file split inside a domain does not move them.
export {
  type AnnualDataColumns,
  type AnnualDataRow,
  amountAt,
  annualDataColumns,
  type BelowThresholdEntry,
  type BenchmarkDerivation,
  bandBoundaries,
  bandOfRank,
  belowThreshold,
  CELL_CAPPED,
  CELL_FLOORED,
  type CellIssue,
  COLUMN_SCALE,
  type Cohort,
  type CohortEvaluation,
  type CohortInput,
  type CohortScores,
  classByThreshold,
  competitionRanks,
  type DecimalColumn,
  type FieldColumns,
  fieldAmount,
  fixedBenchmark,
  type IndicatorParts,
  type IndicatorSample,
  indicatorParts,
  indicatorValue,
  loadAnnualDataColumns,
  type Membership,
  meanOfRatios,
  percentileBoundaries,
  percentileOfRank,
  type Rankable,
  type Ranked,
  rankByTotal,
  ratioOf,
  ratioOfSums,
  resolveBenchmark,
  roundDerived,
  scoreCohort,
  toIndicatorUnits,
  withRows,
} from './evaluation/index';
export {
  isMujunDecimal,
  pow10,
  roundFiltered,
} from './exact/index';
export { USCC_WEIGHTS } from './ids/uscc';
export {
  batchOptionsOf,
  checkedScheme,
  checkedTargetSet,
  checkRunUpdate,
  eventIssues,
  importRowCount,
  mergeRegistryInput,
  registryToInput,
  replayOver,
  runAuditDetail,
  runIdOfObjection,
  runResultKey,
} from './repository/index';
export {
  checkedImport,
  checkWriteContext,
  regionExists,
  requireRegion,
  unknownRegion,
  versionConflict,
} from './repository/invariants';
export { appendDetail, changeCounts, targetSetDetail } from './repository/memory';
export {
  badInput,
  canonicalJson,
  checkResolution,
  refused,
  runResultOf,
  runScheme,
  sha256Hex,
} from './runs/index';
