import { parseAnnualData, type Registry } from '@mujun/core';
import { annualDataToInput } from '@mujun/core/model';
import { type IntakeIssue, planIntake, readTable } from '@mujun/intake';
import { describe, expect, it } from 'vitest';
import { loadDataset, readDataDir } from '../src/data';
import { cleanFiles, dirtyFiles } from '../src/departments';
import { departmentFiles } from '../src/import-2018';

/** The example's registry without its annual data: what a county holds before the departments send figures. */
export function registryWithoutAnnualData(): Registry {
  const files = readDataDir();
  delete files['annual-data.csv'];
  return loadDataset(files, [2018]).registry;
}

const line = (i: IntakeIssue) =>
  `${i.severity} ${i.file}:${i.row} ${i.column} [${i.value}] ${i.rule}${i.suggestions ? ` → ${i.suggestions.join('/')}` : ''}${
    i.related ? ` ↔ ${i.related.map((r) => `${r.file}:${r.row}`).join(',')}` : ''
  }`;

describe('department workbooks of 2018', () => {
  const registry = registryWithoutAnnualData();

  it('the committed files hold what the generator writes (pnpm generate-departments-2018)', async () => {
    const full = loadDataset(readDataDir(), [2018]).registry;
    for (const [dir, files] of [
      ['2018', await cleanFiles(full)],
      ['dirty-2018', await dirtyFiles(full)],
    ] as const) {
      const committed = departmentFiles(dir);
      expect(committed.map((f) => f.name)).toEqual(Object.keys(files).sort());
      for (const f of committed) {
        const fresh = await readTable({ name: f.name, bytes: files[f.name] as Uint8Array });
        expect(await readTable(f), f.name).toEqual(fresh);
      }
    }
  });

  it('the clean set (xlsx in 元, GBK CSV in 千瓦时, 亩) merges into exactly the dataset’s 2018 annual data', async () => {
    const plan = await planIntake({ year: 2018, registry, files: departmentFiles('2018') });
    expect(plan.report.issues).toEqual([]);
    expect(plan.report.files.map((f) => [f.file, f.source, f.headerRow, f.rows, f.encoding ?? f.sheet])).toEqual([
      ['生态环境-2018.xlsx', 'environment', 2, 1160, 'Sheet1'],
      ['电力-2018.csv', 'electricity', 1, 2045, 'gb18030'],
      ['税务-2018.xlsx', 'tax', 2, 2045, 'Sheet1'],
      ['统计-2018.xlsx', 'statistics', 2, 2045, 'Sheet1'],
      ['能源-2018.xlsx', 'energy', 2, 1160, 'Sheet1'],
      ['自然资源-2018.xlsx', 'land', 2, 1817, 'Sheet1'],
    ]);
    const expected = loadDataset(readDataDir(), [2018]).registry;
    const want = [...expected.annualData.values()]
      .filter((d) => d.year === 2018)
      .map(annualDataToInput)
      .sort((a, b) => a.uscc.localeCompare(b.uscc));
    const got = plan.records
      .map((r) => annualDataToInput(parseAnnualData(r)))
      .sort((a, b) => a.uscc.localeCompare(b.uscc));
    expect(got).toEqual(want);
    // 税务 sent 元: 44.45万元 arrives as 444500元 and is stored as 44.45 exactly.
    expect(plan.report.files[2]?.columns[2]).toEqual({
      header: '实缴税金(元)',
      field: 'tax',
      unit: 'yuan',
      unitFrom: 'header',
    });
  });

  it('the dirty set reports every defect with file, row, column, value and rule, and writes nothing', async () => {
    const plan = await planIntake({ year: 2018, registry, files: departmentFiles('dirty-2018') });
    expect(plan.report.issues.map(line)).toEqual([
      'error 电力-有误.csv:4 用电量 [千瓦] cell.unit',
      'error 电力-有误.csv:5 用电量 [-5] nonNegative',
      'note 税务-有误.xlsx:0  [] note.totalRows',
      'note 税务-有误.xlsx:2  [] note.unknownColumns',
      'error 税务-有误.xlsx:3 统一社会信用代码 [91330483100555740Y] reconcile.duplicate ↔ 税务-有误.xlsx:7',
      'error 税务-有误.xlsx:4 统一社会信用代码 [913304831016317317] uscc.checkDigit → 913304831006317317',
      'error 税务-有误.xlsx:4 统一社会信用代码 [913304831016317317] uscc.orgCodeCheckDigit → 913304831006317317',
      'warning 税务-有误.xlsx:5 统一社会信用代码 [] reconcile.matchedByName → 91330483100657149R',
      'error 税务-有误.xlsx:6 税收合计（元） [暂无] decimal.format',
      'error 税务-有误.xlsx:7 统一社会信用代码 [91330483100555740Y] reconcile.duplicate ↔ 税务-有误.xlsx:3',
      'error 税务-有误.xlsx:8 税收合计（元） [0.30000000000000004] cell.numberDigits',
      'error 税务-有误.xlsx:9 统一社会信用代码 [91330483103121083Q] merge.firmRejected ↔ 统计-有误.xlsx:10',
      // The registry firms named exactly as the row are the suggestion (the code's digits are lost).
      'error 统计-有误.xlsx:9 统一社会信用代码 [913304831024616400] cell.numberLostDigits → 913304831024616411/91330483407140961N/91330483414595606K',
      'error 统计-有误.xlsx:10 营业收入(万元) [1500] scale.designatedSizeRevenue',
      'error 统计-有误.xlsx:11 年平均职工人数 [12.5] headcount.integer',
    ]);
    expect(plan.report.issues.every((i) => i.sheet === (i.file.endsWith('.csv') ? undefined : 'Sheet1'))).toBe(true);
    expect(plan.report).toMatchObject({ errors: 12, warnings: 1, notes: 2, records: 0, written: false });
    expect(plan.records).toEqual([]);
    expect(plan.report.files.map((f) => [f.file, f.headerRow, f.rows, f.rejected, f.skipped])).toEqual([
      ['电力-有误.csv', 1, 4, 2, 0],
      ['税务-有误.xlsx', 2, 7, 6, 1],
      ['统计-有误.xlsx', 2, 9, 3, 0],
    ]);
  });

  it('with acceptValid the rows that passed are merged and the completeness report names what is missing', async () => {
    const plan = await planIntake({ year: 2018, registry, files: departmentFiles('dirty-2018'), acceptValid: true });
    expect(plan.report.records).toBe(plan.records.length);
    expect(plan.records.map((r) => r.uscc)).toEqual([
      '91330483100555740Y',
      '913304831006317317',
      '91330483100657149R',
      '913304831007662733',
      '91330483100889521G',
      '91330483101066359D',
    ]);
    // 91330483100657149R came without a code in 税务 and was matched by name: its tax is there.
    expect(plan.records.find((r) => r.uscc === '91330483100657149R')?.tax).toBeDefined();
    expect(plan.report.completeness.firms.map((f) => [f.uscc, f.missing.join(',')])).toEqual([
      ['91330483100555740Y', 'tax,land,environment,energy'],
      ['913304831006317317', 'tax,land,environment,energy'],
      ['91330483100657149R', 'electricity,land,environment,energy'],
      ['913304831007662733', 'tax,electricity,land,environment,energy'],
      ['91330483100889521G', 'tax,electricity,land,environment,energy'],
      ['91330483101066359D', 'tax,electricity,land,environment,energy'],
    ]);
    const fengming = plan.report.completeness.towns.find((t) => t.townName === '凤鸣');
    expect(fengming).toMatchObject({ firms: 3, complete: 0, missing: { tax: 2, statistics: 0, electricity: 2 } });
    expect(plan.rejected.map((r) => `${r.file}:${r.row}`)).toEqual([
      '电力-有误.csv:4',
      '电力-有误.csv:5',
      '税务-有误.xlsx:3',
      '税务-有误.xlsx:4',
      '税务-有误.xlsx:6',
      '税务-有误.xlsx:7',
      '税务-有误.xlsx:8',
      '税务-有误.xlsx:9',
      '统计-有误.xlsx:9',
      '统计-有误.xlsx:10',
      '统计-有误.xlsx:11',
    ]);
  });
});
