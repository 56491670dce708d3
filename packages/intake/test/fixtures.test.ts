import { readFileSync } from 'node:fs';
import { planIntake, readIntakeFile } from '@mujun/intake';
import { describe, expect, it } from 'vitest';
import { A, A_NAME, B, B_NAME, smallRegistry } from './registry';

/** A file of fixtures/, written by the program its name says (fixtures/make-fixtures.py). */
const fixture = (name: string) => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))),
});

/** What every fixture holds, read exactly: the figure as typed, in the header's unit. */
async function expectTaxTable(name: string, where: { sheet?: string; encoding?: string }) {
  const read = await readIntakeFile({ ...fixture(name), source: 'tax' }, 2018);
  expect(read.base).toMatchObject({ file: name, source: 'tax', headerRow: 1, ...where });
  expect(
    read.rows.map((r) => [r.row, r.usccText, r.name, r.values.get('tax')?.value, r.values.get('tax')?.unit, r.issues]),
  ).toEqual([
    [2, A, A_NAME, '123456.78', 'yuan', []],
    [3, B, B_NAME, '0.1', 'yuan', []],
  ]);
  expect(read.skipped).toBe(1);
  const notes = read.issues.map((i) => [i.severity, i.rule, i.message]);
  expect(notes).toContainEqual(['note', 'note.unknownColumns', 'columns no template names were ignored: 备注']);
  expect(notes).toContainEqual(['note', 'note.totalRows', 'total rows (合计/总计/小计) were skipped: 1']);
  return notes;
}

const SKIPPED_SHEET = [
  'note',
  'note.sheetsSkipped',
  'the workbook has other worksheets, which were not read (name one with --sheet): 说明',
];

describe('files written by the real programs (test/fixtures, made by make-fixtures.py)', () => {
  it('openpyxl (pandas to_excel): absolute relationship targets, a named sheet', async () => {
    expect(await expectTaxTable('openpyxl.xlsx', { sheet: '税务' })).toContainEqual(SKIPPED_SHEET);
    // Naming the sheet finds it too (it was "no such sheet: 用地; the workbook has 用地").
    const other = await readIntakeFile({ ...fixture('openpyxl.xlsx'), sheet: '说明', source: 'tax' }, 2018);
    expect(other.base.sheet).toBe('说明');
    expect(other.issues.map((i) => i.rule)).toEqual(['note.sheetsSkipped', 'header.notFound']);
  });

  it('xlsxwriter', async () => {
    expect(await expectTaxTable('xlsxwriter.xlsx', { sheet: '税务' })).toContainEqual(SKIPPED_SHEET);
  });

  it('LibreOffice Calc: .xlsx, .xls (BIFF8), .ods, and a BIFF8 file named .et as WPS saves it', async () => {
    for (const name of ['libreoffice.xlsx', 'libreoffice.xls', 'libreoffice.ods', 'wps-like.et']) {
      expect(await expectTaxTable(name, { sheet: '税务' })).toContainEqual(SKIPPED_SHEET);
    }
  });

  it('text: UTF-8 with and without BOM, GBK, GB18030, UTF-16 LE (Excel’s Unicode text) and BE', async () => {
    const cases = [
      ['utf8.csv', 'utf-8'],
      ['utf8-bom.csv', 'utf-8-bom'],
      // GBK is read as GB18030, its superset.
      ['gbk.csv', 'gb18030'],
      ['gb18030.csv', 'gb18030'],
      ['utf16le.txt', 'utf-16le'],
      ['utf16be.tsv', 'utf-16be'],
    ] as const;
    for (const [name, encoding] of cases) {
      expect(await expectTaxTable(name, { encoding })).not.toContainEqual(SKIPPED_SHEET);
    }
  });

  it('a 统一社会信用代码 in a number cell: lost digits naming the cell, the registry firm of the row’s name suggested', async () => {
    const plan = await planIntake({
      year: 2018,
      registry: smallRegistry(),
      files: [{ ...fixture('openpyxl-number-code.xlsx'), source: 'tax' }],
    });
    const errors = plan.report.issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'openpyxl-number-code.xlsx',
        sheet: '税务',
        row: 2,
        column: '统一社会信用代码',
        // What the file stores: openpyxl wrote the int as a double, 9.133048310063173e+17.
        value: '9.133048310063173e+17',
        rule: 'cell.numberLostDigits',
        message:
          'a code was typed into a number cell and lost digits: format the column as text and type it again: 9.133048310063173e+17',
        suggestions: [B],
      },
    ]);
  });
});
