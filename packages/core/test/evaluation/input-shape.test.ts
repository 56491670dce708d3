import { describe, expect, it } from 'vitest';
import { growthByTown } from '../../src/evaluation/index';
import { type EnterpriseAnnualData, evaluate, evaluationPreset, ValidationError } from '../../src/index';
import { belowThreshold } from '../../src/internal';
import { dataRevision } from '../../src/runs/index';
import { build } from './fixtures';

/* Entry points that take parsed records refuse unparsed ones with a ValidationError naming the field and rule. */

const specs = Array.from({ length: 14 }, (_, n) => ({
  n: n + 1,
  data: { revenue: '3000', tax: '100', valueAdded: '500', landArea: '20', energy: '10', employees: '50' },
}));

function issueOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues[0];
  }
  throw new Error('expected a ValidationError');
}

describe('records of the wrong shape', () => {
  const scheme = evaluationPreset('huangyan-2022');
  const { enterprises, annualData } = build(specs);
  // record 12 with tax as a JS number instead of a Quantity
  const bad = annualData.map((d, i) => (i === 12 ? { ...d, tax: 0.1 } : d)) as unknown as EnterpriseAnnualData[];

  it('evaluate names input.annualData.12.tax and the rule', () => {
    const issue = issueOf(() => evaluate(scheme, { enterprises, annualData: bad }));
    expect(issue?.field).toBe('input.annualData.12.tax');
    expect(issue?.rule).toBe('invalid_type');
    expect(issue?.message).toMatch(/money quantity.*not number/);
  });

  it('evaluate refuses a quantity of the wrong kind, a string year, a raw enterprise', () => {
    const area = annualData.map((d, i) =>
      i === 3 ? { ...d, tax: annualData[0]?.landArea } : d,
    ) as unknown as EnterpriseAnnualData[];
    expect(issueOf(() => evaluate(scheme, { enterprises, annualData: area }))).toMatchObject({
      field: 'input.annualData.3.tax',
      rule: 'invalid_type',
      message: expect.stringMatching(/not a area quantity/),
    });
    const year = annualData.map((d, i) => (i === 0 ? { ...d, year: '2022' } : d)) as unknown as EnterpriseAnnualData[];
    expect(issueOf(() => evaluate(scheme, { enterprises, annualData: year }))?.field).toBe('input.annualData.0.year');
    const raw = enterprises.map((e, i) => (i === 5 ? { ...e, industry: '1751' } : e)) as typeof enterprises;
    expect(issueOf(() => evaluate(scheme, { enterprises: raw, annualData }))).toMatchObject({
      field: 'input.enterprises.5.industry',
      rule: 'invalid_type',
    });
  });

  it('the other entry points that take records answer the same way', () => {
    const options = { year: 2022, indicator: 'taxPerMu', below: '3' } as const;
    expect(issueOf(() => belowThreshold(enterprises, bad, options))?.field).toBe('annualData.12.tax');
    expect(issueOf(() => growthByTown(enterprises, bad, { indicator: 'taxPerMu', from: 2021, to: 2022 }))?.field).toBe(
      'annualData.12.tax',
    );
    expect(issueOf(() => dataRevision({ enterprises, annualData: bad }, 2022))?.field).toBe('input.annualData.12.tax');
  });

  it('parsed records still evaluate', () => {
    const r = evaluate(scheme, { enterprises, annualData });
    expect(r.enterprises).toHaveLength(14);
    expect(r.statusOf(0)).toBe('rated');
  });
});

describe('the order of the firms', () => {
  // Ties on purpose (every third firm reports the same figures), so the order of equal totals is tested too.
  const same = { revenue: '3000', tax: '90', valueAdded: '400', landArea: '10', energy: '5', employees: '30' };
  const varied = Array.from({ length: 40 }, (_, n) => ({
    n: n + 1,
    data:
      n % 3 === 0
        ? same
        : {
            revenue: String(2500 + (n % 7) * 300),
            tax: String(40 + ((n * 37) % 120)),
            valueAdded: String(300 + (n % 5) * 50),
            landArea: String(5 + (n % 11)),
            energy: String(4 + (n % 6)),
            employees: String(20 + n),
          },
  }));
  const scheme = evaluationPreset('huangyan-2022');
  const { enterprises, annualData } = build(varied);
  const outcome = (r: ReturnType<typeof evaluate>) =>
    Object.fromEntries(
      r.enterprises.map((e) => [e.uscc, [e.status, e.class, e.rank, e.total?.toString() ?? null, e.cohortId]]),
    );
  const byUscc = <T extends { uscc: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));

  it('firms in USCC order (searched in place) and in any other order evaluate alike', () => {
    const sorted = evaluate(scheme, { enterprises: byUscc(enterprises), annualData: byUscc(annualData) });
    const reversed = evaluate(scheme, {
      enterprises: byUscc(enterprises).reverse(),
      annualData: [...annualData].reverse(),
    });
    expect(new Set(sorted.enterprises.map((e) => e.class)).size).toBeGreaterThan(1);
    expect(outcome(reversed)).toEqual(outcome(sorted));
    // Equal totals share the better rank, whatever the order.
    const ranks = sorted.enterprises.map((e) => e.rank).filter((x) => x !== null);
    expect(new Set(ranks).size).toBeLessThan(ranks.length);
  });
});
