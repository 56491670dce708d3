import type { CampaignLedger } from '../campaign/ledger';
import { dateReached, getMeasure, measure } from '../campaign/measures';
import { invalid } from '../errors';
import { Rational } from '../exact/rational';
import { daysBetween, epochDay, type IsoDate } from '../model/date';
import { type BreakdownMismatch, breakdownMismatch, type Period, type Target } from './targets';

/** 落后序时 / 达到序时 / 完成 / 超额完成, or 无数据 when an annual measure has no data yet. */
export type TargetStatus = 'behindSchedule' | 'onSchedule' | 'met' | 'exceeded' | 'noData';

/**
 * 序时进度: the share of the period elapsed on `asOf`, counting days
 * inclusively — on the first day one day has elapsed, on the last day all of
 * them: (asOf − from + 1) / (to − from + 1). Zero before the period, one on
 * and after its last day. 2020 has 366 days, so on 2020-03-01 it is 61/366.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { scheduleRate } from '@mujun/core/targets';
 *
 * const y2019 = { from: '2019-01-01', to: '2019-12-31' };
 * assert.equal(scheduleRate(y2019, '2019-07-02').toString(), '183/365'); // 序时进度: days counted inclusively
 * assert.equal(scheduleRate(y2019, '2020-01-15').toString(), '1');
 * ```
 */
export function scheduleRate(period: Period, asOf: IsoDate): Rational {
  const from = epochDay(period.from, 'period.from');
  const to = epochDay(period.to, 'period.to');
  const at = epochDay(asOf, 'asOf');
  if (to < from) throw invalid('period.to', 'period.order', `period ends ${period.to} before it starts`);
  if (at < from) return Rational.ZERO;
  if (at >= to) return Rational.ONE;
  return Rational.of(BigInt(at - from + 1), BigInt(to - from + 1));
}

/** Progress of one target as of a date. */
export interface TargetProgress {
  readonly target: Target;
  readonly asOf: IsoDate;
  /** 完成数: the measure over [period.from, min(asOf, period.to)]; undefined without data. */
  readonly actual: Rational | undefined;
  /**
   * 完成率. 不少于: actual / value (1 when value is 0). 不超过: 1 while
   * actual <= value, else value / actual (how far the limit holds).
   */
  readonly completionRate: Rational | undefined;
  /** 序时进度 on `asOf`. */
  readonly scheduleRate: Rational;
  /**
   * 与序时进度差: positive when ahead. 不少于: completionRate − scheduleRate.
   * 不超过: scheduleRate − actual/value (the limit used faster than time elapsed is behind).
   */
  readonly gapToSchedule: Rational | undefined;
  readonly status: TargetStatus;
  /** First date the running total reached the value (不少于), or the period end for a limit kept (不超过). */
  readonly metOn: IsoDate | undefined;
  /** 提前完成: met before the period's last day. */
  readonly early: boolean;
  /** Days between `metOn` and the period's end. */
  readonly daysEarly: number | undefined;
  /** Set when this target's children do not add up to it (reported, never silently accepted). */
  readonly breakdown: BreakdownMismatch | undefined;
  readonly children: readonly TargetProgress[];
}

const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/**
 * Progress of a target (and, recursively, its children) on `asOf`.
 *
 * Status for 不少于: actual > value 超额完成; = value 完成; else completion
 * rate >= 序时进度 达到序时, otherwise 落后序时. For 不超过: a limit broken
 * (actual > value) is 落后序时; after the period a kept limit is 完成; during
 * the period it is 达到序时 while actual <= value × 序时进度.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import {
 *   applyBatch, defineTarget, emptyLedger, parseRegistry, registryReferences, targetProgress, TONGXIANG_2018_INPUT,
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
 * const batch = applyBatch(emptyLedger(registryReferences(registry)), [entered('e1', SHIMEN, '2019-03-01')], { clock: false });
 * assert.ok(batch.ok);
 * const target = defineTarget({ id: 'entries-sm', measure: 'parkEntries', townCode: SHIMEN, period: { from: '2019-01-01', to: '2019-12-31' }, value: '4' });
 * const p = targetProgress(batch.state, target, '2019-07-02');
 * assert.equal(p.actual?.toString(), '1');
 * assert.equal(p.completionRate?.toString(), '1/4'); // 完成率 25%
 * assert.equal(p.scheduleRate.toString(), '183/365'); // 序时进度
 * assert.ok(p.gapToSchedule?.sign() === -1); // behind schedule
 * ```
 */
export function targetProgress(ledger: CampaignLedger, target: Target, asOf: IsoDate): TargetProgress {
  epochDay(asOf, 'asOf');
  const m = getMeasure(target.measure);
  const schedule = scheduleRate(target.period, asOf);
  const upTo = minDate(asOf, target.period.to);
  const started = asOf >= target.period.from;
  const query = { from: target.period.from, to: upTo, townCode: target.townCode, category: target.category };
  const actual = started ? measure(ledger, m, query) : m.dated ? Rational.ZERO : undefined;
  const children = target.children.map((c) => targetProgress(ledger, c, asOf));
  const breakdown = breakdownMismatch(target);
  const ended = asOf >= target.period.to;
  const base = { target, asOf, scheduleRate: schedule, breakdown, children };

  if (actual === undefined) {
    return {
      ...base,
      actual,
      completionRate: undefined,
      gapToSchedule: undefined,
      status: 'noData',
      metOn: undefined,
      early: false,
      daysEarly: undefined,
    };
  }
  const value = target.value;
  let completionRate: Rational;
  let gap: Rational;
  let status: TargetStatus;
  let metOn: IsoDate | undefined;
  if (target.comparator === 'atLeast') {
    completionRate = value.isZero() ? Rational.ONE : actual.dividedBy(value);
    gap = completionRate.minus(schedule);
    const c = actual.compare(value);
    status =
      c > 0 ? 'exceeded' : c === 0 ? 'met' : completionRate.compare(schedule) >= 0 ? 'onSchedule' : 'behindSchedule';
    if (c >= 0 && m.dated) metOn = dateReached(ledger, m, query, value);
  } else {
    const kept = actual.compare(value) <= 0;
    completionRate = kept ? Rational.ONE : value.dividedBy(actual);
    // A zero limit: any use counts as all of it.
    const used = value.isZero() ? (actual.sign() > 0 ? Rational.ONE : Rational.ZERO) : actual.dividedBy(value);
    gap = schedule.minus(used);
    status = !kept ? 'behindSchedule' : ended ? 'met' : gap.sign() >= 0 ? 'onSchedule' : 'behindSchedule';
    if (kept && ended) metOn = target.period.to;
  }
  const daysEarly = metOn === undefined ? undefined : daysBetween(metOn, target.period.to);
  return {
    ...base,
    actual,
    completionRate,
    gapToSchedule: gap,
    status,
    metOn,
    early: daysEarly !== undefined && daysEarly > 0,
    daysEarly,
  };
}

/**
 * Percent text, rounded once (四舍五入 by default), e.g. `52.05%`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { Rational } from '@mujun/core';
 * import { percent } from '@mujun/core/targets';
 *
 * assert.equal(percent(Rational.of(183n, 365n)), '50.14%');
 * assert.equal(percent(Rational.of(1n, 8n), 1), '12.5%');
 * ```
 */
export function percent(r: Rational, places = 2): string {
  return `${r.times(Rational.of(100n)).toFixed({ places })}%`;
}

/** A progress report as plain JSON: decimals as strings, rates as exact `n/d` and as rounded percent. */
export interface TargetProgressJson {
  readonly targetId: string;
  readonly label: string | undefined;
  readonly measure: string;
  readonly townCode: string | undefined;
  readonly category: string | undefined;
  readonly comparator: string;
  readonly value: string;
  readonly unit: string;
  readonly period: Period;
  readonly asOf: IsoDate;
  readonly actual: string | undefined;
  readonly completionRate: string | undefined;
  readonly completionPercent: string | undefined;
  readonly scheduleRate: string;
  readonly schedulePercent: string;
  readonly gapToSchedule: string | undefined;
  readonly status: TargetStatus;
  readonly metOn: IsoDate | undefined;
  readonly early: boolean;
  readonly daysEarly: number | undefined;
  readonly breakdown: { parentValue: string; childrenSum: string; difference: string } | undefined;
  readonly children: readonly TargetProgressJson[];
}

const text = (r: Rational) => (r.isFiniteDecimal() ? r.toDecimal().toFixed() : r.toString());

export function progressToJson(p: TargetProgress): TargetProgressJson {
  const t = p.target;
  return {
    targetId: t.id,
    label: t.label,
    measure: t.measure,
    townCode: t.townCode,
    category: t.category,
    comparator: t.comparator,
    value: text(t.value),
    unit: t.unit,
    period: t.period,
    asOf: p.asOf,
    actual: p.actual && text(p.actual),
    completionRate: p.completionRate && text(p.completionRate),
    completionPercent: p.completionRate && percent(p.completionRate),
    scheduleRate: text(p.scheduleRate),
    schedulePercent: percent(p.scheduleRate),
    gapToSchedule: p.gapToSchedule && text(p.gapToSchedule),
    status: p.status,
    metOn: p.metOn,
    early: p.early,
    daysEarly: p.daysEarly,
    breakdown: p.breakdown && {
      parentValue: text(p.breakdown.parentValue),
      childrenSum: text(p.breakdown.childrenSum),
      difference: text(p.breakdown.difference),
    },
    children: p.children.map(progressToJson),
  };
}
