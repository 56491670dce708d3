/**
 * Regenerates the screenshots in docs/dashboard.md: starts the gateway as
 * `pnpm dashboard` does (fresh embedded store, seeded example data, the
 * production build), drives Debian's Chromium through each view and writes
 * docs/dashboard/*.png. Run after `pnpm build:dashboard`:
 *
 *   pnpm --filter @mujun/example-dashboard screenshots
 *
 * Chinese text needs a CJK font on the machine (Debian: fonts-wqy-microhei).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium, startDashboard } from '../test/harness';

const OUT = fileURLToPath(new URL('../../../docs/dashboard/', import.meta.url));

const app = await startDashboard();
// Chinese date fields in the screenshots (the tests run with the bare flags).
const browser = await launchChromium(['--lang=zh-CN']);
try {
  mkdirSync(OUT, { recursive: true });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const shoot = async (name: string, height: number) => {
    const path = `${OUT}${name}.png`;
    await page.screenshot({ path, clip: { x: 0, y: 0, width: 1200, height } });
    console.log(`wrote docs/dashboard/${name}.png`);
  };

  // 全市总览 on 2018-09-30: the 序时进度 marker stands inside the bars.
  await page.goto(`${app.url}#overview`);
  await page.locator('[data-figure]').first().waitFor();
  await page.getByTestId('as-of').fill('2018-09-30');
  await page.getByTestId('as-of').blur();
  await page.waitForFunction(() => document.body.textContent?.includes('截至日期 2018-09-30'));
  await page.waitForTimeout(300);
  await shoot('overview', 800);

  await page.goto(`${app.url}#ranking`);
  await page.locator('[data-testid="ranking-table"] tbody tr').first().waitFor();
  await page
    .locator('[role="img"][aria-label="第1–52周名次走势"] path[fill="none"][stroke-width="1.5"]')
    .first()
    .waitFor({ state: 'attached' });
  await page.waitForTimeout(800);
  await shoot('ranking', 800);

  // 预警督办清单 on 2018-06-30: the towns and targets in yellow and red, as printed.
  await page.goto(`${app.url}#supervision`);
  await page.getByTestId('supervision-as-of').fill('2018-06-30');
  await page.locator('#supervision-heading', { hasText: '截至2018-06-30' }).waitFor();
  await page.locator('[data-testid="supervision-targets"] tbody tr').first().waitFor();
  await shoot('supervision', 800);
  await page.emulateMedia({ media: 'print' });
  await shoot('supervision-print', 700);
  await page.emulateMedia({ media: 'screen' });

  // 亩均评价 filtered to 石门, one firm's panel open.
  // Firms' figures (the 整治提升名单, a firm's panel) are for the city's staff: sign in as the city admin.
  const admin = await app.mint('cityAdmin:330483');
  await page.goto(`${app.url}#evaluation`);
  await page.getByTestId('token').fill(admin);
  await page.getByRole('button', { name: '切换身份' }).click();
  await page.getByTestId('role').filter({ hasText: '市级管理员' }).waitFor();
  const chart = page.getByRole('img', { name: '各镇街分类企业数（点击镇街筛选）' });
  await chart.locator('text', { hasText: /^石门$/ }).click();
  await page.locator('[data-testid="below-table"] tbody tr').nth(0).getByRole('button').click();
  await page.getByTestId('panel-total').waitFor();
  await page.waitForTimeout(500);
  const top = await page
    .getByText('评价对象组及基准值')
    .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  await page.evaluate((y) => window.scrollTo(0, y - 10), top);
  await page.screenshot({ path: `${OUT}evaluation.png` });
  console.log('wrote docs/dashboard/evaluation.png');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot('evaluation-chart', 560);

  // A town operator of 石门: its town highlighted.
  const token = await app.mint('townOperator:石门');
  await page.goto(`${app.url}#ranking`);
  await page.getByTestId('token').fill(token);
  await page.getByRole('button', { name: '切换身份' }).click();
  await page.locator('[data-testid="ranking-table"] tr.own').waitFor();
  await page.waitForTimeout(800);
  await shoot('town-operator', 520);

  // 评价批次: a run a city admin started and published (公示 around today), with one objection from 石门.
  type Started = { startEvaluationRun: { run?: { id: string } } };
  const started = await app.query<Started>(
    'mutation { startEvaluationRun(input: { city: "330483", schemeId: "tongxiang-2018-example", year: 2018 }) { ... on EvaluationRunSuccess { run { id } } } }',
    admin,
  );
  const runId = started.startEvaluationRun.run?.id;
  if (!runId) throw new Error('startEvaluationRun failed');
  const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  await app.query(
    `mutation { publishEvaluationRun(input: { runId: "${runId}", noticeFrom: "${day(0)}", noticeTo: "${day(6)}" }) { __typename } }`,
    admin,
  );
  const firms = await app.query<{ evaluationRun: { results: { edges: { node: { uscc: string } }[] } } }>(
    `{ evaluationRun(id: "${runId}") { results(town: "石门", first: 1) { edges { node { uscc } } } } }`,
    token,
  );
  const uscc = firms.evaluationRun.results.edges[0]?.node.uscc;
  await app.query(
    `mutation { fileObjection(input: { runId: "${runId}", uscc: "${uscc}", category: DATA_ERROR, reason: "亩产税收口径有误" }) { __typename } }`,
    token,
  );
  await page.goto(`${app.url}#runs`);
  await page.locator('[data-testid="objection-table"] tbody tr').first().waitFor();
  await page.waitForTimeout(500);
  await shoot('runs', 520);

  // 工作台 of the 石门 operator: its firms with their published classes, its objection and its state.
  await page.goto(`${app.url}#workbench`);
  await page.locator('[data-testid="my-objection"]').first().waitFor();
  await shoot('workbench-town', 700);

  // 工作台 of the city admin: a department file imported (one row refused), the run in 公示, the resolve form open.
  await page.getByTestId('token').fill(admin);
  await page.getByRole('button', { name: '切换身份' }).click();
  await page.getByTestId('import-file').waitFor();
  await page.getByTestId('import-file').setInputFiles({
    name: '税务局-2018.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`统一社会信用代码,实缴税金(元)\n${uscc},444500\nNOT-A-USCC,5000\n`),
  });
  await page.getByLabel('只导入通过校验的行').check();
  await page.getByTestId('import-submit').click();
  await page.getByTestId('import-report').waitFor();
  await page.getByTestId('resolve-open').first().click();
  await page.locator('[data-testid="correction-form"] input[name="tax"]').waitFor();
  await page.setViewportSize({ width: 1200, height: 1600 });
  await page.screenshot({ path: `${OUT}workbench-admin.png`, fullPage: false });
  console.log('wrote docs/dashboard/workbench-admin.png');
  await page.setViewportSize({ width: 1200, height: 800 });

  // 公示名单 of that run, as a viewer sees and prints it.
  await page.getByRole('button', { name: '退出' }).click();
  await page.goto(`${app.url}#notice`);
  await page.locator('[data-testid="notice-table"] tbody tr').first().waitFor();
  await shoot('notice', 700);
} finally {
  await browser.close();
  await app.stop();
}
