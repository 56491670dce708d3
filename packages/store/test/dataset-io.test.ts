import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '@mujun/core';
import {
  exportDataset,
  importDataset,
  openStore,
  readDatasetDir,
  writeDatasetDir,
  yearlyFiguresSql,
} from '@mujun/store';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl, uniqueSchema } from './postgres-env';

const dataDir = fileURLToPath(new URL('../../../examples/tongxiang-2018/data', import.meta.url));
const ctx = { actor: 'import:tongxiang-2018' };

async function roundTrip(store: Awaited<ReturnType<typeof openStore>>) {
  const files = await readDatasetDir(dataDir);
  const progress: number[] = [];
  const r = await importDataset(store.repository, files, ctx, { onProgress: (p) => progress.push(p.rows) });
  expect(r.regionCode).toBe('330483');
  expect(progress.at(-1)).toBe(r.rows);
  // The published 2018 figures, straight from SQL.
  const figures = (await yearlyFiguresSql(store.sql, '330483', 2018)).figures;
  expect(figures).toEqual({
    lowScatteredRemediated: '4692',
    backwardCapacityItems: '20',
    zombiesDisposed: '11',
    vacatingSigned: '4574',
    reclamationApproved: '2562',
    parkFloorAreaCompleted: '470000',
    parkEntries: '585',
  });
  // Dumped back to CSV: byte-identical to the committed files.
  const out = mkdtempSync(join(tmpdir(), 'mujun-export-'));
  try {
    await writeDatasetDir(out, await exportDataset(store.repository, '330483'));
    for (const name of Object.keys(files)) {
      expect(readFileSync(join(out, name), 'utf8'), name).toBe(files[name]);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('examples/tongxiang-2018 CSVs through the store', () => {
  it('PGlite: import in one call, published figures, export byte-identical', async () => {
    const store = await openStore();
    try {
      await roundTrip(store);
    } finally {
      await store.close();
    }
  });

  const url = testDatabaseUrl();
  it.skipIf(!url)('PostgreSQL: import in one call, published figures, export byte-identical', async () => {
    const schema = uniqueSchema();
    const store = await openStore({ databaseUrl: url as string, schema });
    try {
      await roundTrip(store);
    } finally {
      await store.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await store.close();
    }
  });

  it('refuses a malformed file whole, naming file, line and column', async () => {
    const store = await openStore();
    try {
      const files = await readDatasetDir(dataDir);
      const parcels = (files['parcels.csv'] ?? '').split('\n');
      const area = (parcels[0] ?? '').split(',').indexOf('area_mu');
      parcels[1] = (parcels[1] ?? '')
        .split(',')
        .map((cell, i) => (i === area ? `-${cell}` : cell))
        .join(',');
      const err = await importDataset(store.repository, { ...files, 'parcels.csv': parcels.join('\n') }, ctx).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues).toContainEqual(
        expect.objectContaining({ field: 'parcels.csv:2.area_mu', rule: 'positive' }),
      );
      expect(await store.repository.listRegions()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
