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

/* 退散进集 campaign */

/** 整治方式 of a 低散乱 enterprise. */
export const REMEDIATION_OUTCOME_LABELS = {
  closedEliminated: '关停淘汰',
  upgraded: '整治提升',
  consolidatedIntoPark: '整合入园',
  relocated: '合理转移',
} as const;

/** 僵尸企业处置方式. */
export const ZOMBIE_METHOD_LABELS = {
  bankruptcy: '破产清算',
  mergerRestructuring: '兼并重组',
  deregistered: '注销吊销',
  debtRestructuring: '债务重组',
  other: '其他',
} as const;

/** 腾退 stages of a parcel. */
export const VACATING_STAGE_LABELS = {
  signed: '签约',
  demolished: '拆除',
  reclamationApproved: '复垦立项',
  accepted: '验收',
  reclaimedFarmland: '复耕',
  reused: '再利用',
} as const;

/** How idle land was revitalised. */
export const IDLE_LAND_METHOD_LABELS = {
  supplied: '供地',
  recovered: '收回',
} as const;

/** Campaign event types. */
export const CAMPAIGN_EVENT_LABELS = {
  lowScatteredRemediated: '整治低散乱企业(作坊)',
  backwardCapacityEliminated: '淘汰落后产能',
  zombieDisposed: '僵尸企业处置',
  vacatingStage: '腾退进度',
  idleLandRevitalised: '闲置土地处置',
  inParkLandRemediated: '园区内低效用地整治',
  parkFloorAreaCompleted: '小微企业园建成面积',
  parkEntered: '小微企业入园',
} as const;

/** Units of campaign measures. */
export const MEASURE_UNIT_LABELS = {
  enterprise: '家',
  item: '项',
  mu: '亩',
  squareMetre: '平方米',
  wanYuanPerMu: '万元/亩',
} as const;

/** Campaign measures, as named in reports. */
export const MEASURE_LABELS = {
  lowScatteredRemediated: '整治低散乱企业(作坊)',
  backwardCapacityItems: '淘汰落后产能',
  zombiesDisposed: '僵尸企业处置',
  vacatingSigned: '腾退签约',
  vacatingDemolished: '腾退拆除',
  reclamationApproved: '国土复垦立项',
  vacatingAccepted: '复垦验收',
  landReclaimedOrReused: '复耕或再利用',
  idleLandRevitalised: '闲置土地处置',
  inParkLandRemediated: '园区内低效土地处置',
  landRevitalised: '盘活存量用地',
  parkFloorAreaCompleted: '新建小微企业园',
  parkEntries: '小微企业入园',
  aboveDesignatedSizeEnterprises: '规上企业数',
  aboveDesignatedTaxPerMuIncrease: '规上工业企业亩均税收增加',
} as const;

/** Comparators of a target. */
export const COMPARATOR_LABELS = {
  atLeast: '不少于',
  atMost: '不超过',
} as const;

/** Status of a target's progress. */
export const TARGET_STATUS_LABELS = {
  behindSchedule: '落后序时',
  onSchedule: '达到序时',
  met: '完成',
  exceeded: '超额完成',
  noData: '无数据',
} as const;

/** Column and row labels of campaign reports. */
export const CAMPAIGN_REPORT_LABELS = {
  city: '全市',
  town: '镇(街道)',
  category: '类别',
  indicator: '指标',
  value: '数值',
  unit: '单位',
  year: '年度',
  rank: '名次',
  score: '综合得分',
  movement: '升降',
  week: '周次',
  scheduleRate: '序时进度',
  completionRate: '完成率',
  actual: '完成数',
  target: '目标',
  status: '状态',
  metOn: '完成日期',
  early: '提前完成',
} as const;
