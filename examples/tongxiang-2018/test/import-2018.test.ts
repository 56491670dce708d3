import { randomBytes } from 'node:crypto';
import { importAnnualData, readTable } from '@mujun/intake';
import { dumpTables, openStore, type Store } from '@mujun/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentFiles, import2018 } from '../src/import-2018';

const ctx = { actor: 'test:import-2018' };
const url = process.env.TEST_DATABASE_URL || undefined;

const engines: [string, string | undefined][] = [
  ['PGlite', undefined],
  ...(url ? [['PostgreSQL', url] as [string, string]] : []),
];

describe.each(engines)('the 2018 cycle from department files (%s)', (_engine, databaseUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(databaseUrl ? { databaseUrl, schema: `t_${randomBytes(6).toString('hex')}` } : {});
  });
  afterAll(async () => {
    await store?.close();
  });

  it('imports the clean set into a fresh store and evaluates exactly as pnpm evaluate-2018', async () => {
    const r = await import2018(store);
    expect(r.report).toMatchObject({ errors: 0, warnings: 0, records: 2045, written: true });
    expect(r.result.enterprises).toHaveLength(3027); // every firm of the city; 982 reported no 2018 data;
    expect(r.equal).toBe(true);
  });

  it('a rejected import (every defect of the dirty set, an unreadable file, an unknown layout) changes nothing', async () => {
    const before = await dumpTables(store.sql);
    const { report, rejects } = await importAnnualData(store.repository, {
      files: [
        ...departmentFiles('dirty-2018'),
        { name: '坏文件.xlsx', bytes: new TextEncoder().encode('not a zip') },
        { name: '其他.csv', bytes: new TextEncoder().encode('甲,乙\n1,2\n') },
      ],
      year: 2018,
      rejects: true,
      context: ctx,
    });
    expect(report.written).toBe(false);
    expect(report.issues.filter((i) => i.row === 0).map((i) => [i.file, i.rule])).toEqual([
      ['其他.csv', 'file.sourceUnknown'],
      ['坏文件.xlsx', 'file.unreadable'],
      ['税务-有误.xlsx', 'note.totalRows'],
    ]);
    expect(report.errors).toBe(14);
    expect(rejects).toBeDefined();
    expect(await dumpTables(store.sql)).toBe(before);
  });

  it('with acceptValid writes the rows that pass and returns a rejects workbook with an error column', async () => {
    const before = await dumpTables(store.sql);
    const { report, rejects } = await importAnnualData(store.repository, {
      files: departmentFiles('dirty-2018'),
      year: 2018,
      acceptValid: true,
      rejects: true,
      context: ctx,
    });
    expect(report).toMatchObject({ written: true, records: 6, errors: 12 });
    expect(await dumpTables(store.sql)).not.toBe(before);
    const table = await readTable({ name: 'rejects.xlsx', bytes: rejects as Uint8Array });
    expect(table.rows[0]?.cells.slice(0, 3).map((c) => c.text)).toEqual(['错误', '行号', '统一社会信用代码']);
    expect(table.rows[1]?.cells[0]?.text).toContain('cell.unit');
    const audit = await store.repository.listAudit({});
    expect(audit.at(-1)).toMatchObject({ actor: 'test:import-2018', action: 'saveRecords' });
  });
});
