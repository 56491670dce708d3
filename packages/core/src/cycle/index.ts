/**
 * The cycle layer (`@mujun/core/cycle`, 年度周期): one plain async function per
 * step of the yearly evaluation cycle and of the campaign, over the
 * `Repository` interface, no I/O of its own. Each parses and canonicalises its
 * input, lets the caller authorise the canonical values, acts all or nothing
 * and returns what changed. The gateway, the `mujun` CLI and the examples call
 * these; none re-assembles a rule (docs/architecture.md).
 */
export * from './campaign';
export * from './canonical';
export * from './changes';
export * from './evaluate';
export * from './ids';
export * from './population';
export * from './registry';
export * from './runs';
export * from './schemes';
