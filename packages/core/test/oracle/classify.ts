import { MujunError } from '../../src/errors';
import type { Classification, RankedClass } from '../../src/evaluation/scheme';
import { Rational } from '../../src/exact/rational';
import { divideRounded, type RoundingMode } from '../../src/exact/rounding';

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
  const out: Ranked<T>[] = [];
  let rank = 0;
  for (const [i, item] of sorted.entries()) {
    const prev = sorted[i - 1];
    if (prev === undefined || prev.total.compare(item.total) !== 0) rank = i + 1;
    out.push({ item, position: i + 1, rank });
  }
  return out;
}

/**
 * Band boundaries for percentile classes: boundary j = cumulative share of
 * bands 0..j (in %) × n / 100, rounded to a whole firm by `mode`; the last is
 * n. A firm whose rank r satisfies boundary(j-1) < r <= boundary(j) is in band j.
 * A band can be empty in a small cohort.
 */
export function bandBoundaries(shares: readonly Rational[], n: number, mode: RoundingMode): number[] {
  const out: number[] = [];
  let cumulative = Rational.ZERO;
  for (const [i, share] of shares.entries()) {
    cumulative = cumulative.plus(share);
    if (i === shares.length - 1) {
      out.push(n);
      continue;
    }
    const scaled = cumulative.times(Rational.of(BigInt(n), 100n));
    out.push(Math.min(n, Number(divideRounded(scaled.num, scaled.den, mode))));
  }
  return out;
}

/**
 * The band of a rank. Classes follow the rank, so a whole tie group shares the
 * band of its best position: ties at a boundary all go to the better class.
 */
export function bandOfRank<C extends string>(rank: number, boundaries: readonly number[], classes: readonly C[]): C {
  for (const [j, b] of boundaries.entries()) {
    const c = classes[j];
    if (c !== undefined && rank <= b) return c;
  }
  const last = classes[classes.length - 1];
  if (last === undefined) throw new MujunError('internal', 'no classes');
  return last;
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

/**
 * The oracle's reading of a percentile classification: N = ranked (+ T when the
 * scheme counts them); cumulative boundaries round cumulative share × N; perBand
 * sizes round each share × N alone and the remainder band gets the rest, bands
 * filled best first and never beyond the n ranked firms.
 */
export function oracleBoundaries(
  c: Extract<Classification, { by: 'percentile' }>,
  n: number,
  exempt: number,
): number[] {
  const N = BigInt(c.base === 'withExempt' ? n + exempt : n);
  if (c.bandSizes === 'perBand') {
    const sized = c.bands.map((b) =>
      b.remainder ? null : Number(divideRounded(b.share.num * N, b.share.den * 100n, b.rounding ?? c.bandRounding)),
    );
    let taken = 0;
    for (const x of sized) taken += x ?? 0;
    const out: number[] = [];
    let at = 0;
    sized.forEach((x, j) => {
      at += x ?? Math.max(0, n - taken);
      out.push(j === sized.length - 1 ? n : Math.min(at, n));
    });
    return out;
  }
  const out: number[] = [];
  let cum = Rational.ZERO;
  c.bands.forEach((b, j) => {
    cum = cum.plus(b.share);
    const x = cum.times(Rational.of(N, 100n));
    out.push(j === c.bands.length - 1 ? n : Math.min(n, Number(divideRounded(x.num, x.den, c.bandRounding))));
  });
  return out;
}
