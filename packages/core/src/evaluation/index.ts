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
export * from './classes';
export * from './classify';
export * from './columns';
export * from './engine';
export { evaluate } from './evaluate';
export { Evaluation } from './evaluation';
export * from './indicators';
export * from './policies';
export * from './presets';
export * from './public-scheme';
export * from './result';
export * from './scheme';
export * from './summary';
