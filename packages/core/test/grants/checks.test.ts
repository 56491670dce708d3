import { describe, expect, it } from 'vitest';
import { parseAnnualData, type ValidationError } from '../../src';
import {
  addMonths,
  assessConsequences,
  CONSEQUENCE_PRESETS,
  checkGrant,
  daysLate,
  grantPhase,
  grantsDueForCheck,
  grantToJson,
  type LandGrantInput,
  parseLandGrant,
  parseLandGrants,
  TONGXIANG_2023_LISTINGS,
} from '../../src/grants';

const GRANTEE = '91330483MA2B00019Q';

/** 2023-16 granted, built and in production from 2024-05-01: 达产复核 in 2026. */
function granted(extra: Partial<LandGrantInput> = {}): LandGrantInput {
  return {
    ...(TONGXIANG_2023_LISTINGS[1] as LandGrantInput),
    granteeUscc: GRANTEE,
    transactionPrice: '1500',
    grantedOn: '2023-06-20',
    signedOn: '2023-06-30',
    agreedStartOn: '2023-12-31',
    agreedCompletionOn: '2025-06-30',
    startedOn: '2023-12-01',
    completedOn: '2024-04-01',
    productionOn: '2024-05-01',
    construction: {
      surveyedOn: '2024-04-10',
      floorArea: '30000',
      buildingFootprint: '7000',
      greenArea: '900',
      fixedAssetInvestment: '9800',
      equipmentInvestment: '4000',
    },
    ...extra,
  };
}

const annual = (fields: Record<string, string>) =>
  parseAnnualData({ uscc: GRANTEE, year: 2026, scale: 'aboveDesignatedSize', ...fields });

describe('checks at 竣工验收 and 达产复核', () => {
  it('measures construction facts exactly over the granted area (12811.08 m² = 19.21662 亩)', () => {
    const g = parseLandGrant(granted());
    const c = checkGrant(g, { year: 2024 });
    const by = Object.fromEntries(c.rows.map((r) => [`${r.indicator}|${r.stage}`, r]));
    // 容积率 30000 / 12811.08 — within 2.0–3.5
    expect(by['floorAreaRatio|completion']?.status).toBe('met');
    expect(by['floorAreaRatio|completion']?.actual?.toString()).toBe('250000/106759');
    // 建筑密度 7000/12811.08 = 54.64…% ≤ 65
    expect(by['buildingDensity|completion']?.status).toBe('met');
    // 绿地率 900/12811.08 = 7.02…% within 5–10
    expect(by['greenRatio|completion']?.status).toBe('met');
    // 投产后2年 commitments are not due in 2024
    expect(by['taxPerMu|production']?.status).toBe('notDue');
    expect(by['taxPerMu|production']?.checkYear).toBe(2026);
    expect(c.verdict).toBe('compliant');
  });

  it('at 达产复核: met, short by an exact amount, and the tax shortfall over the granted area', () => {
    const g = parseLandGrant(granted());
    const c = checkGrant(g, {
      year: 2026,
      annual: annual({
        tax: '800', // 800 / 19.21662 = 41.63… < 42.6
        revenue: '30000',
        sales: '26000', // 1352.99… ≥ 1300
        valueAdded: '6000',
        energy: '2000', // 3 ≥ 2.04
        emissionEquivalent: '1', // 6000 ≥ 3430.62
        rdExpense: '1050', // 3.5% ≥ 3.5
      }),
    });
    const by = Object.fromEntries(c.rows.map((r) => [r.indicator, r]));
    expect(by.taxPerMu?.status).toBe('short');
    // 42.6 − 800/19.21662 exactly; × 19.21662 亩 = 818.628012 − 800 = 18.628012 万元
    expect(by.taxPerMu?.shortfallTotal?.toDecimal('wanYuan').toFixed()).toBe('18.628012');
    expect(by.taxPerMu?.actual?.toFixed({ places: 4 })).toBe('41.6306');
    expect(by.salesPerMu?.status).toBe('met');
    expect(by.valueAddedPerEnergy?.actual?.toString()).toBe('3');
    expect(by.rdShare?.status).toBe('met'); // the boundary: exactly 3.5% meets 不少于 3.5%
    expect(by.rdShare?.actual?.toString()).toBe('7/2');
    // 投资强度 9800 / 19.21662 = 509.97… < 520: short, 不含土地价款
    expect(by.investmentIntensity?.status).toBe('short');
    expect(c.verdict).toBe('shortfall');
    // 含土地价款 (a county option): (9800 + 1500) / 19.21662 = 588.0… ≥ 520
    const withLand = checkGrant(g, {
      year: 2026,
      annual: annual({ tax: '1000', revenue: '30000' }),
      options: { investmentIncludesLandPrice: true },
    });
    expect(withLand.rows.find((r) => r.indicator === 'investmentIntensity')?.status).toBe('met');
  });

  it('tax over the used area is a scheme option; missing data is noData, and the verdict incomplete', () => {
    const g = parseLandGrant(granted({ construction: { surveyedOn: '2024-04-10', fixedAssetInvestment: '10000' } }));
    const c = checkGrant(g, {
      year: 2026,
      annual: annual({ tax: '860', revenue: '30000', landArea: '20' }),
      options: { perMuArea: 'used' },
    });
    const tax = c.rows.find((r) => r.indicator === 'taxPerMu');
    expect(tax?.actual?.toString()).toBe('43'); // 860 / 20
    expect(tax?.status).toBe('met');
    expect(c.rows.find((r) => r.indicator === 'floorAreaRatio')?.status).toBe('noData');
    expect(c.verdict).toBe('incomplete');
    expect(checkGrant(g, { year: 2026 }).rows.find((r) => r.indicator === 'taxPerMu')?.reason).toBe(
      'no annual data of the grantee for 2026',
    );
  });

  it('a completion overdue without a survey is noData; before its date notDue', () => {
    const g = parseLandGrant(granted({ construction: undefined, completedOn: undefined, productionOn: undefined }));
    expect(checkGrant(g, { year: 2024 }).verdict).toBe('notDue');
    const late = checkGrant(g, { year: 2025 });
    expect(late.rows.find((r) => r.indicator === 'floorAreaRatio')?.status).toBe('noData');
    expect(late.verdict).toBe('incomplete');
  });

  it('lists the grants due for a check in a year', () => {
    const a = parseLandGrant(granted());
    const b = parseLandGrant({ ...granted(), id: '2023-99', productionOn: '2025-03-01' });
    expect(grantsDueForCheck([b, a], 2026).map((d) => [d.grantId, d.stage, d.checkYear])).toEqual([
      ['2023-16', 'production', 2026],
    ]);
    expect(grantsDueForCheck([a, b], 2027).map((d) => d.grantId)).toEqual(['2023-99']);
    expect(grantsDueForCheck([a], 2024).map((d) => [d.stage, d.dueOn])).toEqual([['completion', '2024-04-01']]);
  });

  it('phases follow the dates', () => {
    const g = parseLandGrant(granted());
    expect(grantPhase(g, '2023-07-01')).toBe('granted');
    expect(grantPhase(g, '2024-01-01')).toBe('underConstruction');
    expect(grantPhase(g)).toBe('inProduction');
    expect(grantPhase(parseLandGrant(TONGXIANG_2023_LISTINGS[0]))).toBe('listed');
  });

  it('round-trips through its JSON form', () => {
    const g = parseLandGrant(granted());
    const back = parseLandGrant(grantToJson(g));
    expect(grantToJson(back)).toEqual(grantToJson(g));
    expect(back.area.equals(g.area)).toBe(true);
  });
});

describe('validation names the field and the rule; a batch is all or nothing', () => {
  it('collects every bad row', () => {
    const bad = [
      granted({ area: '-1' }),
      granted({ id: '2023-17', commitments: [{ indicator: 'taxPerMu', comparator: 'atLeast', stage: 'completion' }] }),
      granted({ id: '2023-18', startedOn: '2023-01-01' }),
      granted({ id: '2023-19', supply: 'vacated' }),
      granted({ id: '2023-20', transactionPrice: '1000' }),
    ];
    try {
      parseLandGrants(bad);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => `${i.field} ${i.rule}`)).toEqual([
        'grants.0.area positive',
        'grants.1.commitments.0.value grant.comparator',
        'grants.1.commitments.0.stage grant.stage',
        'grants.2.startedOn grant.dateOrder',
        'grants.3.parcelId grant.vacatedParcel',
        'grants.4.transactionPrice grant.transactionBelowStart',
      ]);
    }
  });
  it('refuses a float and a unit that is not the indicator’s', () => {
    expect(() =>
      parseLandGrant(
        granted({
          commitments: [{ indicator: 'taxPerMu', comparator: 'atLeast', value: 39.13 as never, stage: 'production' }],
        }),
      ),
    ).toThrow(/grant.commitments.0.value: .*decimal.float/);
    expect(() =>
      parseLandGrant(
        granted({
          commitments: [
            { indicator: 'taxPerMu', comparator: 'atLeast', value: '1', unit: 'percent', stage: 'production' },
          ],
        }),
      ),
    ).toThrow(/grant.commitments.0.unit: .*grant.unit/);
  });
});

describe('consequences: exact amounts, boundaries at the due date and the day after', () => {
  const rules: LandGrantInput['consequences'] = [
    {
      kind: 'lateFee',
      milestone: 'completion',
      perMilleDaily: '0.5',
      basis: 'transactionPrice',
      source: 'test contract §8',
    },
    { kind: 'depositForfeiture', milestone: 'start', source: 'test contract §7' },
    { kind: 'shortfallCash', indicator: 'taxPerMu', source: 'test contract §9' },
    ...CONSEQUENCE_PRESETS.idleLandMeasures2012,
  ];
  const late = (completedOn: string | undefined, startedOn: string | undefined = '2023-12-01') =>
    parseLandGrant(
      granted({
        consequences: rules,
        completedOn,
        startedOn,
        productionOn: undefined,
        construction: undefined,
      }),
    );

  it('daysLate: on the due date 0, the day after 1', () => {
    expect(daysLate('2025-06-30', '2025-06-30', '2026-01-01')).toBe(0);
    expect(daysLate('2025-06-30', '2025-07-01', '2026-01-01')).toBe(1);
    expect(daysLate('2025-06-30', undefined, '2025-06-30')).toBe(0);
    expect(daysLate('2025-06-30', undefined, '2025-07-01')).toBe(1);
  });

  it('a late fee of 0.5‰ per day of the 1500 万元 price: none on the due date, 0.75 万元 the day after', () => {
    const onTime = assessConsequences(late('2025-06-30'), undefined, '2026-01-01');
    expect(onTime[0]?.applies).toBe(false);
    const oneDay = assessConsequences(late('2025-07-01'), undefined, '2026-01-01');
    expect(oneDay[0]?.amount?.toDecimal('wanYuan').toFixed()).toBe('0.75');
    expect(oneDay[0]?.days).toBe(1);
    expect(oneDay[0]?.basis).toBe('1 days late (agreed 2025-06-30) × 0.5‰ × 1500万元');
    // still not completed: counted to the assessment date
    const open = assessConsequences(late(undefined), undefined, '2025-07-10');
    expect(open[0]?.days).toBe(10);
    expect(open[0]?.amount?.toDecimal('wanYuan').toFixed()).toBe('7.5');
  });

  it('the deposit is forfeited the day after a missed start, not on the date', () => {
    const g = (startedOn: string) => late(undefined, startedOn);
    expect(assessConsequences(g('2023-12-31'), undefined, '2024-06-01')[1]?.applies).toBe(false);
    const missed = assessConsequences(g('2024-01-01'), undefined, '2024-06-01')[1];
    expect(missed?.applies).toBe(true);
    expect(missed?.amount?.toDecimal('wanYuan').toFixed()).toBe('140');
  });

  it('idle land: 20% of the price from the day twelve months after the agreed start; taken back at 24', () => {
    const unstarted = parseLandGrant(
      granted({
        consequences: rules,
        startedOn: undefined,
        completedOn: undefined,
        productionOn: undefined,
        construction: undefined,
      }),
    );
    expect(addMonths('2023-12-31', 12)).toBe('2024-12-31');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    const before = assessConsequences(unstarted, undefined, '2024-12-30');
    expect(before[3]?.applies).toBe(false);
    const at = assessConsequences(unstarted, undefined, '2024-12-31');
    expect(at[3]?.amount?.toDecimal('wanYuan').toFixed()).toBe('300');
    expect(at[4]?.applies).toBe(false);
    expect(assessConsequences(unstarted, undefined, '2025-12-30')[4]?.applies).toBe(false);
    expect(assessConsequences(unstarted, undefined, '2025-12-31')[4]?.applies).toBe(true);
  });

  it('a tax shortfall paid in cash: committed minus actual over the granted area', () => {
    const g = parseLandGrant(granted({ consequences: rules }));
    const c = checkGrant(g, { year: 2026, annual: annual({ tax: '800', revenue: '30000' }) });
    const cash = assessConsequences(g, c, '2027-06-30')[2];
    expect(cash?.amount?.toDecimal('wanYuan').toFixed()).toBe('18.628012');
    const met = checkGrant(g, { year: 2026, annual: annual({ tax: '818.628012', revenue: '30000' }) });
    expect(assessConsequences(g, met, '2027-06-30')[2]?.applies).toBe(false);
  });
});
