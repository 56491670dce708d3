import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIo, main } from '@mujun/cli';
import { readTable } from '@mujun/intake';
import { dumpTables, lockDataDir, openStore, type Store } from '@mujun/store';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = join(ROOT, 'examples/tongxiang-2018');
const dir = mkdtempSync(join(tmpdir(), 'mujun-cli-'));

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(async () => {
  await store?.close();
});

/** Runs `mujun` in-process on the shared store; returns the exit code and what it printed. */
async function mujun(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { MUJUN_DATA_DIR: join(dir, 'data') },
    cwd: ROOT,
    tty: false,
    store,
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('mujun', () => {
  it('exits 2 on misuse, naming what is wrong', async () => {
    expect((await mujun('frobnicate')).code).toBe(2);
    expect((await mujun('import', 'x.xlsx')).code).toBe(2); // --year is required
    const year = await mujun('import', 'x.xlsx', '--year', '18');
    expect(year).toMatchObject({ code: 2 });
    expect(year.err).toContain('--year must be a year');
    expect((await mujun('template', 'water', join(dir, 'w.xlsx'))).err).toContain('unknown source water');
    expect((await mujun('evaluate', '--scheme', 'nope', '--year', '2018')).err).toContain('the store holds no region');
    expect((await mujun('serve', '--port', 'x')).code).toBe(2);
  });

  it('mujun import on a store another process holds (a running gateway) says to stop it or upload through it', async () => {
    const data = join(dir, 'held');
    const lock = lockDataDir(join(data, 'pglite'));
    try {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        env: { MUJUN_DATA_DIR: data },
        cwd: ROOT,
        tty: false,
      };
      const file = join(EXAMPLE, 'departments/2018', readdirSync(join(EXAMPLE, 'departments/2018'))[0] as string);
      const code = await main(['import', file, '--year', '2018'], io);
      expect(code).toBe(2);
      const text = err.join('\n');
      expect(text).toContain(`in use by process ${process.pid}`);
      expect(text).toContain('stop it');
      expect(text).toContain('importAnnualData');
    } finally {
      lock.release();
    }
  });

  it('writes a blank template per source that reads back as that source', async () => {
    const file = join(dir, '税务.xlsx');
    const r = await mujun('template', '税务', file, '--year', '2018', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      source: 'tax',
      headers: ['统一社会信用代码', '企业名称', '年度', '实缴税金(万元)'],
    });
    const table = await readTable({ name: '税务.xlsx', bytes: readFileSync(file) });
    expect(table.rows[0]?.cells[0]?.text).toBe('2018年度企业年度实缴税金（税务）');
  });

  it('load → import (dirty: exit 1, nothing written; clean: exit 0) → evaluate --out → stats → export', async () => {
    expect((await mujun('load', join(EXAMPLE, 'data'), '--registry-only')).code).toBe(0);
    const before = await dumpTables(store.sql);
    const dirty = await mujun('import', ...files('dirty-2018'), '--year', '2018', '--json');
    expect(dirty.code).toBe(1);
    expect(JSON.parse(dirty.out)).toMatchObject({ errors: 12, warnings: 1, written: false });
    expect(await dumpTables(store.sql)).toBe(before);

    const human = await mujun('import', ...files('dirty-2018'), '--year', '2018');
    expect(human.out).toContain('✗ 税务-有误.xlsx[Sheet1] 第4行 统一社会信用代码 “913304831016317317”');
    expect(human.out).toContain('→ 建议 913304831006317317');
    expect(human.out).toContain('未写入任何数据');

    const clean = await mujun('import', ...files('2018'), '--year', '2018');
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('已写入 2045 家企业的2018年度数据');

    const out = join(dir, 'results.xlsx');
    const scheme = join(EXAMPLE, 'data/scheme-2018.json');
    const evaluated = await mujun('evaluate', '--scheme', scheme, '--year', '2018', '--out', out, '--json');
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.out).total).toEqual({ A: 345, B: 1041, C: 258, D: 87, T: 102, none: 1194 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '无自有用地的承租企业',
      '规上工业企业',
      '规下工业企业（用地3亩及以上）',
      '规下工业企业（用地3亩以下）',
      '未评价',
      '分类统计',
    ]);
    const above = wb.getWorksheet('规上工业企业');
    const header = ((above?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(header.slice(0, 9)).toEqual([
      '名次',
      '统一社会信用代码',
      '企业名称',
      '镇(街道)',
      '行业代码',
      '评价状态',
      '亩均税收(万元/亩)',
      '亩均税收基准值',
      '亩均税收得分',
    ]);
    expect(header.slice(-5)).toEqual(['综合得分', '参评数', '百分位', '分类', '说明']);
    expect(above?.getRow(2).getCell(1).value).toBe(1);
    const counts = wb.getWorksheet('分类统计');
    expect(counts?.getRow(1).values).toEqual([
      undefined,
      '镇(街道)',
      'A类(优先支持)',
      'B类(鼓励提升)',
      'C类(倒逼转型)',
      'D类(淘汰整治)',
      'T类(免评)',
      '未评价',
      '合计',
    ]);
    expect(counts?.getRow(14).values).toEqual([undefined, '桐乡市', 345, 1041, 258, 87, 102, 1194, 3027]);

    // Read back with an independent reader (Debian's python3-openpyxl, installed by .ci/run, so the system python3): numeric cells, formats, summary counts.
    const read = JSON.parse(
      execFileSync(
        existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3',
        [fileURLToPath(new URL('./read-workbook.py', import.meta.url)), out],
        {
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
        },
      ),
    ) as {
      sheets: string[];
      active: string;
      tables: Record<
        string,
        {
          autoFilter: string | null;
          freeze: string | null;
          printTitleRows: string | null;
          header: string[];
          rows: unknown[][];
          numeric: number;
          textNumbers: number;
          cells: { header: string; value: unknown; type: string; format: string }[];
        }
      >;
    };
    expect(read.sheets[0]).toBe('汇总');
    expect(read.active).toBe('汇总');
    const summary = read.tables.汇总?.rows ?? [];
    expect(summary.slice(0, 4).map((r) => r.slice(0, 2))).toEqual([
      ['评价方案', expect.stringContaining('（')],
      ['年度', 2018],
      ['评价批次', '实时评价（未建批次）'],
      ['批次状态', '实时评价（未建批次）'],
    ]);
    // The city's totals, in both blocks, equal the evaluation's (and the 分类统计 sheet's).
    const cityRows = summary.filter((r) => r[0] === '桐乡市');
    expect(cityRows).toHaveLength(2);
    for (const r of cityRows) expect(r.slice(1, 9)).toEqual([345, 1041, 258, 87, 102, 1194, 3027]);
    const cohortBlock = summary.slice(
      summary.findIndex((r) => r[0] === '按评价对象组') + 1,
      summary.indexOf(cityRows[0] as unknown[]),
    );
    const cohortSum = cohortBlock.reduce((a, r) => a + Number(r[7]), 0);
    expect(cohortSum).toBe(3027);
    for (const name of read.sheets.slice(1)) {
      const t = read.tables[name];
      expect(t?.autoFilter, name).toMatch(/^A1:[A-Z]+1$/);
      expect(t?.freeze, name).toMatch(/^[A-D]2$/);
      expect(t?.printTitleRows, name).toBe('$1:$1');
    }
    const aboveRead = read.tables.规上工业企业;
    // Every figure is a number: no text that looks like one (identifiers aside).
    expect(aboveRead?.textNumbers).toBe(0);
    expect(aboveRead?.numeric).toBeGreaterThan(1000);
    const cell = (h: string) => aboveRead?.cells.find((c) => c.header === h);
    expect(cell('名次')).toMatchObject({ value: 1, type: 'n' });
    expect(cell('亩均税收基准值')?.type).toBe('n');
    expect(cell('综合得分')?.type).toBe('n');
    expect(cell('综合得分')?.format).toMatch(/^0(\.0+)?$/);
    expect(cell('百分位')?.type).toBe('n');
    // The format shows exactly the places reported.
    const reported = aboveRead?.cells.find((c) => c.header === '亩均税收(万元/亩)');
    expect(reported?.type).toBe('n');
    expect(reported?.format).toMatch(/^0\.0+$/);

    // A shipped preset applied to another year says so, and evaluates.
    const preset = await mujun('evaluate', '--scheme', 'huangyan-2022', '--year', '2018', '--json');
    expect(preset.code).toBe(0);
    expect(preset.err).toContain('applying it to 2018');
    expect(JSON.parse(preset.out)).toMatchObject({ schemeId: 'huangyan-2022', year: 2018 });
    expect((await mujun('evaluate', '--scheme', 'huangyan-2022', '--year', '2022')).code).toBe(1);

    const stats = await mujun('stats', '--year', '2018', '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.out)).toMatchObject({ regionCode: '330483', year: 2018 });

    const exported = join(dir, 'export');
    expect((await mujun('export', exported)).code).toBe(0);
    const annual = readFileSync(join(exported, 'annual-data.csv'), 'utf8').split('\n');
    const original = readFileSync(join(EXAMPLE, 'data/annual-data.csv'), 'utf8')
      .split('\n')
      .filter((l, i) => i === 0 || l === '' || l.split(',')[1] === '2018');
    expect(annual).toEqual(original);
  });

  it('mints a development token with the gateway’s own code', async () => {
    const r = await mujun('token', 'townOperator:石门');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await mujun('token', 'townOperator:nowhere')).code).toBe(2);
  });

  it('the committed bin shim runs the built CLI, or says to build it', () => {
    const bin = join(ROOT, 'packages/cli/bin/mujun.js');
    if (existsSync(join(ROOT, 'packages/cli/dist/index.js'))) {
      expect(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })).toContain('Usage: mujun');
    } else {
      const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('run `pnpm build`');
    }
  });
});

function files(sub: string): string[] {
  const base = join(EXAMPLE, 'departments', sub);
  return readdirSync(base)
    .sort()
    .map((n) => join(base, n));
}
