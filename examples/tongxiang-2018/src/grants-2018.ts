import { pathToFileURL } from 'node:url';
import { type EnterpriseAnnualDataInput, MemoryRepository } from '@mujun/core';
import {
  COMMITMENT_STATUS_LABELS,
  checkGrants,
  GRANT_INDICATORS,
  GRANT_VERDICT_LABELS,
  type GrantsChecked,
  grantResupply,
  type LandGrantInput,
  type PricingRuleInput,
  type ResupplyStatistics,
  saveGrants,
} from '@mujun/core/grants';
import { registryToInput } from '@mujun/core/repository';
import { loadDataset, readDataDir } from './data';
import { table } from './table';

/*
 * 标准地 on land vacated in 2018 — SYNTHETIC, like every record of this example: four
 * parcels that reached 验收 in the 2018 ledger are re-granted in 2018 to registered firms,
 * with made-up commitments, a made-up pricing rule and made-up 2021 annual data of the
 * grantees (the example's own data stop at 2018). Nothing here is a published figure.
 */

/** A synthetic pricing rule (not 桐乡's): 30 万元/亩 rounded up to 1 万元, deposit 20% up to 10 万元. */
export const SYNTHETIC_PRICING: PricingRuleInput = {
  source: 'synthetic (example tongxiang-2018): 30万元/亩 向上取整到1万元, 保证金20% 向上取整到10万元',
  startPrice: { per: 'mu', rate: '30', rateUnit: 'wanYuan', rounding: { step: '1', mode: 'up' } },
  deposit: { share: '0.2', rounding: { step: '10', mode: 'up' } },
};

const SOURCE = 'synthetic 投资建设合同 (example tongxiang-2018)';

const COMMITMENTS: LandGrantInput['commitments'] = [
  { indicator: 'investmentIntensity', comparator: 'atLeast', value: '300', stage: 'completion', source: SOURCE },
  { indicator: 'taxPerMu', comparator: 'atLeast', value: '30', stage: 'production', offsetYears: 2, source: SOURCE },
  {
    indicator: 'valueAddedPerEnergy',
    comparator: 'atLeast',
    value: '1.5',
    stage: 'production',
    offsetYears: 2,
    source: SOURCE,
  },
  {
    indicator: 'valueAddedPerEmission',
    comparator: 'atLeast',
    value: '500',
    stage: 'production',
    offsetYears: 2,
    source: SOURCE,
  },
  { indicator: 'rdShare', comparator: 'atLeast', value: '2.5', stage: 'production', offsetYears: 2, source: SOURCE },
];

const CONSEQUENCES: LandGrantInput['consequences'] = [
  { kind: 'shortfallCash', indicator: 'taxPerMu', source: SOURCE },
  { kind: 'lateFee', milestone: 'completion', perMilleDaily: '0.2', basis: 'transactionPrice', source: SOURCE },
];

function grant(
  id: string,
  townCode: string,
  parcelId: string,
  area: string,
  granteeUscc: string,
  dates: Pick<LandGrantInput, 'grantedOn' | 'agreedCompletionOn' | 'completedOn' | 'productionOn'>,
  transactionPrice: string,
  fixedAssetInvestment: string | undefined,
): LandGrantInput {
  return {
    id,
    listing: { notice: '桐土告字[2018]示例号 (synthetic)', parcelName: `${parcelId} 再出让地块 (synthetic)` },
    townCode,
    parcelId,
    supply: 'vacated',
    area,
    industry: 'C',
    termYears: 50,
    pricing: SYNTHETIC_PRICING,
    transactionPrice,
    ...dates,
    signedOn: dates.grantedOn,
    agreedStartOn: dates.grantedOn,
    startedOn: dates.grantedOn,
    granteeUscc,
    counterparty: { kind: 'townGovernment', name: `${townCode} 镇政府/街道 (synthetic)` },
    commitments: COMMITMENTS,
    consequences: CONSEQUENCES,
    ...(fixedAssetInvestment === undefined
      ? {}
      : {
          construction: {
            surveyedOn: dates.completedOn ?? '2019-12-31',
            fixedAssetInvestment,
          },
        }),
  };
}

/** Four grants on parcels accepted (验收) in the 2018 ledger. */
export const GRANTS_2018: readonly LandGrantInput[] = [
  grant(
    'TX2018-G01',
    '330483108000',
    'SM-TT-007',
    '17.06',
    '91330483103121083Q',
    {
      grantedOn: '2018-06-15',
      agreedCompletionOn: '2019-03-31',
      completedOn: '2019-03-20',
      productionOn: '2019-05-01',
    },
    '520',
    '6000',
  ),
  grant(
    'TX2018-G02',
    '330483106000',
    'DM-TT-007',
    '37.12',
    '91330483124333691B',
    {
      grantedOn: '2018-07-20',
      agreedCompletionOn: '2019-06-30',
      completedOn: '2019-07-15',
      productionOn: '2019-09-01',
    },
    '1200',
    '12000',
  ),
  grant(
    'TX2018-G03',
    '330483003000',
    'GQ-TT-010',
    '30.22',
    '91330483104933606W',
    {
      grantedOn: '2018-08-10',
      agreedCompletionOn: '2019-08-31',
      completedOn: '2019-08-30',
      productionOn: '2019-10-01',
    },
    '910',
    '9000',
  ),
  grant(
    'TX2018-G04',
    '330483107000',
    'HS-TT-030',
    '8.81',
    '913304831278409556',
    { grantedOn: '2018-09-01', agreedCompletionOn: '2022-06-30', productionOn: '2020-03-01' },
    '270',
    undefined,
  ),
];

/** The grantees' 2021 annual data (synthetic): G01 meets everything, G02 and G03 fall short. */
export const ANNUAL_2021: readonly EnterpriseAnnualDataInput[] = [
  {
    uscc: '91330483103121083Q',
    year: 2021,
    scale: 'aboveDesignatedSize',
    tax: '600',
    valueAdded: '3000',
    revenue: '20000',
    energy: '1500',
    emissionEquivalent: '3',
    rdExpense: '600',
  },
  {
    uscc: '91330483124333691B',
    year: 2021,
    scale: 'aboveDesignatedSize',
    tax: '1000',
    valueAdded: '8000',
    revenue: '40000',
    energy: '4000',
    emissionEquivalent: '10',
    rdExpense: '1200',
  },
  {
    uscc: '91330483104933606W',
    year: 2021,
    scale: 'aboveDesignatedSize',
    tax: '1000',
    valueAdded: '6000',
    revenue: '30000',
    energy: '5000',
    emissionEquivalent: '5',
    rdExpense: '600',
  },
];

/** The 2018 registry and ledger in a memory repository, the grants saved through the cycle step, checked for 2021. */
export async function grants2018(files = readDataDir()): Promise<{
  readonly checked: GrantsChecked;
  readonly resupply: ResupplyStatistics;
  readonly repository: MemoryRepository;
}> {
  const { registry, ledger } = loadDataset(files, [2018]);
  const repository = new MemoryRepository({ now: () => '2022-03-01T00:00:00.000Z' });
  const ctx = { actor: 'import:tongxiang-2018-grants' };
  await repository.importRegion(registryToInput(registry), ledger.toJSON().events, ctx);
  await repository.saveRecords('330483', { annualData: ANNUAL_2021 }, ctx);
  await saveGrants(repository, { city: '330483', grants: GRANTS_2018 }, { ctx, authorize: () => {} });
  const checked = await checkGrants(repository, { city: '330483', year: 2021, asOf: '2021-12-31' });
  const resupply = await grantResupply(repository, { city: '330483', year: 2018 });
  return { checked, resupply, repository };
}

/** The compliance report, firm by firm (万元/亩 etc. to 4 places, shortfalls exact where finite). */
export function formatGrants(checked: GrantsChecked): string {
  const rows = checked.rows.flatMap(({ grant, compliance }) =>
    compliance.rows.map((r) => [
      grant.id,
      grant.granteeUscc ?? '',
      GRANT_INDICATORS[r.indicator].label,
      COMMITMENT_STATUS_LABELS[r.status],
      r.actual?.toFixed({ places: 4 }) ?? '',
      r.shortfall?.toFixed({ places: 4 }) ?? '',
      r.shortfallTotal?.toFixed('wanYuan', { places: 2 }) ?? '',
      GRANT_VERDICT_LABELS[compliance.verdict],
    ]),
  );
  return table(['地块', '竞得人', '指标', '状态', '实际', '差额', '差额合计(万元)', '结论'], rows);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { checked, resupply } = await grants2018(readDataDir(process.argv[2]));
  console.log(`标准地复核 ${checked.year} (synthetic grants on land vacated in 2018)\n`);
  console.log(formatGrants(checked));
  console.log(`\n2018 再供应标准地: ${resupply.grants} 宗, ${resupply.area.format('mu', { places: 2 })}`);
}
