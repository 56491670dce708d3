import * as oauth from 'oauth4webapi';
import { UI } from './labels';

/**
 * 统一身份认证: sign-in with the city's OpenID Connect provider —
 * authorisation code with PKCE (S256), a public client (no secret), through
 * `oauth4webapi`. The ID token is the bearer token sent to the gateway (its
 * `aud` is the client id, which the gateway requires as MUJUN_JWT_AUDIENCE).
 * Tokens live in memory only; only the pending request's PKCE verifier, state
 * and nonce are kept in this tab's sessionStorage across the provider's pages.
 */

/** `/dashboard/config.json`, served by the gateway from its MUJUN_OIDC_* settings. */
export interface DashboardConfig {
  readonly oidc?: {
    readonly issuer: string;
    readonly clientId: string;
    readonly redirectUri?: string;
    readonly scope?: string;
  };
  /** Whether the development-token box is shown. */
  readonly devTokens: boolean;
}

/** Where the pending sign-in is kept while the browser is at the provider. */
const PENDING_KEY = 'mujun.dashboard.oidc.pending';

interface Pending {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  /** The view (#ranking) to return to. */
  readonly hash: string;
}

/** The configuration the gateway serves beside the dashboard (development defaults when it serves none). */
export async function loadConfig(): Promise<DashboardConfig> {
  const response = await fetch(new URL('config.json', new URL(import.meta.env.BASE_URL, window.location.href)));
  // A gateway serving no config (e.g. Vite's development server): development defaults.
  if (!response.ok || !response.headers.get('content-type')?.startsWith('application/json')) return { devTokens: true };
  return (await response.json()) as DashboardConfig;
}

type Oidc = NonNullable<DashboardConfig['oidc']>;

/** http is allowed for a provider on this machine only (development and the tests); elsewhere https. */
function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
}

function redirectUri(oidc: Oidc): string {
  return oidc.redirectUri ?? new URL(import.meta.env.BASE_URL, window.location.href).href;
}

async function discover(oidc: Oidc) {
  const issuer = new URL(oidc.issuer);
  const options = { algorithm: 'oidc' as const, [oauth.allowInsecureRequests]: insecureAllowed(issuer) };
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options));
  return { as, client: { client_id: oidc.clientId } satisfies oauth.Client, options };
}

/** Sends the browser to the provider's sign-in page. */
export async function beginSignIn(oidc: Oidc): Promise<void> {
  const { as } = await discover(oidc);
  if (!as.authorization_endpoint) throw new Error(UI.noAuthorizationEndpoint);
  const verifier = oauth.generateRandomCodeVerifier();
  const pending: Pending = {
    verifier,
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    hash: window.location.hash,
  };
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('redirect_uri', redirectUri(oidc));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', oidc.scope ?? 'openid');
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(url.href);
}

/** The signed-in user's tokens (in memory only). */
export interface SignedIn {
  /** Sent to the gateway as the bearer token. */
  readonly idToken: string;
}

/**
 * Completes a sign-in when the provider has sent the browser back
 * (`?code=…&state=…`): exchanges the code with the PKCE verifier and
 * validates the ID token (issuer, audience, nonce, signature by TLS-fetched
 * discovery). Returns undefined when the page is no such return.
 * @throws Error when the provider answered with an error or the answer is not valid
 */
export async function completeSignIn(oidc: Oidc): Promise<SignedIn | undefined> {
  const current = new URL(window.location.href);
  if (!current.searchParams.has('state')) return undefined;
  const saved = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  // The code is single-use: drop it from the address whatever happens next.
  window.history.replaceState(null, '', `${current.pathname}${saved ? (JSON.parse(saved) as Pending).hash : ''}`);
  // replaceState fires no hashchange: tell the views the address now names the view sign-in left from.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  if (!saved) throw new Error(UI.signInExpired);
  const pending = JSON.parse(saved) as Pending;
  const { as, client, options } = await discover(oidc);
  const params = oauth.validateAuthResponse(as, client, current, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(oidc),
    pending.verifier,
    options,
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  if (!result.id_token) throw new Error(UI.noIdToken);
  return { idToken: result.id_token };
}

/**
 * Ends the provider's session too, when it offers RP-initiated logout: the
 * browser goes to its end-session page and comes back to the dashboard.
 * Returns false when the provider has no such endpoint.
 */
export async function endProviderSession(oidc: Oidc, idToken: string): Promise<boolean> {
  const { as } = await discover(oidc);
  if (!as.end_session_endpoint) return false;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', redirectUri(oidc));
  window.location.assign(url.href);
  return true;
}
