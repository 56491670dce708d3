import type { Kind, Unit } from '@mujun/core';
import { DATA_SOURCE_LABELS } from '@mujun/core/labels';
import { ANNUAL_QUANTITY_FIELDS, ANNUAL_TEMPLATE_FIELD_NAMES, type AnnualQuantityField } from '@mujun/core/model';

/** A department that sends figures (数据来源): see `DATA_SOURCE_LABELS`. */
export type SourceId = keyof typeof DATA_SOURCE_LABELS;

/** Every source, in the order the 亩均办 usually collects them. */
export const SOURCE_IDS = Object.keys(DATA_SOURCE_LABELS) as [SourceId, ...SourceId[]];

/** The annual-data quantity fields a department can give: the rows of core's `ANNUAL_QUANTITY_FIELDS`. */
export type QuantityField = AnnualQuantityField;

/** A field a template column fills: a key, 规上/规下, the year, or a quantity. */
export type TemplateField = 'uscc' | 'name' | 'scale' | 'year' | QuantityField;

export interface TemplateColumn {
  readonly field: TemplateField;
  /** The header mujun writes (without the unit). */
  readonly header: string;
  /** Other headers departments use for it, matched after NFKC and without spaces. */
  readonly synonyms: readonly string[];
  /** Quantities: their kind and the unit assumed when neither header nor unit column names one. */
  readonly kind?: Kind;
  readonly unit?: Unit;
  /** The header row must have this column. */
  readonly required: boolean;
  /** The note written on the template's header cell. */
  readonly note: string;
}

/** 数据模板: one department's spreadsheet layout, as data. */
export interface SourceTemplate {
  readonly id: SourceId;
  /** 税务, 统计, ... */
  readonly label: string;
  /** The title written above the header row of a blank template. */
  readonly title: string;
  readonly columns: readonly TemplateColumn[];
  /** The quantity fields whose presence means a firm has this source's data (completeness). */
  readonly presence: readonly QuantityField[];
}

const USCC: TemplateColumn = {
  field: 'uscc',
  header: '统一社会信用代码',
  synonyms: ['社会信用代码', '信用代码', '统一代码', '纳税人识别号', 'uscc'],
  required: false,
  note: '18位统一社会信用代码（请将本列设为文本格式）；缺失时按企业名称匹配并标记',
};
const NAME: TemplateColumn = {
  field: 'name',
  header: '企业名称',
  synonyms: ['单位名称', '纳税人名称', '企业', '名称', '用户名称', '户名'],
  required: false,
  note: '企业全称，与工商登记一致',
};
const YEAR: TemplateColumn = {
  field: 'year',
  header: '年度',
  synonyms: ['年份', '统计年度'],
  required: false,
  note: '可选；填写时须与导入年度一致',
};

/** A figure's column, as core's `ANNUAL_QUANTITY_FIELDS` row says (`template`: header, synonyms, ...; kind, unit). */
function quantityColumn(field: QuantityField): TemplateColumn {
  const row = ANNUAL_QUANTITY_FIELDS[field];
  const { header, synonyms, required, note } = row.template;
  return { field, header, synonyms, kind: row.kind, unit: row.unit, required, note };
}

/**
 * A source's template: its key columns, then the figures core's table gives
 * it, in the table's template order; the required figures are the ones whose
 * presence means a firm has the source's data.
 */
function template(id: SourceId, title: string, keys: readonly TemplateColumn[]): SourceTemplate {
  const fields = ANNUAL_TEMPLATE_FIELD_NAMES.filter((f) => ANNUAL_QUANTITY_FIELDS[f].template.source === id);
  return {
    id,
    label: DATA_SOURCE_LABELS[id],
    title,
    presence: fields.filter((f) => ANNUAL_QUANTITY_FIELDS[f].template.required),
    columns: [...keys, ...fields.map(quantityColumn)],
  };
}

const SCALE: TemplateColumn = {
  field: 'scale',
  header: '规模',
  synonyms: ['企业规模', '规上规下', '规上/规下', '是否规上', '是否规上企业'],
  required: true,
  note: '规上 或 规下（是否规上：是/否）',
};

/**
 * The six department templates. Headers and synonyms are what county
 * spreadsheets actually say; the figure columns come from core's
 * `ANNUAL_QUANTITY_FIELDS` (`template`).
 */
export const TEMPLATES: { readonly [S in SourceId]: SourceTemplate } = {
  tax: template('tax', '企业年度实缴税金', [USCC, NAME, YEAR]),
  statistics: template('statistics', '企业年度主要经济指标', [USCC, NAME, YEAR, SCALE]),
  electricity: template('electricity', '企业年度用电量', [USCC, NAME, YEAR]),
  land: template('land', '企业用地面积', [USCC, NAME, YEAR]),
  environment: template('environment', '企业主要污染物排放', [USCC, NAME, YEAR]),
  energy: template('energy', '企业年度综合能耗', [USCC, NAME, YEAR]),
};

/** The template of a source id, or of its Chinese label (`税务`, `发改/能源`, `能源`). */
export function templateOf(source: string): SourceTemplate | undefined {
  if (Object.hasOwn(TEMPLATES, source)) return TEMPLATES[source as SourceId];
  return Object.values(TEMPLATES).find((t) => t.label === source || t.label.split('/').includes(source));
}
