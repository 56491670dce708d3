export * from './annual-data';
export { safeParseAnnualData } from './bulk-records';
export * from './date';
export * from './enterprise';
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
} from './fields';
export * from './land-parcel';
export * from './park';
export * from './region';
export * from './registry';
export * from './serialize';
