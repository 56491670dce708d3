import type { EvaluationRun, Objection } from '@mujun/core';
import { isPublishedRun } from '@mujun/core/geo';
import type { Principal } from './auth';

/*
 * What of evaluation runs (评价批次) and of an evaluation computed on request
 * (`evaluation(schemeId, year)`) may be read, decided here and nowhere else. These are read rules only: who may write a run (start, publish, file
 * and resolve objections, finalise, withdraw) is decided by the one write
 * policy, `policy.ts` (rows of `WRITE_POLICY`, checked by `authorizeWrite`).
 *
 * - live: an evaluation computed on request from current data moves with every
 *   write, so it is the city's admins' only (`canReadLiveEvaluation`): others
 *   could read its order again after each write of their own (the rank oracle);
 * - read: a draft only for the city's admins; a published (公示中 / 已定档) run,
 *   or one withdrawn after it was published, for everyone who may read;
 * - records: trail, overrides, class changes for the city's staff, a town
 *   operator seeing only the entries about its own town's objections;
 * - results: the city's admins see every figure and score; a town operator those
 *   of its own towns; everyone else names, towns and classes only, ranks too
 *   unless the scheme says 排名不分先后 (`ranks: hidden`: then only those who
 *   see a firm's figures see its rank).
 *
 * An evaluation computed on request follows the results rule of a published
 * run of its city: it shows the same figures, so it may show them to no one
 * a run would not (`firmView`, `seesAllFigures`). A firm's annual figures
 * (`Enterprise.annualData`: tax, value added, land, energy, …) follow the same
 * rule, and so does a list filter by them (`taxPerMuBelow`).
 */

function isCityAdmin(p: Principal, cityCode: string): boolean {
  return p.role === 'cityAdmin' && p.cityCode === cityCode;
}

function isCityStaff(p: Principal, cityCode: string): boolean {
  return isCityAdmin(p, cityCode) || (p.role === 'townOperator' && p.cityCode === cityCode);
}

/**
 * Whether an evaluation computed on request from current data (`evaluation`)
 * may be read: only by the city's admins. Its figures, ranks and orders move
 * with every write, so anyone else who could write one firm's data and read
 * the order again would learn the hidden totals of others (the rank oracle);
 * town operators and viewers read published runs, which do not move.
 */
export function canReadLiveEvaluation(p: Principal, cityCode: string): boolean {
  return isCityAdmin(p, cityCode);
}

/**
 * Whether the run is visible at all: published (公示中), final (已定档) and
 * withdrawn-after-publishing runs to everyone who may read; a draft, or a run
 * withdrawn before it was published, only to the city's admins (it is a live
 * evaluation that no one has published).
 */
export function canSeeRun(p: Principal, run: EvaluationRun): boolean {
  if (p.role === 'anonymous') return false;
  if (isCityAdmin(p, run.regionCode)) return true;
  return isPublishedRun(run);
}

/** What of one firm's result a principal is shown. */
export interface FirmView {
  /** Its figures, scores, status and reasons. */
  readonly figures: boolean;
  /** Its rank (and ranked count). */
  readonly rank: boolean;
}

/**
 * What of one firm's result in the city `cityCode` is shown: everything to
 * the city's admins and to the firm's own town operators; to everyone else
 * its rank only when ranks are published.
 */
export function firmView(p: Principal, cityCode: string, townCode: string, ranksHidden: boolean): FirmView {
  const figures = isCityAdmin(p, cityCode) || (p.role === 'townOperator' && p.townCode === townCode);
  return { figures, rank: figures || !ranksHidden };
}

/** What of one firm's result in a run is shown: its figures and scores, its rank. */
export function resultView(p: Principal, run: EvaluationRun, townCode: string, ranksHidden: boolean): FirmView {
  return firmView(p, run.regionCode, townCode, ranksHidden);
}

/**
 * Whether the principal sees the figures of every firm of a list of the city
 * `cityCode` (filtered to `townCode` when given), so that a filter or an order
 * by a figure reveals nothing: the city's admins, or a town operator listing
 * its own town.
 */
export function seesAllFigures(p: Principal, cityCode: string, townCode: string | undefined): boolean {
  return isCityAdmin(p, cityCode) || (p.role === 'townOperator' && townCode !== undefined && p.townCode === townCode);
}

/**
 * Whether results may be ordered by rank: the order would reveal hidden
 * ranks, so with `ranks: hidden` only a city admin may, or a town operator
 * listing its own town (`townCode`, the town filter).
 */
export function canOrderByRank(
  p: Principal,
  run: EvaluationRun,
  ranksHidden: boolean,
  townCode: string | undefined,
): boolean {
  return !ranksHidden || seesAllFigures(p, run.regionCode, townCode);
}

/** Objections shown: all to the city's admins, a town's own to its operators, none to others. */
export function visibleObjection(p: Principal, run: EvaluationRun, o: Objection): boolean {
  return isCityAdmin(p, run.regionCode) || (p.role === 'townOperator' && p.townCode === o.townCode);
}

/**
 * Whether a trail entry is shown: entries about an objection (filing,
 * resolving) follow `visibleObjection` — a town operator sees its own town's
 * only, so no other town's objection reasons leak through the trail.
 */
export function visibleTrailEntry(
  p: Principal,
  run: EvaluationRun,
  entry: { readonly detail: unknown },
  objections: ReadonlyMap<string, Objection>,
): boolean {
  if (isCityAdmin(p, run.regionCode)) return true;
  const id = (entry.detail as { objectionId?: unknown } | null)?.objectionId;
  if (typeof id !== 'string') return true;
  const o = objections.get(id);
  return o !== undefined && visibleObjection(p, run, o);
}

/** The run's trail, overrides, class changes and creator: the city's staff. */
export function canSeeRunRecords(p: Principal, run: EvaluationRun): boolean {
  return isCityStaff(p, run.regionCode);
}

/**
 * 评价结果表 (results.xlsx) of a run: every firm's figures, scores and
 * reasons in one file, so the city's admins only — a town operator reads its
 * own firms' figures through `results`, one firm at a time by the results rule.
 */
export function canReadResultsWorkbook(p: Principal, run: EvaluationRun): boolean {
  return isCityAdmin(p, run.regionCode);
}

/** Policy lists (they carry firms' consumption): the city's admins all, a town operator its own town. */
export function policyListTowns(p: Principal, run: EvaluationRun): 'all' | string | 'none' {
  if (isCityAdmin(p, run.regionCode)) return 'all';
  if (p.role === 'townOperator' && p.cityCode === run.regionCode) return p.townCode;
  return 'none';
}
