import {
  type Enterprise,
  type Evaluation,
  type EvaluationScheme,
  type EvaluationSummary,
  INDICATORS,
  type IndicatorId,
  industryName,
  invalid,
  parseEvaluationScheme,
  type Region,
  safeParseIndustryCode,
  ValidationError,
} from '@mujun/core';
import {
  annualDataColumnsOf,
  canonicalId,
  columnarEvaluationPopulation,
  evaluatePopulation,
  resolveScheme,
} from '@mujun/core/cycle';
import { type BelowThresholdEntry, belowThreshold } from '@mujun/core/internal';
import { actorOf } from '../auth';
import type { MujunBuilder } from '../builder';
import { type MujunContext, perRequest } from '../context';
import { NotAuthorisedError } from '../errors';
import { loadEnterprise, parseJsonArgument, requireRegion, requireTown, townOf } from '../lookups';
import { authMessages, gatewayMessages } from '../messages';
import { pageOf, pageRequest } from '../paging';
import { authorizeWrite, parseWriteInput } from '../policy';
import type { MujunRefs } from '../refs';
import { canReadLiveEvaluation, firmView, seesAllFigures } from '../run-policy';
import { liveResult, sharedEvaluationTypes } from './evaluation-shared';

/** An evaluation of one city's enterprises under one scheme for one year. */
export interface EvaluationShape {
  readonly scheme: EvaluationScheme;
  readonly region: Region;
  readonly year: number;
  readonly result: Evaluation;
  readonly summary: EvaluationSummary;
  /** The evaluated firms (the population rule's), in USCC order: the firms `belowThreshold` lists from. */
  readonly evaluated: readonly Enterprise[];
}

/*
 * An evaluation depends on the scheme version and the registry state only. A
 * registry snapshot stands for one registry state (a new one after every
 * registry write, see snapshot.ts) and is shared by requests, so keeping the
 * evaluation with its snapshot computes it at most once per data revision.
 */
const bySnapshot = new WeakMap<object, Map<string, Promise<EvaluationShape>>>();

/**
 * Evaluates at most once per scheme version and registry state (and once per
 * request). The population and the engine are core's (`@mujun/core/cycle`):
 * this only feeds it the request's loaders. Live evaluations of current data
 * are the city admin's (`canReadLiveEvaluation`, run-policy.ts).
 */
function evaluationOf(ctx: MujunContext, schemeId: string, year: number, city: string | undefined) {
  return perRequest(ctx, `evaluation:${schemeId}:${year}:${city ?? ''}`, async (): Promise<EvaluationShape> => {
    const { scheme, version } = await resolveScheme(ctx.repository, canonicalId(schemeId, 'schemeId'), year);
    const region = await requireRegion(ctx, city ?? scheme.jurisdiction.code, city === undefined ? 'schemeId' : 'city');
    if (!canReadLiveEvaluation(ctx.principal, region.code)) {
      throw new NotAuthorisedError(authMessages.liveEvaluationDenied, {
        requiredRole: 'cityAdmin',
        division: region.code,
      });
    }
    const snapshot = await ctx.loaders.snapshot.load(region.code);
    const compute = async (): Promise<EvaluationShape> => {
      // The year's data as the engine's columns: from the registry snapshot in memory (built once
      // per registry state and year), else straight from the store's rows (docs/store.md).
      const [enterprises, annualDataColumns, parcels] = await Promise.all([
        ctx.loaders.enterprisesOfRegion.load(region.code),
        snapshot
          ? snapshot.annualDataColumns(year)
          : annualDataColumnsOf(ctx.repository, { year, regionCode: region.code }),
        ctx.loaders.parcelsOfRegion.load(region.code),
      ]);
      const population = columnarEvaluationPopulation({ enterprises, annualDataColumns, parcels }, scheme);
      const { result, summary } = evaluatePopulation(region, scheme, population);
      return { scheme, region, year, result, summary, evaluated: population.input.enterprises };
    };
    if (!snapshot) return compute();
    let memo = bySnapshot.get(snapshot);
    if (!memo) {
      memo = new Map();
      bySnapshot.set(snapshot, memo);
    }
    const key = `${version}|${year}|${region.code}`;
    let found = memo.get(key);
    if (!found) {
      found = compute();
      memo.set(key, found);
      const slot = memo;
      found.catch(() => slot.delete(key));
    }
    return found;
  });
}

/** The cursor key of one result: by USCC, or by cohort, rank and USCC. */
const resultKey = (order: 'uscc' | 'rank', uscc: string, cohortId: string | null, rank: number | null) =>
  order === 'uscc' ? uscc : `${cohortId ?? '~'}|${rank === null ? '~' : String(rank).padStart(9, '0')}|${uscc}`;

/** `evaluation(schemeId, year, city)`: 亩均效益综合评价 with summary and a results connection. */
export function addEvaluationTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const {
    ClassEnum,
    StatusEnum,
    IndicatorEnum,
    OrderEnum,
    Counts,
    KeyedCounts,
    TownCounts,
    SchemeRef,
    EvaluationResult,
    ResultConnection,
  } = sharedEvaluationTypes(builder, refs);
  const Below = builder.objectRef<BelowThresholdEntry & { unit: string }>('BelowThresholdEntry').implement({
    description: 'An enterprise on the 整治提升名单: its indicator below the threshold.',
    fields: (t) => ({
      uscc: t.exposeID('uscc', { description: 'The firm’s 统一社会信用代码 (USCC).' }),
      name: t.exposeString('name', { description: 'The firm’s name (企业名称).' }),
      enterprise: t.field({
        type: refs.Enterprise,
        nullable: true,
        description: 'The enterprise (企业) itself; null when the registry no longer holds it.',
        resolve: async (e, _a, ctx) => (await loadEnterprise(ctx, e.uscc)) ?? null,
      }),
      town: t.field({
        type: refs.Town,
        description: 'The firm’s town (镇街道).',
        resolve: (e, _a, ctx) => townOf(ctx, e.townCode),
      }),
      value: t.exact({
        description: 'The indicator’s value (指标值), below the threshold.',
        unit: (e) => e.unit,
        resolve: (e) => e.value,
      }),
      unit: t.exposeString('unit', { description: 'The value’s unit label (计量单位), e.g. 万元/亩.' }),
    }),
  });

  const Summary = builder.objectRef<EvaluationShape>('EvaluationSummary').implement({
    description: '分类汇总: class counts overall, per cohort, town and industry 大类; and the 整治提升名单.',
    fields: (t) => ({
      total: t.field({
        type: Counts,
        description: 'Class counts of the whole city (全市合计).',
        resolve: (e) => e.summary.total,
      }),
      byCohort: t.field({
        type: [KeyedCounts],
        description: 'Class counts per cohort (按评价对象组).',
        resolve: (e) =>
          Object.entries(e.summary.byCohort).map(([key, counts]) => ({
            key,
            name: e.scheme.cohorts.find((c) => c.id === key)?.name ?? null,
            counts,
          })),
      }),
      byTown: t.field({
        type: [TownCounts],
        description: 'Class counts per town (按镇街道), in town-code order.',
        resolve: (e) =>
          Object.entries(e.summary.byTown)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([townCode, counts]) => ({ townCode, counts })),
      }),
      byIndustry: t.field({
        type: [KeyedCounts],
        description: 'Class counts per industry 大类 (按行业大类), in code order.',
        resolve: (e) =>
          Object.entries(e.summary.byIndustry)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([key, counts]) => ({ key, name: divisionName(key), counts })),
      }),
      belowThreshold: t.field({
        type: [Below],
        description:
          "整治提升名单: enterprises whose indicator (default 亩均税收) is below `below` (default 3), lowest first; only the firms whose figures are shown to you (the city's admins: all; a town operator: its own town's).",
        args: {
          indicator: t.arg({
            type: IndicatorEnum,
            required: false,
            description: 'The indicator compared (评价指标); default TAX_PER_MU (亩均税收).',
          }),
          below: t.arg({
            type: 'Decimal',
            required: false,
            description: 'The threshold (阈值) in the indicator’s unit, strictly below; default 3.',
          }),
        },
        resolve: async (e, args, ctx) => {
          const indicator: IndicatorId = args.indicator ?? 'taxPerMu';
          // Records only here, when the list is asked for: the evaluation itself reads columns.
          const data = await ctx.loaders.annualDataOfRegion.load(`${e.region.code}|${e.year}`);
          const unit = INDICATORS[indicator].unitLabel;
          // A firm's indicator is one of its figures: listed only to those who see them.
          return belowThreshold(e.evaluated, [...data.values()], {
            year: e.year,
            indicator,
            below: args.below ?? '3',
          })
            .filter((b) => firmView(ctx.principal, e.region.code, b.townCode, true).figures)
            .map((b) => ({ ...b, unit }));
        },
      }),
    }),
  });

  const Evaluation = builder.objectRef<EvaluationShape>('Evaluation').implement({
    description: "亩均效益综合评价 of a city's enterprises for a year under a scheme.",
    fields: (t) => ({
      scheme: t.field({
        type: SchemeRef,
        description: 'The scheme evaluated under (评价方案).',
        resolve: (e) => e.scheme,
      }),
      region: t.field({ type: refs.Region, description: 'The city evaluated (评价地区).', resolve: (e) => e.region }),
      year: t.exposeInt('year', { description: '数据年度 (data year) evaluated.' }),
      summary: t.field({ type: Summary, description: '分类汇总 (summary) of the evaluation.', resolve: (e) => e }),
      results: t.connection(
        {
          type: EvaluationResult,
          description: 'One result per enterprise of the city (评价结果), filtered; `run` is null on each (live).',
          args: {
            town: t.arg.id({ required: false, description: 'Town code or name.' }),
            uscc: t.arg.id({
              required: false,
              description: "One enterprise's result (统一社会信用代码): a dashboard's explanation panel.",
            }),
            cohort: t.arg.string({ required: false, description: 'Cohort id.' }),
            class: t.arg({ type: ClassEnum, required: false, description: 'Only this class in force (档次).' }),
            status: t.arg({
              type: StatusEnum,
              required: false,
              description: 'Only this status (评价状态); only for whoever sees every listed firm’s figures.',
            }),
            orderBy: t.arg({ type: OrderEnum, required: false, description: 'Default USCC.' }),
          },
          resolve: (e, args, ctx) => {
            const page = pageRequest(args, ctx.limits);
            const town = args.town == null ? undefined : requireTown(e.region, String(args.town));
            if (args.cohort != null && !e.scheme.cohorts.some((c) => c.id === args.cohort)) {
              throw invalid(
                'cohort',
                'filter.cohort',
                gatewayMessages.unknownCohort(
                  args.cohort,
                  e.scheme.cohorts.map((c) => c.id),
                ),
              );
            }
            const order = args.orderBy ?? 'uscc';
            const hidden = e.scheme.ranks === 'hidden';
            const p = ctx.principal;
            // An order or a filter by what a principal may not see would reveal it.
            if (order === 'rank' && hidden && !seesAllFigures(p, e.region.code, town?.code)) {
              throw invalid('orderBy', 'rank.hidden', gatewayMessages.ranksHidden);
            }
            if (args.status != null && !seesAllFigures(p, e.region.code, town?.code)) {
              throw invalid('status', 'status.hidden', gatewayMessages.statusHidden);
            }
            // Filtered and ordered from the result's columns; only the page's firms are explained.
            const r = e.result;
            const keys: string[] = new Array(r.size);
            const rows: number[] = [];
            for (let i = 0; i < r.size; i++) {
              const f = r.firm(i);
              if (town && f.townCode !== town.code) continue;
              if (args.uscc != null && f.uscc !== String(args.uscc)) continue;
              const cohortId = r.cohortOf(i);
              if (args.cohort != null && cohortId !== args.cohort) continue;
              if (args.class != null && r.classOf(i) !== args.class) continue;
              if (args.status != null && r.statusOf(i) !== args.status) continue;
              keys[i] = resultKey(order, f.uscc, cohortId, r.rankOf(i));
              rows.push(i);
            }
            rows.sort((a, b) =>
              (keys[a] as string) < (keys[b] as string) ? -1 : (keys[a] as string) > (keys[b] as string) ? 1 : 0,
            );
            const connection = pageOf(rows, page, (i) => keys[i] as string);
            return {
              ...connection,
              edges: connection.edges.map((x) => {
                const node = r.enterprise(x.node);
                return {
                  cursor: x.cursor,
                  node: liveResult(node, firmView(p, e.region.code, node.townCode, hidden)),
                };
              }),
            };
          },
        },
        ResultConnection,
      ),
    }),
  });

  builder.queryField('evaluation', (t) =>
    t.field({
      type: Evaluation,
      description:
        "亩均效益综合评价 of a city's enterprises for a year, live on current data: a preset scheme (huangyan-2021, huangyan-2022, linhai-2016, template-percentile) or a saved one. The city's admins only (NOT_AUTHORISED otherwise): everyone else reads published evaluation runs. Every firm of the city is evaluated; those without the year's data are NOT_EVALUATED (reason noData).",
      args: {
        schemeId: t.arg.id({ required: true, description: 'The scheme (评价方案): a preset id or a saved one.' }),
        year: t.arg.int({ required: true, description: '数据年度: annual data of this year is evaluated.' }),
        city: t.arg.id({ required: false, description: "6-digit city code; default: the scheme's jurisdiction." }),
      },
      resolve: (_root, args, ctx) =>
        evaluationOf(ctx, String(args.schemeId), args.year, args.city == null ? undefined : String(args.city)),
    }),
  );

  const SaveSchemeInput = builder.inputType('SaveSchemeInput', {
    description: 'An evaluation scheme to save (保存评价方案).',
    fields: (t) => ({
      city: t.id({ required: true, description: "6-digit city code: the scheme's jurisdiction." }),
      document: t.string({ required: true, description: 'JSON text of the scheme (docs/evaluation.md).' }),
    }),
  });
  const Saved = builder.objectRef<{ id: string; name: string; city: string }>('SaveSchemeSuccess').implement({
    description: 'The scheme was saved; evaluate with `evaluation(schemeId: id, ...)`.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The saved scheme’s id (方案编号).' }),
      name: t.exposeString('name', { description: 'The saved scheme’s name (方案名称).' }),
      city: t.exposeID('city', { description: 'The 6-digit code of its city (适用地区代码).' }),
    }),
  });

  builder.mutationField('saveScheme', (t) =>
    t.field({
      type: Saved,
      description:
        "Saves (replaces) an evaluation scheme (评价方案) by its id. City admins of the scheme's jurisdiction only.",
      args: { input: t.arg({ type: SaveSchemeInput, required: true, description: 'The scheme (评价方案).' }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: {
          name: 'SaveSchemeResult',
          description: 'The saved scheme, or why it was not saved (保存评价方案结果).',
        },
        directResult: true,
      },
      resolve: async (_root, { input }, ctx) => {
        const region = await authorizeWrite(ctx, 'saveScheme', parseWriteInput('saveScheme', input));
        const document = parseJsonArgument(input.document, 'input.document');
        const scheme = parseEvaluationScheme(document);
        if (scheme.jurisdiction.code !== region.code) {
          throw invalid(
            'input.document.jurisdiction.code',
            'scheme.jurisdiction',
            gatewayMessages.schemeCity(scheme.jurisdiction.code, region.code),
          );
        }
        await ctx.repository.saveScheme(document, { actor: actorOf(ctx.principal), requestId: ctx.requestId });
        return { id: scheme.id, name: scheme.name, city: region.code };
      },
    }),
  );
}

/** The Chinese name of a 2-digit industry division (大类), when it is one. */
function divisionName(division: string): string | null {
  const r = safeParseIndustryCode(division);
  return r.ok ? industryName(r.value) || null : null;
}
