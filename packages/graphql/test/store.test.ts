import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, mintDevToken } from '@mujun/graphql';
import { openStore, type Store } from '@mujun/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGateway } from '../src/bin';
import { at, bearer, cityAdminHeaders, gql, SECRET, SHIMEN, seed, uscc } from './fixtures';

describe('on the PGlite store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore();
    await seed(store.repository);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('serves the same answers as in memory, exact from NUMERIC columns', async () => {
    const admin = await cityAdminHeaders();
    const yoga = createGateway({ repository: store.repository, auth: { secret: SECRET }, logging: false });
    const res = await gql(
      yoga,
      `{ region(city: "330483") { town(town: "石门") { enterprises(first: 5) { edges { node {
          uscc flagLabels parcels { area { mu squareMetres } } annualData(year: 2018) { tax { wanYuan } taxPerMu { value } } } } } } } }`,
      {},
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'region.town.enterprises.edges')).toEqual([
      {
        node: {
          uscc: uscc(1),
          flagLabels: ['低散乱', '四无'],
          parcels: [{ area: { mu: '45', squareMetres: '30000' } }],
          annualData: { tax: { wanYuan: '11.25' }, taxPerMu: { value: '7.5' } },
        },
      },
      {
        node: {
          uscc: uscc(2),
          flagLabels: [],
          parcels: [{ area: { mu: '12.3456', squareMetres: '8230.4' } }],
          annualData: { tax: { wanYuan: '21.25' }, taxPerMu: { value: '8.5' } },
        },
      },
    ]);
  });

  it('writes through the store with the operator as the audited actor', async () => {
    const yoga = createGateway({ repository: store.repository, auth: { secret: SECRET }, logging: false });
    const token = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET, subject: 'zhang' });
    const res = await gql(
      yoga,
      `mutation ($input: SaveEnterprisesInput!) { saveEnterprises(input: $input) { __typename } }`,
      {
        input: {
          city: '330483',
          enterprises: [
            {
              uscc: uscc(7),
              name: '石门新企业',
              town: SHIMEN,
              industry: '1751',
              registeredOn: '2018-05-01',
              flags: ['ZOMBIE'],
            },
          ],
        },
      },
      bearer(token),
    );
    expect(at(res.data, 'saveEnterprises.__typename')).toBe('SaveEnterprisesSuccess');
    const audit = await store.repository.listAudit();
    expect(audit.at(-1)?.actor).toBe(`townOperator:${SHIMEN}:zhang`);
    const [saved] = await store.repository.getEnterprises([uscc(7)]);
    expect(saved?.flags).toEqual(['zombie']);
  });
});

describe('mujun-gateway bin', () => {
  it('seeds an empty data folder, serves HTTP and mints tokens the server accepts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mujun-gateway-'));
    const stateDir = mkdtempSync(join(tmpdir(), 'mujun-state-'));
    const lines: string[] = [];
    const env = { MUJUN_DATA_DIR: dataDir, PORT: '0' };
    try {
      const minted: string[] = [];
      const mint = (e: NodeJS.ProcessEnv) =>
        runGateway({
          argv: ['--mint-token', `townOperator:${SHIMEN}`],
          env: e,
          print: (l) => minted.push(l),
          stateDir,
        });
      await mint(env);
      expect(minted).toHaveLength(1);
      const stop = await runGateway({ argv: [], env, print: (l) => lines.push(l), stateDir });
      // The token command finds the running gateway's data folder without MUJUN_DATA_DIR.
      await mint({});
      expect(minted[1]).toBeDefined();
      expect(stop).toBeDefined();
      // The repository holds examples/tongxiang-2018/data: the first start loads it.
      expect(lines.find((l) => l.startsWith('mujun: loaded '))).toMatch(/3027 enterprises, .* campaign events$/);
      expect(lines).toContain('mujun: targets 2018: 7 with a weekly ranking');
      expect(lines).toContain(
        'a write token for 石门: pnpm dev-token townOperator:石门 (send it as Authorization: Bearer <token>)',
      );
      expect(lines.find((l) => l.startsWith('mode: '))).toMatch(/^mode: development; introspection on, GraphiQL on/);
      const url = lines.find((l) => l.startsWith('mujun gateway on '))?.split(' ')[3] ?? '';
      expect(url).toMatch(/^http:\/\/localhost:[1-9]\d*\/graphql$/);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${minted[1]}` },
          body: JSON.stringify({
            query: `{ me { role town { name } } region(city: "330483") { towns { name } }
              campaignStatistics(city: "330483", year: 2018) { lowScatteredRemediated enterprisesEnteredParks parkFloorAreaBuilt { wanSquareMetres } } }`,
          }),
        });
        const body = (await res.json()) as { data: unknown };
        expect(at(body.data, 'me')).toEqual({ role: 'TOWN_OPERATOR', town: { name: '石门' } });
        expect(at(body.data, 'region.towns')).toHaveLength(11);
        expect(at(body.data, 'campaignStatistics')).toEqual({
          lowScatteredRemediated: 4692,
          enterprisesEnteredParks: 585,
          parkFloorAreaBuilt: { wanSquareMetres: '47' },
        });
      } finally {
        await stop?.();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
