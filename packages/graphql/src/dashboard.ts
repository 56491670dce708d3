import { existsSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { gatewayMessages } from './messages';

/** Where a built dashboard (a static single-page app) is served beside the gateway. */
export const DASHBOARD_PATH = '/dashboard';

/**
 * The dashboard's pages may load only from this origin: government intranets
 * are offline, and a CDN reference must fail loudly in development rather
 * than silently in a county office. ECharts sets inline styles, hence
 * `'unsafe-inline'` for styles only.
 */
const csp = (connect: readonly string[]) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ['connect-src', "'self'", ...connect].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The city's OpenID Connect provider, as the dashboard signs in with it (authorisation code + PKCE). */
export interface DashboardOidc {
  /** The provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  readonly issuer: string;
  /** The dashboard's client id at the provider (a public client: no secret, PKCE S256). */
  readonly clientId: string;
  /** Where the provider sends the browser back; default: the dashboard's own `/dashboard/` URL. */
  readonly redirectUri?: string;
  /** Scopes asked for (default `openid`); add the scope that releases the role, town and city claims. */
  readonly scope?: string;
}

/** What the dashboard reads from `/dashboard/config.json` when it starts. */
export interface DashboardConfig {
  /** Sign-in through the city's identity provider, if configured. */
  readonly oidc?: DashboardOidc;
  /** Whether the development-token box is shown (never in production). */
  readonly devTokens: boolean;
}

/** The dashboard's run-time configuration, served by the gateway (one place for a deployment's settings). */
export const DASHBOARD_CONFIG_PATH = `${DASHBOARD_PATH}/config.json`;

/**
 * Serves the static build in `dir` under `/dashboard/` (same origin as the
 * gateway, so the dashboard needs no CORS) and hands every other request to
 * `next` (the yoga instance). Unknown paths below `/dashboard/` get the app's
 * `index.html` (client-side views); hashed assets are cached for a year.
 * @throws Error when `dir` holds no `index.html` (the dashboard was not built)
 */
export function withDashboard(
  next: RequestListener,
  dir: string,
  config: DashboardConfig = { devTokens: true },
): RequestListener {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(gatewayMessages.dashboardMissing(dir));
  // The browser fetches the provider's discovery document and token endpoint itself.
  const CSP = csp(config.oidc ? [new URL(config.oidc.issuer).origin] : []);
  const configBody = JSON.stringify(config);
  const assets = sirv(dir, {
    single: true,
    etag: true,
    setHeaders: (res, pathname) => {
      res.setHeader('content-security-policy', CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url === DASHBOARD_PATH || url.startsWith(`${DASHBOARD_PATH}?`)) {
      res.writeHead(308, { location: `${DASHBOARD_PATH}/${url.slice(DASHBOARD_PATH.length)}` }).end();
      return;
    }
    if (!url.startsWith(`${DASHBOARD_PATH}/`) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next(req, res);
      return;
    }
    if (url === DASHBOARD_CONFIG_PATH) {
      res
        .writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
        })
        .end(req.method === 'HEAD' ? undefined : configBody);
      return;
    }
    // sirv resolves paths against `dir`; it sees the URL without the prefix.
    req.url = url.slice(DASHBOARD_PATH.length);
    assets(req, res, () => {
      req.url = url;
      next(req, res);
    });
  };
}
