import { describe, expect, it } from 'vitest';
import { EVALUATION_PRESET_DOCUMENTS } from '../../src/evaluation/index';
import {
  EVALUATION_PRESET_IDS,
  evaluationPreset,
  parseEvaluationScheme,
  parsePolicyTable,
  safeParseEvaluationScheme,
} from '../../src/index';

function scheme(patch: (doc: Record<string, unknown>) => void) {
  const doc = structuredClone(EVALUATION_PRESET_DOCUMENTS['huangyan-2022']) as unknown as Record<string, unknown>;
  patch(doc);
  return doc;
}
// biome-ignore lint/suspicious/noExplicitAny: tests poke into JSON documents
type Doc = any;

function issues(doc: unknown) {
  const r = safeParseEvaluationScheme(doc);
  if (r.ok) throw new Error('expected the scheme to be refused');
  return r.issues;
}

describe('EvaluationScheme', () => {
  it('accepts every preset', () => {
    for (const id of EVALUATION_PRESET_IDS) expect(evaluationPreset(id).id).toBe(id);
  });

  it('fills the default rounding: exact, totals reported at 2 places half-up', () => {
    const s = parseEvaluationScheme(
      scheme((d: Doc) => {
        delete d.rounding;
      }),
    );
    expect(s.rounding).toEqual({
      mode: 'halfUp',
      report: { values: 4, benchmarks: 4, partialScores: 2, totals: 2, percentiles: 2 },
    });
  });

  it.each([
    ['0', 'positive'],
    ['-10', 'positive'],
  ])('refuses weight %s naming the field', (weight, rule) => {
    const i = issues(
      scheme((d: Doc) => {
        d.cohorts[0].indicators[1].weight = weight;
      }),
    );
    expect(i).toContainEqual(expect.objectContaining({ field: 'scheme.cohorts.0.indicators.1.weight', rule }));
  });

  it('refuses bands that do not cover 0–100%', () => {
    const i = issues(
      scheme((d: Doc) => {
        d.cohorts[1].classification.bands[3].share = '4';
      }),
    );
    expect(i).toContainEqual(
      expect.objectContaining({ field: 'scheme.cohorts.1.classification.bands', rule: 'classification.bandsCover' }),
    );
    expect(() =>
      parseEvaluationScheme(
        scheme((d: Doc) => {
          d.cohorts[1].classification.bands[3].share = '4';
        }),
      ),
    ).toThrow(/scheme\.cohorts\.1\.classification\.bands: band shares must cover 0–100%/);
  });

  it('refuses an unknown indicator, naming it', () => {
    const i = issues(
      scheme((d: Doc) => {
        d.cohorts[0].indicators[0].indicator = 'taxPerHectare';
      }),
    );
    expect(i[0]?.field).toBe('scheme.cohorts.0.indicators.0.indicator');
    expect(i[0]?.message).toMatch(/unknown indicator "taxPerHectare"/);
  });

  it('refuses a zero benchmark', () => {
    const i = issues(
      scheme((d: Doc) => {
        d.cohorts[0].indicators[2].benchmark = '0';
      }),
    );
    expect(i).toContainEqual(
      expect.objectContaining({ field: 'scheme.cohorts.0.indicators.2.benchmark.value', rule: 'positive' }),
    );
  });

  it('refuses a benchmark unit of the wrong kind, thresholds out of order, duplicate cohorts', () => {
    const i = issues(
      scheme((d: Doc) => {
        d.cohorts[0].indicators[0].benchmark = { value: '2', unit: { num: 'yuan', den: 'kWh' } };
        d.cohorts[1].classification = {
          by: 'threshold',
          thresholds: [
            { class: 'A', atLeast: '60' },
            { class: 'B', atLeast: '80' },
            { class: 'D', atLeast: '1' },
          ],
        };
        d.cohorts[1].id = d.cohorts[0].id;
      }),
    );
    const rules = i.map((x) => `${x.field} ${x.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'scheme.cohorts.0.indicators.0.benchmark.unit benchmark.unit',
        'scheme.cohorts.1.classification.thresholds.1.atLeast classification.thresholdOrder',
        'scheme.cohorts.1.classification.thresholds.2.atLeast classification.thresholdsCover',
        'scheme.cohorts.1.id unique',
      ]),
    );
  });

  it('refuses a benchmark with both a value and a derivation', () => {
    const i = issues(
      scheme((d: Doc) => {
        d.cohorts[0].indicators[0].benchmark = { value: '2', derive: 'ratioOfSums' };
      }),
    );
    expect(i[0]).toMatchObject({ field: 'scheme.cohorts.0.indicators.0.benchmark', rule: 'benchmark.kind' });
  });

  it('refuses classes out of order', () => {
    const i = issues(
      scheme((d: Doc) => {
        d.cohorts[0].classification.bands[0].class = 'B';
        d.cohorts[0].classification.bands[1].class = 'A';
      }),
    );
    expect(i[0]).toMatchObject({
      field: 'scheme.cohorts.0.classification.bands.1.class',
      rule: 'classification.order',
    });
  });

  it.each([
    ['totals', -1],
    ['totals', 21],
    ['values', 1.5],
  ])('refuses rounding.%s = %s places with the rule rounding.places', (step, places) => {
    const i = issues(
      scheme((d: Doc) => {
        d.rounding = { [step]: places };
      }),
    );
    expect(i).toContainEqual(expect.objectContaining({ field: `scheme.rounding.${step}`, rule: 'rounding.places' }));
  });

  it('refuses report places out of range with the rule rounding.places', () => {
    const i = issues(
      scheme((d: Doc) => {
        d.rounding = { report: { totals: 30 } };
      }),
    );
    expect(i).toContainEqual(
      expect.objectContaining({ field: 'scheme.rounding.report.totals', rule: 'rounding.places' }),
    );
  });

  it.each([
    [0, 'positive'],
    [-2, 'positive'],
    [1.5, 'integer'],
  ])('refuses an exemption counting %s years (%s)', (years, rule) => {
    const i = issues(
      scheme((d: Doc) => {
        d.exemptions = [{ rule: 'registeredWithinYears', years }];
      }),
    );
    expect(i).toContainEqual(expect.objectContaining({ field: 'scheme.exemptions.0.years', rule }));
  });
});

describe('PolicyTable', () => {
  const table = (measure: Record<string, unknown>) => ({ id: 'p', name: '差别化政策', measures: [measure] });
  const refused = (measure: Record<string, unknown>) => {
    try {
      parsePolicyTable(table(measure));
    } catch (e) {
      return (e as { issues: { field: string; rule: string }[] }).issues;
    }
    throw new Error('expected the table to be refused');
  };

  it('accepts shares from 0 to 1 and non-negative prices', () => {
    expect(
      parsePolicyTable(table({ kind: 'waterSurcharge', class: 'D', share: '1', basePriceYuanPerTonne: '0' })).measures,
    ).toHaveLength(1);
    expect(
      parsePolicyTable(table({ kind: 'landUseTaxRelief', class: 'A', share: '0', taxYuanPerSquareMetre: '6' }))
        .measures,
    ).toHaveLength(1);
  });

  it.each([
    [
      { kind: 'waterSurcharge', class: 'D', share: '1.3', basePriceYuanPerTonne: '4' },
      'measures.0.share',
      'share.range',
    ],
    [
      { kind: 'waterSurcharge', class: 'D', share: '-0.3', basePriceYuanPerTonne: '4' },
      'measures.0.share',
      'share.range',
    ],
    [
      { kind: 'landUseTaxRelief', class: 'A', share: '2', taxYuanPerSquareMetre: '6' },
      'measures.0.share',
      'share.range',
    ],
    [
      { kind: 'waterSurcharge', class: 'D', share: '0.3', basePriceYuanPerTonne: '-4' },
      'measures.0.basePriceYuanPerTonne',
      'nonNegative',
    ],
    [
      { kind: 'landUseTaxRelief', class: 'A', share: '1', taxYuanPerSquareMetre: '-6' },
      'measures.0.taxYuanPerSquareMetre',
      'nonNegative',
    ],
    [{ kind: 'electricitySurcharge', class: 'C', yuanPerKWh: '-0.1' }, 'measures.0.yuanPerKWh', 'nonNegative'],
    [{ kind: 'sewageSurcharge', class: 'C', yuanPerTonne: '-1' }, 'measures.0.yuanPerTonne', 'nonNegative'],
  ])('refuses %o naming %s and rule %s', (measure, field, rule) => {
    expect(refused(measure)).toContainEqual(expect.objectContaining({ field: `policyTable.${field}`, rule }));
  });
});
