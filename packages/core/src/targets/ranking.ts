import type { CampaignLedger } from '../campaign/ledger';
import { invalid } from '../errors';
import { Rational, type RationalInput } from '../exact/rational';
import { addDays, type IsoDate } from '../model/date';
import { isoWeekEnd, isoWeekStart, isoWeeksInYear } from './iso-week';
import { targetProgress } from './progress';
import { flattenTargets, type Target } from './targets';

/**
 * One part of the composite: a weight over the completion rate of each
 * town's target on one indicator. `targets` holds per-town targets (a
 * city target broken down by town works: its town children are used).
 */
export interface RankingComponent {
  readonly key: string;
  readonly label?: string;
  readonly weight: RationalInput;
  readonly targets: readonly Target[];
  /** Completion rates above this count as this (e.g. 1.2); overrides the ranking's cap. */
  readonly cap?: RationalInput;
}

/** 量化排序 configuration: score = Σ weight × min(completion rate, cap). */
export interface RankingConfig {
  readonly components: readonly RankingComponent[];
  /** Cap applied to every component's completion rate, unless the component has its own. None: uncapped. */
  readonly cap?: RationalInput;
}

export interface ComponentScore {
  readonly key: string;
  readonly weight: Rational;
  /** The town's completion rate (0 when the town has no target or no data: see `missing`). */
  readonly completionRate: Rational;
  /** After the cap. */
  readonly counted: Rational;
  /** weight × counted. */
  readonly partial: Rational;
  readonly missing: boolean;
}

export interface TownRank {
  readonly townCode: string;
  readonly townName: string;
  readonly score: Rational;
  /** Competition rank ("1224"): equal scores share a rank, the next rank skips. */
  readonly rank: number;
  readonly components: readonly ComponentScore[];
}

/** The target of `townCode` among a component's targets: the shallowest one scoped to that town. */
function townTarget(targets: readonly Target[], townCode: string): Target | undefined {
  for (const root of targets) {
    const found = flattenTargets(root).find((t) => t.townCode === townCode);
    if (found) return found;
  }
  return undefined;
}

/**
 * Ranks a list of scored towns: by score (high first), ties share the rank
 * (competition ranking 1224), and tied towns are listed by town code so the
 * order is deterministic.
 */
export function competitionRank<T extends { readonly townCode: string; readonly score: Rational }>(
  rows: readonly T[],
): (T & { readonly rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score.compare(a.score) || (a.townCode < b.townCode ? -1 : 1));
  const out: (T & { rank: number })[] = [];
  sorted.forEach((row, i) => {
    const prev = out[i - 1];
    const rank = prev?.score.equals(row.score) ? prev.rank : i + 1;
    out.push({ ...row, rank });
  });
  return out;
}

/**
 * 量化排序 of the ledger's towns on `asOf`: each town's composite score
 * Σ weight × min(completion rate, cap) over the components, ranked with
 * `competitionRank`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import {
 *   applyBatch, defineTarget, emptyLedger, parseRegistry, rankTowns, registryReferences, TONGXIANG_2018_INPUT,
 * } from '@mujun/core';
 *
 * const SHIMEN = '330483108000';
 * const ZHOUQUAN = '330483105000';
 * const registry = parseRegistry({
 *   region: TONGXIANG_2018_INPUT,
 *   parks: [
 *     { id: 'SM-PARK', name: '石门小微企业园', townCode: SHIMEN, kind: 'smallMicroPark', phases: [{ phase: 1, floorArea: '100000' }] },
 *     { id: 'ZQ-PARK', name: '洲泉小微企业园', townCode: ZHOUQUAN, kind: 'smallMicroPark', phases: [{ phase: 1, floorArea: '50000' }] },
 *   ],
 * });
 * const entered = (id: string, townCode: string, date: string) =>
 *   ({ type: 'parkEntered', id, date, townCode, parkId: townCode === SHIMEN ? 'SM-PARK' : 'ZQ-PARK', enterpriseName: `企业${id}` });
 *
 * const events = [entered('e1', SHIMEN, '2019-03-01'), entered('e2', SHIMEN, '2019-03-02'), entered('e3', ZHOUQUAN, '2019-03-03')];
 * const batch = applyBatch(emptyLedger(registryReferences(registry)), events, { clock: false });
 * assert.ok(batch.ok);
 * const period = { from: '2019-01-01', to: '2019-12-31' };
 * const targets = [
 *   defineTarget({ id: 'sm', measure: 'parkEntries', townCode: SHIMEN, period, value: '2' }),
 *   defineTarget({ id: 'zq', measure: 'parkEntries', townCode: ZHOUQUAN, period, value: '4' }),
 * ];
 * const ranks = rankTowns(batch.state, { components: [{ key: 'entries', label: '小微企业入园', weight: '100', targets }], cap: '1' }, '2019-12-31');
 * assert.equal(ranks[0]?.townName, '石门'); // 2 of 2: score 100
 * assert.equal(ranks[0]?.score.toString(), '100');
 * assert.equal(ranks.find((r) => r.townCode === ZHOUQUAN)?.score.toString(), '25'); // 1 of 4
 * ```
 */
export function rankTowns(ledger: CampaignLedger, config: RankingConfig, asOf: IsoDate): TownRank[] {
  if (config.components.length === 0) throw invalid('components', 'ranking.empty', 'a ranking needs components');
  const globalCap = config.cap === undefined ? undefined : Rational.from(config.cap, 'cap');
  const rows = ledger.references.region.towns.map((town) => {
    const components = config.components.map((c, i): ComponentScore => {
      const weight = Rational.from(c.weight, `components.${i}.weight`);
      const cap = c.cap === undefined ? globalCap : Rational.from(c.cap, `components.${i}.cap`);
      const target = townTarget(c.targets, town.code);
      const rate = target ? targetProgress(ledger, target, asOf).completionRate : undefined;
      const completionRate = rate ?? Rational.ZERO;
      const counted = cap === undefined ? completionRate : Rational.min(completionRate, cap);
      return {
        key: c.key,
        weight,
        completionRate,
        counted,
        partial: weight.times(counted),
        missing: rate === undefined,
      };
    });
    return {
      townCode: town.code,
      townName: town.name,
      score: Rational.sum(components.map((c) => c.partial)),
      components,
    };
  });
  return competitionRank(rows);
}

/** A town's place in one week, with its movement. */
export interface WeeklyRow extends TownRank {
  /** Rank in the previous week (ranked on the Sunday before). */
  readonly previousRank: number;
  /** previousRank − rank: positive = moved up. */
  readonly movement: number;
}

export interface WeeklyRanking {
  readonly year: number;
  readonly week: number;
  /** Monday. */
  readonly from: IsoDate;
  /** Sunday: the ranking is as of this day. */
  readonly asOf: IsoDate;
  readonly rows: readonly WeeklyRow[];
}

/**
 * 每周量化排序 for every ISO week of ISO year `year`: towns ranked as of
 * each week's Sunday, with movement against the previous Sunday (week 1
 * compares with the last week of the year before).
 */
export function weeklyRanking(ledger: CampaignLedger, config: RankingConfig, year: number): WeeklyRanking[] {
  const weeks = isoWeeksInYear(year);
  const out: WeeklyRanking[] = [];
  let previous = rankTowns(ledger, config, addDays(isoWeekStart(year, 1), -1));
  for (let week = 1; week <= weeks; week++) {
    const asOf = isoWeekEnd(year, week);
    const current = rankTowns(ledger, config, asOf);
    const before = new Map(previous.map((r) => [r.townCode, r.rank]));
    out.push({
      year,
      week,
      from: isoWeekStart(year, week),
      asOf,
      rows: current.map((r) => {
        const previousRank = before.get(r.townCode) ?? r.rank;
        return { ...r, previousRank, movement: previousRank - r.rank };
      }),
    });
    previous = current;
  }
  return out;
}
