import type { EvaluationRun, Objection } from '@mujun/core';
import type { Principal } from './auth';

/*
 * What of evaluation runs (评价批次) and of an evaluation computed on request
 * (`evaluation(schemeId, year)`) may be read, decided here and nowhere else. These are read rules only: who may write a run (start, publish, file
 * and resolve objections, finalise, withdraw) is decided by the one write
 * policy, `policy.ts` (rows of `WRITE_POLICY`, checked by `authorizeWrite`).
 *
 * - read: a draft only for the city's admins and town operators; a published
 *   (公示中 / 已定档) or withdrawn run for everyone who may read;
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

/** Whether the run is visible at all (a draft only to the city's staff). */
export function canSeeRun(p: Principal, run: EvaluationRun): boolean {
  if (p.role === 'anonymous') return false;
  return run.status !== 'draft' || isCityStaff(p, run.regionCode);
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

/** The run's trail, overrides, class changes and creator: the city's staff. */
export function canSeeRunRecords(p: Principal, run: EvaluationRun): boolean {
  return isCityStaff(p, run.regionCode);
}

/** Policy lists (they carry firms' consumption): the city's admins all, a town operator its own town. */
export function policyListTowns(p: Principal, run: EvaluationRun): 'all' | string | 'none' {
  if (isCityAdmin(p, run.regionCode)) return 'all';
  if (p.role === 'townOperator' && p.cityCode === run.regionCode) return p.townCode;
  return 'none';
}
