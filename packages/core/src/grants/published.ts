import type { CommitmentInput } from './commitments';
import type { LandGrantInput } from './model';
import { PRICING_PRESETS } from './presets';

/*
 * The five published 标准地 parcels (fixtures): three of 桐土告字[2023]50号 (桐乡市河山镇,
 * 纺织业, 49 years, commitments measured 投产后2年) and two of 嘉土告开字[2026]01号 (嘉兴经开,
 * 50 years). Areas, start prices and deposits as printed; the pricing rules reproduce them.
 */

const HESHAN = '330483107000';
const TONGXIANG_NOTICE = '桐土告字[2023]50号';

/** The 控制指标 every 河山 parcel shares: 容积率 2.0–3.5, 建筑密度 ≤ 65%, 绿地率 5–10%. */
const heshanPlanning: CommitmentInput[] = [
  { indicator: 'floorAreaRatio', comparator: 'between', min: '2.0', max: '3.5', stage: 'completion' },
  { indicator: 'buildingDensity', comparator: 'atMost', value: '65', stage: 'completion' },
  { indicator: 'greenRatio', comparator: 'between', min: '5', max: '10', stage: 'completion' },
];

function heshan(
  id: string,
  areaM2: string,
  f: {
    investment: string;
    equipment: string;
    rd: string;
    energy: string;
    emission: string;
    tax: string;
    sales: string;
    deposit: string;
    start: string;
  },
): LandGrantInput {
  const p = (indicator: CommitmentInput['indicator'], value: string): CommitmentInput => ({
    indicator,
    comparator: 'atLeast',
    value,
    stage: 'production',
    offsetYears: 2,
    source: `${TONGXIANG_NOTICE} 投产后2年`,
  });
  return {
    id,
    listing: { notice: TONGXIANG_NOTICE, parcelName: `桐乡市河山镇${id}地块` },
    townCode: HESHAN,
    area: { value: areaM2, unit: 'squareMetre' },
    industry: 'C17',
    termYears: 49,
    pricing: PRICING_PRESETS.tongxiang2023Heshan,
    startPrice: f.start,
    deposit: f.deposit,
    counterparty: { kind: 'townGovernment', name: '桐乡市河山镇人民政府' },
    commitments: [
      p('investmentIntensity', f.investment),
      p('equipmentShare', f.equipment),
      p('rdShare', f.rd),
      p('valueAddedPerEnergy', f.energy),
      p('valueAddedPerEmission', f.emission),
      p('taxPerMu', f.tax),
      p('salesPerMu', f.sales),
      ...heshanPlanning,
    ],
  };
}

/** 桐土告字[2023]50号: 桐乡市河山镇2023-15, -16 and -18 地块. */
export const TONGXIANG_2023_LISTINGS: readonly LandGrantInput[] = [
  heshan('2023-15', '13167.39', {
    investment: '501',
    equipment: '50.5',
    rd: '3.3',
    energy: '0.998',
    emission: '27883',
    tax: '39.13',
    sales: '759',
    deposit: '140',
    start: '1340',
  }),
  heshan('2023-16', '12811.08', {
    investment: '520',
    equipment: '40',
    rd: '3.5',
    energy: '2.04',
    emission: '3430.62',
    tax: '42.6',
    sales: '1300',
    deposit: '140',
    start: '1303',
  }),
  heshan('2023-18', '17792.85', {
    investment: '412',
    equipment: '40.9',
    rd: '3.6',
    energy: '1.31',
    emission: '635.16',
    tax: '41.7',
    sales: '992',
    deposit: '190',
    start: '1810',
  }),
];

/** The commitments of 嘉土告开字[2026]01号 (both parcels): 容积率 2.0–4.0, 建筑密度 ≤ 50% and five indicators. */
const JIAXING_COMMITMENTS: CommitmentInput[] = [
  { indicator: 'floorAreaRatio', comparator: 'between', min: '2.0', max: '4.0', stage: 'completion' },
  { indicator: 'buildingDensity', comparator: 'atMost', value: '50', stage: 'completion' },
  { indicator: 'investmentIntensity', comparator: 'atLeast', value: '374', stage: 'completion' },
  { indicator: 'taxPerMu', comparator: 'atLeast', value: '38.5', stage: 'production' },
  { indicator: 'valueAddedPerEnergy', comparator: 'atLeast', value: '2.2', stage: 'production' },
  { indicator: 'valueAddedPerEmission', comparator: 'atLeast', value: '2115.52', stage: 'production' },
  { indicator: 'rdShare', comparator: 'atLeast', value: '3.18', stage: 'production' },
];

/**
 * 嘉土告开字[2026]01号: 经开2025-31号 and 经开2025-32号. The notice names no town code, so
 * these are listings (a town is added when one is granted), with the deposits as printed.
 */
export const JIAXING_2026_LISTINGS: readonly (Omit<LandGrantInput, 'townCode'> & { readonly deposit: string })[] = [
  {
    id: '经开2025-31',
    listing: { notice: '嘉土告开字[2026]01号', parcelName: '经开2025-31号地块' },
    area: { value: '18359', unit: 'squareMetre' },
    termYears: 50,
    pricing: PRICING_PRESETS.jiaxingJingkai2026,
    deposit: '224',
    commitments: JIAXING_COMMITMENTS,
  },
  {
    id: '经开2025-32',
    listing: { notice: '嘉土告开字[2026]01号', parcelName: '经开2025-32号地块' },
    area: { value: '21500', unit: 'squareMetre' },
    termYears: 50,
    pricing: PRICING_PRESETS.jiaxingJingkai2026,
    deposit: '262',
    commitments: JIAXING_COMMITMENTS,
  },
];
