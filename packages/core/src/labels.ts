import type { CatalogRuleId } from './rules';

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

/**
 * 年度数据指标: the Chinese term of each annual-data figure, keyed by the
 * field of `ANNUAL_QUANTITY_FIELDS` (whose rows take their `label` from here).
 */
export const ANNUAL_FIELD_LABELS = {
  tax: '税收',
  valueAdded: '工业增加值',
  revenue: '营业收入',
  employees: '年平均职工人数',
  energy: '综合能耗',
  emissionEquivalent: '主要污染物排放当量',
  rdExpense: 'R&D经费',
  electricity: '用电量',
  landArea: '用地面积',
  sales: '销售收入',
  water: '用水量',
  cod: '化学需氧量(COD)排放量',
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

/** How a scheme sets an indicator's 基准值. */
export const BENCHMARK_METHOD_LABELS = {
  published: '公布值',
  ratioOfSums: '参评企业总量之比（测算）',
  meanOfRatios: '参评企业比值平均（测算）',
} as const;

/** 分类方法 of a cohort. */
export const CLASSIFICATION_METHOD_LABELS = {
  percentile: '按排名百分位分类',
  threshold: '按综合得分分类',
} as const;

/** 预警等级: a target's or a town's warning level against 序时进度. */
export const WARNING_LEVEL_LABELS = {
  green: '绿色',
  watch: '关注',
  yellow: '黄色预警',
  red: '红色预警',
  noData: '无数据',
} as const;

/** Column and row labels of campaign reports. */
export const CAMPAIGN_REPORT_LABELS = {
  /** Follows `<region><year>` in the yearly report's title. */
  yearlyTitle: '年退散进集统计',
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

/** 评价指标 of 亩均效益综合评价 (see `INDICATORS`). */
export const INDICATOR_LABELS = {
  taxPerMu: '亩均税收',
  valueAddedPerMu: '亩均增加值',
  revenuePerMu: '亩均营业收入',
  salesPerMu: '亩均销售收入',
  valueAddedPerEnergy: '单位能耗增加值',
  valueAddedPerEmission: '单位排放增加值',
  valueAddedPerCod: '单位COD排放增加值',
  valueAddedPerWater: '单位用水量增加值',
  laborProductivity: '全员劳动生产率',
  rdIntensity: 'R&D经费占营业收入比',
  taxPerElectricity: '单位电耗税收',
} as const;

/**
 * Units of the indicators, as printed after a value. 吨 alone would not say
 * what was weighed, so COD and water name it (万元/吨COD, 万元/吨水).
 */
export const INDICATOR_UNIT_LABELS = {
  taxPerMu: '万元/亩',
  valueAddedPerMu: '万元/亩',
  revenuePerMu: '万元/亩',
  salesPerMu: '万元/亩',
  valueAddedPerEnergy: '万元/吨标准煤',
  valueAddedPerEmission: '万元/当量吨',
  valueAddedPerCod: '万元/吨COD',
  valueAddedPerWater: '万元/吨水',
  laborProductivity: '万元/人·年',
  rdIntensity: '',
  taxPerElectricity: '万元/万千瓦时',
} as const satisfies Record<keyof typeof INDICATOR_LABELS, string>;

/** Evaluation classes: A/B/C/D and 免评 T. */
export const EVALUATION_CLASS_LABELS = {
  A: 'A类(优先支持)',
  B: 'B类(鼓励提升)',
  C: 'C类(倒逼转型)',
  D: 'D类(淘汰整治)',
  T: 'T类(免评)',
} as const;

/** Outcome of one enterprise in an evaluation. */
export const EVALUATION_STATUS_LABELS = {
  rated: '已评价',
  exempt: '免评',
  vetoed: '一票否决',
  excluded: '数据缺失不予评价',
  landlordClass: '随出租方分类',
  notEvaluated: '不在评价范围',
} as const;

/** Facts outside the annual data that exemption and veto rules read. */
export const EVALUATION_FACT_LABELS = {
  policyRelocation: '政策性搬迁',
  majorSafetyIncident: '重大安全生产事故',
  majorEnvironmentalIncident: '重大环境污染事件',
  taxViolation: '重大税收违法',
  dataFraud: '统计数据造假',
} as const;

/** Measures of 差别化政策. */
export const POLICY_MEASURE_LABELS = {
  electricitySurcharge: '差别化电价加价',
  waterSurcharge: '差别化水价加价',
  landUseTaxRelief: '城镇土地使用税减免',
  sewageSurcharge: '差别化污水处理费加价',
  note: '其他措施',
} as const;

/** 评价批次状态: the states of an evaluation run. */
export const EVALUATION_RUN_STATUS_LABELS = {
  draft: '草稿',
  publicNotice: '公示中',
  final: '已定档',
  withdrawn: '已撤回',
} as const;

/** 异议类别: what an objection is about. */
export const OBJECTION_CATEGORY_LABELS = {
  dataError: '数据有误',
  landArea: '用地面积',
  exemption: '免评申请',
  other: '其他',
} as const;

/** 复核结果: how an objection was resolved. */
export const OBJECTION_OUTCOME_LABELS = {
  correction: '异议成立，更正数据并重新评价',
  override: '异议成立，调整分类',
  dismissed: '异议不成立',
} as const;

/** Kinds of a class override: 提档 (a better class), 降档 (a worse one), 定档 (set as is). */
export const OVERRIDE_KIND_LABELS = {
  raise: '提档',
  lower: '降档',
  confirm: '定档',
} as const;

/** 分类变动: how a firm's class moved between two runs. */
export const CLASS_CHANGE_LABELS = {
  up: '升档',
  down: '降档',
  new: '新增',
  exit: '退出',
  same: '不变',
} as const;

/** Column headers of the policy list CSV handed to the utilities and the tax office. */
export const POLICY_LIST_COLUMN_LABELS = {
  uscc: '统一社会信用代码',
  name: '企业名称',
  town: '镇(街道)',
  class: '分类',
  measure: '政策措施',
  amount: '金额(元)',
  note: '备注',
} as const;

/** Why a policy measure has no amount (the note on a policy list line). */
export const POLICY_MISSING_DATA_LABELS = {
  electricity: '未报送用电量，不计金额',
  water: '未报送用水量，不计金额',
  landArea: '未报送用地面积，不计金额',
} as const;

/** Reasons an evaluation result gives (N stands for a number of years). */
export const EVALUATION_REASON_LABELS = {
  utility: '公用事业企业免评',
  registeredWithinYears: '注册未满N年',
  landSuppliedWithinYears: '供地未满N年',
  exempt: '免评',
  veto: '一票否决',
  noData: '无本年度数据',
  noCohort: '不属于任何评价对象组',
  missing: '指标数据缺失',
  excluded: '指标数据缺失，不予评价',
  capped: '单项得分封顶',
  floored: '单项得分保底',
  adjustment: '加减分',
  landlordClass: '承租企业随出租方分类',
  landlordUnclassified: '出租方未分类',
  sharedParcel: '共用地块合并评价',
  sharedParcelPartial: '共用地块的其他企业不参与本单元评价，用地按本单元企业自报面积计',
  landlordCycle: '承租关系成环，无法确定出租方分类',
  band: '按排名百分位分类',
  threshold: '按得分分类',
  tie: '得分相同，名次并列',
  zeroBenchmark: '基准值为零或无数据，该项不计分',
} as const;

/**
 * Sentence patterns of evaluation reasons; `{name}` marks a value filled in
 * when the reason is built.
 */
export const EVALUATION_REASON_TEMPLATES = {
  /** 一票否决：违法占地 / 免评：公用事业企业免评 */
  rule: '{kind}：{rule}',
  /** A reason with a detail in brackets: 违法占地（2022年查处）. */
  detail: '{text}（{detail}）',
  /** 承租企业随出租方分类（出租方：A） */
  classOf: '{text}（{landlord}：{class}）',
  /** 按排名百分位分类：第3名/20 */
  rank: '{text}：第{rank}名/{count}',
  /** Separator of a list of USCCs in a reason. */
  listSeparator: '、',
  /** Arrow of a chain of landlords. */
  chain: '→',
} as const;

/** 数据来源部门: the departments whose spreadsheets feed a year's 亩均 data (see @mujun/intake). */
export const DATA_SOURCE_LABELS = {
  tax: '税务',
  statistics: '统计',
  electricity: '电力',
  land: '自然资源',
  environment: '生态环境',
  energy: '发改/能源',
} as const;

/** Headings of intake reports and of the workbooks mujun writes (rejects, evaluation results). */
export const WORKBOOK_LABELS = {
  uscc: '统一社会信用代码',
  name: '企业名称',
  town: '镇(街道)',
  industry: '行业代码',
  scale: '规模',
  cohort: '评价对象组',
  status: '评价状态',
  value: '值',
  benchmark: '基准值',
  partialScore: '得分',
  total: '综合得分',
  rank: '名次',
  rankedCount: '参评数',
  percentile: '百分位',
  class: '分类',
  reasons: '说明',
  error: '错误',
  firms: '企业数',
  sum: '合计',
  notEvaluated: '未评价',
  classCounts: '分类统计',
  summary: '汇总',
  scheme: '评价方案',
  year: '年度',
  run: '评价批次',
  runStatus: '批次状态',
  liveEvaluation: '实时评价（未建批次）',
  outsideCohorts: '未纳入评价对象组',
  byCohort: '按评价对象组',
  byTown: '按镇(街道)',
  unranked: '未参评',
  complete: '数据齐全',
  missing: '缺少',
} as const;

/**
 * 规则说明: the Chinese sentence of each core rule a person meets in a row of
 * a department's file (the cell's number, code or year), shown beside the
 * row in an import report. The English sentence of every rule is in
 * `RULES` (rules.ts); @mujun/intake's own rules have their Chinese in
 * `INTAKE_RULE_LABELS`.
 */
export const RULE_LABELS = {
  'decimal.format': '不是十进制数字（如 24.097）',
  'decimal.float': '带小数的二进制数不精确：请以文本填写',
  'decimal.unsafeInteger': '整数超出精确范围：请以文本填写',
  'decimal.finite': '不是有限数值',
  'decimal.range': '数值超出精确小数的范围',
  'decimal.type': '应为十进制数字',
  'quantity.unit': '不是该类数量的单位',
  'unit.unknown': '无法识别的单位',
  positive: '必须大于零',
  nonNegative: '不能为负数',
  integer: '必须为整数',
  invalid: '取值无效',
  'headcount.integer': '人数必须为整数',
  'share.range': '比例应在 0 到 1 之间（0.3 即 30%）',
  'uscc.type': '统一社会信用代码应为文本',
  'uscc.length': '统一社会信用代码应为 18 位',
  'uscc.charset': '统一社会信用代码只含数字和除 I、O、S、V、Z 外的大写字母',
  'uscc.registrationAuthority': '登记管理部门代码无法识别',
  'uscc.divisionCode': '第 3–8 位不是行政区划代码',
  'uscc.orgCodeCheckDigit': '组织机构代码校验位不符',
  'uscc.checkDigit': '统一社会信用代码校验位不符',
  'divisionCode.length': '行政区划代码应为 6 位或 12 位',
  'divisionCode.charset': '行政区划代码只含数字',
  'industry.format': '不是国民经济行业分类（GB/T 4754-2017）门类字母或代码',
  'industry.unknownSection': 'GB/T 4754-2017 无此门类',
  'industry.unknownDivision': 'GB/T 4754-2017 无此大类',
  'industry.sectionMismatch': '门类字母与行业代码不符',
  'date.format': '日期应为 YYYY-MM-DD',
  'year.range': '不是统计年度',
  'text.control': '文本含有控制字符',
  'text.surrogate': '文本含有不完整的字符（孤立代理项）',
  'scale.revenueRequired': '规上企业须填写营业收入',
  'scale.designatedSizeRevenue': '规上企业营业收入不低于 2000 万元',
  'reference.town': '没有这个镇（街道）',
  'reference.enterprise': '没有这家企业',
} as const satisfies { readonly [K in CatalogRuleId]?: string };
