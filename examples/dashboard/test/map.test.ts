import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type RunningDashboard, startDashboard, untilContains, untilCount } from './harness';

// The 地图 tab over the seeded gateway (examples/tongxiang-2018 with its
// synthetic 2018 shapes), in Debian's Chromium. Every wait is on a page
// condition (harness.ts): a loaded machine makes the test slower, never red.
let app: RunningDashboard;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

const CITY = '330483';
const YEAR = 2018;

interface DrawnApi {
  drawnAreaStatistics: {
    firmCount: number;
    firms: string[];
    parcels: string[];
    figuresShown: boolean;
    tax: { wanYuan: string } | null;
    landArea: { mu: string } | null;
    taxPerMu: { value: string } | null;
    vacating: { stage: string; area: { mu: string } }[];
  };
}

const drawnQuery = (polygon: string) =>
  `{ drawnAreaStatistics(city: "${CITY}", year: ${YEAR}, polygon: ${JSON.stringify(polygon)}) {
      firmCount firms parcels figuresShown
      tax { wanYuan(places: 2, rounding: HALF_UP) }
      landArea { mu(places: 2, rounding: HALF_UP) }
      taxPerMu { value(places: 2, rounding: HALF_UP) }
      vacating { stage area { mu(places: 2, rounding: HALF_UP) } } } }`;

beforeAll(async () => {
  app = await startDashboard();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });
  context.setDefaultTimeout(0);
  // Offline: anything not for 127.0.0.1 (tiles, fonts, a CDN) is recorded and refused.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Each town's fill and indicator value, in drawing order. */
function townShading(p: Page) {
  return p.locator('[data-layer="towns"] path').evaluateAll((els) =>
    els.map((el) => ({
      town: el.getAttribute('data-town'),
      fill: el.getAttribute('fill'),
      value: el.getAttribute('data-value'),
    })),
  );
}

/**
 * A firm point drawn on top at its centre (points overlap): the one a click
 * there reaches. Waits until the points are drawn.
 */
async function topmostFirm(p: Page, want: { cls?: string; among?: readonly string[] }): Promise<string> {
  await p.locator('[data-layer="firms"] circle').first().waitFor({ state: 'attached' });
  const uscc = await p.evaluate(({ cls, among }) => {
    const allowed = among ? new Set(among) : undefined;
    for (const c of document.querySelectorAll<SVGCircleElement>('[data-layer="firms"] circle')) {
      if (cls && c.getAttribute('data-class') !== cls) continue;
      if (allowed && !allowed.has(c.getAttribute('data-firm') ?? '')) continue;
      const r = c.getBoundingClientRect();
      if (r.width === 0) continue;
      if (document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === c) return c.getAttribute('data-firm');
    }
    return null;
  }, want);
  if (!uscc) throw new Error('no firm point is on top anywhere');
  return uscc;
}

/** Draws a quadrilateral over the middle of the map by clicking four vertices, then closes it. */
async function drawMiddle(p: Page): Promise<string> {
  await p.getByTestId('map-draw').click();
  await p.locator('[data-testid="map"][data-drawing="true"]').waitFor();
  const box = await p.getByTestId('map').boundingBox();
  if (!box) throw new Error('the map has no box');
  const at = (fx: number, fy: number) => p.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  await at(0.3, 0.3);
  await at(0.7, 0.32);
  await at(0.68, 0.7);
  await at(0.32, 0.68);
  await p.getByTestId('map-finish').click();
  const stats = p.getByTestId('drawn-statistics');
  await stats.getByTestId('drawn-firms').waitFor();
  return (await stats.getAttribute('data-polygon')) ?? '';
}

describe('地图 (一张图) in Chromium over the seeded gateway', { timeout: 300_000 }, () => {
  let admin = '';

  it('draws the 11 towns from their own shapes, shaded by the chosen indicator with a legend', async () => {
    admin = await app.mint(`cityAdmin:${CITY}`);
    await page.goto(`${app.url}#map`);
    await page.getByTestId('token').fill(admin);
    await page.getByRole('button', { name: '切换身份' }).click();
    await untilContains(page.getByTestId('role'), '市级管理员');
    await untilCount(page, '[data-layer="towns"] path', 11);
    const api = await app.query<{ region: { towns: { code: string; name: string; fullName: string }[] } }>(
      `{ region(city: "${CITY}") { towns { code name fullName } } }`,
    );
    const layers = await app.query<{ mapLayers: { towns: { features: { properties: Record<string, unknown> }[] } } }>(
      `{ mapLayers(city: "${CITY}", year: ${YEAR}) { towns } }`,
      admin,
    );
    expect(api.region.towns).toHaveLength(11);
    // 亩均税收 first: each town's value is the layer's string, and the legend's classes tile them.
    await page.locator('[data-layer="towns"] path[data-value]:not([data-value=""])').first().waitFor();
    const byTax = await townShading(page);
    expect(new Set(byTax.map((t) => t.town))).toEqual(
      new Set(layers.mapLayers.towns.features.map((f) => f.properties.name)),
    );
    for (const f of layers.mapLayers.towns.features) {
      const drawn = byTax.find((t) => t.town === f.properties.name);
      expect(drawn?.value).toBe(f.properties.taxPerMu ?? '');
    }
    expect(new Set(byTax.map((t) => t.fill)).size).toBeGreaterThan(2);
    const legend = page.getByTestId('map-legend');
    await untilContains(legend, '亩均税收(万元/亩)');
    const breaks = await legend
      .locator('[data-break]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-break')));
    const taxes = layers.mapLayers.towns.features.map((f) => f.properties.taxPerMu as string);
    expect(breaks.length).toBeGreaterThan(2);
    for (const b of breaks) expect(taxes).toContain(b);

    // Another indicator: the shading follows it.
    await page.getByTestId('map-indicator').selectOption('firms');
    await untilContains(legend, '有数据企业数(家)');
    await page.waitForFunction(
      (before) =>
        JSON.stringify(
          [...document.querySelectorAll('[data-layer="towns"] path')].map((el) => el.getAttribute('fill')),
        ) !== before,
      JSON.stringify(byTax.map((t) => t.fill)),
      { timeout: 0 },
    );
    const byFirms = await townShading(page);
    for (const f of layers.mapLayers.towns.features) {
      expect(byFirms.find((t) => t.town === f.properties.name)?.value).toBe(String(f.properties.firms));
    }

    // A/B share (the city admin's live evaluation): exact counts from the API, rounded half-up to 0.1 %.
    await page.getByTestId('map-indicator').selectOption('abShare');
    await untilContains(legend, 'A/B类企业占比(%)');
    await page.locator('[data-layer="towns"] path[data-value]:not([data-value=""])').first().waitFor();
    const summary = await app.query<{
      evaluation: { summary: { byTown: { town: { name: string }; counts: Record<'A' | 'B' | 'C' | 'D', number> }[] } };
    }>(
      `{ evaluation(city: "${CITY}", schemeId: "tongxiang-2018-example", year: ${YEAR}) { summary { byTown { town { name } counts { A B C D } } } } }`,
      admin,
    );
    const shimen = summary.evaluation.summary.byTown.find((t) => t.town.name === '石门');
    expect(shimen).toBeDefined();
    const c = shimen?.counts ?? { A: 0, B: 0, C: 0, D: 0 };
    // Math.round is half-up on positive values; a tie (k + 0.5) is exact in binary.
    const tenths = Math.round((1000 * (c.A + c.B)) / (c.A + c.B + c.C + c.D));
    const expected = `${Math.floor(tenths / 10)}.${tenths % 10}`;
    const drawnShimen = (await townShading(page)).find((t) => t.town?.startsWith('石门'));
    expect(drawnShimen?.value).toBe(expected);
  });

  it('draws parcels by 腾退 stage and firm points by class; a click opens the firm or the parcel', async () => {
    await untilCount(page, '[data-layer="parcels"] path', 725);
    expect(await page.locator('[data-layer="parcels"] path[data-stage="signed"]').count()).toBeGreaterThan(0);
    // Classes arrive page by page from the live evaluation.
    await page.locator('[data-layer="firms"] circle[data-class="A"]').first().waitFor({ state: 'attached' });
    await page.getByTestId('map-legend').filter({ hasNotText: '正在读取企业分类' }).waitFor();
    expect(await page.locator('[data-layer="firms"] circle').count()).toBe(3027);

    const uscc = await topmostFirm(page, { cls: 'A' });
    const firm = await app.query<{ enterprise: { name: string } }>(`{ enterprise(uscc: "${uscc}") { name } }`, admin);
    await page.locator(`[data-firm="${uscc}"]`).click();
    const panel = page.getByTestId('map-panel');
    await panel.locator(`[data-uscc="${uscc}"]`).waitFor();
    await untilContains(panel.getByTestId('map-firm-name'), firm.enterprise.name);
    await untilContains(panel.getByTestId('map-firm-class'), 'A类');

    const parcel = await page.evaluate(() => {
      for (const el of document.querySelectorAll<SVGPathElement>('[data-layer="parcels"] path[data-stage="signed"]')) {
        const r = el.getBoundingClientRect();
        if (document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === el)
          return el.getAttribute('data-parcel');
      }
      return null;
    });
    expect(parcel).not.toBeNull();
    await page.locator(`[data-parcel="${parcel}"]`).first().click();
    await untilContains(panel.getByTestId('map-parcel-id'), parcel ?? '?');
    await untilContains(panel.getByTestId('map-parcel-stage'), '签约');
  });

  it('a drawn polygon shows the statistics drawnAreaStatistics gives for it', async () => {
    const polygon = await drawMiddle(page);
    const api = (await app.query<DrawnApi>(drawnQuery(polygon), admin)).drawnAreaStatistics;
    expect(api.firmCount).toBeGreaterThan(0);
    expect(api.figuresShown).toBe(true);
    const stats = page.getByTestId('drawn-statistics');
    expect(await stats.getByTestId('drawn-firms').textContent()).toBe(String(api.firmCount));
    expect(await stats.getByTestId('drawn-parcels').textContent()).toBe(String(api.parcels.length));
    expect(await stats.getByTestId('drawn-tax').textContent()).toBe(api.tax?.wanYuan);
    expect(await stats.getByTestId('drawn-land').textContent()).toBe(api.landArea?.mu);
    expect(await stats.getByTestId('drawn-tax-per-mu').textContent()).toBe(api.taxPerMu?.value);
    const vacating = await stats
      .locator('[data-testid="drawn-vacating"] [data-stage]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-stage'), e.querySelector('dd')?.textContent]));
    expect(vacating).toEqual(api.vacating.map((v) => [v.stage, v.area.mu]));
    // The class counts add up to the firms covered.
    const classes = (await stats.getByTestId('drawn-classes').textContent()) ?? '';
    const counted = [...classes.matchAll(/(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(counted).toBe(api.firmCount);
  });

  it('a viewer sees the layers without any confidential figure', async () => {
    await page.getByTestId('sign-out').click();
    await untilContains(page.getByTestId('role'), '查看者');
    await untilCount(page, '[data-layer="towns"] path', 11);
    await page.locator('[data-layer="firms"] circle').first().waitFor({ state: 'attached' });
    // No class reaches a viewer's points, and no A/B share indicator is offered.
    expect(await page.locator('[data-layer="firms"] circle:not([data-class="none"])').count()).toBe(0);
    expect(await page.locator('[data-testid="map-indicator"] option[value="abShare"]').count()).toBe(0);

    // A firm whose 亩均税收 the admin's layer carries: the figure a viewer must not see.
    const adminFirms = await app.query<{
      mapLayers: { firms: { features: { properties: Record<string, unknown> }[] } };
    }>(`{ mapLayers(city: "${CITY}", year: ${YEAR}) { firms } }`, admin);
    const withFigure = adminFirms.mapLayers.firms.features
      .filter((f) => f.properties.taxPerMu !== undefined)
      .map((f) => f.properties.uscc as string);
    expect(withFigure.length).toBeGreaterThan(0);
    const uscc = await topmostFirm(page, { among: withFigure });
    const asAdmin = await app.query<{ enterprise: { annualData: { taxPerMu: { value: string } | null } | null } }>(
      `{ enterprise(uscc: "${uscc}") { annualData(year: ${YEAR}) { taxPerMu { value(places: 2, rounding: HALF_UP) } } } }`,
      admin,
    );
    const secret = asAdmin.enterprise.annualData?.taxPerMu?.value;
    expect(secret).toBeDefined();
    await page.locator(`[data-firm="${uscc}"]`).click();
    const panel = page.getByTestId('map-panel');
    await panel.locator(`[data-uscc="${uscc}"]`).waitFor();
    await untilContains(panel.getByTestId('map-firm-tax-per-mu'), '不可见');
    await untilContains(panel.getByTestId('map-firm-class'), '无分类或不可见');

    const polygon = await drawMiddle(page);
    const stats = page.getByTestId('drawn-statistics');
    await stats.getByTestId('drawn-hidden').waitFor();
    const asViewer = (await app.query<DrawnApi>(drawnQuery(polygon))).drawnAreaStatistics;
    expect(asViewer.tax).toBeNull();
    expect(await stats.getByTestId('drawn-tax').textContent()).toBe('不可见');
    expect(await stats.getByTestId('drawn-tax-per-mu').textContent()).toBe('不可见');
    // The admin's sums for the same area appear nowhere on the viewer's page.
    const asAdminDrawn = (await app.query<DrawnApi>(drawnQuery(polygon), admin)).drawnAreaStatistics;
    const text = (await page.locator('main').textContent()) ?? '';
    for (const figure of [asAdminDrawn.tax?.wanYuan, asAdminDrawn.taxPerMu?.value]) {
      expect(figure).toBeDefined();
      expect(text).not.toContain(figure);
    }
    // The towns' figures shown are those of the viewer's own layer.
    const viewerLayers = await app.query<{
      mapLayers: { towns: { features: { properties: Record<string, unknown> }[] } };
    }>(`{ mapLayers(city: "${CITY}", year: ${YEAR}) { towns } }`);
    const shading = await townShading(page);
    for (const f of viewerLayers.mapLayers.towns.features) {
      expect(shading.find((t) => t.town === f.properties.name)?.value).toBe(
        (f.properties.taxPerMu as string | undefined) ?? '',
      );
    }
  });

  it('logged no console error and sent no request beyond 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
