import { Rational } from '@mujun/core';
import { percent } from '@mujun/core/targets';
import { describe, expect, it } from 'vitest';
import { readDataDir } from '../src/data';
import { formatRanking, ranking2018, ranksOf } from '../src/ranking-2018';
import { formatTargets, targets2019 } from '../src/targets-2019';

const files = readDataDir();

describe('targets-2019', () => {
  const june = targets2019(files, '2019-06-30');
  const byId = Object.fromEntries(june.progress.flatMap((p) => [p, ...p.children]).map((p) => [p.target.id, p]));

  it("builds the article's targets: city 3000亩 = 1000 + 1000 + 1000, 洲泉, 石门 31112", () => {
    const city = byId['2019-city'];
    expect(city?.target.value.toString()).toBe('3000');
    expect(city?.children.map((c) => [c.target.category, c.target.value.toString()])).toEqual([
      ['idle', '1000'],
      ['inParkInefficient', '1000'],
      ['outOfParkLowScattered', '1000'],
    ]);
    expect(city?.breakdown).toBeUndefined();
    const shimen = june.progress
      .filter((p) => p.target.id.startsWith('2019-sm-'))
      .map((p) => p.target.value.toString());
    expect(shimen).toEqual(['300', '100', '100', '100', '2']); // 31112
    expect(byId['2019-zq-factory']?.target.value.toString()).toBe('50000');
  });

  it('shows progress against 序时进度 on the given date', () => {
    const city = byId['2019-city'];
    expect(city?.scheduleRate.toString()).toBe('181/365');
    expect(city && percent(city.scheduleRate)).toBe('49.59%');
    // The three categories add up to the city's 盘活存量用地.
    const parts = Rational.sum((city?.children ?? []).map((c) => c.actual ?? Rational.ZERO));
    expect(city?.actual?.equals(parts)).toBe(true);
    // Annual measures have no 2019 data in mid-year.
    expect(byId['2019-sm-above']?.status).toBe('noData');
    expect(byId['2019-sm-tax']?.status).toBe('noData');
    expect(formatTargets(june)).toContain('序时进度 49.59%');
    // 洲泉两创中心一期 5万平方米: 3万 in May, complete in August.
    expect(byId['2019-zq-factory']?.actual?.toString()).toBe('30000');
    const sept = targets2019(files, '2019-09-30').progress.find((p) => p.target.id === '2019-zq-factory');
    expect(sept).toMatchObject({ status: 'met', metOn: '2019-08-16', early: true });
  });

  it('refuses a date that is not one', () => {
    expect(() => targets2019(files, '2019-02-30')).toThrow(RangeError);
  });
});

describe('ranking-2018', () => {
  const r = ranking2018(files);

  it('ranks the 11 towns in each of the 52 ISO weeks of 2018', () => {
    expect(r.weeks).toHaveLength(52);
    expect(r.weeks[0]?.asOf).toBe('2018-01-07');
    for (const w of r.weeks) expect(w.rows).toHaveLength(11);
  });

  it('keeps 石门 in the top three every week (综合排名始终稳居全市前三)', () => {
    const ranks = ranksOf(r, '石门');
    expect(ranks).toHaveLength(52);
    expect(Math.max(...ranks)).toBeLessThanOrEqual(3);
    // Not a foregone conclusion: other towns lead some weeks and 石门 is not always first.
    expect(new Set(r.weeks.map((w) => w.rows[0]?.townName)).size).toBeGreaterThan(1);
    expect(formatRanking(r)).toContain('始终居全市前三 ✓');
  });
});
