/**
 * `pnpm bench intake`: an .xlsx of N rows × 8 columns (统计: 统一社会信用代码,
 * 企业名称, 规模, 营业收入, 工业增加值, 年平均职工人数, R&D经费, 销售收入; default
 * N = 100,000, `BENCH_ROWS`) imported through the public `importAnnualData`
 * into a PGlite store holding the N enterprises, beside a bare exceljs read of
 * the same file in the same run. Goal: < 15 s, peak RSS < 1 GB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { makeUscc, TONGXIANG_2018_INPUT } from '../packages/core/src/index';
import { importAnnualData } from '../packages/intake/src/index';
import { openStore } from '../packages/store/src/index';

const N = Number(process.env.BENCH_ROWS ?? 100_000);
const towns = TONGXIANG_2018_INPUT.towns.map((t) => t.code);
const seconds = (t0: bigint) => Number((process.hrtime.bigint() - t0) / 1_000_000n) / 1000;
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const goal = (ok: boolean, text: string) => console.log(`  ${ok ? '✓' : '✗'} ${text}`);

console.log(`intake bench: an .xlsx of ${N.toLocaleString('en')} rows × 8 columns`);
const dir = mkdtempSync(join(tmpdir(), 'mujun-intake-bench-'));
const file = join(dir, '统计.xlsx');
const usccs = Array.from({ length: N }, (_, i) =>
  makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: `M${String(i).padStart(7, '0')}` }),
);
let t0 = process.hrtime.bigint();
// The streaming writer keeps the generator's memory out of the figures below.
const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
const ws = writer.addWorksheet('Sheet1');
ws.addRow([
  '统一社会信用代码',
  '企业名称',
  '规模',
  '营业收入(万元)',
  '工业增加值(万元)',
  '年平均职工人数',
  'R&D经费(万元)',
  '销售收入(万元)',
]).commit();
usccs.forEach((uscc, i) => {
  ws.addRow([
    uscc,
    `企业${i}`,
    '规下',
    // Number cells as a department types them: the double nearest each decimal.
    Number(`${100 + (i % 1800)}.25`),
    Number(`${20 + (i % 700)}.5`),
    5 + (i % 200),
    Number(`${i % 50}.01`),
    90 + (i % 1500),
  ]).commit();
});
await ws.commit();
await writer.commit();
console.log(`  write the workbook               ${seconds(t0).toFixed(2)} s`);

const store = await openStore();
await store.repository.importRegion(
  {
    region: TONGXIANG_2018_INPUT,
    enterprises: usccs.map((uscc, i) => ({
      uscc,
      name: `企业${i}`,
      townCode: towns[i % towns.length],
      industry: '1751',
      registeredOn: '2010-01-01',
    })),
  },
  [],
  { actor: 'bench' },
);
const before = mb();
console.log(`  registry of ${N.toLocaleString('en')} enterprises loaded; RSS so far ${before} MB`);

// The baseline's workbook goes out of scope before the import, so the import's peak is its own.
const bare = await (async () => {
  const start = process.hrtime.bigint();
  const baseline = new ExcelJS.Workbook();
  await baseline.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  return seconds(start);
})();
(globalThis as { gc?: () => void }).gc?.();
console.log(`  baseline: exceljs reads the file ${bare.toFixed(2)} s`);

t0 = process.hrtime.bigint();
const { report } = await importAnnualData(store.repository, {
  files: [{ name: '统计.xlsx', bytes: readFileSync(file) }],
  year: 2018,
  context: { actor: 'bench' },
});
const took = seconds(t0);
console.log(
  `  importAnnualData                 ${took.toFixed(2)} s (${Math.round(N / took).toLocaleString('en')} rows/s; ${(took / bare).toFixed(1)}× the bare read), errors ${report.errors}, written ${report.records}`,
);
goal(report.errors === 0 && report.records === N, `every row written (${report.records})`);
goal(took < 15, `import < 15 s (${took.toFixed(1)} s)`);
goal(mb() < 1024, `peak RSS < 1 GB (${mb()} MB for the whole run, generator and registry included)`);
await store.close();
rmSync(dir, { recursive: true, force: true });
