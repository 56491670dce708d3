/*
 * The fast reading of a plain decimal string (`"481.94"`, `"-3"`, `"45"`):
 * optional sign, ASCII digits, at most one point with digits on both sides,
 * at most 15 digits in all, so that the digits read as an exact JS integer
 * (a scaled-integer kernel, below 2^53). Anything else (spaces, exponents,
 * `".5"`, more digits) is not read here: the caller falls back to
 * `toDecimal` and the zod field rules, which decide it with their own words.
 * Every accepted string is one `toDecimal` accepts with the same value.
 */

/** Most digits a plain decimal may have here: 10^15 < 2^53, so the digits are an exact JS integer. */
export const PLAIN_DIGITS = 15;

/** A plain decimal as `units / 10^places`, `units` an exact integer (|units| < 10^15). */
export interface PlainDecimal {
  readonly units: number;
  readonly places: number;
}

/** `s` read as `units / 10^places`, or undefined when it is not a plain decimal of at most 15 digits. */
export function plainDecimal(s: string): PlainDecimal | undefined {
  const len = s.length;
  if (len === 0 || len > PLAIN_DIGITS + 2) return undefined;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i = 1;
  }
  let units = 0;
  let digits = 0;
  for (; i < len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
    digits++;
  }
  if (digits === 0) return undefined;
  let places = 0;
  if (i < len && s.charCodeAt(i) === 46) {
    i++;
    for (; i < len; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      units = units * 10 + c;
      places++;
    }
    if (places === 0) return undefined;
  }
  if (i !== len || digits + places > PLAIN_DIGITS) return undefined;
  return { units: neg ? -units : units, places };
}
