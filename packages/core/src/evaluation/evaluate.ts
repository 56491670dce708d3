import { invalid } from '../errors';
import { formatScaled, pow10, Rational } from '../exact/rational';
import { divideRounded, divideRoundedSafe } from '../exact/rounding';
import { isUtility } from '../ids/industry';
import {
  ENTERPRISE_FLAG_LABELS,
  EVALUATION_FACT_LABELS,
  EVALUATION_REASON_LABELS as R,
  EVALUATION_REASON_TEMPLATES as T,
} from '../labels';
import type { EnterpriseAnnualData, Scale } from '../model/annual-data';
import type { Enterprise } from '../model/enterprise';
import type { LandParcel } from '../model/land-parcel';
import { Quantity } from '../quantity/quantity';
import type { BenchmarkDerivation } from './benchmark';
import { percentileOfRank } from './classify';
import { ANNUAL_DATA_FIELDS, type AnnualDataColumns, amountAt, annualDataColumns, withRows } from './columns';
import { CELL_CAPPED, CELL_FLOORED, type CohortScores, type FieldColumns, scoreCohort } from './engine';
import { type AnnualDataField, INDICATORS, type IndicatorId, type MissingReason } from './indicators';
import type { Cohort, EvaluationClass, EvaluationFact, EvaluationScheme, MissingPolicy, SelectionRule } from './scheme';

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
  /** Annual data as validated records (`parseAnnualData`). */
  readonly annualData?: readonly EnterpriseAnnualData[];
  /** The same data as columns (`loadAnnualDataColumns`), read instead of `annualData` when given: the bulk path. */
  readonly annualDataColumns?: AnnualDataColumns;
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
  /** Raised to the indicator's floor (保底). */
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
  /** 加减分 applied to the total before ranking (the unit's, for firms evaluated together). */
  readonly adjustments?: readonly AppliedAdjustment[];
  readonly reasons: readonly EvaluationReason[];
}

/** One 加减分 of a firm: the scheme's adjustment id and label, and the points it gave. */
export interface AppliedAdjustment {
  readonly id: string;
  readonly label: string;
  /** Exact points (negative: 减分). */
  readonly points: Rational;
  readonly reported: string;
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
      // registeredOn + N years > referenceDate, compared as ISO strings (same as shifting the reference back).
      return e.registeredOn > addYears(ctx.referenceDate, -rule.years);
    case 'landSuppliedWithinYears': {
      if (e.parcelIds.length === 0) return false;
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

/** The reasons of the rules that pick `e` out, or undefined when none does (no array per firm). */
function picked(
  kind: 'exempt' | 'veto',
  rules: readonly SelectionRule[],
  e: Enterprise,
  ctx: Parameters<typeof matches>[2],
): EvaluationReason[] | undefined {
  let out: EvaluationReason[] | undefined;
  for (const r of rules) {
    if (!matches(r, e, ctx)) continue;
    out ??= [];
    out.push(ruleReason(kind, r));
  }
  return out;
}

/** A 评价单元 and where its numbers are. */
interface Unit {
  readonly id: string;
  readonly members: readonly Enterprise[];
  /** Row of the unit's data in the unit columns, -1 when no member has data. */
  readonly row: number;
  readonly scale: Scale | undefined;
  readonly tenant: boolean;
  readonly vetoes: readonly EvaluationReason[];
  /** Firms on the unit's parcels that are not in it (exempt, following a landlord, without data). */
  readonly leftOut: readonly string[];
}

const STATUS: readonly EvaluationStatus[] = ['rated', 'exempt', 'vetoed', 'excluded', 'landlordClass', 'notEvaluated'];
const CLASS_CODES: readonly EvaluationClass[] = ['A', 'B', 'C', 'D', 'T'];

function inCohort(c: Cohort, unit: Unit, columns: FieldColumns): boolean {
  const m = c.membership;
  if (m.scale !== undefined && unit.scale !== m.scale) return false;
  if (m.tenure !== undefined && (m.tenure === 'tenant') !== unit.tenant) return false;
  if (m.landArea) {
    const land = unit.row < 0 ? undefined : amountAt(columns.landArea, unit.row);
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
 * One exact columnar engine computes every scheme (`scoreCohort`); the result
 * keeps its numbers in columns and builds each firm's explained
 * `EnterpriseEvaluation` when it is read.
 *
 * @throws ValidationError when the input holds two records of one firm for the year
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { evaluate, makeUscc, parseAnnualData, parseEnterprise, parseEvaluationScheme } from '@mujun/core';
 *
 * // 亩均税收 alone, weight 100 over a benchmark of 1 万元/亩: a firm's total is 100 × its 亩均税收.
 * const scheme = parseEvaluationScheme({
 *   id: 'example', name: 'example', jurisdiction: { code: '331003', name: '黄岩区' }, year: 2022,
 *   cohorts: [{
 *     id: 'all', name: 'all', membership: {},
 *     indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '1' }],
 *     classification: { by: 'threshold', thresholds: [{ class: 'A', atLeast: '600' }, { class: 'B', atLeast: '400' }, { class: 'C' }] },
 *   }],
 * });
 * const uscc = (n: number) => makeUscc({ authority: '9', orgType: '1', divisionCode: '331003', orgCodeBody: `MA2B000${n}` });
 * const firms = [
 *   { n: 1, tax: '80' },
 *   { n: 2, tax: '50' },
 *   { n: 3, tax: '20' },
 * ];
 * const input = {
 *   enterprises: firms.map(({ n }) =>
 *     parseEnterprise({ uscc: uscc(n), name: `企业${n}`, townCode: '331003100000', industry: '1751', registeredOn: '2010-01-01' }),
 *   ),
 *   annualData: firms.map(({ n, tax }) =>
 *     parseAnnualData({ uscc: uscc(n), year: 2022, scale: 'belowDesignatedSize', landArea: '10', tax }),
 *   ),
 * };
 *
 * const result = evaluate(scheme, input);
 * const classes = result.enterprises.map((e) => [e.uscc, e.class, e.rank]);
 * assert.deepEqual(classes, [[uscc(1), 'A', 1], [uscc(2), 'B', 2], [uscc(3), 'C', 3]]);
 * assert.equal(result.enterprises[0]?.total?.toString(), '800');
 * ```
 */
export function evaluate(scheme: EvaluationScheme, input: EvaluationInput): Evaluation {
  const referenceDate = scheme.referenceDate ?? `${scheme.year}-12-31`;
  const source = input.annualDataColumns ?? annualDataColumns(input.annualData ?? []);
  const dataRow = new Map<string, number>();
  for (let i = 0; i < source.length; i++) {
    if (source.year[i] !== scheme.year) continue;
    const id = source.uscc[i] as string;
    if (dataRow.has(id)) throw invalid(`annualData.${i}`, 'unique', `two records for ${id} in ${scheme.year}`);
    dataRow.set(id, i);
  }
  const parcels = new Map((input.parcels ?? []).map((p) => [p.id, p]));
  const landlordOf = new Map((input.tenancies ?? []).map((t) => [t.tenant, t.landlord]));
  const asOneUnit = scheme.sharedParcels === 'asOneUnit';
  // Everyone on a parcel, before exempt firms and followers are split out: a unit that lacks
  // some of them must not be charged their land.
  const sharers = new Map<string, readonly string[]>();
  if (asOneUnit) {
    for (const g of groupByParcel(input.enterprises.filter((e) => e.parcelIds.length > 0))) {
      const ids = g.map((m) => m.uscc);
      for (const id of ids) sharers.set(id, ids);
    }
  }
  const ctx = { referenceDate, parcels, facts: input.facts };

  const firms = input.enterprises;
  const N = firms.length;
  const status = new Uint8Array(N).fill(5);
  const reasonsOf = new Map<number, EvaluationReason[]>();
  const vetoesOf = new Map<string, EvaluationReason[]>();
  const exempt: number[] = [];
  const followers: number[] = [];
  const scorable: Enterprise[] = [];
  const indexOf = new Map<string, number>();
  for (let i = 0; i < N; i++) {
    const e = firms[i] as Enterprise;
    indexOf.set(e.uscc, i);
    if (!dataRow.has(e.uscc)) {
      reasonsOf.set(i, [{ code: 'noData', message: R.noData }]);
      continue;
    }
    const vetoes = picked('veto', scheme.vetoes, e, ctx);
    if (vetoes) {
      vetoesOf.set(e.uscc, vetoes);
      scorable.push(e);
      continue;
    }
    const exemptions = picked('exempt', scheme.exemptions, e, ctx);
    if (exemptions) {
      exempt.push(i);
      status[i] = 1;
      reasonsOf.set(i, exemptions);
    } else if (scheme.tenants === 'landlordClass' && landlordOf.has(e.uscc)) followers.push(i);
    else scorable.push(e);
  }

  // Unit rows: a lone firm reads its own data row; a shared-parcel unit gets a new row of summed data.
  const extra: Partial<Record<AnnualDataField, Rational>>[] = [];
  const extraScale: Scale[] = [];
  const makeUnit = (members: readonly Enterprise[], combine: boolean): Unit => {
    const first = members[0] as Enterprise;
    const inUnit = members.length === 1 ? undefined : new Set<string>(members.map((m) => m.uscc));
    const leftOut =
      combine && asOneUnit && sharers.has(first.uscc)
        ? (sharers.get(first.uscc) ?? []).filter((id) => (inUnit ? !inUnit.has(id) : id !== first.uscc))
        : NO_IDS;
    let row = -1;
    let scale: Scale | undefined;
    if (members.length === 1) {
      row = dataRow.get(first.uscc) ?? -1;
      scale = row < 0 ? undefined : source.scale[row];
    } else {
      const rowsOf = members.flatMap((m) => dataRow.get(m.uscc) ?? []);
      if (rowsOf.length > 0) {
        const sums: Partial<Record<AnnualDataField, Rational>> = {};
        for (const f of ANNUAL_DATA_FIELDS) {
          let sum: Rational | undefined;
          for (const r of rowsOf) {
            const a = amountAt(source.fields[f], r);
            if (a !== undefined) sum = sum ? sum.plus(a) : a;
          }
          if (sum !== undefined) sums[f] = sum;
        }
        // The land is the parcels' area (each counted once) only when the unit holds every firm on its
        // parcels and every parcel is known; otherwise its members' own reported land.
        const ids = [...new Set(members.flatMap((m) => m.parcelIds))];
        const known = ids.flatMap((id) => parcels.get(id) ?? []);
        if (leftOut.length === 0 && ids.length > 0 && known.length === ids.length)
          sums.landArea = Quantity.sum(
            'area',
            known.map((p) => p.area),
          ).in('mu');
        scale = rowsOf.some((r) => source.scale[r] === 'aboveDesignatedSize')
          ? 'aboveDesignatedSize'
          : 'belowDesignatedSize';
        row = source.length + extra.length;
        extra.push(sums);
        extraScale.push(scale);
      }
    }
    let vetoes: readonly EvaluationReason[] = NO_REASONS;
    for (const m of members) {
      const v = vetoesOf.get(m.uscc);
      if (v) vetoes = vetoes.length === 0 ? v : [...vetoes, ...v];
    }
    return {
      id: first.uscc,
      members,
      row,
      scale,
      tenant: members.every((m) => landlordOf.has(m.uscc)),
      vetoes,
      leftOut,
    };
  };
  // Only firms on parcels can share one: the others are units of one, without the grouping pass.
  const groups = asOneUnit
    ? [
        ...scorable.filter((e) => e.parcelIds.length === 0).map((e) => [e]),
        ...groupByParcel(scorable.filter((e) => e.parcelIds.length > 0)),
      ]
    : scorable.map((e) => [e]);
  const units = groups.map((g) => makeUnit(g, true));
  const columns = withRows(source, extra, extraScale).fields;

  const cohortOf = (u: Unit) => {
    for (let c = 0; c < scheme.cohorts.length; c++) if (inCohort(scheme.cohorts[c] as Cohort, u, columns)) return c;
    return -1;
  };
  const cohortOfFirm = new Int16Array(N).fill(-1);
  const unitOfFirm = new Int32Array(N).fill(-1);
  const memberOfUnit = new Int32Array(units.length);
  const membersByCohort: number[][] = scheme.cohorts.map(() => []);
  const placed = scheme.cohorts.map(() => 0);
  for (const [ui, u] of units.entries()) {
    const c = cohortOf(u);
    for (const m of u.members) {
      const i = indexOf.get(m.uscc) as number;
      unitOfFirm[i] = ui;
      cohortOfFirm[i] = c;
      if (c < 0) reasonsOf.set(i, [{ code: 'noCohort', message: R.noCohort }]);
    }
    if (c < 0) continue;
    memberOfUnit[ui] = (membersByCohort[c] as number[]).length;
    (membersByCohort[c] as number[]).push(ui);
    placed[c] = (placed[c] as number) + u.members.length;
  }
  for (const i of exempt) {
    const c = cohortOf({ ...makeUnit([firms[i] as Enterprise], false), leftOut: [] });
    cohortOfFirm[i] = c;
    if (c >= 0) placed[c] = (placed[c] as number) + 1;
  }

  const exemptIn = scheme.cohorts.map(() => 0);
  for (const i of exempt) {
    const c = cohortOfFirm[i] as number;
    if (c >= 0) exemptIn[c] = (exemptIn[c] as number) + 1;
  }
  const tenantsOf = new Map<string, number>();
  if (scheme.adjustments.length > 0)
    for (const t of input.tenancies ?? []) tenantsOf.set(t.landlord, (tenantsOf.get(t.landlord) ?? 0) + 1);
  const adjustmentsOf = new Map<number, AppliedAdjustment[]>();
  const scores: CohortScores[] = scheme.cohorts.map((cohort, c) => {
    const list = membersByCohort[c] as number[];
    const rows = new Int32Array(list.length);
    const vetoed = new Uint8Array(list.length);
    const adjustments = new Map<number, Rational>();
    for (const [j, ui] of list.entries()) {
      const u = units[ui] as Unit;
      rows[j] = u.row;
      vetoed[j] = u.vetoes.length > 0 ? 1 : 0;
      if (scheme.adjustments.length === 0) continue;
      const applied = u.members.flatMap((m) => adjustmentsFor(scheme, cohort.id, m, tenantsOf, input.facts));
      if (applied.length === 0) continue;
      adjustmentsOf.set(ui, applied);
      adjustments.set(j, Rational.sum(applied.map((a) => a.points)));
    }
    return scoreCohort({
      cohort,
      rounding: scheme.rounding,
      columns,
      rows,
      vetoed,
      adjustments,
      exempt: exemptIn[c] as number,
    });
  });

  const classCode = new Int8Array(N).fill(-1);
  for (let i = 0; i < N; i++) {
    const ui = unitOfFirm[i] as number;
    const c = cohortOfFirm[i] as number;
    if (status[i] === 1) {
      classCode[i] = 4;
      continue;
    }
    if (ui < 0 || c < 0) continue;
    const u = units[ui] as Unit;
    const s = scores[c] as CohortScores;
    const j = memberOfUnit[ui] as number;
    const own = vetoesOf.has((firms[i] as Enterprise).uscc);
    if (own || u.vetoes.length > 0) {
      status[i] = 2;
      classCode[i] = 3;
    } else if (s.excluded[j] === 1) status[i] = 3;
    else {
      status[i] = 0;
      const k = s.classOf(j);
      classCode[i] = k === null ? -1 : CLASS_CODES.indexOf(k);
    }
  }
  // A tenant follows its landlord, and a landlord that is itself a follower its own landlord, up to
  // a firm that was decided above; input order does not matter. A chain that comes back on itself
  // has no class to follow.
  const followerSet = new Set<string>(followers.map((i) => (firms[i] as Enterprise).uscc));
  for (const i of followers) {
    const e = firms[i] as Enterprise;
    const chain: string[] = [];
    const seen = new Set<string>([e.uscc]);
    let at = landlordOf.get(e.uscc) ?? '';
    let cycle = false;
    for (;;) {
      chain.push(at);
      if (!followerSet.has(at)) break;
      if (seen.has(at)) {
        cycle = true;
        break;
      }
      seen.add(at);
      at = landlordOf.get(at) ?? '';
    }
    const path = chain.join(T.chain);
    if (cycle) {
      reasonsOf.set(i, [{ code: 'landlordCycle', message: fill(T.detail, { text: R.landlordCycle, detail: path }) }]);
      continue;
    }
    const l = indexOf.get(at);
    const code = l === undefined ? -1 : (classCode[l] as number);
    cohortOfFirm[i] = l === undefined ? -1 : (cohortOfFirm[l] as number);
    if (code < 0) {
      reasonsOf.set(i, [
        { code: 'landlordUnclassified', message: fill(T.detail, { text: R.landlordUnclassified, detail: path }) },
      ]);
      continue;
    }
    status[i] = 4;
    classCode[i] = code;
    reasonsOf.set(i, [
      {
        code: 'landlordClass',
        message: fill(T.classOf, { text: R.landlordClass, landlord: path, class: CLASS_CODES[code] as string }),
      },
    ]);
  }

  const cohorts: CohortEvaluation[] = scheme.cohorts.map((cohort, c) => {
    const s = scores[c] as CohortScores;
    const report = scheme.rounding.report;
    return {
      id: cohort.id,
      name: cohort.name,
      enterprises: placed[c] as number,
      ranked: s.ranked,
      benchmarks: (s.size === 0 ? [] : cohort.indicators).map((spec, k) => {
        const b = s.benchmarks[k];
        const value = b?.value ?? Rational.ZERO;
        return {
          indicator: spec.indicator,
          derivation: b?.derivation ?? 'fixed',
          value,
          reported: value.toFixed({ places: report.benchmarks, rounding: scheme.rounding.mode }),
        };
      }),
      averages: (s.size === 0 ? [] : cohort.indicators).map((spec, k) => ({
        indicator: spec.indicator,
        value: s.averages[k] ?? null,
      })),
      boundaries: s.size === 0 ? null : s.boundaries,
    };
  });

  return new Evaluation({
    scheme,
    firms,
    status,
    classCode,
    cohortOfFirm,
    unitOfFirm,
    memberOfUnit,
    units,
    scores,
    reasonsOf,
    adjustmentsOf,
    cohorts,
  });
}

/** The 加减分 one firm earns in a cohort. */
function adjustmentsFor(
  scheme: EvaluationScheme,
  cohortId: string,
  e: Enterprise,
  tenantsOf: ReadonlyMap<string, number>,
  facts: EvaluationInput['facts'],
): AppliedAdjustment[] {
  const out: AppliedAdjustment[] = [];
  for (const a of scheme.adjustments) {
    if (a.cohorts && !a.cohorts.includes(cohortId)) continue;
    let times = 0;
    if ('tenants' in a.basis) times = Math.max(0, (tenantsOf.get(e.uscc) ?? 0) - a.basis.tenants.beyond);
    else if ('fact' in a.basis) times = facts?.[e.uscc]?.includes(a.basis.fact) ? 1 : 0;
    else times = e.flags.includes(a.basis.flag) ? 1 : 0;
    if (times === 0) continue;
    let points = a.points.times(Rational.of(BigInt(times)));
    if (a.cap && points.abs().compare(a.cap) > 0) points = points.sign() < 0 ? a.cap.negated() : a.cap;
    out.push({
      id: a.id,
      label: a.label,
      points,
      reported: points.toFixed({ places: scheme.rounding.report.totals, rounding: scheme.rounding.mode }),
    });
  }
  return out;
}

const NO_REASONS: readonly EvaluationReason[] = [];
const NO_IDS: readonly string[] = [];

interface EvaluationState {
  readonly scheme: EvaluationScheme;
  readonly firms: readonly Enterprise[];
  readonly status: Uint8Array;
  readonly classCode: Int8Array;
  readonly cohortOfFirm: Int16Array;
  readonly unitOfFirm: Int32Array;
  readonly memberOfUnit: Int32Array;
  readonly units: readonly Unit[];
  readonly scores: readonly CohortScores[];
  readonly reasonsOf: ReadonlyMap<number, EvaluationReason[]>;
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

  /** The explained result of input enterprise `i`. */
  enterprise(i: number): EnterpriseEvaluation {
    const st = this.#s;
    const e = st.firms[i] as Enterprise;
    const status = STATUS[st.status[i] as number] as EvaluationStatus;
    const cohortId = this.cohortOf(i);
    const cls = this.classOf(i);
    const ui = st.unitOfFirm[i] as number;
    const own = st.reasonsOf.get(i) ?? NO_REASONS;
    if (ui < 0 || cohortId === null || (status !== 'rated' && status !== 'vetoed' && status !== 'excluded')) {
      return { ...empty(e), cohortId, status, class: cls, reasons: own };
    }
    const u = st.units[ui] as Unit;
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
