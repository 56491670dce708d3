import { Rational } from '../exact/rational';
import { INDICATOR_LABELS, INDICATOR_UNIT_LABELS } from '../labels';
import {
  ANNUAL_QUANTITY_FIELD_NAMES,
  ANNUAL_QUANTITY_FIELDS,
  type AnnualQuantityField,
  type EnterpriseAnnualData,
} from '../model/annual-data';
import type { Quantity } from '../quantity/quantity';
import { type Kind, UNITS, type Unit } from '../quantity/units';

/** Identifier of an evaluation indicator (评价指标), e.g. `taxPerMu` 亩均税收. */
export type IndicatorId = keyof typeof INDICATOR_LABELS;

/** Every indicator id, in registry order. */
export const INDICATOR_IDS = Object.keys(INDICATOR_LABELS) as [IndicatorId, ...IndicatorId[]];

/** The quantity fields of `EnterpriseAnnualData` an indicator can read (the rows of `ANNUAL_QUANTITY_FIELDS`). */
export type AnnualDataField = AnnualQuantityField;

const fieldMap = <V>(f: (field: AnnualDataField) => V) =>
  Object.fromEntries(ANNUAL_QUANTITY_FIELD_NAMES.map((name) => [name, f(name)])) as {
    readonly [F in AnnualDataField]: V;
  };

/** Kind of each annual-data field (from `ANNUAL_QUANTITY_FIELDS`). */
export const ANNUAL_DATA_FIELD_KIND: { readonly [F in AnnualDataField]: Kind } = fieldMap(
  (f) => ANNUAL_QUANTITY_FIELDS[f].kind,
);

/** Display units of a field: every indicator value is numerator-in-unit / denominator-in-unit (from `ANNUAL_QUANTITY_FIELDS`). */
export const ANNUAL_DATA_FIELD_UNIT: { readonly [F in AnnualDataField]: Unit } = fieldMap(
  (f) => ANNUAL_QUANTITY_FIELDS[f].unit,
);

/**
 * An indicator: numerator field / denominator field of the annual data,
 * each in its display unit, so the value reads in `unitLabel` (万元/亩, ...).
 */
export interface IndicatorDefinition {
  readonly id: IndicatorId;
  /** Chinese name, e.g. 亩均税收. */
  readonly label: string;
  readonly numerator: AnnualDataField;
  readonly denominator: AnnualDataField;
  /** From `INDICATOR_UNIT_LABELS`, e.g. `万元/亩`, `万元/吨水`; empty for a pure ratio (R&D 占比). */
  readonly unitLabel: string;
}

function define(id: IndicatorId, numerator: AnnualDataField, denominator: AnnualDataField) {
  const label = INDICATOR_LABELS[id];
  return { id, label, numerator, denominator, unitLabel: INDICATOR_UNIT_LABELS[id] } satisfies IndicatorDefinition;
}

/**
 * The indicator registry (评价指标库). Values are exact quotients:
 * - 亩均税收 `taxPerMu` = 税收 / 用地面积 (万元/亩); 亩均增加值, 亩均营业收入, 亩均销售收入 alike
 * - 单位能耗增加值 `valueAddedPerEnergy` = 增加值 / 综合能耗 (万元/吨标准煤)
 * - 单位排放增加值 `valueAddedPerEmission` = 增加值 / 主要污染物排放当量 (万元/当量吨)
 * - 单位COD排放增加值 `valueAddedPerCod` = 增加值 / COD 排放量 (万元/吨COD)
 * - 单位用水量增加值 `valueAddedPerWater` = 增加值 / 用水量 (万元/吨水)
 * - 全员劳动生产率 `laborProductivity` = 增加值 / 年平均职工人数 (万元/人·年)
 * - R&D经费占营业收入比 `rdIntensity` = R&D 经费 / 营业收入 (a ratio)
 * - 单位电耗税收 `taxPerElectricity` = 税收 / 用电量 (万元/万千瓦时)
 */
export const INDICATORS: { readonly [I in IndicatorId]: IndicatorDefinition } = {
  taxPerMu: define('taxPerMu', 'tax', 'landArea'),
  valueAddedPerMu: define('valueAddedPerMu', 'valueAdded', 'landArea'),
  revenuePerMu: define('revenuePerMu', 'revenue', 'landArea'),
  salesPerMu: define('salesPerMu', 'sales', 'landArea'),
  valueAddedPerEnergy: define('valueAddedPerEnergy', 'valueAdded', 'energy'),
  valueAddedPerEmission: define('valueAddedPerEmission', 'valueAdded', 'emissionEquivalent'),
  valueAddedPerCod: define('valueAddedPerCod', 'valueAdded', 'cod'),
  valueAddedPerWater: define('valueAddedPerWater', 'valueAdded', 'water'),
  laborProductivity: define('laborProductivity', 'valueAdded', 'employees'),
  rdIntensity: define('rdIntensity', 'rdExpense', 'revenue'),
  taxPerElectricity: define('taxPerElectricity', 'tax', 'electricity'),
};

/** A field's amount in its display unit, or undefined when not reported. */
export function fieldAmount(data: Partial<EnterpriseAnnualData>, field: AnnualDataField): Rational | undefined {
  const q = data[field] as Quantity<Kind> | undefined;
  if (q === undefined) return undefined;
  return q.base.dividedBy(Rational.of(UNITS[ANNUAL_DATA_FIELD_UNIT[field]].factor));
}

/** Why an indicator has no value for a firm. */
export type MissingReason = 'numerator' | 'denominator' | 'zeroDenominator';

/** An indicator's exact parts for one firm: numerator and denominator in display units. */
export type IndicatorParts =
  | { readonly ok: true; readonly numerator: Rational; readonly denominator: Rational; readonly value: Rational }
  | { readonly ok: false; readonly missing: MissingReason };

/**
 * The exact value of an indicator for one firm's data, with its parts.
 * A missing field or a zero denominator gives `{ ok: false }`: the scheme's
 * missing-data policy decides what that means.
 */
export function indicatorParts(id: IndicatorId, data: Partial<EnterpriseAnnualData>): IndicatorParts {
  const def = INDICATORS[id];
  const n = fieldAmount(data, def.numerator);
  if (n === undefined) return { ok: false, missing: 'numerator' };
  const d = fieldAmount(data, def.denominator);
  if (d === undefined) return { ok: false, missing: 'denominator' };
  if (d.isZero()) return { ok: false, missing: 'zeroDenominator' };
  return { ok: true, numerator: n, denominator: d, value: n.dividedBy(d) };
}

/** The exact value of an indicator, or undefined when it cannot be computed. */
export function indicatorValue(id: IndicatorId, data: Partial<EnterpriseAnnualData>): Rational | undefined {
  const p = indicatorParts(id, data);
  return p.ok ? p.value : undefined;
}

/**
 * Converts a value given in other units (e.g. 单位电耗税收 2 元/千瓦时) to the
 * indicator's display units (2 万元/万千瓦时). Units must be of the indicator's kinds.
 */
export function toIndicatorUnits(id: IndicatorId, value: Rational, units: { num: Unit; den: Unit }): Rational {
  const def = INDICATORS[id];
  const dn = UNITS[ANNUAL_DATA_FIELD_UNIT[def.numerator]];
  const dd = UNITS[ANNUAL_DATA_FIELD_UNIT[def.denominator]];
  const gn = UNITS[units.num];
  const gd = UNITS[units.den];
  return value.times(Rational.of(gn.factor * dd.factor, gd.factor * dn.factor));
}
