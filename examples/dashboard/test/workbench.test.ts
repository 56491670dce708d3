import { readFileSync } from 'node:fs';
import { WORKBOOK_LABELS } from '@mujun/core/labels';
import { ruleLabel } from '@mujun/intake';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IdentityProvider,
  launchChromium,
  type RunningDashboard,
  signInWithProvider,
  signOutWithProvider,
  startDashboard,
  startIdentityProvider,
  untilAtLeast,
  untilContains,
  untilText,
} from './harness';

/*
 * The yearly cycle from the 工作台, end to end in Chromium: upload → start run
 * → publish → objection by a town operator → resolve with a correction →
 * finalise → download. The city admin and 石门's operator sign in through a
 * local OpenID Connect provider (harness `startIdentityProvider`) whose JWKS
 * file the gateway reads, as in production; the downloaded workbooks are read
 * back with exceljs. Every wait is on the page (harness until*, a download
 * event); the only clock is the gateway's run clock, moved past the 公示
 * window on purpose before 定档.
 */
const DAY = 86_400_000;
let shiftDays = 0;
let idp: IdentityProvider;
let app: RunningDashboard;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  idp = await startIdentityProvider();
  app = await startDashboard({ identityProvider: idp, now: () => new Date(Date.now() + shiftDays * DAY) });
  browser = await launchChromium();
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(0);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    return route.abort('blockedbyclient');
  });
  page = await context.newPage();
  page.on('console', (m) => {
    // The provider's pages ask for a web font, which the route above refuses.
    if (m.type() === 'error' && !m.text().includes('ERR_BLOCKED_BY_CLIENT')) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await idp?.stop();
});

let signedIn = false;

/**
 * Signs in to the 工作台 as `login` at the identity provider, signing the
 * previous user out first (of the dashboard and the provider's session).
 */
async function signIn(login: string, expected: string): Promise<void> {
  if (signedIn) await signOutWithProvider(page);
  // Sign-in returns to the view it left from.
  await page.goto(`${app.url}#workbench`);
  await untilText(page.getByTestId('role'), '身份：查看者');
  await signInWithProvider(page, login, expected);
  signedIn = true;
}

/** A downloaded workbook, read back. */
async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path()) ?? '');
  return workbook;
}

/** A row's cells as text (ExcelJS rows are 1-based: index 0 is empty). */
function cells(row: ExcelJS.Row): string[] {
  return (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
}

/** A firm of 石门 with 2018 figures in the example data, and its 2018 tax in 万元. */
function shimenFirm(): { uscc: string; tax: string } {
  const firms = readFileSync(new URL('../../tongxiang-2018/data/enterprises.csv', import.meta.url), 'utf8');
  const shimen = new Set(
    firms
      .split('\n')
      .map((l) => l.split(','))
      .filter((c) => c[2] === '330483108000')
      .map((c) => c[0]),
  );
  const annual = readFileSync(new URL('../../tongxiang-2018/data/annual-data.csv', import.meta.url), 'utf8');
  for (const line of annual.split('\n')) {
    const c = line.split(',');
    if (c[1] === '2018' && c[0] && shimen.has(c[0]) && c[4]) return { uscc: c[0], tax: c[4] };
  }
  throw new Error('no 石门 firm with 2018 figures in the example data');
}

describe('工作台: the yearly cycle in Chromium', { timeout: 240_000 }, () => {
  const firm = shimenFirm();
  let runId = '';

  it('a city admin drops a department file and reads the import report with its row errors', async () => {
    await signIn('city-admin', '市级管理员');
    await untilContains(page.locator('h3'), '导入部门数据');
    // One good row (the firm's tax in 元, unchanged) and one row with a broken 统一社会信用代码.
    const csv = `统一社会信用代码,实缴税金(元)\n${firm.uscc},${wanYuanToYuan(firm.tax)}\nNOT-A-USCC,5000\n`;
    await page.getByLabel('只导入通过校验的行').check();
    // Drag and drop: a drop event carrying the file, as a browser makes it.
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], '税务局-2018.csv', { type: 'text/csv' }));
      return dt;
    }, csv);
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: transfer });
    await untilContains(page.getByTestId('dropzone'), '税务局-2018.csv');
    await page.getByTestId('import-submit').click();
    await untilContains(page.getByTestId('import-summary'), '已写入');
    expect(
      await untilAtLeast(page.locator('[data-testid="import-issues"] tr[data-severity="ERROR"]'), 1),
    ).toBeGreaterThan(0);
    await untilContains(page.locator('[data-testid="import-issues"] tr[data-severity="ERROR"]'), 'NOT-A-USCC');
    await untilContains(page.getByTestId('import-report'), '接受 1 行，退回 1 行');
    // Row messages in Chinese: the rule's sentence from the gateway's catalogs, with the rule id.
    const errorRows = page.locator('[data-testid="import-issues"] tr[data-severity="ERROR"]');
    const errors: { row: string; rule: string }[] = [];
    for (const tr of await errorRows.all()) {
      const rule = (await tr.getAttribute('data-rule')) ?? '';
      const label = ruleLabel(rule);
      expect(label, rule).toBeDefined();
      expect(await tr.textContent()).toContain(`错误：${label}（${rule}）`);
      errors.push({ row: (await tr.getAttribute('data-row')) ?? '', rule });
    }
    // The rejects workbook: the refused row with its cells and an error column naming each error's rule.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rejects').click()]);
    expect(download.suggestedFilename()).toBe('退回表-税务局-2018.xlsx');
    const sheet = (await workbookOf(download)).worksheets[0];
    expect(sheet).toBeDefined();
    const rows = (sheet?.getSheetValues() ?? []).length;
    const rejected: string[][] = [];
    for (let r = 2; r < rows; r++) rejected.push(cells(sheet?.getRow(r) as ExcelJS.Row));
    expect(cells(sheet?.getRow(1) as ExcelJS.Row).slice(0, 2)).toEqual([WORKBOOK_LABELS.error, '行号']);
    expect(rejected.map((r) => r[1])).toEqual([...new Set(errors.map((e) => e.row))]);
    for (const e of errors) expect(rejected.find((r) => r[1] === e.row)?.[0]).toContain(`(${e.rule})`);
    expect(rejected[0]?.[2]).toBe('NOT-A-USCC');
  });

  it('starts a run, refuses a backwards 公示 window next to its field keeping the values, then publishes', async () => {
    await page.getByTestId('start-run-submit').click();
    const run = page.locator('[data-testid="workbench-run"][data-status="DRAFT"]');
    await untilAtLeast(run, 1);
    runId = (await run.first().getAttribute('data-run')) ?? '';
    expect(runId).not.toBe('');
    const from = await run.locator('input[name="noticeFrom"]').inputValue();
    const to = await run.locator('input[name="noticeTo"]').inputValue();
    // The last day before the first: refused (run.notice.order) in Chinese, the form keeps what was typed.
    await run.locator('input[name="noticeTo"]').fill(addDays(from, -1));
    await run.getByTestId('publish-submit').click();
    await untilContains(page.locator(`[data-run="${runId}"] [role="alert"]`), '公示结束日不能早于开始日');
    expect(await run.locator('input[name="noticeTo"]').inputValue()).toBe(addDays(from, -1));
    await run.locator('input[name="noticeTo"]').fill(to);
    await run.getByTestId('publish-submit').click();
    await untilText(page.locator(`[data-run="${runId}"] [data-testid="run-status"]`), '公示中');
  });

  it('a 石门 operator sees its firms with their published classes and files an objection within the window', async () => {
    await signIn('shimen-operator', '石门');
    await untilContains(page.locator('h2'), '石门企业与公示分类');
    const row = page.locator(`[data-testid="town-firms"] tr[data-uscc="${firm.uscc}"]`);
    await row.getByTestId('objection-open').click();
    // No reason: refused next to the field (reason.required), the category chosen stays.
    await row.locator('select[name="category"]').selectOption('DATA_ERROR');
    await row.getByTestId('objection-submit').click();
    await untilContains(row.locator('[data-error-for="reason"]'), '请填写理由');
    expect(await row.locator('select[name="category"]').inputValue()).toBe('DATA_ERROR');
    await row.locator('input[name="reason"]').fill('税务局报送的税收漏计了第四季度');
    await row.getByTestId('objection-submit').click();
    await untilContains(page.locator(`[data-testid="my-objection"][data-uscc="${firm.uscc}"]`), '待复核');
  });

  it('the city admin resolves it with a correction, shown before and after', async () => {
    await signIn('city-admin', '市级管理员');
    const objection = page.locator(`[data-run="${runId}"] [data-testid="objection"]`).first();
    await objection.getByTestId('resolve-open').click();
    const form = objection.getByTestId('resolve-form');
    await untilAtLeast(form.locator('[data-testid="correction-form"] input[name="tax"]'), 1);
    // The before column holds the firm's figures as the gateway reads them (the tax imported above).
    await untilContains(
      form.locator('[data-testid="correction-form"] tr', { hasText: '税收' }),
      firm.tax.split('.')[0] ?? '',
    );
    await form.locator('input[name="tax"]').fill('900');
    await form.locator('input[name="reason"]').fill('补计第四季度税收');
    await form.getByTestId('resolve-submit').click();
    await untilContains(objection.getByTestId('objection-state'), '已复核');
    await untilContains(objection.locator('[data-testid="correction-diff"] tr[data-figure="tax"]'), '900');
    const api = await app.query<{ enterprise: { annualData: { tax: { wanYuan: string } } } }>(
      `{ enterprise(uscc: "${firm.uscc}") { annualData(year: 2018) { tax { wanYuan } } } }`,
      await app.mint('cityAdmin:330483'),
    );
    expect(api.enterprise.annualData.tax.wanYuan).toBe('900');
  });

  it('定档 is refused inside the window, done after it, and the results download', async () => {
    const run = page.locator(`[data-run="${runId}"]`);
    await run.getByTestId('finalise-submit').click();
    await untilContains(run.locator('[role="alert"]'), '公示期尚未结束');
    shiftDays = 10; // the gateway's run clock, past the window's last day
    await run.getByTestId('finalise-submit').click();
    await untilText(run.getByTestId('run-status'), '已定档');
    const [download] = await Promise.all([page.waitForEvent('download'), run.getByTestId('download-results').click()]);
    expect(download.suggestedFilename()).toBe(`评价结果-2018-${runId}.xlsx`);
    // results.xlsx as `mujun evaluate --out` writes it: 汇总 first, 分类统计 last, counts equal the run's.
    const workbook = await workbookOf(download);
    expect(workbook.worksheets[0]?.name).toBe(WORKBOOK_LABELS.summary);
    const counts = workbook.getWorksheet(WORKBOOK_LABELS.classCounts);
    expect(counts).toBeDefined();
    const byTown = new Map<string, string[]>();
    counts?.eachRow((row) => {
      const [name = '', ...n] = cells(row);
      if (name) byTown.set(name, n);
    });
    const api = await app.query<{
      evaluationRun: {
        region: { name: string };
        summary: {
          total: Record<string, number>;
          byTown: { town: { name: string }; counts: Record<string, number> }[];
        };
      };
    }>(
      `{ evaluationRun(id: "${runId}") { region { name } summary { total { A B C D T none total } byTown { town { name } counts { A B C D T none total } } } } }`,
      await app.mint('cityAdmin:330483'),
    );
    const row = (c: Record<string, number>) => ['A', 'B', 'C', 'D', 'T', 'none', 'total'].map((k) => String(c[k]));
    const { summary, region } = api.evaluationRun;
    expect(summary.total.total).toBeGreaterThan(0);
    expect(byTown.get(region.name)).toEqual(row(summary.total));
    for (const t of summary.byTown) expect(byTown.get(t.town.name), t.town.name).toEqual(row(t.counts));
    // The corrected firm is in its cohort's sheet.
    const listed = workbook.worksheets.some((ws) => {
      let found = false;
      ws.eachRow((r) => {
        if (cells(r).includes(firm.uscc)) found = true;
      });
      return found;
    });
    expect(listed).toBe(true);
    // The operator sees its objection's outcome.
    await signIn('shimen-operator', '石门');
    await untilContains(page.locator(`[data-testid="my-objection"][data-uscc="${firm.uscc}"]`), '已复核');
    expect(consoleErrors).toEqual([]);
  });
});

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** 万元 as 元, by moving the decimal point four places (exact, no float). */
function wanYuanToYuan(wan: string): string {
  const [whole = '0', fraction = ''] = wan.split('.');
  return `${whole}${fraction.padEnd(4, '0')}`.replace(/^0+(?=\d)/, '');
}
