import {
  type EnterpriseEvaluation,
  type EvaluationRun,
  type IndicatorId,
  type IndicatorResult,
  parseEvaluationScheme,
  type Region,
  type RunResult,
  summarizeEvaluation,
} from '@mujun/core';
import {
  EVALUATION_CLASS_LABELS,
  EVALUATION_RUN_STATUS_LABELS,
  EVALUATION_STATUS_LABELS,
  INDICATOR_LABELS,
  INDICATOR_UNIT_LABELS,
  WORKBOOK_LABELS as L,
} from '@mujun/core/labels';
import ExcelJS from 'exceljs';
import { sheetName } from './rejects';

const CLASSES = ['A', 'B', 'C', 'D', 'T'] as const;

/** What the 汇总 sheet says about where the results come from. */
export interface EvaluationWorkbookOptions {
  /** The scheme's name (评价方案), shown beside its id. */
  readonly schemeName?: string;
  /** The evaluation run (评价批次) the results belong to; absent for a live evaluation. */
  readonly run?: { readonly id: string; readonly status: keyof typeof EVALUATION_RUN_STATUS_LABELS };
}

/**
 * What the workbook prints of an evaluation: an `EvaluationResult` fits, and
 * so do a stored run's results (`runResultsWorkbook`), which keep no
 * cohort averages or unit members.
 */
export interface WorkbookEvaluation {
  readonly schemeId: string;
  readonly year: number;
  readonly cohorts: readonly {
    readonly id: string;
    readonly name: string;
    /** The indicators of the cohort, in column order. */
    readonly benchmarks: readonly { readonly indicator: IndicatorId }[];
  }[];
  readonly enterprises: readonly WorkbookFirm[];
}

/** One firm's row: its reported decimals, class and reasons. */
export type WorkbookFirm = Pick<
  EnterpriseEvaluation,
  | 'uscc'
  | 'name'
  | 'townCode'
  | 'industry'
  | 'cohortId'
  | 'status'
  | 'class'
  | 'rank'
  | 'rankedCount'
  | 'totalReported'
  | 'percentileReported'
  | 'reasons'
> & { readonly indicators: readonly Pick<IndicatorResult, 'indicator' | 'reported'>[] };

/** Most significant digits a reported decimal may have to be written as a number: a double keeps 15 exactly. */
const MAX_NUMERIC_DIGITS = 15;

/**
 * A reported decimal (already rounded once, as the scheme says) as a cell:
 * a number with a number format of its own places (`0.00` for "12.30"), so
 * the spreadsheet shows exactly the reported decimal and people can sort and
 * sum it. A decimal of more than 15 significant digits — which no double
 * holds exactly — stays text. This is the report's boundary: the figure is
 * final here, never computed with again.
 */
function reportedCell(cell: ExcelJS.Cell, text: string | null | undefined): void {
  if (text === null || text === undefined || text === '') return;
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(text);
  const digits = m ? `${m[1]}${m[2] ?? ''}`.replace(/^0+/, '').length : Infinity;
  if (!m || digits > MAX_NUMERIC_DIGITS) {
    cell.value = text;
    return;
  }
  const places = m[2]?.length ?? 0;
  cell.value = Number(text);
  cell.numFmt = places === 0 ? '0' : `0.${'0'.repeat(places)}`;
}

/** Header row styling, frozen header, autofilter over the table, print titles and widths. */
function tableSheet(ws: ExcelJS.Worksheet, header: readonly string[], widths: (label: string) => number): void {
  const row = ws.addRow([...header]);
  row.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: Math.min(3, header.length) }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  ws.pageSetup.printTitlesRow = '1:1';
  ws.pageSetup.orientation = 'landscape';
  header.forEach((h, i) => {
    ws.getColumn(i + 1).width = widths(h);
  });
}

/** A column wide enough for its header (CJK characters count twice) and its kind of values. */
function widthOf(label: string): number {
  if (label === L.uscc) return 22;
  if (label === L.name) return 30;
  if (label === L.reasons) return 48;
  let w = 0;
  for (const ch of label) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return Math.max(8, Math.min(w + 2, 24));
}

/**
 * 评价结果表: the first sheet a 汇总 (scheme, year, run and its status, class
 * counts per cohort and per town); then one sheet per cohort (评价对象组)
 * listing every firm in rank order with each indicator's value, 基准值 and
 * 得分, the 综合得分, 名次, 百分位, 分类 and the reasons; a sheet of the firms
 * outside every cohort; and the class counts per town (分类统计). Figures
 * are the evaluation's reported decimals written as numbers whose format
 * shows exactly the reported places (`reportedCell`); every table sheet has
 * a frozen, filterable header that is also its print title. Counts are
 * `summarizeEvaluation` of the results given.
 */
export async function evaluationWorkbook(
  result: WorkbookEvaluation,
  region: Region,
  options: EvaluationWorkbookOptions = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const taken = new Set<string>();
  const towns = new Map<string, string>(region.towns.map((t) => [t.code, t.name]));
  const summary = summarizeEvaluation(result);
  const countHeader = [...CLASSES.map((c) => EVALUATION_CLASS_LABELS[c]), L.notEvaluated, L.sum];
  const counts = (c: (typeof summary.byTown)[string] | undefined) => {
    const n = [...CLASSES.map((k) => c?.[k] ?? 0), c?.none ?? 0];
    return [...n, n.reduce((a, b) => a + b, 0)];
  };

  // 汇总 first, so the workbook opens on it.
  const sum = workbook.addWorksheet(sheetName(L.summary, taken));
  sum.getColumn(1).width = 30;
  for (let i = 2; i <= countHeader.length + 1; i++) sum.getColumn(i).width = 14;
  const fact = (label: string, value: string | number) => {
    const row = sum.addRow([label, value]);
    row.getCell(1).font = { bold: true };
  };
  fact(L.scheme, options.schemeName ? `${options.schemeName}（${result.schemeId}）` : result.schemeId);
  fact(L.year, result.year);
  fact(L.run, options.run?.id ?? L.liveEvaluation);
  fact(L.runStatus, options.run ? EVALUATION_RUN_STATUS_LABELS[options.run.status] : L.liveEvaluation);
  sum.addRow([]);
  const block = (title: string, rows: readonly (readonly [string, readonly number[]])[], total: readonly number[]) => {
    sum.addRow([title, ...countHeader]).font = { bold: true };
    for (const [name, n] of rows) sum.addRow([name, ...n]);
    sum.addRow([region.name, ...total]).font = { bold: true };
    sum.addRow([]);
  };
  const total = counts(summary.total);
  block(
    L.byCohort,
    [
      ...result.cohorts.map((c) => [c.name, counts(summary.byCohort[c.id])] as const),
      ...(summary.byCohort['-'] ? [[L.outsideCohorts, counts(summary.byCohort['-'])] as const] : []),
    ],
    total,
  );
  block(
    L.byTown,
    region.towns.map((t) => [t.name, counts(summary.byTown[t.code])] as const),
    total,
  );
  sum.views = [{ state: 'normal' }];
  sum.pageSetup.orientation = 'landscape';

  for (const cohort of result.cohorts) {
    const ws = workbook.addWorksheet(sheetName(cohort.name, taken));
    const indicators = cohort.benchmarks.map((b) => b.indicator);
    const header = [
      L.rank,
      L.uscc,
      L.name,
      L.town,
      L.industry,
      L.status,
      ...indicators.flatMap((id) => {
        const unit = INDICATOR_UNIT_LABELS[id];
        const label = `${INDICATOR_LABELS[id]}${unit ? `(${unit})` : ''}`;
        return [label, `${INDICATOR_LABELS[id]}${L.benchmark}`, `${INDICATOR_LABELS[id]}${L.partialScore}`];
      }),
      L.total,
      L.rankedCount,
      L.percentile,
      L.class,
      L.reasons,
    ];
    tableSheet(ws, header, widthOf);
    const members = result.enterprises
      .filter((e) => e.cohortId === cohort.id)
      .sort(
        (a, b) =>
          (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.uscc.localeCompare(b.uscc),
      );
    for (const e of members) {
      const row = ws.addRow([
        e.rank ?? '',
        e.uscc,
        e.name,
        towns.get(e.townCode) ?? e.townCode,
        e.industry,
        EVALUATION_STATUS_LABELS[e.status],
      ]);
      let col = 7;
      for (const id of indicators) {
        const r = e.indicators.find((i) => i.indicator === id);
        reportedCell(row.getCell(col++), r?.reported.value);
        reportedCell(row.getCell(col++), r?.reported.benchmark);
        reportedCell(row.getCell(col++), r?.reported.partialScore);
      }
      reportedCell(row.getCell(col++), e.totalReported);
      row.getCell(col++).value = e.rankedCount;
      reportedCell(row.getCell(col++), e.percentileReported);
      row.getCell(col++).value = e.class === null ? '' : EVALUATION_CLASS_LABELS[e.class];
      row.getCell(col).value = e.reasons.map((r) => r.message).join('；');
    }
  }
  const outside = result.enterprises.filter((e) => e.cohortId === null);
  if (outside.length > 0) {
    const ws = workbook.addWorksheet(sheetName(L.notEvaluated, taken));
    tableSheet(ws, [L.uscc, L.name, L.town, L.industry, L.status, L.class, L.reasons], widthOf);
    for (const e of outside) {
      ws.addRow([
        e.uscc,
        e.name,
        towns.get(e.townCode) ?? e.townCode,
        e.industry,
        EVALUATION_STATUS_LABELS[e.status],
        e.class === null ? '' : EVALUATION_CLASS_LABELS[e.class],
        e.reasons.map((r) => r.message).join('；'),
      ]);
    }
  }
  const ws = workbook.addWorksheet(sheetName(L.classCounts, taken));
  tableSheet(ws, [L.town, ...countHeader], widthOf);
  for (const t of region.towns) ws.addRow([t.name, ...counts(summary.byTown[t.code])]);
  ws.addRow([]);
  ws.addRow([region.name, ...total]).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * 评价结果表 of a stored evaluation run (评价批次): the same workbook as
 * `evaluationWorkbook` (what `mujun evaluate --out` writes), from the run's
 * stored results — the class in force after overrides and corrections, the
 * run's own benchmarks — reported at the run's scheme's places and rounding
 * mode (the reporting boundary; the stored figures stay exact). Nothing is
 * evaluated again.
 */
export function runResultsWorkbook(
  run: EvaluationRun,
  results: readonly RunResult[],
  region: Region,
): Promise<Uint8Array> {
  const scheme = parseEvaluationScheme(run.scheme);
  const { mode, report } = scheme.rounding;
  const benchmarks = new Map(
    run.cohorts.map((c) => [c.id, new Map(c.benchmarks.map((b) => [b.indicator, b.value] as const))] as const),
  );
  const enterprises = results.map((r): WorkbookFirm => {
    const own = benchmarks.get(r.cohortId ?? '');
    return {
      uscc: r.uscc,
      name: r.name,
      townCode: r.townCode,
      industry: r.industry,
      cohortId: r.cohortId,
      status: r.status,
      class: r.class,
      rank: r.rank,
      rankedCount: r.rankedCount,
      totalReported: r.total?.toFixed({ places: report.totals, rounding: mode }) ?? null,
      percentileReported: r.percentile?.toFixed({ places: report.percentiles, rounding: mode }) ?? null,
      reasons: r.reasons,
      indicators: r.indicators.map((i) => {
        const benchmark = own?.get(i.indicator);
        return {
          indicator: i.indicator,
          reported: {
            value: i.value?.toFixed({ places: report.values, rounding: mode }) ?? null,
            benchmark: benchmark?.toFixed({ places: report.benchmarks, rounding: mode }) ?? '',
            partialScore: i.partialScore.toFixed({ places: report.partialScores, rounding: mode }),
          },
        };
      }),
    };
  });
  return evaluationWorkbook({ schemeId: run.schemeId, year: run.year, cohorts: run.cohorts, enterprises }, region, {
    schemeName: scheme.name,
    run: { id: run.id, status: run.status },
  });
}
