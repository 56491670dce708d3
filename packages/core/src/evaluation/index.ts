export {
  type BenchmarkDerivation,
  fixedBenchmark,
  type IndicatorSample,
  meanOfRatios,
  ratioOf,
  ratioOfSums,
  resolveBenchmark,
  roundDerived,
} from './benchmark';
export * from './classify';
export * from './columns';
export * from './engine';
export * from './evaluate';
export * from './indicators';
export * from './policies';
export * from './presets';
export * from './public-scheme';
export * from './scheme';
export * from './summary';
