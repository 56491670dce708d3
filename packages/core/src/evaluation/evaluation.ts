import { formatScaled, pow10, Rational } from '../exact/rational';
import { divideRounded, divideRoundedSafe } from '../exact/rounding';
import { EVALUATION_REASON_LABELS as R, EVALUATION_REASON_TEMPLATES as T } from '../labels';
import type { Enterprise } from '../model/enterprise';
import { percentileOfRank } from './classify';
import { CELL_CAPPED, CELL_FLOORED, type CohortScores } from './engine';
import { INDICATORS } from './indicators';
import type {
  AppliedAdjustment,
  CohortEvaluation,
  EnterpriseEvaluation,
  EvaluationReason,
  EvaluationResult,
  EvaluationStatus,
  IndicatorResult,
} from './result';
import type { Cohort, EvaluationClass, EvaluationScheme } from './scheme';

/**
 * 评价单元 in columns (CSR): unit u holds firms `member[start[u] .. start[u+1])`
 * (input indices, by USCC); its data is column row `row[u]` (-1 when no member has
 * data). Only units of several firms keep objects (their summed row, left-out firms).
 */
export interface UnitColumns {
  readonly count: number;
  readonly start: Int32Array;
  readonly member: Int32Array;
  readonly row: Int32Array;
  /** 0 no data, 1 规上, 2 规下. */
  readonly scale: Uint8Array;
  /** 1 when every member is a tenant. */
  readonly tenant: Uint8Array;
  /** 1 when a member is vetoed. */
  readonly vetoed: Uint8Array;
  /** leftOut of the units of several firms, by unit. */
  readonly leftOut: ReadonlyMap<number, readonly string[]>;
}

export const STATUS: readonly EvaluationStatus[] = [
  'rated',
  'exempt',
  'vetoed',
  'excluded',
  'landlordClass',
  'notEvaluated',
];
export const CLASS_CODES: readonly EvaluationClass[] = ['A', 'B', 'C', 'D', 'T'];

const NO_REASONS: readonly EvaluationReason[] = [];
const NO_DATA: readonly EvaluationReason[] = Object.freeze([{ code: 'noData', message: R.noData }]);
const NO_COHORT: readonly EvaluationReason[] = Object.freeze([{ code: 'noCohort', message: R.noCohort }]);
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** A 评价单元 as an explanation shows it (built on demand from the unit columns). */
export interface Unit {
  readonly id: string;
  readonly members: readonly Enterprise[];
  readonly vetoes: readonly EvaluationReason[];
  /** Firms on the unit's parcels that are not in it (exempt, following a landlord, without data). */
  readonly leftOut: readonly string[];
}

export const NO_IDS: readonly string[] = [];

export interface EvaluationState {
  readonly scheme: EvaluationScheme;
  readonly firms: readonly Enterprise[];
  readonly status: Uint8Array;
  readonly classCode: Int8Array;
  readonly cohortOfFirm: Int16Array;
  readonly unitOfFirm: Int32Array;
  readonly memberOfUnit: Int32Array;
  readonly units: UnitColumns;
  /** 一票否决 reasons by input index. */
  readonly vetoesOf: ReadonlyMap<number, readonly EvaluationReason[]>;
  readonly scores: readonly CohortScores[];
  readonly reasonsOf: ReadonlyMap<number, EvaluationReason[]>;
  /** 1 no data, 2 no cohort (shared reasons), by input index. */
  readonly basicReason: Uint8Array;
  /** 加减分 by unit index. */
  readonly adjustmentsOf: ReadonlyMap<number, AppliedAdjustment[]>;
  readonly cohorts: readonly CohortEvaluation[];
}

/**
 * The result of `evaluate`: classes and statuses in columns, one
 * `EnterpriseEvaluation` (values, benchmarks, partial scores, total, rank,
 * percentile, class, reasons) built when a firm is read — by index
 * (`enterprise(i)`), by USCC (`explain`), a page, or all of them through
 * `enterprises` (built once, on first use).
 */
export class Evaluation implements EvaluationResult {
  readonly schemeId: string;
  readonly year: number;
  readonly cohorts: readonly CohortEvaluation[];
  readonly #s: EvaluationState;
  #all: readonly EnterpriseEvaluation[] | undefined;
  #byUscc: Map<string, number> | undefined;

  constructor(state: EvaluationState) {
    this.#s = state;
    this.schemeId = state.scheme.id;
    this.year = state.scheme.year;
    this.cohorts = state.cohorts;
  }

  /** Number of input enterprises (one result each, in input order). */
  get size(): number {
    return this.#s.firms.length;
  }

  /** One result per input enterprise, in input order (built on first use). */
  get enterprises(): readonly EnterpriseEvaluation[] {
    this.#all ??= Array.from({ length: this.size }, (_, i) => this.enterprise(i));
    return this.#all;
  }

  /** Results `offset` .. `offset + limit − 1` in input order. */
  page(offset: number, limit: number): EnterpriseEvaluation[] {
    const end = Math.min(this.size, offset + limit);
    const out: EnterpriseEvaluation[] = [];
    for (let i = Math.max(0, offset); i < end; i++) out.push(this.enterprise(i));
    return out;
  }

  /** The explained result of the enterprise with this USCC, or undefined when it was not in the input. */
  explain(uscc: string): EnterpriseEvaluation | undefined {
    this.#byUscc ??= new Map(this.#s.firms.map((e, i) => [e.uscc, i]));
    const i = this.#byUscc.get(uscc);
    return i === undefined ? undefined : this.enterprise(i);
  }

  /** Class of input enterprise `i` without building its explanation. */
  classOf(i: number): EvaluationClass | null {
    const c = this.#s.classCode[i] as number;
    return c < 0 ? null : (CLASS_CODES[c] as EvaluationClass);
  }

  /** Status of input enterprise `i`. */
  statusOf(i: number): EvaluationStatus {
    return STATUS[this.#s.status[i] as number] as EvaluationStatus;
  }

  /** Cohort id of input enterprise `i`, or null. */
  cohortOf(i: number): string | null {
    const c = this.#s.cohortOfFirm[i] as number;
    return c < 0 ? null : (this.#s.scheme.cohorts[c]?.id ?? null);
  }

  /** 名次 of input enterprise `i` in its cohort (as `enterprise(i).rank`), read from the columns; null when not ranked. */
  rankOf(i: number): number | null {
    const st = this.#s;
    const status = st.status[i] as number;
    const ui = st.unitOfFirm[i] as number;
    const c = st.cohortOfFirm[i] as number;
    if ((status !== 0 && status !== 2 && status !== 3) || ui < 0 || c < 0) return null;
    const s = st.scores[c] as CohortScores;
    const j = st.memberOfUnit[ui] as number;
    if (s.excluded[j] === 1) return null;
    const rank = s.rank[j] as number;
    return rank > 0 ? rank : null;
  }

  /**
   * 综合得分 of input enterprise `i` as reported (`report.totals` places), read from the
   * columns when the engine keeps totals as scaled integers; null when it has no total.
   */
  totalReportedOf(i: number): string | null {
    const st = this.#s;
    const status = st.status[i] as number;
    const ui = st.unitOfFirm[i] as number;
    const c = st.cohortOfFirm[i] as number;
    if ((status !== 0 && status !== 2) || ui < 0 || c < 0) return null;
    const s = st.scores[c] as CohortScores;
    const j = st.memberOfUnit[ui] as number;
    const t = s.totalScaled(j);
    const S = s.totalScale;
    const { mode, report } = st.scheme.rounding;
    if (S === null || Number.isNaN(t)) return this.enterprise(i).totalReported;
    const R = report.totals;
    if (R >= S) return formatScaled(BigInt(t) * pow10(R - S), R);
    const q = divideRoundedSafe(t, 10 ** (S - R), mode);
    return formatScaled(Number.isNaN(q) ? divideRounded(BigInt(t), pow10(S - R), mode) : BigInt(q), R);
  }

  /** The enterprise record of input row `i`. */
  firm(i: number): Enterprise {
    return this.#s.firms[i] as Enterprise;
  }

  /**
   * How many decisions (roundings, caps, thresholds, comparisons of totals) the
   * engine could not settle from its error-bounded approximation and computed
   * exactly instead.
   */
  get fallbacks(): number {
    return this.#s.scores.reduce((n, s) => n + s.fallbacks, 0);
  }

  /** Unit `ui` as an explanation shows it, from the unit columns. */
  #unit(ui: number): Unit {
    const { units, firms, vetoesOf } = this.#s;
    const members: Enterprise[] = [];
    let vetoes: readonly EvaluationReason[] = NO_REASONS;
    for (let p = units.start[ui] as number; p < (units.start[ui + 1] as number); p++) {
      const i = units.member[p] as number;
      members.push(firms[i] as Enterprise);
      const v = vetoesOf.get(i);
      if (v) vetoes = vetoes.length === 0 ? v : [...vetoes, ...v];
    }
    return { id: (members[0] as Enterprise).uscc, members, vetoes, leftOut: units.leftOut.get(ui) ?? NO_IDS };
  }

  /** The explained result of input enterprise `i`. */
  enterprise(i: number): EnterpriseEvaluation {
    const st = this.#s;
    const e = st.firms[i] as Enterprise;
    const status = STATUS[st.status[i] as number] as EvaluationStatus;
    const cohortId = this.cohortOf(i);
    const cls = this.classOf(i);
    const ui = st.unitOfFirm[i] as number;
    const own =
      st.reasonsOf.get(i) ?? (st.basicReason[i] === 1 ? NO_DATA : st.basicReason[i] === 2 ? NO_COHORT : NO_REASONS);
    if (ui < 0 || cohortId === null || (status !== 'rated' && status !== 'vetoed' && status !== 'excluded')) {
      return { ...empty(e), cohortId, status, class: cls, reasons: own };
    }
    const u = this.#unit(ui);
    const c = st.cohortOfFirm[i] as number;
    const cohort = st.scheme.cohorts[c] as Cohort;
    const s = st.scores[c] as CohortScores;
    const j = st.memberOfUnit[ui] as number;
    const { mode, report } = st.scheme.rounding;
    const reasons: EvaluationReason[] = [...u.vetoes];
    for (const [k, spec] of cohort.indicators.entries()) {
      if (!s.usable[k])
        reasons.push({
          code: `zeroBenchmark.${spec.indicator}`,
          message: `${INDICATORS[spec.indicator].label}${R.zeroBenchmark}`,
        });
    }
    if (u.members.length > 1) {
      reasons.push({
        code: 'sharedParcel',
        message: fill(T.detail, { text: R.sharedParcel, detail: u.members.map((m) => m.uscc).join(T.listSeparator) }),
      });
    }
    if (u.leftOut.length > 0) {
      reasons.push({
        code: 'sharedParcelPartial',
        message: fill(T.detail, { text: R.sharedParcelPartial, detail: u.leftOut.join(T.listSeparator) }),
      });
    }
    const indicators: IndicatorResult[] = cohort.indicators.map((spec, k) => {
      const v = s.value(j, k);
      const p = s.partial(j, k) ?? Rational.ZERO;
      const b = this.cohorts[c]?.benchmarks[k]?.value ?? Rational.ONE;
      const capped = (s.flags(j, k) & CELL_CAPPED) !== 0;
      const floored = (s.flags(j, k) & CELL_FLOORED) !== 0;
      const missing = s.missing(j, k);
      if (missing) {
        reasons.push({
          code: `missing.${spec.indicator}`,
          message: fill(T.detail, { text: `${INDICATORS[spec.indicator].label}${R.missing}`, detail: spec.missing }),
        });
      }
      if (capped)
        reasons.push({ code: `capped.${spec.indicator}`, message: `${INDICATORS[spec.indicator].label}${R.capped}` });
      if (floored)
        reasons.push({ code: `floored.${spec.indicator}`, message: `${INDICATORS[spec.indicator].label}${R.floored}` });
      return {
        indicator: spec.indicator,
        label: INDICATORS[spec.indicator].label,
        unit: INDICATORS[spec.indicator].unitLabel,
        weight: spec.weight,
        value: v,
        missing,
        missingPolicy: spec.missing,
        benchmark: b,
        partialScore: p,
        capped,
        floored,
        reported: {
          value: v === null ? null : v.toFixed({ places: report.values, rounding: mode }),
          benchmark: b.toFixed({ places: report.benchmarks, rounding: mode }),
          partialScore: p.toFixed({ places: report.partialScores, rounding: mode }),
        },
      };
    });
    const base = {
      uscc: e.uscc,
      name: e.name,
      townCode: e.townCode,
      industry: e.industry.code,
      unitId: u.id,
      unitMembers: u.members.map((m) => m.uscc),
      cohortId,
      status,
      class: cls,
      indicators,
    };
    if (s.excluded[j] === 1) {
      reasons.push({ code: 'excluded', message: R.excluded });
      return {
        ...base,
        total: null,
        totalReported: null,
        rank: null,
        rankedCount: 0,
        percentile: null,
        percentileReported: null,
        reasons,
      };
    }
    const adjustments = st.adjustmentsOf.get(ui) ?? [];
    for (const a of adjustments)
      reasons.push({
        code: `adjustment.${a.id}`,
        message: fill(T.detail, { text: fill(T.rule, { kind: R.adjustment, rule: a.label }), detail: a.reported }),
      });
    const total = s.total(j) as Rational;
    const rank = s.rank[j] as number;
    const ranked = rank > 0;
    if (ranked) {
      if (s.tie[j] === 1) reasons.push({ code: 'tie', message: R.tie });
      if (cohort.classification.by === 'percentile')
        reasons.push({ code: 'band', message: fill(T.rank, { text: R.band, rank, count: s.ranked }) });
      else reasons.push({ code: 'threshold', message: R.threshold });
    }
    const percentile = ranked ? percentileOfRank(rank, s.ranked) : null;
    return {
      ...base,
      total,
      totalReported: total.toFixed({ places: report.totals, rounding: mode }),
      rank: ranked ? rank : null,
      rankedCount: ranked ? s.ranked : 0,
      percentile,
      percentileReported:
        percentile === null ? null : percentile.toFixed({ places: report.percentiles, rounding: mode }),
      ...(adjustments.length > 0 ? { adjustments } : {}),
      reasons,
    };
  }
}

function empty(e: Enterprise) {
  return {
    uscc: e.uscc,
    name: e.name,
    townCode: e.townCode,
    industry: e.industry.code,
    unitId: e.uscc,
    unitMembers: [e.uscc],
    indicators: [],
    total: null,
    totalReported: null,
    rank: null,
    rankedCount: 0,
    percentile: null,
    percentileReported: null,
  };
}
