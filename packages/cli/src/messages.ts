/** Messages of the `mujun` command people read, in one module. */
export const cliMessages = {
  /** The embedded store is held by another process (usually `mujun serve` or `pnpm start`). */
  storeLocked: (detail: string) =>
    `${detail.replace(/^\[mujun\] /, '')}\nIf it is the gateway: stop it (Ctrl-C in its terminal) and run this command again, or upload through the running gateway instead (the dashboard's 数据导入 page or the importAnnualData mutation), which writes into the same store safely.`,
} as const;
