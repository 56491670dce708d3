export * from './iso-week';
export * from './progress';
export * from './ranking';
export * from './target-set';
export * from './targets';
export * from './warning';
