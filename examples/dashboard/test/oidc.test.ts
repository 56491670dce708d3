import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withDashboard } from '@mujun/graphql';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OIDC_CLIENT_ID as CLIENT_ID,
  DIST,
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
 * 统一身份认证 end to end: a real OpenID Connect provider (`oidc-provider`) on
 * 127.0.0.1 (harness `startIdentityProvider`), the dashboard registered with
 * it as a public client (PKCE), the gateway verifying its ID tokens with the
 * provider's JWKS read from a file (as production does: MUJUN_JWKS_FILE) and
 * reading the provider's own claim names (MUJUN_JWT_*_CLAIM). Chromium signs
 * in through the provider's login and consent pages as 石门's operator and
 * signs out again.
 */

const SCHEME = 'tongxiang-2018-example';

let idp: IdentityProvider;
let app: RunningDashboard;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let issuer: string;
let jwksFile: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  idp = await startIdentityProvider();
  issuer = idp.issuer;
  jwksFile = idp.jwksFile;
  app = await startDashboard({ identityProvider: idp });

  browser = await launchChromium();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(0);
  // Only 127.0.0.1 (the gateway and the provider): the provider's pages' web font is refused.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('ERR_BLOCKED_BY_CLIENT')) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await idp?.stop();
});

describe('sign-in with the OpenID Connect provider', { timeout: 240_000 }, () => {
  it('the JWKS file the gateway reads is the one the provider publishes', async () => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
      code_challenge_methods_supported: string[];
    };
    expect(discovery.code_challenge_methods_supported).toContain('S256');
    const published = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Record<string, string>[] };
    const onDisk = JSON.parse(readFileSync(jwksFile, 'utf8')) as { keys: Record<string, string>[] };
    expect(published.keys.map((k) => [k.kid, k.n, k.e])).toEqual(onDisk.keys.map((k) => [k.kid, k.n, k.e]));
    expect(app.lines).toContain(`dashboard sign-in: OpenID Connect ${issuer} as ${CLIENT_ID}; development tokens`);
    // The dashboard's settings come from the gateway, whose pages may connect to the provider and nowhere else.
    const config = await fetch(new URL('config.json', app.url));
    expect(await config.json()).toEqual({
      oidc: { issuer, clientId: CLIENT_ID, scope: 'openid mujun' },
      devTokens: true,
    });
    const index = await fetch(app.url);
    expect(index.headers.get('content-security-policy')).toContain(`connect-src 'self' ${issuer};`);
  });

  it('a production configuration offers sign-in and no development-token box', async () => {
    // The dashboard as the bin serves it in production mode (devTokens false).
    const server = createServer(
      withDashboard((_req, res) => res.writeHead(404).end(), DIST, {
        oidc: { issuer, clientId: CLIENT_ID },
        devTokens: false,
      }),
    );
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const other = await context.newPage();
      await other.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard/`);
      await other.getByTestId('sign-in').waitFor({ state: 'attached' });
      expect(await other.getByTestId('token').count()).toBe(0);
      await other.close();
    } finally {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        // A socket Chromium opened ahead (preconnect) and never sent a request on would hold
        // close() until Node's requestTimeout (300 s): the page is gone, so drop every socket.
        server.closeAllConnections();
      });
    }
  });

  it("a town operator signs in through the provider's pages, sees its objections, and signs out", async () => {
    // A published run with an objection of 石门 (set up from Node with development tokens).
    const admin = await app.mint('cityAdmin:330483');
    const operator = await app.mint('townOperator:石门');
    const started = await app.query<{ startEvaluationRun: { run?: { id: string } } }>(
      `mutation { startEvaluationRun(input: { city: "330483", schemeId: "${SCHEME}", year: 2018 }) { ... on EvaluationRunSuccess { run { id } } ... on DomainError { message } } }`,
      admin,
    );
    const runId = started.startEvaluationRun.run?.id;
    expect(runId).toBeDefined();
    const day = (offset: number) =>
      new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const published = await app.query<{ publishEvaluationRun: { __typename: string } }>(
      `mutation { publishEvaluationRun(input: { runId: "${runId}", noticeFrom: "${day(0)}", noticeTo: "${day(6)}" }) { __typename } }`,
      admin,
    );
    expect(published.publishEvaluationRun.__typename).toBe('EvaluationRunSuccess');
    const firms = await app.query<{ evaluationRun: { results: { edges: { node: { uscc: string } }[] } } }>(
      `{ evaluationRun(id: "${runId}") { results(town: "石门", first: 1) { edges { node { uscc } } } } }`,
      operator,
    );
    const uscc = firms.evaluationRun.results.edges[0]?.node.uscc;
    const filed = await app.query<{ fileObjection: { __typename: string } }>(
      `mutation { fileObjection(input: { runId: "${runId}", uscc: "${uscc}", category: DATA_ERROR, reason: "亩产税收口径有误" }) { __typename } }`,
      operator,
    );
    expect(filed.fileObjection.__typename).toBe('ObjectionSuccess');

    // A viewer first: the objections need a town operator's or the city admin's role.
    await page.goto(`${app.url}#runs`);
    await untilText(page.getByTestId('role'), '身份：查看者');
    const run = page.locator(`[data-run="${runId}"]`);
    await run.getByText('无可查看的异议').waitFor({ state: 'attached' });

    // Sign in at the provider: its login page, then its consent page, then back to the dashboard.
    await signInWithProvider(page, 'shimen-operator', '身份：镇街操作员 · 石门');
    // Back on the view it left, with the code and state gone from the address.
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe('#runs');
    // The token is in memory only.
    const stored = await page.evaluate(() => [
      ...Object.keys(localStorage).map((k) => localStorage.getItem(k)),
      ...Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)),
    ]);
    expect(stored.filter((v) => v?.includes('eyJ'))).toEqual([]);

    // The role's query: 石门's objection, which a viewer cannot read.
    const objection = run.locator('[data-testid="objection-table"] tbody tr');
    expect(await untilAtLeast(objection, 1)).toBe(1);
    expect(await objection.getAttribute('data-town')).toBe('石门');
    await untilContains(objection, uscc ?? '?');
    // Its own town highlighted in the ranking.
    await page.goto(`${app.url}#ranking`);
    await untilText(page.getByTestId('role'), '身份：镇街操作员 · 石门');
    await page.locator('[data-testid="ranking-table"] tr.own[data-town="石门"]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-testid="ranking-table"] tr.own').count()).toBe(1);

    // Sign out: the provider's end-session page asks, then sends the browser back as a viewer.
    await signOutWithProvider(page);
    // The provider's session ended too: signing in again asks for the login.
    await page.getByTestId('sign-in').click();
    await page.locator('input[name="login"]').waitFor({ state: 'attached' });
    expect(consoleErrors).toEqual([]);
  });

  it("a return from the provider without this tab's pending request is refused, and the code dropped", async () => {
    // A fresh tab: no sign-in was started from it.
    const tab = await context.newPage();
    await tab.goto(`${app.url}?code=forged&state=forged&iss=${encodeURIComponent(issuer)}`);
    await untilContains(tab.getByRole('alert'), '登录失败：登录请求已失效，请重新登录');
    expect(new URL(tab.url()).search).toBe('');
    await untilText(tab.getByTestId('role'), '身份：查看者');
    await tab.close();
  });
});
