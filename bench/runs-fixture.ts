/**
 * A synthetic city for the evaluation-run benches: `n` firms of 桐乡's eleven
 * towns with a year of annual data (deterministic integers, no floats), and
 * a two-cohort scheme (规上 / 规下 on 亩均税收 and 单位电耗税收, benchmarks
 * derived from the city, A20/B60/C15/D5).
 */
import {
  type EvaluationInput,
  makeUscc,
  parseRegistry,
  type Registry,
  TONGXIANG_2018_INPUT,
} from '../packages/core/src/index';

export function syntheticCity(n: number): { registry: Registry; input: EvaluationInput } {
  let state = 2019;
  const rand = (m: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % m;
  };
  const towns = TONGXIANG_2018_INPUT.towns.map((t) => t.code);
  const enterprises = [];
  const annualData = [];
  for (let i = 0; i < n; i++) {
    const uscc = makeUscc({
      authority: '9',
      orgType: '1',
      divisionCode: '330483',
      orgCodeBody: `R${String(i).padStart(7, '0')}`,
    });
    enterprises.push({
      uscc,
      name: `企业${i}`,
      townCode: towns[i % towns.length],
      industry: '1751',
      registeredOn: '2010-01-01',
    });
    const above = rand(5) === 0;
    annualData.push({
      uscc,
      year: 2018,
      scale: above ? 'aboveDesignatedSize' : 'belowDesignatedSize',
      tax: `${rand(500)}.${rand(100)}`,
      revenue: above ? `${2000 + rand(50_000)}` : `${100 + rand(1800)}`,
      landArea: `${2 + rand(60)}.${rand(10)}`,
      electricity: `${1 + rand(900)}.${rand(10)}`,
    });
  }
  const registry = parseRegistry({ region: TONGXIANG_2018_INPUT, enterprises, annualData });
  return {
    registry,
    input: { enterprises: [...registry.enterprises.values()], annualData: [...registry.annualData.values()] },
  };
}

const cohort = (id: string, scale: string) => ({
  id,
  name: id,
  membership: { scale },
  indicators: [
    { indicator: 'taxPerMu', weight: '60', benchmark: { derive: 'ratioOfSums' } },
    { indicator: 'taxPerElectricity', weight: '40', benchmark: { derive: 'ratioOfSums' } },
  ],
  classification: {
    by: 'percentile',
    bands: [
      { class: 'A', share: '20' },
      { class: 'B', share: '60' },
      { class: 'C', share: '15' },
      { class: 'D', share: '5' },
    ],
  },
});

export const BENCH_SCHEME = {
  id: 'bench-runs',
  name: '基准测试方案',
  jurisdiction: { code: '330483', name: '桐乡市' },
  year: 2018,
  cohorts: [cohort('above', 'aboveDesignatedSize'), cohort('below', 'belowDesignatedSize')],
};
