import DecimalJs from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Area, Decimal, Money, per, Rational, toDecimal, ValidationError } from '../../src/index';

describe('toDecimal', () => {
  it('parses decimal strings, bigints and integer numbers exactly', () => {
    expect(toDecimal('4574').toFixed()).toBe('4574');
    expect(toDecimal(' -0.0302 ').toFixed()).toBe('-0.0302');
    expect(toDecimal('1.5e3').toFixed()).toBe('1500');
    expect(toDecimal(12345678901234567890n).toFixed()).toBe('12345678901234567890');
    expect(toDecimal(585).toFixed()).toBe('585');
  });

  it('refuses a JS number with a fraction, naming the field and the rule', () => {
    try {
      toDecimal(0.1, 'annualData.tax');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const issue = (e as ValidationError).issues[0];
      expect(issue).toMatchObject({ field: 'annualData.tax', rule: 'decimal.float' });
      expect((e as Error).message).toMatch(/^\[mujun\] annualData.tax: .*pass the value as a string/);
    }
  });

  it.each(['', 'abc', '1,000', '0x10', 'NaN', 'Infinity', '1.2.3'])('refuses %j', (s) => {
    expect(() => toDecimal(s, 'f')).toThrow(/f: .* is not a decimal number/);
  });

  it('refuses values out of range instead of expanding them (a hostile exponent)', () => {
    for (const s of ['1e100000000', '1e41', '-1e40', '1e-41', `0.${'0'.repeat(40)}1`, `1${'0'.repeat(40)}`]) {
      expect(() => toDecimal(s, 'tax'), s).toThrow(/tax: out of range/);
    }
    expect(() => toDecimal(10n ** 41n)).toThrow(/decimal.range|out of range/);
    expect(() => toDecimal(new DecimalJs('1e100000000'))).toThrow(/out of range/);
    expect(toDecimal('1e39').toFixed()).toBe(`1${'0'.repeat(39)}`);
    expect(toDecimal(`0.${'0'.repeat(39)}1`).toFixed()).toBe(`0.${'0'.repeat(39)}1`);
    expect(toDecimal('0e999').toFixed()).toBe('0');
  });

  it('refuses unsafe integers and NaN', () => {
    expect(() => toDecimal(2 ** 60)).toThrow(/beyond 2\^53/);
    expect(() => toDecimal(Number.NaN)).toThrow(ValidationError);
  });

  it('accepts another decimal.js value without taking its settings', () => {
    const Other = DecimalJs.clone({ precision: 3 });
    expect(toDecimal(new Other('123.456789')).toFixed()).toBe('123.456789');
  });
});

describe('private decimal.js clone', () => {
  const saved = { precision: DecimalJs.precision, rounding: DecimalJs.rounding };
  afterEach(() => {
    DecimalJs.set(saved);
  });

  it("a consumer's Decimal.set({ precision: 5 }) changes no mujun result", () => {
    const before = {
      sum: Money.wanYuan('123456.789').plus(Money.yuan('0.01')).toFixed('yuan', { places: 2 }),
      perMu: per(Money.wanYuan('24.097'), Area.mu('3')).toFixed({ places: 6 }),
      m2: Area.mu('4574').toFixed('squareMetre', { places: 2 }),
      product: new Decimal('123456.789').times('987654.321').toFixed(),
    };
    DecimalJs.set({ precision: 5, rounding: DecimalJs.ROUND_DOWN });
    const after = {
      sum: Money.wanYuan('123456.789').plus(Money.yuan('0.01')).toFixed('yuan', { places: 2 }),
      perMu: per(Money.wanYuan('24.097'), Area.mu('3')).toFixed({ places: 6 }),
      m2: Area.mu('4574').toFixed('squareMetre', { places: 2 }),
      product: new Decimal('123456.789').times('987654.321').toFixed(),
    };
    expect(after).toEqual(before);
    expect(before.product).toBe('121932631112.635269');
    expect(before.sum).toBe('1234567890.01');
    // and the consumer's own Decimal did change, so the test can fail
    expect(new DecimalJs('123456.789').times('987654.321').toFixed()).toBe('121930000000');
    expect(Rational.from('1').toFixed({ places: 0 })).toBe('1');
  });
});
