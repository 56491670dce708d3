import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScaled } from '../../src/exact/index';
import { evaluate, parseEvaluationScheme, Rational } from '../../src/index';
import { bandBoundaries, rankByTotal } from '../../src/internal';
import { oracleEvaluate } from '../oracle/evaluate';
import { plain } from '../oracle/plain';
import { build } from './fixtures';

const dec4 = (max: number) =>
  fc.integer({ min: 0, max }).map((v) => {
    const s = String(v).padStart(5, '0');
    return `${s.slice(0, -4)}.${s.slice(-4)}`;
  });

const FIELDS = [
  'tax',
  'valueAdded',
  'landArea',
  'energy',
  'emissionEquivalent',
  'employees',
  'rdExpense',
  'revenue',
] as const;
type Row = Partial<Record<(typeof FIELDS)[number], string>>;

const row: fc.Arbitrary<Row> = fc.record(
  {
    tax: dec4(10_000_000),
    valueAdded: dec4(50_000_000),
    landArea: dec4(1_000_000),
    energy: dec4(10_000_000),
    emissionEquivalent: dec4(100_000),
    employees: fc.integer({ min: 0, max: 2000 }).map(String),
    rdExpense: dec4(1_000_000),
    revenue: dec4(100_000_000),
  },
  { requiredKeys: ['tax', 'valueAdded', 'landArea', 'energy', 'employees', 'revenue'] },
);

const INDICATORS = [
  ['taxPerMu', 'tax', 'landArea', '30'],
  ['valueAddedPerMu', 'valueAdded', 'landArea', '20'],
  ['valueAddedPerEnergy', 'valueAdded', 'energy', '20'],
  ['valueAddedPerEmission', 'valueAdded', 'emissionEquivalent', '10'],
  ['laborProductivity', 'valueAdded', 'employees', '10'],
  ['rdIntensity', 'rdExpense', 'revenue', '10'],
] as const;

const setup = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 25 }),
  fixed: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  mean: fc.boolean(),
  cap: fc.boolean(),
  mode: fc.constantFrom('halfUp' as const, 'halfEven' as const, 'down' as const, 'up' as const),
  places: fc.record({
    values: fc.integer({ min: 0, max: 4 }),
    benchmarks: fc.integer({ min: 2, max: 6 }),
    partialScores: fc.integer({ min: 2, max: 6 }),
  }),
  totalsRounded: fc.boolean(),
});

describe('evaluate equals the oracle on the 黄岩 indicators', () => {
  it('on random cohorts: values, benchmarks, partial scores, totals, ranks and classes', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const totals = s.totalsRounded ? Math.min(2, s.places.partialScores) : undefined;
        const rounding = { mode: s.mode, ...s.places, ...(totals === undefined ? {} : { totals }) };
        const benchmark = (k: number) =>
          s.fixed[k]
            ? (['24.097', '136.16', '2.694', '4929.81', '18.14', '0.0302'][k] ?? '1')
            : { derive: s.mean ? 'meanOfRatios' : 'ratioOfSums' };
        const scheme = parseEvaluationScheme({
          id: 'prop',
          name: 'prop',
          jurisdiction: { code: '331003', name: '黄岩' },
          year: 2022,
          rounding,
          cohorts: [
            {
              id: 'all',
              name: 'all',
              membership: {},
              indicators: INDICATORS.map(([indicator, , , weight], k) => ({
                indicator,
                weight,
                benchmark: benchmark(k),
                ...(s.cap ? { cap: String(Number(weight) * 2) } : {}),
              })),
              classification: {
                by: 'percentile',
                bands: [
                  { class: 'A', share: '20' },
                  { class: 'B', share: '60' },
                  { class: 'C', share: '15' },
                  { class: 'D', share: '5' },
                ],
              },
            },
          ],
        });
        const w = build(
          s.rows.map((r, i) => ({
            n: i + 1,
            scale: 'belowDesignatedSize' as const,
            data: { ...r, employees: Number(r.employees) },
          })),
        );
        expect(plain(evaluate(scheme, w))).toEqual(plain(oracleEvaluate(scheme, w)));
      }),
      { numRuns: 150 },
    );
  });

  it('formats scaled decimals exactly (the one formatter)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (v, scale) => {
        const s = formatScaled(v, scale);
        expect(Rational.from(s).equals(Rational.of(v, 10n ** BigInt(scale)))).toBe(true);
        expect(s.split('.')[1]?.length ?? 0).toBe(scale);
      }),
    );
  });
});

describe('evaluation laws', () => {
  it('a partial score scales linearly with the numerator', () => {
    fc.assert(
      fc.property(
        dec4(10_000_000),
        dec4(1_000_000).filter((s) => Number(s) > 0),
        fc.integer({ min: 1, max: 9 }),
        (tax, land, k) => {
          const scheme = parseEvaluationScheme({
            id: 'lin',
            name: 'lin',
            jurisdiction: { code: '331003', name: '黄岩' },
            year: 2022,
            cohorts: [
              {
                id: 'all',
                name: 'all',
                membership: {},
                indicators: [{ indicator: 'taxPerMu', weight: '30', benchmark: '24.097' }],
                classification: { by: 'threshold', thresholds: [{ class: 'A', atLeast: '30' }, { class: 'D' }] },
              },
            ],
          });
          const one = evaluate(scheme, build([{ n: 1, scale: 'belowDesignatedSize', data: { tax, landArea: land } }]));
          const kTax = Rational.from(tax)
            .times(Rational.of(BigInt(k)))
            .toFixed({ places: 4 });
          const many = evaluate(
            scheme,
            build([{ n: 1, scale: 'belowDesignatedSize', data: { tax: kTax, landArea: land } }]),
          );
          const a = one.enterprises[0]?.indicators[0]?.partialScore ?? Rational.ZERO;
          const b = many.enterprises[0]?.indicators[0]?.partialScore ?? Rational.ZERO;
          expect(b.equals(a.times(Rational.of(BigInt(k))))).toBe(true);
        },
      ),
    );
  });

  it('ranking is a permutation; equal totals share a rank; ranks never exceed positions', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }), (totals) => {
        const items = totals.map((t, i) => ({ key: String(i).padStart(3, '0'), total: Rational.of(BigInt(t)) }));
        const ranked = rankByTotal(items);
        expect(ranked.map((r) => r.item.key).sort()).toEqual(items.map((i) => i.key).sort());
        for (const [i, r] of ranked.entries()) {
          expect(r.position).toBe(i + 1);
          expect(r.rank).toBeLessThanOrEqual(r.position);
          const prev = ranked[i - 1];
          if (prev) {
            expect(prev.item.total.compare(r.item.total)).toBeGreaterThanOrEqual(0);
            if (prev.item.total.equals(r.item.total)) expect(r.rank).toBe(prev.rank);
            else expect(r.rank).toBe(r.position);
          }
        }
      }),
    );
  });

  it('band boundaries rise to n, so class counts add up to the cohort and classes follow ranks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
        (n, cuts) => {
          const [a, b, c] = [...cuts].sort((x, y) => x - y) as [number, number, number];
          const shares = [a, b - a, c - b, 100 - c].map((x) => Rational.of(BigInt(x)));
          const bounds = bandBoundaries(shares, n, 'halfUp');
          expect(bounds[bounds.length - 1]).toBe(n);
          for (let j = 1; j < bounds.length; j++) expect(bounds[j]).toBeGreaterThanOrEqual(bounds[j - 1] ?? 0);
          const sizes = bounds.map((x, j) => x - (bounds[j - 1] ?? 0));
          expect(sizes.reduce((s, x) => s + x, 0)).toBe(n);
        },
      ),
    );
  });
});
