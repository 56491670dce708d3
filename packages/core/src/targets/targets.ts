import { z } from 'zod';
import { getMeasure, MEASURES, type MeasureName, type MeasureUnit } from '../campaign/measures';
import { type FieldIssue, ValidationError } from '../errors';
import { Rational } from '../exact/rational';
import type { IsoDate } from '../model/date';
import { decimalString, divisionCodeField, idField, isoDateField, plainText, toFieldIssues } from '../model/fields';
import type { Region } from '../model/region';
import { Quantity } from '../quantity/quantity';
import { UNITS, type Unit } from '../quantity/units';
import type { RuleId } from '../rules';

/** 不少于 (`atLeast`, >=) or 不超过 (`atMost`, <=). */
export const comparatorSchema = z.enum(['atLeast', 'atMost']);
export type Comparator = z.infer<typeof comparatorSchema>;

/** A period, both ends inclusive. */
export interface Period {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/**
 * 目标任务: a value a measure must reach (不少于) or stay within (不超过) over
 * a period, for the city, a town or a category. `children` break it down by
 * town or by category (3000亩 = 1000 闲置 + 1000 园区内低效 + 1000 园区外低散乱);
 * they share the parent's measure, comparator and unit.
 */
export interface Target {
  readonly id: string;
  readonly label: string | undefined;
  readonly measure: MeasureName;
  readonly townCode: string | undefined;
  readonly category: string | undefined;
  readonly comparator: Comparator;
  /** In `unit`, the measure's unit. */
  readonly value: Rational;
  readonly unit: MeasureUnit;
  readonly period: Period;
  readonly children: readonly Target[];
}

const valueInput = z.union([
  decimalString.transform((value) => ({ value, unit: undefined as string | undefined })),
  z.object({ value: decimalString, unit: z.string() }),
]);

/**
 * A target as plain JSON. A child may leave out `measure`, `comparator` and
 * `period`: it takes its parent's. `value` is a decimal string in the
 * measure's unit, or `{ value, unit }` (any area unit for an area measure:
 * `{ "value": "5", "unit": "wanSquareMetre" }` for 5万平方米).
 */
export interface TargetInput {
  readonly id: string;
  readonly label?: string;
  readonly measure?: string;
  readonly townCode?: string;
  readonly category?: string;
  readonly comparator?: Comparator;
  readonly value: string | number | { readonly value: string | number; readonly unit: string };
  readonly period?: { readonly from: string; readonly to: string };
  readonly children?: readonly TargetInput[];
}

const targetInputSchema = z.object({
  id: idField,
  label: plainText(z.string().min(1).max(200)).optional(),
  measure: z.string().optional(),
  townCode: divisionCodeField.optional(),
  category: z.string().optional(),
  comparator: comparatorSchema.optional(),
  value: valueInput,
  period: z.object({ from: isoDateField, to: isoDateField }).optional(),
  children: z.array(z.unknown()).optional(),
});

/** The measure unit a target unit converts to, with the factor. */
function convert(measureUnit: MeasureUnit, value: Rational, unit: string | undefined): Rational | undefined {
  if (unit === undefined || unit === measureUnit) return value;
  if ((measureUnit === 'mu' || measureUnit === 'squareMetre') && Object.hasOwn(UNITS, unit)) {
    if (UNITS[unit as Unit].kind !== 'area') return undefined;
    return Quantity.of('area', value, unit as 'mu').in(measureUnit);
  }
  return undefined;
}

interface Inherited {
  readonly measure: string | undefined;
  readonly comparator: Comparator;
  readonly period: Period | undefined;
  readonly townCode: string | undefined;
  readonly category: string | undefined;
}

function build(input: unknown, path: string, parent: Inherited | undefined, issues: FieldIssue[]): Target | undefined {
  const r = targetInputSchema.safeParse(input);
  if (!r.success) {
    for (const x of toFieldIssues(r.error, path)) issues.push(x);
    return undefined;
  }
  const t = r.data;
  const at = (field: string) => `${path}.${field}`;
  const issue = (field: string, rule: RuleId, message: string) => issues.push({ field: at(field), rule, message });
  const measureName = t.measure ?? parent?.measure;
  if (measureName === undefined) {
    issue('measure', 'target.measureRequired', 'a target names the measure it is on');
    return undefined;
  }
  if (!Object.hasOwn(MEASURES, measureName)) {
    issue('measure', 'measure.unknown', `no measure named "${measureName}"`);
    return undefined;
  }
  const m = getMeasure(measureName);
  const period = t.period ?? parent?.period;
  if (!period) {
    issue('period', 'target.periodRequired', 'a target names its period');
    return undefined;
  }
  if (period.from > period.to) issue('period.to', 'period.order', `period ends ${period.to} before it starts`);
  const comparator = t.comparator ?? parent?.comparator ?? 'atLeast';
  const value = convert(m.unit, t.value.value, t.value.unit);
  if (value === undefined) {
    issue('value.unit', 'target.unit', `${measureName} is counted in ${m.unit}, not ${t.value.unit}`);
  }
  const townCode = t.townCode ?? parent?.townCode;
  const category = t.category ?? parent?.category;
  if (category !== undefined) {
    const ok = m.categories.includes(category) || (m.categoryDimension === 'landCategory' && category === 'idle');
    if (!ok) issue('category', 'measure.category', `${measureName} has no category "${category}"`);
  }
  if (parent) {
    if (parent.measure !== measureName) {
      issue('measure', 'target.childMeasure', `a breakdown keeps the measure ${parent.measure}`);
    }
    if (parent.comparator !== comparator)
      issue('comparator', 'target.childComparator', 'a breakdown keeps the comparator');
    if (parent.period && (parent.period.from !== period.from || parent.period.to !== period.to)) {
      issue('period', 'target.childPeriod', 'a breakdown keeps the period');
    }
    const byTown = parent.townCode === undefined && townCode !== undefined && parent.category === category;
    const byCategory = parent.category === undefined && category !== undefined && parent.townCode === townCode;
    if (!byTown && !byCategory) {
      issue('townCode', 'target.childScope', 'a child narrows its parent to one town or to one category');
    }
  }
  const inherited: Inherited = { measure: measureName, comparator, period, townCode, category };
  const children: Target[] = [];
  (t.children ?? []).forEach((c, i) => {
    const child = build(c, `${path}.children.${i}`, inherited, issues);
    if (child) children.push(child);
  });
  if (children.length > 0) {
    if (!m.additive)
      issue('children', 'target.notAdditive', `${measureName} does not add up, so it cannot be broken down`);
    const kinds = new Set(children.map((c) => (c.townCode !== townCode ? 'town' : 'category')));
    if (kinds.size > 1) issue('children', 'target.childKind', 'break a target down by town or by category, not both');
    const keys = children.map((c) => `${c.townCode}|${c.category}`);
    if (new Set(keys).size !== keys.length) issue('children', 'target.childDuplicate', 'two children have one scope');
  }
  return {
    id: t.id,
    label: t.label,
    measure: measureName as MeasureName,
    townCode,
    category,
    comparator,
    value: value ?? Rational.ZERO,
    unit: m.unit,
    period,
    children,
  };
}

/** Every target of a tree, depth first, parent before children. */
export function flattenTargets(target: Target): Target[] {
  return [target, ...target.children.flatMap(flattenTargets)];
}

/**
 * Builds and checks a target tree: measures exist, units fit, categories
 * belong to the measure, children narrow the scope by town or by category
 * and keep measure, comparator and period; ids are unique; towns are in
 * `region` when one is given. A breakdown that does not add up is *not* an
 * error here: `checkBreakdown` reports it.
 * @throws ValidationError listing every broken rule
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { checkBreakdown, defineTarget } from '@mujun/core/targets';
 *
 * const target = defineTarget({
 *   id: 'signed', measure: 'vacatingSigned', period: { from: '2019-01-01', to: '2019-12-31' }, value: '300',
 *   children: [
 *     { id: 'signed-sm', townCode: '330483108000', value: '200' },
 *     { id: 'signed-zq', townCode: '330483105000', value: '150' },
 *   ],
 * });
 * assert.equal(target.children.length, 2);
 * // The towns ask for 50 more than the city: reported, not refused (自我加压).
 * assert.equal(checkBreakdown(target)[0]?.difference.toString(), '50');
 * ```
 */
export function defineTarget(input: TargetInput | unknown, region?: Region): Target {
  const issues: FieldIssue[] = [];
  const target = build(input, 'target', undefined, issues);
  if (target) {
    const seen = new Set<string>();
    const all = flattenTargets(target);
    for (const t of all) {
      if (seen.has(t.id))
        issues.push({ field: 'target.id', rule: 'unique', message: `target id ${t.id} is used twice` });
      seen.add(t.id);
      if (region && t.townCode !== undefined && !region.towns.some((x) => x.code === t.townCode)) {
        issues.push({
          field: 'target.townCode',
          rule: 'reference.town',
          message: `town ${t.townCode} of target ${t.id} is not in ${region.name}`,
        });
      }
    }
  }
  if (issues.length > 0 || !target) throw new ValidationError(issues);
  return target;
}

/** A breakdown whose children do not add up to the parent. */
export interface BreakdownMismatch {
  readonly targetId: string;
  readonly parentValue: Rational;
  readonly childrenSum: Rational;
  /** childrenSum − parentValue: positive when the children ask for more (自我加压). */
  readonly difference: Rational;
}

/** Every breakdown in the tree whose children do not sum to their parent. */
export function checkBreakdown(target: Target): BreakdownMismatch[] {
  const out: BreakdownMismatch[] = [];
  for (const t of flattenTargets(target)) {
    const m = breakdownMismatch(t);
    if (m) out.push(m);
  }
  return out;
}

/** The mismatch of one target's direct children, if any. */
export function breakdownMismatch(t: Target): BreakdownMismatch | undefined {
  if (t.children.length === 0) return undefined;
  const childrenSum = Rational.sum(t.children.map((c) => c.value));
  if (childrenSum.equals(t.value)) return undefined;
  return { targetId: t.id, parentValue: t.value, childrenSum, difference: childrenSum.minus(t.value) };
}
