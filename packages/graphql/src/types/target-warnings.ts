import {
  type CampaignLedger,
  type Rational,
  supervisionList,
  type TargetSet,
  type TargetWarning,
  type TownWarning,
  targetWarnings,
  type WarningLevel,
  type WarningReport,
  type WarningScheme,
  YINCHUAN_2025_WARNING,
} from '@mujun/core';
import { WARNING_LEVEL_LABELS } from '@mujun/core/labels';
import type { ObjectRef } from '@pothos/core';
import type { MujunBuilder, MujunTypes } from '../builder';
import type { MujunContext } from '../context';
import { townOf } from '../lookups';
import { memoOnLedger, requireLedger } from '../memo';
import type { MujunRefs } from '../refs';
import { valuesOf } from './enums';
import type { ProgressShape, TargetShape } from './target-shapes';

/** What the warning types need of the target types (defined in targets.ts). */
export interface WarningDeps {
  readonly Target: ObjectRef<MujunTypes, TargetShape>;
  readonly Progress: ObjectRef<MujunTypes, ProgressShape>;
  /** The validated target set of a city and year (per request), or undefined. */
  readonly load: (
    ctx: MujunContext,
    city: string,
    year: number,
  ) => Promise<{ set: TargetSet; json: string } | undefined>;
}

/** The warning report of a target set on a date, computed once per ledger version, set and date. */
export function warningReport(ledger: CampaignLedger, set: TargetSet, json: string, asOf: string): WarningReport {
  return memoOnLedger(ledger, `warnings:${json}:${asOf}`, () => targetWarnings(ledger, set.targets, set.warning, asOf));
}

/** Each town's 预警等级 on a date (towns without targets left out). */
export function townWarningLevels(
  ledger: CampaignLedger,
  set: TargetSet | undefined,
  json: string,
  asOf: string,
): Map<string, WarningLevel> {
  const out = new Map<string, WarningLevel>();
  if (!set) return out;
  for (const t of warningReport(ledger, set, json, asOf).towns) if (t.level !== undefined) out.set(t.townCode, t.level);
  return out;
}

type Shaped<T> = T & { readonly city: string; readonly scheme: WarningScheme };

/**
 * 预警: the `WarningLevel` enum, the `WarningRule` of a target set, and
 * `targetWarnings(city, year, asOf)` — every town's level and the 督办 list
 * (targets in yellow or red). Public like the targets and their progress.
 */
export function addWarningTypes(builder: MujunBuilder, refs: MujunRefs, deps: WarningDeps) {
  const Level = builder.enumType('WarningLevel', {
    description: '预警等级 against 序时进度: 绿色 / 关注 / 黄色预警 / 红色预警 / 无数据.',
    values: valuesOf(WARNING_LEVEL_LABELS),
  });

  const Rule = builder.objectRef<WarningScheme>('WarningRule').implement({
    description:
      '预警规则 of a target set, in percentage points behind 序时进度: at or above 序时 green; behind by less than yellowFrom 关注; yellowFrom to redAbove (both inclusive) yellow; more than redAbove red. A set that names none uses the 银川 2025 preset.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The rule's id, e.g. yinchuan-2025 for the preset." }),
      label: t.string({
        nullable: true,
        description: 'Its name for people; null when unnamed.',
        resolve: (w) => w.label ?? null,
      }),
      yellowFrom: t.exact({
        description: 'Percentage points (百分点) behind 序时进度 from which a target is 黄色预警.',
        unit: '百分点',
        resolve: (w) => w.yellowFrom,
      }),
      redAbove: t.exact({
        description: 'Percentage points (百分点) behind 序时进度 above which a target is 红色预警.',
        unit: '百分点',
        resolve: (w) => w.redAbove,
      }),
    }),
  });

  const TargetWarningRef = builder.objectRef<Shaped<TargetWarning>>('TargetWarning').implement({
    description: "A target's 预警等级 on a date.",
    fields: (t) => ({
      target: t.field({
        type: deps.Target,
        description: 'The target (目标任务).',
        resolve: (w) => ({ city: w.city, target: w.target, warning: w.scheme }),
      }),
      progress: t.field({
        type: deps.Progress,
        description: 'Its progress on the date.',
        resolve: (w) => ({ city: w.city, progress: w.progress, warning: w.scheme }),
      }),
      level: t.field({ type: Level, description: 'Its 预警等级.', resolve: (w) => w.level }),
      levelLabel: t.string({ description: 'The level in Chinese.', resolve: (w) => WARNING_LEVEL_LABELS[w.level] }),
      pointsBehind: t.exact({
        nullable: true,
        unit: '百分点',
        description: 'Percentage points behind 序时进度 (negative when ahead); usually needs `places`.',
        resolve: (w): Rational | undefined => w.pointsBehind,
      }),
    }),
  });

  const TownWarningRef = builder.objectRef<Shaped<TownWarning>>('TownWarning').implement({
    description: "A town's 预警等级: the most severe level of its own targets (town targets and their categories).",
    fields: (t) => ({
      town: t.field({
        type: refs.Town,
        description: 'The town (乡镇/街道).',
        resolve: (w, _a, ctx) => townOf(ctx, w.townCode),
      }),
      level: t.field({
        type: Level,
        nullable: true,
        description: 'Null for a town without targets.',
        resolve: (w) => w.level ?? null,
      }),
      levelLabel: t.string({
        nullable: true,
        description: 'The level in Chinese; null for a town without targets.',
        resolve: (w) => (w.level ? WARNING_LEVEL_LABELS[w.level] : null),
      }),
      targets: t.field({
        type: [TargetWarningRef],
        description: "The levels of the town's own targets.",
        resolve: (w) => w.targets.map((x) => ({ ...x, city: w.city, scheme: w.scheme })),
      }),
    }),
  });

  const ReportRef = builder
    .objectRef<{ city: string; asOf: string; report: WarningReport | undefined; scheme: WarningScheme }>(
      'TargetWarnings',
    )
    .implement({
      description: '预警 of a target set on a date: every town, and the 督办 list.',
      fields: (t) => ({
        asOf: t.field({ type: 'Date', description: 'The date the levels are as of.', resolve: (r) => r.asOf }),
        rule: t.field({ type: Rule, description: 'The 预警规则 applied.', resolve: (r) => r.scheme }),
        towns: t.field({
          type: [TownWarningRef],
          description: 'Every town of the city, in the region order.',
          resolve: (r) => (r.report?.towns ?? []).map((w) => ({ ...w, city: r.city, scheme: r.scheme })),
        }),
        supervision: t.field({
          type: [TargetWarningRef],
          description: '督办清单: targets in yellow or red, red first, then by town (city-wide first) and id.',
          resolve: (r) =>
            r.report ? supervisionList(r.report).map((w) => ({ ...w, city: r.city, scheme: r.scheme })) : [],
        }),
      }),
    });

  builder.queryField('targetWarnings', (t) =>
    t.field({
      type: ReportRef,
      description:
        "预警 against 序时进度 of a city's targets for a year on a date, by the target set's 预警规则. Empty lists when no target set was saved.",
      args: {
        city: t.arg.id({ required: true, description: '6-digit city code.' }),
        year: t.arg.int({ required: true, description: 'The year of the target set (年度).' }),
        asOf: t.arg({ type: 'Date', required: true, description: 'The date progress is counted to.' }),
      },
      resolve: async (_root, args, ctx) => {
        const city = String(args.city);
        const loaded = await deps.load(ctx, city, args.year);
        if (!loaded) return { city, asOf: args.asOf, report: undefined, scheme: YINCHUAN_2025_WARNING };
        const ledger = await requireLedger(ctx, city);
        const report = warningReport(ledger, loaded.set, loaded.json, args.asOf);
        return { city, asOf: args.asOf, report, scheme: loaded.set.warning };
      },
    }),
  );

  return { Level, Rule };
}
