import type { GrantIndicatorUnit } from './indicators';

/** Chinese labels of the land-grant domain (标准地), as printed in reports and workbooks. */

export const GRANT_UNIT_LABELS: Readonly<Record<GrantIndicatorUnit, string>> = {
  wanYuanPerMu: '万元/亩',
  percent: '%',
  ratio: '',
  wanYuanPerTce: '万元/吨标准煤',
  wanYuanPerTonne: '万元/吨',
};

/** When a commitment is checked. */
export const GRANT_STAGE_LABELS = {
  completion: '竣工验收',
  production: '达产复核',
} as const;

/** 不少于 / 不超过 / 区间. */
export const GRANT_COMPARATOR_LABELS = {
  atLeast: '不少于',
  atMost: '不超过',
  between: '介于',
} as const;

/** A commitment's state at a check. */
export const COMMITMENT_STATUS_LABELS = {
  met: '达标',
  short: '未达标',
  notDue: '未到期',
  noData: '缺数据',
} as const;

/** A grant's overall verdict at a check. */
export const GRANT_VERDICT_LABELS = {
  compliant: '全部达标',
  shortfall: '未达标',
  incomplete: '数据不全',
  notDue: '未到复核期',
} as const;

/** Where a grant stands (after DB33/T 2172-2018's 按标出让 → 按标施建 → 对标验收 → 监督管理). */
export const GRANT_PHASE_LABELS = {
  listed: '挂牌出让',
  granted: '已出让',
  underConstruction: '在建',
  completed: '已竣工',
  inProduction: '已投产',
} as const;

/** Kinds of consequence (违约责任). */
export const CONSEQUENCE_LABELS = {
  shortfallCash: '差额补缴',
  lateFee: '违约金(按日)',
  depositForfeiture: '没收保证金',
  idleFee: '土地闲置费',
  takeBack: '收回土地使用权',
} as const;

/** Milestones a consequence may watch. */
export const MILESTONE_LABELS = {
  start: '开工',
  completion: '竣工',
} as const;

/** Who signs the 投资建设合同 with the grantee. */
export const COUNTERPARTY_LABELS = {
  townGovernment: '镇政府/街道办事处',
  parkCommittee: '园区管委会',
} as const;
