import { mintDevToken } from '@mujun/graphql';
import { describe, expect, it } from 'vitest';
import { at, bearer, gql, memoryGateway, SECRET, SHIMEN, uscc, ZHOUQUAN } from './fixtures';

/*
 * Firms' figures (tax, value added, land, …) are confidential outside the
 * city's admins and the firm's own town's operators (run-policy.ts): the
 * same rule as evaluation results, applied to `Enterprise.annualData` and to
 * a list filter by a figure.
 */
const TAX = (n: number) => `{ enterprise(uscc: "${uscc(n)}") { name annualData(year: 2018) { tax { wanYuan } } } }`;

async function headersOf(who: string): Promise<Record<string, string>> {
  switch (who) {
    case 'no token':
      return {};
    case 'viewer':
      return bearer(await mintDevToken({ role: 'viewer', secret: SECRET }));
    case '石门 operator':
      return bearer(await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET }));
    case '洲泉 operator':
      return bearer(await mintDevToken({ role: 'townOperator', town: ZHOUQUAN, secret: SECRET }));
    case '桐乡 admin':
      return bearer(await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET }));
    default:
      return bearer(await mintDevToken({ role: 'cityAdmin', city: '330481', secret: SECRET }));
  }
}

describe("a firm's annual figures, by who asks", () => {
  // uscc(1) lies in 石门.
  const cases: [string, boolean][] = [
    ['no token', false],
    ['viewer', false],
    ['石门 operator', true],
    ['洲泉 operator', false],
    ['桐乡 admin', true],
    ['海宁 admin', false],
  ];
  it.each(cases)('%s: figures shown = %s (names always)', async (who, shown) => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, TAX(1), {}, await headersOf(who));
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'enterprise.name')).toBeTypeOf('string');
    const tax = at(res.data, 'enterprise.annualData.tax.wanYuan');
    if (shown) expect(tax).toMatch(/^\d/);
    else expect(at(res.data, 'enterprise.annualData')).toBeNull();
  });

  it('refuses a filter by 亩均税收 to whoever does not see every listed firm', async () => {
    const { yoga } = await memoryGateway();
    const q = (town: string) =>
      `{ enterprises(city: "330483", ${town} year: 2018, taxPerMuBelow: "100") { edges { node { uscc } } } }`;
    for (const who of ['no token', 'viewer', '洲泉 operator', '海宁 admin']) {
      const res = await gql(yoga, q(''), {}, await headersOf(who));
      expect(res.errors?.[0]?.extensions?.fieldErrors, who).toEqual([
        expect.objectContaining({ rule: 'figures.hidden' }),
      ]);
    }
    // A town operator without `town` would filter other towns' firms too.
    const op = await headersOf('石门 operator');
    expect((await gql(yoga, q(''), {}, op)).errors?.[0]?.extensions?.fieldErrors).toEqual([
      expect.objectContaining({ rule: 'figures.hidden', field: 'taxPerMuBelow' }),
    ]);
    const own = await gql(yoga, q('town: "石门",'), {}, op);
    expect(own.errors).toBeUndefined();
    expect(at(own.data, 'enterprises.edges')).toHaveLength(2);
    const admin = await gql(yoga, q(''), {}, await headersOf('桐乡 admin'));
    expect(admin.errors).toBeUndefined();
  });
});
