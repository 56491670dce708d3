import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANTS_2018 } from '../../tongxiang-2018/src/grants-2018';
import {
  DIST,
  launchChromium,
  type RunningDashboard,
  startDashboard,
  untilAtLeast,
  untilContains,
  untilCount,
  untilText,
} from './harness';

// One gateway (PGlite seeded with examples/tongxiang-2018) and one browser for
// the whole file: the boot costs seconds, the views share it.
let app: RunningDashboard;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

const SCHEME = 'tongxiang-2018-example';
/** The day and ISO week the 预警 test reads (the example's targets are behind 序时 then). */
const WARNING_AS_OF = '2018-06-30';
const WARNING_WEEK = 26;
const TREND = '[role="img"][aria-label="第1–52周名次走势"]';
const TREND_LINES = `${TREND} path[fill="none"][stroke-width="1.5"], ${TREND} path[fill="none"][stroke-width="4"]`;

beforeAll(async () => {
  app = await startDashboard();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  // Every wait is on the page (see the harness's until*): no action or wait gives up on a clock of its own.
  context.setDefaultTimeout(0);
  // Anything not for 127.0.0.1 is recorded and refused (offline intranets: no CDN, no fonts from the network).
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

function bundleSize(): { files: number; bytes: number; gzip: number } {
  const dir = join(DIST, 'assets');
  let bytes = 0;
  let gzip = 0;
  const names = readdirSync(dir);
  for (const name of names) {
    bytes += statSync(join(dir, name)).size;
    gzip += gzipSync(readFileSync(join(dir, name))).length;
  }
  return { files: names.length, bytes, gzip };
}

// The test's timeout is the only clock: generous, so a machine under load makes the suite slow, not red.
describe('dashboard (看板) in Chromium over the seeded gateway', { timeout: 240_000 }, () => {
  let admin = '';
  it('全市总览 shows the seven 2018 figures exactly, with their units', async () => {
    await page.goto(`${app.url}#overview`);
    await page.locator('[data-figure]').first().waitFor();
    const firstRender = await page.evaluate(
      () => performance.getEntriesByName('mujun:overview-rendered')[0]?.startTime ?? Number.NaN,
    );
    const size = bundleSize();
    console.log(
      `dashboard bundle: ${size.files} files, ${(size.bytes / 1024).toFixed(1)} KiB (${(size.gzip / 1024).toFixed(1)} KiB gzip); ` +
        `first overview render ${firstRender.toFixed(0)} ms after navigation (seeded PGlite, machine load varies)`,
    );
    const cards = await page
      .locator('[data-figure]')
      .evaluateAll((els) =>
        els.map((el) => [
          el.querySelector('.card-label')?.textContent ?? '',
          el.querySelector('.card-value')?.textContent ?? '',
        ]),
      );
    expect(cards).toEqual([
      ['整治低散乱企业(作坊)', '4692家'],
      ['淘汰落后产能', '20项'],
      ['僵尸企业处置', '11家'],
      ['腾退签约', '4574亩'],
      ['国土复垦立项', '2562亩'],
      ['新建小微企业园', '47万平方米'],
      ['小微企业入园', '585家'],
    ]);
  });

  it('全市总览 shows each target against 序时进度 as of the chosen date', async () => {
    await page.getByTestId('as-of').fill('2018-06-30');
    const signed = page.locator('[data-target="2018-signed"]');
    await untilContains(signed, '序时进度 49.59%');
    const api = await app.query<{ targets: { id: string; progress: { actual: string; statusLabel: string } }[] }>(
      `{ targets(city: "330483", year: 2018) { id progress(asOf: "2018-06-30") { actual(places: 2) statusLabel } } }`,
    );
    const expected = api.targets.find((t) => t.id === '2018-signed')?.progress;
    expect(expected).toBeDefined();
    const text = (await signed.textContent()) ?? '';
    expect(text).toContain(`完成数 ${expected?.actual.replace(/\.?0+$/, '')}亩`);
    expect(text).toContain(expected?.statusLabel ?? '?');
    // The marker sits at the schedule rate: 49.59% of the bar.
    const marker = await signed.getByTestId('schedule-marker').first().getAttribute('style');
    expect(marker).toContain('left: 49.59%');
  });

  it('镇街排名: week 52 has 石门 in the top three, and a trend line per town', async () => {
    await page.goto(`${app.url}#ranking`);
    const week = page.getByTestId('week');
    await week.selectOption('30');
    await untilText(page.locator('.toolbar .muted'), '2018-07-23 至 2018-07-29');
    await week.selectOption('52');
    await untilText(page.locator('.toolbar .muted'), '2018-12-24 至 2018-12-30');
    const rows = await page
      .locator('[data-testid="ranking-table"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-town')));
    expect(rows).toHaveLength(11);
    expect(rows.slice(0, 3)).toContain('石门');
    // Eleven towns, eleven lines: ECharts draws each line series as one unfilled SVG path of its width.
    await untilCount(page, TREND_LINES, 11);
  });

  it('预警: the overview, the ranking and the printable 督办清单 show the levels the API computes', async () => {
    const asOf = WARNING_AS_OF;
    const api = await app.query<{
      targetWarnings: {
        towns: { town: { name: string }; level: string | null; levelLabel: string | null }[];
        supervision: { target: { id: string }; level: string; pointsBehind: string }[];
      };
      targets: { id: string; progress: { warning: string; warningLabel: string } }[];
      townRanking: { rows: { town: { name: string }; warning: string | null }[] };
    }>(
      `{ targetWarnings(city: "330483", year: 2018, asOf: "${asOf}") {
           towns { town { name } level levelLabel } supervision { target { id } level pointsBehind(places: 2) } }
         targets(city: "330483", year: 2018) { id progress(asOf: "${asOf}") { warning warningLabel } }
         townRanking(city: "330483", year: 2018, week: ${WARNING_WEEK}) { rows { town { name } warning } } }`,
    );
    // The example's data on this day: 濮院 and 洲泉 more than 30 points behind on 复垦立项 (red), seven yellow.
    expect(
      api.targetWarnings.supervision.map((w) => `${w.level} ${w.target.id} ${w.pointsBehind}`).slice(0, 3),
    ).toEqual(['RED 2018-approved-PY 32.48', 'RED 2018-approved-ZQ 32.09', 'YELLOW 2018-zombies 29.59']);
    expect(api.targetWarnings.supervision).toHaveLength(9);

    // 全市总览: each target's badge, each town's chip.
    await page.goto(`${app.url}#overview`);
    await page.getByTestId('as-of').fill(asOf);
    for (const t of api.targets) {
      await untilText(
        page.locator(`[data-target="${t.id}"] .target-head [data-testid="warning"]`),
        t.progress.warningLabel,
      );
    }
    const chips = page.getByTestId('town-warnings');
    for (const t of api.targetWarnings.towns) {
      await untilText(chips.locator(`[data-town="${t.town.name}"]`), `${t.town.name} ${t.levelLabel ?? '—'}`);
    }

    // 镇街排名: a 预警 column per town.
    await page.goto(`${app.url}#ranking`);
    await page.getByTestId('week').selectOption(String(WARNING_WEEK));
    await untilContains(page.locator('.toolbar .muted'), ' 至 ');
    for (const r of api.townRanking.rows) {
      const cell = page.locator(
        `[data-testid="ranking-table"] tr[data-town="${r.town.name}"] [data-testid="rank-warning"]`,
      );
      if (r.warning) await cell.and(page.locator(`[data-level="${r.warning}"]`)).waitFor({ state: 'attached' });
      else expect(await cell.count()).toBe(0);
    }

    // 督办清单: the API's list, in its order, with the points behind; printable without the tabs.
    await page.goto(`${app.url}#supervision`);
    await page.getByTestId('supervision-as-of').fill(asOf);
    await untilContains(page.locator('#supervision-heading'), `截至${asOf}`);
    const rowsSelector = '[data-testid="supervision-targets"] tbody tr';
    await untilCount(page, rowsSelector, api.targetWarnings.supervision.length);
    const rows = await page.locator(rowsSelector).evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-target'),
        level: tr.getAttribute('data-level'),
        points: tr.querySelector('[data-testid="points-behind"]')?.textContent,
      })),
    );
    expect(rows).toEqual(
      api.targetWarnings.supervision.map((w) => ({ id: w.target.id, level: w.level, points: w.pointsBehind })),
    );
    expect(await page.getByTestId('supervision-rule').textContent()).toContain(
      '落后序时进度10–30个百分点（含）为黄色预警',
    );
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="supervision-targets"]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it("评价批次: a published run shows its status, 公示期, class counts and a town's objection", async () => {
    // The seed holds no runs: a city admin starts and publishes one, a 石门 operator objects.
    const admin = await app.mint('cityAdmin:330483');
    const operator = await app.mint('townOperator:石门');
    const started = await app.query<{ startEvaluationRun: { __typename: string; run?: { id: string } } }>(
      `mutation { startEvaluationRun(input: { city: "330483", schemeId: "${SCHEME}", year: 2018 }) { __typename ... on EvaluationRunSuccess { run { id } } ... on DomainError { message } } }`,
      admin,
    );
    const runId = started.startEvaluationRun.run?.id;
    expect(started.startEvaluationRun.__typename).toBe('EvaluationRunSuccess');
    // The window is in 北京时间 calendar days, starts today (not in the past) and lasts at least 5 days.
    const day = (offset: number) =>
      new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const [from, to] = [day(0), day(6)];
    const published = await app.query<{ publishEvaluationRun: { __typename: string } }>(
      `mutation { publishEvaluationRun(input: { runId: "${runId}", noticeFrom: "${from}", noticeTo: "${to}" }) { __typename ... on DomainError { message } } }`,
      admin,
    );
    expect(published.publishEvaluationRun.__typename).toBe('EvaluationRunSuccess');
    const firms = await app.query<{
      evaluationRun: {
        summary: { total: { A: number; D: number; total: number } };
        results: { edges: { node: { uscc: string; name: string } }[] };
      };
    }>(
      `{ evaluationRun(id: "${runId}") { summary { total { A D total } } results(town: "石门", first: 1) { edges { node { uscc name } } } } }`,
      operator,
    );
    const firm = firms.evaluationRun.results.edges[0]?.node;
    expect(firm?.uscc).toMatch(/^[0-9A-Z]{18}$/);
    const filed = await app.query<{ fileObjection: { __typename: string } }>(
      `mutation { fileObjection(input: { runId: "${runId}", uscc: "${firm?.uscc}", category: DATA_ERROR, reason: "亩产税收口径有误" }) { __typename ... on DomainError { message } } }`,
      operator,
    );
    expect(filed.fileObjection.__typename).toBe('ObjectionSuccess');

    // The 石门 operator sees the run and its own town's objection.
    await page.goto(`${app.url}#runs`);
    await page.getByTestId('token').fill(operator);
    await page.getByRole('button', { name: '切换身份' }).click();
    await untilText(page.getByTestId('role'), '身份：镇街操作员 · 石门');
    const run = page.locator(`[data-run="${runId}"]`);
    await untilText(run.getByTestId('run-status'), '公示中');
    expect(await run.getByTestId('run-notice').textContent()).toBe(`${from} 至 ${to}`);
    expect(await run.locator('[data-testid="run-classes"] [data-class="A"]').textContent()).toBe(
      String(firms.evaluationRun.summary.total.A),
    );
    const objection = run.locator('[data-testid="objection-table"] tbody tr');
    expect(await untilAtLeast(objection, 1)).toBe(1);
    expect(await objection.getAttribute('data-town')).toBe('石门');
    await untilContains(objection, firm?.name ?? '?');
    const text = (await objection.textContent()) ?? '';
    expect(text).toContain('数据有误');
    expect(text).toContain(day(0)); // filed today, as a 北京时间 day
    expect(text).toContain(firm?.uscc ?? '?');
    expect(await objection.getByTestId('objection-status').textContent()).toBe('待复核');

    // A viewer sees the run's status but no objection (the gateway hides them).
    await page.getByRole('button', { name: '退出' }).click();
    await untilText(page.getByTestId('role'), '身份：查看者');
    await run.getByText('无可查看的异议').waitFor({ state: 'attached' });
    expect(await run.getByTestId('run-status').textContent()).toBe('公示中');
    expect(await run.locator('[data-testid="objection-table"]').count()).toBe(0);
  });

  it('亩均评价: a viewer is shown the published run, with the weights and fixed benchmarks of every cohort', async () => {
    // The live evaluation is the city admin's alone (run-policy.ts): a viewer reads the year's published run.
    await page.goto(`${app.url}#evaluation`);
    await untilText(page.getByTestId('role'), '身份：查看者');
    const runs = await app.query<{ evaluationRuns: { id: string; status: string }[] }>(
      '{ evaluationRuns(city: "330483", year: 2018) { id status } }',
    );
    const run = runs.evaluationRuns.find((r) => r.status === 'PUBLIC_NOTICE');
    await untilText(page.getByTestId('evaluation-source'), `已发布评价批次 ${run?.id}（公示中），不随数据修改而变化`);
    const counts = await app.query<{ evaluationRun: { summary: { total: { A: number; D: number; T: number } } } }>(
      `{ evaluationRun(id: "${run?.id}") { summary { total { A D T } } } }`,
    );
    const totals = await page.getByTestId('class-totals').textContent();
    expect(totals).toContain(`A类(优先支持) ${counts.evaluationRun.summary.total.A}家`);
    expect(totals).toContain(`D类(淘汰整治) ${counts.evaluationRun.summary.total.D}家`);
    const api = await app.query<{
      evaluationScheme: {
        cohorts: { key: string; indicators: { indicator: string; weight: string; benchmark: string | null }[] }[];
      };
    }>(
      `{ evaluationScheme(schemeId: "${SCHEME}", year: 2018) { cohorts { key indicators { indicator weight benchmark } } } }`,
    );
    const rows = page.locator('[data-testid="cohort-table"] tbody tr');
    const count = await untilAtLeast(rows, 1);
    expect(count).toBeGreaterThan(0);
    for (const key of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-cohort') ?? ''))) {
      const cohort = api.evaluationScheme.cohorts.find((c) => c.key === key);
      expect(cohort?.indicators.length).toBeGreaterThan(0);
      for (const ind of cohort?.indicators ?? []) {
        const item = page.locator(`[data-cohort="${key}"] [data-indicator="${ind.indicator}"]`);
        await untilContains(item, ind.weight.replace(/\.?0+$/, ''));
        if (ind.benchmark)
          expect(await item.textContent()).toContain(ind.benchmark.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''));
      }
    }
  });

  it('亩均评价: clicking a town in the class chart filters the 整治提升 list', async () => {
    // Firms' figures (the 整治提升 list, a firm's scores) are shown to the city's staff only (run-policy.ts).
    admin = await app.mint('cityAdmin:330483');
    await page.goto(`${app.url}#evaluation`);
    await page.getByTestId('token').fill(admin);
    await page.getByRole('button', { name: '切换身份' }).click();
    await untilContains(page.getByTestId('role'), '市级管理员');
    // The city admin keeps the live evaluation, and the view says so.
    await untilContains(page.getByTestId('evaluation-source'), '实时评价');
    const chart = page.getByRole('img', { name: '各镇街分类企业数（点击镇街筛选）' });
    await chart.locator('text', { hasText: /^石门$/ }).click();
    await untilText(page.getByTestId('town-filter'), '已筛选：石门');
    const api = await app.query<{ evaluation: { summary: { belowThreshold: { town: { name: string } }[] } } }>(
      `{ evaluation(schemeId: "${SCHEME}", year: 2018, city: "330483") { summary { belowThreshold { town { name } } } } }`,
      admin,
    );
    const shimen = api.evaluation.summary.belowThreshold.filter((e) => e.town.name === '石门').length;
    expect(shimen).toBeGreaterThan(15); // more than one page
    await untilText(page.getByTestId('page-info'), `第1/${Math.ceil(shimen / 15)}页，共${shimen}家`);
    const towns = () =>
      page
        .locator('[data-testid="below-table"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-town')));
    expect(new Set(await towns())).toEqual(new Set(['石门']));
    await page.getByTestId('next-page').click();
    await untilContains(page.getByTestId('page-info'), '第2/');
    expect(new Set(await towns())).toEqual(new Set(['石门']));
    await page.getByTestId('all-towns').click();
    const all = api.evaluation.summary.belowThreshold.length;
    await untilText(page.getByTestId('page-info'), `第1/${Math.ceil(all / 15)}页，共${all}家`);
  });

  it("亩均评价: an enterprise's panel shows the same total, class and indicators as the API", async () => {
    const row = page.locator('[data-testid="below-table"] tbody tr').nth(2);
    const uscc = (await row.getAttribute('data-uscc')) ?? '';
    expect(uscc).toMatch(/^[0-9A-Z]{18}$/);
    await row.getByRole('button').click();
    const panel = page.getByTestId('enterprise-panel');
    await panel.locator(`[data-uscc="${uscc}"]`).waitFor();
    const api = await app.query<{
      evaluation: {
        results: {
          edges: {
            node: { totalReported: string | null; classLabel: string | null; indicators: { label: string }[] };
          }[];
        };
      };
    }>(
      `{ evaluation(schemeId: "${SCHEME}", year: 2018, city: "330483") { results(uscc: "${uscc}", first: 1) { edges { node { totalReported classLabel indicators { label } } } } } }`,
      admin,
    );
    const result = api.evaluation.results.edges[0]?.node;
    expect(result?.totalReported).toMatch(/^\d+\.\d{2}$/);
    await untilText(panel.getByTestId('panel-total'), result?.totalReported ?? '?');
    await untilText(panel.getByTestId('panel-class'), result?.classLabel ?? '—');
    expect(await panel.locator('table.indicators tbody tr').count()).toBe(result?.indicators.length);
  });

  it('a pasted town-operator token highlights its own town', async () => {
    const token = await app.mint('townOperator:石门');
    await page.goto(`${app.url}#ranking`);
    await page.getByTestId('token').fill(token);
    await page.getByRole('button', { name: '切换身份' }).click();
    await untilText(page.getByTestId('role'), '身份：镇街操作员 · 石门');
    await untilCount(page, '[data-testid="ranking-table"] tr.own[data-town="石门"]', 1);
    expect(await page.locator('[data-testid="ranking-table"] tr.own').count()).toBe(1);
    // Its line in the trend is the one drawn bold.
    await untilCount(page, `${TREND} path[fill="none"][stroke-width="4"]`, 1);
    await page.goto(`${app.url}#overview`);
    await untilContains(page.getByTestId('own-town-target'), '本镇街 石门');
    const stats = await app.query<{
      campaignStatistics: { byTown: { town: { name: string }; lowScatteredRemediated: number }[] };
    }>('{ campaignStatistics(city: "330483", year: 2018) { byTown { town { name } lowScatteredRemediated } } }');
    const shimen = stats.campaignStatistics.byTown.find((t) => t.town.name === '石门');
    expect(await page.locator('[data-figure="own-lowScattered"] .card-value').textContent()).toBe(
      `${shimen?.lowScatteredRemediated}家`,
    );
    // The evaluation is the published run (the live one is refused to it), and starts on its own firms.
    await page.goto(`${app.url}#evaluation`);
    await untilContains(page.getByTestId('evaluation-source'), '已发布评价批次');
    await untilText(page.getByTestId('town-filter'), '已筛选：石门');
    const rows = page.locator('[data-testid="below-table"] tbody tr[data-uscc]');
    const own = page.locator('[data-testid="below-table"] tbody tr.own');
    const shown = await untilAtLeast(own, 1);
    expect(await rows.count()).toBe(shown);
    expect(new Set(await own.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-town'))))).toEqual(
      new Set(['石门']),
    );
    // Its own firm's figures in the run are shown in the panel, the same as the API's.
    const runs = await app.query<{ evaluationRuns: { id: string; status: string }[] }>(
      '{ evaluationRuns(city: "330483", year: 2018) { id status } }',
      token,
    );
    const runId = runs.evaluationRuns.find((r) => r.status === 'PUBLIC_NOTICE')?.id;
    const api = await app.query<{
      evaluationRun: {
        results: { edges: { node: { uscc: string; totalReported: string | null; classLabel: string | null } }[] };
      };
    }>(
      `{ evaluationRun(id: "${runId}") { results(town: "石门", first: 15, orderBy: RANK) { edges { node { uscc totalReported classLabel } } } } }`,
      token,
    );
    const first = api.evaluationRun.results.edges[0]?.node;
    expect(await rows.first().getAttribute('data-uscc')).toBe(first?.uscc);
    await rows.first().getByRole('button').click();
    const panel = page.getByTestId('enterprise-panel');
    await panel.locator(`[data-uscc="${first?.uscc}"]`).waitFor();
    expect(first?.totalReported).toMatch(/^\d+\.\d{2}$/);
    await untilText(panel.getByTestId('panel-total'), first?.totalReported ?? '?');
    await untilText(panel.getByTestId('panel-class'), first?.classLabel ?? '—');
    expect(await panel.getByTestId('panel-hidden').count()).toBe(0);
    await page.getByRole('button', { name: '退出' }).click();
    await untilText(page.getByTestId('role'), '身份：查看者');
  });

  it('公示名单: a viewer sees every firm of the published run with its class, and no figure', async () => {
    await page.goto(`${app.url}#notice`);
    await untilText(page.getByTestId('role'), '身份：查看者');
    const runs = await app.query<{ evaluationRuns: { id: string; status: string }[] }>(
      '{ evaluationRuns(city: "330483", year: 2018) { id status } }',
    );
    const run = runs.evaluationRuns.find((r) => r.status === 'PUBLIC_NOTICE');
    expect(run).toBeDefined();
    const api = await app.query<{
      evaluationRun: {
        results: { totalCount: number; edges: { node: { uscc: string; name: string; classLabel: string | null } }[] };
      };
    }>(
      `{ evaluationRun(id: "${run?.id}") { results(first: 100) { totalCount edges { node { uscc name classLabel } } } } }`,
    );
    const total = api.evaluationRun.results.totalCount;
    expect(total).toBeGreaterThan(0);
    // Every firm, across the gateway's pages of 100.
    await untilCount(page, '[data-testid="notice-table"] tbody tr', total);
    const rows = await page.locator('[data-testid="notice-table"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        uscc: tr.getAttribute('data-uscc'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent),
      })),
    );
    expect(rows.slice(0, api.evaluationRun.results.edges.length).map((r) => [r.uscc, r.cells[1], r.cells[5]])).toEqual(
      api.evaluationRun.results.edges.map((e) => [e.node.uscc, e.node.name, e.node.classLabel ?? '—']),
    );
    // Names, USCC, towns, cohorts and classes: no figure, score or rank column.
    expect(await page.locator('[data-testid="notice-table"] thead th').allTextContents()).toEqual([
      '序号',
      '企业名称',
      '统一社会信用代码',
      '所在镇(街道)',
      '评价对象组',
      '评价类别',
    ]);
    await untilContains(page.getByTestId('notice-window'), '公示中 · 公示期 ');
  });

  it('标准地: grants by phase and verdict for the city admin; a viewer sees the grants, not the verdicts', async () => {
    const admin = await app.mint('cityAdmin:330483');
    const saved = await app.query<{ saveLandGrants: { __typename: string; message?: string } }>(
      `mutation { saveLandGrants(input: { city: "330483", grants: ${JSON.stringify(JSON.stringify(GRANTS_2018))} }) { __typename ... on DomainError { message } } }`,
      admin,
    );
    expect(saved.saveLandGrants.__typename, saved.saveLandGrants.message).toBe('SaveLandGrantsSuccess');
    await page.goto(`${app.url}#grants`);
    await page.getByTestId('token').fill(admin);
    await page.getByRole('button', { name: '切换身份' }).click();
    const cell = (verdict: string) =>
      page.locator(`[data-testid="grant-matrix"] [data-phase="IN_PRODUCTION"] [data-verdict="${verdict}"]`);
    // No 2021 figures in the seed: G01 and G02 lack data, G03's investment falls short at 竣工验收, G04 is not due.
    await untilText(cell('INCOMPLETE'), '2');
    expect(await cell('SHORTFALL').textContent()).toBe('1');
    expect(await cell('NOT_DUE').textContent()).toBe('1');
    expect(await cell('hidden').textContent()).toBe('0');
    await page.getByRole('button', { name: '退出' }).click();
    await untilText(cell('hidden'), '4');
    expect(await page.locator('[data-testid="grant-list"] tbody tr').count()).toBe(4);
  });

  it('logged no console error and sent no request beyond 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
