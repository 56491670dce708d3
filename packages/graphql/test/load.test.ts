import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway, mintDevToken } from '@mujun/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../../bench/load';
import { articleGateway, SHIMEN } from './contract-fixtures';

/*
 * The short version of `pnpm bench load` (which runs 60 s on the Tongxiang
 * data): 3 s of mixed reads and writes at 20 connections over HTTP on
 * 127.0.0.1, in memory. 0 errors; the ledger holds every acknowledged write.
 */
const SECRET = 'test-secret-test-secret-test-secret!';

describe('mixed load', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    const { repository } = await articleGateway();
    server = createServer(createGateway({ repository, auth: { secret: SECRET }, logging: false }));
    await new Promise<void>((ok) => server.listen(4311, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('answers every request and loses no acknowledged write', async () => {
    const token = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
    const r = await runLoad({ url, token, townCode: SHIMEN, seconds: 3, connections: 20, runId: 'test' });
    expect(r.errors).toBe(0);
    expect(r.acknowledged).toBeGreaterThan(10);
    expect(r.missing).toBe(0);
    expect(r.recorded).toBeGreaterThanOrEqual(r.acknowledged);
    expect(r.recorded).toBeLessThanOrEqual(r.sent);
  }, 30_000);
});
