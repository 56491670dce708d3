import { invalid } from '../errors';

/** A calendar date as `YYYY-MM-DD` (no time, no zone): how offices date their records. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a valid ISO date, or undefined. Integer arithmetic only. */
function toEpochDay(s: string): number | undefined {
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / MS_PER_DAY;
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
