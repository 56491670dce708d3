/**
 * The indicators a 标准地 grant commits to (控制指标), in one table: where the
 * actual value comes from (construction facts at 竣工验收, or the grantee's
 * annual data at 达产复核), the unit a commitment states it in, and its
 * Chinese name. 《浙江省企业投资工业项目"标准地"工作指引》 names at least five
 * (固定资产投资强度, 容积率, 单位能耗标准, 单位排放标准, 亩均税收); counties add
 * the others (设备投资占比, 研发经费占比, 亩均销售, 建筑密度, 绿化率).
 */
export const GRANT_INDICATORS = {
  investmentIntensity: {
    label: '固定资产投资强度',
    unit: 'wanYuanPerMu',
    source: 'construction',
    provincial: true,
    perMuMoney: true,
  },
  floorAreaRatio: { label: '容积率', unit: 'ratio', source: 'construction', provincial: true, perMuMoney: false },
  valueAddedPerEnergy: {
    label: '单位能耗增加值',
    unit: 'wanYuanPerTce',
    source: 'annual',
    provincial: true,
    perMuMoney: false,
  },
  valueAddedPerEmission: {
    label: '单位排放增加值',
    unit: 'wanYuanPerTonne',
    source: 'annual',
    provincial: true,
    perMuMoney: false,
  },
  taxPerMu: { label: '亩均税收', unit: 'wanYuanPerMu', source: 'annual', provincial: true, perMuMoney: true },
  salesPerMu: { label: '亩均销售收入', unit: 'wanYuanPerMu', source: 'annual', provincial: false, perMuMoney: true },
  equipmentShare: {
    label: '设备投资占固定资产投资比例',
    unit: 'percent',
    source: 'construction',
    provincial: false,
    perMuMoney: false,
  },
  rdShare: { label: '研发经费占营业收入比例', unit: 'percent', source: 'annual', provincial: false, perMuMoney: false },
  buildingDensity: {
    label: '建筑密度',
    unit: 'percent',
    source: 'construction',
    provincial: false,
    perMuMoney: false,
  },
  greenRatio: { label: '绿地率', unit: 'percent', source: 'construction', provincial: false, perMuMoney: false },
} as const satisfies Record<
  string,
  {
    label: string;
    unit: GrantIndicatorUnit;
    source: 'construction' | 'annual';
    provincial: boolean;
    perMuMoney: boolean;
  }
>;

/** A grant indicator key: `taxPerMu`, `floorAreaRatio`, ... */
export type GrantIndicator = keyof typeof GRANT_INDICATORS;

export const GRANT_INDICATOR_KEYS = Object.keys(GRANT_INDICATORS) as [GrantIndicator, ...GrantIndicator[]];

/** Units a commitment is stated in: 万元/亩, %, a plain ratio (容积率), 万元/吨标准煤, 万元/吨 (当量). */
export type GrantIndicatorUnit = 'wanYuanPerMu' | 'percent' | 'ratio' | 'wanYuanPerTce' | 'wanYuanPerTonne';

export const GRANT_INDICATOR_UNITS = [
  'wanYuanPerMu',
  'percent',
  'ratio',
  'wanYuanPerTce',
  'wanYuanPerTonne',
] as const satisfies readonly GrantIndicatorUnit[];
