/**
 * @mujun/core/internal — UNSTABLE. Helpers shared between mujun's own packages
 * (the SQL repository reuses the repository invariants and the memory
 * repository's audit details, the test
 * oracle reuses rounding helpers). Not covered by semver: names here may
 * change or disappear in any release. Import the domain subpaths instead.
 */

export { roundRational } from './evaluation/benchmark';
export { USCC_WEIGHTS } from './ids/uscc';
export {
  checkedImport,
  checkWriteContext,
  regionExists,
  requireRegion,
  unknownRegion,
  versionConflict,
} from './repository/invariants';
export { appendDetail, changeCounts, targetSetDetail } from './repository/memory';
