import { invalid, ValidationError } from '../errors';
import { Rational } from '../exact/rational';
import type { RoundingMode } from '../exact/rounding';
import { bandBoundaries, bandOfRank } from './classify';
import type { RankedClass } from './scheme';

/*
 * The columnar exact kernel (列式精确内核) behind large evaluations and
 * `pnpm bench`. Every number is an integer scaled by a power of ten and held in
 * a JS number below 2^53; each division is rounded once, deciding half-up (or
 * the scheme's mode) from the integer remainder, so the results are exactly
 * those of `evaluate` with the same rounding steps. BigInt is used only where
 * an intermediate would pass 2^53 (sums of a column, wide products).
 */

const MAX = Number.MAX_SAFE_INTEGER;
const FLUSH = 2 ** 52;

/** 10^n as a number (n <= 22 is exact) and as a bigint. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
function p10(n: number): number {
  return POW10[n] ?? 10 ** n;
}
function b10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Rounds a non-negative quotient q with remainder r of divisor d (0 <= r < d) by `mode`. */
function roundUp(q: number, twice: number, r: number, d: number, mode: RoundingMode): number {
  if (r === 0) return q;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return q + 1;
    case 'halfUp':
      return twice >= d ? q + 1 : q;
    case 'halfEven':
      return twice > d || (twice === d && q % 2 === 1) ? q + 1 : q;
  }
}

const MODE_CODE: Record<RoundingMode, number> = { halfUp: 0, halfEven: 1, down: 2, up: 3 };

/**
 * The hot path: round(x / d) for integers 0 <= x, 0 < d with x + d <= 2^53 − 1.
 * The float quotient is only a guess; the integer remainder corrects it and decides the rounding.
 */
function quotient(x: number, d: number, m: number): number {
  let q = Math.floor(x / d);
  let r = x - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  if (r === 0 || m === 2) return q;
  if (m === 0) return r + r >= d ? q + 1 : q;
  if (m === 3) return q + 1;
  return r + r > d || (r + r === d && q % 2 === 1) ? q + 1 : q;
}

/**
 * `a / b` rounded to an integer by `mode` (symmetric about zero, as `divideRounded`),
 * for integers with |a| + b <= 2^53 - 1 and b > 0. Exact: the quotient from the
 * float division is corrected by the integer remainder.
 */
export function divRoundSafe(a: number, b: number, mode: RoundingMode): number {
  const neg = a < 0;
  const x = neg ? -a : a;
  let q = Math.floor(x / b);
  let r = x - q * b;
  if (r < 0) {
    q -= 1;
    r += b;
  } else if (r >= b) {
    q += 1;
    r -= b;
  }
  const out = roundUp(q, 2 * r, r, b, mode);
  return neg ? -out : out;
}

function divRoundBig(a: bigint, b: bigint, mode: RoundingMode): bigint {
  const neg = a < 0n;
  const x = neg ? -a : a;
  const q = x / b;
  const r = x % b;
  let out = q;
  if (r !== 0n) {
    const twice = 2n * r;
    if (
      mode === 'up' ||
      (mode === 'halfUp' && twice >= b) ||
      (mode === 'halfEven' && (twice > b || (twice === b && q % 2n === 1n)))
    )
      out = q + 1n;
  }
  return neg ? -out : out;
}

/** `a × m / d` rounded, exact for any safe integers: the fast path when it fits, BigInt otherwise. */
function mulDivRound(a: number, m: number, d: number, mode: RoundingMode): number {
  const num = a * m;
  if (Math.abs(num) + d <= MAX && Number.isSafeInteger(num)) return divRoundSafe(num, d, mode);
  return Number(divRoundBig(BigInt(a) * BigInt(m), BigInt(d), mode));
}

/**
 * Parses a plain decimal string (`"481.94"`, `"-3"`) to the integer value × 10^scale,
 * exactly. Refuses exponents, more than `scale` decimals (unless they are zeros)
 * and values beyond 2^53.
 * @throws ValidationError naming `field`
 */
export function parseScaled(s: string, scale: number, field = 'value'): number {
  let i = 0;
  const len = s.length;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 /* - */ || c0 === 43 /* + */) {
    neg = c0 === 45;
    i = 1;
  }
  let v = 0;
  let digits = 0;
  for (; i < len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    digits++;
  }
  let frac = 0;
  if (i < len && s.charCodeAt(i) === 46 /* . */) {
    i++;
    for (; i < len; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (frac < scale) {
        v = v * 10 + c;
        frac++;
      } else if (c !== 0) {
        throw invalid(field, 'decimal.scale', `"${s}" has more than ${scale} decimals`);
      }
      digits++;
    }
  }
  if (i !== len || digits === 0) throw invalid(field, 'decimal.format', `"${s}" is not a plain decimal number`);
  if (frac < scale) v *= p10(scale - frac);
  if (v > MAX) throw invalid(field, 'decimal.range', `"${s}" is too large for the columnar kernel`);
  return neg ? -v : v;
}

/** Formats an integer scaled by 10^scale as a decimal string with `places` decimals (rounding by `mode`). */
export function formatScaled(v: number, scale: number, places: number, mode: RoundingMode = 'halfUp'): string {
  const x = places < scale ? divRoundSafe(v, p10(scale - places), mode) : v * p10(places - scale);
  if (places === 0) return String(x);
  const neg = x < 0;
  const digits = String(neg ? -x : x).padStart(places + 1, '0');
  const cut = digits.length - places;
  return `${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** A column of integers scaled by 10^scale; NaN marks a missing value. */
export interface ScaledColumn {
  readonly values: Float64Array;
  readonly scale: number;
}

/**
 * Loads decimal-string fields of records into scaled columns (the loading
 * path of the columnar kernel). A missing or empty field becomes NaN.
 */
export function columnsFromRecords<F extends string>(
  records: readonly Readonly<Partial<Record<F, string>>>[],
  fields: readonly F[],
  scale: number,
): Record<F, ScaledColumn> {
  const out = {} as Record<F, ScaledColumn>;
  // One buffer for all columns: one external allocation instead of one per field keeps GC pauses down.
  const buffer = new ArrayBuffer(records.length * fields.length * 8);
  for (const [j, f] of fields.entries()) {
    out[f] = { values: new Float64Array(buffer, j * records.length * 8, records.length), scale };
  }
  for (const f of fields) {
    const col = out[f].values;
    let i = 0;
    try {
      for (; i < records.length; i++) {
        const s = records[i]?.[f];
        col[i] = s === undefined || s === '' ? Number.NaN : parseScaled(s, scale);
      }
    } catch (e) {
      // Name the record and field only when something is wrong (no string building in the loop).
      const issue = e instanceof ValidationError ? e.issues[0] : undefined;
      if (issue) throw invalid(`${i}.${f}`, issue.rule, issue.message);
      throw e;
    }
  }
  return out;
}

/** One indicator for the kernel: numerator / denominator columns, weight, benchmark, optional cap. */
export interface ColumnIndicator {
  readonly numerator: ScaledColumn;
  readonly denominator: ScaledColumn;
  readonly weight: string;
  /** A published decimal (`"24.097"`, taken as given) or a derivation over the column. */
  readonly benchmark: string | { readonly derive: 'ratioOfSums' | 'meanOfRatios' };
  readonly cap?: string;
}

/** A single cohort for the kernel. Missing values score 0 (the `zero` policy); rows are in tie-break (USCC) order. */
export interface ColumnScheme {
  readonly indicators: readonly ColumnIndicator[];
  readonly rounding: {
    readonly mode: RoundingMode;
    /** Places every indicator value is rounded to before scoring. */
    readonly values: number;
    /** Places a derived benchmark is rounded to. */
    readonly benchmarks: number;
    /** Places every partial score is rounded to. */
    readonly partialScores: number;
    /** Places the total is rounded to before ranking (omit: the exact sum of partial scores). */
    readonly totals?: number;
  };
  readonly bands: readonly { readonly class: RankedClass; readonly share: string }[];
  readonly bandRounding?: RoundingMode;
}

/** Kernel output, all scaled integers: `values[k][i] / 10^valuePlaces`, `totals[i] / 10^totalPlaces`, ... */
export interface ColumnEvaluation {
  readonly n: number;
  readonly valuePlaces: number;
  readonly partialPlaces: number;
  readonly totalPlaces: number;
  /** Per indicator: the value, NaN when missing (absent field or zero denominator). */
  readonly values: readonly Float64Array[];
  /** Per indicator: the benchmark as a Rational (published value, or rounded derivation). */
  readonly benchmarks: readonly Rational[];
  readonly partials: readonly Float64Array[];
  readonly totals: Float64Array;
  /** Row indices best first (ties by row index). */
  readonly order: Int32Array;
  /** 名次 per row: 1 + the number of rows with a strictly higher total. */
  readonly rank: Int32Array;
  /** Index into `classes` per row. */
  readonly classIndex: Uint8Array;
  readonly classes: readonly RankedClass[];
  readonly boundaries: readonly number[];
}

function decimalParts(s: string, field: string): { int: number; scale: number } {
  const dot = s.indexOf('.');
  const scale = dot < 0 ? 0 : s.length - dot - 1;
  return { int: parseScaled(s, scale, field), scale };
}

function sumColumn(values: Float64Array): { sum: bigint; count: number } {
  let big = 0n;
  let acc = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    count++;
    if (v >= FLUSH || v <= -FLUSH) {
      big += BigInt(v);
      continue;
    }
    acc += v;
    if (acc >= FLUSH || acc <= -FLUSH) {
      big += BigInt(acc);
      acc = 0;
    }
  }
  return { sum: big + BigInt(acc), count };
}

/** Fills `v` with the rounded values num / den (NaN when missing) and returns the column sums over rows with a value. */
function valueColumn(
  num: Float64Array,
  den: Float64Array,
  mul: number,
  div: number,
  mode: RoundingMode,
  v: Float64Array,
): { sumN: bigint; sumD: bigint } {
  const n = v.length;
  const m = MODE_CODE[mode];
  // Σ numerator and Σ denominator for a ratio-of-sums benchmark, in numbers flushed to BigInt before 2^52.
  let bigN = 0n;
  let bigD = 0n;
  let accN = 0;
  let accD = 0;
  for (let i = 0; i < n; i++) {
    const a = num[i] as number;
    const d = den[i] as number;
    if (d > 0 && a >= 0 && a < FLUSH && d < FLUSH) {
      const x = a * mul;
      const dd = d * div;
      if (x + dd <= MAX) {
        v[i] = quotient(x, dd, m);
        accN += a;
        accD += d;
        if (accN >= FLUSH) {
          bigN += BigInt(accN);
          accN = 0;
        }
        if (accD >= FLUSH) {
          bigD += BigInt(accD);
          accD = 0;
        }
        continue;
      }
    }
    if (Number.isNaN(a) || Number.isNaN(d) || d === 0) {
      v[i] = Number.NaN;
      continue;
    }
    bigN += BigInt(a);
    bigD += BigInt(d);
    const dd = d < 0 ? -d * div : d * div;
    const aa = d < 0 ? -a : a;
    v[i] =
      dd <= MAX
        ? mulDivRound(aa, mul, dd, mode)
        : Number(divRoundBig(BigInt(aa) * BigInt(mul), BigInt(d < 0 ? -d : d) * BigInt(div), mode));
  }
  return { sumN: bigN + BigInt(accN), sumD: bigD + BigInt(accD) };
}

/** partial = round(v × pm / pd) capped at `cap`, written to `part` and added to `totals`. */
function partialColumn(
  v: Float64Array,
  pm: bigint,
  pd: bigint,
  cap: number,
  mode: RoundingMode,
  part: Float64Array,
  totals: Float64Array,
): void {
  const n = v.length;
  const m = MODE_CODE[mode];
  const fast = pm <= BigInt(MAX) && pd <= BigInt(MAX);
  const pmN = Number(pm);
  const pdN = Number(pd);
  for (let i = 0; i < n; i++) {
    const x = v[i] as number;
    let s = 0;
    if (x >= 0 && fast) {
      const y = x * pmN;
      s = y + pdN <= MAX ? quotient(y, pdN, m) : Number(divRoundBig(BigInt(x) * pm, pd, mode));
      if (s > cap) s = cap;
    } else if (!Number.isNaN(x)) {
      s = fast ? mulDivRound(x, pmN, pdN, mode) : Number(divRoundBig(BigInt(x) * pm, pd, mode));
      if (s > cap) s = cap;
    }
    part[i] = s;
    totals[i] = (totals[i] as number) + s;
  }
}

/** The scoring half of the kernel: values, benchmarks, partial scores and totals. */
export type ColumnScores = Omit<ColumnEvaluation, 'order' | 'rank' | 'classIndex' | 'classes' | 'boundaries'>;

/** Scores one cohort in columns (indicator values → benchmarks → partial scores → totals), exactly. */
export function scoreColumns(scheme: ColumnScheme): ColumnScores {
  const { mode } = scheme.rounding;
  const V = scheme.rounding.values;
  const P = scheme.rounding.partialScores;
  const T = scheme.rounding.totals ?? P;
  if (T > P) throw invalid('rounding.totals', 'rounding.places', 'totals cannot keep more places than partial scores');
  const first = scheme.indicators[0];
  if (!first) throw invalid('indicators', 'required', 'the kernel needs at least one indicator');
  const n = first.numerator.values.length;
  const values: Float64Array[] = [];
  const partials: Float64Array[] = [];
  const benchmarks: Rational[] = [];
  // Values, partial scores and totals share one buffer (one external allocation, fewer GC pauses).
  const count = scheme.indicators.length;
  const buffer = new ArrayBuffer((2 * count + 1) * n * 8);
  const column = (j: number) => new Float64Array(buffer, j * n * 8, n);
  const totals = column(2 * count);

  for (const [k, ind] of scheme.indicators.entries()) {
    const num = ind.numerator.values;
    const den = ind.denominator.values;
    if (num.length !== n || den.length !== n)
      throw invalid(`indicators.${k}`, 'columns.length', 'columns differ in length');
    // value × 10^V = num × 10^(V + sd − sn) / den
    const e = V + ind.denominator.scale - ind.numerator.scale;
    const mul = e >= 0 ? p10(e) : 1;
    const div = e < 0 ? p10(-e) : 1;
    const v = column(2 * k);
    const { sumN, sumD } = valueColumn(num, den, mul, div, mode, v);
    values.push(v);

    // Benchmark b = bi / 10^bs.
    let bi: bigint;
    let bs: number;
    if (typeof ind.benchmark === 'string') {
      const p = decimalParts(ind.benchmark, `indicators.${k}.benchmark`);
      bi = BigInt(p.int);
      bs = p.scale;
    } else if (ind.benchmark.derive === 'ratioOfSums') {
      bs = scheme.rounding.benchmarks;
      const sn = sumN;
      const sd = sumD;
      const eb = bs + ind.denominator.scale - ind.numerator.scale;
      bi = sd === 0n ? 0n : divRoundBig(sn * (eb >= 0 ? b10(eb) : 1n), sd * (eb < 0 ? b10(-eb) : 1n), mode);
      if (sd < 0n) bi = -bi;
    } else {
      bs = scheme.rounding.benchmarks;
      const s = sumColumn(v);
      const eb = bs - V;
      bi =
        s.count === 0
          ? 0n
          : divRoundBig(s.sum * (eb >= 0 ? b10(eb) : 1n), BigInt(s.count) * (eb < 0 ? b10(-eb) : 1n), mode);
    }
    benchmarks.push(Rational.of(bi, b10(bs)));

    // partial × 10^P = w × v × 10^(P + bs − V) / bi, capped, each step rounded once.
    const w = decimalParts(ind.weight, `indicators.${k}.weight`);
    const ep = P + bs - V - w.scale;
    const pm = BigInt(w.int) * (ep >= 0 ? b10(ep) : 1n);
    const pd = bi * (ep < 0 ? b10(-ep) : 1n);
    let cap = Number.POSITIVE_INFINITY;
    if (ind.cap !== undefined) {
      const c = decimalParts(ind.cap, `indicators.${k}.cap`);
      cap = c.scale > P ? divRoundSafe(c.int, p10(c.scale - P), mode) : c.int * p10(P - c.scale);
    }
    const part = column(2 * k + 1);
    // A derived benchmark of zero scores nobody, as in `evaluate`.
    if (bi > 0n) partialColumn(v, pm, pd, cap, mode, part, totals);
    partials.push(part);
  }
  if (T < P) for (let i = 0; i < n; i++) totals[i] = divRoundSafe(totals[i] as number, p10(P - T), mode);
  return { n, valuePlaces: V, partialPlaces: P, totalPlaces: T, values, benchmarks, partials, totals };
}

/**
 * Ranks totals high to low (ties share a rank; the listing puts tied rows in
 * row order) and assigns percentile bands by rank, as `evaluate` does.
 */
export function rankColumns(
  totals: Float64Array,
  bands: ColumnScheme['bands'],
  bandRounding: RoundingMode = 'halfUp',
): Pick<ColumnEvaluation, 'order' | 'rank' | 'classIndex' | 'classes' | 'boundaries'> {
  const n = totals.length;
  // One numeric sort of packed keys −total × m + row (m a power of two >= n) when they stay below 2^53.
  const order = new Int32Array(n);
  let m = 1;
  while (m < n) m *= 2;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(totals[i] as number));
  if ((maxAbs + 1) * m <= MAX) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = -(totals[i] as number) * m + i;
    keys.sort();
    for (let i = 0; i < n; i++) {
      const key = keys[i] as number;
      const idx = ((key % m) + m) % m;
      order[i] = idx;
    }
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (totals[b] as number) - (totals[a] as number) || a - b);
  }
  const rank = new Int32Array(n);
  let current = 0;
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos] as number;
    const prev = pos > 0 ? (order[pos - 1] as number) : -1;
    if (prev < 0 || totals[prev] !== totals[i]) current = pos + 1;
    rank[i] = current;
  }
  const classes = bands.map((b) => b.class);
  const boundaries = bandBoundaries(
    bands.map((b) => Rational.from(b.share, 'share')),
    n,
    bandRounding,
  );
  const classIndex = new Uint8Array(n);
  const indexOf = new Map(classes.map((c, j) => [c, j]));
  for (let i = 0; i < n; i++) classIndex[i] = indexOf.get(bandOfRank(rank[i] as number, boundaries, classes)) ?? 0;

  return { order, rank, classIndex, classes, boundaries };
}

/**
 * 列式精确评价: evaluates one cohort held in scaled-integer columns — indicator
 * values, benchmarks, partial scores, totals, full ranking and percentile
 * classes — with the same rules and rounding as `evaluate` (missing policy
 * `zero`, every step rounded as `rounding` says). Exact: tests compare it with
 * the Rational path, `pnpm bench` with decimal.js on every record.
 */
export function evaluateColumns(scheme: ColumnScheme): ColumnEvaluation {
  const scores = scoreColumns(scheme);
  return { ...scores, ...rankColumns(scores.totals, scheme.bands, scheme.bandRounding ?? 'halfUp') };
}
