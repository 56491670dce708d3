import { z } from 'zod';
import type { CampaignLedger } from '../campaign/ledger';
import { type FieldIssue, ValidationError } from '../errors';
import { Rational } from '../exact/rational';
import type { IsoDate } from '../model/date';
import { decimalString, idField, plainText, toFieldIssues } from '../model/fields';
import { type TargetProgress, targetProgress } from './progress';
import type { Target } from './targets';

/**
 * 预警等级 against 序时进度:
 * `green` 绿色 (at or above 序时, or the target met), `watch` 关注 (behind, but
 * less than the yellow threshold), `yellow` 黄色预警, `red` 红色预警, `noData` 无数据.
 */
export type WarningLevel = 'green' | 'watch' | 'yellow' | 'red' | 'noData';

/** Warning levels from the most to the least severe (a town takes its most severe target's level). */
export const WARNING_SEVERITY: readonly WarningLevel[] = ['red', 'yellow', 'watch', 'green', 'noData'];

/**
 * 预警规则: thresholds in percentage points behind 序时进度, as scheme data
 * of a target set. Behind by `b` points (b = −与序时进度差 × 100):
 * b ≤ 0 green; 0 < b < yellowFrom watch; yellowFrom ≤ b ≤ redAbove yellow
 * (both ends inclusive); b > redAbove red.
 */
export interface WarningScheme {
  readonly id: string;
  readonly label: string | undefined;
  /** 黄色预警 from this many points behind (inclusive). */
  readonly yellowFrom: Rational;
  /** 红色预警 above this many points behind (this many points is still yellow). */
  readonly redAbove: Rational;
}

/**
 * The 银川 2025 rule: green at or above 序时; yellow 10–30 percentage points
 * below (both ends inclusive); red more than 30 below. A target set without a
 * `warning` uses it.
 */
export const YINCHUAN_2025_WARNING: WarningScheme = Object.freeze({
  id: 'yinchuan-2025',
  label: '银川 2025 序时进度预警',
  yellowFrom: Rational.of(10n),
  redAbove: Rational.of(30n),
});

/** Warning presets by id (a target set may name one instead of spelling out the thresholds). */
export const WARNING_PRESETS: Readonly<Record<string, WarningScheme>> = Object.freeze({
  [YINCHUAN_2025_WARNING.id]: YINCHUAN_2025_WARNING,
});

const warningObjectSchema = z.strictObject({
  id: idField,
  label: plainText(z.string().min(1).max(200)).optional(),
  yellowFrom: decimalString,
  redAbove: decimalString,
});

/**
 * Checks a target set's `warning`: a preset id (`"yinchuan-2025"`) or
 * `{ id, label?, yellowFrom, redAbove }` with decimal strings in percentage
 * points, 0 ≤ yellowFrom ≤ redAbove. Undefined gives the 银川 2025 preset.
 * @throws ValidationError naming the field (`warning`, `warning.redAbove`, ...)
 */
export function defineWarningScheme(input: unknown): WarningScheme {
  if (input === undefined) return YINCHUAN_2025_WARNING;
  if (typeof input === 'string') {
    const preset = Object.hasOwn(WARNING_PRESETS, input) ? WARNING_PRESETS[input] : undefined;
    if (preset) return preset;
    throw new ValidationError([
      {
        field: 'warning',
        rule: 'warning.preset',
        message: `no warning preset "${input.slice(0, 50)}" (known: ${Object.keys(WARNING_PRESETS).join(', ')})`,
      },
    ]);
  }
  const r = warningObjectSchema.safeParse(input);
  if (!r.success) throw new ValidationError(toFieldIssues(r.error, 'warning'));
  const issues: FieldIssue[] = [];
  if (r.data.yellowFrom.sign() < 0) {
    issues.push({ field: 'warning.yellowFrom', rule: 'warning.order', message: 'must not be negative' });
  }
  if (r.data.redAbove.compare(r.data.yellowFrom) < 0) {
    issues.push({ field: 'warning.redAbove', rule: 'warning.order', message: 'must be at or above yellowFrom' });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    id: r.data.id,
    label: r.data.label,
    yellowFrom: r.data.yellowFrom,
    redAbove: r.data.redAbove,
  };
}

const HUNDRED = Rational.of(100n);

/** Percentage points behind 序时进度 for a gap (与序时进度差, positive when ahead): −gap × 100, exact. */
export function pointsBehind(gapToSchedule: Rational): Rational {
  return gapToSchedule.negated().times(HUNDRED);
}

/**
 * The level for a gap to 序时进度 (exact comparisons, no rounding).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { levelForGap, Rational, YINCHUAN_2025_WARNING } from '@mujun/core';
 *
 * const behind = (points: string) => Rational.from(points).dividedBy(Rational.of(-100n));
 * assert.equal(levelForGap(behind('9.99'), YINCHUAN_2025_WARNING), 'watch');
 * assert.equal(levelForGap(behind('10'), YINCHUAN_2025_WARNING), 'yellow');
 * assert.equal(levelForGap(behind('30'), YINCHUAN_2025_WARNING), 'yellow');
 * assert.equal(levelForGap(behind('30.01'), YINCHUAN_2025_WARNING), 'red');
 * ```
 */
export function levelForGap(gapToSchedule: Rational, scheme: WarningScheme): Exclude<WarningLevel, 'noData'> {
  const behind = pointsBehind(gapToSchedule);
  if (behind.sign() <= 0) return 'green';
  if (behind.compare(scheme.yellowFrom) < 0) return 'watch';
  if (behind.compare(scheme.redAbove) <= 0) return 'yellow';
  return 'red';
}

/**
 * A target's level: `noData` without data, `green` once met or exceeded,
 * otherwise by its gap to 序时进度 (`levelForGap`).
 */
export function warningLevel(progress: TargetProgress, scheme: WarningScheme): WarningLevel {
  if (progress.status === 'noData' || progress.gapToSchedule === undefined) return 'noData';
  if (progress.status === 'met' || progress.status === 'exceeded') return 'green';
  return levelForGap(progress.gapToSchedule, scheme);
}

/** The most severe of some levels (`noData` only when nothing else is known; undefined for none). */
export function worstLevel(levels: Iterable<WarningLevel>): WarningLevel | undefined {
  let worst: number | undefined;
  for (const l of levels) {
    const i = WARNING_SEVERITY.indexOf(l);
    if (worst === undefined || i < worst) worst = i;
  }
  return worst === undefined ? undefined : WARNING_SEVERITY[worst];
}

/** One target's warning on a date. */
export interface TargetWarning {
  readonly target: Target;
  readonly progress: TargetProgress;
  readonly level: WarningLevel;
  /** Percentage points behind 序时进度 (negative when ahead); undefined without data. */
  readonly pointsBehind: Rational | undefined;
}

/** A town's warning: its most severe target level, and its targets. */
export interface TownWarning {
  readonly townCode: string;
  readonly townName: string;
  /** Undefined when the town has no target of its own. */
  readonly level: WarningLevel | undefined;
  readonly targets: readonly TargetWarning[];
}

/** Warnings of a target set on a date: every target (flattened), and every town of the ledger's region. */
export interface WarningReport {
  readonly asOf: IsoDate;
  readonly scheme: WarningScheme;
  readonly targets: readonly TargetWarning[];
  readonly towns: readonly TownWarning[];
}

function warningsOf(progress: TargetProgress, scheme: WarningScheme, out: TargetWarning[]): void {
  const level = warningLevel(progress, scheme);
  out.push({
    target: progress.target,
    progress,
    level,
    pointsBehind: progress.gapToSchedule === undefined ? undefined : pointsBehind(progress.gapToSchedule),
  });
  for (const c of progress.children) warningsOf(c, scheme, out);
}

/**
 * 预警 of every target of a set, and of every town (the most severe level of
 * the targets scoped to it: town targets and their categories), on `asOf`.
 */
export function targetWarnings(
  ledger: CampaignLedger,
  targets: readonly Target[],
  scheme: WarningScheme,
  asOf: IsoDate,
): WarningReport {
  const all: TargetWarning[] = [];
  for (const root of targets) warningsOf(targetProgress(ledger, root, asOf), scheme, all);
  const towns = ledger.references.region.towns.map((town): TownWarning => {
    const own = all.filter((w) => w.target.townCode === town.code);
    return { townCode: town.code, townName: town.name, level: worstLevel(own.map((w) => w.level)), targets: own };
  });
  return { asOf, scheme, targets: all, towns };
}

/**
 * 督办清单: the targets in yellow or red, red first, then by town code (city-wide
 * targets first) and target id.
 */
export function supervisionList(report: WarningReport): TargetWarning[] {
  const severity = (l: WarningLevel) => WARNING_SEVERITY.indexOf(l);
  return report.targets
    .filter((w) => w.level === 'red' || w.level === 'yellow')
    .sort(
      (a, b) =>
        severity(a.level) - severity(b.level) ||
        (a.target.townCode ?? '').localeCompare(b.target.townCode ?? '') ||
        a.target.id.localeCompare(b.target.id),
    );
}

/** The warnings of a report by target id (ids are unique within a target set). */
export function warningsById(report: WarningReport): Map<string, TargetWarning> {
  return new Map(report.targets.map((w) => [w.target.id, w]));
}
