import { invalid } from '../errors';
import { Rational } from '../exact/rational';
import { isUtility } from '../ids/industry';
import {
  ENTERPRISE_FLAG_LABELS,
  EVALUATION_FACT_LABELS,
  EVALUATION_REASON_LABELS as R,
  EVALUATION_REASON_TEMPLATES as T,
} from '../labels';
import type { Scale } from '../model/annual-data';
import type { Enterprise } from '../model/enterprise';
import type { LandParcel } from '../model/land-parcel';
import { Quantity } from '../quantity/quantity';
import { ANNUAL_DATA_FIELDS, amountAt, annualDataColumns, withRows } from './columns';
import { type CohortScores, type FieldColumns, scoreCohort } from './engine';
import { CLASS_CODES, Evaluation, fill, NO_IDS, type UnitColumns } from './evaluation';
import type { AnnualDataField } from './indicators';
import type { AppliedAdjustment, CohortEvaluation, EvaluationInput, EvaluationReason } from './result';
import type { Cohort, EvaluationScheme, SelectionRule } from './scheme';

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

/** Fills the `{name}` placeholders of a reason template from `EVALUATION_REASON_TEMPLATES`. */

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

/** What a selection rule reads besides the firm, prepared once per evaluation. */
interface RuleContext {
  readonly referenceDate: string;
  readonly parcels: ReadonlyMap<string, LandParcel>;
  readonly facts: EvaluationInput['facts'];
}

/**
 * A selection rule as a test of one firm, with what does not depend on the
 * firm (the shifted reference date) computed once, not once per firm.
 */
function compileRule(rule: SelectionRule, ctx: RuleContext): (e: Enterprise) => boolean {
  switch (rule.rule) {
    case 'utility':
      return (e) => isUtility(e.industry);
    case 'registeredWithinYears': {
      // registeredOn + N years > referenceDate, compared as ISO strings (same as shifting the reference back).
      const since = addYears(ctx.referenceDate, -rule.years);
      return (e) => e.registeredOn > since;
    }
    case 'landSuppliedWithinYears':
      return (e) => {
        if (e.parcelIds.length === 0) return false;
        // The firm has been on its land since its earliest supplied parcel.
        const dates = e.parcelIds.flatMap((id) => ctx.parcels.get(id)?.suppliedOn ?? []).sort();
        const first = dates[0];
        return first !== undefined && addYears(first, rule.years) > ctx.referenceDate;
      };
    case 'fact': {
      const facts = ctx.facts;
      if (!facts) return () => false;
      return (e) => facts[e.uscc]?.includes(rule.fact) ?? false;
    }
    case 'flag':
      return (e) => e.flags.length > 0 && e.flags.includes(rule.flag);
  }
}

/** Rules of one kind, compiled: `pick` gives the reasons of the rules that match, or undefined (no array per firm). */
function ruleSet(kind: 'exempt' | 'veto', rules: readonly SelectionRule[], ctx: RuleContext) {
  const tests = rules.map((r) => compileRule(r, ctx));
  return (e: Enterprise): EvaluationReason[] | undefined => {
    let out: EvaluationReason[] | undefined;
    for (let k = 0; k < tests.length; k++) {
      if (!(tests[k] as (e: Enterprise) => boolean)(e)) continue;
      out ??= [];
      out.push(ruleReason(kind, rules[k] as SelectionRule));
    }
    return out;
  };
}

/**
 * What evaluate reads of an enterprise, checked structurally (a parsed record from
 * `parseEnterprise` passes; a raw object with a string industry does not).
 */
function checkEnterprise(e: unknown, i: number): void {
  // Run on every firm of a city: the path and message are built only when a check fails.
  if (typeof e !== 'object' || e === null)
    throw invalid(`input.enterprises.${i}`, 'invalid_type', 'must be an enterprise (parseEnterprise)');
  const r = e as Record<string, unknown>;
  if (typeof r.uscc !== 'string') throw enterpriseFieldIssue(i, 'uscc', 'a USCC string');
  if (typeof r.registeredOn !== 'string') throw enterpriseFieldIssue(i, 'registeredOn', 'an ISO date string');
  if (typeof (r.industry as { code?: unknown } | null)?.code !== 'string')
    throw enterpriseFieldIssue(i, 'industry', 'a parsed industry code');
  if (!Array.isArray(r.parcelIds)) throw enterpriseFieldIssue(i, 'parcelIds', 'an array of parcel ids');
  if (!Array.isArray(r.flags)) throw enterpriseFieldIssue(i, 'flags', 'an array of flags');
}

function enterpriseFieldIssue(i: number, field: string, what: string) {
  return invalid(
    `input.enterprises.${i}.${field}`,
    'invalid_type',
    `must be ${what} (parse records with parseEnterprise)`,
  );
}

/** USCC → index in firms given in strictly ascending USCC order, by binary search. */
function sortedIndex(firms: readonly Enterprise[]): { get(uscc: string): number | undefined } {
  return {
    get(uscc) {
      let lo = 0;
      let hi = firms.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const at = (firms[mid] as Enterprise).uscc;
        if (at === uscc) return mid;
        if (at < uscc) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
  };
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

const SCALE_CODE = { aboveDesignatedSize: 1, belowDesignatedSize: 2 } as const;
const SCALE_OF: readonly (Scale | undefined)[] = [undefined, 'aboveDesignatedSize', 'belowDesignatedSize'];

/** Whether a unit (its scale code, tenure and data row) meets a cohort's membership. */
function inCohort(c: Cohort, scale: number, tenant: boolean, row: number, columns: FieldColumns): boolean {
  const m = c.membership;
  if (m.scale !== undefined && SCALE_OF[scale] !== m.scale) return false;
  if (m.tenure !== undefined && (m.tenure === 'tenant') !== tenant) return false;
  if (m.landArea) {
    const land = row < 0 ? undefined : amountAt(columns.landArea, row);
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
 * `EnterpriseEvaluation` when it is read. The setup is columnar too: firms,
 * units and cohort members are typed arrays of indices; objects are made only
 * for the few firms that need one (vetoed, exempt, sharing a parcel, tenants).
 *
 * @throws ValidationError when the input holds two records of one firm for the year,
 *   or a record or enterprise that was not parsed (naming the field, e.g. `input.annualData.12.tax`)
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
  const firms = input.enterprises;
  if (!Array.isArray(firms)) throw invalid('input.enterprises', 'invalid_type', 'must be an array of enterprises');
  const N = firms.length;
  /** Firms whose USCC an earlier firm already has: they share its data row and tenancy. */
  const repeated: number[] = [];
  // The one index of the evaluation: USCC → input index (the last firm of a USCC given twice). Firms in
  // strictly ascending USCC order (every face's population) are searched in place, no map built.
  let ascending = true;
  for (let i = 0; i < N; i++) {
    const e = firms[i] as Enterprise;
    checkEnterprise(e, i);
    if (i > 0 && !((firms[i - 1] as Enterprise).uscc < e.uscc)) ascending = false;
  }
  const indexOf: { get(uscc: string): number | undefined } = ascending ? sortedIndex(firms) : new Map();
  if (!ascending) {
    const map = indexOf as Map<string, number>;
    for (let i = 0; i < N; i++) {
      const size = map.size;
      map.set((firms[i] as Enterprise).uscc, i);
      if (map.size === size) repeated.push(i);
    }
  }
  /** Whether firm i's USCC is held by a later firm too (the index keeps the last). */
  const indexIsLater = (i: number) => repeated.length > 0 && indexOf.get((firms[i] as Enterprise).uscc) !== i;
  const source = input.annualDataColumns ?? annualDataColumns(input.annualData ?? []);
  // Data row of each firm (-1: none for the year), by input index.
  const rowOf = new Int32Array(N).fill(-1);
  /** USCCs of the year's rows that name no input firm (only to find a second record of one). */
  const strays = new Set<string>();
  for (let i = 0; i < source.length; i++) {
    if (source.year[i] !== scheme.year) continue;
    const id = source.uscc[i] as string;
    // Rows usually come in the firms' order: the same position is tried before the index (no hashing).
    const f = i < N && (firms[i] as Enterprise).uscc === id && !indexIsLater(i) ? i : indexOf.get(id);
    const seen = f === undefined ? strays.has(id) : rowOf[f] !== -1;
    if (seen) throw invalid(`annualData.${i}`, 'unique', `two records for ${id} in ${scheme.year}`);
    if (f === undefined) strays.add(id);
    else rowOf[f] = i;
  }
  for (const i of repeated) rowOf[i] = rowOf[indexOf.get((firms[i] as Enterprise).uscc) as number] as number;

  const parcels = new Map((input.parcels ?? []).map((p) => [p.id, p]));
  const tenancies = input.tenancies ?? [];
  const landlordOf = new Map(tenancies.map((t) => [t.tenant, t.landlord]));
  /** 1 for a firm named as a tenant. */
  const isTenant = new Uint8Array(N);
  for (const t of tenancies) {
    const f = indexOf.get(t.tenant);
    if (f !== undefined) isTenant[f] = 1;
  }
  for (const i of repeated) isTenant[i] = isTenant[indexOf.get((firms[i] as Enterprise).uscc) as number] as number;
  const asOneUnit = scheme.sharedParcels === 'asOneUnit';
  // Everyone on a parcel, before exempt firms and followers are split out: a unit that lacks
  // some of them must not be charged their land.
  const sharers = new Map<string, readonly string[]>();
  if (asOneUnit) {
    for (const g of groupByParcel(firms.filter((e) => e.parcelIds.length > 0))) {
      const ids = g.map((m) => m.uscc);
      for (const id of ids) sharers.set(id, ids);
    }
  }
  const ctx: RuleContext = { referenceDate, parcels, facts: input.facts };
  const vetoRules = ruleSet('veto', scheme.vetoes, ctx);
  const exemptRules = ruleSet('exempt', scheme.exemptions, ctx);
  const followTenants = scheme.tenants === 'landlordClass';

  const status = new Uint8Array(N).fill(5);
  /** Reasons of firms that have more than a shared one (exempt, followers), by input index. */
  const reasonsOf = new Map<number, EvaluationReason[]>();
  /** 1 no data, 2 no cohort: the shared reasons, without an array per firm. */
  const basicReason = new Uint8Array(N);
  const vetoesOf = new Map<number, EvaluationReason[]>();
  const firmVetoed = new Uint8Array(N);
  const exempt: number[] = [];
  const followers: number[] = [];
  const scorable = new Int32Array(N);
  let nScorable = 0;
  let nOnParcels = 0;
  for (let i = 0; i < N; i++) {
    const e = firms[i] as Enterprise;
    if (rowOf[i] === -1) {
      basicReason[i] = 1;
      continue;
    }
    const vetoes = vetoRules(e);
    if (vetoes) {
      vetoesOf.set(i, vetoes);
      firmVetoed[i] = 1;
      scorable[nScorable++] = i;
      if (e.parcelIds.length > 0) nOnParcels++;
      continue;
    }
    const exemptions = exemptRules(e);
    if (exemptions) {
      exempt.push(i);
      status[i] = 1;
      reasonsOf.set(i, exemptions);
    } else if (followTenants && isTenant[i] === 1) followers.push(i);
    else {
      scorable[nScorable++] = i;
      if (e.parcelIds.length > 0) nOnParcels++;
    }
  }

  // ---- units in columns ----
  // Only firms on parcels can share one: the others are units of one, without the grouping pass,
  // first (in input order), then the parcel groups.
  let nSingles = nScorable;
  let groups: Enterprise[][] = [];
  if (asOneUnit && nOnParcels > 0) {
    const onParcels: Enterprise[] = [];
    let w = 0;
    for (let s = 0; s < nScorable; s++) {
      const i = scorable[s] as number;
      const e = firms[i] as Enterprise;
      if (e.parcelIds.length === 0) scorable[w++] = i;
      else onParcels.push(e);
    }
    nSingles = w;
    groups = groupByParcel(onParcels);
  }
  const U = nSingles + groups.length;
  const start = new Int32Array(U + 1);
  const member = new Int32Array(nScorable);
  const unitRow = new Int32Array(U);
  const unitScale = new Uint8Array(U);
  const unitTenant = new Uint8Array(U);
  const unitVetoed = new Uint8Array(U);
  const leftOutOf = new Map<number, readonly string[]>();
  const unitOfFirm = new Int32Array(N).fill(-1);
  // Summed rows of the units of several firms, appended after the data rows.
  const extra: Partial<Record<AnnualDataField, Rational>>[] = [];
  const extraScale: Scale[] = [];
  /** Firms on `first`'s parcels outside the unit (a unit that lacks them is not charged their land). */
  const leftOutFrom = (first: Enterprise, inUnit: (id: string) => boolean): readonly string[] => {
    if (!asOneUnit || first.parcelIds.length === 0) return NO_IDS;
    const all = sharers.get(first.uscc);
    return all ? all.filter((id) => !inUnit(id)) : NO_IDS;
  };
  let at = 0;
  const single = (u: number, i: number) => {
    start[u] = at;
    member[at++] = i;
    unitOfFirm[i] = u;
    const row = rowOf[i] as number;
    unitRow[u] = row;
    unitScale[u] = row < 0 ? 0 : SCALE_CODE[source.scale[row] as Scale];
    unitTenant[u] = isTenant[i] as number;
    unitVetoed[u] = firmVetoed[i] as number;
    const e = firms[i] as Enterprise;
    if (asOneUnit && e.parcelIds.length > 0) {
      const leftOut = leftOutFrom(e, (id) => id === e.uscc);
      if (leftOut.length > 0) leftOutOf.set(u, leftOut);
    }
  };
  for (let u = 0; u < nSingles; u++) single(u, scorable[u] as number);
  for (const [g, members] of groups.entries()) {
    const u = nSingles + g;
    if (members.length === 1) {
      single(u, indexOf.get((members[0] as Enterprise).uscc) as number);
      continue;
    }
    start[u] = at;
    const first = members[0] as Enterprise;
    const ids = new Set<string>(members.map((m) => m.uscc));
    const leftOut = leftOutFrom(first, (id) => ids.has(id));
    if (leftOut.length > 0) leftOutOf.set(u, leftOut);
    const rowsOf: number[] = [];
    let tenant = 1;
    for (const m of members) {
      const i = indexOf.get(m.uscc) as number;
      member[at++] = i;
      unitOfFirm[i] = u;
      if ((rowOf[i] as number) >= 0) rowsOf.push(rowOf[i] as number);
      if (isTenant[i] === 0) tenant = 0;
      if (firmVetoed[i] === 1) unitVetoed[u] = 1;
    }
    unitTenant[u] = tenant;
    unitRow[u] = -1;
    if (rowsOf.length === 0) continue;
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
    const pids = [...new Set(members.flatMap((m) => m.parcelIds))];
    const known = pids.flatMap((id) => parcels.get(id) ?? []);
    if (leftOut.length === 0 && pids.length > 0 && known.length === pids.length)
      sums.landArea = Quantity.sum(
        'area',
        known.map((p) => p.area),
      ).in('mu');
    const scale: Scale = rowsOf.some((r) => source.scale[r] === 'aboveDesignatedSize')
      ? 'aboveDesignatedSize'
      : 'belowDesignatedSize';
    unitRow[u] = source.length + extra.length;
    unitScale[u] = SCALE_CODE[scale];
    extra.push(sums);
    extraScale.push(scale);
  }
  start[U] = at;
  const units: UnitColumns = {
    count: U,
    start,
    member,
    row: unitRow,
    scale: unitScale,
    tenant: unitTenant,
    vetoed: unitVetoed,
    leftOut: leftOutOf,
  };
  const columns = withRows(source, extra, extraScale).fields;

  // ---- cohorts: membership as Int32Arrays of unit indices ----
  const C = scheme.cohorts.length;
  const cohortOf = (scale: number, tenant: boolean, row: number) => {
    for (let c = 0; c < C; c++) if (inCohort(scheme.cohorts[c] as Cohort, scale, tenant, row, columns)) return c;
    return -1;
  };
  const cohortOfFirm = new Int16Array(N).fill(-1);
  const cohortOfUnit = new Int16Array(U);
  const memberOfUnit = new Int32Array(U);
  const unitsIn = new Int32Array(C);
  const placed = new Array<number>(C).fill(0);
  for (let u = 0; u < U; u++) {
    const c = cohortOf(unitScale[u] as number, unitTenant[u] === 1, unitRow[u] as number);
    cohortOfUnit[u] = c;
    for (let p = start[u] as number; p < (start[u + 1] as number); p++) {
      const i = member[p] as number;
      cohortOfFirm[i] = c;
      if (c < 0) basicReason[i] = 2;
    }
    if (c < 0) continue;
    memberOfUnit[u] = unitsIn[c] as number;
    unitsIn[c] = (unitsIn[c] as number) + 1;
    placed[c] = (placed[c] as number) + ((start[u + 1] as number) - (start[u] as number));
  }
  const exemptIn = new Array<number>(C).fill(0);
  for (const i of exempt) {
    const row = rowOf[i] as number;
    const c = cohortOf(row < 0 ? 0 : SCALE_CODE[source.scale[row] as Scale], isTenant[i] === 1, row);
    cohortOfFirm[i] = c;
    if (c >= 0) {
      placed[c] = (placed[c] as number) + 1;
      exemptIn[c] = (exemptIn[c] as number) + 1;
    }
  }
  const unitsOfCohort = Array.from({ length: C }, (_, c) => new Int32Array(unitsIn[c] as number));
  for (let u = 0; u < U; u++) {
    const c = cohortOfUnit[u] as number;
    if (c >= 0) (unitsOfCohort[c] as Int32Array)[memberOfUnit[u] as number] = u;
  }

  const tenantsOf = new Map<string, number>();
  if (scheme.adjustments.length > 0)
    for (const t of tenancies) tenantsOf.set(t.landlord, (tenantsOf.get(t.landlord) ?? 0) + 1);
  const adjustmentsOf = new Map<number, AppliedAdjustment[]>();
  const scores: CohortScores[] = scheme.cohorts.map((cohort, c) => {
    const list = unitsOfCohort[c] as Int32Array;
    const rows = new Int32Array(list.length);
    const vetoed = new Uint8Array(list.length);
    const adjustments = new Map<number, Rational>();
    for (let j = 0; j < list.length; j++) {
      const u = list[j] as number;
      rows[j] = unitRow[u] as number;
      vetoed[j] = unitVetoed[u] as number;
      if (scheme.adjustments.length === 0) continue;
      const applied: AppliedAdjustment[] = [];
      for (let p = start[u] as number; p < (start[u + 1] as number); p++)
        applied.push(
          ...adjustmentsFor(scheme, cohort.id, firms[member[p] as number] as Enterprise, tenantsOf, input.facts),
        );
      if (applied.length === 0) continue;
      adjustmentsOf.set(u, applied);
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
    if (status[i] === 1) {
      classCode[i] = 4;
      continue;
    }
    const u = unitOfFirm[i] as number;
    const c = cohortOfFirm[i] as number;
    if (u < 0 || c < 0) continue;
    const s = scores[c] as CohortScores;
    const j = memberOfUnit[u] as number;
    if (firmVetoed[i] === 1 || unitVetoed[u] === 1) {
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
    vetoesOf,
    scores,
    reasonsOf,
    basicReason,
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
