/**
 * 导入限额: how large a department file may be before it is refused whole.
 * The defaults fit a county's real files many times over (a county's yearly
 * 统计 file is a few thousand firms, a city's a few tens of thousands, a few
 * columns each) and keep a hostile file's cost bounded: every limit is
 * checked while the file is read, before more is read, and a file over one
 * is a file-level error naming it (`limit.<name>`).
 */
export interface IntakeLimits {
  /** Bytes of the file as sent (default 64 MiB). */
  readonly fileBytes: number;
  /** Bytes of a workbook once inflated, every part of the zip together (default 512 MiB): zip bombs. */
  readonly decompressedBytes: number;
  /** Worksheets of a workbook (default 64). */
  readonly sheets: number;
  /** Rows of the sheet read, blank ones included (default 200,000). */
  readonly rows: number;
  /** Highest column of any cell (default 512; Excel's XFD is 16,384). */
  readonly columns: number;
  /** Filled cells of the sheet read (default 4,000,000). */
  readonly cells: number;
  /** Strings of an .xlsx shared-string table (default 500,000: a city's names, codes and addresses). */
  readonly sharedStrings: number;
  /** Filled cells of a row searched for the header (default 256). */
  readonly headerWidth: number;
}

export type IntakeLimit = keyof IntakeLimits;

export const DEFAULT_LIMITS: IntakeLimits = {
  fileBytes: 64 * 1024 * 1024,
  decompressedBytes: 512 * 1024 * 1024,
  sheets: 64,
  rows: 200_000,
  columns: 512,
  cells: 4_000_000,
  sharedStrings: 500_000,
  headerWidth: 256,
};

export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as readonly IntakeLimit[];

/** `fileBytes` → `MUJUN_INTAKE_MAX_FILE_BYTES`; the CLI flag is `--max-file-bytes`. */
export const limitEnvName = (limit: IntakeLimit): string =>
  `MUJUN_INTAKE_MAX_${limit.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** `fileBytes` → `max-file-bytes`. */
export const limitFlagName = (limit: IntakeLimit): string =>
  `max-${limit.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * A limit's value as given (flag, environment variable, option): a positive
 * whole number, underscores allowed (`200_000`). Anything else is refused
 * with the limit's name, never ignored.
 */
export function parseLimit(limit: IntakeLimit, text: string | number): number {
  const t = typeof text === 'number' ? String(text) : text.trim().replace(/_/g, '');
  if (!/^[1-9]\d{0,14}$/.test(t)) {
    throw new RangeError(`[mujun] ${limit}: a limit is a positive whole number, not “${String(text)}”`);
  }
  return Number(t);
}

/**
 * The limits in force: the defaults, then the environment's
 * `MUJUN_INTAKE_MAX_*` variables, then the caller's own (a CLI flag, a
 * gateway option).
 */
export function resolveLimits(
  given: Partial<Record<IntakeLimit, number | string>> = {},
  env: Readonly<Record<string, string | undefined>> = {},
): IntakeLimits {
  const out: Record<IntakeLimit, number> = { ...DEFAULT_LIMITS };
  for (const limit of LIMIT_NAMES) {
    const fromEnv = env[limitEnvName(limit)];
    if (fromEnv !== undefined && fromEnv !== '') out[limit] = parseLimit(limit, fromEnv);
    const own = given[limit];
    if (own !== undefined) out[limit] = parseLimit(limit, own);
  }
  return out;
}
