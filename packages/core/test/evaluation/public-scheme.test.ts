import { describe, expect, it } from 'vitest';
import { EVALUATION_PRESET_DOCUMENTS } from '../../src/evaluation/index';
import { parseEvaluationScheme, publicScheme } from '../../src/index';

describe('publicScheme: the scheme data everyone may read', () => {
  it('publishes 黄岩 2022 weights and fixed benchmarks exactly, with the classification method', () => {
    const view = publicScheme(parseEvaluationScheme(EVALUATION_PRESET_DOCUMENTS['huangyan-2022']));
    const above = view[0];
    expect(
      above?.indicators.map((i) => `${i.label} ${i.weight} ${i.benchmarkMethod} ${i.benchmark?.toDecimal().toFixed()}`),
    ).toEqual([
      '亩均税收 30 published 24.097',
      '亩均增加值 20 published 136.16',
      '单位能耗增加值 20 published 2.694',
      '单位排放增加值 10 published 4929.81',
      '全员劳动生产率 10 published 18.14',
      'R&D经费占营业收入比 10 published 0.0302',
    ]);
    expect(above?.indicators[0]?.benchmarkUnitLabel).toBe('万元/亩');
    expect(above?.method).toBe('percentile');
    expect(above?.classes.map((c) => `${c.class} ${c.share}`)).toEqual(['A 20', 'B 60', 'C 15', 'D 5']);
  });

  it('gives only the method of a benchmark derived from the firms, never a figure', () => {
    const doc = structuredClone(EVALUATION_PRESET_DOCUMENTS['huangyan-2022']) as {
      cohorts: { indicators: { benchmark: unknown }[] }[];
    };
    const first = doc.cohorts[0]?.indicators[0];
    if (first) first.benchmark = { derive: 'ratioOfSums' };
    const tax = publicScheme(parseEvaluationScheme(doc))[0]?.indicators[0];
    expect(tax).toMatchObject({ benchmarkMethod: 'ratioOfSums', benchmark: undefined });
  });
});
