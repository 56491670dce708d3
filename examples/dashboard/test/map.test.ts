import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANTS_2018 } from '../../tongxiang-2018/src/grants-2018';
import {
  launchChromium,
  publishRun,
  type RunningDashboard,
  startDashboard,
  untilContains,
  untilCount,
} from './harness';

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
const CLASS_KEYS = ['A', 'B', 'C', 'D', 'T', 'none'] as const;
type ClassCounts = Record<(typeof CLASS_KEYS)[number], number>;

interface DrawnApi {
  drawnAreaStatistics: {
    firmCount: number;
    firms: string[];
    run: string | null;
    byClass: ClassCounts;
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
      firmCount firms parcels figuresShown run byClass { A B C D T none }
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

/** Each firm point's class as drawn, USCC → class. */
async function drawnClasses(p: Page): Promise<Record<string, string>> {
  const pairs = await p
    .locator('[data-layer="firms"] circle')
    .evaluateAll((els) => els.map((el) => [el.getAttribute('data-firm') ?? '', el.getAttribute('data-class') ?? '']));
  return Object.fromEntries(pairs);
}

/** The firm layer's classes for a reader (and run), USCC → class (`none` where the layer has none). */
async function layerClasses(token: string | undefined, run?: string) {
  const r = await app.query<{
    mapLayers: { run: string | null; firms: { features: { properties: { uscc: string; class?: string } }[] } };
  }>(`{ mapLayers(city: "${CITY}", year: ${YEAR}${run ? `, run: "${run}"` : ''}) { run firms } }`, token);
  const classes = Object.fromEntries(
    r.mapLayers.firms.features.map((f) => [f.properties.uscc, f.properties.class ?? 'none']),
  );
  return { run: r.mapLayers.run, classes };
}

/** A drawn area's class counts as the panel shows them (classes with no firm are left out: zero). */
async function panelByClass(p: Page): Promise<ClassCounts> {
  const pairs = await p
    .getByTestId('drawn-classes')
    .locator('[data-class]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-class') ?? '', Number(e.getAttribute('data-count'))]));
  const shown = Object.fromEntries(pairs) as Partial<ClassCounts>;
  return Object.fromEntries(CLASS_KEYS.map((c) => [c, shown[c] ?? 0])) as ClassCounts;
}

/** (A + B) / (A + B + C + D) of a town's counts, a percentage at 0.1 rounded half-up; undefined without counts. */
function abShare(c: ClassCounts | undefined): string | undefined {
  if (!c || c.A + c.B + c.C + c.D === 0) return undefined;
  // Math.round is half-up on positive values; a tie (k + 0.5) is exact in binary.
  const tenths = Math.round((1000 * (c.A + c.B)) / (c.A + c.B + c.C + c.D));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
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
  let published = '';
  let draft = '';

  it('draws the 11 towns from their own shapes, shaded by the chosen indicator with a legend', async () => {
    admin = await app.mint(`cityAdmin:${CITY}`);
    // The seed holds no runs: the map shows the classes of the newest published one; a later draft is the admin's.
    published = await publishRun(app, admin);
    const started = await app.query<{ startEvaluationRun: { run?: { id: string } } }>(
      `mutation { startEvaluationRun(input: { city: "${CITY}", schemeId: "tongxiang-2018-example", year: ${YEAR} }) { ... on EvaluationRunSuccess { run { id } } } }`,
      admin,
    );
    draft = started.startEvaluationRun.run?.id ?? '';
    expect(draft).not.toBe('');
    // The seed has no 标准地 grants either: the example's four name parcels, whose status the layer then carries.
    const saved = await app.query<{ saveLandGrants: { __typename: string; message?: string } }>(
      `mutation { saveLandGrants(input: { city: "${CITY}", grants: ${JSON.stringify(JSON.stringify(GRANTS_2018))} }) { __typename ... on DomainError { message } } }`,
      admin,
    );
    expect(saved.saveLandGrants.__typename, saved.saveLandGrants.message).toBe('SaveLandGrantsSuccess');
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

    // A/B share: the towns layer's class counts of the run shown, rounded half-up to 0.1 %.
    await page.getByTestId('map-indicator').selectOption('abShare');
    await untilContains(legend, 'A/B类企业占比(%)');
    await page.locator('[data-layer="towns"] path[data-value]:not([data-value=""])').first().waitFor();
    const withClasses = await app.query<{
      mapLayers: { towns: { features: { properties: { name: string; classes?: ClassCounts } }[] } };
    }>(`{ mapLayers(city: "${CITY}", year: ${YEAR}) { towns } }`, admin);
    const shares = await townShading(page);
    const shimen = withClasses.mapLayers.towns.features.find((f) => f.properties.name.startsWith('石门'));
    expect(shimen?.properties.classes).toBeDefined();
    for (const f of withClasses.mapLayers.towns.features) {
      expect(shares.find((t) => t.town === f.properties.name)?.value).toBe(abShare(f.properties.classes) ?? '');
    }
  });

  it('draws parcels by 腾退 stage and firm points by class; a click opens the firm or the parcel', async () => {
    await untilCount(page, '[data-layer="parcels"] path', 725);
    expect(await page.locator('[data-layer="parcels"] path[data-stage="signed"]').count()).toBeGreaterThan(0);
    // Every point's class is the layer's, of the published run the legend names.
    await page.locator('[data-layer="firms"] circle[data-class="A"]').first().waitFor({ state: 'attached' });
    expect(await page.locator('[data-layer="firms"] circle').count()).toBe(3027);
    const layer = await layerClasses(admin);
    expect(layer.run).toBe(published);
    expect(await drawnClasses(page)).toEqual(layer.classes);
    await page.locator(`[data-testid="map-run"][data-run="${published}"]`).waitFor();
    await untilContains(page.getByTestId('map-run'), '公示中');

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
    const parcels = await app.query<{
      mapLayers: { parcels: { features: { properties: { id: string; grantId?: string; grantStatus?: string } }[] } };
    }>(`{ mapLayers(city: "${CITY}", year: ${YEAR}) { parcels } }`, admin);
    const clicked = parcels.mapLayers.parcels.features.find((f) => f.properties.id === parcel)?.properties;
    await untilContains(panel.getByTestId('map-parcel-grant'), clicked?.grantId ?? '无标准地出让');

    // A parcel of a 标准地 grant: its panel shows the layer's grant id and phase (firm points off, so it is on top).
    const granted = parcels.mapLayers.parcels.features.filter((f) => f.properties.grantStatus !== undefined);
    expect(granted.length).toBe(GRANTS_2018.length);
    await page.getByRole('checkbox', { name: '企业点位(评价分类)' }).uncheck();
    await untilCount(page, '[data-layer="firms"] circle', 0);
    const first = granted[0]?.properties;
    await page.locator(`[data-layer="parcels"] [data-parcel="${first?.id}"]`).click();
    const grantCell = panel.locator(`[data-testid="map-parcel-grant"][data-grant-status="${first?.grantStatus}"]`);
    await untilContains(grantCell, first?.grantId ?? '?');
    await page.getByRole('checkbox', { name: '企业点位(评价分类)' }).check();
    await untilCount(page, '[data-layer="firms"] circle', 3027);
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
    // The class counts are the API's byClass of the same run, and add up to the firms covered.
    expect(api.run).toBe(published);
    await stats.locator(`[data-testid="drawn-classes"][data-run="${published}"]`).waitFor();
    const byClass = await panelByClass(page);
    expect(byClass).toEqual(api.byClass);
    expect(Object.values(byClass).reduce((n, k) => n + k, 0)).toBe(api.firmCount);
  });

  it('the run picker shows another run the reader may read: the admin’s draft', async () => {
    await page.getByTestId('map-run-picker').locator(`option[value="${draft}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('map-run-picker').selectOption(draft);
    await page.locator(`[data-testid="map-run"][data-run="${draft}"]`).waitFor();
    await untilContains(page.getByTestId('map-run'), '草稿');
    await page.locator('[data-layer="firms"] circle').first().waitFor({ state: 'attached' });
    expect(await drawnClasses(page)).toEqual((await layerClasses(admin, draft)).classes);
    // Back to the default: the newest published run.
    await page.getByTestId('map-run-picker').selectOption('');
    await page.locator(`[data-testid="map-run"][data-run="${published}"]`).waitFor();
  });

  it('a viewer sees the layers without any confidential figure', async () => {
    await page.getByTestId('sign-out').click();
    await untilContains(page.getByTestId('role'), '查看者');
    await untilCount(page, '[data-layer="towns"] path', 11);
    await page.locator('[data-layer="firms"] circle').first().waitFor({ state: 'attached' });
    // Published classes are public: a viewer's points are coloured by its own layer's classes, the published run's.
    await page.locator(`[data-testid="map-run"][data-run="${published}"]`).waitFor();
    await page.locator('[data-layer="firms"] circle[data-class="A"]').first().waitFor({ state: 'attached' });
    const viewerLayer = await layerClasses(undefined);
    expect(viewerLayer.run).toBe(published);
    expect(await drawnClasses(page)).toEqual(viewerLayer.classes);
    // The draft is not offered to a viewer.
    expect(await page.getByTestId('map-run-picker').locator(`option[value="${draft}"]`).count()).toBe(0);
    // The A/B share (still chosen) is the viewer's towns layer's counts: towns it may not see stay grey.
    await untilContains(page.getByTestId('map-legend'), 'A/B类企业占比(%)');
    const viewerTowns = await app.query<{
      mapLayers: { towns: { features: { properties: { name: string; classes?: ClassCounts } }[] } };
    }>(`{ mapLayers(city: "${CITY}", year: ${YEAR}) { towns } }`);
    const viewerShares = await townShading(page);
    for (const f of viewerTowns.mapLayers.towns.features) {
      expect(viewerShares.find((t) => t.town === f.properties.name)?.value).toBe(abShare(f.properties.classes) ?? '');
    }
    await page.getByTestId('map-indicator').selectOption('taxPerMu');
    await untilContains(page.getByTestId('map-legend'), '亩均税收(万元/亩)');

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
    const cls = viewerLayer.classes[uscc];
    await untilContains(panel.getByTestId('map-firm-class'), cls === 'none' || !cls ? '无分类' : `${cls}类`);

    const polygon = await drawMiddle(page);
    const stats = page.getByTestId('drawn-statistics');
    await stats.getByTestId('drawn-hidden').waitFor();
    const asViewer = (await app.query<DrawnApi>(drawnQuery(polygon))).drawnAreaStatistics;
    expect(asViewer.tax).toBeNull();
    // Class counts are public: the viewer's panel shows the API's byClass for it.
    expect(await panelByClass(page)).toEqual(asViewer.byClass);
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
