import { parseAnnualData, parseEnterprise } from '../../src/index';
import { TOWN_A, TOWN_B, usccOf } from '../evaluation/fixtures';

export { TOWN_A, TOWN_B, usccOf };

/**
 * A two-cohort scheme document (规上, 规下) on 亩均税收 over a derived
 * benchmark, percentile bands A20/B60/C10/D10, with a policy table.
 */
export function runSchemeDocument(patch: Record<string, unknown> = {}) {
  const cohort = (id: string, scale: string) => ({
    id,
    name: id,
    membership: { scale },
    indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: { derive: 'ratioOfSums' } }],
    classification: {
      by: 'percentile',
      bands: [
        { class: 'A', share: '20' },
        { class: 'B', share: '60' },
        { class: 'C', share: '10' },
        { class: 'D', share: '10' },
      ],
    },
  });
  return {
    id: 'run-probe',
    name: '测试方案',
    jurisdiction: { code: '331003', name: '黄岩区' },
    year: 2022,
    cohorts: [cohort('above', 'aboveDesignatedSize'), cohort('below', 'belowDesignatedSize')],
    policies: {
      id: 'p',
      name: '差别化政策',
      measures: [
        { kind: 'electricitySurcharge', class: 'C', yuanPerKWh: '0.10' },
        { kind: 'electricitySurcharge', class: 'D', yuanPerKWh: '0.30' },
        { kind: 'landUseTaxRelief', class: 'A', share: '0.5', taxYuanPerSquareMetre: '8' },
      ],
    },
    ...patch,
  };
}

/** 20 firms: 1–10 规上 (tax n万元 on 1亩), 11–20 规下; odd firms in town A, even in town B. */
export function runInput(taxOf: (n: number) => string = (n) => String(n)) {
  const ns = Array.from({ length: 20 }, (_, i) => i + 1);
  return {
    enterprises: ns.map((n) =>
      parseEnterprise({
        uscc: usccOf(n),
        name: `企业${n}`,
        townCode: n % 2 ? TOWN_A : TOWN_B,
        industry: '1751',
        registeredOn: '2010-01-01',
      }),
    ),
    annualData: ns.map((n) =>
      parseAnnualData({
        uscc: usccOf(n),
        year: 2022,
        scale: n <= 10 ? 'aboveDesignatedSize' : 'belowDesignatedSize',
        revenue: n <= 10 ? '5000' : '100',
        tax: taxOf(n),
        landArea: '1',
        electricity: '10',
      }),
    ),
  };
}
