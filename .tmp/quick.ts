/**
 * `pnpm bench`: 亩均效益综合评价 of N synthetic 规上 enterprises (default 1,000,000;
 * `BENCH_N=...` to change), 6 indicators, benchmarks derived as ratio of sums,
 * percentile classes A20/B60/C15/D5, full ranking — by
 *   1. mujun's exact columnar kernel (`columnsFromRecords` + `evaluateColumns`),
 *   2. a float64 implementation of the same steps,
 *   3. a straightforward decimal.js implementation of the same steps,
 * in one run, then checks the exact kernel against decimal.js on every record.
 *
 * Steps (the scheme's rounding): each indicator value rounded to 4 places half-up,
 * each benchmark (Σ numerator / Σ denominator) to 4 places, each partial score
 * (weight × value / benchmark) to 4 places; the total is their exact sum (4 places).
 */
import { columnsFromRecords, Decimal, formatScaled, rankColumns, scoreColumns } from '../packages/core/src/index';

// decimal.js through the library's private clone, re-cloned at 40 significant digits for the baseline.
type DecimalJs = Decimal;
const DecimalJs = Decimal;

const N = Number(process.env.BENCH_N ?? 1_000_000);
// Development only: BENCH_SKIP_DECIMAL=1 leaves out the (slow) decimal.js run and its check.
const SKIP_DECIMAL = process.env.BENCH_SKIP_DECIMAL === '1';
const FIELDS = [
  'tax',
  'valueAdded',
  'landArea',
  'energy',
  'emissionEquivalent',
  'employees',
  'rdExpense',
  'revenue',
] as const;
type Field = (typeof FIELDS)[number];
type Rec = { uscc: string } & Record<Field, string>;
const INDICATORS: readonly [Field, Field, string][] = [
  ['tax', 'landArea', '30'], // 亩均税收
  ['valueAdded', 'landArea', '20'], // 亩均增加值
  ['valueAdded', 'energy', '20'], // 单位能耗增加值
  ['valueAdded', 'emissionEquivalent', '10'], // 单位排放增加值
  ['valueAdded', 'employees', '10'], // 全员劳动生产率
  ['rdExpense', 'revenue', '10'], // R&D 经费占比
];
const BANDS = [
  { class: 'A', share: '20' },
  { class: 'B', share: '60' },
  { class: 'C', share: '15' },
  { class: 'D', share: '5' },
] as const;
const PLACES = 4;

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const peak = () => process.resourceUsage().maxRSS; // kB
const now = () => performance.now();
const sec = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

// ---- synthetic data (seeded, deterministic) ----
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function dec(r: () => number, min: number, max: number, places: number): string {
  const scale = 10 ** places;
  const v = Math.floor(min * scale + r() * (max - min) * scale);
  if (places === 0) return String(v);
  const s = String(v).padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
}
let t0 = now();
const r = rng(20220101);
const records: Rec[] = new Array(N);
for (let i = 0; i < N; i++) {
  records[i] = {
    uscc: `E${String(i).padStart(8, '0')}`, // rows are in tie-break order
    tax: dec(r, 0, 5000, 2),
    valueAdded: dec(r, 1, 20000, 2),
    landArea: dec(r, 1, 500, 2),
    energy: dec(r, 1, 50000, 2),
    emissionEquivalent: dec(r, 0.01, 100, 4),
    employees: dec(r, 10, 3000, 0),
    rdExpense: dec(r, 0, 2000, 2),
    revenue: dec(r, 2000, 200000, 2),
  };
}
console.log(
  `mujun evaluation benchmark — ${N.toLocaleString('en')} 规上 enterprises, 6 indicators, derived benchmarks, percentile classes, full ranking`,
);
console.log(
  `node ${process.version}, ${process.arch}; generated records in ${sec(now() - t0)}; peak RSS after generating: ${mb(peak())}\n`,
);

const boundariesOf = (n: number) => {
  // Same rule as the library: cumulative share × n / 100, rounded half-up; last = n.
  const out: number[] = [];
  let cum = 0;
  for (const [j, b] of BANDS.entries()) {
    cum += Number(b.share);
    out.push(j === BANDS.length - 1 ? n : Math.floor((cum * n + 50) / 100));
  }
  return out;
};
const classOf = (rank: number, bounds: number[]) => {
  for (const [j, b] of bounds.entries()) if (rank <= b) return j;
  return bounds.length - 1;
};

// Phases start from a collected heap when node runs with --expose-gc (the `bench` script does).
const collect = () => (globalThis as { gc?: () => void }).gc?.();

// ---- 1. exact kernel ----
collect();
t0 = now();
const cols = columnsFromRecords(records, FIELDS, 4);
const exactLoad = now() - t0;
t0 = now();
console.log("score start");
const scores = scoreColumns({
  indicators: INDICATORS.map(([num, den, weight]) => ({
    numerator: cols[num],
    denominator: cols[den],
    weight,
    benchmark: { derive: 'ratioOfSums' as const },
  })),
  rounding: { mode: 'halfUp', values: PLACES, benchmarks: PLACES, partialScores: PLACES },
  bands: BANDS,
});
const exactScore = now() - t0;
console.log("score done");
t0 = now();
const exact = { ...scores, ...rankColumns(scores.totals, BANDS) };
const exactRank = now() - t0;
const exactEval = exactScore + exactRank;
t0 = now();
const exactTotals: string[] = new Array(N);
for (let i = 0; i < N; i++) exactTotals[i] = formatScaled(exact.totals[i] ?? 0, exact.totalPlaces, PLACES);
const exactFormat = now() - t0;
const exactPeak = peak();

// ---- 2. float64, same steps ----
collect();
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
t0 = now();
const fcols = {} as Record<Field, Float64Array>;
for (const f of FIELDS) {
  const c = new Float64Array(N);
  for (let i = 0; i < N; i++) c[i] = Number((records[i] as Rec)[f]);
  fcols[f] = c;
}
const floatLoad = now() - t0;
t0 = now();
const ftotals = new Float64Array(N);
const fbench: number[] = [];
for (const [num, den, weight] of INDICATORS) {
  const a = fcols[num];
  const d = fcols[den];
  const v = new Float64Array(N);
  let sn = 0;
  let sd = 0;
  for (let i = 0; i < N; i++) {
    v[i] = round4((a[i] as number) / (d[i] as number));
    sn += a[i] as number;
    sd += d[i] as number;
  }
  const b = round4(sn / sd);
  fbench.push(b);
  const w = Number(weight);
  for (let i = 0; i < N; i++) ftotals[i] = (ftotals[i] as number) + round4((w * (v[i] as number)) / b);
}
const floatScore = now() - t0;
t0 = now();
const forder = new Int32Array(N);
for (let i = 0; i < N; i++) forder[i] = i;
forder.sort((x, y) => (ftotals[y] as number) - (ftotals[x] as number) || x - y);
const frank = new Int32Array(N);
for (let p = 0, cur = 0; p < N; p++) {
  const i = forder[p] as number;
  if (p === 0 || ftotals[forder[p - 1] as number] !== ftotals[i]) cur = p + 1;
  frank[i] = cur;
}
const fbounds = boundariesOf(N);
const fclass = new Uint8Array(N);
for (let i = 0; i < N; i++) fclass[i] = classOf(frank[i] as number, fbounds);
const floatRank = now() - t0;
const floatEval = floatScore + floatRank;
t0 = now();
const floatTotals: string[] = new Array(N);
for (let i = 0; i < N; i++) floatTotals[i] = (ftotals[i] as number).toFixed(PLACES);
const floatFormat = now() - t0;


console.log('exact load', sec(exactLoad), 'score', sec(exactScore), 'rank', sec(exactRank), 'format', sec(exactFormat), 'peak', mb(exactPeak));
console.log('float load', sec(floatLoad), 'score', sec(floatScore), 'rank', sec(floatRank), 'format', sec(floatFormat));
let bad = 0; for (let i = 0; i < N; i++) if (exactTotals[i] !== floatTotals[i]) bad++;
console.log('float differs', bad);
