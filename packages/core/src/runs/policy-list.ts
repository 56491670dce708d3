import { stringifyCsv } from '../dataset/csv';
import { applyPolicies, type PolicyMeasure, type PolicyTable } from '../evaluation/policies';
import type { EvaluationClass } from '../evaluation/scheme';
import { POLICY_LIST_COLUMN_LABELS } from '../labels';
import type { EnterpriseAnnualData } from '../model/annual-data';
import type { Money } from '../quantity/kinds';
import type { RunResult } from './run';

/** One line of a 差别化政策 list: one measure for one firm. */
export interface PolicyListEntry {
  readonly uscc: string;
  readonly name: string;
  readonly townCode: string;
  readonly class: EvaluationClass;
  readonly measure: PolicyMeasure['kind'];
  readonly label: string;
  /** 元: positive a surcharge, negative a relief; null when the measure has no amount or data is missing. */
  readonly amount: Money | null;
  readonly note: string | null;
}

/**
 * 差别化政策名单: each firm's measures under its class in force, from the
 * policy table and the firm's annual data of the run's year (用电量, 用水量,
 * 用地面积). Firms in USCC order, measures in the table's order.
 */
export function policyList(
  results: readonly RunResult[],
  table: PolicyTable,
  annualData: ReadonlyMap<string, EnterpriseAnnualData>,
): PolicyListEntry[] {
  const out: PolicyListEntry[] = [];
  const sorted = [...results].sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
  for (const r of sorted) {
    if (r.class === null) continue;
    const firm = applyPolicies(table, r, annualData.get(r.uscc));
    for (const m of firm.measures) {
      out.push({
        uscc: r.uscc,
        name: r.name,
        townCode: r.townCode,
        class: r.class,
        measure: m.kind,
        label: m.label,
        amount: m.amount,
        note: m.note,
      });
    }
  }
  return out;
}

/**
 * The policy list as CSV for the power and water utilities and the tax
 * office: 统一社会信用代码, 企业名称, 镇(街道), 分类, 政策措施, 金额(元), 备注;
 * amounts rounded once here, half-up to `places` (default 2) 元; text
 * cells formula-safe (`stringifyCsv`: a firm named `=HYPERLINK(…)` stays text).
 */
export function policyListCsv(
  entries: readonly PolicyListEntry[],
  townNames: ReadonlyMap<string, string>,
  options: { readonly places?: number } = {},
): string {
  const L = POLICY_LIST_COLUMN_LABELS;
  const places = options.places ?? 2;
  const rows = entries.map((e) => [
    e.uscc,
    e.name,
    townNames.get(e.townCode) ?? e.townCode,
    e.class,
    e.label,
    e.amount === null ? '' : e.amount.toFixed('yuan', { places, rounding: 'halfUp' }),
    e.note ?? '',
  ]);
  return stringifyCsv([[L.uscc, L.name, L.town, L.class, L.measure, L.amount, L.note], ...rows]);
}
