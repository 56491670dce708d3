import { createRequire } from 'node:module';
import { Area, parseAnnualData, parseRegistry, type Registry } from '@mujun/core';
import {
  decodeText,
  detectSource,
  INTAKE_RULES,
  numberCellText,
  oneCharCorrections,
  planIntake,
  readTable,
  SOURCE_IDS,
  splitHeader,
  TEMPLATES,
  templateWorkbook,
  unitOfLabel,
} from '@mujun/intake';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ZipEntry, zipOf } from './zip';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** 企业名称 in GBK (C6F3 D2B5 C3FB B3C6). */
const GBK_NAME = new Uint8Array([0xc6, 0xf3, 0xd2, 0xb5, 0xc3, 0xfb, 0xb3, 0xc6]);

const A = '91330483100555740Y';
const B = '913304831006317317';

function registry(): Registry {
  return parseRegistry({
    region: {
      code: '330483',
      name: '桐乡市',
      towns: [
        { code: '330483001000', name: '梧桐', fullName: '梧桐街道', kind: 'subdistrict' },
        { code: '330483108000', name: '石门', fullName: '石门镇', kind: 'town' },
      ],
    },
    enterprises: [
      {
        uscc: A,
        name: '桐乡市绣恒纺机有限公司',
        townCode: '330483001000',
        industry: '3551',
        registeredOn: '2004-04-29',
      },
      {
        uscc: B,
        name: '桐乡市永金毛衫有限公司',
        townCode: '330483108000',
        industry: '1763',
        registeredOn: '2014-08-13',
      },
    ],
    annualData: [{ uscc: B, year: 2018, scale: 'belowDesignatedSize', revenue: '500' }],
  });
}

async function xlsx(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('number cells', () => {
  it('are read as the decimal typed when their double says it exactly, else refused', () => {
    expect(numberCellText(0.1)).toEqual({ text: '0.1', number: true });
    expect(numberCellText(444500)).toEqual({ text: '444500', number: true });
    expect(numberCellText(1e21)).toEqual({ text: '1000000000000000000000', number: true });
    expect(numberCellText(1.5e-7)).toEqual({ text: '0.00000015', number: true });
    expect(numberCellText(-12.05)).toEqual({ text: '-12.05', number: true });
    expect(numberCellText(0.1 + 0.2).problem?.rule).toBe('cell.inexactNumber');
    expect(numberCellText(Number('913304831006317317')).problem?.rule).toBe('cell.inexactNumber');
  });
});

describe('CSV encodings', () => {
  it('detects a UTF-8 byte-order mark, plain UTF-8 and GBK/GB18030', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('企业名称')]))).toEqual({
      text: '企业名称',
      encoding: 'utf-8-bom',
    });
    expect(decodeText(utf8('企业名称'))).toEqual({ text: '企业名称', encoding: 'utf-8' });
    expect(decodeText(GBK_NAME)).toEqual({ text: '企业名称', encoding: 'gb18030' });
  });
});

describe('headers and units', () => {
  it('splits units off headers in either bracket width', () => {
    expect(splitHeader('税收（万元）')).toEqual({ name: '税收', unitLabel: '万元' });
    expect(splitHeader('用地面积(平方米)')).toEqual({ name: '用地面积', unitLabel: '平方米' });
    expect(splitHeader('企业名称')).toEqual({ name: '企业名称' });
  });

  it('reads unit labels per kind', () => {
    expect(unitOfLabel('元', 'money')).toBe('yuan');
    expect(unitOfLabel('㎡', 'area')).toBe('squareMetre');
    expect(unitOfLabel('度', 'electricity')).toBe('kWh');
    expect(unitOfLabel('吨', 'emissionEquivalent')).toBe('equivalentTonne');
    expect(unitOfLabel('万元', 'area')).toBeUndefined();
  });

  it('finds the header below a merged title row and detects the source from it', async () => {
    const bytes = await xlsx(
      [
        ['2018年度企业用地面积'],
        ['序号', '统一社会信用代码', '单位名称', '占地面积(平方米)'],
        [1, A, '桐乡市绣恒纺机有限公司', 470000],
      ],
      (ws) => ws.mergeCells(1, 1, 1, 4),
    );
    const table = await readTable({ name: 'land.xlsx', bytes });
    expect(detectSource(table)).toBe('land');
    const plan = await planIntake({
      year: 2018,
      registry: registry(),
      files: [{ name: 'land.xlsx', bytes }, statsFor(A)],
    });
    // 序号 is no template's column: a note says it was ignored; nothing else is said.
    expect(plan.report.issues.map((i) => [i.severity, i.rule, i.message])).toEqual([
      ['note', 'note.unknownColumns', 'columns no template names were ignored: 序号'],
    ]);
    expect(plan.report.files[0]).toMatchObject({ source: 'land', headerRow: 2, sheet: '数据' });
    // 47万平方米 = 705亩 exactly, through Area's exact base unit.
    const land = parseAnnualData(plan.records[0]).landArea;
    expect(land?.equals(Area.squareMetres('470000'))).toBe(true);
    expect(land?.format('mu', { places: 0 })).toBe('705亩');
  });

  it('takes units from a unit column row by row', async () => {
    const csv = utf8(`统一社会信用代码,企业名称,用电量,单位\n${A},x,12000,千瓦时\n${B},y,1.5,万千瓦时\n`);
    const plan = await planIntake({
      year: 2018,
      registry: registry(),
      files: [{ name: 'e.csv', bytes: csv }, statsFor(A)],
    });
    expect(plan.report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const byUscc = new Map(plan.records.map((r) => [r.uscc, parseAnnualData(r)]));
    expect(byUscc.get(A)?.electricity?.toFixed('wanKWh', { places: 4 })).toBe('1.2000');
    // B's stored 统计 figures stay; the 电力 figure is added to them.
    expect(byUscc.get(B)?.revenue?.toFixed('wanYuan', { places: 0 })).toBe('500');
    expect(byUscc.get(B)?.electricity?.toFixed('wanKWh', { places: 1 })).toBe('1.5');
  });

  it('refuses a firm outside the importer’s towns, row by row', async () => {
    const csv = utf8(`统一社会信用代码,实缴税金\n${A},1\n${B},2\n`);
    const plan = await planIntake({
      year: 2018,
      registry: registry(),
      files: [{ name: 't.csv', bytes: csv }],
      allowedTowns: new Set(['330483108000']),
    });
    expect(plan.report.issues.map((i) => [i.row, i.rule])).toEqual([[2, 'reconcile.townNotAllowed']]);
  });

  it('refuses a row for its bad figure alone and merges the firm’s other rows, as if it had not been given', async () => {
    const tax = utf8(`统一社会信用代码,实缴税金\n${A},暂无\n${B},x1\n`);
    const plan = await planIntake({
      year: 2018,
      registry: registry(),
      files: [{ name: 't.csv', bytes: tax }, statsFor(A)],
      acceptValid: true,
    });
    expect(plan.report.issues.map((i) => [i.file, i.row, i.column, i.value, i.rule])).toEqual([
      ['t.csv', 2, '实缴税金', '暂无', 'decimal.format'],
      ['t.csv', 3, '实缴税金', 'x1', 'decimal.format'],
    ]);
    expect(plan.rejected.map((r) => `${r.file}:${r.row}`)).toEqual(['t.csv:2', 't.csv:3']);
    // A's 统计 row is merged on its own; B's stored year is not touched.
    expect(plan.records.map((r) => [r.uscc, r.tax])).toEqual([[A, undefined]]);
  });

  it('suggests the only valid code one character away', () => {
    const typo = `${B.slice(0, 17)}0`;
    expect(oneCharCorrections(typo)).toContain(B);
  });
});

describe('.xlsx reading', () => {
  /** Distinct all-CJK names (three UTF-8 bytes a character): 桐乡市一〇七号纺织有限公司. */
  const DIGITS = '〇一二三四五六七八九';
  const cjkName = (i: number) => `桐乡市${[...String(i)].map((d) => DIGITS[Number(d)]).join('')}号纺织有限公司`;

  it('keeps Chinese text whole where its UTF-8 bytes straddle an inflate chunk (16 KiB)', async () => {
    // ~150 KB of shared strings: every 16 KiB chunk boundary falls somewhere in them, most inside a character.
    const names = Array.from({ length: 3000 }, (_, i) => cjkName(i));
    const bytes = await xlsx([['统一社会信用代码', '企业名称', '实缴税金'], ...names.map((n) => [A, n, 1])]);
    const table = await readTable({ name: 't.xlsx', bytes });
    expect(table.rows.slice(1).map((r) => r.cells[1]?.text)).toEqual(names);
    expect(table.rows.some((r) => r.cells.some((c) => c.text.includes('\uFFFD')))).toBe(false);
  });

  it('reads the first tab unless a sheet is named, and names the sheets when it is missing', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['填报说明']);
    wb.addWorksheet('数据').addRow(['统一社会信用代码', '实缴税金']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await readTable({ name: 'w.xlsx', bytes })).rows[0]?.cells[0]?.text).toBe('填报说明');
    const named = await readTable({ name: 'w.xlsx', bytes, sheet: '数据' });
    expect(named).toMatchObject({
      sheet: '数据',
      rows: [{ row: 1, cells: [{ text: '统一社会信用代码' }, { text: '实缴税金' }] }],
    });
    await expect(readTable({ name: 'w.xlsx', bytes, sheet: '税务' })).rejects.toMatchObject({
      rule: 'file.sheetMissing',
      detail: '税务; the workbook has 说明, 数据',
    });
    await expect(readTable({ name: 'x.xlsx', bytes: utf8('not a zip') })).rejects.toMatchObject({
      rule: 'file.unreadable',
      detail: expect.stringContaining('not a zip archive'),
    });
  });

  it('reads formula results as their saved value: a number, a boolean, an error', async () => {
    const bytes = await xlsx([['统一社会信用代码', '实缴税金', '是否', '用电量']], (ws) => {
      ws.getCell('A2').value = A;
      ws.getCell('B2').value = { formula: 'C1*2', result: 12.5 };
      ws.getCell('C2').value = { formula: 'TRUE()', result: true };
      ws.getCell('D2').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    });
    const cells = (await readTable({ name: 'f.xlsx', bytes })).rows[1]?.cells;
    expect(cells?.slice(1)).toEqual([
      { text: '12.5', number: true },
      { text: 'TRUE' },
      { text: '#DIV/0!', problem: { rule: 'cell.error', detail: '#DIV/0!' } },
    ]);
  });

  it('reads a zip whose entries are STORED with data descriptors, the sheet before workbook.xml', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => cjkName(i));
    const source = await xlsx([
      ['统一社会信用代码', '企业名称', '实缴税金'],
      ...names.map((n, i) => [A, n, Number(`${i}.05`)]),
    ]);
    // exceljs's parts, rewritten as such generators write them: no sizes before the data and
    // the descriptor without its optional signature (a streaming unzip cannot find an entry's end).
    const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as {
      loadAsync(data: Uint8Array): Promise<{
        files: Record<string, { dir: boolean; async(type: 'uint8array'): Promise<Uint8Array> }>;
      }>;
    };
    const parts = Object.entries((await JSZip.loadAsync(source)).files).filter(([, f]) => !f.dir);
    const entries = async (method: 0 | 8): Promise<ZipEntry[]> =>
      Promise.all(
        parts.map(async ([path, f]) => ({
          path,
          data: await f.async('uint8array'),
          method,
          descriptor: true,
          descriptorSignature: false,
        })),
      );
    const order = (await entries(0)).map((e) => e.path);
    expect(order.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(order.indexOf('xl/workbook.xml'));
    for (const method of [0, 8] as const) {
      const table = await readTable({ name: 'stored.xlsx', bytes: zipOf(await entries(method)) });
      expect(table.sheet).toBe('数据');
      expect(table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
        ['统一社会信用代码', '企业名称', '实缴税金'],
        ...names.map((n, i) => [A, n, `${i}.05`]),
      ]);
    }
  });

  it('reads a shared string without its phonetic guide (<rPh>)', async () => {
    const bytes = await xlsx([
      ['统一社会信用代码', '企业名称'],
      [A, '桐乡市绣恒纺机有限公司'],
    ]);
    // exceljs writes no phonetic runs: add one to the shared string as Excel does, with exceljs's own JSZip.
    const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as {
      loadAsync(data: Uint8Array): Promise<{
        file(path: string): { async(type: 'string'): Promise<string> } | null;
        file(path: string, data: string): unknown;
        generateAsync(options: { type: 'uint8array'; compression: 'DEFLATE' }): Promise<Uint8Array>;
      }>;
    };
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/sharedStrings.xml')?.async('string');
    zip.file(
      'xl/sharedStrings.xml',
      (xml ?? '').replace(
        '<t>桐乡市绣恒纺机有限公司</t>',
        '<t>桐乡市绣恒纺机有限公司</t><rPh sb="0" eb="3"><t>トンシャン</t></rPh><phoneticPr fontId="1"/>',
      ),
    );
    const table = await readTable({
      name: 'p.xlsx',
      bytes: await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
    });
    expect(table.rows[1]?.cells[1]?.text).toBe('桐乡市绣恒纺机有限公司');
  });
});

function statsFor(uscc: string) {
  return { name: 's.csv', bytes: utf8(`统一社会信用代码,规模,营业收入(万元)\n${uscc},规下,100\n`) };
}

describe('templates', () => {
  it('every source has a blank template that reads back as that source', async () => {
    for (const id of SOURCE_IDS) {
      const bytes = await templateWorkbook(TEMPLATES[id], 2018);
      const table = await readTable({ name: `${id}.xlsx`, bytes });
      expect(detectSource(table)).toBe(id);
    }
  });

  it('every rule has a message', () => {
    for (const [rule, message] of Object.entries(INTAKE_RULES)) expect(message.length, rule).toBeGreaterThan(5);
  });
});
