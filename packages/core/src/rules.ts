import type { z } from 'zod';
import { GEO_RULES } from './geo/rules';
import { GRANT_RULES } from './grants/rules';
import { RUN_RULES } from './runs/rule-table';

/**
 * Every rule id @mujun/core reports, with the sentence that explains it, in
 * one module. `FieldIssue.rule` is typed `RuleId`, so a misspelt id at a call
 * site is a compile error, and `rules.test.ts` checks that every id used in
 * the sources is listed here and every id listed is used. Call sites keep
 * the literal id (`invalid('tax', 'decimal.float', …)`) and may write a more
 * specific message; a message several call sites share lives here.
 *
 * Chinese labels people read (reasons, columns) stay in `labels.ts`.
 */
export const RULES = {
  // exact numbers
  'decimal.format': 'not a decimal number such as "24.097"',
  'decimal.float': 'a JS number with a fraction is not exact: pass the value as a string',
  'decimal.unsafeInteger': 'a JS number beyond 2^53 is not exact: pass it as a string or bigint',
  'decimal.finite': 'NaN and Infinity are not quantities',
  'decimal.range': 'out of range for an exact decimal',
  'decimal.type': 'expected a decimal string, bigint or integer',
  'rational.format': 'not a fraction n/d with a positive denominator',
  'rounding.places': 'places must be a whole number in range',
  'rounding.mode': 'unknown rounding mode',
  // quantities
  'quantity.unit': 'not a unit of this kind of quantity',
  'quantity.kind': 'quantities of different kinds do not combine',
  'rate.unit': 'not a unit of this side of the rate',
  'rate.kind': 'rates of different units do not combine',
  'unit.unknown': 'not a unit this library knows',
  positive: 'must be greater than zero',
  nonNegative: 'must not be negative',
  integer: 'must be a whole number',
  unique: 'listed twice',
  invalid: 'invalid value',
  'headcount.integer': 'a headcount is a whole number',
  'share.range': 'a share is from 0 to 1 (0.3 = 30%)',
  // identifiers
  'uscc.type': 'a 统一社会信用代码 is a string',
  'uscc.length': 'a 统一社会信用代码 has 18 characters',
  'uscc.charset': 'a 统一社会信用代码 uses digits and capital letters except I, O, S, V, Z',
  'uscc.registrationAuthority': 'unknown registration authority (登记管理部门)',
  'uscc.divisionCode': 'characters 3–8 are not a 行政区划代码',
  'uscc.orgCodeCheckDigit': 'the organisation code (组织机构代码) check digit does not match',
  'uscc.checkDigit': 'the check digit does not match',
  'divisionCode.type': 'a 行政区划代码 is a string',
  'divisionCode.length': 'a 行政区划代码 has 6 or 12 digits',
  'divisionCode.charset': 'a 行政区划代码 holds digits only',
  'divisionCode.province': 'not a province of China',
  'divisionCode.hierarchy': 'a lower level is set under an empty higher level',
  'industry.type': 'an industry code is a string',
  'industry.format': 'not a GB/T 4754-2017 section letter or code',
  'industry.unknownSection': 'no such GB/T 4754-2017 section',
  'industry.unknownDivision': 'no such GB/T 4754-2017 division',
  'industry.sectionMismatch': 'the section letter does not hold the code',
  'date.format': 'must be a calendar date YYYY-MM-DD',
  'year.range': 'not a statistical year',
  'isoWeek.range': 'the year has no such ISO week',
  'text.control': 'text may not contain control characters',
  'text.surrogate': 'holds a lone surrogate (half of a UTF-16 character)',
  'id.format': 'an identifier holds letters, digits and _ . : - / only (NFKC, trimmed, at most 128 characters)',
  // registry
  'region.codeLevel': 'a region is a city (6-digit code)',
  'region.inconsistent': 'a region is given twice with different details',
  'town.codeLevel': 'a town has a 12-digit code',
  'town.withinRegion': 'the town does not lie in the region',
  'town.unique': 'the town is listed twice',
  'parcel.parkRequired': 'a parcel in a park names the park',
  'parcel.outsidePark': 'the parcel lies outside its park',
  'enterprise.fourWithoutFlag': 'the enterprise is marked 四上 without a flag saying which',
  'scale.revenueRequired': 'a 规上 enterprise needs its revenue',
  'scale.designatedSizeRevenue': 'a 规上 enterprise has revenue of at least 20 million yuan',
  'reference.region': 'no such region',
  'reference.town': 'no such town',
  'reference.townMismatch': 'the record lies in another town',
  'reference.park': 'no such park',
  'reference.phase': 'no such park phase',
  'reference.parcel': 'no such parcel',
  'reference.enterprise': 'no such enterprise',
  'reference.target': 'no such target',
  'import.regionExists': 'the region is already loaded',
  'repository.actor': 'a write names who makes it (actor)',
  // campaign events
  'event.type': 'not a campaign event type',
  'event.future': 'the event is dated after today',
  'event.dateOutOfYear': 'the event is dated outside its statistical year',
  'event.idConflict': 'an event id is reused with different content',
  'event.notApplicable': 'the event does not apply to this record',
  'idleLand.category': 'not a category of idle land',
  'idleLand.exceedsParcel': 'more idle land than the parcel holds',
  'inParkLand.category': 'not a category of in-park land',
  'inParkLand.exceedsParcel': 'more land than the parcel holds',
  'park.exceedsPhase': 'more floor area than the park phase holds',
  'parkEntry.subject': 'a park entry names an enterprise',
  'parkEntry.duplicate': 'the enterprise already entered the park',
  'remediation.subject': 'a remediation names an enterprise',
  'remediation.alreadyClosed': 'the enterprise was already closed',
  'zombie.alreadyDisposed': 'the zombie enterprise was already disposed of',
  'vacating.stageOrder': 'the parcel has not reached the previous stage',
  'vacating.dateOrder': 'a stage is dated before the previous stage',
  'vacating.exceedsParcel': 'more land vacated than the parcel holds',
  'vacating.exceedsPreviousStage': 'more land at this stage than at the previous one',
  // measures and targets
  'measure.unknown': 'no measure of that name',
  'measure.category': 'the measure has no such category',
  'period.order': 'the period ends before it starts',
  'range.order': 'the range ends before it starts',
  'target.id': 'a target id is listed twice',
  'target.unit': 'the target is counted in another unit than its measure',
  'target.measureRequired': 'a target names its measure',
  'target.periodRequired': 'a target names its period',
  'target.notAdditive': 'the measure does not add up across a breakdown',
  'target.childKind': 'a breakdown keeps the kind',
  'target.childMeasure': 'a breakdown keeps the measure',
  'target.childPeriod': 'a breakdown keeps the period',
  'target.childComparator': 'a breakdown keeps the comparator',
  'target.childScope': 'a breakdown lies inside its parent',
  'target.childDuplicate': 'a breakdown lists a scope twice',
  'ranking.empty': 'a ranking needs components',
  'ranking.components': 'ranking components do not fit',
  'ranking.targets': 'a ranking component needs a target',
  'ranking.cap': 'a cap must be greater than zero',
  'warning.order': 'the red threshold is at or above the yellow one, both at or above zero points',
  'warning.preset': 'not a warning preset this library knows',
  // evaluation schemes
  'benchmark.unit': 'a benchmark is given in a unit of its indicator',
  'benchmark.kind': 'a benchmark is of the indicator’s kind',
  'classification.order': 'classes are listed best first',
  'classification.bandsCover': 'bands cover every score',
  'classification.remainder': 'only the last class takes the remainder',
  'classification.thresholdOrder': 'thresholds fall from the best class to the worst',
  'classification.thresholdRequired': 'every class but the last has a threshold',
  'classification.thresholdsCover': 'thresholds cover every class',
  'adjustment.places': 'an adjustment is given at most at the score’s places',
  'adjustment.cohort': 'the adjustment names a cohort of the scheme',
  // data sets (CSV)
  'csv.syntax': 'not valid CSV',
  'csv.empty': 'the file has no header',
  'csv.missingColumn': 'a required column is missing',
  'csv.unknownColumn': 'a column this file does not have',
  'csv.duplicateColumn': 'a column is listed twice',
  'csv.fieldCount': 'the row has another number of fields than the header',
  'csv.notApplicable': 'the column does not apply to this row',
  'dataset.missingFile': 'a required file is missing',
  'dataset.unknownFile': 'a file this data set does not have',
  // evaluation runs: their messages live with their transitions
  ...RUN_RULES,
  // geometry (一张图): their messages live with the geometry
  ...GEO_RULES,
  // land grants (标准地): their messages live in grants/rules.ts
  ...GRANT_RULES,
} as const;

/**
 * The rule ids of every package: core's catalog, which another package's
 * catalog extends by declaration merging (the gateway's `GATEWAY_RULES`:
 * `declare module '@mujun/core' { interface RuleCatalog extends GatewayRuleTable {} }`).
 */
export interface RuleCatalog extends CoreRuleTable {}
type CoreRuleTable = { readonly [K in keyof typeof RULES]: string };

/** A rule id of core's catalog or a package's catalog merged into `RuleCatalog`. */
export type CatalogRuleId = keyof RuleCatalog;

/**
 * zod's own issue codes (`invalid_type`, `too_small`, …): a schema check
 * without a mujun rule of its own reports zod's code as its rule.
 */
export type ZodRuleId = z.core.$ZodIssue['code'];

/** The rule a `FieldIssue` names. */
export type RuleId = CatalogRuleId | ZodRuleId;

/** The families of `MujunError.code`. */
export const ERROR_CODES = {
  'invalid-input': 'an input broke one or more rules (ValidationError)',
  arithmetic: 'arithmetic without an exact answer (ArithmeticError)',
  'invalid-transition': 'a run transition its status does not allow (InvalidTransitionError)',
  'evaluation.range': 'an evaluation figure is too large to keep at its decimals',
  'not-authorised': 'the token may not do this (gateway NotAuthorisedError)',
  'version-conflict': 'the write was based on an older ledger version (VersionConflictError)',
  internal: 'a broken invariant of the library itself',
} as const;

/** The code of a `MujunError`. */
export type ErrorCode = keyof typeof ERROR_CODES;
