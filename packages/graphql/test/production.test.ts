import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryRepository } from '@mujun/core';
import { createGateway, mintDevToken } from '@mujun/graphql';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { runGateway } from '../src/bin';
import { bearer, gql, memoryGateway, SECRET, SHIMEN } from './fixtures';

const ME = '{ me { role } }';
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

describe('CORS', () => {
  const preflight = (origin: string) => ({
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

  it('is off by default: no origin is answered, credentials never allowed', async () => {
    const { yoga } = await memoryGateway();
    for (const res of [
      await yoga.fetch('http://localhost/graphql', preflight('https://evil.example')),
      await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify({ query: ME }),
      }),
    ]) {
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('answers only the allowlisted origins, never reflecting another', async () => {
    const { yoga } = await memoryGateway({ corsOrigins: ['https://dash.tx.gov.cn', 'http://127.0.0.1:4380'] });
    const ok = await yoga.fetch('http://localhost/graphql', preflight('https://dash.tx.gov.cn'));
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://dash.tx.gov.cn');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('vary')).toContain('Origin');
    const evil = await yoga.fetch('http://localhost/graphql', preflight('https://evil.example'));
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    expect(evil.headers.get('vary')).toContain('Origin');
  });

  it('refuses * and things that are not origins', () => {
    const repository = new MemoryRepository();
    expect(() => createGateway({ repository, corsOrigins: ['*'] })).toThrow(/"\*" is never allowed/);
    expect(() => createGateway({ repository, corsOrigins: ['dash.tx.gov.cn/path'] })).toThrow(/is not an origin/);
  });
});

describe('production mode', () => {
  it('refuses to start without a token key', () => {
    const repository = new MemoryRepository();
    expect(() => createGateway({ repository, production: true, logging: false })).toThrow(
      /production mode needs a token key/,
    );
    expect(() => createGateway({ repository, production: true, auth: { secret: SECRET } })).not.toThrow();
  });

  it('turns introspection, GraphiQL and suggestions off unless enabled', async () => {
    const { yoga } = await memoryGateway({ production: true });
    const intro = await gql(yoga, '{ __schema { queryType { name } } }');
    expect(intro.errors?.[0]?.message).toContain('introspection has been disabled');
    const typo = await gql(yoga, '{ regionz { name } }');
    expect(typo.errors?.[0]?.message).toBe('Cannot query field "regionz" on type "Query".');
    const page = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<div id="root">');
    const dev = await memoryGateway();
    expect((await gql(dev.yoga, '{ regionz { name } }')).errors?.[0]?.message).toContain('Did you mean');
    const enabled = await memoryGateway({ production: true, introspection: true });
    expect((await gql(enabled.yoga, '{ __schema { queryType { name } } }')).data).toBeTruthy();
  });

  it('never echoes the JSON parser text of a malformed body', async () => {
    const { yoga } = await memoryGateway();
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ regions { name } }"',
    });
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('refuses a body above the configured limit with 413, also without content-length', async () => {
    const { yoga } = await memoryGateway({ maxBodyBytes: 200 });
    const big = JSON.stringify({ query: `{ regions { name } } # ${'x'.repeat(300)}` });
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain(
      'limit of 200 bytes',
    );
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const chunked = await yoga.fetch(
      new Request('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    expect((await chunked.json()) as unknown).toMatchObject({
      errors: [{ message: expect.stringContaining('limit of 200 bytes'), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    const small = await gql(yoga, '{ regions { name } }');
    expect(small.data).toEqual({ regions: [{ name: '桐乡市' }] });
  });
});

describe('tokens', () => {
  const sign = (claims: Record<string, unknown>, build: (j: SignJWT) => SignJWT = (j) => j) =>
    build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' })).sign(key);

  it('requires exp and refuses lifetimes above the maximum (default 12 h)', async () => {
    const { yoga } = await memoryGateway();
    const forever = await sign({ role: 'viewer' });
    expect((await gql(yoga, ME, {}, bearer(forever))).errors?.[0]?.message).toBe(
      '[mujun] the bearer token has no "exp" claim',
    );
    const long = await sign({ role: 'viewer' }, (j) => j.setIssuedAt().setExpirationTime('13h'));
    expect((await gql(yoga, ME, {}, bearer(long))).errors?.[0]?.message).toMatch(/maximum of 43200 seconds/);
    const noIat = await sign({ role: 'viewer', exp: now() + 30 * 86400 });
    expect((await gql(yoga, ME, {}, bearer(noIat))).status).toBe(401);
    const fine = await sign({ role: 'viewer' }, (j) => j.setIssuedAt().setExpirationTime('11h'));
    expect((await gql(yoga, ME, {}, bearer(fine))).data).toEqual({ me: { role: 'VIEWER' } });
    const short = await memoryGateway({ auth: { secret: SECRET, maxLifetimeSeconds: 600 } });
    expect((await gql(short.yoga, ME, {}, bearer(fine))).status).toBe(401);
  });

  it('checks iss and aud when configured', async () => {
    const { yoga } = await memoryGateway({ auth: { secret: SECRET, issuer: 'mujun', audience: 'mujun-gateway' } });
    const right = await mintDevToken({ role: 'viewer', secret: SECRET, issuer: 'mujun', audience: 'mujun-gateway' });
    expect((await gql(yoga, ME, {}, bearer(right))).data).toEqual({ me: { role: 'VIEWER' } });
    const wrong = await mintDevToken({ role: 'viewer', secret: SECRET, issuer: 'mujun', audience: 'other' });
    expect((await gql(yoga, ME, {}, bearer(wrong))).errors?.[0]?.message).toBe(
      '[mujun] the bearer token\'s "aud" claim is not what this gateway expects',
    );
    const none = await mintDevToken({ role: 'viewer', secret: SECRET });
    expect((await gql(yoga, ME, {}, bearer(none))).status).toBe(401);
  });

  it.each(['RS256', 'ES256'] as const)('verifies %s tokens from a PEM public key or a JWKS document', async (alg) => {
    const pair = await generateKeyPair(alg);
    const claims = { role: 'townOperator', town: SHIMEN };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg, kid: 'idp-1' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(pair.privateKey);
    const pem = await memoryGateway({ production: true, auth: { publicKey: await exportSPKI(pair.publicKey) } });
    expect((await gql(pem.yoga, ME, {}, bearer(token))).data).toEqual({ me: { role: 'TOWN_OPERATOR' } });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg };
    const jwks = await memoryGateway({ production: true, auth: { jwks: { keys: [jwk] } } });
    expect((await gql(jwks.yoga, ME, {}, bearer(token))).data).toEqual({ me: { role: 'TOWN_OPERATOR' } });
    // An HS256 token is refused where only the provider's key is configured.
    const hs = await mintDevToken({ role: 'viewer', secret: SECRET });
    expect((await gql(jwks.yoga, ME, {}, bearer(hs))).errors?.[0]?.message).toMatch(/signed with HS256/);
  });
});

describe('mujun-gateway bin: production and the dev-token command', () => {
  it('refuses to start in production without a key, and states the mode when it starts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mujun-prod-'));
    try {
      const env = { MUJUN_DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production' };
      await expect(runGateway({ argv: [], env, print: () => {}, stateDir: dataDir })).rejects.toThrow(
        /production mode needs a token key/,
      );
      const pair = await generateKeyPair('ES256');
      const keyFile = join(dataDir, 'idp.pem');
      writeFileSync(keyFile, await exportSPKI(pair.publicKey));
      const lines: string[] = [];
      const stop = await runGateway({
        argv: [],
        env: { ...env, MUJUN_JWT_PUBLIC_KEY_FILE: keyFile, MUJUN_CORS_ORIGINS: 'https://dash.tx.gov.cn' },
        print: (l) => lines.push(l),
        seed: async () => [],
        stateDir: dataDir,
      });
      await stop?.();
      expect(lines.find((l) => l.startsWith('mode: '))).toBe(
        'mode: production; introspection off, GraphiQL off, suggestions off; CORS https://dash.tx.gov.cn; anonymous requests: viewer; body limit 1048576 bytes',
      );
      expect(lines.find((l) => l.startsWith('tokens: '))).toBe(
        `tokens: public key ${keyFile} (ES256); iss mujun, aud mujun-gateway; at most 43200 s`,
      );
      expect(lines.join('\n')).not.toContain('dev-token');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the bin’s subgraph switch', () => {
  it('serves the federation subgraph with --subgraph (and MUJUN_SUBGRAPH), _service under the introspection rule', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mujun-subgraph-'));
    try {
      const base = { MUJUN_DATA_DIR: dataDir, PORT: '0', MUJUN_JWT_SECRET: SECRET };
      const ask = async (argv: string[], env: NodeJS.ProcessEnv) => {
        const lines: string[] = [];
        const stop = await runGateway({
          argv,
          env,
          print: (l) => lines.push(l),
          seed: async () => [],
          stateDir: dataDir,
        });
        try {
          const url = lines.find((l) => l.startsWith('mujun gateway on '))?.split(' ')[3] ?? '';
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ _service { sdl } }' }),
          });
          return { lines, body: (await res.json()) as { data?: { _service?: { sdl: string } }; errors?: unknown[] } };
        } finally {
          await stop?.();
        }
      };
      const dev = await ask(['--subgraph'], base);
      expect(dev.body.data?._service?.sdl).toContain('@key(fields: "uscc")');
      expect(dev.lines.find((l) => l.startsWith('mode: '))).toMatch(/^mode: development, federation subgraph/);
      const prod = await ask([], { ...base, MUJUN_SUBGRAPH: 'true', NODE_ENV: 'production' });
      expect(JSON.stringify(prod.body.errors)).toContain('introspection has been disabled');
      const own = await ask([], base);
      expect(JSON.stringify(own.body.errors)).toContain('Cannot query field \\"_service\\"');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
