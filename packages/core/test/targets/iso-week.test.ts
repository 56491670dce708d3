import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../src/index';
import { addDays } from '../../src/model/index';
import { formatIsoWeek, isoWeekday, isoWeekEnd, isoWeekStart, isoWeeksInYear } from '../../src/targets/index';

describe('ISO weeks', () => {
  it('numbers weeks across year boundaries', () => {
    expect(isoWeekOf('2018-12-31')).toEqual({ year: 2019, week: 1 });
    expect(isoWeekOf('2019-01-06')).toEqual({ year: 2019, week: 1 });
    expect(isoWeekOf('2019-01-07')).toEqual({ year: 2019, week: 2 });
    expect(isoWeekOf('2019-12-30')).toEqual({ year: 2020, week: 1 });
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf('2016-01-03')).toEqual({ year: 2015, week: 53 });
    expect(isoWeekOf('2017-01-01')).toEqual({ year: 2016, week: 52 });
    expect(isoWeekOf('2024-02-29')).toEqual({ year: 2024, week: 9 });
    expect(formatIsoWeek(isoWeekOf('2019-01-24'))).toBe('2019-W04');
  });

  it('knows 52- and 53-week years and week bounds', () => {
    expect([2015, 2018, 2019, 2020, 2026].map(isoWeeksInYear)).toEqual([53, 52, 52, 53, 53]);
    expect(isoWeekStart(2019, 1)).toBe('2018-12-31');
    expect(isoWeekEnd(2019, 52)).toBe('2019-12-29');
    expect(isoWeekStart(2020, 53)).toBe('2020-12-28');
    expect(() => isoWeekStart(2019, 53)).toThrow(/no ISO week 53/);
    expect(isoWeekday('2019-01-24')).toBe(4);
  });

  it('agrees with the calendar for any date (property)', () => {
    const day = fc.integer({ min: 7300, max: 47000 }).map((n) => addDays('1970-01-01', n));
    fc.assert(
      fc.property(day, (d) => {
        const w = isoWeekOf(d);
        const start = isoWeekStart(w.year, w.week);
        expect(start <= d && d <= isoWeekEnd(w.year, w.week)).toBe(true);
        expect(isoWeekday(start)).toBe(1);
        expect(w.week).toBeLessThanOrEqual(isoWeeksInYear(w.year));
        const js = new Date(`${d}T00:00:00Z`).getUTCDay();
        expect(isoWeekday(d)).toBe(js === 0 ? 7 : js);
        const next = isoWeekOf(addDays(d, 1));
        if (isoWeekday(d) === 7) expect(next).not.toEqual(w);
        else expect(next).toEqual(w);
      }),
    );
  });
});
