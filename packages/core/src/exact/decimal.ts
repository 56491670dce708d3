import DecimalJs from 'decimal.js';
import { invalid } from '../errors';

/**
 * mujun's private decimal.js constructor. A clone, so that a consumer's
 * `Decimal.set(...)` on its own decimal.js never changes our results.
 *
 * Precision is large enough that addition and multiplication of the values
 * this domain sees are exact; division is never done here (see `Rational`).
 */
export const Decimal = DecimalJs.clone({
  precision: 1000,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -1000,
  toExpPos: 1000,
});

/** An exact decimal value made by mujun's private constructor. */
export type Decimal = DecimalJs;

/** What the library accepts where a decimal value is expected. */
export type DecimalInput = string | bigint | number | DecimalJs;

const DECIMAL_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The largest magnitude (10^40) and the finest fraction (10^-40) a quantity
 * may have. Far beyond any money, area or energy figure, and it keeps a
 * hostile input such as `"1e100000000"` from expanding into a number that
 * exhausts memory.
 */
export const DECIMAL_LIMITS = { maxExponent: 40, maxPlaces: 40 } as const;

function inRange(d: DecimalJs, field: string): DecimalJs {
  if (d.isZero()) return d;
  if (d.e >= DECIMAL_LIMITS.maxExponent || d.decimalPlaces() > DECIMAL_LIMITS.maxPlaces) {
    throw invalid(
      field,
      'decimal.range',
      `out of range: at most ${DECIMAL_LIMITS.maxExponent} digits before the point and ${DECIMAL_LIMITS.maxPlaces} after it`,
    );
  }
  return d;
}

/**
 * Parses a decimal from a string (`"4574"`, `"-0.0302"`, `"1.5e3"`), a bigint,
 * an integer JS number, or a decimal.js value. A JS number with a fraction is
 * refused: it has already lost exactness (0.1 is not one tenth).
 *
 * @param field - named in the error, e.g. `annualData.tax`
 * @throws ValidationError with rule `decimal.format`, `decimal.float` or `decimal.unsafeInteger`
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { toDecimal, ValidationError } from '@mujun/core';
 *
 * assert.equal(toDecimal('1.50').toString(), '1.5');
 * assert.throws(() => toDecimal(0.1 as never), ValidationError); // a float is not exact: send a string
 * ```
 */
export function toDecimal(input: DecimalInput, field = 'value'): Decimal {
  if (typeof input === 'string') {
    const s = input.trim();
    if (!DECIMAL_STRING.test(s)) {
      throw invalid(field, 'decimal.format', `"${input}" is not a decimal number`);
    }
    return inRange(new Decimal(s), field);
  }
  if (typeof input === 'bigint') return inRange(new Decimal(input.toString()), field);
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) {
      throw invalid(
        field,
        'decimal.float',
        `the JS number ${input} has a fraction and is not exact; pass the value as a string`,
      );
    }
    if (!Number.isSafeInteger(input)) {
      throw invalid(field, 'decimal.unsafeInteger', `${input} is beyond 2^53; pass it as a string or bigint`);
    }
    return new Decimal(input);
  }
  if (DecimalJs.isDecimal(input)) {
    if (!input.isFinite()) throw invalid(field, 'decimal.finite', 'NaN and Infinity are not quantities');
    // Check the range first (toFixed would expand a huge exponent), then copy the digits
    // through the string form so another clone's settings play no part.
    inRange(input, field);
    return new Decimal(input.toFixed());
  }
  throw invalid(field, 'decimal.type', `expected a decimal string, bigint or integer, got ${typeof input}`);
}

/** Whether `value` is a decimal made by mujun's own constructor. */
export function isMujunDecimal(value: unknown): value is Decimal {
  return value instanceof Decimal;
}
