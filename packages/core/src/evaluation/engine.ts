import { MujunError } from '../errors';
import { pow10, Rational } from '../exact/rational';
import { divideRounded, divideRoundedSafe, type RoundingMode, roundFiltered } from '../exact/rounding';
import { type BenchmarkDerivation, fixedBenchmark, ratioOf, roundDerived, roundRational } from './benchmark';
import { bandIndexOfRank, competitionRanks, percentileBoundaries } from './classify';
import type { DecimalColumn } from './columns';
import { type AnnualDataField, INDICATORS, type MissingReason } from './indicators';
import type { Cohort, RankedClass, SchemeRounding } from './scheme';

/*
 * 精确列式评价引擎 (the exact columnar engine): scores, ranks and classes one
 * cohort held in scaled-integer columns, exactly, without a Rational per firm.
 *
 * Every number it reports is exact. Where the scheme rounds a step (values,
 * partial scores, totals) the engine keeps that step as an integer scaled by
 * 10^places. Where a step stays unrounded (黄岩: values and partial scores exact,
 * only the total rounded) it carries an approximation with a proven error bound
 * (过滤精确算术, filtered exact arithmetic):
 *
 * - an unrounded partial score w·v/b = coef·a/d is approximated by (a/d)·γ with
 *   a, d exact integers below 2^53 and γ the nearest double of coef; each of
 *   the three roundings involved (γ, the quotient, the product) is off by at most
 *   2^-53 relatively, so the approximation is within 4·2^-53·|p| of p; the engine
 *   allows REL = 2^-46 (32× that) per partial, and sums the bounds with a further
 *   n·2^-53·Σ|p| for the floating additions;
 * - a rounding, a cap or a floor, a threshold or a comparison of two totals is
 *   decided from the approximation only when the whole interval ± bound lies on
 *   one side of the decision point (`roundFiltered`); otherwise the engine
 *   computes that firm's number exactly with bigint Rationals (a *fallback*,
 *   counted in `fallbacks`). Exact ties, totals at …5 half-way points and equal
 *   totals from different fractions always land there, and are decided exactly.
 *
 * Explanations (values, partial scores, totals as Rationals) are built per firm
 * on demand from the same columns and the same formulas.
 */

const MAX = Number.MAX_SAFE_INTEGER;
const U = 2 ** -53;
/** Relative error allowed for one approximate partial score (the proof needs 4·2^-53). */
const REL = 2 ** -46;

/** Unit-level field columns the engine reads. */
export type FieldColumns = { readonly [F in AnnualDataField]: DecimalColumn };

/** What the engine needs to score one cohort. */
export interface CohortInput {
  readonly cohort: Cohort;
  readonly rounding: SchemeRounding;
  readonly columns: FieldColumns;
  /** The column row of each member unit. */
  readonly rows: Int32Array;
  /** 1 where the member is vetoed: scored and totalled, never ranked. */
  readonly vetoed: Uint8Array;
  /** 加减分 of each member (summed), added to its total before ranking; none when absent. */
  readonly adjustments?: ReadonlyMap<number, Rational>;
  /** T-class (免评) firms placed in the cohort, for `base: 'withExempt'`. */
  readonly exempt?: number;
}

/** Flags of one cell. */
export const CELL_CAPPED = 1;
export const CELL_FLOORED = 2;

const MISSING: readonly (MissingReason | null)[] = [null, 'numerator', 'denominator', 'zeroDenominator'];

/** The scores of one cohort in columns; exact values on demand. */
export interface CohortScores {
  readonly size: number;
  readonly indicators: number;
  /** Per member: 1 when a missing value under `exclude` takes it out. */
  readonly excluded: Uint8Array;
  readonly benchmarks: readonly { readonly derivation: BenchmarkDerivation; readonly value: Rational | undefined }[];
  /** Whether indicator k has a positive benchmark (else every partial score on it is 0). */
  readonly usable: readonly boolean[];
  readonly averages: readonly (Rational | null)[];
  /** Ranked members (not excluded, not vetoed). */
  readonly ranked: number;
  /** 名次 per member, 0 when not ranked. */
  readonly rank: Int32Array;
  /** 1 when the member's rank is shared. */
  readonly tie: Uint8Array;
  /** Class per member, null when not ranked. */
  classOf(j: number): RankedClass | null;
  readonly boundaries: readonly number[] | null;
  /** How many decisions needed the exact fallback. */
  readonly fallbacks: number;
  missing(j: number, k: number): MissingReason | null;
  flags(j: number, k: number): number;
  /** The value used (rounded if the scheme rounds values), null when missing. */
  value(j: number, k: number): Rational | null;
  /** The partial score (filled for a missing value; null only when missing under `exclude`). */
  partial(j: number, k: number): Rational | null;
  /** The total, null for an excluded member. */
  total(j: number): Rational | null;
  /** The total as value × 10^totalScale when totals are exact integers (rounded schemes), else NaN. */
  totalScaled(j: number): number;
  readonly totalScale: number | null;
}

/** The nearest double of a Rational, also for numerators and denominators beyond 2^1023. */
function approx(r: Rational): number {
  const n = Number(r.num);
  const d = Number(r.den);
  if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
  const bits = (x: bigint) => (x < 0n ? -x : x).toString(16).length * 4;
  const shift = BigInt(Math.max(bits(r.num), bits(r.den)) - 900);
  return Number(r.num >> shift) / Number(r.den >> shift);
}

/** Exact sum of integer doubles, in doubles below 2^52 flushed into a bigint. */
class IntSum {
  private big = 0n;
  private acc = 0;
  add(v: number): void {
    if (v >= 2 ** 52 || v <= -(2 ** 52)) {
      this.big += BigInt(v);
      return;
    }
    this.acc += v;
    if (this.acc >= 2 ** 52 || this.acc <= -(2 ** 52)) {
      this.big += BigInt(this.acc);
      this.acc = 0;
    }
  }
  get value(): bigint {
    return this.big + BigInt(this.acc);
  }
}

/** r × 10^e for a whole e of either sign. */
function times10(r: Rational, e: number): Rational {
  return e >= 0 ? r.times(Rational.of(pow10(e))) : r.dividedBy(Rational.of(pow10(-e)));
}

/** A Rational scaled by 10^places and rounded: the integer part a scheme keeps. */
function scaledInt(r: Rational, places: number, mode: RoundingMode): number {
  const v = divideRounded(r.num * pow10(places), r.den, mode);
  if (v > BigInt(MAX) || v < -BigInt(MAX))
    throw new MujunError('evaluation.range', `${r.toString()} is too large to keep at ${places} decimals`);
  return Number(v);
}

/**
 * `members` (ascending) ordered by `key` high to low, equal keys in member
 * order: what a stable `sort((x, y) => key[y] - key[x])` gives, with the keys
 * sorted natively (a typed-array sort, no comparator call per pair) and each
 * member placed by a binary search among them. A cohort has up to a city's firms.
 */
function descendingOrder(members: readonly number[], key: Float64Array): number[] {
  const n = members.length;
  const sorted = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const v = key[members[p] as number] as number;
    // NaN has no place in an order: the comparator sort decides (as before).
    if (Number.isNaN(v)) return [...members].sort((x, y) => (key[y] as number) - (key[x] as number));
    sorted[p] = -v;
  }
  sorted.sort();
  const taken = new Int32Array(n);
  const out: number[] = new Array(n);
  for (let p = 0; p < n; p++) {
    const j = members[p] as number;
    const v = -(key[j] as number);
    // The first position of v among the sorted keys (-0 and 0 are one key, as in the comparator).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    out[lo + (taken[lo] as number)] = j;
    taken[lo] = (taken[lo] as number) + 1;
  }
  return out;
}

/** Scores, ranks and classes one cohort. */
export function scoreCohort(input: CohortInput): CohortScores {
  const { cohort, rounding, columns, rows, vetoed } = input;
  const mode = rounding.mode;
  const V = rounding.values;
  const P = rounding.partialScores;
  const T = rounding.totals;
  const m = rows.length;
  const K = cohort.indicators.length;
  const specs = cohort.indicators;
  const num = specs.map((s) => columns[INDICATORS[s.indicator].numerator]);
  const den = specs.map((s) => columns[INDICATORS[s.indicator].denominator]);
  const exp = specs.map((_, k) => (den[k] as DecimalColumn).scale - (num[k] as DecimalColumn).scale);
  let fallbacks = 0;

  // ---- 1. which cells have a value; which members are excluded ----
  const miss = new Uint8Array(m * K);
  /** 1 when a cell's data is wide (not in int53 columns): computed on the exact path. */
  const wideCell = new Uint8Array(m * K);
  const excluded = new Uint8Array(m);
  for (let k = 0; k < K; k++) {
    const nv = (num[k] as DecimalColumn).values;
    const dv = (den[k] as DecimalColumn).values;
    const nw = (num[k] as DecimalColumn).wide;
    const dw = (den[k] as DecimalColumn).wide;
    const exclude = specs[k]?.missing === 'exclude';
    const anyWide = nw.size > 0 || dw.size > 0;
    for (let j = 0; j < m; j++) {
      const r = rows[j] as number;
      const a = nv[r] as number;
      const d = dv[r] as number;
      let code = 0;
      if (Number.isNaN(a)) {
        if (!anyWide || !nw.has(r)) code = 1;
        else wideCell[j * K + k] = 1;
      }
      if (code === 0 && Number.isNaN(d)) {
        if (!anyWide || !dw.has(r)) code = 2;
        else wideCell[j * K + k] = 1;
      }
      if (code === 0 && d === 0) code = 3;
      if (code !== 0) {
        miss[j * K + k] = code;
        if (exclude) excluded[j] = 1;
      }
    }
  }

  const exactAmount = (col: DecimalColumn, r: number): Rational => {
    const v = col.values[r] as number;
    return !Number.isNaN(v) ? Rational.of(BigInt(v), pow10(col.scale)) : (col.wide.get(r) as Rational);
  };
  /** The exact value of a cell with data (rounded at V when the scheme rounds values). */
  const exactValue = (j: number, k: number): Rational => {
    const r = rows[j] as number;
    const v = exactAmount(num[k] as DecimalColumn, r).dividedBy(exactAmount(den[k] as DecimalColumn, r));
    return V === undefined ? v : roundRational(v, V, mode);
  };

  // ---- 2. rounded values (integers × 10^V) where the scheme rounds values ----
  const vInt = V === undefined ? null : new Float64Array(m * K);
  if (vInt && V !== undefined) {
    for (let k = 0; k < K; k++) {
      const nv = (num[k] as DecimalColumn).values;
      const dv = (den[k] as DecimalColumn).values;
      const e = V + (exp[k] as number);
      const mul = e >= 0 ? 10 ** e : 1;
      const div = e < 0 ? 10 ** -e : 1;
      for (let j = 0; j < m; j++) {
        const c = j * K + k;
        if (miss[c] !== 0) continue;
        const r = rows[j] as number;
        let q = Number.NaN;
        if (wideCell[c] === 0) {
          const a = (nv[r] as number) * mul;
          const d = (dv[r] as number) * div;
          if (Math.abs(a) <= MAX && d <= MAX) q = divideRoundedSafe(a, d, mode);
        }
        // Beyond the int53 fast path: the exact value, when it still fits as an integer (else NaN: exact path).
        if (Number.isNaN(q)) {
          const ex = exactValue(j, k).times(Rational.of(pow10(V)));
          q = ex.num <= BigInt(MAX) && ex.num >= -BigInt(MAX) ? Number(ex.num) : Number.NaN;
        }
        vInt[c] = q;
      }
    }
  }

  // ---- 3. benchmarks and averages, from exact column sums over active members with data ----
  const benchmarks: { derivation: BenchmarkDerivation; value: Rational | undefined }[] = [];
  const averages: (Rational | null)[] = [];
  const usable: boolean[] = [];
  for (let k = 0; k < K; k++) {
    const spec = specs[k] as Cohort['indicators'][number];
    const nc = num[k] as DecimalColumn;
    const dc = den[k] as DecimalColumn;
    const sn = new IntSum();
    const sd = new IntSum();
    let wideN = Rational.ZERO;
    let wideD = Rational.ZERO;
    let count = 0;
    for (let j = 0; j < m; j++) {
      const c = j * K + k;
      if (miss[c] !== 0 || excluded[j] === 1) continue;
      count++;
      const r = rows[j] as number;
      if (wideCell[c] === 1) {
        wideN = wideN.plus(exactAmount(nc, r));
        wideD = wideD.plus(exactAmount(dc, r));
      } else {
        sn.add(nc.values[r] as number);
        sd.add(dc.values[r] as number);
      }
    }
    const sumN = Rational.of(sn.value, pow10(nc.scale)).plus(wideN);
    const sumD = Rational.of(sd.value, pow10(dc.scale)).plus(wideD);
    const average = ratioOf(sumN, sumD);
    averages.push(average ?? null);
    let derivation: BenchmarkDerivation;
    let b: Rational | undefined;
    if (spec.benchmark.value !== undefined) {
      derivation = 'fixed';
      b = fixedBenchmark(spec.indicator, { ...spec.benchmark, value: spec.benchmark.value });
    } else {
      derivation = spec.benchmark.derive ?? 'ratioOfSums';
      let raw: Rational | undefined;
      if (derivation === 'ratioOfSums') raw = average;
      else if (count > 0) {
        let sum = Rational.ZERO;
        if (vInt && V !== undefined) {
          const s = new IntSum();
          for (let j = 0; j < m; j++) {
            const c = j * K + k;
            if (miss[c] !== 0 || excluded[j] === 1) continue;
            const q = vInt[c] as number;
            if (!Number.isNaN(q)) s.add(q);
            else sum = sum.plus(exactValue(j, k));
          }
          sum = sum.plus(Rational.of(s.value, pow10(V)));
        } else {
          // Unrounded values: the exact mean of m fractions (slow, exact; schemes rarely ask for it).
          for (let j = 0; j < m; j++) {
            if (miss[j * K + k] !== 0 || excluded[j] === 1) continue;
            sum = sum.plus(exactValue(j, k));
          }
        }
        raw = sum.dividedBy(Rational.of(BigInt(count)));
      }
      b = roundDerived(raw, { places: rounding.benchmarks, mode });
    }
    benchmarks.push({ derivation, value: b });
    usable.push(b !== undefined && b.sign() > 0);
  }

  // ---- 4. partial scores ----
  const flags = new Uint8Array(m * K);
  /** Partial × 10^P (exact integers) when P is set, else the approximation of the partial. */
  const part = new Float64Array(m * K);
  /** Error bound of `part` (0 where exact). */
  const perr = P === undefined ? new Float64Array(m * K) : null;
  const exactParts = new Map<number, Rational>();
  const fillExact: (Rational | undefined)[] = new Array(K);
  const fillApprox: number[] = new Array(K).fill(0);
  const fillErr: number[] = new Array(K).fill(0);
  const fillLazy: (() => Rational)[] = new Array(K);
  const p10P = P === undefined ? 1 : 10 ** P;

  /** Exact partial score of a cell with data: w·v/b, capped, floored, rounded at P; and its flags. */
  const exactPartial = (j: number, k: number): { value: Rational; flags: number } => {
    const spec = specs[k] as Cohort['indicators'][number];
    const b = benchmarks[k]?.value;
    let s = usable[k] && b ? spec.weight.times(exactValue(j, k)).dividedBy(b) : Rational.ZERO;
    let f = 0;
    if (spec.cap && s.compare(spec.cap) > 0) {
      s = spec.cap;
      f |= CELL_CAPPED;
    }
    if (spec.floor && s.compare(spec.floor) < 0) {
      s = spec.floor;
      f |= CELL_FLOORED;
    }
    return { value: P === undefined ? s : roundRational(s, P, mode), flags: f };
  };

  for (let k = 0; k < K; k++) {
    const spec = specs[k] as Cohort['indicators'][number];
    const b = benchmarks[k]?.value;
    const nv = (num[k] as DecimalColumn).values;
    const dv = (den[k] as DecimalColumn).values;
    const ok = usable[k] === true && b !== undefined;
    // p = coef·x/y with (x, y) = (a, d) for exact values, (vInt, 1) for values rounded at V.
    const coef = ok
      ? V === undefined
        ? times10(spec.weight.dividedBy(b), exp[k] as number)
        : spec.weight.dividedBy(b).dividedBy(Rational.of(pow10(V)))
      : Rational.ZERO;
    const gamma = approx(coef);
    const coefP = P === undefined ? coef : coef.times(Rational.of(pow10(P)));
    const cap = spec.cap;
    const capF = cap ? approx(cap) : Number.POSITIVE_INFINITY;
    const capInt = cap && P !== undefined ? scaledInt(cap, P, mode) : 0;
    const floor = spec.floor;
    const floorF = floor ? approx(floor) : Number.NEGATIVE_INFINITY;
    const floorInt = floor && P !== undefined ? scaledInt(floor, P, mode) : 0;
    const floored = (c: number) => {
      flags[c] = CELL_FLOORED;
      if (P === undefined) {
        part[c] = floorF;
        (perr as Float64Array)[c] = Math.abs(floorF) * REL;
      } else part[c] = floorInt;
    };
    for (let j = 0; j < m; j++) {
      const c = j * K + k;
      if (miss[c] !== 0) continue;
      if (!ok) {
        part[c] = 0;
        if (floor && floor.sign() > 0) floored(c);
        continue;
      }
      let x: number;
      let y: number;
      if (vInt) {
        x = vInt[c] as number;
        y = 1;
      } else {
        const r = rows[j] as number;
        x = nv[r] as number;
        y = dv[r] as number;
      }
      if (wideCell[c] === 1 || Number.isNaN(x)) {
        // Exact path for data beyond the int53 columns.
        const e = exactPartial(j, k);
        flags[c] = e.flags;
        exactParts.set(c, e.value);
        if (P === undefined) {
          part[c] = approx(e.value);
          (perr as Float64Array)[c] = Math.abs(part[c] as number) * REL;
        } else part[c] = scaledInt(e.value, P, mode);
        continue;
      }
      const p = (x / y) * gamma;
      const pe = Math.abs(p) * REL;
      if (cap) {
        const diff = p - capF;
        const bound = pe + Math.abs(capF) * REL;
        let above: boolean;
        if (diff > bound) above = true;
        else if (diff < -bound) above = false;
        else {
          fallbacks++;
          // exact: coef·x/y > cap  ⇔  x·coef.num·cap.den > y·coef.den·cap.num (y, dens > 0)
          above = BigInt(x) * coef.num * cap.den > BigInt(y) * coef.den * cap.num;
        }
        if (above) {
          flags[c] = CELL_CAPPED;
          if (P === undefined) {
            part[c] = capF;
            (perr as Float64Array)[c] = Math.abs(capF) * REL;
          } else part[c] = capInt;
          continue;
        }
      }
      if (floor) {
        const diff = p - floorF;
        const bound = pe + Math.abs(floorF) * REL;
        let below: boolean;
        if (diff < -bound) below = true;
        else if (diff > bound) below = false;
        else {
          fallbacks++;
          below = BigInt(x) * coef.num * floor.den < BigInt(y) * coef.den * floor.num;
        }
        if (below) {
          floored(c);
          continue;
        }
      }
      if (P === undefined) {
        part[c] = p;
        (perr as Float64Array)[c] = pe;
        continue;
      }
      const xs = p * p10P;
      let q = roundFiltered(xs, Math.abs(xs) * REL, mode);
      if (Number.isNaN(q)) {
        fallbacks++;
        const v = divideRounded(BigInt(x) * coefP.num, BigInt(y) * coefP.den, mode);
        if (v > BigInt(MAX) || v < -BigInt(MAX))
          throw new MujunError('evaluation.range', `a partial score is too large to keep at ${P} decimals`);
        q = Number(v);
      }
      part[c] = q;
    }

    // Missing data: 0, or the mean partial score of the active members that have a value.
    if (spec.missing !== 'cohortAverage') {
      fillExact[k] = Rational.ZERO;
      continue;
    }
    let count = 0;
    if (P !== undefined) {
      const s = new IntSum();
      for (let j = 0; j < m; j++) {
        const c = j * K + k;
        if (miss[c] !== 0 || excluded[j] === 1) continue;
        count++;
        s.add(part[c] as number);
      }
      if (count === 0) fillExact[k] = Rational.ZERO;
      else {
        const f = divideRounded(s.value, BigInt(count), mode);
        fillExact[k] = Rational.of(f, pow10(P));
        fillApprox[k] = Number(f);
      }
      continue;
    }
    let sum = 0;
    let sumAbs = 0;
    let errs = 0;
    for (let j = 0; j < m; j++) {
      const c = j * K + k;
      if (miss[c] !== 0 || excluded[j] === 1) continue;
      count++;
      const v = part[c] as number;
      sum += v;
      sumAbs += Math.abs(v);
      errs += (perr as Float64Array)[c] as number;
    }
    if (count === 0) {
      fillExact[k] = Rational.ZERO;
      continue;
    }
    fillApprox[k] = sum / count;
    fillErr[k] = ((errs + (count + 2) * U * sumAbs) / count) * (1 + REL) + Math.abs(sum / count) * REL;
    // The exact mean of unrounded partial scores is a fraction over many denominators: built only when
    // asked, as coef·Σ(a/d) grouped by denominator (few distinct ones in practice) plus the exact cells.
    fillLazy[k] = () => {
      const byDen = new Map<number, IntSum>();
      const sumV = new IntSum();
      let acc = Rational.ZERO;
      for (let j = 0; j < m; j++) {
        const c = j * K + k;
        if (miss[c] !== 0 || excluded[j] === 1) continue;
        if (!ok || flags[c] !== 0 || exactParts.has(c)) {
          acc = acc.plus(cellPartial(j, k) as Rational);
          continue;
        }
        if (vInt) {
          sumV.add(vInt[c] as number);
          continue;
        }
        const r = rows[j] as number;
        const d = dv[r] as number;
        let g = byDen.get(d);
        if (!g) {
          g = new IntSum();
          byDen.set(d, g);
        }
        g.add(nv[r] as number);
      }
      let grouped = Rational.of(sumV.value);
      for (const [d, g] of byDen) grouped = grouped.plus(Rational.of(g.value, BigInt(d)));
      return acc.plus(coef.times(grouped)).dividedBy(Rational.of(BigInt(count)));
    };
  }
  const fill = (k: number): Rational => {
    let f = fillExact[k];
    if (f === undefined) {
      f = (fillLazy[k] as () => Rational)();
      fillExact[k] = f;
    }
    return f;
  };

  /** The exact partial of a cell: from the integer, the exact path, or the formula (cap/floor flags known). */
  function cellPartial(j: number, k: number): Rational | null {
    const c = j * K + k;
    if (miss[c] !== 0) return specs[k]?.missing === 'exclude' ? null : fill(k);
    const known = exactParts.get(c);
    if (known) return known;
    if (P !== undefined) return Rational.of(BigInt(part[c] as number), pow10(P));
    if ((flags[c] as number) & CELL_CAPPED) return specs[k]?.cap as Rational;
    if ((flags[c] as number) & CELL_FLOORED) return specs[k]?.floor as Rational;
    if (!usable[k]) return Rational.ZERO;
    return exactPartial(j, k).value;
  }

  // ---- 5. totals ----
  const S = P !== undefined ? (T !== undefined && T < P ? T : P) : T;
  const tInt = S === undefined ? null : new Float64Array(m);
  const tA = S === undefined ? new Float64Array(m) : null;
  const tE = S === undefined ? new Float64Array(m) : null;
  const exactTotals = new Map<number, Rational>();
  const exactTotal = (j: number): Rational => {
    let t = exactTotals.get(j);
    if (t === undefined) {
      t = Rational.ZERO;
      for (let k = 0; k < K; k++) t = t.plus(cellPartial(j, k) ?? Rational.ZERO);
      const adj = input.adjustments?.get(j);
      if (adj) t = t.plus(adj);
      exactTotals.set(j, t);
    }
    return t;
  };
  const p10T = T === undefined ? 1 : 10 ** T;
  for (let j = 0; j < m; j++) {
    if (excluded[j] === 1) continue;
    const adj = input.adjustments?.get(j);
    if (P !== undefined) {
      // Adjustments have at most P decimals (rule adjustment.places): exact at this scale.
      let t = adj ? scaledInt(adj, P, mode) : 0;
      for (let k = 0; k < K; k++) {
        const c = j * K + k;
        t += miss[c] !== 0 ? (fillApprox[k] as number) : (part[c] as number);
      }
      if (!Number.isSafeInteger(t)) {
        let big = adj ? BigInt(scaledInt(adj, P, mode)) : 0n;
        for (let k = 0; k < K; k++) {
          const c = j * K + k;
          big += BigInt(miss[c] !== 0 ? (fillApprox[k] as number) : (part[c] as number));
        }
        if (S !== P) big = divideRounded(big, pow10(P - (S as number)), mode);
        if (big > BigInt(MAX) || big < -BigInt(MAX))
          throw new MujunError('evaluation.range', 'a total is too large to keep at its decimals');
        (tInt as Float64Array)[j] = Number(big);
        continue;
      }
      if (S !== P) {
        const q = divideRoundedSafe(t, 10 ** (P - (S as number)), mode);
        (tInt as Float64Array)[j] = !Number.isNaN(q)
          ? q
          : Number(divideRounded(BigInt(t), pow10(P - (S as number)), mode));
      } else (tInt as Float64Array)[j] = t;
      continue;
    }
    let t = adj ? approx(adj) : 0;
    let abs = Math.abs(t);
    let err = abs * REL;
    for (let k = 0; k < K; k++) {
      const c = j * K + k;
      let v: number;
      if (miss[c] !== 0) {
        v = fillApprox[k] as number;
        err += fillErr[k] as number;
      } else {
        v = part[c] as number;
        err += (perr as Float64Array)[c] as number;
      }
      t += v;
      abs += Math.abs(v);
    }
    err += (K + 1) * U * abs;
    if (T !== undefined) {
      const xs = t * p10T;
      let q = roundFiltered(xs, err * p10T * (1 + REL) + Math.abs(xs) * REL, mode);
      if (Number.isNaN(q)) {
        fallbacks++;
        q = scaledInt(exactTotal(j), T, mode);
      }
      (tInt as Float64Array)[j] = q;
    } else {
      (tA as Float64Array)[j] = t;
      (tE as Float64Array)[j] = err * (1 + REL) + Math.abs(t) * REL;
    }
  }

  // ---- 6. ranking: rated members, totals high to low; equal totals share the better rank ----
  let order: number[] = [];
  for (let j = 0; j < m; j++) if (excluded[j] === 0 && vetoed[j] === 0) order.push(j);
  const n = order.length;
  const rank = new Int32Array(m);
  const tie = new Uint8Array(m);
  /** equal[p]: the member at sorted position p has the same total as the one before it. */
  const equal = new Uint8Array(n);
  if (tInt) {
    order = descendingOrder(order, tInt);
    for (let p = 1; p < n; p++) if (tInt[order[p] as number] === tInt[order[p - 1] as number]) equal[p] = 1;
  } else {
    const a = tA as Float64Array;
    const e = tE as Float64Array;
    order = descendingOrder(order, a);
    // Runs of overlapping intervals are ordered exactly: only their members need exact totals.
    let start = 0;
    for (let p = 1; p <= n; p++) {
      const overlaps =
        p < n &&
        (a[order[p - 1] as number] as number) - (e[order[p - 1] as number] as number) <=
          (a[order[p] as number] as number) + (e[order[p] as number] as number);
      if (overlaps) continue;
      if (p - start > 1) {
        fallbacks += p - start;
        const run = order.slice(start, p).sort((x, y) => exactTotal(y).compare(exactTotal(x)));
        for (let q = 0; q < run.length; q++) {
          order[start + q] = run[q] as number;
          if (q > 0 && exactTotal(run[q] as number).compare(exactTotal(run[q - 1] as number)) === 0)
            equal[start + q] = 1;
        }
      }
      start = p;
    }
  }
  const ranks = competitionRanks(n, (p) => equal[p] === 1);
  for (let p = 0; p < n; p++) {
    const j = order[p] as number;
    rank[j] = ranks[p] as number;
    if (equal[p] === 1) {
      tie[j] = 1;
      tie[order[p - 1] as number] = 1;
    }
  }

  // ---- 7. classes ----
  const cls = cohort.classification;
  const classIndex = new Int8Array(m).fill(-1);
  let boundaries: number[] | null = null;
  let classes: readonly RankedClass[];
  if (cls.by === 'percentile') {
    classes = cls.bands.map((b) => b.class);
    boundaries = percentileBoundaries(cls, n, input.exempt ?? 0);
    for (let p = 0; p < n; p++) {
      const j = order[p] as number;
      classIndex[j] = bandIndexOfRank(rank[j] as number, boundaries, classes.length);
    }
  } else {
    classes = cls.thresholds.map((t) => t.class);
    const limits = cls.thresholds.map((t) => t.atLeast);
    for (const j of order) {
      let at = classes.length - 1;
      for (let i = 0; i < limits.length; i++) {
        const limit = limits[i];
        if (limit === undefined || reaches(j, limit)) {
          at = i;
          break;
        }
      }
      classIndex[j] = at;
    }
  }
  function reaches(j: number, limit: Rational): boolean {
    if (tInt && S !== undefined) {
      // t/10^S >= limit  ⇔  t·limit.den >= limit.num·10^S
      return BigInt(tInt[j] as number) * limit.den >= limit.num * pow10(S);
    }
    const a = (tA as Float64Array)[j] as number;
    const e = (tE as Float64Array)[j] as number;
    const l = approx(limit);
    const bound = e + Math.abs(l) * REL;
    if (a - l > bound) return true;
    if (a - l < -bound) return false;
    fallbacks++;
    return exactTotal(j).compare(limit) >= 0;
  }

  return {
    size: m,
    indicators: K,
    excluded,
    benchmarks,
    usable,
    averages,
    ranked: n,
    rank,
    tie,
    classOf: (j) => {
      const i = classIndex[j] as number;
      return i < 0 ? null : (classes[i] as RankedClass);
    },
    boundaries,
    get fallbacks() {
      return fallbacks;
    },
    missing: (j, k) => MISSING[miss[j * K + k] as number] ?? null,
    flags: (j, k) => flags[j * K + k] as number,
    value: (j, k) => {
      const c = j * K + k;
      if (miss[c] !== 0) return null;
      if (vInt && V !== undefined && !Number.isNaN(vInt[c] as number))
        return Rational.of(BigInt(vInt[c] as number), pow10(V));
      return exactValue(j, k);
    },
    partial: cellPartial,
    total: (j) => {
      if (excluded[j] === 1) return null;
      if (tInt && S !== undefined) return Rational.of(BigInt(tInt[j] as number), pow10(S));
      return exactTotal(j);
    },
    totalScaled: (j) => (tInt && excluded[j] === 0 ? (tInt[j] as number) : Number.NaN),
    totalScale: S ?? null,
  };
}
