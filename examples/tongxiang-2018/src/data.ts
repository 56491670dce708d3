import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Dataset,
  type DatasetIssue,
  defineTarget,
  parseDatasetFiles,
  type RankingConfig,
  type Target,
  TONGXIANG_2018,
} from '@mujun/core';

/** The committed data folder of this example. */
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** Every file of a data folder by name (CSV and JSON). */
export function readDataDir(dir = DATA_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.csv') || name.endsWith('.json')) files[name] = readFileSync(join(dir, name), 'utf8');
  }
  return files;
}

/** The CSV files among `files`, optionally only those of the given events years. */
export function csvFiles(
  files: Readonly<Record<string, string>>,
  eventYears?: readonly number[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    if (!name.endsWith('.csv')) continue;
    const m = /^events-(\d{4})\.csv$/.exec(name);
    if (m && eventYears && !eventYears.includes(Number(m[1]))) continue;
    out[name] = text;
  }
  return out;
}

/** Thrown when the CSVs break a rule: lists every issue with file, line and column. */
export class DatasetError extends Error {
  readonly issues: readonly DatasetIssue[];
  constructor(issues: readonly DatasetIssue[]) {
    super(`the dataset has ${issues.length} issue(s):\n${issues.slice(0, 20).map(formatIssue).join('\n')}`);
    this.issues = issues;
  }
}

/** `enterprises.csv:12 uscc: … (uscc.checkDigit)` */
export function formatIssue(i: DatasetIssue): string {
  const where = `${i.file}:${i.line}${i.field ? ` ${i.field}` : ''}`;
  return `${where}: ${i.message} (${i.rule})${i.value === undefined ? '' : ` [${i.value}]`}`;
}

/** Loads the CSVs through `parseDatasetFiles` (all or nothing). @throws DatasetError */
export function loadDataset(files: Readonly<Record<string, string>>, eventYears?: readonly number[]): Dataset {
  const r = parseDatasetFiles(csvFiles(files, eventYears));
  if (!r.ok) throw new DatasetError(r.issues);
  return r;
}

/** The targets in a JSON file of the folder, validated with `defineTarget`. */
export function loadTargets(files: Readonly<Record<string, string>>, name: string): Target[] {
  const text = files[name];
  if (text === undefined) throw new Error(`${name} is missing`);
  return (JSON.parse(text) as unknown[]).map((t) => defineTarget(t, TONGXIANG_2018));
}

/** data/ranking-2018.json: weights over the completion rates of town targets. */
export interface RankingFile {
  readonly title: string;
  readonly year: number;
  readonly cap: string;
  readonly components: readonly { key: string; label: string; weight: string; targetId: string }[];
}

/** The ranking configuration with its targets resolved. */
export function loadRanking(files: Readonly<Record<string, string>>): { file: RankingFile; config: RankingConfig } {
  const file = JSON.parse(files['ranking-2018.json'] ?? '{}') as RankingFile;
  const targets = loadTargets(files, 'targets-2018.json');
  const config: RankingConfig = {
    cap: file.cap,
    components: file.components.map((c) => {
      const target = targets.find((t) => t.id === c.targetId);
      if (!target) throw new Error(`ranking-2018.json: no target ${c.targetId} in targets-2018.json`);
      return { key: c.key, label: c.label, weight: c.weight, targets: [target] };
    }),
  };
  return { file, config };
}
