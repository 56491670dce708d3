export * from './canonical';
export * from './class-changes';
export * from './policy-list';
export * from './rules';
export * from './run';
export * from './summary';
