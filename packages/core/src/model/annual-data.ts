import { z } from 'zod';
import { Money } from '../quantity/kinds';
import type { Kind, Unit } from '../quantity/units';
import { headcountField, nonNegativeQuantityField, parseWith, quantityField, usccField, yearField } from './fields';

/** 规上 (above designated size) or 规下 (below). */
export const scaleSchema = z.enum(['aboveDesignatedSize', 'belowDesignatedSize']);
export type Scale = z.infer<typeof scaleSchema>;

/** 规模以上工业企业 threshold: 年主营业务收入 2000万元. */
export const DESIGNATED_SIZE_REVENUE = Money.wanYuan('2000');

/** The scale an enterprise with this revenue qualifies for. */
export function scaleForRevenue(revenue: Money): Scale {
  return revenue.compare(DESIGNATED_SIZE_REVENUE) >= 0 ? 'aboveDesignatedSize' : 'belowDesignatedSize';
}

/**
 * The quantity fields of annual data (年度数据指标表), the one table every face derives
 * its list from: kind, default unit, sign rule (`signed`: 税收 and 增加值 may be negative;
 * every other figure must not be; `whole`: 职工人数 counts people), the Chinese term
 * (`label`) and the store's NUMERIC column (`column`, unit in its name). The bulk readers
 * (`parseRegistry`'s records, `loadAnnualDataColumns`), `annualDataToInput`, the store's
 * rows and the GraphQL `AnnualData` / `AnnualDataInput` types take their fields from it,
 * and so do the dataset's `annual-data.csv` columns (`csv`: header, unit in its name;
 * `csvPosition`: place among the figures, kept as files users already have it);
 * a test holds `annualDataSchema` to it field by field.
 */
export const ANNUAL_QUANTITY_FIELDS = {
  tax: {
    kind: 'money',
    unit: 'wanYuan',
    signed: true,
    whole: false,
    label: '税收',
    column: 'tax_wan_yuan',
    csv: 'tax_wan_yuan',
    csvPosition: 1,
  },
  valueAdded: {
    kind: 'money',
    unit: 'wanYuan',
    signed: true,
    whole: false,
    label: '工业增加值',
    column: 'value_added_wan_yuan',
    csv: 'value_added_wan_yuan',
    csvPosition: 2,
  },
  revenue: {
    kind: 'money',
    unit: 'wanYuan',
    signed: false,
    whole: false,
    label: '营业收入',
    column: 'revenue_wan_yuan',
    csv: 'revenue_wan_yuan',
    csvPosition: 0,
  },
  employees: {
    kind: 'headcount',
    unit: 'person',
    signed: false,
    whole: true,
    label: '年平均职工人数',
    column: 'employees',
    csv: 'employees_person',
    csvPosition: 4,
  },
  energy: {
    kind: 'energy',
    unit: 'tce',
    signed: false,
    whole: false,
    label: '综合能耗',
    column: 'energy_tce',
    csv: 'energy_tce',
    csvPosition: 5,
  },
  emissionEquivalent: {
    kind: 'emissionEquivalent',
    unit: 'equivalentTonne',
    signed: false,
    whole: false,
    label: '主要污染物排放当量',
    column: 'emission_equivalent_t',
    csv: 'emission_equivalent_tonne',
    csvPosition: 6,
  },
  rdExpense: {
    kind: 'money',
    unit: 'wanYuan',
    signed: false,
    whole: false,
    label: 'R&D经费',
    column: 'rd_expense_wan_yuan',
    csv: 'rd_expense_wan_yuan',
    csvPosition: 3,
  },
  electricity: {
    kind: 'electricity',
    unit: 'wanKWh',
    signed: false,
    whole: false,
    label: '用电量',
    column: 'electricity_wan_kwh',
    csv: 'electricity_wan_kwh',
    csvPosition: 7,
  },
  landArea: {
    kind: 'area',
    unit: 'mu',
    signed: false,
    whole: false,
    label: '用地面积',
    column: 'land_area_mu',
    csv: 'land_area_mu',
    csvPosition: 8,
  },
  sales: {
    kind: 'money',
    unit: 'wanYuan',
    signed: false,
    whole: false,
    label: '销售收入',
    column: 'sales_wan_yuan',
    csv: 'sales_wan_yuan',
    csvPosition: 9,
  },
  water: {
    kind: 'water',
    unit: 'waterTonne',
    signed: false,
    whole: false,
    label: '用水量',
    column: 'water_t',
    csv: 'water_tonne',
    csvPosition: 10,
  },
  cod: {
    kind: 'emission',
    unit: 'tonne',
    signed: false,
    whole: false,
    label: '化学需氧量(COD)排放量',
    column: 'cod_t',
    csv: 'cod_tonne',
    csvPosition: 11,
  },
} as const satisfies Record<
  string,
  {
    kind: Kind;
    unit: Unit;
    signed: boolean;
    whole: boolean;
    label: string;
    column: string;
    csv: string;
    csvPosition: number;
  }
>;
/** The annual-data quantity fields in table order. */
export const ANNUAL_QUANTITY_FIELD_NAMES = Object.freeze(
  Object.keys(ANNUAL_QUANTITY_FIELDS) as (keyof typeof ANNUAL_QUANTITY_FIELDS)[],
);
export type AnnualQuantityField = keyof typeof ANNUAL_QUANTITY_FIELDS;

/** The annual-data quantity fields in the order of `annual-data.csv`'s columns (`csvPosition`). */
export const ANNUAL_CSV_FIELD_NAMES: readonly AnnualQuantityField[] = Object.freeze(
  [...ANNUAL_QUANTITY_FIELD_NAMES].sort(
    (a, b) => ANNUAL_QUANTITY_FIELDS[a].csvPosition - ANNUAL_QUANTITY_FIELDS[b].csvPosition,
  ),
);

/**
 * One enterprise's figures for one year (年度数据). Quantities are given as a
 * decimal string in the default unit named below, or as `{ value, unit }`.
 * Any figure may be missing: evaluation schemes say what a gap means.
 *
 * - `tax` 税收 (万元), `valueAdded` 工业增加值 (万元), `revenue` 营业收入 (万元)
 * - `employees` 年平均职工人数 (人)
 * - `energy` 综合能耗 (吨标准煤)
 * - `emissionEquivalent` 主要污染物排放当量 (当量吨)
 * - `rdExpense` R&D 经费 (万元)
 * - `electricity` 用电量 (万千瓦时)
 * - `landArea` 用地面积 (亩): land the enterprise uses that year
 * - `sales` 销售收入 (万元), `water` 用水量 (吨), `cod` 化学需氧量(COD)排放量 (吨)
 *
 * Rule: a 规上 enterprise has 营业收入 of at least 2000万元.
 */
export const annualDataSchema = z
  .object({
    uscc: usccField,
    year: yearField,
    scale: scaleSchema,
    tax: quantityField('money', 'wanYuan').optional(),
    valueAdded: quantityField('money', 'wanYuan').optional(),
    revenue: nonNegativeQuantityField('money', 'wanYuan').optional(),
    employees: headcountField.optional(),
    energy: nonNegativeQuantityField('energy', 'tce').optional(),
    emissionEquivalent: nonNegativeQuantityField('emissionEquivalent', 'equivalentTonne').optional(),
    rdExpense: nonNegativeQuantityField('money', 'wanYuan').optional(),
    electricity: nonNegativeQuantityField('electricity', 'wanKWh').optional(),
    landArea: nonNegativeQuantityField('area', 'mu').optional(),
    sales: nonNegativeQuantityField('money', 'wanYuan').optional(),
    water: nonNegativeQuantityField('water', 'waterTonne').optional(),
    cod: nonNegativeQuantityField('emission', 'tonne').optional(),
  })
  .superRefine((d, ctx) => {
    if (d.scale === 'aboveDesignatedSize') {
      if (!d.revenue) {
        ctx.addIssue({
          code: 'custom',
          path: ['revenue'],
          message: '规上 needs 营业收入 to show it reaches 2000万元',
          params: { rule: 'scale.revenueRequired' },
        });
      } else if (scaleForRevenue(d.revenue) !== 'aboveDesignatedSize') {
        ctx.addIssue({
          code: 'custom',
          path: ['revenue'],
          message: `规上 means 营业收入 of at least 2000万元, got ${d.revenue.format('wanYuan', { places: 2 })}`,
          params: { rule: 'scale.designatedSizeRevenue' },
        });
      }
    }
  });
export type EnterpriseAnnualData = z.output<typeof annualDataSchema>;
export type EnterpriseAnnualDataInput = z.input<typeof annualDataSchema>;

/**
 * Validates one year of one enterprise's data. @throws ValidationError naming each bad field
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { parseAnnualData, per } from '@mujun/core';
 *
 * const data = parseAnnualData({ uscc: '91330100799655058B', year: 2018, scale: 'belowDesignatedSize', tax: '12.5', landArea: '5' });
 * assert.ok(data.tax && data.landArea);
 * assert.equal(per(data.tax, data.landArea).format({ places: 2 }), '2.50万元/亩'); // 万元 and 亩 by default
 * assert.throws(() => parseAnnualData({ uscc: '91330100799655058B', year: 2018, scale: 'belowDesignatedSize', tax: 12.5 }));
 * ```
 */
export function parseAnnualData(input: unknown): EnterpriseAnnualData {
  return parseWith(annualDataSchema, input, 'annualData');
}
