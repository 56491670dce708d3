import { addDays, epochDay, fromEpochDay } from '@mujun/core/model';
import { isoWeekday } from '@mujun/core/targets';
import { allocate, type Random } from './random';

/*
 * Office days of 2018 and 2019 (国务院办公厅 holiday notices): weekends and
 * public holidays are off, and the swapped weekend days (调休) are worked.
 * Town offices date their 台账 on working days; a campaign push sometimes
 * works a weekend, which the generator allows now and then.
 */
const HOLIDAYS = new Set([
  // 2018
  '2018-01-01',
  ...range('2018-02-15', '2018-02-21'),
  ...range('2018-04-05', '2018-04-07'),
  ...range('2018-04-29', '2018-05-01'),
  ...range('2018-06-16', '2018-06-18'),
  ...range('2018-09-22', '2018-09-24'),
  ...range('2018-10-01', '2018-10-07'),
  ...range('2018-12-30', '2019-01-01'),
  // 2019
  ...range('2019-02-04', '2019-02-10'),
  ...range('2019-04-05', '2019-04-07'),
  ...range('2019-05-01', '2019-05-04'),
  ...range('2019-06-07', '2019-06-09'),
  ...range('2019-09-13', '2019-09-15'),
  ...range('2019-10-01', '2019-10-07'),
]);
const SWAPPED_WORKDAYS = new Set([
  '2018-02-11',
  '2018-02-24',
  '2018-04-08',
  '2018-04-28',
  '2018-09-29',
  '2018-09-30',
  '2018-12-29',
  '2019-02-02',
  '2019-02-03',
  '2019-04-28',
  '2019-05-05',
  '2019-09-29',
  '2019-10-12',
]);

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function isWorkday(date: string): boolean {
  if (SWAPPED_WORKDAYS.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  return isoWeekday(date) <= 5;
}

/** Working days in [from, to]. */
export function workdays(from: string, to: string): string[] {
  return range(from, to).filter(isWorkday);
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (year: number, month: number) =>
  fromEpochDay(epochDay(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`) - 1);

/**
 * `count` dates in `year` spread over months by integer `profile` weights
 * (12 numbers; months after `lastMonth` get none), each a working day of its
 * month (a weekend in 1 of 20), sorted.
 */
export function datesByProfile(
  rng: Random,
  year: number,
  count: number,
  profile: readonly number[],
  lastMonth = 12,
): string[] {
  const weights = profile.map((w, i) => (i < lastMonth ? w : 0));
  const perMonth = allocate(count, weights);
  const out: string[] = [];
  perMonth.forEach((n, i) => {
    const from = `${year}-${pad(i + 1)}-01`;
    const to = monthEnd(year, i + 1);
    const work = workdays(from, to);
    const all = range(from, to);
    for (let k = 0; k < n; k++) out.push(rng.chance(5) ? rng.pick(all) : rng.pick(work));
  });
  return out.sort();
}

/** One date in `year`: a month drawn by the `profile` weights, then a working day of it. */
export function dateByProfile(rng: Random, year: number, profile: readonly number[], lastMonth = 12): string {
  const month = rng.weighted(profile.map((w, i) => (i < lastMonth ? w : 0))) + 1;
  return rng.pick(workdays(`${year}-${pad(month)}-01`, monthEnd(year, month)));
}

/** The first working day on or after `date` (the office's next day). */
export function nextWorkday(date: string): string {
  let d = date;
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** A working day `lo`–`hi` days after `date` (moved to the next working day). */
export function after(rng: Random, date: string, lo: number, hi: number): string {
  return nextWorkday(addDays(date, rng.between(lo, hi)));
}
