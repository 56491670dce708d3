/**
 * `pnpm bench evaluation`: the public API on N synthetic firms (default 1,000,000;
 * `BENCH_N=...`, `BENCH_SAMPLE=...` for the oracle sample, default 100,000):
 *
 *   load      `loadAnnualDataColumns` (every field rule of the zod model) vs `Number()` per cell
 *   evaluate  `evaluate(huangyan-2022 extended, { enterprises, annualDataColumns, parcels, tenancies })`
 *             vs a float64 implementation of the same steps in the same process
 *   summary   `summarizeEvaluation` (from the columns)
 *   explain   `result.enterprise(i)` for 1,000 firms
 *   oracle    the engine vs the Rational-per-firm oracle (packages/core/test/oracle) on a sample:
 *             totals, ranks, classes; 0 differences expected
 *
 * The 黄岩 2022 preset is extended for variety: 规上 and 规下 cohorts (60% 规上), ~10% of firms
 * without emission data scored by the cohort average, ~2% exempt (utilities, registered < 2 years),
 * ~0.5% vetoed (违法占地), ~1% sharing a parcel (evaluated as one unit), ~3% tenants taking their
 * landlord's class. Values and partial scores stay unrounded; totals are rounded to 2 places, as
 * the preset says — the case plain fixed point cannot hold, decided by the filtered exact engine.
 */
import { cpus, loadavg } from 'node:os';
import { EVALUATION_PRESET_DOCUMENTS } from '../packages/core/src/evaluation/index';
import {
  type Enterprise,
  evaluate,
  type LandParcel,
  makeUscc,
  parseAnnualData,
  parseDivisionCode,
  parseEnterprise,
  parseEvaluationScheme,
  parseIndustryCode,
  parseLandParcel,
  summarizeEvaluation,
  type Tenancy,
} from '../packages/core/src/index';
import { type AnnualDataRow, loadAnnualDataColumns } from '../packages/core/src/internal';
import { oracleEvaluate } from '../packages/core/test/oracle/evaluate';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const SAMPLE = Math.min(N, Number(process.env.BENCH_SAMPLE ?? 100_000));
const now = () => performance.now();
const sec = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const peak = () => process.resourceUsage().maxRSS; // kB
const collect = () => (globalThis as { gc?: () => void }).gc?.();

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
const r = rng(20220101);
function dec(min: number, max: number, places: number): string {
  const scale = 10 ** places;
  const v = Math.floor(min * scale + r() * (max - min) * scale);
  if (places === 0) return String(v);
  const s = String(v).padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
}

const preset = EVALUATION_PRESET_DOCUMENTS['huangyan-2022'];
const scheme = parseEvaluationScheme({
  ...preset,
  id: 'huangyan-2022-bench',
  cohorts: preset.cohorts.map((c) => ({
    ...c,
    indicators: c.indicators.map((i) =>
      i.indicator === 'valueAddedPerEmission' ? { ...i, missing: 'cohortAverage' } : i,
    ),
  })),
  sharedParcels: 'asOneUnit',
  tenants: 'landlordClass',
});

let t0 = now();
const template = parseEnterprise({
  uscc: makeUscc({ authority: '9', orgType: '1', divisionCode: '331003', orgCodeBody: '00000000' }),
  name: '企业',
  townCode: '331003100000',
  industry: '1751',
  registeredOn: '2010-01-01',
});
const industries = ['1751', '3311', '2614', '3484', '2929'].map((c) => parseIndustryCode(c));
const utility = parseIndustryCode('4411');
const towns = ['331003001000', '331003002000', '331003100000', '331003101000', '331003102000'].map((c) =>
  parseDivisionCode(c),
);
const enterprises: Enterprise[] = new Array(N);
const rows: AnnualDataRow[] = new Array(N);
const parcels: LandParcel[] = [];
const tenancies: Tenancy[] = [];
for (let i = 0; i < N; i++) {
  const uscc = makeUscc({
    authority: '9',
    orgType: '1',
    divisionCode: '331003',
    orgCodeBody: String(i).padStart(8, '0'),
  });
  const x = r();
  const above = r() < 0.6;
  let parcelIds: string[] = [];
  // ~1% in pairs sharing a parcel (the pair's land is the parcel's area)
  if (x < 0.01 && i > 0 && enterprises[i - 1]?.parcelIds.length === 0 && r() < 0.9) {
    const id = `P-${i}`;
    parcels.push(parseLandParcel({ id, townCode: towns[0], area: dec(5, 200, 2), category: 'inUse' }));
    parcelIds = [id];
    (enterprises[i - 1] as { parcelIds: string[] }).parcelIds = [id];
  }
  enterprises[i] = {
    ...template,
    uscc,
    name: `企业${i}`,
    townCode: towns[i % towns.length] as Enterprise['townCode'],
    industry: x > 0.99 ? utility : (industries[i % industries.length] as (typeof industries)[number]),
    registeredOn: x > 0.98 && x <= 0.99 ? '2021-06-01' : '2010-01-01',
    flags: x > 0.975 && x <= 0.98 ? ['illegalLandUse'] : [],
    parcelIds,
  };
  if (x > 0.94 && x <= 0.97 && i > 10) {
    tenancies.push({ tenant: uscc, landlord: enterprises[Math.floor(r() * (i - 1))]?.uscc as string });
  }
  rows[i] = {
    uscc,
    year: '2022',
    scale: above ? 'aboveDesignatedSize' : 'belowDesignatedSize',
    tax: dec(0, 5000, 2),
    valueAdded: dec(1, 20000, 2),
    revenue: above ? dec(2000, 200000, 2) : dec(10, 1999, 2),
    landArea: dec(1, 500, 2),
    energy: dec(1, 50000, 2),
    // whole 当量吨; ~10% not reported (scored by the cohort average)
    emissionEquivalent: r() < 0.1 ? '' : dec(1, 200, 0),
    employees: dec(10, 3000, 0),
    rdExpense: dec(0, 2000, 2),
    electricity: dec(1, 20000, 2),
  };
}
const FIELDS = [
  'tax',
  'valueAdded',
  'revenue',
  'landArea',
  'energy',
  'emissionEquivalent',
  'employees',
  'rdExpense',
  'electricity',
] as const;
console.log(
  `mujun evaluation benchmark — ${N.toLocaleString('en')} firms, huangyan-2022 extended (规上/规下, cohort-average emission, T, veto, shared parcels, tenants)`,
);
console.log(
  `node ${process.version}, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; generated in ${sec(now() - t0)}\n`,
);

// ---- float64: the same steps ----
type FloatCols = Record<(typeof FIELDS)[number], Float64Array>;
function floatLoad(): FloatCols {
  const out = {} as FloatCols;
  for (const f of FIELDS) {
    const c = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      const s = (rows[i] as AnnualDataRow)[f];
      c[i] = s === undefined || s === '' ? Number.NaN : Number(s);
    }
    out[f] = c;
  }
  return out;
}
function floatEvaluate(cols: FloatCols) {
  const ref = '2022-12-31';
  const parcelArea = new Map(parcels.map((p) => [p.id, Number(p.area.in('mu').toFixed({ places: 6 }))]));
  const landlord = new Map(tenancies.map((t) => [t.tenant, t.landlord]));
  const index = new Map<string, number>();
  // 0 scored, 1 exempt, 2 vetoed, 3 follower
  const kind = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const e = enterprises[i] as Enterprise;
    index.set(e.uscc, i);
    if (e.flags.includes('illegalLandUse')) kind[i] = 2;
    else if (e.industry.section === 'D' || `${Number(e.registeredOn.slice(0, 4)) + 2}${e.registeredOn.slice(4)}` > ref)
      kind[i] = 1;
    else if (landlord.has(e.uscc)) kind[i] = 3;
  }
  // units: a parcel's scored firms together
  const unitOf = new Int32Array(N).fill(-1);
  const firstOnParcel = new Map<string, number>();
  const unitRows: number[][] = [];
  for (let i = 0; i < N; i++) {
    if (kind[i] === 1 || kind[i] === 3) continue;
    const p = (enterprises[i] as Enterprise).parcelIds[0];
    const f = p === undefined ? undefined : firstOnParcel.get(p);
    if (f !== undefined) {
      unitOf[i] = unitOf[f] as number;
      (unitRows[unitOf[f] as number] as number[]).push(i);
      continue;
    }
    if (p !== undefined) firstOnParcel.set(p, i);
    unitOf[i] = unitRows.length;
    unitRows.push([i]);
  }
  const U = unitRows.length;
  const val = (f: (typeof FIELDS)[number], u: number) => {
    const list = unitRows[u] as number[];
    if (list.length === 1) return cols[f][list[0] as number] as number;
    // Summed over the members that report the field (missing only when none does), as the library does.
    let s = Number.NaN;
    for (const i of list) {
      const v = cols[f][i] as number;
      if (!Number.isNaN(v)) s = Number.isNaN(s) ? v : s + v;
    }
    if (f === 'landArea') {
      const p = (enterprises[list[0] as number] as Enterprise).parcelIds[0];
      return p === undefined ? s : (parcelArea.get(p) as number);
    }
    return s;
  };
  const total = new Float64Array(U);
  const cls = new Int8Array(U).fill(-1);
  for (const cohort of scheme.cohorts) {
    const above = cohort.membership.scale === 'aboveDesignatedSize';
    const members: number[] = [];
    for (let u = 0; u < U; u++) {
      const a = (unitRows[u] as number[]).some((i) => (rows[i] as AnnualDataRow).scale === 'aboveDesignatedSize');
      if (a === above) members.push(u);
    }
    const t = new Float64Array(members.length);
    for (const spec of cohort.indicators) {
      const def = {
        taxPerMu: ['tax', 'landArea'],
        valueAddedPerMu: ['valueAdded', 'landArea'],
        valueAddedPerEnergy: ['valueAdded', 'energy'],
        valueAddedPerEmission: ['valueAdded', 'emissionEquivalent'],
        laborProductivity: ['valueAdded', 'employees'],
        rdIntensity: ['rdExpense', 'revenue'],
        taxPerElectricity: ['tax', 'electricity'],
      }[spec.indicator as string] as [(typeof FIELDS)[number], (typeof FIELDS)[number]];
      const w = Number(spec.weight.toFixed({ places: 12 }));
      const b = Number(spec.benchmark.value?.toFixed({ places: 12 }) ?? '1');
      let sum = 0;
      let count = 0;
      const part = new Float64Array(members.length);
      const missing = new Uint8Array(members.length);
      for (const [j, u] of members.entries()) {
        const n = val(def[0], u);
        const d = val(def[1], u);
        if (Number.isNaN(n) || Number.isNaN(d) || d === 0) {
          missing[j] = 1;
          continue;
        }
        part[j] = (w * (n / d)) / b;
        sum += part[j] as number;
        count++;
      }
      const fill = spec.missing === 'cohortAverage' && count > 0 ? sum / count : 0;
      for (let j = 0; j < members.length; j++) t[j] = (t[j] as number) + (missing[j] ? fill : (part[j] as number));
    }
    const ranked: number[] = [];
    for (const [j, u] of members.entries()) {
      t[j] = Math.round((t[j] as number) * 100) / 100;
      total[u] = t[j] as number;
      if (!(unitRows[u] as number[]).some((i) => kind[i] === 2)) ranked.push(j);
      else cls[u] = 3;
    }
    ranked.sort((x, y) => (t[y] as number) - (t[x] as number));
    const n = ranked.length;
    const bands = cohort.classification.by === 'percentile' ? cohort.classification.bands : [];
    const bounds: number[] = [];
    let cum = 0;
    for (const [k, band] of bands.entries()) {
      cum += Number(band.share.toFixed({ places: 12 }));
      bounds.push(k === bands.length - 1 ? n : Math.floor((cum * n + 50) / 100));
    }
    let rank = 0;
    for (let p = 0; p < n; p++) {
      const j = ranked[p] as number;
      if (p === 0 || t[ranked[p - 1] as number] !== t[j]) rank = p + 1;
      let k = 0;
      while (k < bounds.length - 1 && rank > (bounds[k] as number)) k++;
      cls[members[j] as number] = k;
    }
  }
  const firmClass = new Int8Array(N).fill(-1);
  const firmTotal = new Float64Array(N).fill(Number.NaN);
  for (let i = 0; i < N; i++) {
    if (kind[i] === 1) firmClass[i] = 4;
    else if (kind[i] !== 3 && (unitOf[i] as number) >= 0) {
      firmClass[i] = cls[unitOf[i] as number] as number;
      firmTotal[i] = total[unitOf[i] as number] as number;
    }
  }
  for (let i = 0; i < N; i++) {
    if (kind[i] !== 3) continue;
    let at = index.get(landlord.get((enterprises[i] as Enterprise).uscc) as string);
    for (let hops = 0; at !== undefined && kind[at] === 3 && hops < 50; hops++)
      at = index.get(landlord.get((enterprises[at] as Enterprise).uscc) as string);
    firmClass[i] = at === undefined ? -1 : (firmClass[at] as number);
  }
  return { firmClass, firmTotal };
}

// ---- the public API ----
collect();
t0 = now();
const loaded = loadAnnualDataColumns(rows, FIELDS);
const loadMs = now() - t0;
if (!loaded.ok) throw new Error(`bench data rejected: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
collect();
t0 = now();
const result = evaluate(scheme, { enterprises, annualDataColumns: loaded.columns, parcels, tenancies });
const evalMs = now() - t0;
const exactPeak = peak();
t0 = now();
const summary = summarizeEvaluation(result);
const summaryMs = now() - t0;
t0 = now();
const step = Math.max(1, Math.floor(N / 1000));
let explained = 0;
for (let i = 0; i < N && explained < 1000; i += step, explained++) result.enterprise(i);
const explainMs = now() - t0;

collect();
t0 = now();
const fcols = floatLoad();
const floatLoadMs = now() - t0;
collect();
t0 = now();
const float = floatEvaluate(fcols);
const floatEvalMs = now() - t0;

// float64's disagreements with the exact result (totals at 2 places, classes)
const CODES = ['A', 'B', 'C', 'D', 'T'];
let floatTotals = 0;
let floatClasses = 0;
for (let i = 0; i < N; i++) {
  const cls = result.classOf(i);
  const f = float.firmClass[i] as number;
  if ((f < 0 ? null : CODES[f]) !== cls) floatClasses++;
  const st = result.statusOf(i);
  if (st === 'rated' || st === 'vetoed') {
    if (result.totalReportedOf(i) !== (float.firmTotal[i] as number).toFixed(2)) floatTotals++;
  }
}

// ---- exactness: the engine vs the oracle on a sample (both evaluate the sample alone) ----
const sampleFirms = enterprises.slice(0, SAMPLE);
const inSample = new Set<string>(sampleFirms.map((e) => e.uscc));
const sampleRows = rows.slice(0, SAMPLE);
const sampleParcelIds = new Set(sampleFirms.flatMap((e) => e.parcelIds));
const sampleInput = {
  enterprises: sampleFirms,
  parcels: parcels.filter((p) => sampleParcelIds.has(p.id)),
  tenancies: tenancies.filter((t) => inSample.has(t.tenant)),
};
t0 = now();
const records = sampleRows.map(({ year: _year, ...row }) =>
  parseAnnualData({ ...Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')), year: 2022 }),
);
const parseMs = now() - t0;
t0 = now();
const sampleLoaded = loadAnnualDataColumns(sampleRows, FIELDS);
const sampleLoadMs = now() - t0;
if (!sampleLoaded.ok) throw new Error('sample rejected');
const engineSample = evaluate(scheme, { ...sampleInput, annualDataColumns: sampleLoaded.columns });
t0 = now();
const oracle = oracleEvaluate(scheme, { ...sampleInput, annualData: records });
const oracleMs = now() - t0;
let diffTotals = 0;
let diffRanks = 0;
let diffClasses = 0;
for (let i = 0; i < SAMPLE; i++) {
  const a = engineSample.enterprise(i);
  const b = oracle.enterprises[i];
  if ((a.total?.toString() ?? null) !== (b?.total?.toString() ?? null) || a.totalReported !== b?.totalReported)
    diffTotals++;
  if (a.rank !== b?.rank) diffRanks++;
  if (a.class !== b?.class) diffClasses++;
}

const rss = peak();
console.log(
  `load      ${sec(loadMs).padStart(9)}  (Number() per cell: ${sec(floatLoadMs)}; ${(loadMs / floatLoadMs).toFixed(2)}×)`,
);
console.log(
  `evaluate  ${sec(evalMs).padStart(9)}  (float64, same steps: ${sec(floatEvalMs)}; ${(evalMs / floatEvalMs).toFixed(2)}×)`,
);
console.log(
  `summary   ${sec(summaryMs).padStart(9)}  (${summary.total.A} A, ${summary.total.B} B, ${summary.total.C} C, ${summary.total.D} D, ${summary.total.T} T, ${summary.total.none} none)`,
);
console.log(
  `explain   ${sec(explainMs).padStart(9)}  (${explained} firms, EnterpriseEvaluation with exact values and reasons)`,
);
console.log(`fallbacks ${result.fallbacks} decisions computed exactly (the rest settled by the error bound)`);
console.log(
  `peak RSS  ${mb(exactPeak)} after evaluate (includes the ${N.toLocaleString('en')} string rows and firms); ${mb(rss)} for the whole run`,
);
console.log(`float64 disagrees with the exact result: totals at 2 places ${floatTotals}, classes ${floatClasses}`);
console.log(
  `oracle (${SAMPLE.toLocaleString('en')} firms): differences in totals ${diffTotals}, ranks ${diffRanks}, classes ${diffClasses}; oracle ${sec(oracleMs)}, engine on the sample ${sec(sampleLoadMs)} load; parseAnnualData ${sec(parseMs)} vs bulk load ${sec(sampleLoadMs)} (${(parseMs / sampleLoadMs).toFixed(1)}×)`,
);
const goals = [
  [`evaluate ${N.toLocaleString('en')} < 2 s`, evalMs < 2000],
  ['evaluate ≤ 1.5× float64', evalMs <= 1.5 * floatEvalMs],
  [`load ${N.toLocaleString('en')} < 2 s`, loadMs < 2000],
  ['load ≤ 2× Number()', loadMs <= 2 * floatLoadMs],
  ['bulk load ≥ 10× faster than parseAnnualData', parseMs >= 10 * sampleLoadMs],
  ['peak RSS (load + evaluate) < 1.5 GB', exactPeak < 1.5 * 1024 * 1024],
  ['engine = oracle (totals, ranks, classes)', diffTotals + diffRanks + diffClasses === 0],
] as const;
console.log(`goals: ${goals.map(([g, ok]) => `${ok ? '✓' : '✗'} ${g}`).join('; ')}`);
if (diffTotals + diffRanks + diffClasses > 0) process.exitCode = 1;
