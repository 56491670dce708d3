import { describe, expect, it } from 'vitest';
import {
  applyPolicies,
  evaluate,
  evaluationPreset,
  parsePolicyTable,
  Rational,
  summarizeEvaluation,
} from '../../src/index';
import { build, TOWN_B } from './fixtures';

// 规上 figures; money in 万元, land in 亩, energy in 吨标准煤, emission in 当量吨.
const P1 = {
  landArea: '10',
  tax: '481.94',
  valueAdded: '2723.2',
  revenue: '9000',
  employees: 150,
  energy: '1361.6',
  emissionEquivalent: '0.5524',
  rdExpense: '270',
};
const world = build([
  { n: 1, data: P1 },
  { n: 2, data: P1, town: TOWN_B },
  {
    n: 3,
    data: {
      landArea: '20',
      tax: '400',
      valueAdded: '2000',
      revenue: '6000',
      employees: 120,
      energy: '800',
      emissionEquivalent: '0.5',
      rdExpense: '150',
    },
  },
  {
    n: 4,
    industry: '3311',
    data: {
      landArea: '15',
      tax: '150',
      valueAdded: '900',
      revenue: '3000',
      employees: 80,
      energy: '600',
      emissionEquivalent: '0.3',
      rdExpense: '30',
    },
  },
  {
    n: 5,
    data: {
      landArea: '8',
      tax: '40',
      valueAdded: '300',
      revenue: '2500',
      employees: 60,
      energy: '250',
      emissionEquivalent: '0.2',
      rdExpense: '0',
      electricity: '120',
    },
  },
  // 6: no emission data (policy: score 0)
  {
    n: 6,
    data: {
      landArea: '12',
      tax: '300',
      valueAdded: '1500',
      revenue: '5000',
      employees: 100,
      energy: '500',
      rdExpense: '120',
    },
  },
  // 7: 违法占地 → 一票否决 (would otherwise rank first)
  {
    n: 7,
    flags: ['illegalLandUse'],
    data: {
      landArea: '5',
      tax: '500',
      valueAdded: '2000',
      revenue: '8000',
      employees: 50,
      energy: '300',
      emissionEquivalent: '0.1',
      rdExpense: '400',
    },
  },
  // 8: registered in 2021, under 2 years → 免评 T
  { n: 8, registeredOn: '2021-06-01', data: { landArea: '3', tax: '1', revenue: '2000' } },
  // 9: 电力生产 (utility) → T
  { n: 9, industry: '4411', data: { landArea: '30', tax: '10', revenue: '50000' } },
  // 规下
  { n: 11, scale: 'belowDesignatedSize', data: { landArea: '4', tax: '46.3728', electricity: '197.16' } },
  { n: 12, scale: 'belowDesignatedSize', data: { landArea: '2', tax: '5', electricity: '50' } },
  { n: 13, scale: 'belowDesignatedSize', data: { landArea: '6', tax: '30', electricity: '80' } },
]);
const { uscc } = world;

describe('黄岩 2022 preset', () => {
  const scheme = evaluationPreset('huangyan-2022');
  const result = evaluate(scheme, world);
  const of = (n: number) => {
    const r = result.enterprises.find((e) => e.uscc === uscc(n));
    if (!r) throw new Error(`no result for ${n}`);
    return r;
  };

  it('scores a 规上 firm by hand: 亩均税收 48.194 = 2 × 24.097 → 60, and so on', () => {
    const r = of(1);
    expect(r.cohortId).toBe('aboveDesignatedSize');
    expect(
      r.indicators.map((i) => [i.indicator, i.reported.value, i.reported.benchmark, i.reported.partialScore]),
    ).toEqual([
      ['taxPerMu', '48.1940', '24.0970', '60.00'],
      ['valueAddedPerMu', '272.3200', '136.1600', '40.00'],
      ['valueAddedPerEnergy', '2.0000', '2.6940', '14.85'],
      ['valueAddedPerEmission', '4929.7610', '4929.8100', '10.00'],
      ['laborProductivity', '18.1547', '18.1400', '10.01'],
      ['rdIntensity', '0.0300', '0.0302', '9.93'],
    ]);
    // 20 × 2 / 2.694 = 20000/1347 exactly
    expect(r.indicators[2]?.partialScore.equals(Rational.of(20000n, 1347n))).toBe(true);
    expect(r.total?.toString()).toBe('6061661994361471816/41865321953258373');
    expect(r.totalReported).toBe('144.79');
  });

  it('ranks with ties sharing a rank and both taking the better band', () => {
    // 6 ranked firms: A boundary round(1.2) = 1, B round(4.8) = 5, C round(5.7) = 6, D gets none.
    expect(result.cohorts[0]?.boundaries).toEqual([1, 5, 6, 6]);
    const table = [1, 2, 6, 3, 4, 5].map((n) => [of(n).rank, of(n).totalReported, of(n).class]);
    expect(table).toEqual([
      [1, '144.79', 'A'],
      [1, '144.79', 'A'],
      [3, '87.97', 'B'],
      [4, '83.73', 'B'],
      [5, '48.00', 'B'],
      [6, '26.44', 'C'],
    ]);
    expect(of(2).reasons.map((x) => x.code)).toContain('tie');
    expect(of(1).percentileReported).toBe('16.67');
  });

  it('scores a missing emission indicator 0 and says so', () => {
    const r = of(6);
    expect(r.indicators[3]).toMatchObject({ missing: 'denominator', value: null });
    expect(r.indicators[3]?.reported.partialScore).toBe('0.00');
    expect(r.reasons.map((x) => x.code)).toContain('missing.valueAddedPerEmission');
  });

  it('forces a vetoed firm to D with its reason and keeps it out of the ranking', () => {
    const r = of(7);
    expect(r).toMatchObject({ status: 'vetoed', class: 'D', rank: null });
    expect(r.totalReported).not.toBeNull();
    expect(r.reasons[0]).toEqual({ code: 'veto.illegalLandUse', message: '一票否决：违法占地' });
  });

  it('rates exempt firms T with the reason', () => {
    expect(of(8)).toMatchObject({ status: 'exempt', class: 'T', total: null });
    expect(of(8).reasons[0]?.message).toBe('免评：注册未满2年');
    expect(of(9).reasons[0]?.code).toBe('exempt.utility');
  });

  it('scores 规下 on 亩均税收 50 + 单位电耗税收 50 in a cohort too small for every band', () => {
    expect([11, 12, 13].map((n) => [of(n).totalReported, of(n).rank, of(n).class])).toEqual([
      ['100.00', 2, 'B'],
      ['32.04', 3, 'C'],
      ['101.28', 1, 'A'],
    ]);
    // 3 firms: A round(0.6) = 1, B round(2.4) = 2, C round(2.85) = 3; D is empty.
    expect(result.cohorts[1]?.boundaries).toEqual([1, 2, 3, 3]);
  });

  it('summarises classes per cohort, town and industry; class counts add up', () => {
    const s = summarizeEvaluation(result);
    expect(s.byCohort.aboveDesignatedSize).toEqual({ A: 2, B: 3, C: 1, D: 1, T: 2, none: 0 });
    expect(s.byTown[TOWN_B]).toEqual({ A: 1, B: 0, C: 0, D: 0, T: 0, none: 0 });
    expect(s.byIndustry['33']).toEqual({ A: 0, B: 1, C: 0, D: 0, T: 0, none: 0 });
    const t = s.total;
    expect(t.A + t.B + t.C + t.D + t.T + t.none).toBe(world.enterprises.length);
  });

  it('computes differentiated policy amounts from the firm data', () => {
    const table = parsePolicyTable({
      id: 'demo',
      name: '差别化政策',
      measures: [
        { kind: 'electricitySurcharge', class: 'C', yuanPerKWh: '0.10' },
        { kind: 'landUseTaxRelief', class: 'A', share: '1', taxYuanPerSquareMetre: '6' },
        { kind: 'note', class: 'A', text: '用能、用地指标优先保障' },
      ],
    });
    const c = applyPolicies(table, of(5), world.annualData[4]);
    // 120万千瓦时 × 0.10元 = 12万元
    expect(c.net.format('wanYuan', { places: 2 })).toBe('12.00万元');
    const a = applyPolicies(table, of(1), world.annualData[0]);
    // 10亩 = 20000/3 m² × 6元 = 40000元 relief
    expect(a.net.format('yuan', { places: 2 })).toBe('-40000.00元');
    expect(a.measures).toHaveLength(2);
  });
});

describe('黄岩 2021 preset', () => {
  it('uses the 2021 benchmarks', () => {
    const w = build([
      {
        n: 3,
        year: 2021,
        data: {
          landArea: '20',
          tax: '400',
          valueAdded: '2000',
          revenue: '6000',
          employees: 120,
          energy: '800',
          emissionEquivalent: '0.5',
          rdExpense: '150',
        },
      },
      { n: 12, year: 2021, scale: 'belowDesignatedSize', data: { landArea: '2', tax: '5', electricity: '50' } },
    ]);
    const r = evaluate(evaluationPreset('huangyan-2021'), w);
    expect(r.enterprises[0]?.indicators.map((i) => i.reported.partialScore)).toEqual([
      '23.07',
      '15.12',
      '19.69',
      '8.23',
      '9.55',
      '8.20',
    ]);
    expect(r.enterprises[0]?.totalReported).toBe('83.85');
    // By hand, exactly (weight × value / benchmark):
    //   亩均税收        30 × (400/20) / 26.01        = 600/26.01   = 20000/867
    //   亩均增加值      20 × (2000/20) / 132.27      = 2000/132.27 = 200000/13227
    //   单位能耗增加值  20 × (2000/800) / 2.54       = 50/2.54     = 2500/127
    //   单位排放增加值  10 × (2000/0.5) / 4861.08    = 40000/4861.08 = 1000000/121527
    //   全员劳动生产率  10 × (2000/120) / 17.45      = 500/52.35   = 10000/1047
    //   R&D占比         10 × (150/6000) / 0.0305     = 0.25/0.0305 = 500/61
    const byHand = [
      Rational.of(20000n, 867n),
      Rational.of(200000n, 13227n),
      Rational.of(2500n, 127n),
      Rational.of(1000000n, 121527n),
      Rational.of(10000n, 1047n),
      Rational.of(500n, 61n),
    ];
    expect(r.enterprises[0]?.indicators.map((i) => i.partialScore.toString())).toEqual(byHand.map((x) => x.toString()));
    // Σ = 35105356932943658000/418667936204604681 = 83.85012… → 83.85
    expect(r.enterprises[0]?.total?.equals(Rational.sum(byHand))).toBe(true);
    expect(r.enterprises[0]?.total?.toString()).toBe('35105356932943658000/418667936204604681');
    expect(r.enterprises[1]?.indicators.map((i) => i.reported.partialScore)).toEqual(['7.53', '21.14']);
    expect(r.enterprises[1]?.totalReported).toBe('28.67');
    // a single firm: A boundary round(0.2) = 0, so it is B
    expect(r.enterprises[1]?.class).toBe('B');
  });
});
