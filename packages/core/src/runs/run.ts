import { z } from 'zod';
import type { BenchmarkDerivation } from '../evaluation/benchmark';
import { evaluate } from '../evaluation/evaluate';
import type { IndicatorId, MissingReason } from '../evaluation/indicators';
import type {
  EnterpriseEvaluation,
  EvaluationInput,
  EvaluationReason,
  EvaluationResult,
  EvaluationStatus,
} from '../evaluation/result';
import {
  type EvaluationClass,
  type EvaluationScheme,
  parseEvaluationScheme,
  RANKED_CLASSES,
} from '../evaluation/scheme';
import type { Rational } from '../exact/rational';
import { isoDateField, parseWith } from '../model/fields';
import { dataRevision, schemeVersion } from './canonical';
import { badInput, refused } from './rules';

/**
 * 评价批次 status: `draft` (computed, not public) → `publicNotice` (公示, a
 * window of dates) → `final` (定档, immutable); `withdrawn` (撤回) from draft
 * or notice.
 */
export const RUN_STATUSES = ['draft', 'publicNotice', 'final', 'withdrawn'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** 异议类别: 数据有误 / 用地面积 / 免评申请 / 其他. */
export const OBJECTION_CATEGORIES = ['dataError', 'landArea', 'exemption', 'other'] as const;
export type ObjectionCategory = (typeof OBJECTION_CATEGORIES)[number];

/** 复核结果: upheld with a data correction, upheld with a class override, or dismissed. */
export const OBJECTION_OUTCOMES = ['correction', 'override', 'dismissed'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

/** 提档 / 降档 / 定档. */
export type OverrideKind = 'raise' | 'lower' | 'confirm';

/** Who acts and when (an ISO timestamp): every transition lands in the run's trail with it. */
export interface RunActor {
  readonly actor: string;
  readonly at: string;
}

/** One indicator of one firm as a run stores it (weights and benchmarks are the cohort's). */
export interface RunIndicator {
  readonly indicator: IndicatorId;
  readonly value: Rational | null;
  readonly missing: MissingReason | null;
  readonly partialScore: Rational;
  readonly capped: boolean;
}

/**
 * A firm's stored result in a run: the engine's result (exact), the class
 * it computed, and the class in force (`class`, which an override changes).
 */
export interface RunResult {
  readonly uscc: string;
  readonly name: string;
  readonly townCode: string;
  readonly industry: string;
  readonly unitId: string;
  readonly cohortId: string | null;
  readonly status: EvaluationStatus;
  /** The class the engine gave. */
  readonly computedClass: EvaluationClass | null;
  /** The class in force: the computed one unless an override (提档/降档/定档) set another. */
  readonly class: EvaluationClass | null;
  readonly total: Rational | null;
  readonly rank: number | null;
  readonly rankedCount: number;
  readonly percentile: Rational | null;
  readonly indicators: readonly RunIndicator[];
  readonly reasons: readonly EvaluationReason[];
}

/** A cohort's benchmarks and counts as the run computed them. */
export interface RunCohort {
  readonly id: string;
  readonly name: string;
  readonly enterprises: number;
  readonly ranked: number;
  readonly benchmarks: readonly {
    readonly indicator: IndicatorId;
    readonly derivation: BenchmarkDerivation;
    readonly value: Rational;
  }[];
  readonly boundaries: readonly number[] | null;
}

/** 异议: filed for one firm during the notice window, resolved by the city. */
export interface Objection {
  /** `<runId>.<n>`, n counting from 1 in filing order. */
  readonly id: string;
  readonly runId: string;
  readonly uscc: string;
  readonly townCode: string;
  readonly category: ObjectionCategory;
  readonly reason: string;
  readonly filedBy: string;
  readonly filedAt: string;
  readonly resolution: ObjectionResolution | null;
}

export interface ObjectionResolution {
  readonly outcome: ObjectionOutcome;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
  /** The class set by an override. */
  readonly overrideClass: EvaluationClass | null;
  /** The data revision the correction re-evaluated (upheld with correction). */
  readonly dataRevision: string | null;
}

/** 提档/降档/定档: a class set by the city with a reason. */
export interface ClassOverride {
  readonly seq: number;
  readonly uscc: string;
  readonly from: EvaluationClass | null;
  readonly to: EvaluationClass;
  readonly kind: OverrideKind;
  readonly reason: string;
  readonly objectionId: string | null;
  readonly by: string;
  readonly at: string;
}

/** A class changed by a re-run after a data correction. */
export interface RunClassChange {
  readonly seq: number;
  readonly uscc: string;
  readonly from: EvaluationClass | null;
  readonly to: EvaluationClass | null;
  readonly objectionId: string;
  readonly at: string;
}

export type RunAction = 'start' | 'publish' | 'fileObjection' | 'resolveObjection' | 'finalize' | 'withdraw';

/** One step of a run's own audit trail (actor, time, reason). */
export interface RunTrailEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: RunAction;
  readonly reason: string | null;
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * 评价批次: what a county publishes for a year — the scheme version (hash of
 * its canonical JSON), the data revision evaluated, the status, the notice
 * window, objections, overrides, the class changes re-runs made and the
 * trail. The per-firm results are kept apart (`RunResult`, stored by run),
 * because a city has thousands of firms and a transition touches few.
 */
export interface EvaluationRun {
  readonly id: string;
  readonly regionCode: string;
  readonly year: number;
  readonly schemeId: string;
  /** `sha256:` + hash of the scheme document's canonical JSON. */
  readonly schemeVersion: string;
  /** The scheme document evaluated (JSON, year applied). */
  readonly scheme: unknown;
  /** `sha256:` + hash of the evaluated data (see `dataRevision`); a correction re-run moves it on. */
  readonly dataRevision: string;
  readonly status: RunStatus;
  /** 公示期 (北京时间 calendar days, inclusive), once published. */
  readonly notice: { readonly from: string; readonly to: string } | null;
  /** Bumped by every transition: the store refuses a write based on an older one. */
  readonly revision: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly cohorts: readonly RunCohort[];
  readonly objections: readonly Objection[];
  readonly overrides: readonly ClassOverride[];
  readonly classChanges: readonly RunClassChange[];
  readonly trail: readonly RunTrailEntry[];
}

/** A transition's outcome: the new run and the results it changed (to upsert). */
export interface RunTransition {
  readonly run: EvaluationRun;
  readonly results: readonly RunResult[];
}

/** The run's scheme, parsed. */
export function runScheme(run: Pick<EvaluationRun, 'scheme'>): EvaluationScheme {
  return parseEvaluationScheme(run.scheme);
}

/** The calendar day in 北京时间 (UTC+8) of an ISO timestamp: notice windows are local days. */
export function chinaDate(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw badInput('at', 'run.window', `"${at}" is not a timestamp`);
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export function runResultOf(e: EnterpriseEvaluation): RunResult {
  return {
    uscc: e.uscc,
    name: e.name,
    townCode: e.townCode,
    industry: e.industry,
    unitId: e.unitId,
    cohortId: e.cohortId,
    status: e.status,
    computedClass: e.class,
    class: e.class,
    total: e.total,
    rank: e.rank,
    rankedCount: e.rankedCount,
    percentile: e.percentile,
    indicators: e.indicators.map((i) => ({
      indicator: i.indicator,
      value: i.value,
      missing: i.missing,
      partialScore: i.partialScore,
      capped: i.capped,
    })),
    reasons: e.reasons,
  };
}

function cohortsOf(result: EvaluationResult): RunCohort[] {
  return result.cohorts.map((c) => ({
    id: c.id,
    name: c.name,
    enterprises: c.enterprises,
    ranked: c.ranked,
    benchmarks: c.benchmarks.map((b) => ({ indicator: b.indicator, derivation: b.derivation, value: b.value })),
    boundaries: c.boundaries,
  }));
}

function step(
  run: EvaluationRun,
  by: RunActor,
  action: RunAction,
  reason: string | null,
  detail: RunTrailEntry['detail'],
): Pick<EvaluationRun, 'revision' | 'trail'> {
  return {
    revision: run.revision + 1,
    trail: [...run.trail, { seq: run.trail.length + 1, at: by.at, actor: by.actor, action, reason, detail }],
  };
}

/** Refuses any change to a final or withdrawn run. */
function mutable(run: EvaluationRun, action: string): void {
  if (run.status === 'final') throw refused(action, run.status, 'run.final');
  if (run.status === 'withdrawn') throw refused(action, run.status, 'run.withdrawn');
}

function requireReason(reason: unknown, field: string): string {
  if (typeof reason !== 'string' || reason.trim() === '') throw badInput(field, 'reason.required');
  return reason.trim();
}

/** What `startRun` needs. */
export interface StartRunParams {
  readonly id: string;
  readonly regionCode: string;
  /** The scheme document to evaluate, with the run's year applied. */
  readonly scheme: unknown;
  readonly input: EvaluationInput;
  readonly by: RunActor;
}

/**
 * 开始评价: evaluates the input under the scheme and makes a draft run that
 * records the scheme version and the data revision it was computed from.
 */
export function startRun(params: StartRunParams): RunTransition {
  const scheme = parseEvaluationScheme(params.scheme);
  const document = JSON.parse(JSON.stringify(params.scheme)) as unknown;
  const result = evaluate(scheme, params.input);
  const run: EvaluationRun = {
    id: params.id,
    regionCode: params.regionCode,
    year: scheme.year,
    schemeId: scheme.id,
    schemeVersion: schemeVersion(document),
    scheme: document,
    dataRevision: dataRevision(params.input, scheme.year),
    status: 'draft',
    notice: null,
    revision: 1,
    createdAt: params.by.at,
    createdBy: params.by.actor,
    cohorts: cohortsOf(result),
    objections: [],
    overrides: [],
    classChanges: [],
    trail: [
      {
        seq: 1,
        at: params.by.at,
        actor: params.by.actor,
        action: 'start',
        reason: null,
        detail: { enterprises: result.enterprises.length },
      },
    ],
  };
  return { run, results: result.enterprises.map(runResultOf) };
}

const noticeSchema = z.strictObject({ from: isoDateField, to: isoDateField });

/** Calendar days from `from` to `to` (ISO dates). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * 公示: publishes a draft for the window `from`–`to` (inclusive calendar days,
 * 北京时间). The window starts no earlier than the day of publishing (`by.at`),
 * ends after it, and holds at least the scheme's `noticeMinDays` (default 5).
 */
export function publishRun(run: EvaluationRun, notice: { from: string; to: string }, by: RunActor): EvaluationRun {
  mutable(run, 'publish');
  if (run.status !== 'draft') throw refused('publish', run.status, 'run.notDraft');
  const window = parseWith(noticeSchema, notice, 'notice');
  if (window.to < window.from) throw badInput('notice.to', 'run.notice.order', `${window.to} < ${window.from}`);
  const today = chinaDate(by.at);
  if (window.from < today) throw badInput('notice.from', 'run.notice.start', `${window.from} < ${today}`);
  if (window.to <= today) throw badInput('notice.to', 'run.notice.end', `${window.to} ≤ ${today}`);
  const minDays = runScheme(run).noticeMinDays;
  const days = daysBetween(window.from, window.to) + 1;
  if (days < minDays) {
    throw badInput(
      'notice.to',
      'run.notice.length',
      `${window.from}–${window.to} is ${days} days, at least ${minDays}`,
    );
  }
  return {
    ...run,
    ...step(run, by, 'publish', null, { from: window.from, to: window.to }),
    status: 'publicNotice',
    notice: window,
  };
}

const objectionSchema = z.strictObject({
  uscc: z.string(),
  category: z.enum(OBJECTION_CATEGORIES),
  reason: z.string(),
});

/**
 * 提出异议: files an objection for a firm of the run, only while the run is
 * in notice and today (北京时间) lies inside the window. `firm` is the firm's
 * stored result (undefined when the firm is not in the run).
 */
export function fileObjection(
  run: EvaluationRun,
  firm: RunResult | undefined,
  input: { uscc: string; category: string; reason: string },
  by: RunActor,
): EvaluationRun {
  mutable(run, 'fileObjection');
  if (run.status !== 'publicNotice' || !run.notice) throw refused('fileObjection', run.status, 'run.notInNotice');
  const today = chinaDate(by.at);
  if (today < run.notice.from || today > run.notice.to) {
    throw refused('fileObjection', run.status, 'run.window', `${today} is outside ${run.notice.from}–${run.notice.to}`);
  }
  const parsed = parseWith(objectionSchema, input, 'input');
  const reason = requireReason(parsed.reason, 'input.reason');
  if (!firm || firm.uscc !== parsed.uscc) throw badInput('input.uscc', 'run.reference.firm', parsed.uscc);
  const objection: Objection = {
    id: `${run.id}.${run.objections.length + 1}`,
    runId: run.id,
    uscc: firm.uscc,
    townCode: firm.townCode,
    category: parsed.category,
    reason,
    filedBy: by.actor,
    filedAt: by.at,
    resolution: null,
  };
  return {
    ...run,
    ...step(run, by, 'fileObjection', reason, {
      objectionId: objection.id,
      uscc: objection.uscc,
      category: objection.category,
    }),
    objections: [...run.objections, objection],
  };
}

const CLASS_ORDER: readonly string[] = RANKED_CLASSES;

/** 提档 when `to` is a better ranked class than `from`, 降档 when worse, else 定档. */
export function overrideKind(from: EvaluationClass | null, to: EvaluationClass): OverrideKind {
  const a = from === null ? -1 : CLASS_ORDER.indexOf(from);
  const b = CLASS_ORDER.indexOf(to);
  if (a < 0 || b < 0 || a === b) return 'confirm';
  return b < a ? 'raise' : 'lower';
}

/** The re-evaluation a correction brings: the engine's result on the corrected data. */
export interface Correction {
  readonly evaluation: EvaluationResult;
  /** `dataRevision` of the corrected input. */
  readonly dataRevision: string;
  /** The run's current results of every firm (or at least those of the affected cohorts). */
  readonly current: ReadonlyMap<string, RunResult>;
}

const OVERRIDE_CLASSES: readonly string[] = [...RANKED_CLASSES, 'T'];

const resolutionSchema = z.strictObject({
  objectionId: z.string(),
  outcome: z.enum(OBJECTION_OUTCOMES),
  reason: z.string(),
  overrideClass: z.string().optional(),
});

/** A resolution request's checks; see `resolveObjection`. */
function resolutionOf(
  run: EvaluationRun,
  input: { objectionId: string; outcome: string; reason: string; overrideClass?: string | null },
) {
  mutable(run, 'resolveObjection');
  if (run.status !== 'publicNotice') throw refused('resolveObjection', run.status, 'run.notInNotice');
  const parsed = parseWith(
    resolutionSchema,
    {
      objectionId: input.objectionId,
      outcome: input.outcome,
      reason: input.reason,
      ...(input.overrideClass == null ? {} : { overrideClass: input.overrideClass }),
    },
    'input',
  );
  const reason = requireReason(parsed.reason, 'input.reason');
  const index = run.objections.findIndex((o) => o.id === parsed.objectionId);
  const found = run.objections[index];
  if (!found) throw badInput('input.objectionId', 'run.reference.objection', parsed.objectionId);
  if (found.resolution) throw badInput('input.objectionId', 'objection.resolved', found.id);
  if (parsed.outcome === 'override' && parsed.overrideClass === undefined) {
    throw badInput('input.override', 'override.needed');
  }
  if (parsed.overrideClass !== undefined && !OVERRIDE_CLASSES.includes(parsed.overrideClass)) {
    throw badInput('input.override.class', 'override.class', `"${parsed.overrideClass}"`);
  }
  return { parsed, reason, index, objection: found };
}

/**
 * Checks a resolution before anything is written (a correction writes data
 * first): the run is in notice, the objection exists and is open, the
 * outcome, reason and override class are valid. @returns the objection
 * @throws InvalidTransitionError or ValidationError, as `resolveObjection` would
 */
export function checkResolution(
  run: EvaluationRun,
  input: { objectionId: string; outcome: string; reason: string; overrideClass?: string | null },
): Objection {
  return resolutionOf(run, input).objection;
}

/**
 * 复核: resolves an open objection while the run is in notice (the window may
 * have closed: resolving takes as long as it takes, finalising waits for it).
 * - `dismissed`: nothing changes but the objection and the trail.
 * - `override`: the firm's class in force becomes `overrideClass` (提档/降档/定档), with the reason.
 * - `correction`: the data was corrected through the normal write path and re-evaluated
 *   (`correction`); the results of the firm's cohort (old and new) are replaced by the
 *   re-evaluation's, every class that moved is recorded, overrides stay in force.
 * `using.firm` is the objected firm's current result (for an override).
 */
export function resolveObjection(
  run: EvaluationRun,
  input: { objectionId: string; outcome: string; reason: string; overrideClass?: string | null },
  by: RunActor,
  using: { readonly firm?: RunResult | undefined; readonly correction?: Correction | undefined } = {},
): RunTransition {
  const { correction } = using;
  const { parsed, reason, index, objection } = resolutionOf(run, input);
  if (parsed.outcome === 'correction' && !correction) throw badInput('input.correction', 'correction.needed');

  const resolution: ObjectionResolution = {
    outcome: parsed.outcome,
    reason,
    by: by.actor,
    at: by.at,
    overrideClass:
      parsed.outcome === 'override' ? ((parsed.overrideClass as EvaluationClass | undefined) ?? null) : null,
    dataRevision: parsed.outcome === 'correction' ? (correction?.dataRevision ?? null) : null,
  };
  const objections = run.objections.map((o, i) => (i === index ? { ...o, resolution } : o));
  const detail = { objectionId: objection.id, uscc: objection.uscc, outcome: parsed.outcome };

  if (parsed.outcome === 'dismissed') {
    return { run: { ...run, ...step(run, by, 'resolveObjection', reason, detail), objections }, results: [] };
  }

  if (parsed.outcome === 'override') {
    const to = parsed.overrideClass as EvaluationClass;
    const firm = using.firm ?? correction?.current.get(objection.uscc);
    if (firm && firm.uscc !== objection.uscc) throw badInput('input.objectionId', 'run.reference.firm', firm.uscc);
    if (!firm) throw badInput('input.objectionId', 'run.reference.firm', objection.uscc);
    const override: ClassOverride = {
      seq: run.overrides.length + 1,
      uscc: firm.uscc,
      from: firm.class,
      to,
      kind: overrideKind(firm.class, to),
      reason,
      objectionId: objection.id,
      by: by.actor,
      at: by.at,
    };
    return {
      run: {
        ...run,
        ...step(run, by, 'resolveObjection', reason, { ...detail, from: firm.class, to, kind: override.kind }),
        objections,
        overrides: [...run.overrides, override],
      },
      results: [{ ...firm, class: to }],
    };
  }

  // Upheld with a correction: replace the affected cohorts' results by the re-evaluation's.
  const c = correction as Correction;
  if (c.evaluation.schemeId !== run.schemeId || c.evaluation.year !== run.year) {
    throw badInput('input.correction', 'correction.scheme', `${c.evaluation.schemeId} ${c.evaluation.year}`);
  }
  const fresh = new Map(c.evaluation.enterprises.map((e) => [e.uscc, e]));
  const after = fresh.get(objection.uscc);
  if (!after) throw badInput('input.correction', 'correction.firm', objection.uscc);
  const before = c.current.get(objection.uscc);
  const affected = new Set([before?.cohortId ?? null, after.cohortId].filter((x): x is string => x !== null));
  const overridden = new Map(run.overrides.map((o) => [o.uscc, o.to]));
  const results: RunResult[] = [];
  const changes: RunClassChange[] = [];
  for (const e of c.evaluation.enterprises) {
    const old = c.current.get(e.uscc);
    const touched =
      e.uscc === objection.uscc ||
      (e.cohortId !== null && affected.has(e.cohortId)) ||
      (old?.cohortId != null && affected.has(old.cohortId));
    if (!touched) continue;
    const base = runResultOf(e);
    const next: RunResult = { ...base, class: overridden.get(e.uscc) ?? base.computedClass };
    results.push(next);
    const from = old?.class ?? null;
    if (from !== next.class) {
      changes.push({
        seq: run.classChanges.length + changes.length + 1,
        uscc: e.uscc,
        from,
        to: next.class,
        objectionId: objection.id,
        at: by.at,
      });
    }
  }
  const freshCohorts = new Map(cohortsOf(c.evaluation).map((x) => [x.id, x]));
  const cohorts = run.cohorts.map((x) => (affected.has(x.id) ? (freshCohorts.get(x.id) ?? x) : x));
  return {
    run: {
      ...run,
      ...step(run, by, 'resolveObjection', reason, {
        ...detail,
        fromRevision: run.dataRevision,
        toRevision: c.dataRevision,
        replaced: results.length,
        classChanges: changes.length,
      }),
      objections,
      cohorts,
      dataRevision: c.dataRevision,
      classChanges: [...run.classChanges, ...changes],
    },
    results,
  };
}

/** The identity of a run that the one-final rule compares. */
export type RunKey = Pick<EvaluationRun, 'id' | 'status' | 'schemeId' | 'year' | 'regionCode'>;

/**
 * 定档: makes a run in notice final once its window has closed (today, 北京时间,
 * is after its last day) and every objection is resolved, unless another run
 * of the same scheme, year and region is already final.
 */
export function finalizeRun(run: EvaluationRun, others: readonly RunKey[], by: RunActor): EvaluationRun {
  mutable(run, 'finalize');
  if (run.status !== 'publicNotice' || !run.notice) throw refused('finalize', run.status, 'run.notInNotice');
  const today = chinaDate(by.at);
  if (today <= run.notice.to) throw refused('finalize', run.status, 'run.windowOpen', `it ends ${run.notice.to}`);
  const open = run.objections.filter((o) => !o.resolution);
  if (open.length > 0) {
    throw refused('finalize', run.status, 'run.openObjections', open.map((o) => o.id).join(', '));
  }
  const final = others.find(
    (o) =>
      o.id !== run.id &&
      o.status === 'final' &&
      o.schemeId === run.schemeId &&
      o.year === run.year &&
      o.regionCode === run.regionCode,
  );
  if (final) throw refused('finalize', run.status, 'run.oneFinal', `run ${final.id} is final`);
  return { ...run, ...step(run, by, 'finalize', null, { objections: run.objections.length }), status: 'final' };
}

/** 撤回: withdraws a draft or a run in notice, with a reason. A final run cannot be withdrawn. */
export function withdrawRun(run: EvaluationRun, reason: string, by: RunActor): EvaluationRun {
  mutable(run, 'withdraw');
  const why = requireReason(reason, 'input.reason');
  return { ...run, ...step(run, by, 'withdraw', why, {}), status: 'withdrawn' };
}
