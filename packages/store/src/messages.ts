/** Messages of @mujun/store people read, in one module. */
export const storeMessages = {
  locked: (dataDir: string, h: { pid: number; command: string; host: string; since: string }) =>
    `[mujun] the store's data folder ${dataDir} is in use by process ${h.pid} (${h.command || 'unknown command'}) on ${h.host || 'an unknown host'} since ${h.since || 'an unknown time'}; an embedded (PGlite) store is opened by one process at a time, or rows written by one are lost. Stop that process, or write through it (the gateway's mutations and uploads). If no such process runs, delete ${dataDir.replace(/[\\/]+$/, '')}.lock`,
  storedAnnualDataInvalid: (issue: { row: number; field: string; message: string }) =>
    `[mujun] stored annual data do not read back as valid columns (row ${issue.row}, ${issue.field}: ${issue.message}); the store was written outside mujun`,
} as const;
