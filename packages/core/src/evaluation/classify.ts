import { MujunError } from '../errors';
import { Rational } from '../exact/rational';
import { divideRounded, type RoundingMode } from '../exact/rounding';
import type { Classification, RankedClass } from './scheme';

/** A firm (or evaluation unit) with its total score, to be ranked. */
export interface Rankable {
  /** Tie-break key: the unit id (lowest USCC of the unit). */
  readonly key: string;
  readonly total: Rational;
}

/** A ranked entry: `position` 1..n in the listing, `rank` shared by equal totals. */
export interface Ranked<T extends Rankable> {
  readonly item: T;
  /** 1-based place in the listing (ties listed by key, ascending). */
  readonly position: number;
  /** 名次: 1 + the number of entries with a strictly higher total (ties share it: 1, 2, 2, 4). */
  readonly rank: number;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * 排名: totals high to low. Equal totals share the better rank (standard
 * competition ranking 1, 2, 2, 4); within a tie the listing order is by key
 * (USCC) ascending, which is deterministic and has no effect on classes.
 */
export function rankByTotal<T extends Rankable>(items: readonly T[]): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => b.total.compare(a.total) || compareKeys(a.key, b.key));
  const ranks = competitionRanks(
    sorted.length,
    (p) => (sorted[p - 1] as T).total.compare((sorted[p] as T).total) === 0,
  );
  return sorted.map((item, i) => ({ item, position: i + 1, rank: ranks[i] as number }));
}

/**
 * 名次 of a listing sorted best first, where `same(p)` says position p (p >= 1)
 * has the same total as position p − 1: 1 + the number of strictly better
 * entries (1, 2, 2, 4). The one ranking rule; the engine and `rankByTotal` use it.
 */
export function competitionRanks(n: number, same: (p: number) => boolean): Int32Array {
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) out[p] = p > 0 && same(p) ? (out[p - 1] as number) : p + 1;
  return out;
}

/**
 * Band boundaries for percentile classes: boundary j = cumulative share of
 * bands 0..j (in %) × n / 100, rounded to a whole firm by `mode`; the last is
 * n. A firm whose rank r satisfies boundary(j-1) < r <= boundary(j) is in band j.
 * A band can be empty in a small cohort.
 */
export function bandBoundaries(shares: readonly Rational[], n: number, mode: RoundingMode): number[] {
  return cumulativeBoundaries(shares, n, n, mode);
}

/** Cumulative boundaries of shares of `base`, clamped to the `n` ranked firms; the last is n. */
function cumulativeBoundaries(shares: readonly Rational[], base: number, n: number, mode: RoundingMode): number[] {
  const out: number[] = [];
  let cumulative = Rational.ZERO;
  for (const [i, share] of shares.entries()) {
    cumulative = cumulative.plus(share);
    if (i === shares.length - 1) {
      out.push(n);
      continue;
    }
    out.push(Math.min(n, Number(divideRounded(cumulative.num * BigInt(base), cumulative.den * 100n, mode))));
  }
  return out;
}

/**
 * Band boundaries of a percentile classification for `n` ranked firms, of which
 * the cohort also has `exempt` T-class firms. N (the base of the shares) is n,
 * or n + exempt with `base: 'withExempt'`. `cumulative` sizes round each
 * cumulative share × N / 100; `perBand` sizes round each band's share × N / 100
 * by its own mode (⌊0.20·N⌋, ⌈0.05·N⌉), the `remainder` band taking what is left
 * of the n ranked firms (none when the others already take them all).
 */
export function percentileBoundaries(
  c: Extract<Classification, { by: 'percentile' }>,
  n: number,
  exempt: number,
): number[] {
  const base = c.base === 'withExempt' ? n + exempt : n;
  const shares = c.bands.map((b) => b.share);
  if (c.bandSizes !== 'perBand') return cumulativeBoundaries(shares, base, n, c.bandRounding);
  const sizes = c.bands.map((b) =>
    b.remainder
      ? 0
      : Number(divideRounded(b.share.num * BigInt(base), b.share.den * 100n, b.rounding ?? c.bandRounding)),
  );
  const rest = n - sizes.reduce((x, y) => x + y, 0);
  const at = c.bands.findIndex((b) => b.remainder);
  if (at >= 0) sizes[at] = Math.max(0, rest);
  const out: number[] = [];
  let cumulative = 0;
  for (const [j, size] of sizes.entries()) {
    cumulative += size;
    out.push(j === sizes.length - 1 ? n : Math.min(n, cumulative));
  }
  return out;
}

/**
 * The band of a rank. Classes follow the rank, so a whole tie group shares the
 * band of its best position: ties at a boundary all go to the better class.
 */
export function bandOfRank<C extends string>(rank: number, boundaries: readonly number[], classes: readonly C[]): C {
  const c = classes[bandIndexOfRank(rank, boundaries, classes.length)];
  if (c === undefined) throw new MujunError('internal', 'no classes');
  return c;
}

/**
 * `bandOfRank` as the index of the band in `classes` (of `count` classes): the
 * engine classes a whole cohort with it, without an iterator or a class
 * lookup per firm.
 */
export function bandIndexOfRank(rank: number, boundaries: readonly number[], count: number): number {
  const n = Math.min(boundaries.length, count);
  for (let j = 0; j < n; j++) if (rank <= (boundaries[j] as number)) return j;
  return count - 1;
}

/** 百分位: rank / n × 100, the share of the cohort at or above this firm's rank (top p%). */
export function percentileOfRank(rank: number, n: number): Rational {
  return Rational.of(BigInt(rank) * 100n, BigInt(n));
}

/** Class by score thresholds: the first class whose `atLeast` the total reaches, else the last class. */
export function classByThreshold(
  total: Rational,
  thresholds: readonly { class: RankedClass; atLeast?: Rational | undefined }[],
): RankedClass {
  for (const t of thresholds) {
    if (t.atLeast === undefined || total.compare(t.atLeast) >= 0) return t.class;
  }
  const last = thresholds[thresholds.length - 1];
  if (last === undefined) throw new MujunError('internal', 'no thresholds');
  return last.class;
}
