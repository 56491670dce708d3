import { EVALUATION_PRESET_DOCUMENTS } from '@mujun/core/evaluation';
import { describe, expect, it } from 'vitest';
import { at, cityAdminHeaders, gql, memoryGateway, uscc } from './fixtures';

/*
 * 临海 2016 end to end through GraphQL: its cohorts score 亩均销售收入,
 * 单位COD排放增加值 and 单位用水增加值, so a county on this preset must enter
 * sales, water and COD through the gateway (saveAnnualData), read them back,
 * and see them scored by the live `evaluation` and in a started run.
 */
const FIGURES = 'tax { wanYuan } sales { wanYuan } water { tonnes } cod { tonnes } employees landArea { mu }';
const SAVE = `mutation ($input: SaveAnnualDataInput!) { saveAnnualData(input: $input) {
  __typename ... on SaveAnnualDataSuccess { records { uscc ${FIGURES} } }
  ... on ValidationError { fieldErrors { field rule message } } } }`;
const INDICATORS = 'indicators { indicator reportedValue unit }';

/** A 规上 firm on 4亩: 亩均税收 15, 亩均销售 600, 单位COD增加值 500, 单位用水增加值 0.1 (万元/吨). */
const firm = (n: number) => ({
  uscc: uscc(n),
  year: 2016,
  scale: 'ABOVE_DESIGNATED_SIZE',
  revenue: '2500',
  tax: String(60 * n),
  sales: String(2400 * n),
  valueAdded: String(600 * n),
  energy: '200',
  cod: '1.2',
  water: '6000',
  electricity: '100',
  employees: 40,
  landArea: '4',
});

describe('临海 2016 through GraphQL', () => {
  it('saves and reads sales, water and COD, and scores them in evaluation and a run', async () => {
    const { yoga } = await memoryGateway();
    const admin = await cityAdminHeaders();
    const document = {
      ...EVALUATION_PRESET_DOCUMENTS['linhai-2016'],
      id: 'linhai-2016-tx',
      jurisdiction: { code: '330483', name: '桐乡市' },
    };
    const scheme = await gql(
      yoga,
      'mutation ($input: SaveSchemeInput!) { saveScheme(input: $input) { __typename ... on SaveSchemeSuccess { id } } }',
      { input: { city: '330483', document: JSON.stringify(document) } },
      admin,
    );
    expect(at(scheme.data, 'saveScheme.__typename')).toBe('SaveSchemeSuccess');

    const saved = await gql(yoga, SAVE, { input: { city: '330483', records: [1, 2, 3, 4].map(firm) } }, admin);
    expect(at(saved.data, 'saveAnnualData.__typename'), JSON.stringify(saved)).toBe('SaveAnnualDataSuccess');
    expect((at(saved.data, 'saveAnnualData.records') as unknown[])[0]).toEqual({
      uscc: uscc(1),
      tax: { wanYuan: '60' },
      sales: { wanYuan: '2400' },
      water: { tonnes: '6000' },
      cod: { tonnes: '1.2' },
      employees: 40,
      landArea: { mu: '4' },
    });

    const expected = [
      { indicator: 'TAX_PER_MU', reportedValue: '15.0000' },
      { indicator: 'SALES_PER_MU', reportedValue: '600.0000' },
      { indicator: 'VALUE_ADDED_PER_COD', reportedValue: '500.0000' },
      { indicator: 'VALUE_ADDED_PER_WATER', reportedValue: '0.1000' },
    ];
    const live = await gql(
      yoga,
      `{ evaluation(city: "330483", schemeId: "linhai-2016-tx", year: 2016) {
        results(uscc: "${uscc(1)}") { edges { node { status cohort ${INDICATORS} } } } } }`,
      {},
      admin,
    );
    const node = at(live.data, 'evaluation.results.edges.0.node') as { indicators: unknown[] };
    expect(node, JSON.stringify(live)).toMatchObject({ status: 'RATED', cohort: 'aboveDesignatedSize3MuPlus' });
    expect(node.indicators).toEqual(expect.arrayContaining(expected.map((e) => expect.objectContaining(e))));

    const run = await gql(
      yoga,
      `mutation ($input: StartEvaluationRunInput!) { startEvaluationRun(input: $input) {
        __typename ... on EvaluationRunSuccess { run { results(first: 10) { edges { node { uscc status ${INDICATORS} } } } } } } }`,
      { input: { city: '330483', schemeId: 'linhai-2016-tx', year: 2016 } },
      admin,
    );
    expect(at(run.data, 'startEvaluationRun.__typename'), JSON.stringify(run)).toBe('EvaluationRunSuccess');
    const edges = at(run.data, 'startEvaluationRun.run.results.edges') as {
      node: { uscc: string; indicators: unknown[] };
    }[];
    const first = edges.find((e) => e.node.uscc === uscc(1))?.node;
    expect(first?.indicators).toEqual(expect.arrayContaining(expected.map((e) => expect.objectContaining(e))));
  });
});
