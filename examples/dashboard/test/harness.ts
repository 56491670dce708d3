import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGateway } from '@mujun/graphql';
import Provider from 'oidc-provider';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** The production build `pnpm --filter @mujun/example-dashboard build` writes (and `pnpm test` builds first). */
export const DIST = fileURLToPath(new URL('../dist', import.meta.url));

/**
 * Starts and publishes (公示, from today for 6 北京时间 days) an evaluation run
 * of `year` as the city admin `admin`: the seed holds no runs, and the map
 * shows the classes of the newest published one. Returns the run's id.
 */
export async function publishRun(
  app: RunningDashboard,
  admin: string,
  options: { readonly city?: string; readonly schemeId?: string; readonly year?: number } = {},
): Promise<string> {
  const { city = '330483', schemeId = 'tongxiang-2018-example', year = 2018 } = options;
  const started = await app.query<{
    startEvaluationRun: { __typename: string; run?: { id: string }; message?: string };
  }>(
    `mutation { startEvaluationRun(input: { city: "${city}", schemeId: "${schemeId}", year: ${year} }) { __typename ... on EvaluationRunSuccess { run { id } } ... on DomainError { message } } }`,
    admin,
  );
  const runId = started.startEvaluationRun.run?.id;
  if (!runId)
    throw new Error(
      `startEvaluationRun: ${started.startEvaluationRun.message ?? started.startEvaluationRun.__typename}`,
    );
  const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  const published = await app.query<{ publishEvaluationRun: { __typename: string; message?: string } }>(
    `mutation { publishEvaluationRun(input: { runId: "${runId}", noticeFrom: "${day(0)}", noticeTo: "${day(6)}" }) { __typename ... on DomainError { message } } }`,
    admin,
  );
  if (published.publishEvaluationRun.__typename !== 'EvaluationRunSuccess') {
    throw new Error(
      `publishEvaluationRun: ${published.publishEvaluationRun.message ?? published.publishEvaluationRun.__typename}`,
    );
  }
  return runId;
}

/** Debian's Chromium, never a browser a test tool downloads (see .ci/run). */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export interface RunningDashboard {
  /** http://127.0.0.1:PORT/dashboard/ */
  readonly url: string;
  /** http://127.0.0.1:PORT/graphql */
  readonly graphql: string;
  /** Lines the gateway printed on start. */
  readonly lines: readonly string[];
  /** A development token the gateway accepts, e.g. `townOperator:石门`. */
  mint(role: string): Promise<string>;
  /** Runs a query against the gateway from Node (the reference the browser is compared with). */
  query<T = unknown>(query: string, token?: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts the `mujun-gateway` bin as `pnpm dashboard` does — embedded PGlite
 * seeded with examples/tongxiang-2018, the build served under /dashboard/ —
 * on a fresh data folder and an ephemeral port. `extraEnv` is added to its
 * environment (e.g. MUJUN_JWKS_FILE and MUJUN_OIDC_* for the sign-in test);
 * `now` is the gateway's clock of run transitions (a test walks a run past its
 * 公示 window with it).
 */
export async function startDashboard(
  options: {
    readonly extraEnv?: Record<string, string>;
    readonly now?: () => Date;
    /** Sign-in through this provider (`startIdentityProvider`): its settings join the environment. */
    readonly identityProvider?: IdentityProvider;
  } = {},
): Promise<RunningDashboard> {
  const extraEnv = { ...options.identityProvider?.gatewayEnv, ...options.extraEnv };
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`no dashboard build in ${DIST}: run pnpm --filter @mujun/example-dashboard build`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'mujun-dashboard-'));
  const env = { ...extraEnv, MUJUN_DATA_DIR: dataDir, PORT: '0' };
  const lines: string[] = [];
  let stopGateway: (() => Promise<void>) | undefined;
  try {
    stopGateway = await runGateway({
      argv: ['--dashboard', DIST],
      env,
      print: (l) => lines.push(l),
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const printed = lines.find((l) => l.startsWith('dashboard on '))?.slice('dashboard on '.length);
  if (!printed) throw new Error(`the gateway printed no dashboard URL:\n${lines.join('\n')}`);
  // The browser must talk to 127.0.0.1 only: the test asserts no request leaves it.
  const url = printed.replace('//localhost:', '//127.0.0.1:');
  const graphql = new URL('../graphql', url).href;
  options.identityProvider?.serve(url);
  return {
    url,
    graphql,
    lines,
    async mint(role) {
      const out: string[] = [];
      await runGateway({ argv: ['--mint-token', role], env, print: (l) => out.push(l) });
      const token = out[0];
      if (!token) throw new Error(`no token minted for ${role}`);
      return token;
    },
    async query<T>(query: string, token?: string) {
      const res = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length || body.data === undefined) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    async stop() {
      await stopGateway?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The dashboard's client id at the test's identity provider (the ID token's audience). */
export const OIDC_CLIENT_ID = 'mujun-dashboard';

/**
 * The provider's users by login, with their claims under the provider's own
 * names (`mujun_role`, `mujun_city`, `mujun_town`), which the gateway is told
 * to read (MUJUN_JWT_*_CLAIM). Its login page takes any password
 * (oidc-provider's development interactions).
 */
export const OIDC_ACCOUNTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'city-admin': { mujun_role: 'cityAdmin', mujun_city: '330483' },
  'shimen-operator': { mujun_role: 'townOperator', mujun_town: '330483108000' },
};

/** A local OpenID Connect provider (统一身份认证) as the tests run it. */
export interface IdentityProvider {
  /** http://127.0.0.1:PORT */
  readonly issuer: string;
  /** The provider's public keys as a JWKS file: what the gateway reads (MUJUN_JWKS_FILE), as in production. */
  readonly jwksFile: string;
  /** The gateway's settings for this provider: token verification and the dashboard's sign-in. */
  readonly gatewayEnv: Readonly<Record<string, string>>;
  /** Registers the dashboard at `dashboardUrl` (redirect and CORS origin) and starts answering. */
  serve(dashboardUrl: string): void;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID Connect provider (`oidc-provider`) on 127.0.0.1 with
 * `OIDC_ACCOUNTS`: the dashboard is a public client (authorisation code with
 * PKCE required), ID tokens carry the accounts' claims and are signed with an
 * RSA key whose public half is written as the JWKS file. It listens at once
 * (its issuer URL, with the port, goes into the gateway's settings) and
 * answers 503 until `serve` names the dashboard.
 */
export async function startIdentityProvider(): Promise<IdentityProvider> {
  let handler: RequestListener = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'idp-2026';
  const signing = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const keyDir = mkdtempSync(join(tmpdir(), 'mujun-oidc-'));
  const jwksFile = join(keyDir, 'idp-jwks.json');
  writeFileSync(
    jwksFile,
    JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] }),
  );
  return {
    issuer,
    jwksFile,
    gatewayEnv: {
      MUJUN_JWKS_FILE: jwksFile,
      MUJUN_JWT_ISSUER: issuer,
      MUJUN_JWT_AUDIENCE: OIDC_CLIENT_ID,
      MUJUN_JWT_ROLE_CLAIM: 'mujun_role',
      MUJUN_JWT_TOWN_CLAIM: 'mujun_town',
      MUJUN_JWT_CITY_CLAIM: 'mujun_city',
      MUJUN_OIDC_ISSUER: issuer,
      MUJUN_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
      MUJUN_OIDC_SCOPE: 'openid mujun',
    },
    serve(dashboardUrl) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: OIDC_CLIENT_ID,
            token_endpoint_auth_method: 'none',
            redirect_uris: [dashboardUrl],
            post_logout_redirect_uris: [dashboardUrl],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        jwks: { keys: [signing] },
        scopes: ['openid', 'mujun'],
        claims: { openid: ['sub'], mujun: ['mujun_role', 'mujun_town', 'mujun_city'] },
        // The gateway reads the role from the ID token: put the scope's claims in it.
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        // The dashboard exchanges the code from the browser: CORS for its origin at the token endpoint.
        clientBasedCORS: (_ctx, origin) => origin === new URL(dashboardUrl).origin,
        ttl: { Session: 3600, Grant: 3600, Interaction: 600, AccessToken: 600, IdToken: 3600 },
        cookies: { keys: [randomBytes(32).toString('hex')] },
        findAccount: (_ctx, id) => {
          const claims = OIDC_ACCOUNTS[id];
          return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
        },
      });
      handler = provider.callback();
    },
    async stop() {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        // A socket Chromium opened ahead (preconnect) and never sent a request on would hold
        // close() until Node's requestTimeout (300 s): the page is gone, so drop every socket.
        server.closeAllConnections();
      });
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in at the provider's pages from the dashboard's sign-in button: its
 * login page, then its consent page when it asks (a first sign-in of the
 * account), back on the dashboard once the role line reads `expectedRole`.
 */
export async function signInWithProvider(page: Page, login: string, expectedRole: string): Promise<void> {
  await page.getByTestId('sign-in').click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  // Either the consent page or the dashboard comes next: wait for whichever appears.
  await consent.or(page.getByTestId('role')).first().waitFor({ state: 'attached', timeout: 0 });
  if (await consent.count()) await consent.click();
  await untilContains(page.getByTestId('role'), expectedRole);
}

/** Signs out of the dashboard and the provider (its end-session page asks), back as a viewer. */
export async function signOutWithProvider(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await untilText(page.getByTestId('role'), '身份：查看者');
}

/** Debian's Chromium with the project's flags (`extra`, e.g. `--lang=zh-CN` for screenshots). */
export function launchChromium(extra: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extra] });
}

/*
 * Waits on conditions of the page, never on a clock: each resolves when the
 * page shows what is asked (Playwright re-checks on every DOM change), with
 * no timeout of its own — only the test's timeout bounds a wait, so a busy
 * machine makes a test slower, never red. The browser context is created
 * with `setDefaultTimeout(0)` for the same reason (clicks wait for their
 * element as long as it takes).
 */

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Until the first element of `locator` has exactly this text (whitespace-normalised). */
export async function untilText(locator: Locator, text: string): Promise<void> {
  await locator
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) })
    .first()
    .waitFor({ state: 'attached', timeout: 0 });
}

/** Until some element of `locator` contains this text. */
export async function untilContains(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'attached', timeout: 0 });
}

/** Until `locator` matches at least `count` elements; returns how many it matches then. */
export async function untilAtLeast(locator: Locator, count: number): Promise<number> {
  await locator.nth(count - 1).waitFor({ state: 'attached', timeout: 0 });
  return locator.count();
}

/** Until `selector` matches exactly `count` elements (0 included): a page condition evaluated in the browser. */
export async function untilCount(page: Page, selector: string, count: number): Promise<void> {
  await page.waitForFunction(([s, n]) => document.querySelectorAll(s as string).length === n, [selector, count], {
    timeout: 0,
  });
}
