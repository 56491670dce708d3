/**
 * Display helpers over the API's decimal strings. Values are never turned
 * into binary floats for display; `geometry` is the one place a string
 * becomes a JS number, for a bar's width or a chart coordinate.
 */

/** Drops insignificant trailing zeros of a decimal string the API already rounded: "4574.00" → "4574". */
export function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}

/** A decimal string as a number for drawing only (widths, chart positions); never shown. */
export function geometry(decimal: string | null | undefined): number {
  if (decimal == null) return 0;
  const n = Number(decimal);
  return Number.isFinite(n) ? n : 0;
}

/** Percent (0–100+) clamped to a CSS width. */
export function widthPercent(percent: string | null | undefined): string {
  return `${Math.max(0, Math.min(100, geometry(percent)))}%`;
}

const CHINA_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * The 北京时间 calendar day (YYYY-MM-DD) of an API timestamp, as the gateway
 * counts notice windows (core's `chinaDate`, which the browser bundle cannot
 * import without zod and node:crypto); an unreadable timestamp shows as is.
 */
export function chinaDay(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : CHINA_DAY.format(ms);
}
