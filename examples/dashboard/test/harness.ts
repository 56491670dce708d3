import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGateway } from '@mujun/graphql';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** The production build `pnpm --filter @mujun/example-dashboard build` writes (and `pnpm test` builds first). */
export const DIST = fileURLToPath(new URL('../dist', import.meta.url));

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
  options: { readonly extraEnv?: Record<string, string>; readonly now?: () => Date } = {},
): Promise<RunningDashboard> {
  const extraEnv = options.extraEnv ?? {};
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
