import { invalid } from '../errors';

/**
 * How a value is rounded at a reporting boundary.
 * - `halfUp`: 四舍五入, half away from zero (Chinese statistical practice, the default)
 * - `halfEven`: banker's rounding, half to the even neighbour
 * - `down`: toward zero (截尾)
 * - `up`: away from zero (进一)
 */
export type RoundingMode = 'halfUp' | 'halfEven' | 'down' | 'up';

export const ROUNDING_MODES: readonly RoundingMode[] = ['halfUp', 'halfEven', 'down', 'up'];

/** A number of decimal places and a rounding mode, given where a value is reported. */
export interface RoundingOptions {
  /** Decimal places kept, 0–100. */
  readonly places: number;
  /** Defaults to `halfUp` (四舍五入). */
  readonly rounding?: RoundingMode;
}

export const DEFAULT_ROUNDING: RoundingMode = 'halfUp';

/** Checks `places` is an integer in 0..100 and the mode is known. */
export function checkRounding(options: RoundingOptions, field = 'rounding'): Required<RoundingOptions> {
  const { places } = options;
  if (!Number.isInteger(places) || places < 0 || places > 100) {
    throw invalid(`${field}.places`, 'rounding.places', `places must be an integer from 0 to 100, got ${places}`);
  }
  const rounding = options.rounding ?? DEFAULT_ROUNDING;
  if (!ROUNDING_MODES.includes(rounding)) {
    throw invalid(`${field}.rounding`, 'rounding.mode', `unknown rounding mode "${String(rounding)}"`);
  }
  return { places, rounding };
}

/**
 * Whether a quotient truncated toward zero steps one further from zero under
 * `mode`, given its remainder: `rem` is 0 (exact) or not, `half` compares
 * 2·|remainder| with the divisor (-1 below, 0 exactly half, 1 above) and `odd`
 * says whether the truncated quotient is odd. The one rounding rule of mujun:
 * the bigint and the int53 divisions below both decide through it.
 */
function stepsAway(exact: boolean, half: number, odd: boolean, mode: RoundingMode): boolean {
  if (exact) return false;
  switch (mode) {
    case 'down':
      return false;
    case 'up':
      return true;
    case 'halfUp':
      return half >= 0;
    case 'halfEven':
      return half > 0 || (half === 0 && odd);
  }
}

/**
 * Integer division of `num / den` (den > 0) rounded to an integer by `mode`.
 * The one place where mujun decides a rounding; everything else calls it
 * (or `divideRoundedSafe`, its int53 twin, which decides through the same rule).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { divideRounded } from '@mujun/core';
 *
 * assert.equal(divideRounded(5n, 2n, 'halfUp'), 3n); // 四舍五入
 * assert.equal(divideRounded(5n, 2n, 'halfEven'), 2n); // banker's rounding
 * assert.equal(divideRounded(-5n, 2n, 'down'), -2n); // toward zero
 * ```
 */
export function divideRounded(num: bigint, den: bigint, mode: RoundingMode): bigint {
  const q = num / den; // truncates toward zero
  const r = num % den; // same sign as num
  const twice = (r < 0n ? -r : r) * 2n;
  const half = twice < den ? -1 : twice > den ? 1 : 0;
  return stepsAway(r === 0n, half, q % 2n !== 0n, mode) ? q + (num < 0n ? -1n : 1n) : q;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * `divideRounded` for JS-number integers: `num / den` (den > 0) rounded by
 * `mode`, exact when |num| + den <= 2^53 − 1 (the float quotient is only a
 * guess that the integer remainder corrects). Returns NaN outside that range,
 * so a caller falls back to bigint.
 */
export function divideRoundedSafe(num: number, den: number, mode: RoundingMode): number {
  const x = num < 0 ? -num : num;
  if (!(x + den <= MAX_SAFE)) return Number.NaN;
  let q = Math.floor(x / den);
  let r = x - q * den;
  if (r < 0) {
    q -= 1;
    r += den;
  } else if (r >= den) {
    q += 1;
    r -= den;
  }
  const twice = 2 * r;
  const out = stepsAway(r === 0, twice < den ? -1 : twice > den ? 1 : 0, q % 2 === 1, mode) ? q + 1 : q;
  return num < 0 ? -out : out;
}

/**
 * 过滤精确判定 (filtered rounding): the integer `mode` rounds a value to, decided
 * from an approximation `x` whose exact value lies within `err` of it, or NaN
 * when the interval [x − err, x + err] holds a point where the decision changes
 * (a half-way point for half modes, an integer for `down`/`up`). The caller then
 * decides exactly. Never wrong: it answers only when every value in the interval
 * rounds the same way.
 */
export function roundFiltered(x: number, err: number, mode: RoundingMode): number {
  if (!(err < 0.25) || !(Math.abs(x) < 2 ** 50)) return Number.NaN;
  if (mode === 'down' || mode === 'up') {
    const n = Math.round(x);
    if (Math.abs(x - n) <= err) return Number.NaN;
    return mode === 'down' ? Math.trunc(x) : x > 0 ? Math.ceil(x) : Math.floor(x);
  }
  const f = Math.floor(x);
  const h = f + 0.5;
  if (Math.abs(x - h) <= err) return Number.NaN;
  return x > h ? f + 1 : f;
}
