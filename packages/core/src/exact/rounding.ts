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
 * Integer division of `num / den` (den > 0) rounded to an integer by `mode`.
 * The one place where mujun decides a rounding; everything else calls it.
 */
export function divideRounded(num: bigint, den: bigint, mode: RoundingMode): bigint {
  const q = num / den; // truncates toward zero
  const r = num % den; // same sign as num
  if (r === 0n) return q;
  const sign = num < 0n ? -1n : 1n;
  const twice = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return q + sign;
    case 'halfUp':
      return twice >= den ? q + sign : q;
    case 'halfEven':
      if (twice > den) return q + sign;
      if (twice < den) return q;
      return q % 2n === 0n ? q : q + sign;
  }
}
