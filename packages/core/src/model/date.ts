import { invalid } from '../errors';

/** A calendar date as `YYYY-MM-DD` (no time, no zone): how offices date their records. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The ASCII digits s[from, to) as a number, or -1 if any is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Days since 1970-01-01 for a valid ISO date `YYYY-MM-DD`, or undefined. Integer
 * arithmetic only, read character by character (it runs for every event of a replay).
 */
function toEpochDay(s: string): number | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 7);
  const d = digitsAt(s, 8, 10);
  // Years 0000–0099 are refused: Date.UTC reads them as 1900–1999, so they never named a day here.
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return undefined;
  const days = mo === 2 && isLeapYear(y) ? 29 : (DAYS_IN_MONTH[mo - 1] as number);
  if (d > days) return undefined;
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}

export function isIsoDate(s: string): boolean {
  return toEpochDay(s) !== undefined;
}

/**
 * Days since 1970-01-01 (UTC) of an ISO date.
 * @throws ValidationError with rule `date.format` naming `field`
 */
export function epochDay(date: IsoDate, field = 'date'): number {
  const day = toEpochDay(date);
  if (day === undefined) throw invalid(field, 'date.format', `"${date}" is not a calendar date YYYY-MM-DD`);
  return day;
}

/** The ISO date of a day number. */
export function fromEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to, 'to') - epochDay(from, 'from');
}

/** `date` plus `days` days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(epochDay(date) + days);
}

export function yearOf(date: IsoDate): number {
  epochDay(date);
  return Number(date.slice(0, 4));
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Compare two ISO dates: their string order is their calendar order. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
