import type { ClassCounts } from '../evaluation/summary';
import type { RunClassCount } from '../repository/runs-repository';

/** 分类汇总 of a run: class counts in force overall, per cohort (`-` for none) and per town. */
export interface RunSummary {
  readonly total: ClassCounts;
  readonly byCohort: Readonly<Record<string, ClassCounts>>;
  readonly byTown: Readonly<Record<string, ClassCounts>>;
}

const zeroCounts = (): ClassCounts => ({ A: 0, B: 0, C: 0, D: 0, T: 0, none: 0 });

function bucket(map: Record<string, ClassCounts>, key: string): ClassCounts {
  const found = map[key];
  if (found) return found;
  const fresh = zeroCounts();
  map[key] = fresh;
  return fresh;
}

/** Adds up a repository's `countRunClasses` rows. */
export function summarizeRun(rows: readonly RunClassCount[]): RunSummary {
  const total = zeroCounts();
  const byCohort: Record<string, ClassCounts> = {};
  const byTown: Record<string, ClassCounts> = {};
  for (const r of rows) {
    const k = r.class ?? 'none';
    total[k] += r.count;
    const c = r.cohortId ?? '-';
    bucket(byCohort, c)[k] += r.count;
    bucket(byTown, r.townCode)[k] += r.count;
  }
  return { total, byCohort, byTown };
}
