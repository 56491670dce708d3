import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryRepository, TONGXIANG_2018_INPUT } from '@mujun/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGateway } from '../src/bin';
import { withDashboard } from '../src/dashboard';
import { createGateway } from '../src/gateway';

// A built dashboard is a folder with index.html and hashed assets; this one is written by the test.
let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mujun-dashboard-build-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>看板</title><script src="/dashboard/assets/app-1.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  const repository = new MemoryRepository();
  await repository.saveRegion(TONGXIANG_2018_INPUT, { actor: 'test' });
  server = createServer(withDashboard(createGateway({ repository, logging: false }), dir));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
  rmSync(dir, { recursive: true, force: true });
});

describe('withDashboard: a static dashboard build beside the gateway, same origin', () => {
  it('serves index.html under /dashboard/ with a same-origin CSP, and hashed assets cached for good', async () => {
    const page = await fetch(`${base}/dashboard/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>看板</title>');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self'/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${base}/dashboard/assets/app-1.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('redirects /dashboard to /dashboard/ and answers client-side views with the app', async () => {
    const bare = await fetch(`${base}/dashboard`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/dashboard/');
    const view = await fetch(`${base}/dashboard/ranking`);
    expect(await view.text()).toContain('<title>看板</title>');
  });

  it('hands /graphql and everything outside /dashboard/ to the gateway', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ region(city: "330483") { name } }' }),
    });
    expect(await res.json()).toEqual({ data: { region: { name: '桐乡市' } } });
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    // A path that climbs out of the build is not served from disk.
    const climb = await (await fetch(`${base}/dashboard/..%2F..%2F..%2F..%2Fetc%2Fpasswd`)).text();
    expect(climb).not.toContain('root:');
  });

  it('refuses a folder without a build, before the bin opens any store', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mujun-no-build-'));
    try {
      expect(() => withDashboard(() => undefined, empty)).toThrow(/no dashboard build in .* \(index\.html missing\)/);
      await expect(
        runGateway({
          argv: ['--dashboard', empty],
          env: { MUJUN_DATA_DIR: join(empty, 'data') },
          print: () => undefined,
        }),
      ).rejects.toThrow(/no dashboard build/);
      await expect(runGateway({ argv: ['--dashboard'], env: { MUJUN_DATA_DIR: join(empty, 'data') } })).rejects.toThrow(
        /--dashboard needs the folder/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
