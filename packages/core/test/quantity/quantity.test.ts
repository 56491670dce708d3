import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Area,
  Electricity,
  Emission,
  Energy,
  Headcount,
  Money,
  per,
  Quantity,
  Rate,
  Rational,
  ValidationError,
} from '../../src/index';

describe('Area', () => {
  it('470000 m² reads as exactly 705 亩 (47万平方米 of new parks)', () => {
    const built = Area.squareMetres('470000');
    expect(built.toDecimal('mu').toFixed()).toBe('705');
    expect(built.format('mu', { places: 0 })).toBe('705亩');
    expect(built.format('wanSquareMetre', { places: 0 })).toBe('47万平方米');
  });

  it('4574 亩 shows as 3049333.33 m² and converts back to exactly 4574 亩', () => {
    const signed = Area.mu('4574');
    expect(signed.toFixed('squareMetre', { places: 2 })).toBe('3049333.33');
    const exactM2 = signed.in('squareMetre');
    expect(exactM2.toString()).toBe('9148000/3');
    expect(() => exactM2.toDecimal()).toThrow(/no finite decimal form/);
    const back = Area.squareMetres(exactM2);
    expect(back.toDecimal('mu').toFixed()).toBe('4574');
    expect(back.equals(signed)).toBe(true);
  });

  it('converts between 亩, m² and 公顷 with 1 亩 = 10000/15 m² = 1/15 公顷', () => {
    expect(Area.mu('1').in('squareMetre').toString()).toBe('2000/3');
    expect(Area.hectares('1').toDecimal('mu').toFixed()).toBe('15');
    expect(Area.squareMetres('1').toDecimal('mu').toFixed()).toBe('0.0015');
    expect(Area.mu('45').format('hectare', { places: 2 })).toBe('3.00公顷');
  });

  it('m² -> 亩 -> m² is the identity (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 6 }), (n, scale) => {
        const m2 = Rational.of(n, 10n ** BigInt(scale));
        const area = Area.squareMetres(m2);
        const mu = area.in('mu');
        expect(mu.isFiniteDecimal()).toBe(true);
        expect(Area.mu(mu.toDecimal()).in('squareMetre').equals(m2)).toBe(true);
      }),
    );
  });

  it('亩 -> m² -> 亩 is the identity through the unrounded value (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 4 }), (n, scale) => {
        const mu = Rational.of(n, 10n ** BigInt(scale));
        expect(Area.squareMetres(Area.mu(mu).in('squareMetre')).in('mu').equals(mu)).toBe(true);
      }),
    );
  });

  it('sums of areas are associative and exact (property)', () => {
    const areaArb = fc.bigInt({ min: 0n, max: 10n ** 10n }).map((n) => Area.squareMetres(Rational.of(n, 100n)));
    fc.assert(
      fc.property(areaArb, areaArb, areaArb, (a, b, c) => {
        expect(
          a
            .plus(b)
            .plus(c)
            .equals(a.plus(b.plus(c))),
        ).toBe(true);
        expect(Area.sum([a, b, c]).minus(c).equals(a.plus(b))).toBe(true);
      }),
    );
  });
});

describe('Money', () => {
  it('reads in 元, 万元 and 亿元', () => {
    const m = Money.yuan('123456789.5');
    expect(m.toDecimal('wanYuan').toFixed()).toBe('12345.67895');
    expect(m.format('yiYuan', { places: 2 })).toBe('1.23亿元');
    expect(Money.wanYuan('2000').equals(Money.yuan('20000000'))).toBe(true);
  });

  it('adds only money to money', () => {
    const tax = Money.wanYuan('10');
    // @ts-expect-error Area + Money does not compile
    expect(() => tax.plus(Area.mu('1'))).toThrow(/cannot combine money with area/);
    // @ts-expect-error Energy - Electricity does not compile
    expect(() => Energy.tce('1').minus(Electricity.kWh('1'))).toThrow(ValidationError);
  });

  it('refuses a unit of another kind', () => {
    // @ts-expect-error mu is not a unit of money
    expect(() => Quantity.of('money', '1', 'mu')).toThrow(/"mu" is not a unit of money/);
  });
});

describe('per-unit rates', () => {
  it('Money / Area gives 万元/亩 with explicit rounding', () => {
    const perMu = per(Money.wanYuan('90'), Area.mu('30'));
    expect(perMu.format({ places: 2 })).toBe('3.00万元/亩');
    expect(perMu.in().toString()).toBe('3');
    expect(per(Money.yuan('100000'), Area.squareMetres('2000')).format({ places: 4 })).toBe('3.3333万元/亩');
  });

  it('keeps the quotient exact until rounded', () => {
    const r = per(Money.wanYuan('10'), Area.mu('3'));
    expect(r.in().toString()).toBe('10/3');
    expect(r.times('3').in().toString()).toBe('10');
  });

  it('names its units for other kinds', () => {
    expect(per(Money.wanYuan('2.694'), Energy.tce('1')).format({ places: 3 })).toBe('2.694万元/吨标准煤');
    expect(per(Money.wanYuan('18.14'), Headcount.persons(1)).format({ places: 2 })).toBe('18.14万元/人');
    expect(per(Money.wanYuan('0.2352'), Electricity.wanKWh('1')).format({ places: 4 })).toBe('0.2352万元/万千瓦时');
    expect(per(Money.wanYuan('1'), Emission.tonnes('2')).unitLabel()).toBe('万元/吨');
  });

  it('builds a published benchmark in its units and compares with a computed value', () => {
    const benchmark = Rate.of('money', 'area', '24.097', { num: 'wanYuan', den: 'mu' });
    const firm = per(Money.yuan('7229100'), Area.mu('30'));
    expect(firm.ratioTo(benchmark).toFixed({ places: 6 })).toBe('1.000000');
    expect(firm.equals(benchmark)).toBe(true);
  });

  it('refuses a zero denominator', () => {
    expect(() => per(Money.wanYuan('1'), Area.zero())).toThrow(/division by zero/);
  });
});

describe('Headcount', () => {
  it('takes whole people only', () => {
    expect(Headcount.persons(120).toDecimal().toFixed()).toBe('120');
    expect(() => Headcount.persons('12.5', 'annualData.employees')).toThrow(
      /annualData.employees: a headcount is a whole number/,
    );
    expect(() => Headcount.persons(12.5)).toThrow(/decimal.float|not exact/);
  });
});

describe('JSON', () => {
  it('serialises exactly in the default unit', () => {
    expect(JSON.stringify(Area.squareMetres('470000'))).toBe('{"kind":"area","unit":"mu","value":"705"}');
    expect(JSON.stringify(per(Money.wanYuan('10'), Area.mu('3')))).toBe(
      '{"num":"money","den":"area","unit":"万元/亩","value":"10/3"}',
    );
  });
});
