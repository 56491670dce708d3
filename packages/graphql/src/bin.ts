import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findTown, TONGXIANG_2018 } from '@mujun/core';
import { openStore } from '@mujun/store';
import { mintDevToken, type Role } from './auth';
import { createGateway } from './gateway';
import { type SeedFunction, seedTongxiang2018 } from './seed';

const USAGE = `mujun-gateway — mujun's GraphQL gateway

Usage:
  mujun-gateway                         serve on PORT (default 4000)
  mujun-gateway --mint-token ROLE[:AT]  print a development token and exit
                                        viewer | townOperator:石门 | townOperator:330483108000 | cityAdmin:330483

Environment:
  PORT              port to listen on (default 4000)
  MUJUN_DATA_DIR    PGlite data folder (default .mujun/ in the repository)
  DATABASE_URL      postgres://... to use a PostgreSQL server instead of PGlite
  MUJUN_JWT_SECRET  HS256 secret for bearer tokens (default: a development secret kept in the data folder)
  MUJUN_ANONYMOUS   viewer (default) or none: what a request without a token may do
  MUJUN_INTROSPECTION  false to refuse introspection
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

/** `MUJUN_JWT_SECRET`, else a development secret made once and kept in the data folder. */
function devSecret(dataDir: string, env: NodeJS.ProcessEnv): { secret: string; source: string } {
  if (env.MUJUN_JWT_SECRET) return { secret: env.MUJUN_JWT_SECRET, source: 'MUJUN_JWT_SECRET' };
  const file = join(dataDir, 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return { secret: readFileSync(file, 'utf8').trim(), source: `${file} (development only)` };
}

export interface RunOptions {
  readonly argv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly seed?: SeedFunction;
  readonly print?: (line: string) => void;
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
  const dataDir = resolve(env.MUJUN_DATA_DIR ?? join(repoRoot, '.mujun'));
  const databaseUrl = env.DATABASE_URL || undefined;
  const { secret, source } = devSecret(dataDir, env);

  const mintAt = argv.indexOf('--mint-token');
  if (mintAt >= 0) {
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
      secret,
    });
    print(token);
    return undefined;
  }

  if (!databaseUrl) mkdirSync(dataDir, { recursive: true });
  const store = await openStore({
    ...(databaseUrl ? { databaseUrl } : { dataDir: join(dataDir, 'pglite') }),
  });

  for (const line of await (options.seed ?? seedTongxiang2018)(store.repository, { repoRoot })) print(`mujun: ${line}`);

  const yoga = createGateway({
    repository: store.repository,
    auth: { secret, anonymousRole: env.MUJUN_ANONYMOUS === 'none' ? 'none' : 'viewer' },
    introspection: env.MUJUN_INTROSPECTION !== 'false',
    // An embedded PGlite folder belongs to this one process: nothing else writes it.
    singleWriter: !databaseUrl,
  });
  const server = createServer(yoga);
  const port = Number(env.PORT ?? 4000);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, ok);
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}${yoga.graphqlEndpoint}`;
  print(`mujun gateway on ${url} (GraphiQL in a browser)`);
  print(`store: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${join(dataDir, 'pglite')}`}`);
  print(`token secret: ${source}`);
  print('try:');
  print(`  curl -s ${url} -H 'content-type: application/json' -d '${JSON.stringify({ query: SAMPLE_QUERY })}'`);
  print('a write token for 石门: pnpm token townOperator:石门 (send it as Authorization: Bearer <token>)');

  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((ok) => server.close(() => ok())).then(() => store.close());
    return closing;
  };
}

// Run only when this very file is the program (not when the package index re-exports
// runGateway for `mujun serve`): a CommonJS build has no import.meta.url and never runs.
const isMain =
  typeof import.meta.url === 'string' &&
  process.argv[1] !== undefined &&
  existsSync(process.argv[1]) &&
  import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
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
