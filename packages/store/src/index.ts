/**
 * @mujun/store — mujun's PostgreSQL persistence. PGlite (embedded, a data
 * folder) by default; a PostgreSQL server through a connection URL.
 *
 * The drivers are separate entry points (`@mujun/store/pglite`,
 * `@mujun/store/postgres`); `openStore` loads the one it needs lazily.
 */

export { datasetIssues, exportDataset, importDataset, readDatasetDir, writeDatasetDir } from './dataset-io';
export { quoteIdent, type Sql } from './driver';
export { dumpTables } from './dump';
export { listFirmLocations, listGeometries, saveFirmLocations, saveGeometries } from './geometry';
export { type DataDirLock, type LockHolder, lockDataDir, lockFileOf, StoreLockedError } from './lock';
export { storeMessages } from './messages';
export { MIGRATIONS, type Migration, migrate } from './migrations';
export { openStore, type Store, type StoreOptions } from './open';
export { SqlRepository, writeRecords } from './repository';
export { drawnAreaMembersInStore, hasPostgis, shapesAtPoint } from './spatial';
export { type FigureValues, type YearlyFiguresSql, yearlyFiguresSql } from './statistics';
