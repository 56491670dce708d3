/**
 * @mujun/cli — the `mujun` command: import department spreadsheets, write
 * templates, evaluate to results.xlsx, campaign statistics, load and export
 * datasets, serve the GraphQL gateway, mint development tokens.
 */
export { evaluateRegistry } from './commands/evaluate';
export { formatReport, issueLine } from './commands/import';
export { type CliIo, EXIT, processIo, UsageError } from './io';
export { main } from './main';
