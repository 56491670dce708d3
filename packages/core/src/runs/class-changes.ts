import { type EvaluationClass, RANKED_CLASSES } from '../evaluation/scheme';
import type { RunResult } from './run';

/** 升档 / 降档 / 新增 / 退出 / 不变. */
export type ClassChangeKind = 'up' | 'down' | 'new' | 'exit' | 'same';

/** One firm's class in two runs. */
export interface FirmClassChange {
  readonly uscc: string;
  readonly name: string;
  readonly townCode: string;
  /** The firm's cohort in the later run (else the earlier one). */
  readonly cohortId: string | null;
  readonly from: EvaluationClass | null;
  readonly to: EvaluationClass | null;
  readonly kind: ClassChangeKind;
}

export interface ClassChangeCounts {
  up: number;
  down: number;
  new: number;
  exit: number;
  same: number;
}

/** 分类变动: counts overall, per town and per cohort, and the firms that moved (kind other than `same`). */
export interface ClassChanges {
  readonly total: ClassChangeCounts;
  readonly byTown: Readonly<Record<string, ClassChangeCounts>>;
  readonly byCohort: Readonly<Record<string, ClassChangeCounts>>;
  readonly firms: readonly FirmClassChange[];
}

const ladder: readonly string[] = RANKED_CLASSES;
const zero = (): ClassChangeCounts => ({ up: 0, down: 0, new: 0, exit: 0, same: 0 });

function bucket(map: Record<string, ClassChangeCounts>, key: string): ClassChangeCounts {
  const found = map[key];
  if (found) return found;
  const fresh = zero();
  map[key] = fresh;
  return fresh;
}

/**
 * How a class moved. Only A–D form the ladder: a firm without one of them in
 * the earlier run (absent, not evaluated, or T 免评) that has one in the later
 * run is 新增; the reverse is 退出; between two of them a better class is 升档,
 * a worse one 降档.
 */
export function classChangeKind(from: EvaluationClass | null, to: EvaluationClass | null): ClassChangeKind {
  const a = from === null ? -1 : ladder.indexOf(from);
  const b = to === null ? -1 : ladder.indexOf(to);
  if (a < 0 && b < 0) return 'same';
  if (a < 0) return 'new';
  if (b < 0) return 'exit';
  return b < a ? 'up' : b > a ? 'down' : 'same';
}

/**
 * `classChanges(fromRun, toRun)`: year over year (or run over run), the class
 * in force of every firm in either run's results, compared. Firms listed by
 * USCC.
 */
export function classChanges(from: readonly RunResult[], to: readonly RunResult[]): ClassChanges {
  const before = new Map(from.map((r) => [r.uscc, r]));
  const after = new Map(to.map((r) => [r.uscc, r]));
  const usccs = [...new Set([...before.keys(), ...after.keys()])].sort();
  const total = zero();
  const byTown: Record<string, ClassChangeCounts> = {};
  const byCohort: Record<string, ClassChangeCounts> = {};
  const firms: FirmClassChange[] = [];
  for (const uscc of usccs) {
    const a = before.get(uscc);
    const b = after.get(uscc);
    const r = (b ?? a) as RunResult;
    const kind = classChangeKind(a?.class ?? null, b?.class ?? null);
    const cohortId = b?.cohortId ?? a?.cohortId ?? null;
    total[kind] += 1;
    bucket(byTown, r.townCode)[kind] += 1;
    bucket(byCohort, cohortId ?? '-')[kind] += 1;
    if (kind !== 'same') {
      firms.push({
        uscc,
        name: r.name,
        townCode: r.townCode,
        cohortId,
        from: a?.class ?? null,
        to: b?.class ?? null,
        kind,
      });
    }
  }
  return { total, byTown, byCohort, firms };
}
