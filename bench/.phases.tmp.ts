// temporary phase timer (not committed)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { applyRegistryChanges, makeUscc, TONGXIANG_2018_INPUT } from '../packages/core/src/index';
import { planIntake, readTable } from '../packages/intake/src/index';
import { openStore } from '../packages/store/src/index';

const N = Number(process.env.BENCH_ROWS ?? 100_000);
const towns = TONGXIANG_2018_INPUT.towns.map((t) => t.code);
const mb = () => Math.round(process.memoryUsage().rss / 1048576);
const maxmb = () => Math.round(process.resourceUsage().maxRSS / 1024);
let t = process.hrtime.bigint();
const lap = (s: string) => {
  const n = process.hrtime.bigint();
  console.log(
    `${s.padEnd(28)} ${(Number(n - t) / 1e9).toFixed(2)} s  rss ${mb()} max ${maxmb()} heap ${Math.round(process.memoryUsage().heapUsed / 1048576)}`,
  );
  t = n;
};
const dir = mkdtempSync(join(tmpdir(), 'mujun-intake-phases-'));
const file = join(dir, '统计.xlsx');
const usccs = Array.from({ length: N }, (_, i) =>
  makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: `M${String(i).padStart(7, '0')}` }),
);
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
    Number(`${100 + (i % 1800)}.25`),
    Number(`${20 + (i % 700)}.5`),
    5 + (i % 200),
    Number(`${i % 50}.01`),
    90 + (i % 1500),
  ]).commit();
});
await ws.commit();
await writer.commit();
lap('write');
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
(globalThis as { gc?: () => void }).gc?.();
lap('registry import');
const registry = await store.repository.loadRegistry('330483');
lap('loadRegistry');
const bytes = readFileSync(file);
const table = await readTable({ name: '统计.xlsx', bytes });
lap('readTable');
const plan = await planIntake({
  files: [{ name: '统计.xlsx', bytes }],
  year: 2018,
  registry: registry as NonNullable<typeof registry>,
});
lap('planIntake (incl. read)');
if (process.env.CORE) {
  applyRegistryChanges(registry as NonNullable<typeof registry>, { annualData: plan.records });
  lap('applyRegistryChanges alone');
}
await store.repository.saveRecords('330483', { annualData: plan.records }, { actor: 'bench' });
lap('saveRecords');
console.log(plan.report.errors, plan.records.length, table.rows.length);
await store.close();
