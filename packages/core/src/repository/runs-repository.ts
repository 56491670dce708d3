import type { EvaluationClass } from '../evaluation/scheme';
import { refused } from '../runs/rules';
import type { EvaluationRun, RunKey, RunResult, RunTransition } from '../runs/run';
import type { PageQuery, RegistryChanges, WriteContext } from './repository';

/** What a run update writes with the run, in one transaction. */
export interface RunUpdateWith {
  /** Registry changes of the run's region (an objection's correction), as `saveRecords` takes them. */
  readonly records?: RegistryChanges;
}

/** Orders of a run's results: by USCC, or by cohort, then rank (unranked last), then USCC. */
export type RunResultOrder = 'uscc' | 'rank';

/** A page of a run's results, filtered. `after` is the key (`runResultKey`) of the last row read. */
export interface RunResultQuery extends PageQuery {
  readonly townCode?: string;
  readonly cohortId?: string;
  readonly class?: EvaluationClass;
  readonly orderBy?: RunResultOrder;
}

/** Firms of a run per town, cohort and class in force. */
export interface RunClassCount {
  readonly townCode: string;
  readonly cohortId: string | null;
  readonly class: EvaluationClass | null;
  readonly count: number;
}

/**
 * The sort key of a result in an order, the same in every repository and in
 * the gateway's cursors: `uscc`, or `cohort|rank (9 digits)|uscc` with `~`
 * (after every id character) for no cohort and no rank.
 */
export function runResultKey(r: Pick<RunResult, 'uscc' | 'cohortId' | 'rank'>, order: RunResultOrder): string {
  return order === 'uscc'
    ? r.uscc
    : `${r.cohortId ?? '~'}|${r.rank === null ? '~' : String(r.rank).padStart(9, '0')}|${r.uscc}`;
}

/**
 * 评价批次 in storage: runs, their per-firm results, objections and
 * overrides. Transitions are computed by the core (runs/run.ts); the
 * repository stores them whole or not at all, refuses a transition based on
 * an older revision of the run, keeps one final run per scheme, year and
 * region, never changes a final run, and audits every write.
 */
export interface EvaluationRunRepository {
  /** Stores a new run (revision 1) and all its results. @throws ValidationError when the id is taken */
  createRun(start: RunTransition, ctx: WriteContext): Promise<EvaluationRun>;
  /**
   * Stores a transition of a stored run: `run.revision` must be one above the
   * stored revision; the results it carries replace the stored ones by USCC.
   * With `records`, those registry changes of the run's region (an objection's data
   * correction) are validated and written in the same transaction as the run.
   * @throws InvalidTransitionError (`revision.conflict`, `run.final`, `run.oneFinal`) or the
   *   records' ValidationError; nothing is written
   */
  updateRun(next: RunTransition, ctx: WriteContext, with_?: RunUpdateWith): Promise<EvaluationRun>;
  getRun(id: string): Promise<EvaluationRun | undefined>;
  /** Runs of a region (and year), newest first. */
  listRuns(query: { readonly regionCode: string; readonly year?: number }): Promise<EvaluationRun[]>;
  /** Results of the firms named, in the order asked (undefined where the run has none). */
  getRunResults(runId: string, usccs: readonly string[]): Promise<(RunResult | undefined)[]>;
  /** Every result of a run, by USCC. */
  loadRunResults(runId: string): Promise<RunResult[]>;
  /** A page of results in `orderBy` order (default USCC), at most `first` rows. */
  listRunResults(runId: string, query: RunResultQuery): Promise<RunResult[]>;
  countRunClasses(runId: string): Promise<RunClassCount[]>;
}

/** The run an objection id (`<runId>.<n>`) belongs to. */
export function runIdOfObjection(objectionId: string): string {
  const dot = objectionId.lastIndexOf('.');
  return dot < 0 ? '' : objectionId.slice(0, dot);
}

/** The checks every repository makes before storing a transition (under its lock). */
export function checkRunUpdate(
  stored: EvaluationRun | undefined,
  next: EvaluationRun,
  others: readonly RunKey[],
): void {
  if (!stored) throw refused('update', 'unknown', 'revision.conflict', `no run ${next.id}`);
  if (stored.status === 'final') throw refused('update', stored.status, 'run.final');
  if (next.revision !== stored.revision + 1) {
    throw refused('update', stored.status, 'revision.conflict', `stored revision ${stored.revision}`);
  }
  if (next.status === 'final') {
    const final = others.find(
      (o) =>
        o.id !== next.id &&
        o.status === 'final' &&
        o.schemeId === next.schemeId &&
        o.year === next.year &&
        o.regionCode === next.regionCode,
    );
    if (final) throw refused('finalize', stored.status, 'run.oneFinal', `run ${final.id} is final`);
  }
}

/** What the audit trail records of a run write: the last step of its trail. */
export function runAuditDetail(run: EvaluationRun, results: number) {
  const last = run.trail[run.trail.length - 1];
  return {
    runId: run.id,
    regionCode: run.regionCode,
    year: run.year,
    schemeId: run.schemeId,
    status: run.status,
    revision: run.revision,
    step: last?.action ?? null,
    results,
  };
}
