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

  // 亩均评价 filtered to 石门, one firm's panel open.
  await page.goto(`${app.url}#evaluation`);
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
} finally {
  await browser.close();
  await app.stop();
}
