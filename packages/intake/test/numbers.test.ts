import { planIntake, readIntakeFile, storedNumberCell } from '@mujun/intake';
import { describe, expect, it } from 'vitest';
import { rawXlsx, rowXml } from './hostile';
import { A, A_NAME, B, B_NAME, smallRegistry } from './registry';

const header = rowXml(1, [
  [1, 's', '统一社会信用代码'],
  [2, 's', '企业名称'],
  [3, 's', '实缴税金(元)'],
]);

describe('numbers exactly as stored (数值按存储文本读取)', () => {
  it('a number cell is its stored text when it has at most 15 significant digits, else refused', () => {
    expect(storedNumberCell('11559.91')).toEqual({ text: '11559.91', number: true });
    expect(storedNumberCell('1.5E-3')).toEqual({ text: '0.0015', number: true });
    expect(storedNumberCell('123456789012345')).toEqual({ text: '123456789012345', number: true });
    expect(storedNumberCell('0.100')).toEqual({ text: '0.1', number: true });
    expect(storedNumberCell('11559.910000000000001').problem?.rule).toBe('cell.numberDigits');
    expect(storedNumberCell('0.30000000000000004').problem?.rule).toBe('cell.numberDigits');
    expect(storedNumberCell('1E99999').problem?.rule).toBe('cell.numberDigits');
  });

  it('an .xlsx number is never shortened through a float: more digits than kept is a cell error', async () => {
    const data =
      header +
      rowXml(2, [
        [1, 's', A],
        [3, 'n', '11559.910000000000001'],
      ]) +
      rowXml(3, [
        [1, 's', B],
        [3, 'n', '1.23456789012345E+2'],
      ]);
    const read = await readIntakeFile(
      { name: 'n.xlsx', bytes: rawXlsx([{ name: '税务', data }]), source: 'tax' },
      2018,
    );
    expect(read.rows[0]?.issues.map((i) => [i.column, i.value, i.rule])).toEqual([
      ['实缴税金(元)', '11559.910000000000001', 'cell.numberDigits'],
    ]);
    expect(read.rows[0]?.values.has('tax')).toBe(false);
    expect(read.rows[1]?.values.get('tax')?.value).toBe('123.456789012345');
  });
});

describe('identifiers in number cells (数字格式的信用代码)', () => {
  it('a code whose double prints in 15 digits or fewer is lost digits, not a check-character typo', async () => {
    // An all-digit code Excel keeps as 913304830000000000 (15 significant digits): it reads back
    // as digits, and was reported as uscc.checkDigit before.
    const data =
      header +
      rowXml(2, [
        [1, 'n', '913304830000000000'],
        [2, 's', B_NAME],
        [3, 'n', '1'],
      ]);
    const plan = await planIntake({
      year: 2018,
      registry: smallRegistry(),
      files: [{ name: 'c.xlsx', bytes: rawXlsx([{ name: '税务', data }]), source: 'tax' }],
    });
    expect(plan.report.issues.map((i) => [i.row, i.column, i.value, i.rule, i.suggestions])).toEqual([
      [2, '统一社会信用代码', '913304830000000000', 'cell.numberLostDigits', [B]],
    ]);
  });

  it('9.13305E+17 (a CSV of a number cell) is lost digits, with the firm of the exact name suggested', async () => {
    const csv = `统一社会信用代码,企业名称,实缴税金(元)\n9.13305E+17,${A_NAME},5\n9.13305E+17,无此企业,5\n`;
    const plan = await planIntake({
      year: 2018,
      registry: smallRegistry(),
      files: [{ name: 'e.csv', bytes: new TextEncoder().encode(csv), source: 'tax' }],
    });
    expect(plan.report.issues.map((i) => [i.row, i.value, i.rule, i.suggestions])).toEqual([
      [2, '9.13305E+17', 'cell.numberLostDigits', [A]],
      [3, '9.13305E+17', 'cell.numberLostDigits', undefined],
    ]);
  });
});

describe('notes (说明), not silence', () => {
  it('a header-only file says so', async () => {
    const read = await readIntakeFile(
      { name: 'h.xlsx', bytes: rawXlsx([{ name: '税务', data: header }]), source: 'tax' },
      2018,
    );
    expect(read.issues.map((i) => [i.severity, i.row, i.rule, i.message])).toEqual([
      ['note', 1, 'note.headerOnly', 'the file has a header row and no data rows'],
    ]);
  });

  it('notes are counted apart from errors and warnings', async () => {
    const csv = `统一社会信用代码,企业名称,实缴税金(元),序号\n,合计,5,\n`;
    const plan = await planIntake({
      year: 2018,
      registry: smallRegistry(),
      files: [{ name: 't.csv', bytes: new TextEncoder().encode(csv), source: 'tax' }],
    });
    expect(plan.report).toMatchObject({ errors: 0, warnings: 0, notes: 2 });
    expect(plan.report.issues.map((i) => i.rule)).toEqual(['note.totalRows', 'note.unknownColumns']);
  });
});
