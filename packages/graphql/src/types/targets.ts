import {
  Area,
  defineTargetSet,
  invalid,
  type Rational,
  rankTowns,
  type TargetSet,
  type TargetSetInput,
  targetProgress,
  ValidationError,
  type WarningLevel,
  warningLevel,
  YINCHUAN_2025_WARNING as YINCHUAN,
} from '@mujun/core';
import {
  COMPARATOR_LABELS,
  MEASURE_LABELS,
  MEASURE_UNIT_LABELS,
  TARGET_STATUS_LABELS,
  WARNING_LEVEL_LABELS,
} from '@mujun/core/labels';
import { addDays } from '@mujun/core/model';
import {
  type BreakdownMismatch,
  type ComponentScore,
  isoWeekEnd,
  isoWeekStart,
  isoWeeksInYear,
} from '@mujun/core/targets';
import { actorOf } from '../auth';
import type { MujunBuilder } from '../builder';
import { type MujunContext, perRequest } from '../context';
import { NotAuthorisedError } from '../errors';
import { parseJsonArgument, requireRegion, townOf } from '../lookups';
import { memoOnLedger, requireLedger } from '../memo';
import { authorizeWrite, parseWriteInput } from '../policy';
import type { MujunRefs } from '../refs';
import { valuesOf } from './enums';
import type { ProgressShape, TargetShape } from './target-shapes';
import { addWarningTypes, townWarningLevels } from './target-warnings';

export type { ProgressShape, TargetShape } from './target-shapes';

export interface RankRowShape {
  readonly townCode: string;
  readonly rank: number;
  readonly previousRank: number;
  readonly movement: number;
  readonly score: Rational;
  readonly components: readonly (ComponentScore & { readonly label: string | null })[];
  /** The town's 预警等级 on the ranking's date; null for a town without targets. */
  readonly warning: WarningLevel | null;
}

export interface RankingShape {
  readonly city: string;
  readonly year: number;
  readonly week: number;
  readonly from: string;
  readonly asOf: string;
  readonly title: string | null;
  readonly rows: readonly RankRowShape[];
}

/** The target set of a city and year, validated once per request; undefined when none was saved. */
export function loadTargetSet(
  ctx: MujunContext,
  city: string,
  year: number,
): Promise<{ set: TargetSet; json: string } | undefined> {
  return perRequest(ctx, `targets:${city}:${year}`, async () => {
    const region = await requireRegion(ctx, city);
    const stored = await ctx.repository.listTargets(region.code, year);
    if (!stored) return undefined;
    const doc = { targets: stored.targets, ranking: stored.ranking, warning: stored.warning };
    return { set: defineTargetSet(doc, region), json: JSON.stringify(doc) };
  });
}

const AREA_UNITS = new Set(['mu', 'squareMetre']);

/** `targets(city, year)` with `progress(asOf)`, and `townRanking(city, year, week)` (每周量化排序). */
export function addTargetTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const Measure = builder.enumType('CampaignMeasure', {
    description: 'A measure the campaign ledger can count (docs/campaign.md §3).',
    values: valuesOf(MEASURE_LABELS),
  });
  const Comparator = builder.enumType('Comparator', {
    description: '不少于 (≥) or 不超过 (≤).',
    values: valuesOf(COMPARATOR_LABELS),
  });
  const Status = builder.enumType('TargetStatus', {
    description: '落后序时 / 达到序时 / 完成 / 超额完成 / 无数据.',
    values: valuesOf(TARGET_STATUS_LABELS),
  });

  const Period = builder.objectRef<{ from: string; to: string }>('Period').implement({
    description: 'A period, both ends inclusive.',
    fields: (t) => ({
      from: t.field({ type: 'Date', description: 'First day.', resolve: (p) => p.from }),
      to: t.field({ type: 'Date', description: 'Last day, included.', resolve: (p) => p.to }),
    }),
  });

  const Breakdown = builder.objectRef<BreakdownMismatch>('BreakdownMismatch').implement({
    description:
      'Children that do not add up to their parent (reported, not rejected): difference = children − parent.',
    fields: (t) => ({
      parentValue: t.exact({ description: "The parent target's value.", unit: '', resolve: (b) => b.parentValue }),
      childrenSum: t.exact({
        description: "The sum of its children's values.",
        unit: '',
        resolve: (b) => b.childrenSum,
      }),
      difference: t.exact({
        description: "The children's sum less the parent's value: positive when the children ask for more (自我加压).",
        unit: '',
        resolve: (b) => b.difference,
      }),
    }),
  });

  const TargetRef = builder.objectRef<TargetShape>('Target');
  const ProgressRef = builder.objectRef<ProgressShape>('TargetProgress');
  const Warning = addWarningTypes(builder, refs, {
    Target: TargetRef,
    Progress: ProgressRef,
    load: loadTargetSet,
  });

  TargetRef.implement({
    description:
      '目标任务: a value a measure must reach (不少于) or stay within (不超过) over a period, for the city, a town or a category.',
    fields: (t) => ({
      id: t.id({ description: "The target's id in its target set (目标任务集).", resolve: (s) => s.target.id }),
      label: t.string({
        nullable: true,
        description: 'Its name as the city gives it; null when unnamed.',
        resolve: (s) => s.target.label ?? null,
      }),
      measure: t.field({
        type: Measure,
        description: 'What the ledger counts for it.',
        resolve: (s) => s.target.measure,
      }),
      measureLabel: t.string({
        description: 'The measure in Chinese.',
        resolve: (s) => MEASURE_LABELS[s.target.measure],
      }),
      townCode: t.id({
        nullable: true,
        description: 'Null for the whole city.',
        resolve: (s) => s.target.townCode ?? null,
      }),
      town: t.field({
        type: refs.Town,
        nullable: true,
        description: 'The town (乡镇/街道) it is set for; null for the whole city.',
        resolve: (s, _a, ctx) => (s.target.townCode === undefined ? null : townOf(ctx, s.target.townCode)),
      }),
      category: t.string({
        nullable: true,
        description: 'A category of the measure (idle, inParkInefficient, ...).',
        resolve: (s) => s.target.category ?? null,
      }),
      comparator: t.field({ type: Comparator, description: '不少于 or 不超过.', resolve: (s) => s.target.comparator }),
      comparatorLabel: t.string({
        description: 'The comparator in Chinese.',
        resolve: (s) => COMPARATOR_LABELS[s.target.comparator],
      }),
      value: t.exact({
        description: 'The target value in `unit`.',
        unit: (s) => MEASURE_UNIT_LABELS[s.target.unit],
        resolve: (s) => s.target.value,
      }),
      unit: t.string({
        description: 'Unit key: enterprise, item, mu, squareMetre, wanYuanPerMu.',
        resolve: (s) => s.target.unit,
      }),
      unitLabel: t.string({
        description: '家, 项, 亩, 平方米, 万元/亩.',
        resolve: (s) => MEASURE_UNIT_LABELS[s.target.unit],
      }),
      area: t.field({
        type: refs.Area,
        nullable: true,
        description: 'The value as an area, for area measures.',
        resolve: (s) => (AREA_UNITS.has(s.target.unit) ? Area.of(s.target.value, s.target.unit as 'mu') : null),
      }),
      period: t.field({
        type: Period,
        description: 'The period the value is counted over.',
        resolve: (s) => s.target.period,
      }),
      children: t.field({
        type: [TargetRef],
        description: 'Breakdown by town or by category.',
        resolve: (s) => s.target.children.map((target) => ({ city: s.city, target, warning: s.warning })),
      }),
      progress: t.field({
        type: ProgressRef,
        description: 'Progress on a date (完成数, 完成率, 序时进度, status).',
        args: { asOf: t.arg({ type: 'Date', required: true, description: 'The date progress is counted to.' }) },
        resolve: async (s, args, ctx) => {
          const ledger = await requireLedger(ctx, s.city);
          return { city: s.city, progress: targetProgress(ledger, s.target, args.asOf), warning: s.warning };
        },
      }),
    }),
  });

  const ratio = (r: Rational | undefined) => r ?? null;
  ProgressRef.implement({
    description: "A target's progress as of a date. Rates are exact Ratios (ask `percent(places: 2)`).",
    fields: (t) => ({
      target: t.field({
        type: TargetRef,
        description: 'The target (目标任务).',
        resolve: (s) => ({ city: s.city, target: s.progress.target, warning: s.warning }),
      }),
      asOf: t.field({ type: 'Date', description: 'The date progress is counted to.', resolve: (s) => s.progress.asOf }),
      actual: t.exact({
        nullable: true,
        description: "完成数 in the target's unit over [period.from, min(asOf, period.to)]; null without data.",
        unit: (s) => MEASURE_UNIT_LABELS[s.progress.target.unit],
        resolve: (s) => s.progress.actual,
      }),
      completionRate: t.field({
        type: refs.Ratio,
        nullable: true,
        description: '完成率.',
        resolve: (s) => ratio(s.progress.completionRate),
      }),
      scheduleRate: t.field({
        type: refs.Ratio,
        description: '序时进度: elapsed share of the period, days counted inclusively.',
        resolve: (s) => s.progress.scheduleRate,
      }),
      gapToSchedule: t.field({
        type: refs.Ratio,
        nullable: true,
        description: '与序时进度差: positive when ahead.',
        resolve: (s) => ratio(s.progress.gapToSchedule),
      }),
      status: t.field({
        type: Status,
        description: 'Against 序时进度: behind, on schedule, met, exceeded or no data.',
        resolve: (s) => s.progress.status,
      }),
      statusLabel: t.string({
        description: 'The status in Chinese.',
        resolve: (s) => TARGET_STATUS_LABELS[s.progress.status],
      }),
      warning: t.field({
        type: Warning.Level,
        description: "预警等级 against 序时进度 by the target set's 预警规则 (green once met; NO_DATA without data).",
        resolve: (s) => warningLevel(s.progress, s.warning),
      }),
      warningLabel: t.string({
        description: '绿色 / 关注 / 黄色预警 / 红色预警 / 无数据.',
        resolve: (s) => WARNING_LEVEL_LABELS[warningLevel(s.progress, s.warning)],
      }),
      metOn: t.field({
        type: 'Date',
        nullable: true,
        description: 'First date the value was reached.',
        resolve: (s) => s.progress.metOn ?? null,
      }),
      early: t.boolean({
        description: '提前完成: met before the last day of the period.',
        resolve: (s) => s.progress.early,
      }),
      daysEarly: t.int({
        nullable: true,
        description: "Days between metOn and the period's end; null when not met.",
        resolve: (s) => s.progress.daysEarly ?? null,
      }),
      breakdown: t.field({
        type: Breakdown,
        nullable: true,
        description: "Set when the target's children do not add up to it (目标分解); null when they do.",
        resolve: (s) => s.progress.breakdown ?? null,
      }),
      children: t.field({
        type: [ProgressRef],
        description: "Progress of the target's children (by town or by category).",
        resolve: (s) => s.progress.children.map((progress) => ({ city: s.city, progress, warning: s.warning })),
      }),
    }),
  });

  const ComponentRef = builder.objectRef<RankRowShape['components'][number]>('RankingComponentScore').implement({
    description: "One part of a town's score: weight × min(completion rate, cap).",
    fields: (t) => ({
      key: t.exposeString('key', { description: "The component's key in the ranking configuration." }),
      label: t.exposeString('label', { nullable: true, description: 'Its name for people; null when unnamed.' }),
      weight: t.exact({ description: '权重 of the component.', unit: '', resolve: (c) => c.weight }),
      completionRate: t.field({
        type: refs.Ratio,
        description: '0 when the town has no target (see missing).',
        resolve: (c) => c.completionRate,
      }),
      counted: t.field({
        type: refs.Ratio,
        description: 'The completion rate after the cap.',
        resolve: (c) => c.counted,
      }),
      partial: t.exact({
        description: 'Its share of the score: weight × counted.',
        unit: '',
        resolve: (c) => c.partial,
      }),
      missing: t.exposeBoolean('missing', { description: 'The town has no target (or no data) for this component.' }),
    }),
  });

  const RowRef = builder.objectRef<RankRowShape & { city: string }>('TownRank').implement({
    description: "A town's place in a week's 量化排序.",
    fields: (t) => ({
      town: t.field({
        type: refs.Town,
        description: 'The town (乡镇/街道).',
        resolve: (r, _a, ctx) => townOf(ctx, r.townCode),
      }),
      rank: t.exposeInt('rank', { description: 'Competition rank (1224): equal scores share a rank.' }),
      previousRank: t.exposeInt('previousRank', { description: 'Rank as of the Sunday before.' }),
      movement: t.exposeInt('movement', {
        description: 'Rank movement (名次变化): previousRank − rank; positive = moved up.',
      }),
      score: t.exact({
        description: 'Σ weight × min(completion rate, cap); usually needs `places`.',
        unit: '',
        resolve: (r) => r.score,
      }),
      components: t.field({
        type: [ComponentRef],
        description: 'The parts of the score, one per ranking component.',
        resolve: (r) => [...r.components],
      }),
      warning: t.field({
        type: Warning.Level,
        nullable: true,
        description:
          "The town's 预警等级 on the ranking's Sunday: its most severe target's (null for a town without targets).",
        resolve: (r) => r.warning,
      }),
      warningLabel: t.string({
        nullable: true,
        description: 'The warning level in Chinese; null for a town without targets.',
        resolve: (r) => (r.warning === null ? null : WARNING_LEVEL_LABELS[r.warning]),
      }),
    }),
  });

  const RankingRef = builder.objectRef<RankingShape>('TownRanking').implement({
    description: '每周量化排序: towns ranked as of the Sunday of an ISO week.',
    fields: (t) => ({
      title: t.exposeString('title', {
        nullable: true,
        description: "The ranking's title as configured; null when none.",
      }),
      year: t.exposeInt('year', { description: 'ISO week-numbering year.' }),
      week: t.exposeInt('week', { description: 'ISO week (周次), 1–53.' }),
      from: t.field({ type: 'Date', description: 'Monday.', resolve: (r) => r.from }),
      asOf: t.field({ type: 'Date', description: 'Sunday: the ranking is as of this day.', resolve: (r) => r.asOf }),
      rows: t.field({
        type: [RowRef],
        description: 'Towns, best rank first.',
        resolve: (r) => r.rows.map((row) => ({ ...row, city: r.city })),
      }),
    }),
  });

  builder.queryFields((t) => ({
    targets: t.field({
      type: [TargetRef],
      description: "A city's targets (年度目标任务) for a year, as saved in its target set; empty when none was saved.",
      args: {
        city: t.arg.id({ required: true, description: '6-digit city code.' }),
        year: t.arg.int({ required: true, description: 'The year of the target set (年度).' }),
      },
      resolve: async (_root, args, ctx) => {
        const city = String(args.city);
        const loaded = await loadTargetSet(ctx, city, args.year);
        return (loaded?.set.targets ?? []).map((target) => ({
          city,
          target,
          warning: loaded?.set.warning ?? YINCHUAN,
        }));
      },
    }),
    townRanking: t.field({
      type: RankingRef,
      description: "每周量化排序 of a city's towns in an ISO week, on the ranking configured with that year's targets.",
      args: {
        city: t.arg.id({ required: true, description: '6-digit city code.' }),
        year: t.arg.int({ required: true, description: 'ISO week-numbering year (2018-12-31 is 2019-W01).' }),
        week: t.arg.int({ required: true, description: 'ISO week, 1–52 or 53.' }),
      },
      resolve: async (_root, args, ctx) => {
        const city = String(args.city);
        const weeks = isoWeeksInYear(args.year);
        if (!Number.isInteger(args.week) || args.week < 1 || args.week > weeks) {
          throw invalid('week', 'week.range', `${args.year} has ISO weeks 1–${weeks}, not ${args.week}`);
        }
        const loaded = await loadTargetSet(ctx, city, args.year);
        const set = loaded?.set;
        const config = set?.ranking;
        if (!config) {
          throw invalid(
            'year',
            'ranking.none',
            `no ranking is configured with the targets of ${city} for ${args.year}`,
          );
        }
        const ledger = await requireLedger(ctx, city);
        const asOf = isoWeekEnd(args.year, args.week);
        const before = addDays(isoWeekStart(args.year, args.week), -1);
        // A ranking depends on the ledger and the target set: the set's JSON keys the memo.
        const rank = (date: string) =>
          memoOnLedger(ledger, `rank:${loaded?.json}:${date}`, () => rankTowns(ledger, config, date));
        const current = rank(asOf);
        const previous = new Map(rank(before).map((r) => [r.townCode, r.rank]));
        const labels = new Map(config.components.map((c) => [c.key, c.label ?? null]));
        const levels = townWarningLevels(ledger, set, loaded?.json ?? '', asOf);
        return {
          city,
          year: args.year,
          week: args.week,
          from: isoWeekStart(args.year, args.week),
          asOf,
          title: set?.rankingTitle ?? null,
          rows: current.map((r) => {
            const previousRank = previous.get(r.townCode) ?? r.rank;
            return {
              townCode: r.townCode,
              rank: r.rank,
              previousRank,
              movement: previousRank - r.rank,
              score: r.score,
              components: r.components.map((c) => ({ ...c, label: labels.get(c.key) ?? null })),
              warning: levels.get(r.townCode) ?? null,
            };
          }),
        };
      },
    }),
  }));

  const SaveTargetsInput = builder.inputType('SaveTargetsInput', {
    description: "A city's target set (目标任务集) for one year: targets, ranking and 预警规则, as JSON text.",
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      year: t.int({ required: true, description: 'The year of the target set (年度).' }),
      targets: t.string({
        required: true,
        description: 'JSON text: the target definitions (docs/targets.md); quantities as decimal strings.',
      }),
      ranking: t.string({ required: false, description: 'JSON text: the 量化排序 configuration, if any.' }),
      warning: t.string({
        required: false,
        description:
          'JSON text: the 预警规则, a preset id ("yinchuan-2025") or {"id", "yellowFrom", "redAbove"} in percentage points; none: the 银川 2025 preset.',
      }),
    }),
  });

  builder.mutationField('saveTargets', (t) =>
    t.field({
      type: [TargetRef],
      description:
        "Saves (replaces) a city's target set for a year, validated against its towns. City admins of the city only: a target set is city-wide.",
      args: { input: t.arg({ type: SaveTargetsInput, required: true, description: 'The city, year and target set.' }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveTargetsResult' },
        result: { name: 'SaveTargetsSuccess', description: 'The target set (目标任务集) saved.' },
        dataField: { name: 'targets', description: 'Its targets as now stored.' },
      },
      resolve: async (_root, { input }, ctx) => {
        const region = await authorizeWrite(ctx, 'saveTargets', parseWriteInput('saveTargets', input));
        const targets = parseJsonArgument(input.targets, 'input.targets');
        const ranking = input.ranking == null ? undefined : parseJsonArgument(input.ranking, 'input.ranking');
        const warning = input.warning == null ? undefined : parseJsonArgument(input.warning, 'input.warning');
        const doc = {
          targets,
          ...(ranking === undefined ? {} : { ranking }),
          ...(warning === undefined ? {} : { warning }),
        } as TargetSetInput;
        await ctx.repository.saveTargets(region.code, input.year, doc, {
          actor: actorOf(ctx.principal),
          requestId: ctx.requestId,
        });
        ctx.cache.delete(`targets:${region.code}:${input.year}`);
        const loaded = await loadTargetSet(ctx, region.code, input.year);
        return (loaded?.set.targets ?? []).map((target) => ({
          city: region.code,
          target,
          warning: loaded?.set.warning ?? YINCHUAN,
        }));
      },
    }),
  );
}
