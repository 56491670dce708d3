import { ArithmeticError, invalid } from '../errors';
import { Decimal, type DecimalInput, toDecimal } from './decimal';
import { checkRounding, divideRounded, type RoundingOptions } from './rounding';

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

const TEN = 10n;
const POW10: bigint[] = [1n];
/** 10^n as a bigint (cached): the one table of powers of ten. */
export function pow10(n: number): bigint {
  for (let i = POW10.length; i <= n; i++) POW10.push((POW10[i - 1] as bigint) * TEN);
  return POW10[n] as bigint;
}

/** Anything `Rational.from` accepts. */
export type RationalInput = Rational | DecimalInput;

/**
 * An exact rational number `num / den` over bigint, always in lowest terms with
 * `den > 0`. Quotients (per-mu values, scores, m² from 亩) are kept as
 * rationals so nothing is rounded before the reporting boundary.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { Rational } from '@mujun/core';
 *
 * const third = Rational.from('1').dividedBy(Rational.from('3'));
 * assert.equal(third.times(Rational.from(3)).toString(), '1'); // exact, unlike 1/3*3 in floats
 * assert.equal(third.round({ places: 4 }).toString(), '0.3333');
 * assert.equal(Rational.from('0.1').plus(Rational.from('0.2')).toString(), '3/10');
 * ```
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** `num / den` reduced to lowest terms. */
  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new ArithmeticError('division by zero');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  /** From a decimal string, bigint, integer number, Decimal or Rational. */
  static from(input: RationalInput, field = 'value'): Rational {
    if (input instanceof Rational) return input;
    if (typeof input === 'bigint') return new Rational(input, 1n);
    const d = toDecimal(input, field);
    return Rational.fromFixed(d.toFixed());
  }

  /** Parses the plain (non-exponent) decimal string `toFixed()` produces. */
  private static fromFixed(s: string): Rational {
    const dot = s.indexOf('.');
    if (dot < 0) return new Rational(BigInt(s), 1n);
    const frac = s.slice(dot + 1);
    return Rational.of(BigInt(s.slice(0, dot) + frac), pow10(frac.length));
  }

  plus(other: Rational): Rational {
    if (this.den === other.den) return Rational.of(this.num + other.num, this.den);
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  minus(other: Rational): Rational {
    return this.plus(other.negated());
  }

  times(other: Rational): Rational {
    return Rational.of(this.num * other.num, this.den * other.den);
  }

  /** @throws ArithmeticError when `other` is zero */
  dividedBy(other: Rational): Rational {
    if (other.num === 0n) throw new ArithmeticError('division by zero');
    return Rational.of(this.num * other.den, this.den * other.num);
  }

  negated(): Rational {
    return new Rational(-this.num, this.den);
  }

  abs(): Rational {
    return this.num < 0n ? this.negated() : this;
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.num === 0n ? 0 : this.num < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  /** -1, 0 or 1 as `this` is below, equal to or above `other`. */
  compare(other: Rational): -1 | 0 | 1 {
    const l = this.num * other.den;
    const r = other.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(other: Rational): boolean {
    return this.num === other.num && this.den === other.den;
  }

  lessThan(other: Rational): boolean {
    return this.compare(other) < 0;
  }

  greaterThan(other: Rational): boolean {
    return this.compare(other) > 0;
  }

  static min(a: Rational, b: Rational): Rational {
    return a.compare(b) <= 0 ? a : b;
  }

  static max(a: Rational, b: Rational): Rational {
    return a.compare(b) >= 0 ? a : b;
  }

  /** Sum of many values (zero for none). */
  static sum(values: Iterable<Rational>): Rational {
    let acc = Rational.ZERO;
    for (const v of values) acc = acc.plus(v);
    return acc;
  }

  /** True when the value has a finite decimal expansion (den = 2^a·5^b). */
  isFiniteDecimal(): boolean {
    let d = this.den;
    while (d % 2n === 0n) d /= 2n;
    while (d % 5n === 0n) d /= 5n;
    return d === 1n;
  }

  /**
   * The exact value as a Decimal.
   * @throws ArithmeticError when the decimal expansion does not end (e.g. 1/3): round it instead
   */
  toDecimal(): Decimal {
    return new Decimal(exactDecimalString(this));
  }

  /** Rounded once, to `places` decimals with `rounding` (default 四舍五入 half-up). */
  round(options: RoundingOptions): Decimal {
    return new Decimal(this.toFixed(options));
  }

  /** Rounded plain decimal string with exactly `places` decimals, e.g. `"3.00"`. */
  toFixed(options: RoundingOptions): string {
    const { places, rounding } = checkRounding(options);
    return formatScaled(divideRounded(this.num * pow10(places), this.den, rounding), places);
  }

  /** `num/den`, or just `num` for an integer. Not for display: use `toFixed`. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/**
 * The exact value of `r` as a plain decimal string without trailing zeros
 * (`Rational.toDecimal`'s digits), made without a Decimal in between: a bulk
 * write formats every quantity of 100k records this way.
 * @throws ArithmeticError when the decimal expansion does not end (e.g. 1/3)
 */
export function exactDecimalString(r: Rational): string {
  if (!r.isFiniteDecimal()) {
    throw new ArithmeticError(`${r.toString()} has no finite decimal form; give places and a rounding mode`);
  }
  let places = 0;
  while (pow10(places) % r.den !== 0n) places++;
  return formatScaled(r.num * (pow10(places) / r.den), places);
}

/** Writes the integer `scaled / 10^places` as a plain decimal string: the one decimal formatter. */
export function formatScaled(scaled: bigint, places: number): string {
  if (places === 0) return scaled.toString();
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  const cut = digits.length - places;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** Parses `"n/d"` or a decimal string into a Rational (for JSON round-trips). */
export function parseRational(input: string, field = 'value'): Rational {
  const slash = input.indexOf('/');
  if (slash < 0) return Rational.from(input, field);
  const n = input.slice(0, slash).trim();
  const d = input.slice(slash + 1).trim();
  if (!/^[+-]?\d+$/.test(n) || !/^\d+$/.test(d) || /^0+$/.test(d)) {
    throw invalid(field, 'rational.format', `"${input}" is not a fraction n/d with a positive denominator`);
  }
  return Rational.of(BigInt(n), BigInt(d));
}
