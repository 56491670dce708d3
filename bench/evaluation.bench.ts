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
function exactRun() {
  collect();
  let t = now();
  const cols = columnsFromRecords(records, FIELDS, 4);
  const load = now() - t;
  t = now();
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
  const score = now() - t;
  t = now();
  const result = { ...scores, ...rankColumns(scores.totals, BANDS) };
  const rank = now() - t;
  t = now();
  const totals: string[] = new Array(N);
  for (let i = 0; i < N; i++) totals[i] = formatScaled(result.totals[i] ?? 0, result.totalPlaces, PLACES);
  const format = now() - t;
  return { load, score, rank, format, result, totals };
}

// ---- 2. float64, same steps ----
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
function floatRun() {
  collect();
  let t = now();
  const fcols = {} as Record<Field, Float64Array>;
  for (const f of FIELDS) {
    const c = new Float64Array(N);
    for (let i = 0; i < N; i++) c[i] = Number((records[i] as Rec)[f]);
    fcols[f] = c;
  }
  const load = now() - t;
  t = now();
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
  const score = now() - t;
  t = now();
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
  const rank = now() - t;
  t = now();
  const totals: string[] = new Array(N);
  for (let i = 0; i < N; i++) totals[i] = (ftotals[i] as number).toFixed(PLACES);
  const format = now() - t;
  return { load, score, rank, format, fbench, frank, fclass, totals };
}

const e1 = exactRun();
const exactPeak = peak();
const f1 = floatRun();
// Second runs: the same work again with the JIT warm (first runs include compiling the code).
const e2 = exactRun();
const f2 = floatRun();
const exact = e1.result;
const exactTotals = e1.totals;
const { fbench, frank, fclass } = f1;
const floatTotals = f1.totals;
const exactLoad = e1.load;
const exactScore = e1.score;
const exactRank = e1.rank;
const exactEval = exactScore + exactRank;
const exactFormat = e1.format;
const floatLoad = f1.load;
const floatScore = f1.score;
const floatRank = f1.rank;
const floatEval = floatScore + floatRank;
const floatFormat = f1.format;
let runsDiffer = 0;
for (let i = 0; i < N; i++) if (e2.totals[i] !== exactTotals[i] || f2.totals[i] !== floatTotals[i]) runsDiffer++;
const fbounds = boundariesOf(N);

// ---- 3. decimal.js, same steps ----
collect();
const D = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
const HU = DecimalJs.ROUND_HALF_UP;
t0 = now();
const dcols = {} as Record<Field, DecimalJs[]>;
for (const f of FIELDS) {
  const c: DecimalJs[] = new Array(N);
  for (let i = 0; i < N; i++) c[i] = new D((records[i] as Rec)[f]);
  dcols[f] = c;
}
const decLoad = now() - t0;
const decLoadPeak = peak();
t0 = now();
const dtotals: DecimalJs[] = new Array(N).fill(new D(0));
const dbench: DecimalJs[] = [];
for (const [num, den, weight] of INDICATORS) {
  const a = dcols[num];
  const d = dcols[den];
  const v: DecimalJs[] = new Array(N);
  let sn = new D(0);
  let sd = new D(0);
  for (let i = 0; i < N; i++) {
    const ai = a[i] as DecimalJs;
    const di = d[i] as DecimalJs;
    v[i] = ai.div(di).toDecimalPlaces(PLACES, HU);
    sn = sn.plus(ai);
    sd = sd.plus(di);
  }
  const b = sn.div(sd).toDecimalPlaces(PLACES, HU);
  dbench.push(b);
  const w = new D(weight);
  for (let i = 0; i < N; i++)
    dtotals[i] = (dtotals[i] as DecimalJs).plus(
      w
        .times(v[i] as DecimalJs)
        .div(b)
        .toDecimalPlaces(PLACES, HU),
    );
}
const decScore = now() - t0;
t0 = now();
const dorder = Array.from({ length: N }, (_, i) => i);
dorder.sort((x, y) => (dtotals[y] as DecimalJs).cmp(dtotals[x] as DecimalJs) || x - y);
const drank = new Int32Array(N);
for (let p = 0, cur = 0; p < N; p++) {
  const i = dorder[p] as number;
  if (p === 0 || !(dtotals[dorder[p - 1] as number] as DecimalJs).eq(dtotals[i] as DecimalJs)) cur = p + 1;
  drank[i] = cur;
}
const dclass = new Uint8Array(N);
for (let i = 0; i < N; i++) dclass[i] = classOf(drank[i] as number, fbounds);
const decRank = now() - t0;
const decEval = decScore + decRank;
t0 = now();
const decTotals: string[] = new Array(N);
for (let i = 0; i < N; i++) decTotals[i] = (dtotals[i] as DecimalJs).toFixed(PLACES);
const decFormat = now() - t0;

// ---- checks ----
let exactVsDec = 0;
let rankVsDec = 0;
let classVsDec = 0;
let floatWrong = 0;
let floatRankWrong = 0;
let floatClassWrong = 0;
for (let i = 0; i < N; i++) {
  if (exactTotals[i] !== decTotals[i]) exactVsDec++;
  if (exact.rank[i] !== drank[i]) rankVsDec++;
  if (exact.classIndex[i] !== dclass[i]) classVsDec++;
  if (floatTotals[i] !== decTotals[i]) floatWrong++;
  if (frank[i] !== drank[i]) floatRankWrong++;
  if (fclass[i] !== dclass[i]) floatClassWrong++;
}
const benchSame = exact.benchmarks.every((b, k) => b.toFixed({ places: PLACES }) === dbench[k]?.toFixed(PLACES));
const fbenchWrong = fbench.filter((b, k) => b.toFixed(PLACES) !== dbench[k]?.toFixed(PLACES)).length;

const rps = (ms: number) => `${Math.round(N / (ms / 1000)).toLocaleString('en')} records/s`;
const row = (name: string, load: number, score: number, rank: number, fmt: number) =>
  `${name.padEnd(21)} load ${sec(load).padStart(8)} | evaluate ${sec(score + rank).padStart(8)} = scoring ${sec(score).padStart(8)} + ranking/classes ${sec(rank).padStart(8)} (${rps(score + rank).padStart(20)}) | format ${sec(fmt).padStart(7)} | end-to-end ${sec(load + score + rank + fmt).padStart(8)}`;
console.log('first run (cold JIT):');
console.log(row('exact kernel (mujun)', exactLoad, exactScore, exactRank, exactFormat));
console.log(row('float64', floatLoad, floatScore, floatRank, floatFormat));
console.log('second run (warm JIT):');
console.log(row('exact kernel (mujun)', e2.load, e2.score, e2.rank, e2.format));
console.log(row('float64', f2.load, f2.score, f2.rank, f2.format));
console.log('single run:');
console.log(row('decimal.js', decLoad, decScore, decRank, decFormat));
console.log('');
console.log(
  `warm: exact evaluate / float64 evaluate ${((e2.score + e2.rank) / (f2.score + f2.rank)).toFixed(2)}× (scoring alone ${(e2.score / f2.score).toFixed(2)}×); exact load / float64 load ${(e2.load / f2.load).toFixed(2)}×; second runs equal first runs: ${runsDiffer === 0}`,
);
console.log(
  `cold: exact scoring / float64 scoring: ${(exactScore / floatScore).toFixed(2)}×; exact evaluate / float64 evaluate: ${(exactEval / floatEval).toFixed(2)}×; exact end-to-end / float64 end-to-end: ${((exactLoad + exactEval + exactFormat) / (floatLoad + floatEval + floatFormat)).toFixed(2)}×; decimal.js evaluate / exact: ${(decEval / exactEval).toFixed(1)}×`,
);
console.log(
  `peak RSS: after the exact kernel ${mb(exactPeak)} (includes the ${N.toLocaleString('en')} string records); after decimal.js loading ${mb(decLoadPeak)}; whole run ${mb(peak())}`,
);
console.log(
  `benchmarks (exact): ${exact.benchmarks.map((b) => b.toFixed({ places: PLACES })).join(', ')}; equal to decimal.js: ${benchSame}; float64 benchmarks wrong: ${fbenchWrong}`,
);
console.log(
  `exact kernel vs decimal.js on every record: totals differ ${exactVsDec}, ranks differ ${rankVsDec}, classes differ ${classVsDec}`,
);
console.log(
  `float64 vs decimal.js: totals wrong at ${PLACES} places ${floatWrong} (${((100 * floatWrong) / N).toFixed(2)}%), ranks wrong ${floatRankWrong} (${((100 * floatRankWrong) / N).toFixed(2)}%), classes wrong ${floatClassWrong}`,
);
const goals = [
  [`evaluate < 1.5 s (cold)`, exactEval < 1500],
  [`evaluate within 2× float64 (cold)`, exactEval <= 2 * floatEval],
  [`load < 1.5 s (cold)`, exactLoad < 1500],
  [`evaluate < 1.5 s (warm)`, e2.score + e2.rank < 1500],
  [`evaluate within 2× float64 (warm)`, e2.score + e2.rank <= 2 * (f2.score + f2.rank)],
  [`load < 1.5 s (warm)`, e2.load < 1500],
  [`peak RSS (exact phase) < 1 GB`, exactPeak < 1024 * 1024],
  [`exact = decimal.js on every record`, exactVsDec === 0 && rankVsDec === 0 && classVsDec === 0 && benchSame],
] as const;
console.log(`goals: ${goals.map(([g, ok]) => `${ok ? '✓' : '✗'} ${g}`).join('; ')}`);
if (exactVsDec + rankVsDec + classVsDec > 0 || !benchSame) process.exitCode = 1;
