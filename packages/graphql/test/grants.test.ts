import { PRICING_PRESETS, TONGXIANG_2023_LISTINGS } from '@mujun/core/grants';
import { mintDevToken } from '@mujun/graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, cityAdminHeaders, gql, memoryGateway, SECRET, SHIMEN, uscc, ZHOUQUAN } from './fixtures';

/** A grant of 10 亩 in `town` to `grantee`, in production from 2016: 达产复核 (投产后2年) in 2018. */
const grant = (id: string, town: string, grantee: string, taxPerMu: string) => ({
  id,
  listing: { notice: '测试公告', parcelName: `${id}地块` },
  townCode: town,
  area: '10',
  termYears: 50,
  pricing: PRICING_PRESETS.tongxiang2023Heshan,
  granteeUscc: grantee,
  grantedOn: '2015-01-10',
  startedOn: '2015-03-01',
  productionOn: '2016-03-01',
  commitments: [{ indicator: 'taxPerMu', comparator: 'atLeast', value: taxPerMu, stage: 'production' }],
  consequences: [{ kind: 'shortfallCash', indicator: 'taxPerMu', source: 'test contract' }],
});

const SAVE = `mutation ($input: SaveLandGrantsInput!) {
  saveLandGrants(input: $input) {
    __typename
    ... on SaveLandGrantsSuccess { grants { id startPrice { wanYuan } deposit { wanYuan } } }
    ... on ValidationError { fieldErrors { field rule } }
    ... on NotAuthorised { message division }
  }
}`;

const READ = `query ($year: Int!) {
  landGrants(city: "330483") {
    id townCode area { squareMetres(places: 2) } phase
    commitments { indicator value unit stage offsetYears }
    compliance(year: $year) {
      verdict
      rows { indicator status actual(places: 4) shortfall shortfallTotal { wanYuan } checkYear }
      penalties { kind applies amount { wanYuan } basis }
    }
  }
}`;

describe('标准地 through the gateway', () => {
  let yoga: Awaited<ReturnType<typeof memoryGateway>>['yoga'];
  const h: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    ({ yoga } = await memoryGateway());
    h.admin = await cityAdminHeaders();
    h.shimen = bearer(await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET }));
    h.zhouquan = bearer(await mintDevToken({ role: 'townOperator', town: ZHOUQUAN, secret: SECRET }));
    h.viewer = bearer(await mintDevToken({ role: 'viewer', secret: SECRET }));
  });

  const save = (grants: unknown[], headers: Record<string, string>) =>
    gql(yoga, SAVE, { input: { city: '330483', grants: JSON.stringify(grants) } }, headers);

  it('a town operator may not write grants, not even of its own town', async () => {
    const res = await save([grant('SM-G1', SHIMEN, uscc(1), '1')], h.shimen ?? {});
    expect(res.data?.saveLandGrants).toMatchObject({ __typename: 'NotAuthorised' });
  });

  it('a bad grant is refused naming the field and the rule; nothing is written', async () => {
    const res = await save(
      [grant('SM-G1', SHIMEN, uscc(1), '1'), { ...grant('x', SHIMEN, uscc(1), '1'), area: '-3' }],
      h.admin ?? {},
    );
    expect(res.data?.saveLandGrants).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'grants.1.area', rule: 'positive' }],
    });
    const unknownGrantee = await save([grant('SM-G1', SHIMEN, uscc(9), '1')], h.admin ?? {});
    expect(unknownGrantee.data?.saveLandGrants).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'grants.0.granteeUscc', rule: 'grant.grantee' }],
    });
    const read = await gql(yoga, READ, { year: 2018 }, h.admin);
    expect(read.data?.landGrants).toEqual([]);
  });

  it('the city admin saves grants; prices come from the pricing rule, exactly', async () => {
    const res = await save(
      [
        grant('SM-G1', SHIMEN, uscc(1).toLowerCase(), '1'),
        grant('ZQ-G1', ZHOUQUAN, uscc(3), '5'),
        TONGXIANG_2023_LISTINGS[0],
      ],
      h.admin ?? {},
    );
    expect(res.data?.saveLandGrants).toEqual({
      __typename: 'SaveLandGrantsSuccess',
      grants: [
        { id: 'SM-G1', startPrice: { wanYuan: '678' }, deposit: { wanYuan: '70' } },
        { id: 'ZQ-G1', startPrice: { wanYuan: '678' }, deposit: { wanYuan: '70' } },
        { id: '2023-15', startPrice: { wanYuan: '1340' }, deposit: { wanYuan: '140' } },
      ],
    });
  });

  it('compliance as the city admin: met, and short by an exact amount with its cash consequence', async () => {
    const res = await gql(yoga, READ, { year: 2018 }, h.admin);
    expect(res.errors).toBeUndefined();
    const grants = res.data?.landGrants as { id: string; compliance: unknown; area: unknown; phase: string }[];
    expect(grants.map((g) => g.id)).toEqual(['2023-15', 'SM-G1', 'ZQ-G1']);
    expect(grants[0]?.area).toEqual({ squareMetres: '13167.39' });
    expect(grants[0]?.phase).toBe('LISTED');
    expect(grants[1]?.compliance).toEqual({
      verdict: 'COMPLIANT',
      rows: [
        {
          indicator: 'TAX_PER_MU',
          status: 'MET',
          actual: '1.1250',
          shortfall: null,
          shortfallTotal: null,
          checkYear: 2018,
        },
      ],
      penalties: [{ kind: 'SHORTFALL_CASH', applies: false, amount: null, basis: '亩均税收: no shortfall' }],
    });
    // uscc(3) paid 31.25 万元 in 2018 over 10 亩: 3.125 against 5, short 1.875 万元/亩 = 18.75 万元
    expect(grants[2]?.compliance).toEqual({
      verdict: 'SHORTFALL',
      rows: [
        {
          indicator: 'TAX_PER_MU',
          status: 'SHORT',
          actual: '3.1250',
          shortfall: '1.875',
          shortfallTotal: { wanYuan: '18.75' },
          checkYear: 2018,
        },
      ],
      penalties: [
        {
          kind: 'SHORTFALL_CASH',
          applies: true,
          amount: { wanYuan: '18.75' },
          basis: '亩均税收 short by 1.875万元/亩 × 10亩 × 1 = 18.75万元',
        },
      ],
    });
  });

  it("hides a grantee's figures exactly as its annual data is hidden", async () => {
    const compliance = async (who: string) =>
      (
        ((await gql(yoga, READ, { year: 2018 }, h[who])).data?.landGrants ?? []) as {
          id: string;
          compliance: unknown;
        }[]
      ).map((g) => [g.id, g.compliance === null ? null : 'shown']);
    expect(await compliance('shimen')).toEqual([
      ['2023-15', 'shown'], // no grantee: nothing confidential
      ['SM-G1', 'shown'],
      ['ZQ-G1', null],
    ]);
    expect(await compliance('zhouquan')).toEqual([
      ['2023-15', 'shown'],
      ['SM-G1', null],
      ['ZQ-G1', 'shown'],
    ]);
    expect(await compliance('viewer')).toEqual([
      ['2023-15', 'shown'],
      ['SM-G1', null],
      ['ZQ-G1', null],
    ]);
    // the same rule as Enterprise.annualData
    const annual = await gql(
      yoga,
      `{ enterprise(uscc: "${uscc(3)}") { annualData(year: 2018) { uscc } } }`,
      {},
      h.shimen,
    );
    expect(annual.data?.enterprise).toEqual({ annualData: null });
  });

  it('lists the checks due in a year and the 亩 re-supplied from vacated land', async () => {
    const due = await gql(
      yoga,
      '{ grantChecksDue(city: "330483", year: 2018) { grantId stage checkYear } }',
      {},
      h.viewer,
    );
    expect(due.data?.grantChecksDue).toEqual([
      { grantId: 'SM-G1', stage: 'PRODUCTION', checkYear: 2018 },
      { grantId: 'ZQ-G1', stage: 'PRODUCTION', checkYear: 2018 },
    ]);
    const resupply = await gql(
      yoga,
      '{ grantResupply(city: "330483", year: 2015) { grants area { mu } } }',
      {},
      h.viewer,
    );
    expect(resupply.data?.grantResupply).toEqual({ grants: 0, area: { mu: '0' } });
  });
});
