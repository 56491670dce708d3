/*
 * The test oracle: the Rational-per-firm implementation `evaluate` had before the columnar
 * engine, kept verbatim in spirit (every number a Rational, every step as the scheme says) so
 * property tests can hold the engine to it. Not shipped; never imported by src/.
 */
import { invalid, MujunError } from '../../src/errors';
import {
  ANNUAL_DATA_FIELD_KIND,
  type AnnualDataField,
  INDICATORS,
  type IndicatorId,
  indicatorParts,
  type MissingReason,
} from '../../src/evaluation/indicators';
import type {
  Cohort,
  EvaluationClass,
  EvaluationFact,
  EvaluationScheme,
  MissingPolicy,
  RankedClass,
  SelectionRule,
} from '../../src/evaluation/scheme';
import { Rational } from '../../src/exact/rational';
import { isUtility } from '../../src/ids/industry';
import {
  ENTERPRISE_FLAG_LABELS,
  EVALUATION_FACT_LABELS,
  EVALUATION_REASON_LABELS as R,
  EVALUATION_REASON_TEMPLATES as T,
} from '../../src/labels';
import type { EnterpriseAnnualData, Scale } from '../../src/model/annual-data';
import type { Enterprise } from '../../src/model/enterprise';
import type { LandParcel } from '../../src/model/land-parcel';
import { Quantity } from '../../src/quantity/quantity';
import type { Kind } from '../../src/quantity/units';
import {
  type BenchmarkDerivation,
  type IndicatorSample,
  ratioOfSums,
  resolveBenchmark,
  roundRational,
} from './benchmark';
import { bandOfRank, classByThreshold, oracleBoundaries, percentileOfRank, rankByTotal } from './classify';

/** 承租关系: `tenant` rents from `landlord` (both USCCs). */
export interface Tenancy {
  readonly tenant: string;
  readonly landlord: string;
}

/**
 * What `evaluate` reads. Annual data of other years is ignored; parcels give
 * 供地日期 and shared-parcel areas; tenancies name tenants (承租企业);
 * facts carry what exemption and veto rules need beyond the records
 * (政策性搬迁, 重大安全生产事故, ...), keyed by USCC.
 */
export interface EvaluationInput {
  readonly enterprises: readonly Enterprise[];
  readonly annualData: readonly EnterpriseAnnualData[];
  readonly parcels?: readonly LandParcel[];
  readonly tenancies?: readonly Tenancy[];
  readonly facts?: Readonly<Record<string, readonly EvaluationFact[]>>;
}

/** A reason on a result: a machine code and a sentence for people. */
export interface EvaluationReason {
  readonly code: string;
  readonly message: string;
}

/** Outcome kinds: see `EVALUATION_STATUS_LABELS`. */
export type EvaluationStatus = 'rated' | 'exempt' | 'vetoed' | 'excluded' | 'landlordClass' | 'notEvaluated';

/** One indicator of one firm: value, 基准值, 权重, 单项得分, exact and as reported. */
export interface IndicatorResult {
  readonly indicator: IndicatorId;
  readonly label: string;
  readonly unit: string;
  readonly weight: Rational;
  /** The value used (rounded if the scheme rounds values); null when missing. */
  readonly value: Rational | null;
  readonly missing: MissingReason | null;
  readonly missingPolicy: MissingPolicy;
  readonly benchmark: Rational;
  readonly partialScore: Rational;
  readonly capped: boolean;
  readonly floored?: boolean;
  readonly reported: { readonly value: string | null; readonly benchmark: string; readonly partialScore: string };
}

/** The explained result of one enterprise. */
export interface EnterpriseEvaluation {
  readonly uscc: string;
  readonly name: string;
  readonly townCode: string;
  /** GB/T 4754 code, e.g. `1751`. */
  readonly industry: string;
  /** 评价单元: the lowest USCC of the firms evaluated together (the firm itself when alone). */
  readonly unitId: string;
  readonly unitMembers: readonly string[];
  readonly cohortId: string | null;
  readonly status: EvaluationStatus;
  /** A/B/C/D, T for 免评, null when not evaluated or excluded. */
  readonly class: EvaluationClass | null;
  readonly indicators: readonly IndicatorResult[];
  /** 综合得分, exact (rounded only if the scheme rounds totals). */
  readonly total: Rational | null;
  readonly totalReported: string | null;
  /** 名次 in the cohort's ranking (ties share a rank), null when not ranked. */
  readonly rank: number | null;
  /** Units ranked in the cohort. */
  readonly rankedCount: number;
  /** rank / rankedCount × 100. */
  readonly percentile: Rational | null;
  readonly percentileReported: string | null;
  readonly adjustments?: readonly OracleAdjustment[];
  readonly reasons: readonly EvaluationReason[];
}

/** Per-cohort facts of an evaluation. */
export interface CohortEvaluation {
  readonly id: string;
  readonly name: string;
  /** Enterprises placed in the cohort (any status). */
  readonly enterprises: number;
  /** Units ranked (rated, not vetoed). */
  readonly ranked: number;
  readonly benchmarks: readonly {
    readonly indicator: IndicatorId;
    readonly derivation: BenchmarkDerivation;
    readonly value: Rational;
    readonly reported: string;
  }[];
  /** 平均值 as ratio of sums over the cohort's scored units (null when no denominator). */
  readonly averages: readonly { readonly indicator: IndicatorId; readonly value: Rational | null }[];
  /** Percentile band boundaries (cumulative positions), when classed by percentile. */
  readonly boundaries: readonly number[] | null;
}

export interface EvaluationResult {
  readonly schemeId: string;
  readonly year: number;
  /** One result per input enterprise, in input order. */
  readonly enterprises: readonly EnterpriseEvaluation[];
  readonly cohorts: readonly CohortEvaluation[];
}

const ALL_FIELDS = Object.keys(ANNUAL_DATA_FIELD_KIND) as AnnualDataField[];

interface Unit {
  readonly id: string;
  readonly members: readonly Enterprise[];
  readonly data: Partial<EnterpriseAnnualData> | undefined;
  readonly scale: Scale | undefined;
  readonly tenant: boolean;
  readonly vetoes: readonly EvaluationReason[];
  /** Firms on the unit's parcels that are not in it (exempt, following a landlord, without data). */
  readonly leftOut: readonly string[];
}

interface Scored {
  readonly unit: Unit;
  readonly cohortId: string;
  status: EvaluationStatus;
  cls: EvaluationClass | null;
  indicators: IndicatorResult[];
  total: Rational | null;
  rank: number | null;
  rankedCount: number;
  percentile: Rational | null;
  adjustments?: OracleAdjustment[];
  reasons: EvaluationReason[];
}

interface OracleAdjustment {
  readonly id: string;
  readonly label: string;
  readonly points: Rational;
  readonly reported: string;
}

interface OracleContext {
  readonly tenantsOf: ReadonlyMap<string, number>;
  readonly facts: EvaluationInput['facts'];
  readonly exemptIn: ReadonlyMap<string, number>;
}

/** 加减分 of one firm in a cohort, straight from the scheme's words. */
function oracleAdjustments(scheme: EvaluationScheme, cohortId: string, e: Enterprise, ctx: OracleContext) {
  const out: OracleAdjustment[] = [];
  for (const a of scheme.adjustments) {
    if (a.cohorts !== undefined && !a.cohorts.includes(cohortId)) continue;
    let n = 0n;
    if ('tenants' in a.basis) {
      const t = ctx.tenantsOf.get(e.uscc) ?? 0;
      n = t > a.basis.tenants.beyond ? BigInt(t - a.basis.tenants.beyond) : 0n;
    } else if ('fact' in a.basis) n = (ctx.facts?.[e.uscc] ?? []).includes(a.basis.fact) ? 1n : 0n;
    else n = e.flags.includes(a.basis.flag) ? 1n : 0n;
    if (n === 0n) continue;
    let points = a.points.times(Rational.of(n));
    if (a.cap !== undefined) {
      if (points.compare(a.cap) > 0) points = a.cap;
      if (points.compare(a.cap.negated()) < 0) points = a.cap.negated();
    }
    out.push({
      id: a.id,
      label: a.label,
      points,
      reported: points.toFixed({ places: scheme.rounding.report.totals, rounding: scheme.rounding.mode }),
    });
  }
  return out;
}

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

/** Fills the `{name}` placeholders of a reason template from `EVALUATION_REASON_TEMPLATES`. */
function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

function ruleReason(kind: 'exempt' | 'veto', rule: SelectionRule): EvaluationReason {
  const base =
    rule.rule === 'utility'
      ? R.utility
      : rule.rule === 'registeredWithinYears'
        ? R.registeredWithinYears.replace('N', String(rule.years))
        : rule.rule === 'landSuppliedWithinYears'
          ? R.landSuppliedWithinYears.replace('N', String(rule.years))
          : rule.rule === 'fact'
            ? EVALUATION_FACT_LABELS[rule.fact]
            : ENTERPRISE_FLAG_LABELS[rule.flag];
  const detail = rule.rule === 'fact' ? rule.fact : rule.rule === 'flag' ? rule.flag : rule.rule;
  const text = fill(T.rule, { kind: kind === 'veto' ? R.veto : R.exempt, rule: base });
  return { code: `${kind}.${detail}`, message: rule.note ? fill(T.detail, { text, detail: rule.note }) : text };
}

function matches(
  rule: SelectionRule,
  e: Enterprise,
  ctx: { referenceDate: string; parcels: ReadonlyMap<string, LandParcel>; facts: EvaluationInput['facts'] },
): boolean {
  switch (rule.rule) {
    case 'utility':
      return isUtility(e.industry);
    case 'registeredWithinYears':
      return addYears(e.registeredOn, rule.years) > ctx.referenceDate;
    case 'landSuppliedWithinYears': {
      // The firm has been on its land since its earliest supplied parcel.
      const dates = e.parcelIds.flatMap((id) => ctx.parcels.get(id)?.suppliedOn ?? []).sort();
      const first = dates[0];
      return first !== undefined && addYears(first, rule.years) > ctx.referenceDate;
    }
    case 'fact':
      return ctx.facts?.[e.uscc]?.includes(rule.fact) ?? false;
    case 'flag':
      return e.flags.includes(rule.flag);
  }
}

function sumField(list: readonly Partial<EnterpriseAnnualData>[], field: AnnualDataField) {
  const present = list.flatMap((d) => (d[field] === undefined ? [] : [d[field] as Quantity<Kind>]));
  return present.length === 0 ? undefined : Quantity.sum(ANNUAL_DATA_FIELD_KIND[field], present);
}

/**
 * Data of a unit of firms on shared parcels: fields summed. The land is the
 * parcels' area (each counted once) only when the unit holds every firm on its
 * parcels and every parcel is known; when a sharer is left out (exempt,
 * following its landlord, no data) the parcel is not all the unit's, so the
 * unit's land is its members' own reported land. A unit of one firm is
 * evaluated on that firm's own data.
 */
function combineData(
  members: readonly Enterprise[],
  data: ReadonlyMap<string, EnterpriseAnnualData>,
  parcels: ReadonlyMap<string, LandParcel>,
  complete: boolean,
): Partial<EnterpriseAnnualData> | undefined {
  const list = members.flatMap((m) => data.get(m.uscc) ?? []);
  if (list.length === 0) return undefined;
  const first = list[0];
  if (members.length === 1 && first) return first;
  const out: Record<string, unknown> = {};
  for (const f of ALL_FIELDS) {
    const v = sumField(list, f);
    if (v !== undefined) out[f] = v;
  }
  const ids = [...new Set(members.flatMap((m) => m.parcelIds))];
  const known = ids.flatMap((id) => parcels.get(id) ?? []);
  if (complete && ids.length > 0 && known.length === ids.length)
    out.landArea = Quantity.sum(
      'area',
      known.map((p) => p.area),
    );
  out.scale = list.some((d) => d.scale === 'aboveDesignatedSize') ? 'aboveDesignatedSize' : 'belowDesignatedSize';
  return out as Partial<EnterpriseAnnualData>;
}

/** Groups firms that share a parcel (transitively) into units; each unit is keyed by its lowest USCC. */
function groupByParcel(firms: readonly Enterprise[]): Enterprise[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    parent.set(x, r);
    return r;
  };
  const owner = new Map<string, string>();
  for (const f of firms) {
    parent.set(f.uscc, f.uscc);
    for (const pid of f.parcelIds) {
      const o = owner.get(pid);
      if (o === undefined) owner.set(pid, f.uscc);
      else {
        const a = find(o);
        const b = find(f.uscc);
        // The lower USCC becomes the root, so a unit is named by its lowest USCC.
        if (a < b) parent.set(b, a);
        else if (b < a) parent.set(a, b);
      }
    }
  }
  const groups = new Map<string, Enterprise[]>();
  for (const f of firms) {
    const root = find(f.uscc);
    const g = groups.get(root);
    if (g) g.push(f);
    else groups.set(root, [f]);
  }
  return [...groups.values()].map((g) => [...g].sort((a, b) => (a.uscc < b.uscc ? -1 : 1)));
}

function inCohort(c: Cohort, unit: Unit): boolean {
  const m = c.membership;
  if (m.scale !== undefined && unit.scale !== m.scale) return false;
  if (m.tenure !== undefined && (m.tenure === 'tenant') !== unit.tenant) return false;
  if (m.landArea) {
    const land = unit.data?.landArea?.in('mu');
    if (land === undefined) return false;
    if (m.landArea.atLeast && land.compare(m.landArea.atLeast) < 0) return false;
    if (m.landArea.below && land.compare(m.landArea.below) >= 0) return false;
  }
  return true;
}

/**
 * 亩均效益综合评价: scores, ranks and classes every enterprise under `scheme`.
 *
 * Order of decisions for each enterprise: no data for the year → not evaluated;
 * 一票否决 (a veto rule matches) → D; 免评 (an exemption matches) → T; a tenant
 * under `tenants: 'landlordClass'` → its landlord's class; otherwise it is
 * scored in the first cohort whose membership it meets, with firms on shared
 * parcels scored as one unit when the scheme says so. See docs/evaluation.md.
 *
 * @throws ValidationError when the input holds two records of one firm for the year
 */
export function oracleEvaluate(scheme: EvaluationScheme, input: EvaluationInput): EvaluationResult {
  const { rounding } = scheme;
  const mode = rounding.mode;
  const referenceDate = scheme.referenceDate ?? `${scheme.year}-12-31`;
  const data = new Map<string, EnterpriseAnnualData>();
  for (const [i, d] of input.annualData.entries()) {
    if (d.year !== scheme.year) continue;
    if (data.has(d.uscc)) throw invalid(`annualData.${i}`, 'unique', `two records for ${d.uscc} in ${d.year}`);
    data.set(d.uscc, d);
  }
  const parcels = new Map((input.parcels ?? []).map((p) => [p.id, p]));
  const landlordOf = new Map((input.tenancies ?? []).map((t) => [t.tenant, t.landlord]));
  const asOneUnit = scheme.sharedParcels === 'asOneUnit';
  // Everyone on a parcel, before exempt firms and followers are split out: a unit that lacks
  // some of them must not be charged their land.
  const sharers = new Map<string, readonly string[]>();
  if (asOneUnit) {
    for (const g of groupByParcel(input.enterprises)) {
      const ids = g.map((m) => m.uscc);
      for (const id of ids) sharers.set(id, ids);
    }
  }
  const ctx = { referenceDate, parcels, facts: input.facts };

  const early = new Map<string, EnterpriseEvaluation>();
  const vetoesOf = new Map<string, EvaluationReason[]>();
  const exemptionsOf = new Map<string, EvaluationReason[]>();
  const exempt: Enterprise[] = [];
  const followers: Enterprise[] = [];
  const scorable: Enterprise[] = [];
  for (const e of input.enterprises) {
    if (!data.has(e.uscc)) {
      early.set(e.uscc, notEvaluated(e, { code: 'noData', message: R.noData }));
      continue;
    }
    const vetoes = scheme.vetoes.filter((r) => matches(r, e, ctx)).map((r) => ruleReason('veto', r));
    const exemptions = scheme.exemptions.filter((r) => matches(r, e, ctx)).map((r) => ruleReason('exempt', r));
    if (vetoes.length > 0) {
      vetoesOf.set(e.uscc, vetoes);
      scorable.push(e);
    } else if (exemptions.length > 0) {
      exempt.push(e);
      exemptionsOf.set(e.uscc, exemptions);
    } else if (scheme.tenants === 'landlordClass' && landlordOf.has(e.uscc)) followers.push(e);
    else scorable.push(e);
  }

  const makeUnit = (members: Enterprise[]): Unit => {
    const first = members[0];
    if (!first) throw new MujunError('internal', 'empty unit');
    const inUnit = new Set<string>(members.map((m) => m.uscc));
    const leftOut = asOneUnit ? (sharers.get(first.uscc) ?? []).filter((id) => !inUnit.has(id)) : [];
    const d = combineData(members, data, parcels, leftOut.length === 0);
    return {
      id: first.uscc,
      members,
      data: d,
      scale: d?.scale,
      tenant: members.every((m) => landlordOf.has(m.uscc)),
      vetoes: members.flatMap((m) => vetoesOf.get(m.uscc) ?? []),
      leftOut,
    };
  };
  const groups = asOneUnit ? groupByParcel(scorable) : scorable.map((e) => [e]);
  const units = groups.map(makeUnit);

  const cohortResults: CohortEvaluation[] = [];
  const scoredByUscc = new Map<string, Scored>();
  const cohortOfUnit = (u: Unit) => scheme.cohorts.find((c) => inCohort(c, u));
  const exemptCohort = new Map<string, string>();
  for (const e of exempt) {
    const c = cohortOfUnit({ ...makeUnit([e]), leftOut: [] });
    if (c) exemptCohort.set(e.uscc, c.id);
  }

  const exemptIn = new Map<string, number>();
  for (const id of exemptCohort.values()) exemptIn.set(id, (exemptIn.get(id) ?? 0) + 1);
  const tenantsOf = new Map<string, number>();
  for (const t of input.tenancies ?? []) tenantsOf.set(t.landlord, (tenantsOf.get(t.landlord) ?? 0) + 1);
  const oracleCtx: OracleContext = { tenantsOf, facts: input.facts, exemptIn };
  for (const cohort of scheme.cohorts) {
    const members = units.filter((u) => cohortOfUnit(u) === cohort);
    const scored = scoreCohort(scheme, cohort, members, oracleCtx);
    for (const s of scored.results) for (const m of s.unit.members) scoredByUscc.set(m.uscc, s);
    const placed =
      members.reduce((n, u) => n + u.members.length, 0) +
      [...exemptCohort.values()].filter((id) => id === cohort.id).length;
    cohortResults.push({ ...scored.cohort, enterprises: placed });
  }

  const results = new Map<string, EnterpriseEvaluation>(early);
  for (const e of scorable) {
    const s = scoredByUscc.get(e.uscc);
    if (!s) {
      results.set(e.uscc, notEvaluated(e, { code: 'noCohort', message: R.noCohort }));
      continue;
    }
    const own = vetoesOf.get(e.uscc) ?? [];
    const vetoed = own.length > 0 || s.status === 'vetoed';
    results.set(e.uscc, {
      ...base(e, s.unit),
      cohortId: s.cohortId,
      status: vetoed ? 'vetoed' : s.status,
      class: vetoed ? 'D' : s.cls,
      indicators: s.indicators,
      total: s.total,
      totalReported: s.total === null ? null : s.total.toFixed({ places: rounding.report.totals, rounding: mode }),
      rank: s.rank,
      rankedCount: s.rankedCount,
      percentile: s.percentile,
      percentileReported:
        s.percentile === null ? null : s.percentile.toFixed({ places: rounding.report.percentiles, rounding: mode }),
      ...(s.adjustments && s.adjustments.length > 0 ? { adjustments: s.adjustments } : {}),
      reasons: s.reasons,
    });
  }
  for (const e of exempt) {
    results.set(e.uscc, {
      ...empty(e),
      cohortId: exemptCohort.get(e.uscc) ?? null,
      status: 'exempt',
      class: 'T',
      reasons: exemptionsOf.get(e.uscc) ?? [],
    });
  }
  // A tenant follows its landlord, and a landlord that is itself a follower its own landlord, up to
  // a firm that was decided above; input order does not matter. A chain that comes back on itself
  // has no class to follow.
  const followerIds = new Set<string>(followers.map((e) => e.uscc));
  for (const e of followers) {
    const chain: string[] = [];
    const seen = new Set<string>([e.uscc]);
    let at = landlordOf.get(e.uscc) ?? '';
    let cycle = false;
    for (;;) {
      chain.push(at);
      if (!followerIds.has(at)) break;
      if (seen.has(at)) {
        cycle = true;
        break;
      }
      seen.add(at);
      at = landlordOf.get(at) ?? '';
    }
    const path = chain.join(T.chain);
    if (cycle) {
      results.set(
        e.uscc,
        notEvaluated(e, { code: 'landlordCycle', message: fill(T.detail, { text: R.landlordCycle, detail: path }) }),
      );
      continue;
    }
    const l = results.get(at);
    const cls = l?.class ?? null;
    results.set(e.uscc, {
      ...empty(e),
      cohortId: l?.cohortId ?? null,
      status: cls === null ? 'notEvaluated' : 'landlordClass',
      class: cls,
      reasons: [
        cls === null
          ? { code: 'landlordUnclassified', message: fill(T.detail, { text: R.landlordUnclassified, detail: path }) }
          : { code: 'landlordClass', message: fill(T.classOf, { text: R.landlordClass, landlord: path, class: cls }) },
      ],
    });
  }

  return {
    schemeId: scheme.id,
    year: scheme.year,
    enterprises: input.enterprises.flatMap((e) => results.get(e.uscc) ?? []),
    cohorts: cohortResults,
  };
}

function base(e: Enterprise, unit?: Unit) {
  return {
    uscc: e.uscc,
    name: e.name,
    townCode: e.townCode,
    industry: e.industry.code,
    unitId: unit?.id ?? e.uscc,
    unitMembers: unit ? unit.members.map((m) => m.uscc) : [e.uscc],
  };
}

function empty(e: Enterprise) {
  return {
    ...base(e),
    indicators: [],
    total: null,
    totalReported: null,
    rank: null,
    rankedCount: 0,
    percentile: null,
    percentileReported: null,
  };
}

function notEvaluated(e: Enterprise, reason: EvaluationReason): EnterpriseEvaluation {
  return { ...empty(e), cohortId: null, status: 'notEvaluated', class: null, reasons: [reason] };
}

/** Scores, ranks and classes the units of one cohort. */
function scoreCohort(
  scheme: EvaluationScheme,
  cohort: Cohort,
  units: readonly Unit[],
  ctx: OracleContext,
): { results: Scored[]; cohort: Omit<CohortEvaluation, 'enterprises'> } {
  const { rounding } = scheme;
  const mode = rounding.mode;
  const report = rounding.report;
  const round = (v: Rational, places: number | undefined) =>
    places === undefined ? v : roundRational(v, places, mode);

  // Parts of every indicator for every unit; a missing value under 'exclude' takes the unit out.
  const parts = units.map((u) => cohort.indicators.map((s) => indicatorParts(s.indicator, u.data ?? {})));
  const excluded = units.map((_, i) =>
    cohort.indicators.some((s, k) => s.missing === 'exclude' && !(parts[i]?.[k]?.ok ?? false)),
  );
  const active = units.map((_, i) => i).filter((i) => !excluded[i]);

  const benchmarks: CohortEvaluation['benchmarks'][number][] = [];
  const averages: CohortEvaluation['averages'][number][] = [];
  const partials: (Rational | null)[][] = units.map(() => []);
  const capped: boolean[][] = units.map(() => []);
  const floored: boolean[][] = units.map(() => []);
  const values: (Rational | null)[][] = units.map(() => []);
  const zeroBenchmarks: IndicatorId[] = [];
  if (units.length === 0) {
    return {
      results: [],
      cohort: { id: cohort.id, name: cohort.name, ranked: 0, benchmarks, averages, boundaries: null },
    };
  }

  for (const [k, spec] of cohort.indicators.entries()) {
    const samples: IndicatorSample[] = [];
    for (const i of active) {
      const p = parts[i]?.[k];
      if (p?.ok)
        samples.push({ numerator: p.numerator, denominator: p.denominator, value: round(p.value, rounding.values) });
    }
    const { derivation, value: b } = resolveBenchmark(spec.indicator, spec.benchmark, samples, {
      places: rounding.benchmarks,
      mode,
    });
    // A derived benchmark with no data, or not positive (e.g. no firm spent on R&D), scores nobody on
    // that indicator: every partial score is 0 and the reason says why.
    const usable = b !== undefined && b.sign() > 0;
    if (!usable) zeroBenchmarks.push(spec.indicator);
    benchmarks.push({
      indicator: spec.indicator,
      derivation,
      value: b ?? Rational.ZERO,
      reported: (b ?? Rational.ZERO).toFixed({ places: report.benchmarks, rounding: mode }),
    });
    averages.push({ indicator: spec.indicator, value: ratioOfSums(samples) ?? null });

    const scoredWithValue: Rational[] = [];
    for (const [i] of units.entries()) {
      const p = parts[i]?.[k];
      if (!p?.ok) {
        (values[i] as (Rational | null)[]).push(null);
        (partials[i] as (Rational | null)[]).push(null);
        (capped[i] as boolean[]).push(false);
        (floored[i] as boolean[]).push(false);
        continue;
      }
      const v = round(p.value, rounding.values);
      let s = usable && b ? spec.weight.times(v).dividedBy(b) : Rational.ZERO;
      let wasCapped = false;
      let wasFloored = false;
      if (spec.cap && s.compare(spec.cap) > 0) {
        s = spec.cap;
        wasCapped = true;
      }
      if (spec.floor && s.compare(spec.floor) < 0) {
        s = spec.floor;
        wasFloored = true;
      }
      s = round(s, rounding.partialScores);
      (values[i] as (Rational | null)[]).push(v);
      (partials[i] as (Rational | null)[]).push(s);
      (capped[i] as boolean[]).push(wasCapped);
      (floored[i] as boolean[]).push(wasFloored);
      if (!excluded[i]) scoredWithValue.push(s);
    }
    // Missing data: 0, or the cohort's mean partial score over the units that have the value.
    const fill =
      spec.missing === 'cohortAverage' && scoredWithValue.length > 0
        ? round(
            Rational.sum(scoredWithValue).dividedBy(Rational.of(BigInt(scoredWithValue.length))),
            rounding.partialScores,
          )
        : Rational.ZERO;
    for (const [i] of units.entries()) {
      const row = partials[i] as (Rational | null)[];
      if (row[k] === null && spec.missing !== 'exclude') row[k] = fill;
    }
  }

  const results: Scored[] = units.map((unit, i) => {
    const reasons: EvaluationReason[] = [...unit.vetoes];
    for (const z of zeroBenchmarks) {
      reasons.push({ code: `zeroBenchmark.${z}`, message: `${INDICATORS[z].label}${R.zeroBenchmark}` });
    }
    if (unit.members.length > 1) {
      reasons.push({
        code: 'sharedParcel',
        message: fill(T.detail, {
          text: R.sharedParcel,
          detail: unit.members.map((m) => m.uscc).join(T.listSeparator),
        }),
      });
    }
    if (unit.leftOut.length > 0) {
      reasons.push({
        code: 'sharedParcelPartial',
        message: fill(T.detail, { text: R.sharedParcelPartial, detail: unit.leftOut.join(T.listSeparator) }),
      });
    }
    const indicators: IndicatorResult[] = cohort.indicators.map((spec, k) => {
      const p = parts[i]?.[k];
      const v = values[i]?.[k] ?? null;
      const s = partials[i]?.[k] ?? Rational.ZERO;
      const b = benchmarks[k]?.value ?? Rational.ONE;
      const wasCapped = capped[i]?.[k] ?? false;
      const wasFloored = floored[i]?.[k] ?? false;
      const missing = p && !p.ok ? p.missing : null;
      if (missing) {
        reasons.push({
          code: `missing.${spec.indicator}`,
          message: fill(T.detail, { text: `${INDICATORS[spec.indicator].label}${R.missing}`, detail: spec.missing }),
        });
      }
      if (wasCapped)
        reasons.push({ code: `capped.${spec.indicator}`, message: `${INDICATORS[spec.indicator].label}${R.capped}` });
      if (wasFloored)
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
        partialScore: s,
        capped: wasCapped,
        floored: wasFloored,
        reported: {
          value: v === null ? null : v.toFixed({ places: report.values, rounding: mode }),
          benchmark: b.toFixed({ places: report.benchmarks, rounding: mode }),
          partialScore: s.toFixed({ places: report.partialScores, rounding: mode }),
        },
      };
    });
    if (excluded[i]) {
      reasons.push({ code: 'excluded', message: R.excluded });
      return {
        unit,
        cohortId: cohort.id,
        status: unit.vetoes.length > 0 ? 'vetoed' : 'excluded',
        cls: unit.vetoes.length > 0 ? 'D' : null,
        indicators,
        total: null,
        rank: null,
        rankedCount: 0,
        percentile: null,
        reasons,
      };
    }
    // 加减分: every member's adjustments, added before the total is rounded and ranked.
    const adjustments = unit.members.flatMap((m) => oracleAdjustments(scheme, cohort.id, m, ctx));
    for (const a of adjustments)
      reasons.push({ code: `adjustment.${a.id}`, message: `${R.adjustment}：${a.label}（${a.reported}）` });
    const total = round(
      Rational.sum([...indicators.map((x) => x.partialScore), ...adjustments.map((a) => a.points)]),
      rounding.totals,
    );
    const vetoed = unit.vetoes.length > 0;
    return {
      unit,
      cohortId: cohort.id,
      status: vetoed ? 'vetoed' : 'rated',
      cls: vetoed ? 'D' : null,
      indicators,
      total,
      rank: null,
      rankedCount: 0,
      percentile: null,
      adjustments,
      reasons,
    };
  });

  // Ranking: rated (not vetoed, not excluded) units only.
  const rankable = results.filter((r) => r.status === 'rated' && r.total !== null);
  const ranked = rankByTotal(rankable.map((r) => ({ key: r.unit.id, total: r.total ?? Rational.ZERO, r })));
  const n = ranked.length;
  const c = cohort.classification;
  const boundaries = c.by === 'percentile' ? oracleBoundaries(c, n, ctx.exemptIn.get(cohort.id) ?? 0) : null;
  for (const [pos, entry] of ranked.entries()) {
    const r = entry.item.r;
    r.rank = entry.rank;
    r.rankedCount = n;
    r.percentile = percentileOfRank(entry.rank, n);
    const tied = ranked[pos - 1]?.rank === entry.rank || ranked[pos + 1]?.rank === entry.rank;
    if (tied) r.reasons.push({ code: 'tie', message: R.tie });
    if (c.by === 'percentile' && boundaries) {
      r.cls = bandOfRank(
        entry.rank,
        boundaries,
        c.bands.map((b) => b.class),
      ) as RankedClass;
      r.reasons.push({ code: 'band', message: fill(T.rank, { text: R.band, rank: entry.rank, count: n }) });
    } else if (c.by === 'threshold') {
      r.cls = classByThreshold(r.total ?? Rational.ZERO, c.thresholds);
      r.reasons.push({ code: 'threshold', message: R.threshold });
    }
  }

  return {
    results,
    cohort: { id: cohort.id, name: cohort.name, ranked: n, benchmarks, averages, boundaries },
  };
}
