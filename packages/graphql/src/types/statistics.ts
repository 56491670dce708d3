import { Area, type CampaignLedger, measure, type Region, type Town, yearlyStatistics } from '@mujun/core';
import type { CategoryBreakdown, YEARLY_FIGURES } from '@mujun/core/campaign';
import type { MujunBuilder, MujunTypes } from '../builder';
import { requireRegion } from '../lookups';
import { memoOnLedger, requireLedger } from '../memo';
import type { MujunRefs } from '../refs';

type FigureName = (typeof YEARLY_FIGURES)[number];

/** The seven figures of one scope (the city or a town): counts as integers, areas exact. */
export interface FiguresShape {
  readonly counts: Readonly<
    Record<'lowScatteredRemediated' | 'backwardCapacityItems' | 'zombiesDisposed' | 'parkEntries', number>
  >;
  readonly vacatingSigned: Area;
  readonly reclamationApproved: Area;
  readonly parkFloorAreaBuilt: Area;
}

export interface StatisticsShape extends FiguresShape {
  readonly region: Region;
  readonly year: number;
  readonly from: string;
  readonly to: string;
  readonly ledgerVersion: number;
  readonly byTown: readonly (FiguresShape & { readonly town: Town })[];
  readonly byCategory: readonly CategoryBreakdown[];
  readonly table: string;
}

/**
 * The year's figures from the core's `yearlyStatistics`; the three areas are
 * taken from `measure` as exact quantities (the report's strings round a
 * floor area that has no finite form in m²). Kept with the ledger value.
 */
function statisticsOf(ledger: CampaignLedger, region: Region, year: number): StatisticsShape {
  return memoOnLedger(ledger, `statistics:${year}`, () => {
    const stats = yearlyStatistics(ledger, year);
    const from = stats.from;
    const to = stats.to;
    const figures = (values: readonly { measure: string; value: string }[], townCode?: string): FiguresShape => {
      const count = (name: FigureName) => Number(values.find((f) => f.measure === name)?.value ?? '0');
      const area = (name: FigureName, unit: 'mu' | 'squareMetre') =>
        Area.of(measure(ledger, name, { from, to, townCode }) ?? 0n, unit);
      return {
        counts: {
          lowScatteredRemediated: count('lowScatteredRemediated'),
          backwardCapacityItems: count('backwardCapacityItems'),
          zombiesDisposed: count('zombiesDisposed'),
          parkEntries: count('parkEntries'),
        },
        vacatingSigned: area('vacatingSigned', 'mu'),
        reclamationApproved: area('reclamationApproved', 'mu'),
        parkFloorAreaBuilt: area('parkFloorAreaCompleted', 'squareMetre'),
      };
    };
    return {
      region,
      year,
      from,
      to,
      ledgerVersion: ledger.version,
      ...figures(stats.figures),
      byTown: stats.byTown.flatMap((t) => {
        const town = region.towns.find((x) => x.code === t.townCode);
        return town ? [{ town, ...figures(t.figures, t.townCode) }] : [];
      }),
      byCategory: stats.byCategory,
      table: stats.toTable(),
    };
  });
}

/** `campaignStatistics(city, year)`: 退散进集年度统计, the article's seven figures, per town and per category. */
export function addStatisticsTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const figureFields = <S extends FiguresShape>(t: PothosSchemaTypes.ObjectFieldBuilder<MujunTypes, S>) => ({
    lowScatteredRemediated: t.int({
      description: '整治低散乱企业(作坊), 家.',
      resolve: (s) => s.counts.lowScatteredRemediated,
    }),
    backwardCapacityItems: t.int({ description: '淘汰落后产能, 项.', resolve: (s) => s.counts.backwardCapacityItems }),
    zombiesDisposed: t.int({ description: '僵尸企业处置, 家.', resolve: (s) => s.counts.zombiesDisposed }),
    enterprisesEnteredParks: t.int({ description: '小微企业入园, 家.', resolve: (s) => s.counts.parkEntries }),
    vacatingSigned: t.field({ type: refs.Area, description: '腾退签约.', resolve: (s) => s.vacatingSigned }),
    reclamationApproved: t.field({
      type: refs.Area,
      description: '国土复垦立项.',
      resolve: (s) => s.reclamationApproved,
    }),
    parkFloorAreaBuilt: t.field({
      type: refs.Area,
      description: '新建小微企业园 (floor area completed).',
      resolve: (s) => s.parkFloorAreaBuilt,
    }),
  });

  const TownStatistics = builder.objectRef<FiguresShape & { readonly town: Town }>('TownCampaignStatistics').implement({
    description: "A town's seven figures for the year.",
    fields: (t) => ({
      town: t.field({ type: refs.Town, description: 'The town (乡镇/街道).', resolve: (s) => s.town }),
      ...figureFields(t),
    }),
  });

  const CategoryRow = builder.objectRef<CategoryBreakdown['rows'][number]>('CampaignCategoryRow').implement({
    description: "One category's share of a measure for the year.",
    fields: (t) => ({
      category: t.exposeString('category', {
        description: 'Category key, e.g. outOfParkLowScattered or closedEliminated.',
      }),
      label: t.exposeString('label', { description: 'The category in Chinese.' }),
      value: t.field({ type: 'Decimal', description: "In the breakdown's unit.", resolve: (r) => r.value || '0' }),
    }),
  });

  const Category = builder.objectRef<CategoryBreakdown>('CampaignCategoryBreakdown').implement({
    description: 'A measure of the year split by its category (整治方式, 处置方式, 用地类别, 园区类型).',
    fields: (t) => ({
      measure: t.exposeString('measure', { description: 'Measure key, e.g. vacatingSigned or zombiesDisposed.' }),
      label: t.exposeString('label', { description: 'The measure in Chinese, e.g. 腾退签约.' }),
      unit: t.exposeString('unit', { description: 'Unit key: enterprise, item, mu, squareMetre.' }),
      unitLabel: t.exposeString('unitLabel', { description: 'The unit in Chinese: 家, 项, 亩, 平方米.' }),
      dimension: t.exposeString('dimension', {
        description: 'What the rows split by: landCategory, remediationOutcome, zombieMethod or parkKind.',
      }),
      rows: t.field({ type: [CategoryRow], description: 'One row per category.', resolve: (b) => [...b.rows] }),
    }),
  });

  const Statistics = builder.objectRef<StatisticsShape>('CampaignStatistics').implement({
    description: '退散进集年度统计: the seven figures the city reports for a year, per town and per category.',
    fields: (t) => ({
      region: t.field({ type: refs.Region, description: 'The city (县级市).', resolve: (s) => s.region }),
      year: t.exposeInt('year', { description: 'The calendar year (年度).' }),
      from: t.field({ type: 'Date', description: 'First day counted (1 January).', resolve: (s) => s.from }),
      to: t.field({ type: 'Date', description: 'Last day counted (31 December), inclusive.', resolve: (s) => s.to }),
      ledgerVersion: t.exposeInt('ledgerVersion', { description: 'The ledger version the figures were computed on.' }),
      ...figureFields(t),
      byTown: t.field({
        type: [TownStatistics],
        description: 'The seven figures per town.',
        resolve: (s) => [...s.byTown],
      }),
      byCategory: t.field({
        type: [Category],
        description: 'Measures split by their category.',
        resolve: (s) => [...s.byCategory],
      }),
      table: t.exposeString('table', { description: 'Markdown tables with Chinese labels (as the core prints them).' }),
    }),
  });

  builder.queryField('campaignStatistics', (t) =>
    t.field({
      type: Statistics,
      description: "A city's 退散进集 statistics for a calendar year, from its campaign ledger.",
      args: {
        city: t.arg.id({ required: true, description: '6-digit city code, e.g. "330483".' }),
        year: t.arg.int({ required: true, description: 'The calendar year (年度).' }),
      },
      resolve: async (_root, args, ctx) => {
        const region = await requireRegion(ctx, String(args.city));
        const ledger = await requireLedger(ctx, region.code);
        return statisticsOf(ledger, region, args.year);
      },
    }),
  );
}
