import { describe, expect, it } from 'vitest';
import { evaluate, parseEvaluationScheme, parseLandParcel, Rational } from '../../src/index';
import { classByThreshold } from '../../src/internal';
import { build, probeScheme, TOWN_A } from './fixtures';

// 规下 firms: no 营业收入 needed.
const B = 'belowDesignatedSize' as const;

describe("missing data policy 'exclude'", () => {
  const scheme = probeScheme({
    cohorts: [
      {
        id: 'all',
        name: 'all',
        membership: {},
        indicators: [
          { indicator: 'taxPerMu', weight: '50', benchmark: { derive: 'ratioOfSums' } },
          { indicator: 'taxPerElectricity', weight: '50', benchmark: '1', missing: 'exclude' },
        ],
        classification: {
          by: 'percentile',
          bands: [
            { class: 'A', share: '50' },
            { class: 'C', share: '50' },
          ],
        },
      },
    ],
  });
  const w = build([
    { n: 1, scale: B, data: { landArea: '10', tax: '40', electricity: '40' } },
    { n: 2, scale: B, data: { landArea: '10', tax: '20', electricity: '40' } },
    // no 用电量: left out, and its 100万元/亩 must not lift the derived 亩均税收 benchmark
    { n: 3, scale: B, data: { landArea: '1', tax: '100' } },
  ]);
  const r = evaluate(scheme, w);

  it('leaves the firm unscored and unranked, with the reason', () => {
    expect(r.enterprises[2]).toMatchObject({ status: 'excluded', class: null, total: null, rank: null });
    expect(r.enterprises[2]?.reasons.map((x) => x.code)).toEqual(['missing.taxPerElectricity', 'excluded']);
  });

  it('keeps it out of derived benchmarks and the ranking', () => {
    // (40 + 20) / (10 + 10) = 3, not (40 + 20 + 100) / 21
    expect(r.cohorts[0]?.benchmarks[0]?.value.toString()).toBe('3');
    expect(r.cohorts[0]?.ranked).toBe(2);
    // 50 × 4/3 + 50 × 1 = 350/3; 50 × 2/3 + 50 × 1/2 = 175/3
    expect(r.enterprises[0]).toMatchObject({ rank: 1, rankedCount: 2, class: 'A' });
    expect(r.enterprises[0]?.total?.toString()).toBe('350/3');
    expect(r.enterprises[1]).toMatchObject({ rank: 2, class: 'C' });
    expect(r.enterprises[1]?.total?.toString()).toBe('175/3');
  });
});

describe('exemption landSuppliedWithinYears (供地未满N年)', () => {
  const scheme = probeScheme({ exemptions: [{ rule: 'landSuppliedWithinYears', years: 2 }] });
  const parcel = (id: string, suppliedOn?: string) =>
    parseLandParcel({ id, townCode: TOWN_A, area: '10', category: 'inUse', ...(suppliedOn ? { suppliedOn } : {}) });
  const parcels = [
    parcel('P-2021-01-01', '2021-01-01'),
    parcel('P-2020-12-31', '2020-12-31'),
    parcel('P-2015', '2015-05-01'),
    parcel('P-2022', '2022-03-01'),
    parcel('P-unknown'),
  ];
  const w = build([
    { n: 1, scale: B, parcelIds: ['P-2021-01-01'], data: { landArea: '10', tax: '50' } },
    // supplied exactly 2 years before the reference date 2022-12-31: no longer "within 2 years"
    { n: 2, scale: B, parcelIds: ['P-2020-12-31'], data: { landArea: '10', tax: '50' } },
    // the earliest parcel counts: on its land since 2015
    { n: 3, scale: B, parcelIds: ['P-2022', 'P-2015'], data: { landArea: '20', tax: '50' } },
    // no 供地日期: the rule cannot apply
    { n: 4, scale: B, parcelIds: ['P-unknown'], data: { landArea: '10', tax: '50' } },
  ]);
  const r = evaluate(scheme, { ...w, parcels });

  it('rates a firm on land supplied less than 2 years before the reference date T', () => {
    expect(r.enterprises[0]).toMatchObject({ status: 'exempt', class: 'T' });
    expect(r.enterprises[0]?.reasons).toEqual([
      { code: 'exempt.landSuppliedWithinYears', message: '免评：供地未满2年' },
    ]);
  });

  it('rates the others: exactly 2 years, an older earliest parcel, no date', () => {
    expect(r.enterprises.slice(1).map((e) => e.status)).toEqual(['rated', 'rated', 'rated']);
  });

  it('counts to referenceDate when the scheme sets one', () => {
    const early = evaluate(
      probeScheme({ exemptions: [{ rule: 'landSuppliedWithinYears', years: 2 }], referenceDate: '2022-12-30' }),
      { ...w, parcels },
    );
    expect(early.enterprises[1]).toMatchObject({ status: 'exempt', class: 'T' });
  });
});

describe('fact-based exemption and veto (EvaluationInput.facts)', () => {
  const scheme = probeScheme({
    exemptions: [{ rule: 'fact', fact: 'policyRelocation', note: '2022年列入搬迁计划' }],
    vetoes: [{ rule: 'fact', fact: 'majorSafetyIncident' }],
  });
  const w = build([
    { n: 1, scale: B, data: { landArea: '10', tax: '50' } },
    { n: 2, scale: B, data: { landArea: '10', tax: '70' } },
    { n: 3, scale: B, data: { landArea: '10', tax: '90' } },
    { n: 4, scale: B, data: { landArea: '10', tax: '30' } },
  ]);
  const facts = {
    [w.uscc(1)]: ['policyRelocation' as const],
    [w.uscc(2)]: ['majorSafetyIncident' as const],
    // both: the veto wins
    [w.uscc(3)]: ['policyRelocation' as const, 'majorSafetyIncident' as const],
  };
  const r = evaluate(scheme, { ...w, facts });

  it('exempts a firm under 政策性搬迁 (T) with the note in the reason', () => {
    expect(r.enterprises[0]).toMatchObject({ status: 'exempt', class: 'T', total: null });
    expect(r.enterprises[0]?.reasons).toEqual([
      { code: 'exempt.policyRelocation', message: '免评：政策性搬迁（2022年列入搬迁计划）' },
    ]);
  });

  it('vetoes a firm with a 重大安全生产事故 to D, still scored but not ranked', () => {
    expect(r.enterprises[1]).toMatchObject({ status: 'vetoed', class: 'D', rank: null });
    expect(r.enterprises[1]?.totalReported).toBe('700.00');
    expect(r.enterprises[1]?.reasons[0]).toEqual({
      code: 'veto.majorSafetyIncident',
      message: '一票否决：重大安全生产事故',
    });
    expect(r.enterprises[2]).toMatchObject({ status: 'vetoed', class: 'D' });
  });

  it('applies facts to their firm only; without facts nobody is picked out', () => {
    expect(r.enterprises[3]).toMatchObject({ status: 'rated', class: 'C', rank: 1, rankedCount: 1 });
    const none = evaluate(scheme, w);
    expect(none.enterprises.map((e) => e.status)).toEqual(['rated', 'rated', 'rated', 'rated']);
  });
});

describe('classification by score thresholds', () => {
  const thresholds = [
    { class: 'A' as const, atLeast: Rational.from('90') },
    { class: 'B' as const, atLeast: Rational.from('70') },
    { class: 'C' as const, atLeast: Rational.from('50') },
    { class: 'D' as const },
  ];

  it.each([
    ['100', 'A'],
    ['90', 'A'],
    ['89.999', 'B'],
    ['70', 'B'],
    ['69.99', 'C'],
    ['50', 'C'],
    ['49.99', 'D'],
    ['-5', 'D'],
  ])('classByThreshold(%s) = %s', (total, cls) => {
    expect(classByThreshold(Rational.from(total), thresholds)).toBe(cls);
  });

  const doc = (rounding: Record<string, unknown>) =>
    parseEvaluationScheme({
      id: 'threshold',
      name: 'threshold',
      jurisdiction: { code: '331003', name: '黄岩区' },
      year: 2022,
      rounding,
      cohorts: [
        {
          id: 'all',
          name: 'all',
          membership: {},
          indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '1' }],
          classification: {
            by: 'threshold',
            thresholds: [
              { class: 'A', atLeast: '90' },
              { class: 'B', atLeast: '70' },
              { class: 'C', atLeast: '50' },
              { class: 'D' },
            ],
          },
        },
      ],
    });
  // 亩均税收 on 100亩 = tax / 100, so the total is the tax in 万元.
  const w = build(
    ['90', '89.995', '70', '50', '49.99'].map((tax, i) => ({ n: i + 1, scale: B, data: { landArea: '100', tax } })),
  );

  it('classes each firm on its own total, boundaries inclusive', () => {
    const r = evaluate(doc({}), w);
    expect(r.enterprises.map((e) => [e.total?.toString(), e.class, e.reasons.at(-1)?.code])).toEqual([
      ['90', 'A', 'threshold'],
      ['17999/200', 'B', 'threshold'],
      ['70', 'B', 'threshold'],
      ['50', 'C', 'threshold'],
      ['4999/100', 'D', 'threshold'],
    ]);
  });

  it('classes on the rounded total when the scheme rounds totals (89.995 → 90.00 is A)', () => {
    const r = evaluate(doc({ totals: 2 }), w);
    expect(r.enterprises[1]).toMatchObject({ totalReported: '90.00', class: 'A' });
    const down = evaluate(doc({ totals: 2, mode: 'down' }), w);
    expect(down.enterprises[1]).toMatchObject({ totalReported: '89.99', class: 'B' });
  });
});
