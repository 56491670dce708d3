import { makeUscc } from '@mujun/core';
import { mintDevToken, printSubgraphSdl } from '@mujun/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSdl, type Federation, POLICY, startFederation, subgraphSdl } from './src/federation';
import { EXAMPLE_TARIFF, surchargeOf, type TariffClass } from './src/utility';

const SECRET = 'federation-example-secret-0123456789abcdef';
const SHIMEN = '330483108000';
const ZHOUQUAN = '330483105000';

interface Response {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

let federation: Federation;
let cityAdmin: string;

async function post(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Response> {
  const res = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

interface TariffRow {
  class: TariffClass | 'T' | null;
  enterprise: {
    uscc: string;
    annualData: { electricity: { kWh: string } | null } | null;
    electricityAccounts: { accountNo: string; consumptionKWh: string | null }[];
    differentiatedTariff: { class: TariffClass; surchargePerKWh: string; dataYear: number; source: string } | null;
  };
}

const ROW = `class
  enterprise {
    uscc
    annualData(year: 2018) { electricity { kWh } }
    electricityAccounts { accountNo consumptionKWh(year: 2018) }
    differentiatedTariff(year: ${POLICY.billingYear}) { class surchargePerKWh dataYear source }
  }`;

/**
 * A town's enterprises: class from mujun, tariff and meter readings from the
 * utility, in one query (one evaluation: the aliased pages share it).
 */
const TOWN_TARIFFS = `query ($town: ID!) {
  evaluation(schemeId: "${POLICY.schemeId}", year: ${POLICY.dataYear}, city: "330483") {
    all: results(town: $town, first: 30) { edges { node { ${ROW} } } }
    c: results(town: $town, class: C, first: 5) { edges { node { ${ROW} } } }
    d: results(town: $town, class: D, first: 5) { edges { node { ${ROW} } } }
  }
}`;

type Page = { edges: { node: TariffRow }[] };
const at = (res: Response, field: string) => (res.data?.enterprise as Record<string, unknown> | null)?.[field];
const rowsOf = (res: Response) =>
  Object.values(res.data?.evaluation as Record<string, Page>).flatMap((p) => p.edges.map((e) => e.node));

const SAVE = `mutation ($input: SaveEnterprisesInput!) {
  saveEnterprises(input: $input) {
    __typename
    ... on SaveEnterprisesSuccess { enterprises { uscc town { name } } }
    ... on NotAuthorised { message requiredRole division }
  }
}`;
const firm = (n: number, town: string) => ({
  uscc: makeUscc({
    authority: '9',
    orgType: '1',
    divisionCode: '330483',
    orgCodeBody: `MF${String(n).padStart(6, '0')}`,
  }),
  name: `桐乡市联邦测试${n}有限公司`,
  town,
  industry: '1751',
  registeredOn: '2015-06-01',
});

beforeAll(async () => {
  federation = await startFederation({ secret: SECRET });
  cityAdmin = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
});
afterAll(async () => {
  await federation?.close();
});

describe('examples/federation: mujun and a power utility composed by Hive Gateway', () => {
  it('composes both subgraphs on 127.0.0.1, joining Enterprise on its USCC', async () => {
    expect(federation.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    for (const url of Object.values(federation.subgraphs)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    // mujun serves the SDL it commits.
    expect(`${await subgraphSdl(federation.subgraphs.mujun)}\n`).toBe(printSubgraphSdl());
    const sdl = federation.supergraphSdl;
    expect(sdl).toContain('@join__type(graph: MUJUN, key: "uscc")');
    expect(sdl).toContain('@join__type(graph: UTILITY, key: "uscc")');
    for (const key of ['@join__type(graph: MUJUN, key: "code")', '@join__type(graph: MUJUN, key: "id")']) {
      expect(sdl).toContain(key);
    }
  });

  it('fails on a composition error (a key field typed differently)', () => {
    const clash = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      type Enterprise @key(fields: "uscc") { uscc: Int! meterCount: Int! }
      type Query { meters: Int! }`;
    expect(() =>
      composeSdl([
        { name: 'mujun', url: federation.subgraphs.mujun, sdl: printSubgraphSdl() },
        { name: 'clash', url: 'http://127.0.0.1:1/graphql', sdl: clash },
      ]),
    ).toThrow(/composition failed:\n- .*uscc/);
  });

  it("bills from the list mujun's evaluation gives: as many firms as it rates A to D", async () => {
    const res = await post(
      `{ policyLists { billingYear dataYear source enterprises }
         evaluation(schemeId: "${POLICY.schemeId}", year: ${POLICY.dataYear}) { summary { total { A B C D } } } }`,
      {},
      cityAdmin,
    );
    expect(res.errors).toBeUndefined();
    const total = (res.data?.evaluation as { summary: { total: Record<string, number> } } | undefined)?.summary.total;
    expect(res.data?.policyLists).toEqual([
      {
        billingYear: POLICY.billingYear,
        dataYear: POLICY.dataYear,
        source: POLICY.schemeId,
        enterprises: Object.values(total ?? {}).reduce((a, b) => a + b, 0),
      },
    ]);
  });

  it("answers one query across both: a town's classes from mujun, tariffs and meters from the utility", async () => {
    // Firms' figures are read as the city's 亩均办 (a city admin token, forwarded to both subgraphs).
    const res = await post(TOWN_TARIFFS, { town: '石门' }, cityAdmin);
    expect(res.errors).toBeUndefined();
    const rows = rowsOf(res);
    const classes = new Set(rows.map((r) => r.class));
    for (const c of ['B', 'C', 'D']) expect(classes.has(c as TariffClass)).toBe(true);
    for (const { class: cls, enterprise: e } of rows) {
      if (cls === null || cls === 'T') {
        expect(e.differentiatedTariff).toBeNull();
      } else {
        expect(e.differentiatedTariff).toEqual({
          class: cls,
          surchargePerKWh: surchargeOf(EXAMPLE_TARIFF, cls).toDecimal().toFixed(),
          dataYear: POLICY.dataYear,
          source: POLICY.schemeId,
        });
      }
      // The utility's meter reading is the 用电量 mujun holds for the firm.
      expect(e.electricityAccounts.map((a) => a.consumptionKWh)).toEqual(
        e.annualData?.electricity ? [e.annualData.electricity.kWh] : [],
      );
    }
    const d = rows.find((r) => r.class === 'D');
    expect(d?.enterprise.differentiatedTariff?.surchargePerKWh).toBe('0.3');
    expect(rows.find((r) => r.class === 'C')?.enterprise.differentiatedTariff?.surchargePerKWh).toBe('0.1');
  });

  it("forwards the bearer token: a town operator's rights hold through the gateway", async () => {
    const operator = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET });
    const me = await post('{ me { role town { name } } }', {}, operator);
    expect(me.data).toEqual({ me: { role: 'TOWN_OPERATOR', town: { name: '石门' } } });

    const own = await post(SAVE, { input: { city: '330483', enterprises: [firm(1, SHIMEN)] } }, operator);
    expect(own.data?.saveEnterprises).toEqual({
      __typename: 'SaveEnterprisesSuccess',
      enterprises: [{ uscc: firm(1, SHIMEN).uscc, town: { name: '石门' } }],
    });
    const other = await post(SAVE, { input: { city: '330483', enterprises: [firm(2, ZHOUQUAN)] } }, operator);
    expect(other.data?.saveEnterprises).toMatchObject({ __typename: 'NotAuthorised', division: ZHOUQUAN });
    const anonymous = await post(SAVE, { input: { city: '330483', enterprises: [firm(3, SHIMEN)] } });
    expect(anonymous.data?.saveEnterprises).toMatchObject({
      __typename: 'NotAuthorised',
      requiredRole: 'townOperator',
    });
    // The refused writes changed nothing; the accepted one is there for the utility's side to join.
    const read = await post(
      `{ a: enterprise(uscc: "${firm(1, SHIMEN).uscc}") { name electricityAccounts { accountNo } }
         b: enterprise(uscc: "${firm(2, ZHOUQUAN).uscc}") { name } }`,
      {},
      operator,
    );
    expect(read.data).toEqual({ a: { name: firm(1, SHIMEN).name, electricityAccounts: [] }, b: null });
  });

  it("holds mujun's rule for firms' figures in the utility too: the town comes from mujun (@requires)", async () => {
    const operator = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET });
    const town = async (name: string) => {
      const res = await post(
        `{ enterprises(city: "330483", town: "${name}", year: 2018, first: 1) { edges { node { uscc } } } }`,
      );
      const page = res.data?.enterprises as { edges: { node: { uscc: string } }[] } | undefined;
      return page?.edges[0]?.node.uscc;
    };
    const readings = (uscc: string | undefined, token?: string) =>
      post(`{ enterprise(uscc: "${uscc}") { name electricityAccounts { consumptionKWh(year: 2018) } } }`, {}, token);

    const own = await readings(await town('石门'), operator);
    expect(own.errors).toBeUndefined();
    expect(at(own, 'electricityAccounts')).toHaveLength(1);
    for (const [uscc, token] of [
      [await town('洲泉'), operator],
      [await town('石门'), undefined],
    ] as const) {
      const refused = await readings(uscc, token);
      expect(refused.data?.enterprise).toBeNull();
      expect(refused.errors?.[0]).toMatchObject({
        path: ['enterprise', 'electricityAccounts'],
        extensions: { code: 'NOT_AUTHORISED', serviceName: 'utility' },
      });
    }
  });

  it('passes subgraph errors on typed: code, field errors, path and the subgraph named', async () => {
    const invalid = await post('{ enterprises(city: "999999", first: 1) { edges { node { uscc } } } }');
    expect(invalid.errors?.[0]).toMatchObject({
      path: ['enterprises'],
      extensions: {
        code: 'INVALID_INPUT',
        fieldErrors: [{ field: 'city', rule: 'reference.region' }],
        serviceName: 'mujun',
      },
    });

    const noList = await post(
      // 桐乡市丰宇纺机有限公司 of the dataset.
      '{ enterprise(uscc: "91330483101522342P") { name differentiatedTariff(year: 2017) { class } } }',
    );
    expect(noList.data?.enterprise).toMatchObject({ differentiatedTariff: null });
    expect(noList.errors?.[0]).toMatchObject({
      path: ['enterprise', 'differentiatedTariff'],
      extensions: { code: 'NO_POLICY_LIST', year: 2017, serviceName: 'utility' },
    });

    const badToken = await post('{ me { role } }', {}, 'not.a.token');
    expect(badToken.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', serviceName: 'mujun' });
  });
});
