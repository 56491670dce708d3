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
  EVALUATION_RUN_STATUS_LABELS,
  OBJECTION_CATEGORY_LABELS,
  OBJECTION_OUTCOME_LABELS,
  OVERRIDE_KIND_LABELS,
} from '@mujun/core/labels';
import type { ClassChangeCounts, FirmClassChange, RunClassChange } from '@mujun/core/runs';
import { runResultsWorkbook } from '@mujun/intake';
import { actorOf } from '../auth';
import type { MujunBuilder } from '../builder';
import { type MujunContext, perRequest } from '../context';
import { NotAuthorisedError } from '../errors';
import { cityOf, loadRun, requireRegion, requireTown, townOf } from '../lookups';
import { gatewayMessages } from '../messages';
import { connectionFromRows, pageOf, pageRequest } from '../paging';
import { authorizeWrite, parseWriteInput } from '../policy';
import type { MujunRefs } from '../refs';
import {
  canOrderByRank,
  canReadResultsWorkbook,
  canSeeRun,
  canSeeRunRecords,
  policyListTowns,
  resultView,
  visibleObjection,
  visibleTrailEntry,
} from '../run-policy';
import { valuesOf } from './enums';
import { type FirmResultShape, sharedEvaluationTypes, storedResult } from './evaluation-shared';
import { annualDataInputRef, compact } from './registry-writes';

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
): FirmResultShape {
  const view = resultView(ctx.principal, run, r.townCode, ranksHidden(run));
  return storedResult(run, schemeOf(run), r, view, towns.get(r.townCode));
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
      from: t.field({
        description: 'First day of the notice window (公示开始日).',
        type: 'Date',
        resolve: (n) => n.from,
      }),
      to: t.field({
        description: 'Last day of the notice window, inclusive (公示截止日).',
        type: 'Date',
        resolve: (n) => n.to,
      }),
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
      description: 'One 基准值 (benchmark) of a cohort as the run computed it.',
      fields: (t) => ({
        indicator: t.field({
          description: 'The indicator (评价指标).',
          type: shared.IndicatorEnum,
          resolve: (b) => b.indicator as IndicatorId,
        }),
        derivation: t.exposeString('derivation', {
          description: 'How the benchmark was derived (基准值算法): fixed, ratioOfSums or meanOfRatios.',
        }),
        value: t.exact({
          description: 'The benchmark (基准值), exact.',
          unit: (b) => INDICATORS[b.indicator as IndicatorId].unitLabel,
          resolve: (b) => b.value,
        }),
        reported: t.string({
          description: 'The benchmark as the scheme reports it (报告基准值).',
          resolve: (b) => b.value.toFixed({ places: b.places, rounding: b.mode }),
        }),
      }),
    });

  const Cohort = builder
    .objectRef<{ run: EvaluationRun; c: EvaluationRun['cohorts'][number] }>('EvaluationRunCohort')
    .implement({
      description: '评价对象组 as the run computed it: counts and 基准值.',
      fields: (t) => ({
        id: t.string({ description: 'Cohort id (评价对象组编号).', resolve: (x) => x.c.id }),
        name: t.string({ description: 'Cohort name (评价对象组名称).', resolve: (x) => x.c.name }),
        enterprises: t.int({ description: 'Enterprises in the cohort (企业数).', resolve: (x) => x.c.enterprises }),
        ranked: t.int({ description: 'Units ranked in the cohort (参与排名数).', resolve: (x) => x.c.ranked }),
        benchmarks: t.field({
          description: 'Its benchmarks (基准值), one per indicator.',
          type: [Benchmark],
          resolve: (x) => {
            const { rounding } = schemeOf(x.run);
            return x.c.benchmarks.map((b) => ({ ...b, places: rounding.report.benchmarks, mode: rounding.mode }));
          },
        }),
      }),
    });

  const ChangeRef = builder.objectRef<RunClassChange>('RunClassChange').implement({
    description: 'A class a correction re-run changed.',
    fields: (t) => ({
      uscc: t.exposeID('uscc', { description: 'The firm’s 统一社会信用代码 (USCC).' }),
      from: t.field({
        description: 'Class before the re-run (原档次).',
        type: shared.ClassEnum,
        nullable: true,
        resolve: (c) => c.from,
      }),
      to: t.field({
        description: 'Class after the re-run (新档次).',
        type: shared.ClassEnum,
        nullable: true,
        resolve: (c) => c.to,
      }),
      objectionId: t.exposeID('objectionId', { description: 'The objection whose correction caused it (异议编号).' }),
      at: t.expose('at', { description: 'When it changed (变更时间).', type: 'DateTime' }),
    }),
  });

  const Resolution = builder.objectRef<NonNullable<Objection['resolution']>>('ObjectionResolution').implement({
    description: '复核结果 (resolution) of an objection: outcome, reason, who and when.',
    fields: (t) => ({
      outcome: t.field({ description: 'The outcome (复核结果).', type: Outcome, resolve: (r) => r.outcome }),
      outcomeLabel: t.string({
        description: 'The outcome in Chinese (复核结果名称).',
        resolve: (r) => OBJECTION_OUTCOME_LABELS[r.outcome],
      }),
      reason: t.exposeString('reason', { description: 'Why (复核理由).' }),
      by: t.exposeString('by', { description: 'Who resolved it (复核人).' }),
      at: t.expose('at', { description: 'When it was resolved (复核时间).', type: 'DateTime' }),
      overrideClass: t.field({
        description: 'The class set, with outcome OVERRIDE (调整后档次).',
        type: shared.ClassEnum,
        nullable: true,
        resolve: (r) => r.overrideClass,
      }),
      dataRevision: t.exposeString('dataRevision', { nullable: true, description: 'The corrected data revision.' }),
    }),
  });

  const ObjectionRef = builder.objectRef<ObjectionShape>('Objection').implement({
    description: '异议: filed for a firm during 公示, resolved by the city (复核). Audited.',
    fields: (t) => ({
      id: t.id({ description: 'Objection id (异议编号): `<runId>.<n>`.', resolve: (x) => x.o.id }),
      runId: t.id({ description: 'The run it is filed against (评价批次编号).', resolve: (x) => x.run.id }),
      uscc: t.id({ description: 'The firm’s 统一社会信用代码 (USCC).', resolve: (x) => x.o.uscc }),
      town: t.field({
        description: 'The firm’s town (镇街道).',
        type: refs.Town,
        resolve: (x, _a, ctx) => townOf(ctx, x.o.townCode),
      }),
      category: t.field({ description: 'Its category (异议类别).', type: Category, resolve: (x) => x.o.category }),
      categoryLabel: t.string({
        description: 'The category in Chinese (异议类别名称).',
        resolve: (x) => OBJECTION_CATEGORY_LABELS[x.o.category],
      }),
      reason: t.string({ description: 'Why it was filed (异议理由).', resolve: (x) => x.o.reason }),
      filedBy: t.string({ description: 'Who filed it (提出人).', resolve: (x) => x.o.filedBy }),
      filedAt: t.field({ description: 'When it was filed (提出时间).', type: 'DateTime', resolve: (x) => x.o.filedAt }),
      resolved: t.boolean({
        description: 'Whether it has been resolved (已复核).',
        resolve: (x) => x.o.resolution !== null,
      }),
      resolution: t.field({
        description: 'The resolution (复核结果); null until resolved.',
        type: Resolution,
        nullable: true,
        resolve: (x) => x.o.resolution,
      }),
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
      seq: t.exposeInt('seq', { description: 'Order of the override in the run (序号).' }),
      uscc: t.exposeID('uscc', { description: 'The firm’s 统一社会信用代码 (USCC).' }),
      from: t.field({
        description: 'Class before (原档次).',
        type: shared.ClassEnum,
        nullable: true,
        resolve: (o) => o.from,
      }),
      to: t.field({ description: 'Class set (调整后档次).', type: shared.ClassEnum, resolve: (o) => o.to }),
      kind: t.field({ description: '提档, 降档 or 定档 (调整类型).', type: OverrideKind, resolve: (o) => o.kind }),
      kindLabel: t.string({
        description: 'The kind in Chinese (调整类型名称).',
        resolve: (o) => OVERRIDE_KIND_LABELS[o.kind],
      }),
      reason: t.exposeString('reason', { description: 'Why (调整理由).' }),
      objectionId: t.exposeID('objectionId', {
        description: 'The objection it resolved (异议编号), if any.',
        nullable: true,
      }),
      by: t.exposeString('by', { description: 'Who set it (调整人).' }),
      at: t.expose('at', { description: 'When it was set (调整时间).', type: 'DateTime' }),
    }),
  });

  const Trail = builder.objectRef<RunTrailEntry>('EvaluationRunStep').implement({
    description: "A step of a run's trail: who, when, what, why.",
    fields: (t) => ({
      seq: t.exposeInt('seq', { description: 'Order of the step in the run (序号).' }),
      at: t.expose('at', { description: 'When (时间).', type: 'DateTime' }),
      actor: t.exposeString('actor', { description: 'Who (操作人).' }),
      action: t.exposeString('action', {
        description: 'What (操作): start, publish, fileObjection, resolveObjection, finalize, withdraw.',
      }),
      reason: t.exposeString('reason', { description: 'Why (理由), where the step takes one.', nullable: true }),
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
        total: t.field({
          description: 'Class counts of the whole city (全市合计).',
          type: shared.Counts,
          resolve: async (run, _a, ctx) => (await summary(run, ctx)).total,
        }),
        byCohort: t.field({
          description: 'Class counts per cohort (按评价对象组).',
          type: [shared.KeyedCounts],
          resolve: async (run, _a, ctx) =>
            Object.entries((await summary(run, ctx)).byCohort).map(([key, c]) => ({
              key,
              name: run.cohorts.find((x) => x.id === key)?.name ?? null,
              counts: c,
            })),
        }),
        byTown: t.field({
          description: 'Class counts per town (按镇街道), in town-code order.',
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
      uscc: t.exposeID('uscc', { description: 'The firm’s 统一社会信用代码 (USCC).' }),
      name: t.exposeString('name', { description: 'The firm’s name (企业名称).' }),
      town: t.field({
        description: 'The firm’s town (镇街道).',
        type: refs.Town,
        resolve: (e, _a, ctx) => townOf(ctx, e.townCode),
      }),
      class: t.field({ description: 'The class in force (档次).', type: shared.ClassEnum, resolve: (e) => e.class }),
      measure: t.exposeString('measure', {
        description: 'The differentiated measure (差别化措施): electricitySurcharge, waterSurcharge, ...',
      }),
      label: t.exposeString('label', { description: 'The measure in Chinese (政策措施名称).' }),
      amount: t.field({
        type: refs.Money,
        nullable: true,
        description: '元: positive a surcharge, negative a relief.',
        resolve: (e) => e.amount,
      }),
      note: t.exposeString('note', { description: 'A note (备注), e.g. the basis of the amount.', nullable: true }),
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
      id: t.exposeID('id', { description: 'Run id (评价批次编号).' }),
      status: t.field({ description: 'Its status (批次状态).', type: RunStatus, resolve: (r) => r.status }),
      statusLabel: t.string({
        description: 'The status in Chinese (批次状态名称).',
        resolve: (r) => EVALUATION_RUN_STATUS_LABELS[r.status],
      }),
      region: t.field({
        description: 'The city evaluated (评价地区).',
        type: refs.Region,
        resolve: (r, _a, ctx) => requireRegion(ctx, r.regionCode, 'regionCode'),
      }),
      year: t.exposeInt('year', { description: '数据年度 (data year) evaluated.' }),
      scheme: t.field({
        description: 'The scheme evaluated under (评价方案), as stored with the run.',
        type: shared.SchemeRef,
        resolve: (r) => schemeOf(r),
      }),
      schemeVersion: t.exposeString('schemeVersion', {
        description: 'Scheme version (方案版本): SHA-256 of the scheme’s canonical JSON.',
      }),
      dataRevision: t.exposeString('dataRevision', {
        description: 'Data revision (数据版本): SHA-256 of the data evaluated.',
      }),
      revision: t.exposeInt('revision', { description: 'Revision (修订号): bumped by every transition.' }),
      notice: t.field({
        description: 'The notice window (公示期); null before publishing.',
        type: Notice,
        nullable: true,
        resolve: (r) => r.notice,
      }),
      createdAt: t.expose('createdAt', { description: 'When the run was started (创建时间).', type: 'DateTime' }),
      createdBy: t.string({
        description: "Who started it (创建人); the city's staff only.",
        nullable: true,
        resolve: (r, _a, ctx) => (canSeeRunRecords(ctx.principal, r) ? r.createdBy : null),
      }),
      cohorts: t.field({
        description: 'Its cohorts (评价对象组) as computed: counts and benchmarks.',
        type: [Cohort],
        resolve: (r) => r.cohorts.map((c) => ({ run: r, c })),
      }),
      summary: t.field({
        description: '分类汇总 (summary) of the classes in force.',
        type: RunSummary,
        resolve: (r) => r,
      }),
      results: t.connection(
        {
          type: shared.EvaluationResult,
          description:
            'Stored results (评价结果), filtered, in USCC (default) or RANK order; `run` is this run on each.',
          args: {
            town: t.arg.id({ required: false, description: 'Town code or name.' }),
            cohort: t.arg.string({ required: false, description: 'Cohort id.' }),
            class: t.arg({ type: shared.ClassEnum, required: false, description: 'Only this class in force (档次).' }),
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
        shared.ResultConnection,
      ),
      objections: t.field({
        type: [ObjectionRef],
        description: "All to the city's admins, a town's own to its operators, none to others.",
        resolve: (r, _a, ctx) =>
          r.objections.filter((o) => visibleObjection(ctx.principal, r, o)).map((o) => ({ run: r, o })),
      }),
      overrides: t.field({
        description: "Overrides (提档/降档/定档); the city's staff only (a town operator: its own objections').",
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
        description: "Its steps (操作记录): who, when, what, why; the city's staff only.",
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
        args: { town: t.arg.id({ required: false, description: 'Town code or name (镇街道).' }) },
        resolve: async (r, args, ctx) =>
          (await policyEntries(r, args.town == null ? undefined : String(args.town), ctx)).entries,
      }),
      policyListCsv: t.string({
        description: 'The policy list as CSV (统一社会信用代码, 企业名称, 镇(街道), 分类, 政策措施, 金额(元), 备注).',
        args: { town: t.arg.id({ required: false, description: 'Town code or name (镇街道).' }) },
        resolve: async (r, args, ctx) => {
          const { region, entries } = await policyEntries(r, args.town == null ? undefined : String(args.town), ctx);
          return policyListCsv(entries, new Map(region.towns.map((x) => [x.code, x.name])));
        },
      }),
      resultsWorkbook: t.string({
        description:
          "评价结果表: the run's results as the .xlsx workbook `mujun evaluate --out` writes (汇总, one sheet per cohort, 分类统计), base64-encoded; the class in force, at the scheme's reporting places. City admins of the run's city only.",
        resolve: async (r, _a, ctx) => {
          if (!canReadResultsWorkbook(ctx.principal, r)) {
            throw new NotAuthorisedError(gatewayMessages.resultsWorkbookDenied, {
              requiredRole: 'cityAdmin',
              division: r.regionCode,
            });
          }
          const region = await requireRegion(ctx, r.regionCode, 'run');
          const bytes = await runResultsWorkbook(r, await ctx.repository.loadRunResults(r.id), region);
          return Buffer.from(bytes).toString('base64');
        },
      }),
    }),
  });

  const CountsRef = builder.objectRef<ClassChangeCounts>('ClassChangeCounts').implement({
    description: 'Firms per kind of class change (分类变动计数).',
    fields: (t) => ({
      up: t.exposeInt('up', { description: '升档' }),
      down: t.exposeInt('down', { description: '降档' }),
      new: t.exposeInt('new', { description: '新增' }),
      exit: t.exposeInt('exit', { description: '退出' }),
      same: t.exposeInt('same', { description: '不变' }),
    }),
  });
  const TownChange = builder.objectRef<{ townCode: string; counts: ClassChangeCounts }>('TownClassChanges').implement({
    description: 'Class changes in one town (镇街道分类变动).',
    fields: (t) => ({
      town: t.field({
        description: 'The town (镇街道).',
        type: refs.Town,
        resolve: (x, _a, ctx) => townOf(ctx, x.townCode),
      }),
      counts: t.field({ description: 'Its counts (变动计数).', type: CountsRef, resolve: (x) => counts(x.counts) }),
    }),
  });
  const CohortChange = builder
    .objectRef<{ cohort: string; counts: ClassChangeCounts }>('CohortClassChanges')
    .implement({
      description: 'Class changes in one cohort (评价对象组分类变动).',
      fields: (t) => ({
        cohort: t.exposeString('cohort', { description: 'Cohort id in the later run (`-` for none).' }),
        counts: t.field({ description: 'Its counts (变动计数).', type: CountsRef, resolve: (x) => counts(x.counts) }),
      }),
    });
  const FirmChange = builder.objectRef<FirmClassChange>('FirmClassChange').implement({
    description: 'One firm whose class moved between two runs (企业分类变动).',
    fields: (t) => ({
      uscc: t.exposeID('uscc', { description: 'The firm’s 统一社会信用代码 (USCC).' }),
      name: t.exposeString('name', { description: 'The firm’s name (企业名称).' }),
      town: t.field({
        description: 'The firm’s town (镇街道).',
        type: refs.Town,
        resolve: (x, _a, ctx) => townOf(ctx, x.townCode),
      }),
      cohort: t.exposeString('cohortId', {
        description: 'Its cohort id in the later run (评价对象组).',
        nullable: true,
      }),
      from: t.field({
        description: 'Class in force in the earlier run (原档次).',
        type: shared.ClassEnum,
        nullable: true,
        resolve: (x) => x.from,
      }),
      to: t.field({
        description: 'Class in force in the later run (新档次).',
        type: shared.ClassEnum,
        nullable: true,
        resolve: (x) => x.to,
      }),
      kind: t.field({ description: 'How it moved (变动类型).', type: ChangeKind, resolve: (x) => x.kind }),
      kindLabel: t.string({
        description: 'How it moved, in Chinese (变动类型名称).',
        resolve: (x) => CLASS_CHANGE_LABELS[x.kind],
      }),
    }),
  });
  const Changes = builder
    .objectRef<ClassChanges & { fromRun: EvaluationRun; toRun: EvaluationRun }>('ClassChanges')
    .implement({
      description: '分类变动 between two runs: 升档/降档/新增/退出 per town and cohort, and the firms that moved.',
      fields: (t) => ({
        fromRun: t.field({ description: 'The earlier run (对比批次).', type: Run, resolve: (c) => c.fromRun }),
        toRun: t.field({ description: 'The later run (当前批次).', type: Run, resolve: (c) => c.toRun }),
        total: t.field({ description: 'Counts over the city (全市合计).', type: CountsRef, resolve: (c) => c.total }),
        byTown: t.field({
          description: 'Counts per town (按镇街道), in town-code order.',
          type: [TownChange],
          resolve: (c) =>
            Object.entries(c.byTown)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([townCode, x]) => ({ townCode, counts: x })),
        }),
        byCohort: t.field({
          description: 'Counts per cohort of the later run (按评价对象组).',
          type: [CohortChange],
          resolve: (c) => Object.entries(c.byCohort).map(([cohort, x]) => ({ cohort, counts: x })),
        }),
        firms: t.field({
          description: 'The firms that moved (变动企业).',
          type: [FirmChange],
          resolve: (c) => [...c.firms],
        }),
      }),
    });

  builder.objectField(shared.EvaluationResult, 'run', (t) =>
    t.field({
      type: Run,
      nullable: true,
      description: 'The evaluation run (评价批次) the result is stored in; null for a live evaluation.',
      resolve: (x) => x.run,
    }),
  );

  builder.objectField(refs.Enterprise, 'evaluationResults', (t) =>
    t.field({
      type: [shared.EvaluationResult],
      description:
        "The firm's results in its city's evaluation runs (评价结果), newest run first: by default those in 公示 or 定档 (PUBLIC_NOTICE, FINAL). Only runs you may read (drafts: the city's admins), and of each result only what you may see (`figuresShown`), as `EvaluationRun.results` shows it. Reachable from a federation reference to the Enterprise.",
      args: {
        year: t.arg.int({ required: false, description: 'Only runs of this data year (数据年度).' }),
        status: t.arg({
          type: RunStatus,
          required: false,
          description: 'Only runs in this status (批次状态); default PUBLIC_NOTICE and FINAL.',
        }),
      },
      resolve: async (e, args, ctx) => {
        const city = cityOf(e.townCode);
        const runs = await perRequest(ctx, `runsOf:${city}:${args.year ?? ''}`, () =>
          ctx.repository.listRuns({ regionCode: city, ...(args.year == null ? {} : { year: args.year }) }),
        );
        const wanted = runs.filter(
          (r) =>
            canSeeRun(ctx.principal, r) &&
            (args.status == null ? r.status === 'publicNotice' || r.status === 'final' : r.status === args.status),
        );
        const found = await Promise.all(
          wanted.map(async (run) => {
            // The run's results in USCC order, cached per run revision (every firm's lookup, in this request
            // or a later one, reads it once); not the firm's town's only, since the firm may have moved since.
            const rows = await cachedPage(ctx, run, { orderBy: 'uscc' });
            const r = rows.find((x) => x.uscc === e.uscc);
            return r === undefined ? undefined : shapeResult(ctx, run, r, new Map());
          }),
        );
        return found.filter((x) => x !== undefined);
      },
    }),
  );

  builder.queryFields((t) => ({
    evaluationRuns: t.field({
      type: [Run],
      description: "评价批次 of a city (and year), newest first: drafts only for the city's staff.",
      args: {
        city: t.arg.id({ required: true, description: '6-digit city code (地区代码).' }),
        year: t.arg.int({ required: false, description: 'Only runs of this data year (数据年度).' }),
      },
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
      args: { id: t.arg.id({ required: true, description: 'Run id (评价批次编号).' }) },
      resolve: async (_root, args, ctx) => {
        const run = await loadRun(ctx, String(args.id));
        return run && canSeeRun(ctx.principal, run) ? run : null;
      },
    }),
    classChanges: t.field({
      type: Changes,
      description: '分类变动 from one run to another (e.g. last year’s final run to this year’s), by class in force.',
      args: {
        fromRun: t.arg.id({ required: true, description: 'The earlier run (对比批次编号).' }),
        toRun: t.arg.id({ required: true, description: 'The later run (当前批次编号).' }),
      },
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
  /*
   * Each mutation keeps its own result union (`StartEvaluationRunResult`, …), so
   * one may gain an error of its own later; their success member is shared:
   * every step of a run answers the run (`EvaluationRunSuccess`), every step of
   * an objection the objection (`ObjectionSuccess`). `directResult` puts that
   * one object type in each union instead of a wrapper type per mutation.
   */
  const result = (name: string, what: string) => ({
    types: errors,
    union: { name: `${name}Result`, description: `${what}, or why not (a typed error).` },
    directResult: true as const,
  });

  const RunSuccess = builder.objectRef<{ run: EvaluationRun }>('EvaluationRunSuccess').implement({
    description:
      'A step of an evaluation run succeeded (评价批次操作成功: start, 公示, 定档, 撤回): the run as it now stands.',
    fields: (t) => ({
      run: t.field({ type: Run, description: 'The run after the step (评价批次).', resolve: (x) => x.run }),
    }),
  });
  const ObjectionSuccess = builder.objectRef<ObjectionShape>('ObjectionSuccess').implement({
    description: 'A step of an objection succeeded (异议操作成功: filed or resolved): the objection as it now stands.',
    fields: (t) => ({
      objection: t.field({
        type: ObjectionRef,
        description: 'The objection after the step (异议).',
        resolve: (x) => x,
      }),
    }),
  });

  const StartInput = builder.inputType('StartEvaluationRunInput', {
    description: 'What to evaluate (开始评价): a scheme, a data year, a city.',
    fields: (t) => ({
      schemeId: t.id({ required: true, description: 'A preset or a saved scheme.' }),
      year: t.int({ required: true, description: '数据年度.' }),
      city: t.id({ required: true, description: '6-digit city code.' }),
    }),
  });
  const PublishInput = builder.inputType('PublishEvaluationRunInput', {
    description: 'A draft run to publish (公示) and its notice window.',
    fields: (t) => ({
      runId: t.id({ required: true, description: 'The draft run (评价批次编号).' }),
      noticeFrom: t.field({ type: 'Date', required: true, description: '公示期 first day (北京时间).' }),
      noticeTo: t.field({ type: 'Date', required: true, description: '公示期 last day, inclusive.' }),
    }),
  });
  const FileInput = builder.inputType('FileObjectionInput', {
    description: 'An objection to file (提出异议) during 公示.',
    fields: (t) => ({
      runId: t.id({ required: true, description: 'The run in 公示 (评价批次编号).' }),
      uscc: t.id({ required: true, description: 'The firm objected for (统一社会信用代码).' }),
      category: t.field({ type: Category, required: true, description: 'Its category (异议类别).' }),
      reason: t.string({ required: true, description: 'Why (异议理由); not blank.' }),
    }),
  });
  const CorrectionInput = builder.inputType('ObjectionCorrectionInput', {
    description: "The firm's corrected figures for the run's year, written through the normal write path.",
    fields: (t) => ({
      annualData: t.field({
        type: annualDataInputRef(builder, refs),
        required: true,
        description: 'The corrected annual record (更正后的年度数据) of the objected firm for the run’s year.',
      }),
    }),
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
    description: 'The resolution of an objection (复核).',
    fields: (t) => ({
      objectionId: t.id({ required: true, description: 'The objection (异议编号).' }),
      outcome: t.field({ type: Outcome, required: true, description: 'The outcome (复核结果).' }),
      reason: t.string({ required: true, description: 'Why (复核理由); not blank.' }),
      correction: t.field({ type: CorrectionInput, required: false, description: 'With outcome CORRECTION.' }),
      override: t.field({ type: OverrideInput, required: false, description: 'With outcome OVERRIDE.' }),
    }),
  });
  const RunIdInput = builder.inputType('FinalizeEvaluationRunInput', {
    description: 'A run to finalise (定档).',
    fields: (t) => ({ runId: t.id({ required: true, description: 'The run in 公示 (评价批次编号).' }) }),
  });
  const WithdrawInput = builder.inputType('WithdrawEvaluationRunInput', {
    description: 'A run to withdraw (撤回), with a reason.',
    fields: (t) => ({
      runId: t.id({ required: true, description: 'The draft or published run (评价批次编号).' }),
      reason: t.string({ required: true, description: 'Why (撤回理由); not blank.' }),
    }),
  });

  builder.mutationFields((t) => ({
    startEvaluationRun: t.field({
      type: RunSuccess,
      description: '开始评价: evaluates a city’s data under a scheme into a draft run (city admins).',
      args: { input: t.arg({ type: StartInput, required: true, description: 'The input (输入).' }) },
      errors: result('StartEvaluationRun', 'The draft run started (开始评价)'),
      resolve: async (_root, { input }, ctx) => {
        const region = await authorizeWrite(ctx, 'startEvaluationRun', parseWriteInput('startEvaluationRun', input));
        const step = await startEvaluationRun(
          ctx.repository,
          { regionCode: region.code, schemeId: String(input.schemeId), year: input.year },
          by(ctx),
          stepOptions(ctx),
        );
        return { run: step.run };
      },
    }),
    publishEvaluationRun: t.field({
      type: RunSuccess,
      description: '公示: publishes a draft for its notice window (city admins).',
      args: { input: t.arg({ type: PublishInput, required: true, description: 'The input (输入).' }) },
      errors: result('PublishEvaluationRun', 'The run published (公示)'),
      resolve: async (_root, { input }, ctx) => {
        const runId = canonicalId(String(input.runId), 'input.runId');
        await authorizeWrite(ctx, 'publishEvaluationRun', parseWriteInput('publishEvaluationRun', { ...input, runId }));
        const notice = { from: input.noticeFrom, to: input.noticeTo };
        return { run: (await publishEvaluationRun(ctx.repository, { runId, notice }, by(ctx), stepOptions(ctx))).run };
      },
    }),
    fileObjection: t.field({
      type: ObjectionSuccess,
      description: "提出异议 during 公示: an operator of the firm's town or a city admin.",
      args: { input: t.arg({ type: FileInput, required: true, description: 'The input (输入).' }) },
      errors: result('FileObjection', 'The objection filed (提出异议)'),
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
      type: ObjectionSuccess,
      description:
        '复核 (city admins): CORRECTION writes the corrected figures and re-evaluates the firm’s cohort (the class changes are recorded) in one transaction; OVERRIDE sets a class (提档/降档/定档); DISMISSED keeps all.',
      args: { input: t.arg({ type: ResolveInput, required: true, description: 'The input (输入).' }) },
      errors: result('ResolveObjection', 'The objection resolved (复核)'),
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
      type: RunSuccess,
      description: '定档: after 公示期, with every objection resolved; one final run per scheme, year and city.',
      args: { input: t.arg({ type: RunIdInput, required: true, description: 'The input (输入).' }) },
      errors: result('FinalizeEvaluationRun', 'The run finalised (定档)'),
      resolve: async (_root, { input }, ctx) => {
        const runId = canonicalId(String(input.runId), 'input.runId');
        await authorizeWrite(
          ctx,
          'finalizeEvaluationRun',
          parseWriteInput('finalizeEvaluationRun', { ...input, runId }),
        );
        return { run: (await finalizeEvaluationRun(ctx.repository, { runId }, by(ctx), stepOptions(ctx))).run };
      },
    }),
    withdrawEvaluationRun: t.field({
      type: RunSuccess,
      description: '撤回 a draft or a run in 公示, with a reason (city admins). A final run cannot be withdrawn.',
      args: { input: t.arg({ type: WithdrawInput, required: true, description: 'The input (输入).' }) },
      errors: result('WithdrawEvaluationRun', 'The run withdrawn (撤回)'),
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
        return { run: step.run };
      },
    }),
  }));
}
