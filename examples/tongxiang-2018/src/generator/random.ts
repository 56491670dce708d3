/*
 * A small deterministic PRNG and integer helpers for the synthetic records.
 * Everything here works on integers (amounts are counted in hundredths, 0.01
 * 亩 or 0.01万元), so the same seed gives the same files on every machine.
 */

/** mulberry32: a 32-bit state, 32-bit outputs; enough for synthetic records, not for cryptography. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** The next unsigned 32-bit integer. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, n): next() × n / 2^32, exact in doubles for n < 2^21. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n >= 2 ** 21) throw new Error(`Random.int: bad bound ${n}`);
    return Math.floor((this.next() * n) / 4294967296);
  }

  /** An integer in [lo, hi], both inclusive. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability `percent`/100. */
  chance(percent: number): boolean {
    return this.int(100) < percent;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, this.int(items.length));
  }

  /** An index drawn with the given integer weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.int(total);
    for (let i = 0; i < weights.length; i++) {
      r -= at(weights, i);
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A copy in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const a = at(out, i);
      out[i] = at(out, j);
      out[j] = a;
    }
    return out;
  }

  /**
   * A skewed positive amount around `median`: `steps` random factors of
   * (100 ± spread)/100 applied with integer division — a log-normal shape
   * without floating point.
   */
  logNormalish(median: number, steps: number, spread: number, min = 1): number {
    let v = median;
    for (let i = 0; i < steps; i++) v = Math.floor((v * (100 + this.between(-spread, spread))) / 100);
    return Math.max(min, v);
  }
}

/** `items[i]`, or throw: generator code never reads past an end. */
export function at<T>(items: readonly T[], i: number): T {
  if (i < 0 || i >= items.length) throw new Error(`index ${i} out of 0..${items.length - 1}`);
  return items[i] as T;
}

/**
 * Splits the integer `total` over integer `weights` in proportion, exactly
 * (largest remainder; ties go to the earlier entry). The parts add up to `total`.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || !Number.isSafeInteger(total * sum)) throw new Error('allocate: bad weights');
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - parts.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, r: (total * w) % sum }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .slice(0, rest);
  for (const { i } of order) parts[i] = at(parts, i) + 1;
  return parts;
}

/** A count of hundredths as a decimal string: 1234 → "12.34", 1200 → "12". */
export function hundredths(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`hundredths: ${n}`);
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  const frac = String(a % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(a / 100)}${frac ? `.${frac}` : ''}`;
}
