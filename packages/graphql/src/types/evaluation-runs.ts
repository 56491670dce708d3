import {
  type ClassChanges,
  type ClassOverride,
  classChanges,
  type EvaluationRun,
  type EvaluationScheme,
  INDICATORS,
  type IndicatorId,
  InvalidTransitionError,
  invalid,
  type Objection,
  type PolicyListEntry,
  parseEvaluationScheme,
  policyList,
  policyListCsv,
  type Repository,
  type RunResult,
  type RunResultQuery,
  type RunTrailEntry,
  summarizeRun,
  type Town,
  ValidationError,
} from '@mujun/core';
import {
  canonicalId,
  fileRunObjection,
  finalizeEvaluationRun,
  parseFileObjection,
  parseResolveObjection,
  publishEvaluationRun,
  resolveRunObjection,
  startEvaluationRun,
  withdrawEvaluationRun,
} from '@mujun/core/cycle';
import { refused, runResultKey } from '@mujun/core/internal';
import {
  CLASS_CHANGE_LABELS,
  EVALUATION_CLASS_LABELS,
  EVALUATION_RUN_STATUS_LABELS,
  OBJECTION_CATEGORY_LABELS,
  OBJECTION_OUTCOME_LABELS,
  OVERRIDE_KIND_LABELS,
} from '@mujun/core/labels';
import type { ClassChangeCounts, FirmClassChange, RunClassChange } from '@mujun/core/runs';
import { actorOf } from '../auth';
import type { MujunBuilder } from '../builder';
import { type MujunContext, perRequest } from '../context';
import { NotAuthorisedError } from '../errors';
import { loadRun, requireRegion, requireTown, townOf } from '../lookups';
import { gatewayMessages } from '../messages';
import { connectionFromRows, pageOf, pageRequest } from '../paging';
import { totalCountField } from '../paging-fields';
import { authorizeWrite, parseWriteInput } from '../policy';
import type { MujunRefs } from '../refs';
import {
  canOrderByRank,
  canSeeRun,
  canSeeRunRecords,
  policyListTowns,
  resultView,
  visibleObjection,
  visibleTrailEntry,
} from '../run-policy';
import { valuesOf } from './enums';
import { sharedEvaluationTypes } from './evaluation-shared';
import { annualDataInputRef, compact } from './registry-writes';

/** A firm's stored result with what the asker may see of it. */
interface ResultShape {
  readonly run: EvaluationRun;
  /** The firm's town, looked up once per page (a field resolved without a loader round trip). */
  readonly town: Town | undefined;
  readonly scheme: EvaluationScheme;
  readonly r: RunResult;
  readonly figures: boolean;
  readonly rank: boolean;
}

interface ObjectionShape {
  readonly run: EvaluationRun;
  readonly o: Objection;
}

/** Parsed schemes by version (a version is the hash of the document, so it names one scheme). */
const schemes = new Map<string, EvaluationScheme>();

/** The run's scheme, parsed once per scheme version. */
function schemeOf(run: EvaluationRun): EvaluationScheme {
  let s = schemes.get(run.schemeVersion);
  if (!s) {
    s = parseEvaluationScheme(run.scheme);
    if (schemes.size >= 64) schemes.clear();
    schemes.set(run.schemeVersion, s);
  }
  return s;
}

/*
 * Pages of stored results, kept per repository, run and revision: a run's
 * results change only in a transition, and every transition bumps the
 * revision (whoever writes it), so a page read at a revision stays right
 * for that revision. The run header is still read on every request.
 */
const PAGES_PER_RUN = 256;
const pageCache = new WeakMap<
  Repository,
  Map<string, { revision: number; pages: Map<string, Promise<RunResult[]>> }>
>();

function cachedPage(ctx: MujunContext, run: EvaluationRun, query: RunResultQuery): Promise<RunResult[]> {
  let byRun = pageCache.get(ctx.repository);
  if (!byRun) {
    byRun = new Map();
    pageCache.set(ctx.repository, byRun);
  }
  let slot = byRun.get(run.id);
  if (!slot || slot.revision !== run.revision) {
    slot = { revision: run.revision, pages: new Map() };
    byRun.set(run.id, slot);
  }
  const key = JSON.stringify(query);
  let page = slot.pages.get(key);
  if (!page) {
    if (slot.pages.size >= PAGES_PER_RUN) slot.pages.delete(slot.pages.keys().next().value as string);
    page = ctx.repository.listRunResults(run.id, query);
    const pages = slot.pages;
    page.catch(() => pages.delete(key));
    pages.set(key, page);
  }
  return page;
}

const ranksHidden = (run: EvaluationRun) => schemeOf(run).ranks === 'hidden';

/** A run the asker may read, for a query. @throws ValidationError naming `field` otherwise */
export async function readableRun(ctx: MujunContext, id: string, field: string): Promise<EvaluationRun> {
  const run = await loadRun(ctx, id);
  if (!run || !canSeeRun(ctx.principal, run)) throw invalid(field, 'reference.run', gatewayMessages.unknownRun(id));
  return run;
}

const stepOptions = (ctx: MujunContext) => ({ requestId: ctx.requestId });
const by = (ctx: MujunContext) => ({ actor: actorOf(ctx.principal), at: ctx.now().toISOString() });

function shapeResult(
  ctx: MujunContext,
  run: EvaluationRun,
  r: RunResult,
  towns: ReadonlyMap<string, Town>,
): ResultShape {
  const view = resultView(ctx.principal, run, r.townCode, ranksHidden(run));
  return { run, town: towns.get(r.townCode), scheme: schemeOf(run), r, ...view };
}

const counts = (c: ClassChangeCounts) => c;

/**
 * 评价批次 (evaluation runs): stored results, 公示, 异议复核, 定档 and policy
 * lists. Who may write them is decided by the write policy (`policy.ts`,
 * rows of `WRITE_POLICY`); what of a run may be read, by `run-policy.ts`.
 */
export function addEvaluationRunTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const shared = sharedEvaluationTypes(builder, refs);

  const RunStatus = builder.enumType('EvaluationRunStatus', {
    description: '评价批次 status: DRAFT → PUBLIC_NOTICE (公示) → FINAL (定档); WITHDRAWN (撤回).',
    values: valuesOf(EVALUATION_RUN_STATUS_LABELS),
  });
  const Category = builder.enumType('ObjectionCategory', {
    description: '异议类别.',
    values: valuesOf(OBJECTION_CATEGORY_LABELS),
  });
  const Outcome = builder.enumType('ObjectionOutcome', {
    description: '复核结果: upheld with a data correction, upheld with a class override, or dismissed.',
    values: valuesOf(OBJECTION_OUTCOME_LABELS),
  });
  const OverrideKind = builder.enumType('OverrideKind', {
    description: '提档 (to a better class), 降档 (to a worse one), 定档 (set as is, or to/from T).',
    values: valuesOf(OVERRIDE_KIND_LABELS),
  });
  const ChangeKind = builder.enumType('ClassChangeKind', {
    description: 'How a class moved between two runs (A–D form the ladder; T and no class are outside it).',
    values: valuesOf(CLASS_CHANGE_LABELS),
  });

  const Notice = builder.objectRef<{ from: string; to: string }>('EvaluationNotice').implement({
    description: '公示期: calendar days (北京时间), inclusive.',
    fields: (t) => ({
      from: t.field({ type: 'Date', resolve: (n) => n.from }),
      to: t.field({ type: 'Date', resolve: (n) => n.to }),
    }),
  });

  const Benchmark = builder
    .objectRef<{
      indicator: string;
      derivation: string;
      value: EvaluationRun['cohorts'][number]['benchmarks'][number]['value'];
      places: number;
      mode: EvaluationScheme['rounding']['mode'];
    }>('EvaluationRunBenchmark')
    .implement({
      fields: (t) => ({
        indicator: t.field({ type: shared.IndicatorEnum, resolve: (b) => b.indicator as IndicatorId }),
        derivation: t.exposeString('derivation', {
          description: 'How the benchmark was derived (基准值算法): fixed, ratioOfSums or meanOfRatios.',
        }),
        value: t.exact({ unit: (b) => INDICATORS[b.indicator as IndicatorId].unitLabel, resolve: (b) => b.value }),
        reported: t.string({ resolve: (b) => b.value.toFixed({ places: b.places, rounding: b.mode }) }),
      }),
    });

  const Cohort = builder
    .objectRef<{ run: EvaluationRun; c: EvaluationRun['cohorts'][number] }>('EvaluationRunCohort')
    .implement({
      description: '评价对象组 as the run computed it: counts and 基准值.',
      fields: (t) => ({
        id: t.string({ resolve: (x) => x.c.id }),
        name: t.string({ resolve: (x) => x.c.name }),
        enterprises: t.int({ resolve: (x) => x.c.enterprises }),
        ranked: t.int({ resolve: (x) => x.c.ranked }),
        benchmarks: t.field({
          type: [Benchmark],
          resolve: (x) => {
            const { rounding } = schemeOf(x.run);
            return x.c.benchmarks.map((b) => ({ ...b, places: rounding.report.benchmarks, mode: rounding.mode }));
          },
        }),
      }),
    });

  const IndicatorScore = builder
    .objectRef<{ x: RunResult['indicators'][number]; weight: string | null; scheme: EvaluationScheme }>(
      'EvaluationRunIndicator',
    )
    .implement({
      description: 'One indicator of one firm in a run: value and 单项得分 (exact; reported* as the scheme rounds).',
      fields: (t) => ({
        indicator: t.field({ type: shared.IndicatorEnum, resolve: (i) => i.x.indicator }),
        label: t.string({ resolve: (i) => INDICATORS[i.x.indicator].label }),
        unit: t.string({ resolve: (i) => INDICATORS[i.x.indicator].unitLabel }),
        weight: t.string({ nullable: true, resolve: (i) => i.weight }),
        value: t.exact({
          nullable: true,
          unit: (i) => INDICATORS[i.x.indicator].unitLabel,
          resolve: (i) => i.x.value,
        }),
        missing: t.string({ nullable: true, resolve: (i) => i.x.missing }),
        partialScore: t.exact({ unit: '', resolve: (i) => i.x.partialScore }),
        capped: t.boolean({ resolve: (i) => i.x.capped }),
        reportedValue: t.string({
          nullable: true,
          resolve: (i) =>
            i.x.value?.toFixed({ places: i.scheme.rounding.report.values, rounding: i.scheme.rounding.mode }) ?? null,
        }),
        reportedPartialScore: t.string({
          resolve: (i) =>
            i.x.partialScore.toFixed({
              places: i.scheme.rounding.report.partialScores,
              rounding: i.scheme.rounding.mode,
            }),
        }),
      }),
    });

  const figure = <T>(x: ResultShape, value: () => T): T | null => (x.figures ? value() : null);

  const Result = builder.objectRef<ResultShape>('EvaluationRunResult').implement({
    description:
      "A firm's stored result. Everyone who may read the run sees name, town, cohort and class (and rank unless the scheme hides ranks, 排名不分先后); figures, scores and reasons only the city's admins and the firm's own town operators (`figuresShown`).",
    fields: (t) => ({
      uscc: t.id({ resolve: (x) => x.r.uscc }),
      name: t.string({ resolve: (x) => x.r.name }),
      town: t.field({ type: refs.Town, resolve: (x, _a, ctx) => x.town ?? townOf(ctx, x.r.townCode) }),
      cohort: t.string({ nullable: true, description: 'Cohort id (评价对象组).', resolve: (x) => x.r.cohortId }),
      class: t.field({
        type: shared.ClassEnum,
        nullable: true,
        description: 'The class in force.',
        resolve: (x) => x.r.class,
      }),
      classLabel: t.string({
        nullable: true,
        resolve: (x) => (x.r.class === null ? null : EVALUATION_CLASS_LABELS[x.r.class]),
      }),
      rank: t.int({
        nullable: true,
        description: '名次 in the cohort; null when not ranked or when ranks are not published to you.',
        resolve: (x) => (x.rank ? x.r.rank : null),
      }),
      rankedCount: t.int({ nullable: true, resolve: (x) => (x.rank ? x.r.rankedCount : null) }),
      figuresShown: t.boolean({
        description: 'Whether figures and scores are shown to you.',
        resolve: (x) => x.figures,
      }),
      computedClass: t.field({
        type: shared.ClassEnum,
        nullable: true,
        description: 'The class the engine gave (before an override).',
        resolve: (x) => figure(x, () => x.r.computedClass),
      }),
      overridden: t.boolean({
        nullable: true,
        description: 'Whether an override (提档/降档/定档) set the class in force.',
        resolve: (x) => figure(x, () => x.run.overrides.some((o) => o.uscc === x.r.uscc)),
      }),
      status: t.field({ type: shared.StatusEnum, nullable: true, resolve: (x) => figure(x, () => x.r.status) }),
      total: t.exact({
        nullable: true,
        description: '综合得分, exact (usually needs `places`).',
        unit: '',
        resolve: (x) => figure(x, () => x.r.total),
      }),
      totalReported: t.string({
        nullable: true,
        resolve: (x) =>
          figure(
            x,
            () =>
              x.r.total?.toFixed({ places: x.scheme.rounding.report.totals, rounding: x.scheme.rounding.mode }) ?? null,
          ),
      }),
      percentile: t.exact({ nullable: true, unit: '%', resolve: (x) => figure(x, () => x.r.percentile) }),
      indicators: t.field({
        type: [IndicatorScore],
        nullable: true,
        resolve: (x) =>
          figure(x, () => {
            const cohort = x.scheme.cohorts.find((c) => c.id === x.r.cohortId);
            return x.r.indicators.map((i) => ({
              x: i,
              scheme: x.scheme,
              weight: cohort?.indicators.find((s) => s.indicator === i.indicator)?.weight.toString() ?? null,
            }));
          }),
      }),
      reasons: t.field({ type: [shared.Reason], nullable: true, resolve: (x) => figure(x, () => [...x.r.reasons]) }),
    }),
  });

  const ResultConnection = builder.connectionObject(
    { type: Result, name: 'EvaluationRunResultConnection', fields: totalCountField },
    { name: 'EvaluationRunResultEdge' },
  );

  const ChangeRef = builder.objectRef<RunClassChange>('RunClassChange').implement({
    description: 'A class a correction re-run changed.',
    fields: (t) => ({
      uscc: t.exposeID('uscc'),
      from: t.field({ type: shared.ClassEnum, nullable: true, resolve: (c) => c.from }),
      to: t.field({ type: shared.ClassEnum, nullable: true, resolve: (c) => c.to }),
      objectionId: t.exposeID('objectionId'),
      at: t.expose('at', { type: 'DateTime' }),
    }),
  });

  const Resolution = builder.objectRef<NonNullable<Objection['resolution']>>('ObjectionResolution').implement({
    fields: (t) => ({
      outcome: t.field({ type: Outcome, resolve: (r) => r.outcome }),
      outcomeLabel: t.string({ resolve: (r) => OBJECTION_OUTCOME_LABELS[r.outcome] }),
      reason: t.exposeString('reason'),
      by: t.exposeString('by'),
      at: t.expose('at', { type: 'DateTime' }),
      overrideClass: t.field({ type: shared.ClassEnum, nullable: true, resolve: (r) => r.overrideClass }),
      dataRevision: t.exposeString('dataRevision', { nullable: true, description: 'The corrected data revision.' }),
    }),
  });

  const ObjectionRef = builder.objectRef<ObjectionShape>('Objection').implement({
    description: '异议: filed for a firm during 公示, resolved by the city (复核). Audited.',
    fields: (t) => ({
      id: t.id({ resolve: (x) => x.o.id }),
      runId: t.id({ resolve: (x) => x.run.id }),
      uscc: t.id({ resolve: (x) => x.o.uscc }),
      town: t.field({ type: refs.Town, resolve: (x, _a, ctx) => townOf(ctx, x.o.townCode) }),
      category: t.field({ type: Category, resolve: (x) => x.o.category }),
      categoryLabel: t.string({ resolve: (x) => OBJECTION_CATEGORY_LABELS[x.o.category] }),
      reason: t.string({ resolve: (x) => x.o.reason }),
      filedBy: t.string({ resolve: (x) => x.o.filedBy }),
      filedAt: t.field({ type: 'DateTime', resolve: (x) => x.o.filedAt }),
      resolved: t.boolean({ resolve: (x) => x.o.resolution !== null }),
      resolution: t.field({ type: Resolution, nullable: true, resolve: (x) => x.o.resolution }),
      classChanges: t.field({
        type: [ChangeRef],
        description: 'Classes the correction re-run changed (the diff of an upheld-with-correction objection).',
        resolve: (x) => x.run.classChanges.filter((c) => c.objectionId === x.o.id),
      }),
    }),
  });

  const OverrideRef = builder.objectRef<ClassOverride>('ClassOverride').implement({
    description: '提档/降档/定档: a class set by the city with a reason.',
    fields: (t) => ({
      seq: t.exposeInt('seq'),
      uscc: t.exposeID('uscc'),
      from: t.field({ type: shared.ClassEnum, nullable: true, resolve: (o) => o.from }),
      to: t.field({ type: shared.ClassEnum, resolve: (o) => o.to }),
      kind: t.field({ type: OverrideKind, resolve: (o) => o.kind }),
      kindLabel: t.string({ resolve: (o) => OVERRIDE_KIND_LABELS[o.kind] }),
      reason: t.exposeString('reason'),
      objectionId: t.exposeID('objectionId', { nullable: true }),
      by: t.exposeString('by'),
      at: t.expose('at', { type: 'DateTime' }),
    }),
  });

  const Trail = builder.objectRef<RunTrailEntry>('EvaluationRunStep').implement({
    description: "A step of a run's trail: who, when, what, why.",
    fields: (t) => ({
      seq: t.exposeInt('seq'),
      at: t.expose('at', { type: 'DateTime' }),
      actor: t.exposeString('actor'),
      action: t.exposeString('action'),
      reason: t.exposeString('reason', { nullable: true }),
      detail: t.string({ description: 'JSON.', resolve: (s) => JSON.stringify(s.detail) }),
    }),
  });

  const RunSummary = builder.objectRef<EvaluationRun>('EvaluationRunSummary').implement({
    description: '分类汇总 of a run: classes in force per cohort and town.',
    fields: (t) => {
      const summary = (run: EvaluationRun, ctx: MujunContext) =>
        perRequest(ctx, `runSummary:${run.id}:${run.revision}`, async () =>
          summarizeRun(await ctx.repository.countRunClasses(run.id)),
        );
      return {
        total: t.field({ type: shared.Counts, resolve: async (run, _a, ctx) => (await summary(run, ctx)).total }),
        byCohort: t.field({
          type: [shared.KeyedCounts],
          resolve: async (run, _a, ctx) =>
            Object.entries((await summary(run, ctx)).byCohort).map(([key, c]) => ({
              key,
              name: run.cohorts.find((x) => x.id === key)?.name ?? null,
              counts: c,
            })),
        }),
        byTown: t.field({
          type: [shared.TownCounts],
          resolve: async (run, _a, ctx) =>
            Object.entries((await summary(run, ctx)).byTown)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([townCode, c]) => ({ townCode, counts: c })),
        }),
      };
    },
  });

  const PolicyEntry = builder.objectRef<PolicyListEntry>('PolicyListEntry').implement({
    description: '差别化政策: one measure for one firm of a final run.',
    fields: (t) => ({
      uscc: t.exposeID('uscc'),
      name: t.exposeString('name'),
      town: t.field({ type: refs.Town, resolve: (e, _a, ctx) => townOf(ctx, e.townCode) }),
      class: t.field({ type: shared.ClassEnum, resolve: (e) => e.class }),
      measure: t.exposeString('measure', {
        description: 'The differentiated measure (差别化措施): electricitySurcharge, waterSurcharge, ...',
      }),
      label: t.exposeString('label'),
      amount: t.field({
        type: refs.Money,
        nullable: true,
        description: '元: positive a surcharge, negative a relief.',
        resolve: (e) => e.amount,
      }),
      note: t.exposeString('note', { nullable: true }),
    }),
  });

  /** The policy list of a final run that the asker may read. */
  async function policyEntries(run: EvaluationRun, town: string | null | undefined, ctx: MujunContext) {
    const scheme = schemeOf(run);
    if (run.status !== 'final') {
      throw refused('policyList', run.status, 'run.notFinal');
    }
    if (!scheme.policies) throw invalid('policyList', 'policies.none', gatewayMessages.noPolicies(scheme.id));
    const allowed = policyListTowns(ctx.principal, run);
    if (allowed === 'none') {
      throw new NotAuthorisedError(gatewayMessages.policyDenied, {
        requiredRole: 'townOperator',
        division: run.regionCode,
      });
    }
    const region = await requireRegion(ctx, run.regionCode, 'run');
    const wanted = town == null ? undefined : requireTown(region, town).code;
    if (allowed !== 'all' && wanted !== undefined && wanted !== allowed) {
      throw new NotAuthorisedError(gatewayMessages.policyDenied, { requiredRole: 'cityAdmin', division: wanted });
    }
    const only = allowed === 'all' ? wanted : allowed;
    const results = (await ctx.repository.loadRunResults(run.id)).filter(
      (r) => only === undefined || r.townCode === only,
    );
    const data = await ctx.loaders.annualDataOfRegion.load(`${run.regionCode}|${run.year}`);
    return { region, entries: policyList(results, scheme.policies, data) };
  }

  const Run = builder.objectRef<EvaluationRun>('EvaluationRun').implement({
    description:
      '评价批次: one evaluation a county publishes — scheme version, data revision, status, 公示期, stored results, objections and overrides.',
    fields: (t) => ({
      id: t.exposeID('id'),
      status: t.field({ type: RunStatus, resolve: (r) => r.status }),
      statusLabel: t.string({ resolve: (r) => EVALUATION_RUN_STATUS_LABELS[r.status] }),
      region: t.field({ type: refs.Region, resolve: (r, _a, ctx) => requireRegion(ctx, r.regionCode, 'regionCode') }),
      year: t.exposeInt('year'),
      scheme: t.field({ type: shared.SchemeRef, resolve: (r) => schemeOf(r) }),
      schemeVersion: t.exposeString('schemeVersion', {
        description: 'Scheme version (方案版本): SHA-256 of the scheme’s canonical JSON.',
      }),
      dataRevision: t.exposeString('dataRevision', {
        description: 'Data revision (数据版本): SHA-256 of the data evaluated.',
      }),
      revision: t.exposeInt('revision'),
      notice: t.field({ type: Notice, nullable: true, resolve: (r) => r.notice }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      createdBy: t.string({
        nullable: true,
        resolve: (r, _a, ctx) => (canSeeRunRecords(ctx.principal, r) ? r.createdBy : null),
      }),
      cohorts: t.field({ type: [Cohort], resolve: (r) => r.cohorts.map((c) => ({ run: r, c })) }),
      summary: t.field({ type: RunSummary, resolve: (r) => r }),
      results: t.connection(
        {
          type: Result,
          description: 'Stored results, filtered, in USCC (default) or RANK order.',
          args: {
            town: t.arg.id({ required: false, description: 'Town code or name.' }),
            cohort: t.arg.string({ required: false, description: 'Cohort id.' }),
            class: t.arg({ type: shared.ClassEnum, required: false }),
            orderBy: t.arg({ type: shared.OrderEnum, required: false, description: 'Default USCC.' }),
          },
          resolve: async (run, args, ctx) => {
            const page = pageRequest(args, ctx.limits);
            const order = args.orderBy ?? 'uscc';
            const region = await requireRegion(ctx, run.regionCode, 'run');
            const town = args.town == null ? undefined : requireTown(region, String(args.town)).code;
            if (order === 'rank' && !canOrderByRank(ctx.principal, run, ranksHidden(run), town)) {
              throw invalid('orderBy', 'rank.hidden', gatewayMessages.ranksHidden);
            }
            const towns = new Map(region.towns.map((x) => [x.code, x]));
            const filters = {
              ...(town === undefined ? {} : { townCode: town }),
              ...(args.cohort == null ? {} : { cohortId: args.cohort }),
              ...(args.class == null ? {} : { class: args.class }),
              orderBy: order,
            };
            const key = (x: ReturnType<typeof shapeResult>) => runResultKey(x.r, order);
            const count = async () =>
              (await ctx.repository.countRunClasses(run.id))
                .filter(
                  (c) =>
                    (filters.townCode === undefined || c.townCode === filters.townCode) &&
                    (filters.cohortId === undefined || c.cohortId === filters.cohortId) &&
                    (filters.class === undefined || c.class === filters.class),
                )
                .reduce((sum, c) => sum + c.count, 0);
            if (page.last !== undefined || page.before !== undefined) {
              // Backward paging reads the filtered list whole (a rare request); forward pages are read by key.
              const all = await cachedPage(ctx, run, filters);
              return {
                ...pageOf(
                  all.map((r) => shapeResult(ctx, run, r, towns)),
                  page,
                  key,
                ),
                totalCount: count,
              };
            }
            const rows = await cachedPage(ctx, run, {
              ...filters,
              first: (page.first ?? 0) + 1,
              ...(page.after === undefined ? {} : { after: page.after }),
            });
            return connectionFromRows(
              rows.map((r) => shapeResult(ctx, run, r, towns)),
              page,
              key,
              count,
            );
          },
        },
        ResultConnection,
      ),
      objections: t.field({
        type: [ObjectionRef],
        description: "All to the city's admins, a town's own to its operators, none to others.",
        resolve: (r, _a, ctx) =>
          r.objections.filter((o) => visibleObjection(ctx.principal, r, o)).map((o) => ({ run: r, o })),
      }),
      overrides: t.field({
        type: [OverrideRef],
        nullable: true,
        resolve: (r, _a, ctx) => {
          if (!canSeeRunRecords(ctx.principal, r)) return null;
          const byId = new Map(r.objections.map((o) => [o.id, o]));
          return r.overrides.filter((o) => visibleTrailEntry(ctx.principal, r, { detail: o }, byId));
        },
      }),
      classChanges: t.field({
        type: [ChangeRef],
        nullable: true,
        description: 'Classes changed by correction re-runs.',
        resolve: (r, _a, ctx) => (canSeeRunRecords(ctx.principal, r) ? [...r.classChanges] : null),
      }),
      trail: t.field({
        type: [Trail],
        nullable: true,
        resolve: (r, _a, ctx) => {
          if (!canSeeRunRecords(ctx.principal, r)) return null;
          // Entries about an objection are filtered as objections are (run-policy.ts).
          const byId = new Map(r.objections.map((o) => [o.id, o]));
          return r.trail.filter((e) => visibleTrailEntry(ctx.principal, r, e, byId));
        },
      }),
      policyList: t.field({
        type: [PolicyEntry],
        description: "差别化政策名单 of a final run under the scheme's policy table; a town operator: its own town.",
        args: { town: t.arg.id({ required: false }) },
        resolve: async (r, args, ctx) =>
          (await policyEntries(r, args.town == null ? undefined : String(args.town), ctx)).entries,
      }),
      policyListCsv: t.string({
        description: 'The policy list as CSV (统一社会信用代码, 企业名称, 镇(街道), 分类, 政策措施, 金额(元), 备注).',
        args: { town: t.arg.id({ required: false }) },
        resolve: async (r, args, ctx) => {
          const { region, entries } = await policyEntries(r, args.town == null ? undefined : String(args.town), ctx);
          return policyListCsv(entries, new Map(region.towns.map((x) => [x.code, x.name])));
        },
      }),
    }),
  });

  const CountsRef = builder.objectRef<ClassChangeCounts>('ClassChangeCounts').implement({
    fields: (t) => ({
      up: t.exposeInt('up', { description: '升档' }),
      down: t.exposeInt('down', { description: '降档' }),
      new: t.exposeInt('new', { description: '新增' }),
      exit: t.exposeInt('exit', { description: '退出' }),
      same: t.exposeInt('same', { description: '不变' }),
    }),
  });
  const TownChange = builder.objectRef<{ townCode: string; counts: ClassChangeCounts }>('TownClassChanges').implement({
    fields: (t) => ({
      town: t.field({ type: refs.Town, resolve: (x, _a, ctx) => townOf(ctx, x.townCode) }),
      counts: t.field({ type: CountsRef, resolve: (x) => counts(x.counts) }),
    }),
  });
  const CohortChange = builder
    .objectRef<{ cohort: string; counts: ClassChangeCounts }>('CohortClassChanges')
    .implement({
      fields: (t) => ({
        cohort: t.exposeString('cohort', { description: 'Cohort id in the later run (`-` for none).' }),
        counts: t.field({ type: CountsRef, resolve: (x) => counts(x.counts) }),
      }),
    });
  const FirmChange = builder.objectRef<FirmClassChange>('FirmClassChange').implement({
    fields: (t) => ({
      uscc: t.exposeID('uscc'),
      name: t.exposeString('name'),
      town: t.field({ type: refs.Town, resolve: (x, _a, ctx) => townOf(ctx, x.townCode) }),
      cohort: t.exposeString('cohortId', { nullable: true }),
      from: t.field({ type: shared.ClassEnum, nullable: true, resolve: (x) => x.from }),
      to: t.field({ type: shared.ClassEnum, nullable: true, resolve: (x) => x.to }),
      kind: t.field({ type: ChangeKind, resolve: (x) => x.kind }),
      kindLabel: t.string({ resolve: (x) => CLASS_CHANGE_LABELS[x.kind] }),
    }),
  });
  const Changes = builder
    .objectRef<ClassChanges & { fromRun: EvaluationRun; toRun: EvaluationRun }>('ClassChanges')
    .implement({
      description: '分类变动 between two runs: 升档/降档/新增/退出 per town and cohort, and the firms that moved.',
      fields: (t) => ({
        fromRun: t.field({ type: Run, resolve: (c) => c.fromRun }),
        toRun: t.field({ type: Run, resolve: (c) => c.toRun }),
        total: t.field({ type: CountsRef, resolve: (c) => c.total }),
        byTown: t.field({
          type: [TownChange],
          resolve: (c) =>
            Object.entries(c.byTown)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([townCode, x]) => ({ townCode, counts: x })),
        }),
        byCohort: t.field({
          type: [CohortChange],
          resolve: (c) => Object.entries(c.byCohort).map(([cohort, x]) => ({ cohort, counts: x })),
        }),
        firms: t.field({ type: [FirmChange], resolve: (c) => [...c.firms] }),
      }),
    });

  builder.queryFields((t) => ({
    evaluationRuns: t.field({
      type: [Run],
      description: "评价批次 of a city (and year), newest first: drafts only for the city's staff.",
      args: { city: t.arg.id({ required: true }), year: t.arg.int({ required: false }) },
      resolve: async (_root, args, ctx) => {
        const region = await requireRegion(ctx, String(args.city));
        const runs = await ctx.repository.listRuns({
          regionCode: region.code,
          ...(args.year == null ? {} : { year: args.year }),
        });
        return runs.filter((r) => canSeeRun(ctx.principal, r));
      },
    }),
    evaluationRun: t.field({
      type: Run,
      nullable: true,
      description: 'One run by id; null when there is none you may read.',
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, args, ctx) => {
        const run = await loadRun(ctx, String(args.id));
        return run && canSeeRun(ctx.principal, run) ? run : null;
      },
    }),
    classChanges: t.field({
      type: Changes,
      description: '分类变动 from one run to another (e.g. last year’s final run to this year’s), by class in force.',
      args: { fromRun: t.arg.id({ required: true }), toRun: t.arg.id({ required: true }) },
      resolve: async (_root, args, ctx) => {
        const fromRun = await readableRun(ctx, String(args.fromRun), 'fromRun');
        const toRun = await readableRun(ctx, String(args.toRun), 'toRun');
        const [a, b] = await Promise.all([
          ctx.repository.loadRunResults(fromRun.id),
          ctx.repository.loadRunResults(toRun.id),
        ]);
        return { ...classChanges(a, b), fromRun, toRun };
      },
    }),
  }));

  // ---- mutations ---------------------------------------------------------

  const errors = [NotAuthorisedError, InvalidTransitionError, ValidationError];
  const result = (name: string, dataField: string) => ({
    types: errors,
    union: { name: `${name}Result` },
    result: { name: `${name}Success` },
    dataField: { name: dataField },
  });

  const StartInput = builder.inputType('StartEvaluationRunInput', {
    fields: (t) => ({
      schemeId: t.id({ required: true, description: 'A preset or a saved scheme.' }),
      year: t.int({ required: true, description: '数据年度.' }),
      city: t.id({ required: true, description: '6-digit city code.' }),
    }),
  });
  const PublishInput = builder.inputType('PublishEvaluationRunInput', {
    fields: (t) => ({
      runId: t.id({ required: true }),
      noticeFrom: t.field({ type: 'Date', required: true, description: '公示期 first day (北京时间).' }),
      noticeTo: t.field({ type: 'Date', required: true, description: '公示期 last day, inclusive.' }),
    }),
  });
  const FileInput = builder.inputType('FileObjectionInput', {
    fields: (t) => ({
      runId: t.id({ required: true }),
      uscc: t.id({ required: true }),
      category: t.field({ type: Category, required: true }),
      reason: t.string({ required: true }),
    }),
  });
  const CorrectionInput = builder.inputType('ObjectionCorrectionInput', {
    description: "The firm's corrected figures for the run's year, written through the normal write path.",
    fields: (t) => ({ annualData: t.field({ type: annualDataInputRef(builder, refs), required: true }) }),
  });
  const OverrideInput = builder.inputType('ObjectionOverrideInput', {
    description: '提档/降档/定档 to this class.',
    fields: (t) => ({
      class: t.string({
        required: true,
        description: 'A, B, C, D or T (a string, so that another value is a ValidationError, rule override.class).',
      }),
    }),
  });
  const ResolveInput = builder.inputType('ResolveObjectionInput', {
    fields: (t) => ({
      objectionId: t.id({ required: true }),
      outcome: t.field({ type: Outcome, required: true }),
      reason: t.string({ required: true }),
      correction: t.field({ type: CorrectionInput, required: false, description: 'With outcome CORRECTION.' }),
      override: t.field({ type: OverrideInput, required: false, description: 'With outcome OVERRIDE.' }),
    }),
  });
  const RunIdInput = builder.inputType('FinalizeEvaluationRunInput', {
    fields: (t) => ({ runId: t.id({ required: true }) }),
  });
  const WithdrawInput = builder.inputType('WithdrawEvaluationRunInput', {
    fields: (t) => ({ runId: t.id({ required: true }), reason: t.string({ required: true }) }),
  });

  builder.mutationFields((t) => ({
    startEvaluationRun: t.field({
      type: Run,
      description: '开始评价: evaluates a city’s data under a scheme into a draft run (city admins).',
      args: { input: t.arg({ type: StartInput, required: true }) },
      errors: result('StartEvaluationRun', 'run'),
      resolve: async (_root, { input }, ctx) => {
        const region = await authorizeWrite(ctx, 'startEvaluationRun', parseWriteInput('startEvaluationRun', input));
        const step = await startEvaluationRun(
          ctx.repository,
          { regionCode: region.code, schemeId: String(input.schemeId), year: input.year },
          by(ctx),
          stepOptions(ctx),
        );
        return step.run;
      },
    }),
    publishEvaluationRun: t.field({
      type: Run,
      description: '公示: publishes a draft for its notice window (city admins).',
      args: { input: t.arg({ type: PublishInput, required: true }) },
      errors: result('PublishEvaluationRun', 'run'),
      resolve: async (_root, { input }, ctx) => {
        const runId = canonicalId(String(input.runId), 'input.runId');
        await authorizeWrite(ctx, 'publishEvaluationRun', parseWriteInput('publishEvaluationRun', { ...input, runId }));
        const notice = { from: input.noticeFrom, to: input.noticeTo };
        return (await publishEvaluationRun(ctx.repository, { runId, notice }, by(ctx), stepOptions(ctx))).run;
      },
    }),
    fileObjection: t.field({
      type: ObjectionRef,
      description: "提出异议 during 公示: an operator of the firm's town or a city admin.",
      args: { input: t.arg({ type: FileInput, required: true }) },
      errors: result('FileObjection', 'objection'),
      resolve: async (_root, { input }, ctx) => {
        // Parsed and canonical before the policy reads it.
        const parsed = parseFileObjection({
          runId: String(input.runId),
          uscc: String(input.uscc),
          category: input.category,
          reason: input.reason,
        });
        await authorizeWrite(ctx, 'fileObjection', parseWriteInput('fileObjection', { ...input, ...parsed }));
        const step = await fileRunObjection(ctx.repository, parsed, by(ctx), stepOptions(ctx));
        return { run: step.run, o: step.objection };
      },
    }),
    resolveObjection: t.field({
      type: ObjectionRef,
      description:
        '复核 (city admins): CORRECTION writes the corrected figures and re-evaluates the firm’s cohort (the class changes are recorded) in one transaction; OVERRIDE sets a class (提档/降档/定档); DISMISSED keeps all.',
      args: { input: t.arg({ type: ResolveInput, required: true }) },
      errors: result('ResolveObjection', 'objection'),
      resolve: async (_root, { input }, ctx) => {
        const parsed = parseResolveObjection({
          objectionId: String(input.objectionId),
          outcome: input.outcome,
          reason: input.reason,
          overrideClass: input.override?.class ?? null,
          annualData: input.correction?.annualData == null ? null : compact({ ...input.correction.annualData }),
        });
        await authorizeWrite(
          ctx,
          'resolveObjection',
          parseWriteInput('resolveObjection', { ...input, objectionId: parsed.objectionId }),
        );
        const step = await resolveRunObjection(ctx.repository, parsed, by(ctx), stepOptions(ctx));
        return { run: step.run, o: step.objection };
      },
    }),
    finalizeEvaluationRun: t.field({
      type: Run,
      description: '定档: after 公示期, with every objection resolved; one final run per scheme, year and city.',
      args: { input: t.arg({ type: RunIdInput, required: true }) },
      errors: result('FinalizeEvaluationRun', 'run'),
      resolve: async (_root, { input }, ctx) => {
        const runId = canonicalId(String(input.runId), 'input.runId');
        await authorizeWrite(
          ctx,
          'finalizeEvaluationRun',
          parseWriteInput('finalizeEvaluationRun', { ...input, runId }),
        );
        return (await finalizeEvaluationRun(ctx.repository, { runId }, by(ctx), stepOptions(ctx))).run;
      },
    }),
    withdrawEvaluationRun: t.field({
      type: Run,
      description: '撤回 a draft or a run in 公示, with a reason (city admins). A final run cannot be withdrawn.',
      args: { input: t.arg({ type: WithdrawInput, required: true }) },
      errors: result('WithdrawEvaluationRun', 'run'),
      resolve: async (_root, { input }, ctx) => {
        const runId = canonicalId(String(input.runId), 'input.runId');
        await authorizeWrite(
          ctx,
          'withdrawEvaluationRun',
          parseWriteInput('withdrawEvaluationRun', { ...input, runId }),
        );
        const step = await withdrawEvaluationRun(
          ctx.repository,
          { runId, reason: input.reason },
          by(ctx),
          stepOptions(ctx),
        );
        return step.run;
      },
    }),
  }));
}
