import { describe, expect, it } from 'vitest';
import { at, gql, memoryGateway } from './fixtures';

describe('evaluationScheme: published scheme data for everyone', () => {
  it('gives a viewer (no token) the weights, fixed benchmarks and method of 黄岩 2022', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(
      yoga,
      `{ evaluationScheme(schemeId: "huangyan-2022", year: 2022) { id name cohorts { key name methodLabel
          classes { class share }
          indicators { indicator label unit weight benchmarkMethod benchmarkMethodLabel benchmark benchmarkUnit } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const cohorts = at(res.data, 'evaluationScheme.cohorts') as Record<string, unknown>[];
    const first = cohorts[0] as { indicators: Record<string, unknown>[]; classes: unknown[] };
    expect(first.indicators[0]).toEqual({
      indicator: 'TAX_PER_MU',
      label: '亩均税收',
      unit: '万元/亩',
      weight: '30',
      benchmarkMethod: 'PUBLISHED',
      benchmarkMethodLabel: '公布值',
      benchmark: '24.097',
      benchmarkUnit: '万元/亩',
    });
    expect(first.indicators.map((i) => i.benchmark)).toEqual([
      '24.097',
      '136.16',
      '2.694',
      '4929.81',
      '18.14',
      '0.0302',
    ]);
    expect(first.classes).toEqual([
      { class: 'A', share: '20' },
      { class: 'B', share: '60' },
      { class: 'C', share: '15' },
      { class: 'D', share: '5' },
    ]);
    const missing = await gql(yoga, '{ evaluationScheme(schemeId: "nowhere", year: 2022) { id } }');
    expect(missing.errors?.[0]?.message).toMatch(/no scheme nowhere/);
  });
});
