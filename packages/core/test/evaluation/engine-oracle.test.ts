import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, parseEvaluationScheme, parseLandParcel } from '../../src/index';
import { loadAnnualDataColumns } from '../../src/internal';
import { oracleEvaluate } from '../oracle/evaluate';
import { plain } from '../oracle/plain';
import { build, TOWN_A } from './fixtures';

/*
 * The engine against the oracle (the former Rational-per-firm `evaluate`, kept
 * under test/oracle): random schemes using every feature, random cohorts whose
 * data is drawn from small pools so that exact ties, totals at …5 half-way
 * points and equal totals from different fractions are common, and every output
 * compared: values, benchmarks, partial scores, caps, totals, ranks,
 * percentiles, classes, statuses and reasons.
 */

const MODES = ['halfUp', 'halfEven', 'down', 'up'] as const;
const places = fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined });

// Pools: values at half-way points (0.125, 1.005, 0.015 …), equal sums from different parts,
// land areas that make repeating fractions (3, 6, 7 亩).
const TAX = ['0', '1', '2', '0.125', '0.375', '1.005', '0.015', '3', '4.5', '-0.5', '12.345', '0.0005'];
const VA = ['1', '2', '3', '0.5', '2.5', '10.01', '7', '0'];
const LAND = ['1', '3', '6', '7', '0.5', '2.5', '12', '0'];
const ELEC = ['1', '4', '8', '0.3', '2'];
const EMP = ['1', '3', '7', '10'];

const indicatorPool = [
  'taxPerMu',
  'valueAddedPerMu',
  'taxPerElectricity',
  'laborProductivity',
  'valueAddedPerEnergy',
] as const;

const indicatorSpec = fc.record({
  weight: fc.constantFrom('30', '20', '50', '10', '100', '12.5'),
  benchmark: fc.oneof(
    fc.constantFrom('1', '24.097', '0.2352', '3', '7', '0.5'),
    fc.constantFrom({ derive: 'ratioOfSums' }, { derive: 'meanOfRatios' }),
  ),
  cap: fc.option(fc.constantFrom('25', '100', '33.3'), { nil: undefined }),
  floor: fc.option(fc.constantFrom('0', '1', '2.5', '-1'), { nil: undefined, freq: 3 }),
  missing: fc.constantFrom('zero', 'cohortAverage', 'exclude'),
});

const classification = fc.oneof(
  fc.record({
    by: fc.constant('percentile'),
    bands: fc.constantFrom(
      [
        { class: 'A', share: '20' },
        { class: 'B', share: '60' },
        { class: 'C', share: '15' },
        { class: 'D', share: '5' },
      ],
      [
        { class: 'A', share: '30' },
        { class: 'B', share: '40' },
        { class: 'C', share: '30' },
      ],
    ),
    bandRounding: fc.constantFrom(...MODES),
    base: fc.constantFrom('ranked', 'withExempt'),
  }),
  // per-band sizes: A at most 20% (⌊⌋), D at least 5% (⌈⌉), the rest to B or C
  fc.record({
    by: fc.constant('percentile'),
    bandSizes: fc.constant('perBand'),
    base: fc.constantFrom('ranked', 'withExempt'),
    bandRounding: fc.constantFrom(...MODES),
    bands: fc.constantFrom(
      [
        { class: 'A', share: '20', rounding: 'down' },
        { class: 'B', share: '35', rounding: 'up' },
        { class: 'C', share: '40', remainder: true },
        { class: 'D', share: '5', rounding: 'up' },
      ],
      [
        { class: 'A', share: '20', rounding: 'down' },
        { class: 'B', share: '45', remainder: true },
        { class: 'C', share: '30', rounding: 'up' },
        { class: 'D', share: '5', rounding: 'down' },
      ],
    ),
  }),
  fc.record({
    by: fc.constant('threshold'),
    thresholds: fc.constantFrom(
      [{ class: 'A', atLeast: '60' }, { class: 'B', atLeast: '30.005' }, { class: 'C' }],
      [{ class: 'A', atLeast: '100' }, { class: 'D' }],
    ),
  }),
);

const cohortIndicators = fc
  .uniqueArray(fc.constantFrom(...indicatorPool), { minLength: 1, maxLength: 3 })
  .chain((ids) =>
    fc.tuple(...ids.map(() => indicatorSpec)).map((specs) => ids.map((indicator, k) => ({ indicator, ...specs[k] }))),
  );

const schemeArb = fc
  .record({
    mode: fc.constantFrom(...MODES),
    values: places,
    benchmarks: places,
    partialScores: places,
    totals: places,
    split: fc.boolean(),
    a: cohortIndicators,
    b: cohortIndicators,
    ca: classification,
    cb: classification,
    sharedParcels: fc.constantFrom('separately', 'asOneUnit'),
    adjustments: fc.subarray([
      { id: 'sublet', label: '转租', basis: { tenants: { beyond: 1 } }, points: '-5', cohorts: ['above'] },
      { id: 'relocation', label: '搬迁', basis: { fact: 'policyRelocation' }, points: '2.5' },
      { id: 'landuse', label: '违法占地', basis: { flag: 'illegalLandUse' }, points: '-3', cap: '2' },
      { id: 'tenantBonus', label: '出租', basis: { tenants: { beyond: 0 } }, points: '1' },
    ]),
    tenants: fc.constantFrom('ownEvaluation', 'landlordClass'),
  })
  .map((s) =>
    parseEvaluationScheme({
      id: 'prop',
      name: 'prop',
      jurisdiction: { code: '331003', name: '黄岩区' },
      year: 2022,
      rounding: {
        mode: s.mode,
        ...(s.values === undefined ? {} : { values: s.values }),
        ...(s.benchmarks === undefined ? {} : { benchmarks: s.benchmarks }),
        ...(s.partialScores === undefined ? {} : { partialScores: s.partialScores }),
        ...(s.totals === undefined ? {} : { totals: s.totals }),
      },
      cohorts: s.split
        ? [
            {
              id: 'above',
              name: '规上',
              membership: { scale: 'aboveDesignatedSize' },
              indicators: s.a,
              classification: s.ca,
            },
            {
              id: 'below',
              name: '规下',
              membership: { scale: 'belowDesignatedSize' },
              indicators: s.b,
              classification: s.cb,
            },
          ]
        : [{ id: 'all', name: 'all', membership: {}, indicators: s.a, classification: s.ca }],
      exemptions: [{ rule: 'utility' }, { rule: 'fact', fact: 'policyRelocation' }],
      vetoes: [{ rule: 'flag', flag: 'illegalLandUse' }],
      sharedParcels: s.sharedParcels,
      tenants: s.tenants,
      // adjustments must fit the places partial scores are rounded to (rule adjustment.places)
      adjustments: s.adjustments
        .filter((a) => s.partialScores === undefined || s.partialScores >= 1 || !a.points.includes('.'))
        .map((a) => (s.split || !a.cohorts ? a : { ...a, cohorts: undefined })),
    }),
  );

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 4 });
const firmArb = fc.record({
  above: fc.boolean(),
  tax: opt(fc.constantFrom(...TAX)),
  valueAdded: opt(fc.constantFrom(...VA)),
  landArea: opt(fc.constantFrom(...LAND)),
  electricity: opt(fc.constantFrom(...ELEC)),
  employees: opt(fc.constantFrom(...EMP)),
  energy: opt(fc.constantFrom(...ELEC)),
  utility: fc.nat(12),
  vetoed: fc.nat(12),
  relocating: fc.nat(12),
  parcel: fc.constantFrom(undefined, undefined, undefined, 'P-1', 'P-2'),
  landlord: fc.option(fc.nat(20), { nil: undefined, freq: 5 }),
  copyOf: fc.option(fc.nat(20), { nil: undefined, freq: 2 }),
});

type FirmSpec = typeof firmArb extends fc.Arbitrary<infer T> ? T : never;

const parcels = [
  parseLandParcel({ id: 'P-1', townCode: TOWN_A, area: '9', category: 'inUse' }),
  parseLandParcel({ id: 'P-2', townCode: TOWN_A, area: '7', category: 'inUse' }),
];

function world(specs: FirmSpec[]) {
  // `copyOf` repeats an earlier firm's data: exact ties between different firms.
  const resolved = specs.map((s, i) => {
    const src = s.copyOf !== undefined && s.copyOf < i ? (specs[s.copyOf] as typeof s) : s;
    return { ...src, utility: s.utility, vetoed: s.vetoed, relocating: s.relocating, landlord: s.landlord };
  });
  const w = build(
    resolved.map((s, i) => {
      const data: Record<string, string | number> = {};
      for (const f of ['tax', 'valueAdded', 'landArea', 'electricity', 'energy'] as const) {
        const v = s[f];
        if (v !== undefined) data[f] = v;
      }
      if (s.employees !== undefined) data.employees = Number(s.employees);
      if (s.above) data.revenue = '2500';
      return {
        n: i + 1,
        scale: s.above ? ('aboveDesignatedSize' as const) : ('belowDesignatedSize' as const),
        industry: s.utility === 0 ? '4411' : '1751',
        flags: s.vetoed === 0 ? ['illegalLandUse'] : [],
        parcelIds: s.parcel ? [s.parcel] : [],
        data,
      };
    }),
  );
  const facts: Record<string, 'policyRelocation'[]> = {};
  const tenancies: { tenant: string; landlord: string }[] = [];
  for (const [i, s] of resolved.entries()) {
    if (s.relocating === 0) facts[w.uscc(i + 1)] = ['policyRelocation'];
    if (s.landlord !== undefined && s.landlord !== i && s.landlord < resolved.length)
      tenancies.push({ tenant: w.uscc(i + 1), landlord: w.uscc(s.landlord + 1) });
  }
  return { ...w, parcels, facts, tenancies };
}

describe('the engine equals the oracle', () => {
  it('on random schemes and cohorts with constructed ties and half-way totals: every output', () => {
    fc.assert(
      fc.property(schemeArb, fc.array(firmArb, { minLength: 1, maxLength: 18 }), (scheme, specs) => {
        const input = world(specs);
        const r = evaluate(scheme, input);
        expect(plain(r)).toEqual(plain(oracleEvaluate(scheme, input)));
        for (const [i, e] of r.enterprises.entries()) expect(r.totalReportedOf(i)).toBe(e.totalReported);
      }),
      { numRuns: 300 },
    );
  });

  it('reads bulk-loaded columns the same as records', () => {
    fc.assert(
      fc.property(schemeArb, fc.array(firmArb, { minLength: 1, maxLength: 12 }), (scheme, specs) => {
        const input = world(specs);
        const rows = input.annualData.map((d) => ({
          uscc: d.uscc,
          year: String(d.year),
          scale: d.scale,
          tax: d.tax?.toFixed('wanYuan', { places: 6 }),
          valueAdded: d.valueAdded?.toFixed('wanYuan', { places: 6 }),
          revenue: d.revenue?.toFixed('wanYuan', { places: 6 }),
          landArea: d.landArea?.toFixed('mu', { places: 6 }),
          electricity: d.electricity?.toFixed('wanKWh', { places: 6 }),
          energy: d.energy?.toFixed('tce', { places: 6 }),
          employees: d.employees?.toFixed('person', { places: 0 }),
        }));
        const loaded = loadAnnualDataColumns(rows);
        if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
        const { annualData: _records, ...rest } = input;
        expect(plain(evaluate(scheme, { ...rest, annualDataColumns: loaded.columns }))).toEqual(
          plain(evaluate(scheme, input)),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('the filter falls back exactly where it must', () => {
  // 黄岩-style rounding: values and partial scores exact, totals to 2 places.
  const scheme = (indicators: unknown[]) =>
    parseEvaluationScheme({
      id: 'hy',
      name: 'hy',
      jurisdiction: { code: '331003', name: '黄岩区' },
      year: 2022,
      rounding: { mode: 'halfUp', totals: 2 },
      cohorts: [
        {
          id: 'all',
          name: 'all',
          membership: {},
          indicators,
          classification: { by: 'threshold', thresholds: [{ class: 'A', atLeast: '0.125' }, { class: 'B' }] },
        },
      ],
    });
  const B = 'belowDesignatedSize' as const;

  it('decides a total exactly at a …5 half-way point, and equal totals from different fractions', () => {
    const s = scheme([
      { indicator: 'taxPerMu', weight: '1', benchmark: '3' },
      { indicator: 'taxPerElectricity', weight: '1', benchmark: '3' },
    ]);
    const w = build([
      // 0.375/1/3 = 0.125 exactly (no 用电量: 0) → 0.13, half-up at the third decimal
      { n: 1, scale: B, data: { tax: '0.375', landArea: '1' } },
      // the same total 2/9 from different parts: 1/9 + 1/9, and 2/9 + 0
      { n: 2, scale: B, data: { tax: '1', landArea: '3', electricity: '3' } },
      { n: 3, scale: B, data: { tax: '2', landArea: '3' } },
    ]);
    const r = evaluate(s, w);
    const o = oracleEvaluate(s, w);
    expect(plain(r)).toEqual(plain(o));
    expect(r.enterprises[0]?.totalReported).toBe('0.13');
    expect(r.enterprises[0]?.total?.toString()).toBe('13/100');
    expect(r.enterprises[1]?.total?.toString()).toBe('11/50');
    expect(r.enterprises.map((e) => e.rank)).toEqual([3, 1, 1]);
    expect(r.fallbacks).toBeGreaterThan(0);
  });

  it('unrounded totals: ties of equal fractions are exact ties; neighbours within the bound are ordered exactly', () => {
    const s = parseEvaluationScheme({
      ...scheme([{ indicator: 'taxPerMu', weight: '1', benchmark: '1' }]),
      rounding: { mode: 'halfUp' },
      cohorts: [
        {
          id: 'all',
          name: 'all',
          membership: {},
          indicators: [
            { indicator: 'taxPerMu', weight: '1', benchmark: '1' },
            { indicator: 'valueAddedPerMu', weight: '1', benchmark: '1' },
          ],
          classification: {
            by: 'percentile',
            bands: [
              { class: 'A', share: '50' },
              { class: 'B', share: '50' },
            ],
          },
        },
      ],
    });
    const w = build([
      { n: 1, scale: B, data: { tax: '1', valueAdded: '2', landArea: '3' } }, // 1/3 + 2/3 = 1
      { n: 2, scale: B, data: { tax: '5', valueAdded: '2', landArea: '7' } }, // 5/7 + 2/7 = 1
      { n: 3, scale: B, data: { tax: '1', valueAdded: '0.000000000000001', landArea: '1' } }, // 1 + 1e-15
      { n: 4, scale: B, data: { tax: '0.999999', valueAdded: '0', landArea: '1' } },
    ]);
    const r = evaluate(s, w);
    expect(plain(r)).toEqual(plain(oracleEvaluate(s, w)));
    expect(r.enterprises.map((e) => e.rank)).toEqual([2, 2, 1, 4]);
    expect(r.enterprises[0]?.reasons.map((x) => x.code)).toContain('tie');
    expect(r.fallbacks).toBeGreaterThan(0);
  });
});
