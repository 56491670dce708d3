/**
 * Every Chinese label a person reads, in one place. Identifiers stay English;
 * printing and tables look their labels up here.
 */

/** Unit labels as printed after a number: `4574亩`, `47万平方米`, `3.00万元/亩`. */
export const UNIT_LABELS = {
  mu: '亩',
  squareMetre: '平方米',
  wanSquareMetre: '万平方米',
  hectare: '公顷',
  yuan: '元',
  wanYuan: '万元',
  yiYuan: '亿元',
  tce: '吨标准煤',
  wanTce: '万吨标准煤',
  kWh: '千瓦时',
  wanKWh: '万千瓦时',
  tonne: '吨',
  equivalentTonne: '当量吨',
  person: '人',
  waterTonne: '吨',
} as const;

/** Kinds of quantity, as named in tables. */
export const KIND_LABELS = {
  area: '面积',
  money: '金额',
  energy: '综合能耗',
  electricity: '用电量',
  emission: '排放量',
  emissionEquivalent: '污染物排放当量',
  headcount: '人数',
  water: '用水量',
} as const;

/** 镇 (town) or 街道 (sub-district): the two kinds of town-level division. */
export const TOWN_KIND_LABELS = {
  town: '镇',
  subdistrict: '街道',
} as const;

/** 规上 / 规下: above or below the designated-size threshold. */
export const SCALE_LABELS = {
  aboveDesignatedSize: '规上',
  belowDesignatedSize: '规下',
} as const;

/** Enterprise flags (问题标签) used by campaigns and vetoes. */
export const ENTERPRISE_FLAG_LABELS = {
  lowScattered: '低散乱',
  fourWithout: '四无',
  zombie: '僵尸企业',
  backwardCapacity: '落后产能',
  illegalLandUse: '违法占地',
  illegalConstruction: '违法建筑',
  highEnergy: '高耗能',
  heavyPollution: '重污染',
} as const;

/** The four 四无 conditions. */
export const FOUR_WITHOUT_LABELS = {
  noLicence: '无证无照',
  noSafety: '无安全保障',
  noLegalPremises: '无合法场所',
  noEnvironmentalMeasures: '无环保措施',
} as const;

/** Land parcel status categories (用地类别). */
export const PARCEL_CATEGORY_LABELS = {
  idleTransferredNotSupplied: '闲置(转而未供)',
  idleSuppliedNotUsed: '闲置(供而未用)',
  inParkInefficient: '园区内低效用地',
  outOfParkLowScattered: '园区外低散乱占地',
  inUse: '正常使用',
} as const;

/** Kinds of park. */
export const PARK_KIND_LABELS = {
  smallMicroPark: '小微企业园',
  standardFactory: '标准厂房',
} as const;
