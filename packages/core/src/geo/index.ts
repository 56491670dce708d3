/**
 * 一张图: geometry of parcels, parks and towns, firm locations, the
 * 不动产单元号, ellipsoidal areas, area comparisons and spatial questions.
 * See docs/map.md.
 */
export * from './area';
export * from './compare';
export * from './crs';
export * from './drawn-sources';
export * from './geometry';
export * from './layers';
export * from './map-layers';
export * from './point-in-polygon';
export * from './record';
export * from './rules';
export * from './run-classes';
export * from './statistics';
export * from './unit-number';
