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
} from './kinds';
export { Quantity } from './quantity';
export { Rate, type RateUnits } from './rate';
export {
  DEFAULT_UNIT,
  defaultRateUnits,
  isUnit,
  type Kind,
  UNITS,
  type Unit,
  type UnitOf,
  unitLabel,
} from './units';
