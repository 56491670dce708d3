export { DECIMAL_LIMITS, Decimal, type DecimalInput, isMujunDecimal, toDecimal } from './decimal';
export { formatScaled, parseRational, pow10, Rational, type RationalInput } from './rational';
export {
  checkRounding,
  DEFAULT_ROUNDING,
  divideRounded,
  divideRoundedSafe,
  ROUNDING_MODES,
  type RoundingMode,
  type RoundingOptions,
  roundFiltered,
} from './rounding';
