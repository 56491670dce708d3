import { Rational } from '@mujun/core';
import { describe, expect, it } from 'vitest';
import { readDataDir } from '../src/data';
import { evaluate2018, formatEvaluation } from '../src/evaluate-2018';

const files = readDataDir();

describe('evaluate-2018', () => {
  const r = evaluate2018(files);

  it('rates every firm that reported 2018 data with the shipped scheme', () => {
    expect(r.scheme.id).toBe('tongxiang-2018-example');
    expect(r.result.year).toBe(2018);
    const t = r.summary.total;
    expect(t.A + t.B + t.C + t.D + t.T + t.none).toBe(r.result.enterprises.length);
    // Percentile classes: A is about a fifth of the ranked firms of each cohort.
    for (const c of r.result.cohorts.filter((x) => x.ranked > 0)) {
      const inCohort = r.result.enterprises.filter((e) => e.cohortId === c.id && e.status === 'rated');
      const a = inCohort.filter((e) => e.class === 'A').length;
      expect(Math.abs(a - Math.round(c.ranked / 5))).toBeLessThanOrEqual(3);
    }
    // Class counts per town add up to the city's.
    const towns = Object.values(r.summary.byTown);
    expect(towns.reduce((a, c) => a + c.A, 0)).toBe(t.A);
    expect(towns).toHaveLength(11);
  });

  it('lists the firms under 3万元/亩 亩均税收, lowest first, each really under 3', () => {
    expect(r.below3.length).toBeGreaterThan(50);
    const three = Rational.of(3n);
    for (const e of r.below3) expect(e.value.compare(three)).toBeLessThan(0);
    for (let i = 1; i < r.below3.length; i++) {
      expect((r.below3[i - 1]?.value ?? three).compare(r.below3[i]?.value ?? three)).toBeLessThanOrEqual(0);
    }
    const text = formatEvaluation(r);
    expect(text).toContain(`亩均税收低于3万元/亩的企业 ${r.below3.length}家`);
    expect(text).toContain('全市');
  });
});
