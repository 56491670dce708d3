import { beforeAll, describe, expect, it } from 'vitest';
import { articleGateway } from './contract-fixtures';
import { at, cityAdminHeaders, gql } from './fixtures';

/*
 * 预警 against 序时进度 through the gateway, on the article's 2018 ledger:
 * park entries 梧桐 54, 凤鸣 53, 高桥 53, 乌镇 53 (test/contract-fixtures.ts).
 */

type Row = Record<string, unknown>;
let yoga: Awaited<ReturnType<typeof articleGateway>>['yoga'];
beforeAll(async () => {
  ({ yoga } = await articleGateway());
});

const period = { from: '2018-01-01', to: '2018-12-31' };
const entries = (values: Record<string, string>) => ({
  id: 'entries',
  label: '小微企业入园',
  measure: 'parkEntries',
  period,
  value: String(Object.values(values).reduce((s, v) => s + Number(v), 0)),
  children: Object.entries(values).map(([townCode, value]) => ({
    id: `entries-${townCode.slice(6, 9)}`,
    townCode,
    value,
  })),
});
const WUTONG = '330483001000';
const FENGMING = '330483002000';
const GAOQIAO = '330483003000';
const WUZHEN = '330483101000';

const SAVE = `mutation ($input: SaveTargetsInput!) { saveTargets(input: $input) {
  __typename ... on SaveTargetsSuccess { targets { id } } ... on ValidationError { fieldErrors { field rule } } } }`;

const WARNINGS = `query ($year: Int!) { targetWarnings(city: "330483", year: $year, asOf: "2018-12-31") {
  asOf rule { id yellowFrom redAbove }
  towns { town { code } level levelLabel targets { target { id } level } }
  supervision { target { id townCode } level levelLabel pointsBehind(places: 4) progress { warning warningLabel } } } }`;

async function save(year: number, warning?: unknown) {
  const targets = [entries({ [WUTONG]: '60', [FENGMING]: '530', [GAOQIAO]: '53', [WUZHEN]: '58.8888' })];
  const ranking = { components: [{ key: 'entries', label: '入园', weight: '100', targetId: 'entries' }] };
  const input = {
    city: '330483',
    year,
    targets: JSON.stringify(targets),
    ranking: JSON.stringify(ranking),
    ...(warning === undefined ? {} : { warning: JSON.stringify(warning) }),
  };
  const res = await gql(yoga, SAVE, { input }, await cityAdminHeaders());
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res;
}

describe('预警 against 序时进度 (targetWarnings, TargetProgress.warning, TownRank.warning)', () => {
  it('grades targets and towns by the 银川 2025 preset and lists yellow and red for 督办', async () => {
    expect(at((await save(2019)).data, 'saveTargets.__typename')).toBe('SaveTargetsSuccess');
    const res = await gql(yoga, WARNINGS, { year: 2019 });
    expect(res.errors).toBeUndefined();
    const r = at(res.data, 'targetWarnings') as Row;
    expect(r.rule).toEqual({ id: 'yinchuan-2025', yellowFrom: '10', redAbove: '30' });
    const town = (code: string) => (r.towns as Row[]).find((t) => at(t, 'town.code') === code);
    // 梧桐 54 of 60: exactly 10 points behind is yellow; 乌镇 53 of 58.8888: 9.9999 points, 关注.
    expect(town(WUTONG)).toMatchObject({ level: 'YELLOW', levelLabel: '黄色预警' });
    expect(town(FENGMING)).toMatchObject({ level: 'RED', levelLabel: '红色预警' });
    expect(town(GAOQIAO)).toMatchObject({ level: 'GREEN' });
    expect(town(WUZHEN)).toMatchObject({ level: 'WATCH', levelLabel: '关注' });
    expect(town('330483108000')).toMatchObject({ level: null, levelLabel: null, targets: [] });
    // The city counts every town's entries: 585 of 701.8888 is 16.65 points behind. Red first, city-wide first.
    expect(r.supervision).toEqual([
      {
        target: { id: 'entries-002', townCode: FENGMING },
        level: 'RED',
        levelLabel: '红色预警',
        pointsBehind: '90.0000',
        progress: { warning: 'RED', warningLabel: '红色预警' },
      },
      {
        target: { id: 'entries', townCode: null },
        level: 'YELLOW',
        levelLabel: '黄色预警',
        pointsBehind: '16.6535',
        progress: { warning: 'YELLOW', warningLabel: '黄色预警' },
      },
      {
        target: { id: 'entries-001', townCode: WUTONG },
        level: 'YELLOW',
        levelLabel: '黄色预警',
        pointsBehind: '10.0000',
        progress: { warning: 'YELLOW', warningLabel: '黄色预警' },
      },
    ]);
    // The weekly ranking shows each town's level on its Sunday (after the period: the same levels).
    const rank = await gql(
      yoga,
      '{ townRanking(city: "330483", year: 2019, week: 1) { rows { town { code } warning warningLabel } } }',
    );
    expect(rank.errors).toBeUndefined();
    const rows = at(rank.data, 'townRanking.rows') as Row[];
    const level = (code: string) => rows.find((x) => at(x, 'town.code') === code);
    expect(level(WUTONG)).toMatchObject({ warning: 'YELLOW', warningLabel: '黄色预警' });
    expect(level(FENGMING)).toMatchObject({ warning: 'RED' });
    expect(level(WUZHEN)).toMatchObject({ warning: 'WATCH' });
    expect(level('330483108000')).toMatchObject({ warning: null, warningLabel: null });
  });

  it('takes the rule from the target set, and refuses a bad rule naming the field', async () => {
    expect(
      at((await save(2020, { id: 'strict', yellowFrom: '5', redAbove: '9.5' })).data, 'saveTargets.__typename'),
    ).toBe('SaveTargetsSuccess');
    const r = at((await gql(yoga, WARNINGS, { year: 2020 })).data, 'targetWarnings') as Row;
    expect(r.rule).toEqual({ id: 'strict', yellowFrom: '5', redAbove: '9.5' });
    const town = (code: string) => (r.towns as Row[]).find((t) => at(t, 'town.code') === code);
    expect(town(WUTONG)).toMatchObject({ level: 'RED' }); // 10 > 9.5
    expect(town(WUZHEN)).toMatchObject({ level: 'RED' }); // 9.9999 > 9.5
    const bad = await save(2020, { id: 'w', yellowFrom: '30', redAbove: '10' });
    expect(at(bad.data, 'saveTargets')).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'warning.redAbove', rule: 'warning.order' }],
    });
    const unknown = await save(2020, 'nowhere-1990');
    expect(at(unknown.data, 'saveTargets.fieldErrors')).toEqual([{ field: 'warning', rule: 'warning.preset' }]);
    // The refused saves changed nothing.
    expect(at((await gql(yoga, WARNINGS, { year: 2020 })).data, 'targetWarnings.rule.id')).toBe('strict');
    // No target set: the preset and empty lists.
    const none = at((await gql(yoga, WARNINGS, { year: 2031 })).data, 'targetWarnings') as Row;
    expect(none).toMatchObject({ rule: { id: 'yinchuan-2025' }, towns: [], supervision: [] });
  });
});
