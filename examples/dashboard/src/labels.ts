/**
 * The dashboard's own Chinese text (tabs, buttons, hints). Domain labels —
 * measures, units, statuses, report columns — come from `@mujun/core`'s
 * labels module, re-exported here, or from the API's `*Label` fields, so a
 * term is written once in the repository.
 */

import {
  EVALUATION_RUN_STATUS_LABELS,
  EVALUATION_STATUS_LABELS,
  OBJECTION_CATEGORY_LABELS,
  OBJECTION_OUTCOME_LABELS,
} from '@mujun/core/labels';
import { GRANT_PHASE_LABELS, GRANT_VERDICT_LABELS } from '../../../packages/core/src/grants/labels';

/** 标准地 grant phases keyed as the map's parcel layer writes them (`grantStatus`, core's `grantPhase`). */
export { GRANT_PHASE_LABELS };

import type {
  EvaluationRunStatus,
  EvaluationStatus,
  GrantPhase,
  GrantVerdict,
  ObjectionCategory,
  ObjectionOutcome,
} from './gql/graphql';

export {
  ANNUAL_FIELD_LABELS,
  CAMPAIGN_REPORT_LABELS as REPORT,
  EVALUATION_CLASS_LABELS,
  MEASURE_LABELS,
  MEASURE_UNIT_LABELS,
  PARCEL_CATEGORY_LABELS,
  UNIT_LABELS,
  VACATING_STAGE_LABELS,
  WARNING_LEVEL_LABELS,
} from '@mujun/core/labels';

export const UI = {
  title: '亩均论英雄 · 退散进集 看板',
  city: '桐乡市',
  tabs: {
    overview: '全市总览',
    ranking: '镇街排名',
    supervision: '预警督办',
    notice: '公示名单',
    evaluation: '亩均评价',
    runs: '评价批次',
    grants: '标准地',
    workbench: '工作台',
    map: '地图',
  },
  workbench: {
    adminOnly: '工作台供市级管理员与镇街操作员使用：请在右上角以相应角色登录。',
    importHeading: '导入部门数据',
    importHint: '把部门报送的表格（.xlsx、.xls、.et、.ods、.csv）拖到这里，或点击选择文件',
    importYear: '数据年度',
    acceptValid: '只导入通过校验的行（其余行退回）',
    importButton: '导入',
    importing: '导入中…',
    reportHeading: (name: string) => `导入报告：${name}`,
    reportSummary: (records: number, errors: number, warnings: number, written: boolean) =>
      `共 ${records} 条记录，错误 ${errors} 条，警告 ${warnings} 条；${written ? '已写入' : '未写入（全部或全无）'}`,
    reportFile: (file: string, rows: number, accepted: number, rejected: number) =>
      `${file}：${rows} 行，接受 ${accepted} 行，退回 ${rejected} 行`,
    downloadRejects: '下载退回表（退回行及错误说明，修正后重新导入）',
    /** The rejects workbook of an uploaded file: 退回表-<the file name without its extension>.xlsx. */
    rejectsFile: (file: string) => `退回表-${file.replace(/\.[^.]*$/, '')}.xlsx`,
    issueRow: '行',
    issueColumn: '列',
    issueValue: '值',
    issueMessage: '问题',
    issueSuggestions: '建议',
    severity: { ERROR: '错误', WARNING: '警告', NOTE: '提示' } as Record<string, string>,
    runHeading: '开始评价',
    runYear: '评价年度',
    runScheme: '评价方案',
    startRun: '开始评价',
    publishHeading: '发布公示',
    noticeFrom: '公示开始',
    noticeTo: '公示结束',
    publish: '发布公示',
    finalise: '定档',
    downloadResults: '下载评价结果（results.xlsx）',
    downloadPolicies: '下载差别化政策名单（CSV）',
    objectionsHeading: '异议与复核',
    resolve: '复核',
    outcome: '复核结果',
    reason: '理由',
    correctionHeading: '更正企业数据（更正前 → 更正后）',
    before: '更正前',
    after: '更正后',
    submitResolve: '提交复核',
    classChange: (from: string, to: string) => `分类 ${from} → ${to}`,
    resolvedAs: (outcome: string) => `已复核：${outcome}`,
    townHeading: (town: string) => `${town}企业与公示分类`,
    noPublishedRun: '该年度尚无公示中或已定档的评价批次。',
    fileObjection: '提出异议',
    category: '异议类别',
    submitObjection: '提交异议',
    myObjections: '本镇街的异议',
    refused: '操作被拒绝：',
    done: '已完成',
  },
  loading: '加载中…',
  failed: '加载失败：',
  // overview
  statsHeading: (year: number) => `${year}年退散进集统计`,
  targetsHeading: '目标任务完成情况',
  asOf: '截至日期',
  year: '年度',
  noTargets: '该年度未设定目标任务',
  scheduleMarker: '序时进度',
  daysEarly: (days: number) => `提前${days}天`,
  metOn: (date: string) => `${date}完成`,
  ownTown: '本镇街',
  warning: '预警',
  townWarnings: '镇街预警',
  noTownTarget: '无本镇街目标',
  supervisionLink: '查看督办清单',
  // 督办清单 (supervision)
  supervisionTitle: (asOf: string) => `目标任务预警督办清单（截至${asOf}）`,
  supervisionRule: (label: string, yellow: string, red: string) =>
    `${label}：达到或超过序时进度为绿色；落后序时进度${yellow}–${red}个百分点（含）为黄色预警；落后超过${red}个百分点为红色预警。`,
  supervisionEmpty: '无黄色、红色预警目标。',
  supervisionTowns: '预警镇街',
  supervisionTargets: '预警目标',
  cityWide: '全市',
  pointsBehind: '落后序时（百分点）',
  print: '打印',
  // 公示名单 (notice)
  noticeTitle: (year: number) => `${year}年度亩均效益综合评价结果公示名单`,
  noticeSpan: (from: string, to: string) => `公示期 ${from} 至 ${to}`,
  noticeSeq: '序号',
  noticeName: '企业名称',
  noticeUscc: '统一社会信用代码',
  noticeTown: '所在镇(街道)',
  noticeClass: '评价类别',
  noticeNone: '该年度尚无公示或定档的评价批次',
  // ranking
  rankingHeading: '每周量化排序',
  weekSelect: '周次',
  weekOption: (week: number) => `第${week}周`,
  weekRange: (from: string, to: string) => `${from} 至 ${to}`,
  previousRank: '上周名次',
  trendHeading: (week: number) => `第1–${week}周名次走势`,
  rankAxis: '名次',
  up: (n: number) => `↑${n}`,
  down: (n: number) => `↓${n}`,
  same: '—',
  // evaluation
  classChartHeading: '各镇街分类企业数（点击镇街筛选）',
  allTowns: '全部镇街',
  filteredBy: (town: string) => `已筛选：${town}`,
  cohortHeading: '评价对象组及基准值',
  cohort: '评价对象组',
  indicator: '指标',
  weight: '权重',
  benchmark: '基准值',
  ratedCount: '参评企业',
  belowHeading: '整治提升名单（亩均税收低于3万元/亩）',
  enterprise: '企业名称',
  town: '镇街',
  taxPerMu: '亩均税收',
  page: (page: number, pages: number, rows: number) => `第${page}/${pages}页，共${rows}家`,
  previous: '上一页',
  next: '下一页',
  noRows: '无',
  panelHeading: '企业评价详情',
  panelHint: '点击名单中的企业查看评价详情',
  value: '指标值',
  partialScore: '单项得分',
  capped: '封顶',
  total: '综合得分',
  rank: '名次',
  percentile: '百分位',
  class: '分类',
  status: '评价状态',
  reasons: '说明',
  noResult: '该企业未参加本次评价',
  figuresHidden: '该企业的指标数据不向当前身份公开',
  // which evaluation a view shows (run-policy.ts: the live one is the city admin's alone)
  sourceLive: '实时评价：按当前数据计算，随每次数据修改而变化（仅市级管理员可见）',
  sourceRun: (id: string, status: string) => `已发布评价批次 ${id}（${status}），不随数据修改而变化`,
  sourceNone: '该年度尚无公示或定档的评价批次；实时评价仅市级管理员可见',
  resultsHeading: '评价结果名单',
  // evaluation runs
  runsHeading: (year: number) => `${year}年度评价批次`,
  noRuns: '该年度尚无评价批次',
  runStatus: '状态',
  noticeWindow: '公示期',
  noticeRange: (from: string, to: string) => `${from} 至 ${to}`,
  noNotice: '未公示',
  createdAt: '创建日期',
  unclassified: '未分类',
  runTotal: '合计',
  objectionsHeading: (n: number) => `异议（${n}件）`,
  noObjections: '无可查看的异议',
  objectionCategory: '异议类别',
  filedAt: '提出日期',
  objectionStatus: '处理状态',
  objectionOpen: '待复核',
  // role switch
  role: '身份',
  roles: { ANONYMOUS: '匿名', VIEWER: '查看者', TOWN_OPERATOR: '镇街操作员', CITY_ADMIN: '市级管理员' },
  tokenPlaceholder: '粘贴开发令牌（mujun-gateway --mint-token townOperator:石门）',
  applyToken: '切换身份',
  clearToken: '退出',
  tokenRejected: '令牌无效：',
  // grants (标准地)
  grantsHeading: (year: number) => `标准地 · ${year}年复核`,
  noGrants: '尚无标准地出让记录',
  grantPhase: '阶段',
  grantVerdict: '复核结论',
  grantParcel: '地块',
  grantTown: '镇街',
  grantArea: '出让面积(亩)',
  notShown: '不可见',
  resupplied: '(腾退再供应)',
  signIn: '统一身份认证登录',
  signInFailed: '登录失败：',
  signInExpired: '登录请求已失效，请重新登录',
  noAuthorizationEndpoint: '身份提供方未公布授权端点',
  noIdToken: '身份提供方未返回 ID 令牌',
  // 地图 (一张图)
  map: {
    heading: (year: number) => `一张图 · ${year}年`,
    indicator: '镇街着色指标',
    indicators: {
      taxPerMu: '亩均税收(万元/亩)',
      firms: '有数据企业数(家)',
      abShare: 'A/B类企业占比(%)',
    },
    noFigure: '无数据或不可见',
    layers: '图层',
    towns: '镇街',
    parcels: '地块(腾退阶段)',
    firms: '企业点位(评价分类)',
    noStage: '未启动腾退',
    run: '评价批次',
    defaultRun: '默认（本年度最新公示或定档批次）',
    runShown: (run: string, status: string | undefined) =>
      `企业分类为评价批次 ${run}${status ? `（${status}）` : ''}的在档分类（公示名单公开）。`,
    noRun: '本年度尚无公示中或已定档的评价批次：企业点位不着色。',
    unclassified: '无分类',
    draw: '绘制区域',
    drawHint: '在地图上单击添加顶点，双击或点击“完成绘制”结束。',
    finishDraw: '完成绘制',
    cancelDraw: '取消',
    clearDraw: '清除区域',
    drawnHeading: '自定义区域统计',
    drawnFirms: '企业数',
    drawnParcels: '地块数(按质心)',
    drawnClasses: '企业分类',
    drawnTax: '税收合计(万元)',
    drawnLand: '用地面积合计(亩)',
    drawnTaxPerMu: '亩均税收(万元/亩，比值之和)',
    drawnVacating: '腾退面积(亩)',
    drawnHidden: '区域内含您无权查看数据的企业：合计数不显示。',
    firmHeading: '企业',
    parcelHeading: '地块',
    panelHint: '点击企业点位或地块查看详情。',
    uscc: '统一社会信用代码',
    town: '镇街',
    industry: '行业',
    class: '评价分类',
    tax: '税收(万元)',
    landArea: '用地面积(亩)',
    taxPerMu: '亩均税收(万元/亩)',
    parcelId: '地块编号',
    category: '用地类别',
    stage: '腾退阶段',
    measured: '图斑面积(平方米)',
    grant: '标准地出让',
    noGrant: '无标准地出让',
    legendBreak: (from: string | undefined, to: string) => (from === undefined ? `≤ ${to}` : `${from} – ${to}`),
    mapLabel: '桐乡市镇街、地块与企业点位地图',
  },
} as const;

/** The API's `GrantPhase` enum in Chinese. */
export const GRANT_PHASE: Record<GrantPhase, string> = {
  LISTED: GRANT_PHASE_LABELS.listed,
  GRANTED: GRANT_PHASE_LABELS.granted,
  UNDER_CONSTRUCTION: GRANT_PHASE_LABELS.underConstruction,
  COMPLETED: GRANT_PHASE_LABELS.completed,
  IN_PRODUCTION: GRANT_PHASE_LABELS.inProduction,
};

/** The API's `GrantVerdict` enum in Chinese. */
export const GRANT_VERDICT: Record<GrantVerdict, string> = {
  COMPLIANT: GRANT_VERDICT_LABELS.compliant,
  SHORTFALL: GRANT_VERDICT_LABELS.shortfall,
  INCOMPLETE: GRANT_VERDICT_LABELS.incomplete,
  NOT_DUE: GRANT_VERDICT_LABELS.notDue,
};

/** The API's `EvaluationStatus` enum in Chinese (the core's labels, keyed by the enum). */
export const EVALUATION_STATUS: Record<EvaluationStatus, string> = {
  RATED: EVALUATION_STATUS_LABELS.rated,
  EXEMPT: EVALUATION_STATUS_LABELS.exempt,
  VETOED: EVALUATION_STATUS_LABELS.vetoed,
  EXCLUDED: EVALUATION_STATUS_LABELS.excluded,
  LANDLORD_CLASS: EVALUATION_STATUS_LABELS.landlordClass,
  NOT_EVALUATED: EVALUATION_STATUS_LABELS.notEvaluated,
};

/** The API's `EvaluationRunStatus` enum in Chinese (草稿 / 公示中 / 已定档 / 已撤回). */
export const EVALUATION_RUN_STATUS: Record<EvaluationRunStatus, string> = {
  DRAFT: EVALUATION_RUN_STATUS_LABELS.draft,
  PUBLIC_NOTICE: EVALUATION_RUN_STATUS_LABELS.publicNotice,
  FINAL: EVALUATION_RUN_STATUS_LABELS.final,
  WITHDRAWN: EVALUATION_RUN_STATUS_LABELS.withdrawn,
};

/** The API's `ObjectionCategory` enum in Chinese. */
export const OBJECTION_CATEGORY: Record<ObjectionCategory, string> = {
  DATA_ERROR: OBJECTION_CATEGORY_LABELS.dataError,
  LAND_AREA: OBJECTION_CATEGORY_LABELS.landArea,
  EXEMPTION: OBJECTION_CATEGORY_LABELS.exemption,
  OTHER: OBJECTION_CATEGORY_LABELS.other,
};

/** The API's `ObjectionOutcome` enum in Chinese (复核结果). */
export const OBJECTION_OUTCOME: Record<ObjectionOutcome, string> = {
  CORRECTION: OBJECTION_OUTCOME_LABELS.correction,
  OVERRIDE: OBJECTION_OUTCOME_LABELS.override,
  DISMISSED: OBJECTION_OUTCOME_LABELS.dismissed,
};

/**
 * The gateway's refusal rules (ValidationError / InvalidTransition `rule`,
 * docs/evaluation-runs.md and docs/errors.md) in Chinese, shown next to the
 * field or row they concern; a rule missing here shows the gateway's message.
 */
export const RULE_TEXT: Readonly<Record<string, string>> = {
  'run.notDraft': '只有草稿批次可以发布公示',
  'run.notice.order': '公示结束日不能早于开始日',
  'run.notice.start': '公示不能早于发布当天开始',
  'run.notice.end': '公示结束日须晚于发布当天',
  'run.notice.length': '公示期短于方案规定的最少天数',
  'run.notInNotice': '该批次不在公示中',
  'run.window': '不在公示期内，不能提出异议',
  'run.reference.firm': '该企业不在本批次中',
  'reason.required': '请填写理由',
  'objection.resolved': '该异议已复核',
  'run.windowOpen': '公示期尚未结束，不能定档',
  'run.openObjections': '仍有未复核的异议，不能定档',
  'run.oneFinal': '该方案该年度已有定档批次',
  'run.final': '已定档的批次不能再更改',
  'run.withdrawn': '已撤回的批次不能再更改',
  'reference.scheme': '没有这个评价方案',
  'reference.run': '没有这个评价批次',
  'scheme.jurisdiction': '该方案属于其他城市',
  'correction.year': '更正须为本批次的年度',
  'correction.needed': '更正复核须填写更正后的数据',
  'override.needed': '调整分类须指定分类',
  'revision.conflict': '批次已被他人更改：请刷新后重试',
  'auth.denied': '无权执行此操作',
};
