import { describe, expect, it } from 'vitest';
import { growthByTown } from '../../src/evaluation/index';
import {
  evaluate,
  evaluationPreset,
  parseEvaluationScheme,
  parseLandParcel,
  summarizeEvaluation,
} from '../../src/index';
import { belowThreshold } from '../../src/internal';
import { build, TOWN_A, TOWN_B } from './fixtures';

describe('临海 preset (2014–2016 method)', () => {
  const w = build([
    {
      n: 1,
      year: 2016,
      data: {
        landArea: '10',
        tax: '200',
        sales: '4000',
        revenue: '4000',
        valueAdded: '1200',
        energy: '300',
        cod: '2',
        water: '10000',
        employees: 100,
      },
    },
    // < 3亩: 单位电耗税收 benchmark 2元/千瓦时 = 2万元/万千瓦时
    {
      n: 2,
      year: 2016,
      scale: 'belowDesignatedSize',
      data: { landArea: '2', tax: '20', sales: '500', electricity: '8' },
    },
    // 规下 with 5亩: no cohort in this method
    { n: 3, year: 2016, scale: 'belowDesignatedSize', data: { landArea: '5', tax: '20' } },
    // 规上 without COD data (score 0 for that indicator)
    {
      n: 4,
      year: 2016,
      data: {
        landArea: '10',
        tax: '150',
        sales: '3000',
        revenue: '3000',
        valueAdded: '900',
        energy: '300',
        water: '9000',
        employees: 90,
      },
    },
  ]);
  const r = evaluate(evaluationPreset('linhai-2016'), w);

  it('scores 规上 >= 3亩 with six weighted indicators by hand', () => {
    // 40×20/15 + 10×400/300 + 20×4/3 + 15×600/500 + 5×0.12/0.1 + 10×12/15 = 125.33
    expect(r.enterprises[0]?.indicators.map((i) => i.reported.partialScore)).toEqual([
      '53.33',
      '13.33',
      '26.67',
      '18.00',
      '6.00',
      '8.00',
    ]);
    expect(r.enterprises[0]?.indicators.map((i) => i.partialScore.toString())).toEqual([
      '160/3',
      '40/3',
      '80/3',
      '18',
      '6',
      '8',
    ]);
    expect(r.enterprises[0]?.total?.toString()).toBe('376/3');
    expect(r.enterprises[0]?.totalReported).toBe('125.33');
  });

  it('converts the 2元/千瓦时 benchmark and scores < 3亩 firms', () => {
    const e = r.enterprises[1];
    expect(e?.cohortId).toBe('landBelow3Mu');
    expect(e?.indicators[2]?.reported.benchmark).toBe('2.0000');
    // 50×10/15 + 20×250/300 + 30×2.5/2 = 87.50
    expect(e?.indicators.map((i) => [i.value?.toString(), i.partialScore.toString()])).toEqual([
      ['10', '100/3'],
      ['250', '50/3'],
      ['5/2', '75/2'],
    ]);
    expect(e?.total?.toString()).toBe('175/2');
    expect(e?.totalReported).toBe('87.50');
  });

  it('leaves a firm outside every cohort unevaluated, with the reason', () => {
    expect(r.enterprises[2]).toMatchObject({ status: 'notEvaluated', class: null });
    expect(r.enterprises[2]?.reasons[0]?.code).toBe('noCohort');
  });

  it('scores missing COD data 0', () => {
    const e = r.enterprises[3];
    expect(e?.indicators[3]).toMatchObject({ indicator: 'valueAddedPerCod', value: null, missing: 'denominator' });
    // 40×15/15 + 10×300/300 + 20×3/3 + 0 + 5×0.1/0.1 + 10×10/15 = 81.67
    expect(e?.totalReported).toBe('81.67');
  });
});

describe('template preset (derived benchmarks, caps, shared parcels, tenants)', () => {
  const w = build([
    {
      n: 1,
      data: {
        landArea: '10',
        tax: '100',
        valueAdded: '500',
        revenue: '3000',
        employees: 50,
        energy: '100',
        emissionEquivalent: '1',
        rdExpense: '60',
      },
    },
    {
      n: 2,
      town: TOWN_B,
      data: {
        landArea: '10',
        tax: '300',
        valueAdded: '700',
        revenue: '4000',
        employees: 70,
        energy: '200',
        emissionEquivalent: '2',
        rdExpense: '40',
      },
    },
    // no emission data: the template fills the cohort's average partial score
    {
      n: 3,
      data: {
        landArea: '5',
        tax: '50',
        valueAdded: '200',
        revenue: '2500',
        employees: 40,
        energy: '100',
        rdExpense: '25',
      },
    },
    // 4 and 5 share parcel P-1 (10亩) and each reports it: evaluated as one unit with the land once
    {
      n: 4,
      parcelIds: ['P-1'],
      data: {
        landArea: '10',
        tax: '20',
        valueAdded: '100',
        revenue: '2100',
        employees: 20,
        energy: '50',
        emissionEquivalent: '0.5',
        rdExpense: '10',
      },
    },
    {
      n: 5,
      parcelIds: ['P-1'],
      data: {
        landArea: '10',
        tax: '10',
        valueAdded: '60',
        revenue: '2000',
        employees: 10,
        energy: '30',
        emissionEquivalent: '0.5',
        rdExpense: '0',
      },
    },
    // tenants (承租企业) form their own cohort in the template
    { n: 21, scale: 'belowDesignatedSize', data: { landArea: '1', tax: '5', electricity: '10' } },
    { n: 22, scale: 'belowDesignatedSize', data: { landArea: '2', tax: '30', electricity: '20' } },
  ]);
  const parcels = [parseLandParcel({ id: 'P-1', townCode: TOWN_A, area: '10', category: 'inUse' })];
  const tenancies = [
    { tenant: w.uscc(21), landlord: w.uscc(1) },
    { tenant: w.uscc(22), landlord: w.uscc(1) },
  ];
  const r = evaluate(evaluationPreset('template-percentile'), { ...w, parcels, tenancies });
  const of = (n: number) => r.enterprises.find((e) => e.uscc === w.uscc(n));

  it('derives benchmarks as ratios of sums over the units (land of a shared parcel counted once)', () => {
    const c = r.cohorts.find((x) => x.id === 'aboveDesignatedSize');
    // 亩均税收 = (100 + 300 + 50 + 30) / (10 + 10 + 5 + 10) = 96/7
    expect(c?.benchmarks.map((b) => [b.indicator, b.derivation, b.value.toString()])).toEqual([
      ['taxPerMu', 'ratioOfSums', '96/7'],
      ['valueAddedPerMu', 'ratioOfSums', '312/7'],
      ['valueAddedPerEnergy', 'ratioOfSums', '13/4'],
      ['valueAddedPerEmission', 'ratioOfSums', '340'],
      ['laborProductivity', 'ratioOfSums', '156/19'],
      ['rdIntensity', 'ratioOfSums', '27/2720'],
    ]);
  });

  it('caps partial scores at 2 × weight and fills missing emission with the cohort average', () => {
    expect(of(2)?.indicators[0]).toMatchObject({ capped: true });
    expect(of(2)?.indicators.map((i) => i.reported.partialScore)).toEqual([
      '60.00',
      '31.41',
      '21.54',
      '10.29',
      '12.18',
      '10.07',
    ]);
    // by hand (docs/evaluation.md): 30 × 30/(96/7) = 525/8 capped at 60; 20 × 70/(312/7) = 1225/39;
    // 20 × 3.5/(13/4) = 280/13; 10 × 350/340 = 175/17; 10 × 10/(156/19) = 475/39; 10 × 0.01/(27/2720) = 272/27
    expect(of(2)?.indicators.map((i) => i.partialScore.toString())).toEqual([
      '60',
      '1225/39',
      '280/13',
      '175/17',
      '475/39',
      '272/27',
    ]);
    expect(of(2)?.total?.toString()).toBe('868177/5967');
    expect(of(1)?.indicators[5]?.reported.partialScore).toBe('20.00');
    // (14.71 + 10.29 + 4.71) / 3 exactly = 9.90
    expect(of(3)?.indicators[3]?.reported.partialScore).toBe('9.90');
    expect([1, 2, 3, 4, 5].map((n) => [of(n)?.totalReported, of(n)?.class])).toEqual([
      ['121.97', 'B'],
      ['145.50', 'A'],
      ['78.20', 'B'],
      ['39.71', 'C'],
      ['39.71', 'C'],
    ]);
    expect(of(5)?.unitId).toBe(w.uscc(4));
    expect(of(5)?.unitMembers).toEqual([w.uscc(4), w.uscc(5)]);
  });

  it('ranks tenants in their own cohort', () => {
    expect([21, 22].map((n) => [of(n)?.cohortId, of(n)?.totalReported, of(n)?.class])).toEqual([
      ['tenants', '42.86', 'B'],
      ['tenants', '128.57', 'B'],
    ]);
  });

  it('gives tenants their landlord class when the scheme says so', () => {
    const scheme = evaluationPreset('template-percentile', { tenants: 'landlordClass' });
    const rr = evaluate(scheme, { ...w, parcels, tenancies });
    const t = rr.enterprises.find((e) => e.uscc === w.uscc(21));
    expect(t).toMatchObject({ status: 'landlordClass', class: 'B', total: null });
  });

  it('derives a mean-of-ratios benchmark when asked', () => {
    const doc = {
      id: 'mean',
      name: 'mean of ratios',
      jurisdiction: { code: '330000', name: '浙江' },
      year: 2022,
      cohorts: [
        {
          id: 'all',
          name: 'all',
          membership: {},
          indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: { derive: 'meanOfRatios' } }],
          classification: { by: 'threshold', thresholds: [{ class: 'A', atLeast: '100' }, { class: 'C' }] },
        },
      ],
    };
    const rr = evaluate(parseEvaluationScheme(doc), w);
    // 亩均税收: 10, 30, 10, (2, 1 for 4 and 5 separately), 5, 15 → mean 73/7
    expect(rr.cohorts[0]?.benchmarks[0]?.value.toString()).toBe('73/7');
    expect(rr.enterprises[1]?.class).toBe('A');
    expect(rr.enterprises[0]?.class).toBe('C');
  });
});

describe('整治提升名单 and growth per town', () => {
  const w = build([
    { n: 1, year: 2021, data: { landArea: '10', tax: '20', revenue: '3000' } },
    { n: 2, year: 2021, town: TOWN_B, data: { landArea: '10', tax: '50', revenue: '3000' } },
  ]);
  const w2 = build([
    { n: 1, year: 2022, data: { landArea: '10', tax: '25', revenue: '3000' } },
    { n: 2, year: 2022, town: TOWN_B, data: { landArea: '10', tax: '52', revenue: '3000' } },
  ]);
  it('lists firms under 3万元/亩', () => {
    const list = belowThreshold(w.enterprises, w.annualData, { year: 2021, indicator: 'taxPerMu', below: '3' });
    expect(list.map((x) => [x.uscc, x.value.toString()])).toEqual([[w.uscc(1), '2']]);
  });
  it('computes 亩均税收 growth per town against a +10% target', () => {
    const g = growthByTown(w.enterprises, [...w.annualData, ...w2.annualData], {
      indicator: 'taxPerMu',
      from: 2021,
      to: 2022,
      target: '0.10',
    });
    expect(g.map((x) => [x.townCode, x.growth?.toFixed({ places: 4 }), x.met])).toEqual([
      [TOWN_A, '0.2500', true],
      [TOWN_B, '0.0400', false],
    ]);
  });
  it('reads the annual data once per year, not once per town and year', () => {
    const towns = [TOWN_A, TOWN_B, '331003102000', '331003103000', '331003104000'];
    const many = build(
      towns.flatMap((town, t) =>
        [2021, 2022].map((year) => ({
          n: t + 1,
          year,
          town,
          data: { landArea: '10', tax: String(20 + t + year - 2021), revenue: '3000' },
        })),
      ),
    );
    const enterprises = many.enterprises.filter((_, i) => i % 2 === 0);
    let reads = 0;
    const counted = new Proxy([...many.annualData], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    const g = growthByTown(enterprises, counted, { indicator: 'taxPerMu', from: 2021, to: 2022 });
    // 亩均税收 (20 + t) / 10 → (21 + t) / 10: growth 1 / (20 + t)
    expect(g.map((x) => x.growth?.toString())).toEqual(['1/20', '1/21', '1/22', '1/23', '1/24']);
    expect(reads).toBeLessThanOrEqual(2 * many.annualData.length);
  });
  it('summary counts', () => {
    const s = summarizeEvaluation(evaluate(evaluationPreset('huangyan-2021'), w));
    expect(s.total.B + s.total.A + s.total.C + s.total.D).toBe(2);
  });
});
