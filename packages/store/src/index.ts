/**
 * @mujun/store — mujun's PostgreSQL persistence. PGlite (embedded, a data
 * folder) by default; a PostgreSQL server through a connection URL.
 */

export { datasetIssues, exportDataset, importDataset, readDatasetDir, writeDatasetDir } from './dataset-io';
export { quoteIdent, type Sql } from './driver';
export { openPglite } from './drivers/pglite';
export { openPostgres } from './drivers/postgres';
export { dumpTables } from './dump';
export { MIGRATIONS, type Migration, migrate } from './migrations';
export { openStore, type Store, type StoreOptions } from './open';
export { SqlRepository, writeRecords } from './repository';
export { type FigureValues, type YearlyFiguresSql, yearlyFiguresSql } from './statistics';
