export * from './geometry-repository';
export * from './ledger-repository';
export { MemoryRepository, registryToInput } from './memory';
export * from './repository';
export * from './runs-repository';
export * from './targets-repository';
