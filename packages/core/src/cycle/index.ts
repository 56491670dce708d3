/**
 * The cycle layer (年度周期): one plain async function per write step of the
 * yearly cycle and of the campaign, over the `Repository` interface. Each
 * parses and canonicalises its input, lets the caller authorise the
 * canonical values, acts all or nothing and returns what changed.
 */
export * from './campaign';
export * from './canonical';
export * from './changes';
export * from './registry';
