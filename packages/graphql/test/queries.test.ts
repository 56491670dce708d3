import { describe, expect, it } from 'vitest';
import { at, cityAdminHeaders, gql, memoryGateway, SHIMEN, uscc } from './fixtures';

describe('regions and towns', () => {
  it('reads a city by its 6-digit code with its towns', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, '{ region(city: "330483") { code name towns { code name kind kindLabel } } }');
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'region.name')).toBe('桐乡市');
    expect(at(res.data, 'region.towns.10')).toEqual({ code: SHIMEN, name: '石门', kind: 'TOWN', kindLabel: '镇' });
  });

  it('answers null for a city it does not hold', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, '{ region(city: "330100") { name } }');
    expect(res.data).toEqual({ region: null });
  });
});

describe('Decimal scalar', () => {
  it('refuses a float literal with a message saying to send a string', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(
      yoga,
      '{ enterprises(city: "330483", year: 2018, taxPerMuBelow: 7.5) { edges { node { uscc } } } }',
    );
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toContain(
      'Decimal cannot represent the float literal 7.5: floats are not exact, write it as a string "7.5"',
    );
  });

  it('refuses a JS number with a fraction in variables, accepts strings and integers', async () => {
    const admin = await cityAdminHeaders();
    const { yoga } = await memoryGateway();
    const query =
      'query ($v: Decimal) { enterprises(city: "330483", year: 2018, taxPerMuBelow: $v) { edges { node { uscc } } } }';
    const float = await gql(yoga, query, { v: 7.5 }, admin);
    expect(float.errors?.[0]?.message).toContain('Decimal cannot represent the JS number 7.5');
    const text = await gql(yoga, query, { v: '7.5000001' }, admin);
    expect(text.errors).toBeUndefined();
    const integer = await gql(yoga, query, { v: 8 }, admin);
    expect(integer.errors).toBeUndefined();
    expect(at(integer.data, 'enterprises.edges')).toEqual([{ node: { uscc: uscc(1) } }]);
  });

  it('refuses a malformed decimal string', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(
      yoga,
      '{ enterprises(city: "330483", year: 2018, taxPerMuBelow: "1e3") { edges { cursor } } }',
    );
    expect(res.errors?.[0]?.message).toContain('Decimal cannot represent "1e3"');
  });
});

describe('quantities', () => {
  const parcel = `query ($places: Int, $rounding: Rounding) {
    parcels(city: "330483", town: "洲泉", category: IN_USE) {
      edges { node { parcelId area { mu squareMetres(places: $places, rounding: $rounding) hectares(places: 4) text(places: 2) } } }
    }
  }`;

  it('gives exact values where they are finite and rounds when places are given', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, parcel, { places: 2 });
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'parcels.edges.0.node')).toEqual({
      parcelId: 'ZQ-002',
      area: { mu: '1', squareMetres: '666.67', hectares: '0.0667', text: '1.00亩' },
    });
    const down = await gql(yoga, parcel, { places: 2, rounding: 'DOWN' });
    expect(at(down.data, 'parcels.edges.0.node.area.squareMetres')).toBe('666.66');
  });

  it('never fails a response for a value without a finite decimal form: rounded to 10 places and said so', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, parcel, {});
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'parcels.edges.0.node.area.squareMetres')).toBe('666.6666666667');
    expect((res as { extensions?: { rounded?: unknown } }).extensions?.rounded).toEqual([
      {
        path: 'parcels.edges.0.node.area.squareMetres',
        field: 'Area.squareMetres',
        unit: '平方米',
        places: 10,
        rounding: 'HALF_UP',
      },
    ]);
    // The query: vacatingSigned { squareMetres } without places no longer nulls `data`.
    const stats = await gql(
      yoga,
      '{ campaignStatistics(city: "330483", year: 2018) { vacatingSigned { mu squareMetres hectares } } }',
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data).not.toBeNull();
  });

  it('shows per-mu values as rates naming their unit', async () => {
    const admin = await cityAdminHeaders();
    const { yoga } = await memoryGateway();
    const res = await gql(
      yoga,
      `{ enterprise(uscc: "${uscc(3)}") { annualData(year: 2018) {
          tax { wanYuan yuan yiYuan } landArea { mu }
          taxPerMu { value(places: 4) unit numeratorUnit denominatorUnit text(places: 2) }
          revenue { wanYuan } scale scaleLabel employees
      } } }`,
      {},
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'enterprise.annualData')).toEqual({
      tax: { wanYuan: '31.25', yuan: '312500', yiYuan: '0.003125' },
      landArea: { mu: '3.5' },
      taxPerMu: {
        value: '8.9286',
        unit: '万元/亩',
        numeratorUnit: 'wanYuan',
        denominatorUnit: 'mu',
        text: '8.93万元/亩',
      },
      revenue: { wanYuan: '2500' },
      scale: 'ABOVE_DESIGNATED_SIZE',
      scaleLabel: '规上',
      employees: 36,
    });
  });
});

describe('enterprise connections', () => {
  it('pages forward with opaque cursors', async () => {
    const { yoga } = await memoryGateway();
    const query = `query ($after: String) { enterprises(city: "330483", first: 3, after: $after) {
      edges { cursor node { uscc town { name } } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const first = await gql(yoga, query);
    expect(first.errors).toBeUndefined();
    expect(at(first.data, 'enterprises.edges.2.node')).toEqual({ uscc: uscc(3), town: { name: '洲泉' } });
    expect(at(first.data, 'enterprises.pageInfo.hasNextPage')).toBe(true);
    const next = await gql(yoga, query, { after: at(first.data, 'enterprises.pageInfo.endCursor') });
    expect(at(next.data, 'enterprises.edges')).toHaveLength(1);
    expect(at(next.data, 'enterprises.pageInfo')).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('refuses a page above the maximum page size, naming the field', async () => {
    const { yoga } = await memoryGateway({ maxPageSize: 2 });
    const res = await gql(yoga, '{ enterprises(city: "330483", first: 3) { edges { cursor } } }');
    expect(res.errors?.[0]?.message).toBe('[mujun] first: first is 3; a page holds at most 2 rows (page.maxSize)');
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: [{ field: 'first', rule: 'page.maxSize' }],
    });
  });

  it('pages backward with last/before, counts totalCount, and refuses bad cursors', async () => {
    const { yoga } = await memoryGateway();
    const page = async (args: string) => {
      const res = await gql(
        yoga,
        `{ enterprises(city: "330483", ${args}) { totalCount edges { cursor node { uscc } } pageInfo { hasNextPage hasPreviousPage } } }`,
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      const c = at(res.data, 'enterprises') as {
        totalCount: number;
        edges: { cursor: string; node: { uscc: string } }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
      };
      return { ...c, ids: c.edges.map((e) => e.node.uscc) };
    };
    const last = await page('last: 2');
    expect(last.ids).toEqual([uscc(3), uscc(4)]);
    expect(last.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    expect(last.totalCount).toBe(4);
    const before = await page(`last: 2, before: "${last.edges[0]?.cursor}"`);
    expect(before.ids).toEqual([uscc(1), uscc(2)]);
    expect(before.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    const window = await page(`first: 5, after: "${before.edges[0]?.cursor}", before: "${last.edges[1]?.cursor}"`);
    expect(window.ids).toEqual([uscc(2), uscc(3)]);
    // first: 0 shows no rows; there is a next page only when rows follow.
    expect((await page('first: 0')).pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    expect((await page('first: 0, town: "乌镇"')).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
    expect((await page('town: "石门", first: 1')).totalCount).toBe(2);
    const both = await gql(yoga, '{ enterprises(city: "330483", first: 1, last: 2) { edges { cursor } } }');
    expect(both.errors?.[0]?.message).toContain('give first (forward) or last (backward), not both');
    const bad = await gql(yoga, '{ enterprises(city: "330483", after: "nonsense") { edges { cursor } } }');
    expect(bad.errors?.[0]?.message).toContain('"nonsense" is not a cursor of this list');
  });

  it('refuses unknown filter values instead of answering nothing', async () => {
    const { yoga } = await memoryGateway();
    const first = async (args: string) =>
      (await gql(yoga, `{ enterprises(city: "330483", ${args}) { edges { cursor } } }`)).errors?.[0]?.message;
    expect(await first('park: "NOPE"')).toContain('park: no park NOPE in 330483');
    expect(await first('industry: "99x"')).toContain('industry: 99x is not a GB/T 4754-2017 section letter or code');
    expect(await first('park: "SM-P1"')).toBeUndefined();
    expect(await first('industry: "17"')).toBeUndefined();
    expect(await first('industry: "C"')).toBeUndefined();
  });

  it('filters by town (code or name), flags, scale and 亩均税收 below a value', async () => {
    const admin = await cityAdminHeaders();
    const { yoga } = await memoryGateway();
    const ids = async (args: string) => {
      const res = await gql(yoga, `{ enterprises(city: "330483", ${args}) { edges { node { uscc } } } }`, {}, admin);
      expect(res.errors).toBeUndefined();
      return (at(res.data, 'enterprises.edges') as { node: { uscc: string } }[]).map((e) => e.node.uscc);
    };
    expect(await ids('town: "石门"')).toEqual([uscc(1), uscc(2)]);
    expect(await ids(`town: "${SHIMEN}"`)).toEqual([uscc(1), uscc(2)]);
    expect(await ids('flags: [LOW_SCATTERED, FOUR_WITHOUT]')).toEqual([uscc(1)]);
    expect(await ids('flags: [ZOMBIE]')).toEqual([]);
    expect(await ids('year: 2018, scale: ABOVE_DESIGNATED_SIZE')).toEqual([uscc(3)]);
    // 2018: 11.25/1.5 = 7.5, 21.25/2.5 = 8.5, 31.25/3.5 = 8.93; enterprise 4 has no land.
    expect(await ids('year: 2018, taxPerMuBelow: "8.5"')).toEqual([uscc(1)]);
    expect(await ids('year: 2018, taxPerMuBelow: "8.5000001"')).toEqual([uscc(1), uscc(2)]);
    expect(await ids('park: "SM-P1"')).toEqual([uscc(2)]);
    expect(await ids('industry: "17"')).toEqual([uscc(1), uscc(3)]);
  });

  it('names the argument a filter needs', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, '{ enterprises(city: "330483", taxPerMuBelow: "8") { edges { cursor } } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ fieldErrors: [{ field: 'year', rule: 'filter.yearNeeded' }] });
    const town = await gql(yoga, '{ enterprises(city: "330483", town: "龙翔") { edges { cursor } } }');
    expect(town.errors?.[0]?.message).toContain('龙翔 is neither a code nor a name of a town of 330483');
  });

  it('resolves global ids through node()', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(
      yoga,
      `{ enterprise(uscc: "${uscc(2)}") { id park { id name floorArea { squareMetres } } } }`,
    );
    const id = at(res.data, 'enterprise.id') as string;
    const parkId = at(res.data, 'enterprise.park.id') as string;
    const nodes = await gql(
      yoga,
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Enterprise { name } ... on Park { parkId kindLabel } } }`,
      { ids: [id, parkId] },
    );
    expect(nodes.errors).toBeUndefined();
    expect(nodes.data).toEqual({
      nodes: [
        { __typename: 'Enterprise', name: '桐乡市企业2有限公司' },
        { __typename: 'Park', parkId: 'SM-P1', kindLabel: '小微企业园' },
      ],
    });
    expect(at(res.data, 'enterprise.park.floorArea.squareMetres')).toBe('52000.5');
  });

  it('links parcels, parks and enterprises both ways', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(
      yoga,
      `{ parks(city: "330483", town: "石门") { name entryCriteria { minTaxPerMu { value text(places: 1) } industries { code name } notes }
          enterprises { uscc parcels { parcelId categoryLabel } } parcels { parcelId area { mu } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      parks: [
        {
          name: '石门小微企业园',
          entryCriteria: {
            minTaxPerMu: { value: '10', text: '10.0万元/亩' },
            industries: [{ code: '17', name: expect.any(String) }],
            notes: '亩均税收10万元以上',
          },
          enterprises: [{ uscc: uscc(2), parcels: [{ parcelId: 'SM-002', categoryLabel: '园区内低效用地' }] }],
          parcels: [{ parcelId: 'SM-002', area: { mu: '12.3456' } }],
        },
      ],
    });
  });
});
