import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway } from '@mujun/graphql';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleGateway } from './contract-fixtures';

/*
 * GraphiQL on an offline intranet: Debian's Chromium opens the gateway's
 * GraphiQL page; every request the page makes must go to the gateway itself
 * (127.0.0.1) or stay inside the page (data:, blob:), and the sample query
 * it opens with must run and show the 2018 campaign figures.
 */
const CHROMIUM = '/usr/bin/chromium';
const PORT = 4310;

describe.skipIf(!existsSync(CHROMIUM))('GraphiQL, offline', () => {
  let server: Server;
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    const { repository } = await articleGateway();
    const yoga = createGateway({ repository, logging: false });
    server = createServer(yoga);
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(PORT, '127.0.0.1', ok);
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  });

  it('loads with no request leaving 127.0.0.1 and runs the sample query', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const elsewhere: string[] = [];
    const local = (url: string) => url.startsWith(`${base}/`) || /^(data|blob):/.test(url);
    // Anything not local is recorded and refused, as an offline intranet would.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (local(url)) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    page.on('request', (r) => {
      if (!local(r.url())) elsewhere.push(r.url());
    });
    const res = await page.goto(`${base}/graphql`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    await run.click();
    const response = page.locator('.graphiql-response');
    await expect
      .poll(async () => ((await response.textContent()) ?? '').replace(/\s+/g, ''), { timeout: 30_000 })
      .toContain('"lowScatteredRemediated":4692');
    const text = ((await response.textContent()) ?? '').replace(/\s+/g, '');
    expect(text).toContain('"backwardCapacityItems":20');
    expect(text).toContain('"enterprisesEnteredParks":585');
    expect(text).toContain('"vacatingSigned":{"mu":"4574"}');
    expect(elsewhere).toEqual([]);
    await context.close();
  }, 90_000);
});
