import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIo, main } from '@mujun/cli';
import { saveGrants } from '@mujun/core/grants';
import { readTable } from '@mujun/intake';
import { dumpTables, openStore, type Store } from '@mujun/store';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNUAL_2021, GRANTS_2018 } from '../../../examples/tongxiang-2018/src/grants-2018';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mujun-grants-'));

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(async () => {
  await store?.close();
});

async function mujun(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { MUJUN_DATA_DIR: join(dir, 'data') },
    cwd: dir,
    tty: false,
    store,
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const bytes = (file: string) => new Uint8Array(readFileSync(join(dir, file)));

describe('mujun grants', () => {
  it('template → import (bad: exit 1 naming row and column, nothing written; good: exit 0) → check --out', async () => {
    expect((await mujun('load', join(ROOT, 'examples/tongxiang-2018/data'))).code).toBe(0);
    expect((await mujun('grants', 'template', 'grants.xlsx')).code).toBe(0);

    // A broken copy: the example row with a negative area.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'grants.xlsx'));
    const ws = book.worksheets[0] as ExcelJS.Worksheet;
    ws.getRow(2).getCell(7).value = '-5';
    writeFileSync(join(dir, 'bad.xlsx'), new Uint8Array(await book.xlsx.writeBuffer()));
    const before = await dumpTables(store.sql);
    const bad = await mujun('grants', 'import', 'bad.xlsx');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('行2 出让面积(平方米) (area): must be greater than zero (positive)');
    expect(await dumpTables(store.sql)).toBe(before);

    const good = await mujun('grants', 'import', 'grants.xlsx');
    expect([good.code, good.out]).toEqual([0, '标准地 1 宗: 新增 1, 更新 0']);
    const [listed] = await store.repository.listGrants({ regionCode: '330483' });
    expect(listed?.startPrice.toDecimal('wanYuan').toFixed()).toBe('1340');
    expect(listed?.commitments.find((c) => c.indicator === 'floorAreaRatio')?.max?.toString()).toBe('7/2');

    // The example's synthetic grants on vacated land, and their grantees' 2021 data.
    const ctx = { actor: 'test' };
    await store.repository.saveRecords('330483', { annualData: ANNUAL_2021 }, ctx);
    await saveGrants(store.repository, { city: '330483', grants: GRANTS_2018 }, { ctx, authorize: () => {} });
    const check = await mujun('grants', 'check', '--year', '2021', '--out', 'check-2021.xlsx');
    expect(check.code).toBe(0);
    expect(check.out).toContain('标准地复核 2021: 5 宗');
    const rows = (await readTable({ name: 'check-2021.xlsx', bytes: bytes('check-2021.xlsx') })).rows.map((r) =>
      r.cells.map((c) => c.text),
    );
    const g02tax = rows.find((r) => r[0] === 'TX2018-G02' && r[4] === '亩均税收');
    expect(g02tax?.slice(7, 13)).toEqual(['不少于30', '26.9397', '万元/亩', '未达标', '3.0603', '113.6']);
    const penalties = (
      await readTable({ name: 'check-2021.xlsx', bytes: bytes('check-2021.xlsx'), sheet: '违约责任' })
    ).rows.map((r) => r.cells.map((c) => c.text));
    expect(penalties.find((r) => r[0] === 'TX2018-G02' && r[2] === '违约金(按日)')?.slice(3, 6)).toEqual([
      '是',
      '3.6',
      '15',
    ]);
  });
});
