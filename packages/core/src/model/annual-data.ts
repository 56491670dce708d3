import { z } from 'zod';
import { ANNUAL_FIELD_LABELS, type DATA_SOURCE_LABELS } from '../labels';
import { Money } from '../quantity/kinds';
import type { Kind, Unit, UnitOf } from '../quantity/units';
import { nonNegativeQuantityField, parseWith, quantityField, usccField, wholeQuantityRule, yearField } from './fields';

/** 规上 (above designated size) or 规下 (below). */
export const scaleSchema = z.enum(['aboveDesignatedSize', 'belowDesignatedSize']);
export type Scale = z.infer<typeof scaleSchema>;

/** 规模以上工业企业 threshold: 年主营业务收入 2000万元. */
export const DESIGNATED_SIZE_REVENUE = Money.wanYuan('2000');

/** The scale an enterprise with this revenue qualifies for. */
export function scaleForRevenue(revenue: Money): Scale {
  return revenue.compare(DESIGNATED_SIZE_REVENUE) >= 0 ? 'aboveDesignatedSize' : 'belowDesignatedSize';
}

/** What department spreadsheets usually say about money: the unit goes in the header or a unit column. */
const MONEY_UNIT_NOTE = '单位写在表头括号内，如“(万元)”“(元)”，或另设“单位”列';

/**
 * Where a figure sits in the department templates (数据模板) and how intake
 * recognises its column.
 */
export interface AnnualFieldTemplate {
  /** The department that sends the figure (数据来源, see `DATA_SOURCE_LABELS`). */
  readonly source: keyof typeof DATA_SOURCE_LABELS;
  /** Place among the templates' figure columns (a source's columns follow this order), 0..n-1. */
  readonly position: number;
  /** The header a blank template writes (without the unit; no brackets, which would read as a unit). */
  readonly header: string;
  /** Other headers departments use for it, matched after NFKC and without spaces. */
  readonly synonyms: readonly string[];
  /**
   * The source's file must have this column; the source's required figures are also
   * the ones whose presence means a firm has that source's data (completeness).
   */
  readonly required: boolean;
  /** The note written on the template's header cell (what to enter, the unit). */
  readonly note: string;
}

/**
 * The quantity fields of annual data (年度数据指标表), the one table every face derives
 * its list from: kind, default unit, sign rule (`signed`: 税收 and 增加值 may be negative;
 * every other figure must not be; `whole`: 职工人数 counts people), the Chinese term
 * (`label`: written in `ANNUAL_FIELD_LABELS` with every other label, which must name
 * exactly these fields) and the store's NUMERIC column (`column`, unit in its name). The bulk readers
 * (`parseRegistry`'s records, `loadAnnualDataColumns`), `annualDataToInput`, the store's
 * rows and the GraphQL `AnnualData` / `AnnualDataInput` types take their fields from it,
 * and so do the dataset's `annual-data.csv` columns (`csv`: header, unit in its name;
 * `csvPosition`: place among the figures, kept as files users already have it),
 * `annualDataSchema`'s figure fields, and intake's department templates and the
 * headers it recognises (`template`: source, column order, header, synonyms,
 * required, note). `test/model/annual-fields.test.ts` fails when a face misses a row.
 */
export const ANNUAL_QUANTITY_FIELDS = {
  tax: {
    kind: 'money',
    unit: 'wanYuan',
    signed: true,
    whole: false,
    label: ANNUAL_FIELD_LABELS.tax,
    column: 'tax_wan_yuan',
    csv: 'tax_wan_yuan',
    csvPosition: 1,
    template: {
      source: 'tax',
      position: 0,
      header: '实缴税金',
      synonyms: ['税收合计', '入库税金', '实缴税收', '税收', '税收收入', '实际入库税金', '实缴税额'],
      required: true,
      note: `企业全年实际入库税金（不含减免退税）；${MONEY_UNIT_NOTE}`,
    },
  },
  valueAdded: {
    kind: 'money',
    unit: 'wanYuan',
    signed: true,
    whole: false,
    label: ANNUAL_FIELD_LABELS.valueAdded,
    column: 'value_added_wan_yuan',
    csv: 'value_added_wan_yuan',
    csvPosition: 2,
    template: {
      source: 'statistics',
      position: 2,
      header: '工业增加值',
      synonyms: ['增加值'],
      required: false,
      note: MONEY_UNIT_NOTE,
    },
  },
  revenue: {
    kind: 'money',
    unit: 'wanYuan',
    signed: false,
    whole: false,
    label: ANNUAL_FIELD_LABELS.revenue,
    column: 'revenue_wan_yuan',
    csv: 'revenue_wan_yuan',
    csvPosition: 0,
    template: {
      source: 'statistics',
      position: 1,
      header: '营业收入',
      synonyms: ['主营业务收入', '营收', '营业总收入'],
      required: true,
      note: `规上企业营业收入不低于2000万元；${MONEY_UNIT_NOTE}`,
    },
  },
  employees: {
    kind: 'headcount',
    unit: 'person',
    signed: false,
    whole: true,
    label: ANNUAL_FIELD_LABELS.employees,
    column: 'employees',
    csv: 'employees_person',
    csvPosition: 4,
    template: {
      source: 'statistics',
      position: 3,
      header: '年平均职工人数',
      synonyms: ['从业人员平均人数', '年平均从业人员', '职工人数', '从业人员'],
      required: false,
      note: '整数（人）',
    },
  },
  energy: {
    kind: 'energy',
    unit: 'tce',
    signed: false,
    whole: false,
    label: ANNUAL_FIELD_LABELS.energy,
    column: 'energy_tce',
    csv: 'energy_tce',
    csvPosition: 5,
    template: {
      source: 'energy',
      position: 10,
      header: '综合能耗',
      synonyms: ['综合能源消费量', '能源消费总量', '综合能源消费总量'],
      required: true,
      note: '单位：吨标准煤',
    },
  },
  emissionEquivalent: {
    kind: 'emissionEquivalent',
    unit: 'equivalentTonne',
    signed: false,
    whole: false,
    label: ANNUAL_FIELD_LABELS.emissionEquivalent,
    column: 'emission_equivalent_t',
    csv: 'emission_equivalent_tonne',
    csvPosition: 6,
    template: {
      source: 'environment',
      position: 8,
      header: '主要污染物排放当量',
      synonyms: ['污染物排放当量', '排放当量', '主要污染物排放量'],
      required: true,
      note: '单位：当量吨',
    },
  },
  rdExpense: {
    kind: 'money',
    unit: 'wanYuan',
    signed: false,
    whole: false,
    label: ANNUAL_FIELD_LABELS.rdExpense,
    column: 'rd_expense_wan_yuan',
    csv: 'rd_expense_wan_yuan',
    csvPosition: 3,
    template: {
      source: 'statistics',
      position: 4,
      header: 'R&D经费',
      synonyms: ['研发经费', '研发费用', 'R&D经费支出', '研究与试验发展经费'],
      required: false,
      note: MONEY_UNIT_NOTE,
    },
  },
  electricity: {
    kind: 'electricity',
    unit: 'wanKWh',
    signed: false,
    whole: false,
    label: ANNUAL_FIELD_LABELS.electricity,
    column: 'electricity_wan_kwh',
    csv: 'electricity_wan_kwh',
    csvPosition: 7,
    template: {
      source: 'electricity',
      position: 6,
      header: '用电量',
      synonyms: ['年用电量', '全年用电量', '售电量', '总用电量'],
      required: true,
      note: '单位：万千瓦时、千瓦时或度，写在表头括号内或“单位”列',
    },
  },
  landArea: {
    kind: 'area',
    unit: 'mu',
    signed: false,
    whole: false,
    label: ANNUAL_FIELD_LABELS.landArea,
    column: 'land_area_mu',
    csv: 'land_area_mu',
    csvPosition: 8,
    template: {
      source: 'land',
      position: 7,
      header: '用地面积',
      synonyms: ['土地面积', '占地面积', '实际用地面积', '用地'],
      required: true,
      note: '单位：亩、平方米或公顷（平方米按1亩=10000/15平方米精确换算）',
    },
  },
  sales: {
    kind: 'money',
    unit: 'wanYuan',
    signed: false,
    whole: false,
    label: ANNUAL_FIELD_LABELS.sales,
    column: 'sales_wan_yuan',
    csv: 'sales_wan_yuan',
    csvPosition: 9,
    template: {
      source: 'statistics',
      position: 5,
      header: '销售收入',
      synonyms: ['销售产值'],
      required: false,
      note: MONEY_UNIT_NOTE,
    },
  },
  water: {
    kind: 'water',
    unit: 'waterTonne',
    signed: false,
    whole: false,
    label: ANNUAL_FIELD_LABELS.water,
    column: 'water_t',
    csv: 'water_tonne',
    csvPosition: 10,
    template: {
      source: 'energy',
      position: 11,
      header: '用水量',
      synonyms: ['年用水量'],
      required: false,
      note: '单位：吨',
    },
  },
  cod: {
    kind: 'emission',
    unit: 'tonne',
    signed: false,
    whole: false,
    label: ANNUAL_FIELD_LABELS.cod,
    column: 'cod_t',
    csv: 'cod_tonne',
    csvPosition: 11,
    template: {
      source: 'environment',
      position: 9,
      header: '化学需氧量排放量',
      synonyms: ['COD排放量', 'COD'],
      required: false,
      note: '单位：吨',
    },
  },
} as const satisfies {
  readonly [F in keyof typeof ANNUAL_FIELD_LABELS]: {
    kind: Kind;
    unit: Unit;
    signed: boolean;
    whole: boolean;
    label: string;
    column: string;
    csv: string;
    csvPosition: number;
    template: AnnualFieldTemplate;
  };
};
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

/** The annual-data quantity fields in the order of the department templates' figure columns (`template.position`). */
export const ANNUAL_TEMPLATE_FIELD_NAMES: readonly AnnualQuantityField[] = Object.freeze(
  [...ANNUAL_QUANTITY_FIELD_NAMES].sort(
    (a, b) => ANNUAL_QUANTITY_FIELDS[a].template.position - ANNUAL_QUANTITY_FIELDS[b].template.position,
  ),
);

type Fields = typeof ANNUAL_QUANTITY_FIELDS;

/** The zod field of one figure: its kind and default unit, then the row's sign and whole-number rules. */
function figureField<K extends Kind>(row: {
  readonly kind: K;
  readonly unit: Unit;
  readonly signed: boolean;
  readonly whole: boolean;
}) {
  const unit = row.unit as UnitOf<K>;
  const field = row.signed ? quantityField(row.kind, unit) : nonNegativeQuantityField(row.kind, unit);
  return row.whole ? field.superRefine(wholeQuantityRule) : field;
}

/** The figure fields of `annualDataSchema`, one per row of `ANNUAL_QUANTITY_FIELDS`, all optional. */
const figureShape = Object.fromEntries(
  ANNUAL_QUANTITY_FIELD_NAMES.map((f) => [f, figureField(ANNUAL_QUANTITY_FIELDS[f]).optional()]),
) as unknown as { [F in AnnualQuantityField]: z.ZodOptional<ReturnType<typeof quantityField<Fields[F]['kind']>>> };

/**
 * One enterprise's figures for one year (年度数据): `uscc`, `year`, `scale`
 * and one optional figure per row of `ANNUAL_QUANTITY_FIELDS` (税收 `tax`,
 * 工业增加值 `valueAdded`, 营业收入 `revenue`, ...; the table gives each
 * one's Chinese term, kind, default unit and sign rule). Quantities are given
 * as a decimal string in the field's default unit, or as `{ value, unit }`.
 * Any figure may be missing: evaluation schemes say what a gap means.
 * `landArea` 用地面积 is the land the enterprise uses that year.
 *
 * Rule: a 规上 enterprise has 营业收入 of at least 2000万元.
 */
export const annualDataSchema = z
  .object({
    uscc: usccField,
    year: yearField,
    scale: scaleSchema,
    // The figures, one field per row of ANNUAL_QUANTITY_FIELDS.
    ...figureShape,
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
