import { describe, expect, it } from 'vitest';
import { evaluate, parseEvaluationScheme } from '../../src/index';
import { percentileBoundaries } from '../../src/internal';
import { build } from './fixtures';

/*
 * Published class counts and the band rules that reproduce them (docs/evaluation.md,
 * "Band sizes"). Sizes are read off the boundaries: A = b0, B = b1 − b0, ...
 */

const sizes = (b: readonly number[]) => b.map((x, j) => x - (b[j - 1] ?? 0));

function percentile(bands: unknown[], extra: Record<string, unknown> = {}) {
  const s = parseEvaluationScheme({
    id: 'bands',
    name: 'bands',
    jurisdiction: { code: '331003', name: '黄岩区' },
    year: 2022,
    cohorts: [
      {
        id: 'all',
        name: 'all',
        membership: {},
        indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '1' }],
        classification: { by: 'percentile', bands, ...extra },
      },
    ],
    exemptions: [{ rule: 'utility' }],
  });
  const c = s.cohorts[0]?.classification;
  if (c?.by !== 'percentile') throw new Error('percentile');
  return { scheme: s, classification: c };
}

// 济宁高新区: A ⌊20%·N⌋, B ⌈35%·N⌉, D ⌈5%·N⌉, C the rest, with the T firms counted in N.
const jining = percentile(
  [
    { class: 'A', share: '20', rounding: 'down' },
    { class: 'B', share: '35', rounding: 'up' },
    { class: 'C', share: '40', remainder: true },
    { class: 'D', share: '5', rounding: 'up' },
  ],
  { bandSizes: 'perBand', base: 'withExempt' },
);

// 铜陵: A ⌊20%·N⌋, C ⌈30%·N⌉, D ⌊5%·N⌋, B the rest, N = the ranked firms; ties go to the better class.
const tongling = percentile(
  [
    { class: 'A', share: '20', rounding: 'down' },
    { class: 'B', share: '45', remainder: true },
    { class: 'C', share: '30', rounding: 'up' },
    { class: 'D', share: '5', rounding: 'down' },
  ],
  { bandSizes: 'perBand' },
);

describe('band sizes rounded per band, with or without T in N', () => {
  it('济宁高新 275 firms with 10 T → 55/97/99/14', () => {
    expect(sizes(percentileBoundaries(jining.classification, 265, 10))).toEqual([55, 97, 99, 14]);
    // without the T firms in N the published counts do not come out
    expect(sizes(percentileBoundaries({ ...jining.classification, base: 'ranked' }, 265, 10))).not.toEqual([
      55, 97, 99, 14,
    ]);
  });

  it('济宁高新 through evaluate: 265 ranked firms and 10 utilities (T)', () => {
    const w = build(
      Array.from({ length: 275 }, (_, i) => ({
        n: i + 1,
        scale: 'belowDesignatedSize' as const,
        industry: i < 10 ? '4411' : '1751',
        data: { tax: String(1000 - i), landArea: '1' },
      })),
    );
    const r = evaluate(jining.scheme, w);
    const count = (c: string) => r.enterprises.filter((e) => e.class === c).length;
    expect(['A', 'B', 'C', 'D', 'T'].map(count)).toEqual([55, 97, 99, 14, 10]);
  });

  it('巢湖 120 → 24/54/36/6 (A20 B45 C30 D5: every rule agrees, the shares divide 120)', () => {
    const chaohu = [
      { class: 'A', share: '20' },
      { class: 'B', share: '45' },
      { class: 'C', share: '30' },
      { class: 'D', share: '5' },
    ];
    expect(sizes(percentileBoundaries(percentile(chaohu).classification, 120, 0))).toEqual([24, 54, 36, 6]);
    expect(sizes(percentileBoundaries(tongling.classification, 120, 0))).toEqual([24, 54, 36, 6]);
  });

  it('铜陵 755 → 154/341/223/37: boundaries 151/491/718, with ties at ranks 149–154 and 489–495', () => {
    expect(percentileBoundaries(tongling.classification, 755, 0)).toEqual([151, 491, 718, 755]);
    // the cumulative half-up rule gives D 38, not the published 37
    const cumulative = percentile(
      tongling.classification.bands.map(({ class: c, share }) => ({ class: c, share: share.toFixed({ places: 0 }) })),
    );
    expect(sizes(percentileBoundaries(cumulative.classification, 755, 0))[3]).toBe(38);
    // totals: ranks 149–154 share one total, so do ranks 489–495; classes follow the shared rank
    const total = (pos: number) => (pos >= 149 && pos <= 154 ? 149 : pos >= 489 && pos <= 495 ? 489 : pos);
    const w = build(
      Array.from({ length: 755 }, (_, i) => ({
        n: i + 1,
        scale: 'belowDesignatedSize' as const,
        data: { tax: String(1000 - total(i + 1)), landArea: '1' },
      })),
    );
    const r = evaluate(tongling.scheme, w);
    const count = (c: string) => r.enterprises.filter((e) => e.class === c).length;
    expect(['A', 'B', 'C', 'D'].map(count)).toEqual([154, 341, 223, 37]);
  });

  it('refuses perBand without exactly one remainder band', () => {
    expect(() =>
      percentile(
        [
          { class: 'A', share: '50' },
          { class: 'B', share: '50' },
        ],
        { bandSizes: 'perBand' },
      ),
    ).toThrow(/classification.remainder/);
  });
});

describe('floors and 加减分', () => {
  const scheme = (patch: Record<string, unknown>) =>
    parseEvaluationScheme({
      id: 'adj',
      name: 'adj',
      jurisdiction: { code: '331081', name: '温岭市' },
      year: 2022,
      rounding: { totals: 2 },
      cohorts: [
        {
          id: 'above',
          name: '规上',
          membership: { scale: 'aboveDesignatedSize' },
          indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '10', floor: '5' }],
          classification: { by: 'threshold', thresholds: [{ class: 'A', atLeast: '50' }, { class: 'B' }] },
        },
      ],
      ...patch,
    });
  const A = 'aboveDesignatedSize' as const;

  it('raises a partial score to its floor and says so', () => {
    const w = build([{ n: 1, scale: A, data: { tax: '0.2', landArea: '1', revenue: '3000' } }]);
    const e = evaluate(scheme({}), w).enterprises[0];
    expect(e?.indicators[0]).toMatchObject({ floored: true });
    expect(e?.indicators[0]?.partialScore.toString()).toBe('5');
    expect(e?.reasons.map((x) => x.code)).toContain('floored.taxPerMu');
  });

  it('温岭 sublet rule: 规上 −5 per tenant beyond the first, no cap, before ranking', () => {
    const s = scheme({
      adjustments: [
        { id: 'sublet', label: '转租给多家企业', basis: { tenants: { beyond: 1 } }, points: '-5', cohorts: ['above'] },
      ],
    });
    const w = build([
      { n: 1, scale: A, data: { tax: '6', landArea: '1', revenue: '3000' } }, // 60, three tenants → −10
      { n: 2, scale: A, data: { tax: '5.5', landArea: '1', revenue: '3000' } }, // 55, no tenants
      { n: 3, scale: 'belowDesignatedSize', data: {} },
      { n: 4, scale: 'belowDesignatedSize', data: {} },
      { n: 5, scale: 'belowDesignatedSize', data: {} },
    ]);
    const tenancies = [3, 4, 5].map((n) => ({ tenant: w.uscc(n), landlord: w.uscc(1) }));
    const r = evaluate(s, { ...w, tenancies });
    const e = r.enterprises[0];
    expect(e?.totalReported).toBe('50.00');
    expect(e?.adjustments?.map((a) => [a.id, a.points.toString(), a.reported])).toEqual([['sublet', '-10', '-10.00']]);
    expect(e?.reasons.find((x) => x.code === 'adjustment.sublet')?.message).toBe('加减分：转租给多家企业（-10.00）');
    // applied before ranking: 55 now ranks above 60 − 10
    expect([r.enterprises[0]?.rank, r.enterprises[1]?.rank]).toEqual([2, 1]);
    expect(r.enterprises[0]?.class).toBe('A');
  });

  it('refuses points finer than the places partial scores are rounded to', () => {
    expect(() =>
      scheme({
        rounding: { partialScores: 1 },
        adjustments: [{ id: 'x', label: 'x', basis: { fact: 'policyRelocation' }, points: '0.25' }],
      }),
    ).toThrow(/adjustment.places/);
  });
});
