import { describe, expect, it } from 'vitest';
import { EVALUATION_PRESET_IDS, evaluate, evaluationPreset, summarizeEvaluation } from '../../src/index';
import { build } from './fixtures';

// The same world under every preset: a tie, an exempt utility, a vetoed firm, a firm registered last year.
const full = {
  landArea: '10',
  tax: '150',
  valueAdded: '900',
  revenue: '3000',
  sales: '3000',
  employees: 80,
  energy: '600',
  emissionEquivalent: '0.3',
  cod: '1',
  water: '8000',
  rdExpense: '30',
  electricity: '300',
};

describe.each(EVALUATION_PRESET_IDS)('preset %s', (id) => {
  const scheme = evaluationPreset(id);
  const w = build([
    { n: 1, year: scheme.year, data: full },
    { n: 2, year: scheme.year, data: full },
    { n: 3, year: scheme.year, data: { ...full, tax: '300', valueAdded: '1500' } },
    { n: 4, year: scheme.year, data: { ...full, tax: '60', valueAdded: '400' } },
    { n: 5, year: scheme.year, data: { ...full, tax: '90', valueAdded: '600' } },
    { n: 6, year: scheme.year, industry: '4411', data: full },
    { n: 7, year: scheme.year, flags: ['illegalLandUse'], data: { ...full, tax: '900' } },
    { n: 8, year: scheme.year, registeredOn: `${scheme.year}-03-01`, data: full },
  ]);
  const r = evaluate(scheme, w);
  const of = (n: number) => r.enterprises.find((e) => e.uscc === w.uscc(n));

  it('gives tied firms one rank and one class', () => {
    // Both must be rated and ranked, or equal ranks would be two nulls.
    for (const n of [1, 2]) {
      expect(of(n)).toMatchObject({ status: 'rated' });
      expect(of(n)?.rank).toEqual(expect.any(Number));
      expect(of(n)?.class).toMatch(/^[ABCD]$/);
    }
    expect(of(1)?.rank).toBe(of(2)?.rank);
    expect(of(1)?.class).toBe(of(2)?.class);
    expect(of(1)?.totalReported).toBe(of(2)?.totalReported);
  });

  it('rates utilities and new firms T, vetoes to D', () => {
    expect(of(6)).toMatchObject({ status: 'exempt', class: 'T' });
    expect(of(8)).toMatchObject({ status: 'exempt', class: 'T' });
    expect(of(7)).toMatchObject({ status: 'vetoed', class: 'D', rank: null });
  });

  it('ranks higher totals higher, and class counts add up', () => {
    const rated = r.enterprises.filter((e) => e.status === 'rated');
    // firms 1–5 are rated in every preset, so the comparison below is not vacuous
    expect(rated.length).toBe(5);
    for (const a of rated)
      for (const b of rated) {
        if (a.total && b.total && a.total.compare(b.total) > 0) expect(a.rank ?? 0).toBeLessThan(b.rank ?? 0);
      }
    const t = summarizeEvaluation(r).total;
    expect(t.A + t.B + t.C + t.D + t.T + t.none).toBe(8);
  });
});
