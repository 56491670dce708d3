/**
 * 标准地 (land grants): commitments, pricing rules, checks at 竣工验收 and 达产复核,
 * consequences, the due-for-check list and the link to 退散进集. docs/land-grants.md.
 */

export * from '../repository/grants-repository';
export * from './checks';
export * from './commitments';
export * from './consequences';
export * from './indicators';
export * from './labels';
export * from './model';
export * from './penalties';
export * from './presets';
export * from './pricing';
export * from './published';
export * from './resupply';
export * from './rules';
export * from './schedule';
export * from './steps';
