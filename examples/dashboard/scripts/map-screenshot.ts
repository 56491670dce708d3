/**
 * Regenerates docs/map/map.png, the 地图 tab in docs/map.md: starts the
 * gateway as `pnpm dashboard` does (fresh embedded store, the seeded example
 * with its synthetic 2018 shapes), publishes an evaluation run (the seed has
 * none; the map shows the classes of the newest published one), signs in as
 * the city admin, draws an area and writes the screenshot. Run after
 * `pnpm build:dashboard`:
 *
 *   pnpm --filter @mujun/example-dashboard screenshot:map
 *
 * Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium, publishRun, startDashboard } from '../test/harness';

const OUT = fileURLToPath(new URL('../../../docs/map/', import.meta.url));

const app = await startDashboard();
const browser = await launchChromium(['--lang=zh-CN']);
try {
  mkdirSync(OUT, { recursive: true });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 860 } });
  context.setDefaultTimeout(0);
  const page = await context.newPage();
  const admin = await app.mint('cityAdmin:330483');
  await publishRun(app, admin);
  await page.goto(`${app.url}#map`);
  await page.getByTestId('token').fill(admin);
  await page.getByRole('button', { name: '切换身份' }).click();
  await page.getByTestId('role').filter({ hasText: '市级管理员' }).waitFor();
  await page.locator('[data-layer="firms"] circle[data-class="A"]').first().waitFor({ state: 'attached' });
  await page.getByTestId('map-run').filter({ hasText: '公示中' }).waitFor();

  // A firm's panel, then an area drawn over the middle of the city.
  const uscc = await page.evaluate(() => {
    for (const c of document.querySelectorAll<SVGCircleElement>('[data-layer="firms"] circle[data-class="A"]')) {
      const r = c.getBoundingClientRect();
      if (document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === c) return c.getAttribute('data-firm');
    }
    return null;
  });
  if (uscc) {
    await page.locator(`[data-firm="${uscc}"]`).click();
    await page.getByTestId('map-firm-name').waitFor();
  }
  await page.getByTestId('map-draw').click();
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('the map has no box');
  for (const [fx, fy] of [
    [0.3, 0.3],
    [0.7, 0.32],
    [0.68, 0.7],
    [0.32, 0.68],
  ] as const) {
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  }
  await page.getByTestId('map-finish').click();
  await page.getByTestId('drawn-firms').waitFor();
  await page.screenshot({ path: `${OUT}map.png`, fullPage: true });
  console.log('wrote docs/map/map.png');
} finally {
  await browser.close();
  await app.stop();
}
