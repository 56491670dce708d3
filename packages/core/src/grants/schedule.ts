import type { GrantStage } from './commitments';
import type { LandGrant } from './model';

/** A check a grant is due for in a year. */
export interface DueCheck {
  readonly grantId: string;
  readonly townCode: string;
  readonly granteeUscc: string | null;
  readonly stage: GrantStage;
  /** 竣工验收: the agreed (or actual) completion date in the year; null for 达产复核. */
  readonly dueOn: string | null;
  /** 达产复核: the statistical year checked (year of 投产 + offset); null for 竣工验收. */
  readonly checkYear: number | null;
}

/**
 * Which grants are due for a check in `year` (年度复核清单): 竣工验收 when the agreed
 * completion (or the actual one, if earlier) falls in the year; 达产复核 when the year of
 * 投产 plus a commitment's offset is the year. Ordered by grant id, completion first.
 */
export function grantsDueForCheck(grants: readonly LandGrant[], year: number): DueCheck[] {
  const out: DueCheck[] = [];
  const y = String(year);
  for (const g of [...grants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const who = { grantId: g.id, townCode: g.townCode, granteeUscc: g.granteeUscc ?? null };
    if (g.commitments.some((c) => c.stage === 'completion')) {
      const due =
        g.completedOn !== undefined && (g.agreedCompletionOn === undefined || g.completedOn < g.agreedCompletionOn)
          ? g.completedOn
          : g.agreedCompletionOn;
      if (due?.startsWith(y)) out.push({ ...who, stage: 'completion', dueOn: due, checkYear: null });
    }
    if (g.productionOn !== undefined) {
      const start = Number(g.productionOn.slice(0, 4));
      const due = g.commitments.some((c) => c.stage === 'production' && start + c.offsetYears === year);
      if (due) out.push({ ...who, stage: 'production', dueOn: null, checkYear: year });
    }
  }
  return out;
}
