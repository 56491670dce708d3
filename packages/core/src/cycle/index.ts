/**
 * The cycle layer (`@mujun/core/cycle`): one async function per step of the
 * yearly evaluation cycle over the `Repository` interface, no I/O of its own.
 * The gateway, the `mujun` CLI and the examples call these; none re-assembles
 * a rule (docs/architecture.md).
 */
export * from './evaluate';
export * from './ids';
export * from './population';
export * from './runs';
export * from './schemes';
