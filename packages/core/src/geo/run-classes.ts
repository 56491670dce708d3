import type { EvaluationClass } from '../evaluation/classes';
import type { ClassCounts } from '../evaluation/summary';
import type { EvaluationRun, RunResult, RunStatus } from '../runs/run';
import { summarizeRun } from '../runs/summary';

/**
 * Classes on the map (一张图分类): firm points and drawn areas show the class
 * of one evaluation run (评价批次), never one computed here — the class in
 * force of the run's results (`RunResult.class`, an override 提档/降档/定档
 * applied), so the map says what the 公示名单 says.
 */

/**
 * The statuses whose run a map shows by default: in 公示 (publicNotice) or
 * final (已定档). Their classes are public (the 公示名单 lists names, towns and
 * classes); a draft is not, and a withdrawn run is no longer in force.
 */
export const MAP_RUN_STATUSES: readonly RunStatus[] = ['publicNotice', 'final'];

/**
 * Whether a run was published — in 公示, final, or withdrawn after its 公示 —
 * so that its names, towns and classes are public (the 公示名单); a draft,
 * or a run withdrawn before 公示, was never shown to anyone outside the city.
 */
export function isPublishedRun(run: Pick<EvaluationRun, 'status' | 'notice'>): boolean {
  return run.status === 'publicNotice' || run.status === 'final' || (run.status === 'withdrawn' && run.notice !== null);
}

/**
 * The run a map of `year` shows by default: the newest (by creation time,
 * then id, as repositories list runs) of the year in 公示 or final; none when
 * the year has no such run.
 */
export function defaultMapRun<R extends Pick<EvaluationRun, 'id' | 'year' | 'status' | 'createdAt'>>(
  runs: readonly R[],
  year: number,
): R | undefined {
  let best: R | undefined;
  for (const r of runs) {
    if (r.year !== year || !MAP_RUN_STATUSES.includes(r.status)) continue;
    if (best === undefined || r.createdAt > best.createdAt || (r.createdAt === best.createdAt && r.id > best.id)) {
      best = r;
    }
  }
  return best;
}

/** The classes of one run, as the layers and drawn-area statistics use them. */
export interface MapClasses {
  /** The run they come from. */
  readonly runId: string;
  /** The class in force of each firm of the run that has one, by USCC. */
  readonly byFirm: ReadonlyMap<string, EvaluationClass>;
  /** Class counts in force per town (the run's 分类汇总 `byTown`: the town the run recorded for each firm). */
  readonly byTown: Readonly<Record<string, ClassCounts>>;
}

/**
 * The classes a map shows from a run's results: each firm's class in force
 * (`RunResult.class`), and per-town counts added up by the run summary's own
 * rule (`summarizeRun`), so the town layer agrees with the run's 分类汇总.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { mapClasses } from '@mujun/core/geo';
 *
 * const classes = mapClasses('r1', [
 *   { uscc: 'u1', townCode: '330483100000', cohortId: null, class: 'A' },
 *   { uscc: 'u2', townCode: '330483100000', cohortId: null, class: null },
 * ]);
 * assert.equal(classes.byFirm.get('u1'), 'A');
 * assert.equal(classes.byFirm.has('u2'), false);
 * assert.equal(classes.byTown['330483100000']?.none, 1);
 * ```
 */
export function mapClasses(
  runId: string,
  results: readonly Pick<RunResult, 'uscc' | 'townCode' | 'cohortId' | 'class'>[],
): MapClasses {
  const byFirm = new Map<string, EvaluationClass>();
  for (const r of results) if (r.class !== null) byFirm.set(r.uscc, r.class);
  const { byTown } = summarizeRun(
    results.map((r) => ({ townCode: r.townCode, cohortId: r.cohortId, class: r.class, count: 1 })),
  );
  return { runId, byFirm, byTown };
}
