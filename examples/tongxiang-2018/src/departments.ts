import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EnterpriseAnnualData, Registry } from '@mujun/core';
import { quantityString } from '@mujun/core/model';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DATA_DIR, loadDataset, readDataDir } from './data';

/*
 * The department workbooks of 2018 (部门数据), made from this example's
 * annual data: what 税务, 统计, 电力, 自然资源, 生态环境 and 发改/能源 would
 * send. Units differ on purpose (税务 in 元, 电力 in 千瓦时) and 电力 comes
 * as a GBK CSV, as Excel on a Chinese Windows saves it. `dirty-2018/` holds
 * a few rows with known defects; its report is asserted in tests.
 */

export const DEPARTMENTS_DIR = join(DATA_DIR, '..', 'departments');
const YEAR = 2018;

type Cell = string | number | { formula: string; result: number };

/** A JS number only where it holds the decimal exactly as typed (a department's number cell). */
const num = (s: string): number => {
  const n = Number(s);
  if (
    String(n) !==
    s
      .replace(/^(-?)0+(?=\d)/, '$1')
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '')
  ) {
    throw new Error(`${s} is not typed exactly as a number cell`);
  }
  return n;
};

async function workbook(title: string, header: readonly string[], rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed document dates; the zip entries still carry the time of writing, so tests compare cells, not bytes.
  wb.created = new Date(Date.UTC(2019, 0, 10));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow([...header]);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function gbkCsv(header: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  const line = (cells: readonly string[]) =>
    cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  return iconv.encode(`${[header, ...rows].map(line).join('\r\n')}\r\n`, 'gbk');
}

const times = (s: string, factor: bigint, places: number): string => {
  // Exact scaling of a decimal string by 10^k (元 = 万元 × 10^4, 千瓦时 = 万千瓦时 × 10^4).
  const [int = '0', frac = ''] = s.split('.');
  const digits = BigInt(int + frac.padEnd(places, '0').slice(0, places));
  if (frac.length > places) throw new Error(`${s} has more than ${places} places`);
  return (digits * factor).toString();
};

interface Firm {
  readonly uscc: string;
  readonly name: string;
  readonly d: EnterpriseAnnualData;
}

function firms(registry: Registry): Firm[] {
  return [...registry.annualData.values()]
    .filter((d) => d.year === YEAR)
    .sort((a, b) => a.uscc.localeCompare(b.uscc))
    .map((d) => ({ uscc: d.uscc, name: registry.enterprises.get(d.uscc)?.name ?? '', d }));
}

/** The six clean department files of 2018, by file name. */
export async function cleanFiles(registry: Registry): Promise<Record<string, Buffer>> {
  const all = firms(registry);
  const q = (v: { toDecimal(u?: never): unknown } | undefined, unit: string) =>
    v === undefined ? undefined : quantityString(v as never, unit as never);
  const pick = (f: (x: Firm) => string | undefined) => all.filter((x) => f(x) !== undefined);
  const tax = pick((x) => q(x.d.tax, 'wanYuan'));
  const land = pick((x) => q(x.d.landArea, 'mu'));
  const energy = pick((x) => q(x.d.energy, 'tce'));
  const emission = pick((x) => q(x.d.emissionEquivalent, 'equivalentTonne'));
  const electricity = pick((x) => q(x.d.electricity, 'wanKWh'));
  const opt = (v: string | undefined) => (v === undefined ? '' : num(v));
  return {
    '税务-2018.xlsx': await workbook(
      '2018年度企业实缴税金（单位：元）',
      ['统一社会信用代码', '纳税人名称', '实缴税金(元)'],
      tax.map((x) => [x.uscc, x.name, num(times(q(x.d.tax, 'wanYuan') as string, 1n, 4))]),
    ),
    '统计-2018.xlsx': await workbook(
      '2018年度工业企业主要经济指标',
      ['统一社会信用代码', '企业名称', '规模', '营业收入(万元)', '工业增加值(万元)', '年平均职工人数', 'R&D经费(万元)'],
      all.map((x) => [
        x.uscc,
        x.name,
        x.d.scale === 'aboveDesignatedSize' ? '规上' : '规下',
        opt(q(x.d.revenue, 'wanYuan')),
        opt(q(x.d.valueAdded, 'wanYuan')),
        opt(q(x.d.employees, 'person')),
        opt(q(x.d.rdExpense, 'wanYuan')),
      ]),
    ),
    '电力-2018.csv': gbkCsv(
      ['统一社会信用代码', '用户名称', '用电量(千瓦时)'],
      electricity.map((x) => [x.uscc, x.name, times(q(x.d.electricity, 'wanKWh') as string, 1n, 4)]),
    ),
    '自然资源-2018.xlsx': await workbook(
      '2018年度企业用地面积',
      ['统一社会信用代码', '企业名称', '用地面积(亩)'],
      land.map((x) => [x.uscc, x.name, num(q(x.d.landArea, 'mu') as string)]),
    ),
    '生态环境-2018.xlsx': await workbook(
      '2018年度企业主要污染物排放当量',
      ['统一社会信用代码', '企业名称', '主要污染物排放当量(当量吨)'],
      emission.map((x) => [x.uscc, x.name, num(q(x.d.emissionEquivalent, 'equivalentTonne') as string)]),
    ),
    '能源-2018.xlsx': await workbook(
      '2018年度企业综合能耗',
      ['统一社会信用代码', '企业名称', '综合能耗(吨标准煤)'],
      energy.map((x) => [x.uscc, x.name, num(q(x.d.energy, 'tce') as string)]),
    ),
  };
}

/** One character of a code changed (so its check characters fail), the way a typist slips. */
const typo = (uscc: string) => `${uscc.slice(0, 10)}${uscc[10] === '1' ? '2' : '1'}${uscc.slice(11)}`;

/**
 * A dirty 2018 set over eight firms of the example, each defect known:
 * 税务: a title row above the header, 税收合计（元）, a check-digit typo, a row
 * without a code, text in a number cell, a duplicate, a formula with a
 * binary-fraction result, a 合计 row; 统计: a code typed as a number, a 规上
 * firm under 2000万元, a fractional headcount; 电力 (GBK CSV with a 单位 column):
 * a bad unit and a negative value. One firm is missing from 税务.
 */
export async function dirtyFiles(registry: Registry): Promise<Record<string, Buffer>> {
  const all = firms(registry);
  const [a, b, c, d, e, f, h] = all;
  if (!a || !b || !c || !d || !e || !f || !h) throw new Error('the example has too few firms');
  const used = new Set([a, b, c, d, e, f, h].map((x) => x.uscc));
  const g = all.find((x) => x.d.scale === 'aboveDesignatedSize' && !used.has(x.uscc));
  const digitsOnly = all.find((x) => /^\d{18}$/.test(x.uscc) && !used.has(x.uscc));
  if (!g || !digitsOnly) throw new Error('the example has too few firms');
  const tax = (x: Firm) => num(times(quantityString(x.d.tax as never, 'wanYuan' as never), 1n, 4));
  const stats = (x: Firm, revenue?: string, employees?: string): Cell[] => [
    x.uscc,
    x.name,
    x.d.scale === 'aboveDesignatedSize' ? '规上' : '规下',
    revenue ?? quantityString(x.d.revenue as never, 'wanYuan' as never),
    employees ?? quantityString(x.d.employees as never, 'person' as never),
  ];
  return {
    '税务-有误.xlsx': await workbook(
      '2018年度企业税收汇总表',
      ['序号', '统一社会信用代码', '企业名称', '税收合计（元）'],
      [
        [1, a.uscc, a.name, tax(a)],
        [2, typo(b.uscc), b.name, tax(b)],
        [3, '', c.name, tax(c)],
        [4, d.uscc, d.name, '暂无'],
        [5, a.uscc, a.name, tax(a)],
        [6, e.uscc, e.name, { formula: '0.1+0.2', result: 0.1 + 0.2 }],
        [7, g.uscc, g.name, tax(g)],
        ['', '', '合计', 0],
      ],
    ),
    '统计-有误.xlsx': await workbook(
      '2018年度主要经济指标',
      ['统一社会信用代码', '企业名称', '规模', '营业收入(万元)', '年平均职工人数'],
      [
        stats(a),
        stats(b),
        stats(c),
        stats(d),
        stats(e),
        stats(f),
        [Number(digitsOnly.uscc), digitsOnly.name, '规下', '100', '5'],
        stats(g, '1500'),
        stats(h, undefined, '12.5'),
      ],
    ),
    '电力-有误.csv': gbkCsv(
      ['统一社会信用代码', '企业名称', '用电量', '单位'],
      [
        [a.uscc, a.name, '1200', '千瓦时'],
        [b.uscc, b.name, '12.5', '万千瓦时'],
        [c.uscc, c.name, '300', '千瓦'],
        [d.uscc, d.name, '-5', '万千瓦时'],
      ],
    ),
  };
}

/** `pnpm generate-departments-2018`: writes departments/2018 and departments/dirty-2018. */
export async function main(): Promise<void> {
  const { registry } = loadDataset(readDataDir(), [2018]);
  for (const [dir, files] of [
    ['2018', await cleanFiles(registry)],
    ['dirty-2018', await dirtyFiles(registry)],
  ] as const) {
    mkdirSync(join(DEPARTMENTS_DIR, dir), { recursive: true });
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(DEPARTMENTS_DIR, dir, name), bytes);
  }
  console.log(`wrote ${DEPARTMENTS_DIR}/2018 and ${DEPARTMENTS_DIR}/dirty-2018`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
