import { invalid } from '../errors';
import type { Rational } from '../exact/rational';
import {
  CAMPAIGN_REPORT_LABELS,
  MEASURE_LABELS,
  MEASURE_UNIT_LABELS,
  PARCEL_CATEGORY_LABELS,
  PARK_KIND_LABELS,
  REMEDIATION_OUTCOME_LABELS,
  ZOMBIE_METHOD_LABELS,
} from '../labels';
import { yearField } from '../model/fields';
import type { CampaignLedger } from './ledger';
import { type CategoryDimension, getMeasure, type MeasureName, type MeasureUnit, measure } from './measures';

/** The seven yearly figures of the article, in its order (2018: 4692家, 20项, 11家, 4574亩, 2562亩, 47万平方米, 585家). */
export const YEARLY_FIGURES = [
  'lowScatteredRemediated',
  'backwardCapacityItems',
  'zombiesDisposed',
  'vacatingSigned',
  'reclamationApproved',
  'parkFloorAreaCompleted',
  'parkEntries',
] as const satisfies readonly MeasureName[];

/** Measures broken down by category in the yearly report. */
export const YEARLY_CATEGORY_BREAKDOWNS = [
  'lowScatteredRemediated',
  'zombiesDisposed',
  'vacatingSigned',
  'reclamationApproved',
  'landRevitalised',
  'parkFloorAreaCompleted',
  'parkEntries',
] as const satisfies readonly MeasureName[];

/** One figure: exact decimal string with its unit, ready for JSON. */
export interface Figure {
  readonly measure: MeasureName;
  readonly label: string;
  readonly unit: MeasureUnit;
  readonly unitLabel: string;
  /** Exact decimal (rounded to 2 places, half-up, only if it has no finite form). */
  readonly value: string;
}

export interface TownFigures {
  readonly townCode: string;
  readonly townName: string;
  readonly figures: readonly Figure[];
}

export interface CategoryRow {
  readonly category: string;
  readonly label: string;
  readonly value: string;
}

export interface CategoryBreakdown {
  readonly measure: MeasureName;
  readonly label: string;
  readonly unit: MeasureUnit;
  readonly unitLabel: string;
  readonly dimension: CategoryDimension;
  readonly rows: readonly CategoryRow[];
}

/** The yearly report as plain, JSON-serialisable data. */
export interface YearlyStatisticsData {
  readonly year: number;
  readonly regionCode: string;
  readonly regionName: string;
  readonly from: string;
  readonly to: string;
  /** The seven city-wide figures. */
  readonly figures: readonly Figure[];
  readonly byTown: readonly TownFigures[];
  readonly byCategory: readonly CategoryBreakdown[];
}

/** The yearly report with a Chinese table view. */
export interface YearlyStatistics extends YearlyStatisticsData {
  /** Markdown tables with Chinese labels: towns × figures, then one table per category breakdown. */
  toTable(): string;
  toJSON(): YearlyStatisticsData;
}

const CATEGORY_LABELS: Record<CategoryDimension, Readonly<Record<string, string>>> = {
  landCategory: PARCEL_CATEGORY_LABELS,
  remediationOutcome: REMEDIATION_OUTCOME_LABELS,
  zombieMethod: ZOMBIE_METHOD_LABELS,
  parkKind: PARK_KIND_LABELS,
};

/** An exact value as a decimal string (2 places half-up only when it has no finite form). */
export function decimalText(value: Rational): string {
  return value.isFiniteDecimal() ? value.toDecimal().toFixed() : value.toFixed({ places: 2 });
}

function figure(ledger: CampaignLedger, name: MeasureName, from: string, to: string, townCode?: string): Figure {
  const m = getMeasure(name);
  const v = measure(ledger, m, { from, to, townCode });
  return {
    measure: name,
    label: MEASURE_LABELS[name],
    unit: m.unit,
    unitLabel: MEASURE_UNIT_LABELS[m.unit],
    value: v === undefined ? '' : decimalText(v),
  };
}

/**
 * 年度统计: the year's 退散进集 report for the ledger's city — the seven
 * figures of the article, the same per town, and category breakdowns.
 * @throws ValidationError for a bad year
 */
export function yearlyStatistics(ledger: CampaignLedger, year: number): YearlyStatistics {
  const y = yearField.safeParse(year);
  if (!y.success) throw invalid('year', 'year.range', `${year} is not a statistical year`);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const region = ledger.references.region;
  const figures = YEARLY_FIGURES.map((n) => figure(ledger, n, from, to));
  const byTown = region.towns.map((t) => ({
    townCode: t.code,
    townName: t.name,
    figures: YEARLY_FIGURES.map((n) => figure(ledger, n, from, to, t.code)),
  }));
  const byCategory = YEARLY_CATEGORY_BREAKDOWNS.map((name): CategoryBreakdown => {
    const m = getMeasure(name);
    const dimension = m.categoryDimension ?? 'landCategory';
    return {
      measure: name,
      label: MEASURE_LABELS[name],
      unit: m.unit,
      unitLabel: MEASURE_UNIT_LABELS[m.unit],
      dimension,
      rows: m.categories.map((category) => {
        const v = measure(ledger, m, { from, to, category });
        return {
          category,
          label: CATEGORY_LABELS[dimension][category] ?? category,
          value: v === undefined ? '' : decimalText(v),
        };
      }),
    };
  });
  const data: YearlyStatisticsData = {
    year,
    regionCode: region.code,
    regionName: region.name,
    from,
    to,
    figures,
    byTown,
    byCategory,
  };
  return { ...data, toTable: () => statisticsTable(data), toJSON: () => data };
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const rule = (n: number) => row(Array.from({ length: n }, () => '---'));

/** The report as Markdown tables with Chinese labels. */
export function statisticsTable(data: YearlyStatisticsData): string {
  const L = CAMPAIGN_REPORT_LABELS;
  const header = [L.town, ...data.figures.map((f) => `${f.label}(${f.unitLabel})`)];
  const lines = [
    `${data.regionName}${data.year}${L.yearlyTitle}`,
    '',
    row(header),
    rule(header.length),
    row([L.city, ...data.figures.map((f) => f.value)]),
    ...data.byTown.map((t) => row([t.townName, ...t.figures.map((f) => f.value)])),
  ];
  for (const b of data.byCategory) {
    lines.push('', `${b.label}(${b.unitLabel})`, '', row([L.category, L.value]), rule(2));
    for (const r of b.rows) lines.push(row([r.label, r.value]));
  }
  return lines.join('\n');
}
