import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRegistry } from '@mujun/cli';
import { type EvaluationResult, parseEvaluationScheme } from '@mujun/core';
import { type IntakeReport, importAnnualData } from '@mujun/intake';
import { importDataset, openStore, type Store } from '@mujun/store';
import { readDataDir } from './data';
import { DEPARTMENTS_DIR } from './departments';
import { evaluate2018 } from './evaluate-2018';

/** The registry files of the dataset: the region, enterprises, parcels and parks, without figures or events. */
const REGISTRY_FILES = ['towns.csv', 'enterprises.csv', 'parcels.csv', 'parks.csv', 'park-phases.csv'];

/** The department files of a folder under departments/, in name order. */
export function departmentFiles(dir: string): { name: string; bytes: Uint8Array }[] {
  return readdirSync(join(DEPARTMENTS_DIR, dir))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(DEPARTMENTS_DIR, dir, name)) }));
}

/** Loads the registry (no annual data) of tongxiang-2018 into an empty store. */
export async function loadRegistry(store: Store): Promise<void> {
  const files = readDataDir();
  const registry = Object.fromEntries(REGISTRY_FILES.map((n) => [n, files[n] as string]));
  await importDataset(store.repository, registry, { actor: 'example:import-2018' });
}

/** What the 2018 department files give once imported, and whether it equals `pnpm evaluate-2018`. */
export interface Import2018 {
  readonly report: IntakeReport;
  readonly result: EvaluationResult;
  readonly expected: EvaluationResult;
  readonly equal: boolean;
}

/** An evaluation result as plain JSON (exact fractions as strings) for comparison. */
const plain = (r: EvaluationResult) =>
  JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * The 2018 cycle from department files: the registry into a fresh store,
 * then the six department workbooks of departments/2018 through
 * @mujun/intake, then the shipped scheme over what the store holds —
 * compared with the evaluation of the canonical dataset (`pnpm evaluate-2018`).
 */
export async function import2018(store: Store): Promise<Import2018> {
  await loadRegistry(store);
  const { report } = await importAnnualData(store.repository, {
    files: departmentFiles('2018'),
    year: 2018,
    regionCode: '330483',
    context: { actor: 'example:import-2018' },
  });
  const files = readDataDir();
  const scheme = parseEvaluationScheme(JSON.parse(files['scheme-2018.json'] ?? 'null'));
  const registry = await store.repository.loadRegistry('330483');
  if (!registry) throw new Error('the region was not stored');
  const { result } = evaluateRegistry(scheme, registry);
  const expected = evaluate2018(files).result;
  return { report, result, expected, equal: plain(result) === plain(expected) };
}

/** `pnpm import-2018`: prints the import and the comparison; exit 1 when they differ. */
export async function main(): Promise<number> {
  const store = await openStore();
  try {
    const r = await import2018(store);
    for (const f of r.report.files)
      console.log(`${f.file}: ${f.rows} 行, 表头第${f.headerRow}行${f.encoding ? `, ${f.encoding}` : ''}`);
    console.log(`写入 ${r.report.records} 家企业的2018年度数据 (错误 ${r.report.errors}, 提示 ${r.report.warnings})`);
    const counts = (x: EvaluationResult) =>
      ['A', 'B', 'C', 'D', 'T'].map((c) => `${c} ${x.enterprises.filter((e) => e.class === c).length}`).join(', ');
    console.log(`评价 (部门数据): ${counts(r.result)}`);
    console.log(`评价 (pnpm evaluate-2018): ${counts(r.expected)}`);
    console.log(r.equal ? '✓ 与 pnpm evaluate-2018 的评价结果完全一致' : '✗ 与 pnpm evaluate-2018 的评价结果不一致');
    return r.equal ? 0 : 1;
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
