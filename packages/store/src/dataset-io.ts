import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type DatasetIssue,
  type DatasetOptions,
  datasetToFiles,
  type ImportProgress,
  parseDatasetFiles,
  ValidationError,
  type WriteContext,
} from '@mujun/core';
import type { SqlRepository } from './repository';

/** Every `.csv` file of a folder, by file name (the dataset's JSON files are not part of it). */
export async function readDatasetDir(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    if (name.endsWith('.csv')) files[name] = await readFile(join(dir, name), 'utf8');
  }
  return files;
}

/** Writes dataset files into a folder (created if missing). */
export async function writeDatasetDir(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text, 'utf8');
}

/** Dataset issues as field issues: `file:line.column`. */
export function datasetIssues(issues: readonly DatasetIssue[]) {
  return issues.map((i) => ({
    field: `${i.file}:${i.line}${i.field ? `.${i.field}` : ''}`,
    rule: i.rule,
    message: i.value === undefined ? i.message : `${i.message} [${i.value}]`,
  }));
}

/**
 * Loads CSV dataset files (the `examples/tongxiang-2018/data` layout, see
 * docs/dataset.md) into a store in one call: validated by the core all or
 * nothing (a `ValidationError` naming file, line and column otherwise), then
 * written in one transaction, with progress.
 */
export async function importDataset(
  repository: SqlRepository,
  files: Readonly<Record<string, string>>,
  ctx: WriteContext,
  options: DatasetOptions & { onProgress?: (progress: ImportProgress) => void } = {},
): Promise<{ regionCode: string; version: number; rows: number }> {
  const { onProgress, ...datasetOptions } = options;
  const parsed = parseDatasetFiles(files, datasetOptions);
  if (!parsed.ok) throw new ValidationError(datasetIssues(parsed.issues));
  return repository.importValidated(parsed.registry, parsed.ledger, ctx, onProgress);
}

/** A region of a store back to dataset files: the same bytes the dataset's own writer makes. */
export async function exportDataset(repository: SqlRepository, regionCode: string): Promise<Record<string, string>> {
  const registry = await repository.loadRegistry(regionCode);
  const ledger = await repository.loadLedger(regionCode);
  if (!registry || !ledger)
    throw new ValidationError([
      { field: 'regionCode', rule: 'reference.region', message: `region ${regionCode} does not exist` },
    ]);
  return datasetToFiles({ registry, events: ledger.events().map((e) => e.event) });
}
