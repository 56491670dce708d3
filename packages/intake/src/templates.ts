import type { Kind, Unit } from '@mujun/core';
import { DATA_SOURCE_LABELS } from '@mujun/core/labels';

/** A department that sends figures (数据来源): see `DATA_SOURCE_LABELS`. */
export type SourceId = keyof typeof DATA_SOURCE_LABELS;

/** Every source, in the order the 亩均办 usually collects them. */
export const SOURCE_IDS = Object.keys(DATA_SOURCE_LABELS) as [SourceId, ...SourceId[]];

/** The annual-data quantity fields a department can give (see `EnterpriseAnnualData`). */
export type QuantityField =
  | 'tax'
  | 'revenue'
  | 'valueAdded'
  | 'employees'
  | 'rdExpense'
  | 'sales'
  | 'electricity'
  | 'landArea'
  | 'emissionEquivalent'
  | 'cod'
  | 'energy'
  | 'water';

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

const quantity = (
  field: QuantityField,
  header: string,
  synonyms: readonly string[],
  kind: Kind,
  unit: Unit,
  required: boolean,
  note: string,
): TemplateColumn => ({ field, header, synonyms, kind, unit, required, note });

const unitNote = '单位写在表头括号内，如“(万元)”“(元)”，或另设“单位”列';

/** The six department templates. Headers and synonyms are what county spreadsheets actually say. */
export const TEMPLATES: { readonly [S in SourceId]: SourceTemplate } = {
  tax: {
    id: 'tax',
    label: DATA_SOURCE_LABELS.tax,
    title: '企业年度实缴税金',
    presence: ['tax'],
    columns: [
      USCC,
      NAME,
      YEAR,
      quantity(
        'tax',
        '实缴税金',
        ['税收合计', '入库税金', '实缴税收', '税收', '税收收入', '实际入库税金', '实缴税额'],
        'money',
        'wanYuan',
        true,
        `企业全年实际入库税金（不含减免退税）；${unitNote}`,
      ),
    ],
  },
  statistics: {
    id: 'statistics',
    label: DATA_SOURCE_LABELS.statistics,
    title: '企业年度主要经济指标',
    presence: ['revenue'],
    columns: [
      USCC,
      NAME,
      YEAR,
      {
        field: 'scale',
        header: '规模',
        synonyms: ['企业规模', '规上规下', '规上/规下', '是否规上', '是否规上企业'],
        required: true,
        note: '规上 或 规下（是否规上：是/否）',
      },
      quantity(
        'revenue',
        '营业收入',
        ['主营业务收入', '营收', '营业总收入'],
        'money',
        'wanYuan',
        true,
        `规上企业营业收入不低于2000万元；${unitNote}`,
      ),
      quantity('valueAdded', '工业增加值', ['增加值'], 'money', 'wanYuan', false, unitNote),
      quantity(
        'employees',
        '年平均职工人数',
        ['从业人员平均人数', '年平均从业人员', '职工人数', '从业人员'],
        'headcount',
        'person',
        false,
        '整数（人）',
      ),
      quantity(
        'rdExpense',
        'R&D经费',
        ['研发经费', '研发费用', 'R&D经费支出', '研究与试验发展经费'],
        'money',
        'wanYuan',
        false,
        unitNote,
      ),
      quantity('sales', '销售收入', ['销售产值'], 'money', 'wanYuan', false, unitNote),
    ],
  },
  electricity: {
    id: 'electricity',
    label: DATA_SOURCE_LABELS.electricity,
    title: '企业年度用电量',
    presence: ['electricity'],
    columns: [
      USCC,
      NAME,
      YEAR,
      quantity(
        'electricity',
        '用电量',
        ['年用电量', '全年用电量', '售电量', '总用电量'],
        'electricity',
        'wanKWh',
        true,
        '单位：万千瓦时、千瓦时或度，写在表头括号内或“单位”列',
      ),
    ],
  },
  land: {
    id: 'land',
    label: DATA_SOURCE_LABELS.land,
    title: '企业用地面积',
    presence: ['landArea'],
    columns: [
      USCC,
      NAME,
      YEAR,
      quantity(
        'landArea',
        '用地面积',
        ['土地面积', '占地面积', '实际用地面积', '用地'],
        'area',
        'mu',
        true,
        '单位：亩、平方米或公顷（平方米按1亩=10000/15平方米精确换算）',
      ),
    ],
  },
  environment: {
    id: 'environment',
    label: DATA_SOURCE_LABELS.environment,
    title: '企业主要污染物排放',
    presence: ['emissionEquivalent'],
    columns: [
      USCC,
      NAME,
      YEAR,
      quantity(
        'emissionEquivalent',
        '主要污染物排放当量',
        ['污染物排放当量', '排放当量', '主要污染物排放量'],
        'emissionEquivalent',
        'equivalentTonne',
        true,
        '单位：当量吨',
      ),
      quantity('cod', '化学需氧量排放量', ['COD排放量', 'COD'], 'emission', 'tonne', false, '单位：吨'),
    ],
  },
  energy: {
    id: 'energy',
    label: DATA_SOURCE_LABELS.energy,
    title: '企业年度综合能耗',
    presence: ['energy'],
    columns: [
      USCC,
      NAME,
      YEAR,
      quantity(
        'energy',
        '综合能耗',
        ['综合能源消费量', '能源消费总量', '综合能源消费总量'],
        'energy',
        'tce',
        true,
        '单位：吨标准煤',
      ),
      quantity('water', '用水量', ['年用水量'], 'water', 'waterTonne', false, '单位：吨'),
    ],
  },
};

/** The template of a source id, or of its Chinese label (`税务`, `发改/能源`, `能源`). */
export function templateOf(source: string): SourceTemplate | undefined {
  if (Object.hasOwn(TEMPLATES, source)) return TEMPLATES[source as SourceId];
  return Object.values(TEMPLATES).find((t) => t.label === source || t.label.split('/').includes(source));
}
