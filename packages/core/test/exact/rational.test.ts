import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArithmeticError, divideRounded, parseRational, Rational } from '../../src/index';

const r = (s: string) => parseRational(s);

describe('Rational', () => {
  it('keeps lowest terms with a positive denominator', () => {
    expect(Rational.of(6n, -4n).toString()).toBe('-3/2');
    expect(Rational.from('0.0015').toString()).toBe('3/2000');
    expect(Rational.from('-2.50').toString()).toBe('-5/2');
  });

  it('divides exactly and refuses zero', () => {
    expect(r('1').dividedBy(r('3')).times(r('3')).equals(Rational.ONE)).toBe(true);
    expect(() => r('1').dividedBy(Rational.ZERO)).toThrow(ArithmeticError);
    expect(() => Rational.of(1n, 0n)).toThrow(/division by zero/);
  });

  it('gives a Decimal only when the expansion ends', () => {
    expect(r('1/8').toDecimal().toFixed()).toBe('0.125');
    expect(() => r('1/3').toDecimal()).toThrow(/no finite decimal form/);
  });

  it('rounds once, by the named mode', () => {
    expect(r('2.5').toFixed({ places: 0 })).toBe('3');
    expect(r('-2.5').toFixed({ places: 0 })).toBe('-3');
    expect(r('2.5').toFixed({ places: 0, rounding: 'halfEven' })).toBe('2');
    expect(r('3.5').toFixed({ places: 0, rounding: 'halfEven' })).toBe('4');
    expect(r('2.45').toFixed({ places: 1, rounding: 'halfEven' })).toBe('2.4');
    expect(r('1/3').toFixed({ places: 4 })).toBe('0.3333');
    expect(r('2/3').toFixed({ places: 4 })).toBe('0.6667');
    expect(r('2/3').toFixed({ places: 4, rounding: 'down' })).toBe('0.6666');
    expect(r('1/3').toFixed({ places: 2, rounding: 'up' })).toBe('0.34');
    expect(r('-1/300').toFixed({ places: 2 })).toBe('0.00'); // no negative zero
    expect(r('7').toFixed({ places: 2 })).toBe('7.00');
    // (1/3) × 1.5 is exactly one half: a decimal with 50 digits of 1/3 would round it down.
    expect(r('1/3').times(r('1.5')).toFixed({ places: 0 })).toBe('1');
  });

  it('refuses bad rounding arguments with the field named', () => {
    expect(() => r('1').toFixed({ places: 1.5 })).toThrow(/rounding.places/);
    expect(() => r('1').toFixed({ places: -1 })).toThrow(/rounding.places/);
    // @ts-expect-error an unknown mode is a type error as well
    expect(() => r('1').toFixed({ places: 1, rounding: 'bankers' })).toThrow(/unknown rounding mode/);
  });

  it('parses n/d and refuses malformed fractions', () => {
    expect(r('10/4').toString()).toBe('5/2');
    expect(() => parseRational('1/0', 'x')).toThrow(/x: .*positive denominator/);
    expect(() => parseRational('a/2')).toThrow(/rational.format/);
  });
});

const decimalArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }))
  .map(([n, scale]) => Rational.of(n, 10n ** BigInt(scale)));
const rationalArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 9n }))
  .map(([n, d]) => Rational.of(n, d));

describe('arithmetic laws (property)', () => {
  it('addition is associative and commutative, with zero as identity', () => {
    fc.assert(
      fc.property(rationalArb, rationalArb, rationalArb, (a, b, c) => {
        expect(
          a
            .plus(b)
            .plus(c)
            .equals(a.plus(b.plus(c))),
        ).toBe(true);
        expect(a.plus(b).equals(b.plus(a))).toBe(true);
        expect(a.plus(Rational.ZERO).equals(a)).toBe(true);
        expect(a.minus(a).isZero()).toBe(true);
      }),
    );
  });

  it('multiplication distributes over addition; division undoes multiplication', () => {
    fc.assert(
      fc.property(rationalArb, rationalArb, rationalArb, (a, b, c) => {
        expect(a.times(b.plus(c)).equals(a.times(b).plus(a.times(c)))).toBe(true);
        if (!b.isZero()) expect(a.times(b).dividedBy(b).equals(a)).toBe(true);
      }),
    );
  });

  it('sums of decimals are exact: the sum of parts equals the whole in any order', () => {
    fc.assert(
      fc.property(fc.array(decimalArb, { maxLength: 40 }), (xs) => {
        const forward = Rational.sum(xs);
        const backward = Rational.sum([...xs].reverse());
        expect(forward.equals(backward)).toBe(true);
        expect(forward.isFiniteDecimal()).toBe(true);
      }),
    );
  });

  it('rounding never drifts by more than half a unit in the last place (half modes) or one unit (directed)', () => {
    fc.assert(
      fc.property(
        rationalArb,
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('halfUp', 'halfEven', 'down', 'up'),
        (a, places, mode) => {
          const rounded = Rational.from(a.toFixed({ places, rounding: mode }));
          const unit = Rational.of(1n, 10n ** BigInt(places));
          const drift = rounded.minus(a).abs();
          const bound = mode === 'halfUp' || mode === 'halfEven' ? unit.times(Rational.of(1n, 2n)) : unit;
          expect(drift.compare(bound) <= 0).toBe(true);
          if (mode === 'down') expect(rounded.abs().compare(a.abs()) <= 0).toBe(true);
          if (mode === 'up') expect(rounded.abs().compare(a.abs()) >= 0).toBe(true);
        },
      ),
    );
  });

  it('rounding an already-rounded value changes nothing', () => {
    fc.assert(
      fc.property(rationalArb, fc.integer({ min: 0, max: 6 }), (a, places) => {
        const once = a.toFixed({ places });
        expect(Rational.from(once).toFixed({ places })).toBe(once);
      }),
    );
  });

  it('divideRounded agrees with the definition of half-up on small integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: 1, max: 100 }), (n, d) => {
        const q = Number(divideRounded(BigInt(n), BigInt(d), 'halfUp'));
        // |n/d - q| <= 1/2, and an exact half goes away from zero
        expect(Math.abs(n - q * d) * 2 <= d).toBe(true);
        if (Math.abs(n - q * d) * 2 === d) expect(Math.abs(q * d)).toBeGreaterThan(Math.abs(n));
      }),
    );
  });
});
