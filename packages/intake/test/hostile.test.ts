import {
  DEFAULT_LIMITS,
  type IntakeLimits,
  limitEnvName,
  limitFlagName,
  planIntake,
  readIntakeFile,
  resolveLimits,
} from '@mujun/intake';
import { describe, expect, it } from 'vitest';
import {
  farColumnXlsx,
  inflatingXlsx,
  manyRowsCsv,
  manySheetsXlsx,
  sameFirmCsv,
  sharedStringsXlsx,
  wideHeaderCsv,
  withDeclaredSize,
} from './hostile';
import { A, smallRegistry } from './registry';

/** The file-level rules a file was refused with. */
async function refusal(name: string, bytes: Uint8Array, limits: IntakeLimits = DEFAULT_LIMITS) {
  const read = await readIntakeFile({ name, bytes, source: 'tax' }, 2018, limits);
  expect(read.rows).toEqual([]);
  return read.issues.map((i) => [i.rule, i.message]);
}

describe('limits (导入限额)', () => {
  it('resolve from defaults, then MUJUN_INTAKE_MAX_*, then the caller; a bad value names its limit', () => {
    expect(limitEnvName('sharedStrings')).toBe('MUJUN_INTAKE_MAX_SHARED_STRINGS');
    expect(limitFlagName('decompressedBytes')).toBe('max-decompressed-bytes');
    const limits = resolveLimits({ rows: '300_000' }, { MUJUN_INTAKE_MAX_ROWS: '1000', MUJUN_INTAKE_MAX_SHEETS: '3' });
    expect(limits).toEqual({ ...DEFAULT_LIMITS, rows: 300_000, sheets: 3 });
    expect(() => resolveLimits({ cells: '-1' })).toThrow('cells: a limit is a positive whole number');
    expect(() => resolveLimits({}, { MUJUN_INTAKE_MAX_COLUMNS: 'lots' })).toThrow('columns');
  });

  it('refuse a file larger than the file-size limit before reading it', async () => {
    expect(await refusal('t.csv', sameFirmCsv(A, 10), { ...DEFAULT_LIMITS, fileBytes: 100 })).toEqual([
      [
        'limit.fileBytes',
        expect.stringMatching(
          /^the file is larger than the limit on file size: fileBytes = 100; the file has \d+ bytes$/,
        ),
      ],
    ]);
  });
});

describe('hostile files (恶意文件) are refused by a limit, or read in linear time', () => {
  it('1,000 rows with a number cell in column XFA: refused by the column limit', async () => {
    expect(await refusal('far.xlsx', farColumnXlsx(A))).toEqual([
      ['limit.columns', 'a cell lies beyond the limit on columns: columns = 512; a cell in column 16361'],
    ]);
    // A refused row with a cell in column XFD: refused the same way, before any workbook is built.
    expect((await refusal('xfd.xlsx', farColumnXlsx(A, 1, 16384)))[0]?.[0]).toBe('limit.columns');
  });

  it('3,000 rows of one firm: the duplicate group is reported once, each other row naming the first', async () => {
    const plan = await planIntake({
      year: 2018,
      registry: smallRegistry(),
      files: [{ name: 'same.csv', bytes: sameFirmCsv(A), source: 'tax' }],
    });
    const dup = plan.report.issues.filter((i) => i.rule === 'reconcile.duplicate');
    expect(dup).toHaveLength(3000);
    expect(dup[0]).toMatchObject({ row: 2, related: expect.any(Array) });
    expect(dup[0]?.related).toHaveLength(2999);
    expect(dup[0]?.message).toContain('and 2989 more rows');
    expect(dup[1]).toMatchObject({ row: 3, related: [{ file: 'same.csv', row: 2 }] });
    expect(dup[1]?.message).toBe(
      `the same enterprise appears twice for this source and year: ${A} also at same.csv row 2`,
    );
    expect(plan.rejected).toHaveLength(3000);
    expect(plan.report.written).toBe(false);
  });

  it('a header row of a million empty columns: refused by the column limit', async () => {
    expect(await refusal('wide.csv', wideHeaderCsv())).toEqual([
      ['limit.columns', 'a cell lies beyond the limit on columns: columns = 512; a cell in column 1000001'],
    ]);
  });

  it('a header row wider than the header-width limit (within the column limit): refused by name', async () => {
    const header = `统一社会信用代码,${Array.from({ length: 300 }, (_, i) => `c${i}`).join(',')}\n`;
    expect(await refusal('h.csv', new TextEncoder().encode(header))).toEqual([
      [
        'limit.headerWidth',
        'a row searched for the header has more filled cells than the limit on header width: headerWidth = 256; row 1 has more filled cells',
      ],
    ]);
  });

  it('130,000 rows (past the old call-stack overflow) are read; 200,001 rows are refused by the row limit', async () => {
    const plan = await planIntake({
      year: 2018,
      registry: smallRegistry(),
      files: [{ name: 'big.csv', bytes: manyRowsCsv(130_000, (i) => `X${i}`), source: 'tax' }],
    });
    expect(plan.report.files[0]?.rows).toBe(130_000);
    expect(plan.rejected).toHaveLength(130_000);
    expect(
      await refusal(
        'rows.csv',
        manyRowsCsv(200_001, (i) => `X${i}`),
      ),
    ).toEqual([['limit.rows', 'the sheet has more rows than the limit: rows = 200000']]);
  });

  it('10 million shared strings in a small .xlsx: refused by the shared-string limit', async () => {
    const bytes = sharedStringsXlsx();
    expect(bytes.length).toBeLessThan(500_000);
    expect(await refusal('ss.xlsx', bytes)).toEqual([
      ['limit.sharedStrings', 'the workbook has more shared strings than the limit: sharedStrings = 500000'],
    ]);
  });

  it('a zip bomb: refused by what the directory declares, and by what inflates when the directory lies', async () => {
    expect(await refusal('bomb.xlsx', withDeclaredSize(inflatingXlsx(1000), 2 ** 31))).toEqual([
      [
        'limit.decompressedBytes',
        'the workbook inflates to more than the limit on decompressed size: decompressedBytes = 536870912',
      ],
    ]);
    const small = { ...DEFAULT_LIMITS, decompressedBytes: 1_000_000 };
    expect(await refusal('liar.xlsx', withDeclaredSize(inflatingXlsx(5_000_000), 1000), small)).toEqual([
      [
        'limit.decompressedBytes',
        'the workbook inflates to more than the limit on decompressed size: decompressedBytes = 1000000',
      ],
    ]);
  });

  it('65 worksheets: refused by the sheet limit', async () => {
    expect(await refusal('sheets.xlsx', manySheetsXlsx(65))).toEqual([
      ['limit.sheets', 'the workbook has more worksheets than the limit: sheets = 64'],
    ]);
  });

  it('rows and cells past their limits are refused as soon as they are read', async () => {
    const few = { ...DEFAULT_LIMITS, rows: 100, cells: 150 };
    expect((await refusal('r.xlsx', farColumnXlsx(A, 200, 2), few))[0]?.[0]).toBe('limit.cells');
    expect((await refusal('r.csv', sameFirmCsv(A, 200), { ...DEFAULT_LIMITS, rows: 100 }))[0]?.[0]).toBe('limit.rows');
  });
});
