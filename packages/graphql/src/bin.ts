import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findTown, TONGXIANG_2018 } from '@mujun/core';
import { openStore } from '@mujun/store';
import type { JSONWebKeySet } from 'jose';
import {
  type AuthOptions,
  type ClaimMapping,
  createVerifier,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  mintDevToken,
  type Role,
} from './auth';
import { DASHBOARD_PATH, type DashboardOidc, withDashboard } from './dashboard';
import { createGateway, DEFAULT_MAX_BODY_BYTES } from './gateway';
import { gatewayMessages } from './messages';
import { type SeedFunction, seedTongxiang2018 } from './seed';

const USAGE = `mujun-gateway — mujun's GraphQL gateway

Usage:
  mujun-gateway                         serve on PORT (default 4000)
  mujun-gateway --production            serve in production mode (as NODE_ENV=production)
  mujun-gateway --dashboard DIR         also serve the static dashboard build in DIR under /dashboard/
  mujun-gateway --subgraph              serve mujun's federation subgraph (@key entities, _entities, _service)
                                        for a federation gateway to compose (as MUJUN_SUBGRAPH=true)
  mujun-gateway --mint-token ROLE[:AT]  print a development token and exit
                                        viewer | townOperator:石门 | townOperator:330483108000 | cityAdmin:330483

Environment (docs/deployment.md):
  PORT                       port to listen on (default 4000)
  HOST                       address to listen on (default: all)
  MUJUN_DATA_DIR             PGlite data folder (default .mujun/ in the repository)
  DATABASE_URL               postgres://... to use a PostgreSQL server instead of PGlite
  NODE_ENV=production        production mode: a token key is required; introspection, GraphiQL, suggestions off
  MUJUN_JWT_SECRET           HS256 secret for bearer tokens, 32+ bytes (development: a secret kept in the data folder)
  MUJUN_JWT_PUBLIC_KEY_FILE  PEM public key (SPKI) of an identity provider, for RS256 or ES256 tokens
  MUJUN_JWKS_FILE            JWKS document (JSON) of an identity provider, read from disk
  MUJUN_JWT_ISSUER           required iss claim (default mujun; empty: not checked)
  MUJUN_JWT_AUDIENCE         required aud claim (default mujun-gateway; empty: not checked)
  MUJUN_JWT_ROLE_CLAIM       claim carrying the role (default role)
  MUJUN_JWT_TOWN_CLAIM       claim carrying a town operator's 12-digit town code (default town)
  MUJUN_JWT_CITY_CLAIM       claim carrying a city admin's 6-digit city code (default city)
  MUJUN_OIDC_ISSUER          the dashboard signs in with this OpenID Connect provider (with --dashboard)
  MUJUN_OIDC_CLIENT_ID       the dashboard's client id at that provider (public client, PKCE)
  MUJUN_OIDC_REDIRECT_URI    where the provider sends the browser back (default: the dashboard's URL)
  MUJUN_OIDC_SCOPE           scopes the dashboard asks for (default openid)
  MUJUN_TOKEN_MAX_LIFETIME   longest token lifetime in seconds (default 43200 = 12 h); exp is required
  MUJUN_ANONYMOUS            viewer (default) or none: what a request without a token may do
  MUJUN_CORS_ORIGINS         comma-separated origins allowed by CORS (default none: same origin only)
  MUJUN_INTROSPECTION        true / false (default: true, false in production); also governs the subgraph's _service
  MUJUN_CSRF_PREVENTION      true / false: require JSON or x-graphql-yoga-csrf (default false: bearer tokens only, no cookies)
  MUJUN_SUBGRAPH             true / false: serve the federation subgraph instead of mujun's own schema (default false)
  MUJUN_GRAPHIQL             true / false (default: true, false in production)
  MUJUN_SUGGESTIONS          true / false: "Did you mean" in errors (default: true, false in production)
  MUJUN_MAX_BODY_BYTES       largest request body in bytes (default 1048576)
  MUJUN_INTAKE_MAX_*         导入限额 of uploads: FILE_BYTES, DECOMPRESSED_BYTES, SHEETS, ROWS, COLUMNS,
                             CELLS, SHARED_STRINGS, HEADER_WIDTH (docs/import.md)
  MUJUN_EVENT_DATE_MARGIN_DAYS  days after today a campaign event may be dated (default 1)
`;

const SAMPLE_QUERY = `{ region(city: "330483") { name towns { name kindLabel } } }`;

/** The repository folder (holding pnpm-workspace.yaml) above `from`, if any. */
function findRepoRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** `MUJUN_JWT_SECRET`, else (outside production) a development secret made once and kept in the data folder. */
function tokenSecret(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  production: boolean,
): { secret: string; source: string } | undefined {
  if (env.MUJUN_JWT_SECRET) return { secret: env.MUJUN_JWT_SECRET, source: 'MUJUN_JWT_SECRET' };
  if (production) return undefined;
  const file = join(dataDir, 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return { secret: readFileSync(file, 'utf8').trim(), source: `${file} (development only)` };
}

/** A true/false environment switch, or undefined when unset. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new Error(`${name} must be true or false, not ${JSON.stringify(v)}`);
}

/** A positive whole number from the environment, or `fallback`. */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) <= 0) throw new Error(`${name} must be a positive whole number, not ${v}`);
  return Number(v);
}

/** Issuer and audience the bin sets on minted tokens and requires on every token (empty to skip a check). */
function claimsOf(env: NodeJS.ProcessEnv): { issuer?: string; audience?: string } {
  const issuer = env.MUJUN_JWT_ISSUER ?? DEFAULT_ISSUER;
  const audience = env.MUJUN_JWT_AUDIENCE ?? DEFAULT_AUDIENCE;
  return { ...(issuer === '' ? {} : { issuer }), ...(audience === '' ? {} : { audience }) };
}

/** Which claims carry role, town and city (MUJUN_JWT_*_CLAIM; unset or empty: the defaults). */
function claimMappingOf(env: NodeJS.ProcessEnv): ClaimMapping {
  const role = env.MUJUN_JWT_ROLE_CLAIM || undefined;
  const town = env.MUJUN_JWT_TOWN_CLAIM || undefined;
  const city = env.MUJUN_JWT_CITY_CLAIM || undefined;
  return { ...(role ? { role } : {}), ...(town ? { town } : {}), ...(city ? { city } : {}) };
}

/** The dashboard's OpenID Connect settings (MUJUN_OIDC_*), or none without an issuer. */
function oidcOf(env: NodeJS.ProcessEnv): { oidc?: DashboardOidc } {
  const issuer = env.MUJUN_OIDC_ISSUER || undefined;
  if (!issuer) return {};
  const clientId = env.MUJUN_OIDC_CLIENT_ID;
  if (!clientId) throw new Error(gatewayMessages.oidcClientMissing);
  try {
    new URL(issuer);
  } catch {
    throw new Error(gatewayMessages.oidcIssuer(issuer));
  }
  const redirectUri = env.MUJUN_OIDC_REDIRECT_URI || undefined;
  const scope = env.MUJUN_OIDC_SCOPE || undefined;
  return { oidc: { issuer, clientId, ...(redirectUri ? { redirectUri } : {}), ...(scope ? { scope } : {}) } };
}

/** Default `iss` of minted tokens, required by the bin unless MUJUN_JWT_ISSUER says otherwise. */
export const DEFAULT_ISSUER = 'mujun';
/** Default `aud` of minted tokens, required by the bin unless MUJUN_JWT_AUDIENCE says otherwise. */
export const DEFAULT_AUDIENCE = 'mujun-gateway';

/*
 * The token command must find the secret of the gateway the developer
 * started, also when that gateway was started with MUJUN_DATA_DIR and the
 * token command without it: a started gateway leaves the path of its data
 * folder in the repository's .mujun/ folder, and the token command reads it
 * when MUJUN_DATA_DIR is not given.
 */
const POINTER = 'last-data-dir';

function rememberDataDir(stateDir: string, dataDir: string): void {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(join(stateDir, POINTER), dataDir);
}

function tokenDataDir(stateDir: string, env: NodeJS.ProcessEnv): string {
  if (env.MUJUN_DATA_DIR) return resolve(env.MUJUN_DATA_DIR);
  const pointer = join(stateDir, POINTER);
  if (existsSync(pointer)) {
    const dir = readFileSync(pointer, 'utf8').trim();
    if (dir !== '' && existsSync(dir)) return dir;
  }
  return stateDir;
}

export interface RunOptions {
  readonly argv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly seed?: SeedFunction;
  readonly print?: (line: string) => void;
  /** The default data folder, where a started gateway also notes its data folder for the token command (default: `.mujun/` in the repository). */
  readonly stateDir?: string;
  /** The clock of evaluation-run transitions (公示期 checks), for tests that walk a run past its window; default the system clock. */
  readonly now?: () => Date;
}

/** The `mujun-gateway` command. Returns a function that stops the server (or undefined when it only printed). */
export async function runGateway(options: RunOptions = {}): Promise<(() => Promise<void>) | undefined> {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => console.log(line));
  if (argv.includes('--help') || argv.includes('-h')) {
    print(USAGE);
    return undefined;
  }
  const repoRoot = findRepoRoot(process.cwd()) ?? process.cwd();
  const stateDir = resolve(options.stateDir ?? join(repoRoot, '.mujun'));
  const databaseUrl = env.DATABASE_URL || undefined;
  const production = argv.includes('--production') || env.NODE_ENV === 'production';
  const claims = claimsOf(env);

  const mintAt = argv.indexOf('--mint-token');
  if (mintAt >= 0) {
    const tokenDir = tokenDataDir(stateDir, env);
    const key = tokenSecret(tokenDir, env, production);
    if (!key) throw new Error('production mode: mint tokens with MUJUN_JWT_SECRET set, or from your identity provider');
    // Never opens the store: a running gateway may hold the PGlite folder.
    const [role = '', at] = (argv[mintAt + 1] ?? '').split(':');
    let town: string | undefined;
    if (role === 'townOperator') {
      if (!at) throw new Error('townOperator needs a town: townOperator:石门 or townOperator:330483108000');
      town = /^\d{12}$/.test(at) ? at : findTown(TONGXIANG_2018, at)?.code;
      if (!town) throw new Error(`${at} is not a town of 桐乡市: give its 12-digit code`);
    }
    const token = await mintDevToken({
      role: role as Role,
      ...(town ? { town } : {}),
      ...(role === 'cityAdmin' ? { city: at ?? '330483' } : {}),
      secret: key.secret,
      claims: claimMappingOf(env),
      ...claims,
    });
    print(token);
    return undefined;
  }

  const dataDir = resolve(env.MUJUN_DATA_DIR ?? stateDir);
  const key = tokenSecret(dataDir, env, production);
  const publicKeyFile = env.MUJUN_JWT_PUBLIC_KEY_FILE || undefined;
  const jwksFile = env.MUJUN_JWKS_FILE || undefined;
  const auth: AuthOptions = {
    ...(key ? { secret: key.secret } : {}),
    ...(publicKeyFile ? { publicKey: readFileSync(publicKeyFile, 'utf8') } : {}),
    ...(jwksFile ? { jwks: JSON.parse(readFileSync(jwksFile, 'utf8')) as JSONWebKeySet } : {}),
    anonymousRole: env.MUJUN_ANONYMOUS === 'none' ? 'none' : 'viewer',
    maxLifetimeSeconds: positive(env, 'MUJUN_TOKEN_MAX_LIFETIME', DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
    claims: claimMappingOf(env),
    ...claims,
  };
  // Refuse to start (before opening the store) when the keys cannot verify tokens.
  const verifier = await createVerifier(auth, {});
  if (production && !verifier) throw new Error(gatewayMessages.productionNeedsKey);
  const corsOrigins = (env.MUJUN_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  const introspection = flag(env, 'MUJUN_INTROSPECTION');
  const graphiql = flag(env, 'MUJUN_GRAPHIQL');
  const suggestions = flag(env, 'MUJUN_SUGGESTIONS');
  const csrfPrevention = flag(env, 'MUJUN_CSRF_PREVENTION') === true;
  const subgraph = argv.includes('--subgraph') || flag(env, 'MUJUN_SUBGRAPH') === true;
  const maxBodyBytes = positive(env, 'MUJUN_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES);
  const margin = env.MUJUN_EVENT_DATE_MARGIN_DAYS;
  if (margin !== undefined && margin !== '' && !/^\d+$/.test(margin)) {
    throw new Error(`MUJUN_EVENT_DATE_MARGIN_DAYS must be a whole number of days, not ${margin}`);
  }
  // Checked before the store opens: a missing build fails fast and leaves nothing open.
  const dashboardAt = argv.indexOf('--dashboard');
  const dashboardArg = dashboardAt >= 0 ? argv[dashboardAt + 1] : undefined;
  if (dashboardAt >= 0 && !dashboardArg) throw new Error(gatewayMessages.dashboardArgument);
  const dashboardDir = dashboardArg ? resolve(dashboardArg) : undefined;
  if (dashboardDir && !existsSync(join(dashboardDir, 'index.html'))) {
    throw new Error(gatewayMessages.dashboardMissing(dashboardDir));
  }

  if (!databaseUrl) mkdirSync(dataDir, { recursive: true });
  const store = await openStore({
    ...(databaseUrl ? { databaseUrl } : { dataDir: join(dataDir, 'pglite') }),
  });

  for (const line of await (options.seed ?? seedTongxiang2018)(store.repository, { repoRoot })) print(`mujun: ${line}`);

  const yoga = createGateway({
    repository: store.repository,
    auth,
    production,
    corsOrigins,
    maxBodyBytes,
    ...(margin === undefined || margin === '' ? {} : { eventDateMarginDays: Number(margin) }),
    ...(introspection === undefined ? {} : { introspection }),
    ...(graphiql === undefined ? {} : { graphiql }),
    ...(suggestions === undefined ? {} : { suggestions }),
    subgraph,
    csrfPrevention,
    // An embedded PGlite folder belongs to this one process: nothing else writes it.
    singleWriter: !databaseUrl,
    ...(options.now ? { now: options.now } : {}),
  });
  if (!databaseUrl && !production) rememberDataDir(stateDir, dataDir);
  const dashboardConfig = { ...oidcOf(env), devTokens: !production };
  const server = createServer(dashboardDir ? withDashboard(yoga, dashboardDir, dashboardConfig) : yoga);
  const port = Number(env.PORT ?? 4000);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    if (env.HOST) server.listen(port, env.HOST, ok);
    else server.listen(port, ok);
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}${yoga.graphqlEndpoint}`;
  const on = (v: boolean) => (v ? 'on' : 'off');
  const graphiqlOn = graphiql ?? !production;
  print(`mujun gateway on ${url}${graphiqlOn ? ' (GraphiQL in a browser)' : ''}`);
  print(
    `mode: ${production ? 'production' : 'development'}${subgraph ? ', federation subgraph (_service follows introspection)' : ''}; introspection ${on(introspection ?? !production)}, GraphiQL ${on(graphiqlOn)}, suggestions ${on(suggestions ?? !production)}; CORS ${corsOrigins.length > 0 ? corsOrigins.join(', ') : 'off (same origin only)'}; anonymous requests: ${auth.anonymousRole === 'none' ? 'refused' : 'viewer'}; body limit ${maxBodyBytes} bytes`,
  );
  if (dashboardDir) {
    print(`dashboard on ${new URL(`${DASHBOARD_PATH}/`, url)}`);
    const { oidc } = dashboardConfig;
    print(
      `dashboard sign-in: ${oidc ? `OpenID Connect ${oidc.issuer} as ${oidc.clientId}` : 'none'}${production ? '' : '; development tokens'}`,
    );
  }
  print(`store: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${join(dataDir, 'pglite')}`}`);
  const keys = [
    ...(key ? [`HS256 secret from ${key.source}`] : []),
    ...(publicKeyFile ? [`public key ${publicKeyFile}`] : []),
    ...(jwksFile ? [`JWKS ${jwksFile}`] : []),
  ];
  print(
    `tokens: ${keys.join('; ')} (${verifier?.algorithms.join(', ')}); iss ${claims.issuer ?? 'not checked'}, aud ${claims.audience ?? 'not checked'}; at most ${auth.maxLifetimeSeconds} s`,
  );
  print('try:');
  print(`  curl -s ${url} -H 'content-type: application/json' -d '${JSON.stringify({ query: SAMPLE_QUERY })}'`);
  if (!production) {
    print('a write token for 石门: pnpm dev-token townOperator:石门 (send it as Authorization: Bearer <token>)');
  }

  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((ok) => server.close(() => ok())).then(() => store.close());
    return closing;
  };
}

/** Runs the command as a process: stops on SIGINT/SIGTERM, exits 1 with the message on an error. */
export function main(): void {
  runGateway().then(
    (stop) => {
      if (!stop) return;
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          void stop().then(() => process.exit(0));
        });
      }
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}

// Run only when this very file is the program (not when the package index re-exports
// runGateway for `mujun serve`, nor when the committed shim calls main()): a CommonJS
// build has no import.meta.url and never runs.
const isMain =
  typeof import.meta.url === 'string' &&
  process.argv[1] !== undefined &&
  existsSync(process.argv[1]) &&
  import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) main();
