import { invalid } from '../errors';
import { epochDay, fromEpochDay, type IsoDate } from '../model/date';

/**
 * ISO 8601 weeks (周次), as offices number their weekly rankings: weeks
 * start on Monday, and week 1 is the week holding the year's first
 * Thursday (so 2018-12-31 is in week 1 of 2019). Integer day arithmetic only.
 */
export interface IsoWeek {
  /** The ISO week-numbering year (may differ from the calendar year near 1 January). */
  readonly year: number;
  /** 1..52 or 53. */
  readonly week: number;
}

/** Day of the week, Monday = 1 … Sunday = 7. 1970-01-01 was a Thursday. */
export function isoWeekday(date: IsoDate): number {
  const d = epochDay(date);
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

/**
 * The ISO week a date falls in.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { formatIsoWeek, isoWeekOf } from '@mujun/core/targets';
 *
 * assert.equal(formatIsoWeek(isoWeekOf('2019-01-02')), '2019-W01');
 * assert.equal(formatIsoWeek(isoWeekOf('2018-12-31')), '2019-W01'); // the ISO year can differ near 1 January
 * ```
 */
export function isoWeekOf(date: IsoDate): IsoWeek {
  const d = epochDay(date);
  const thursday = d - isoWeekday(date) + 4;
  const year = Number(fromEpochDay(thursday).slice(0, 4));
  const jan1 = epochDay(`${String(year).padStart(4, '0')}-01-01`);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** Number of ISO weeks in `year`: 53 when the year has 53 Thursdays, else 52. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(`${String(year).padStart(4, '0')}-12-28`).week;
}

/** Monday of ISO week `week` of `year`. @throws ValidationError for a week the year does not have */
export function isoWeekStart(year: number, week: number): IsoDate {
  if (!Number.isInteger(week) || week < 1 || week > isoWeeksInYear(year)) {
    throw invalid('week', 'isoWeek.range', `${year} has no ISO week ${week}`);
  }
  const jan4 = `${String(year).padStart(4, '0')}-01-04`;
  const week1Monday = epochDay(jan4) - isoWeekday(jan4) + 1;
  return fromEpochDay(week1Monday + (week - 1) * 7);
}

/** Sunday of ISO week `week` of `year`. */
export function isoWeekEnd(year: number, week: number): IsoDate {
  return fromEpochDay(epochDay(isoWeekStart(year, week)) + 6);
}

/** `2019-W05`. */
export function formatIsoWeek(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}
