import { type EvaluationResult, type Region, summarizeEvaluation } from '@mujun/core';
import {
  EVALUATION_CLASS_LABELS,
  EVALUATION_STATUS_LABELS,
  INDICATOR_LABELS,
  INDICATOR_UNIT_LABELS,
  WORKBOOK_LABELS as L,
} from '@mujun/core/labels';
import ExcelJS from 'exceljs';
import { sheetName } from './rejects';

const CLASSES = ['A', 'B', 'C', 'D', 'T'] as const;

/**
 * 评价结果表: one sheet per cohort (评价对象组) listing every firm in rank
 * order with each indicator's value, 基准值 and 得分, the 综合得分, 名次,
 * 百分位, 分类 and the reasons; a sheet of the firms outside every cohort;
 * and a class-count sheet per town (分类统计). Figures are the evaluation's
 * reported strings (rounded once, as the scheme says), written as text so
 * no spreadsheet turns them into binary fractions.
 */
export async function evaluationWorkbook(result: EvaluationResult, region: Region): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const taken = new Set<string>();
  const towns = new Map<string, string>(region.towns.map((t) => [t.code, t.name]));
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };
  for (const cohort of result.cohorts) {
    const ws = workbook.addWorksheet(sheetName(cohort.name, taken));
    const indicators = cohort.benchmarks.map((b) => b.indicator);
    bold(
      ws.addRow([
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
      ]),
    );
    const members = result.enterprises
      .filter((e) => e.cohortId === cohort.id)
      .sort(
        (a, b) =>
          (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.uscc.localeCompare(b.uscc),
      );
    for (const e of members) {
      ws.addRow([
        e.rank ?? '',
        e.uscc,
        e.name,
        towns.get(e.townCode) ?? e.townCode,
        e.industry,
        EVALUATION_STATUS_LABELS[e.status],
        ...indicators.flatMap((id) => {
          const r = e.indicators.find((i) => i.indicator === id);
          return r ? [r.reported.value ?? '', r.reported.benchmark, r.reported.partialScore] : ['', '', ''];
        }),
        e.totalReported ?? '',
        e.rankedCount,
        e.percentileReported ?? '',
        e.class === null ? '' : EVALUATION_CLASS_LABELS[e.class],
        e.reasons.map((r) => r.message).join('；'),
      ]);
    }
    ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
    ws.getColumn(2).width = 22;
    ws.getColumn(3).width = 30;
  }
  const outside = result.enterprises.filter((e) => e.cohortId === null);
  if (outside.length > 0) {
    const ws = workbook.addWorksheet(sheetName(L.notEvaluated, taken));
    bold(ws.addRow([L.uscc, L.name, L.town, L.industry, L.status, L.class, L.reasons]));
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
  const summary = summarizeEvaluation(result);
  const ws = workbook.addWorksheet(sheetName(L.classCounts, taken));
  bold(ws.addRow([L.town, ...CLASSES.map((c) => EVALUATION_CLASS_LABELS[c]), L.notEvaluated, L.sum]));
  const countRow = (name: string, c: (typeof summary.byTown)[string] | undefined) => {
    const n = [...CLASSES.map((k) => c?.[k] ?? 0), c?.none ?? 0];
    ws.addRow([name, ...n, n.reduce((a, b) => a + b, 0)]);
  };
  for (const t of region.towns) countRow(t.name, summary.byTown[t.code]);
  bold(ws.addRow([]));
  countRow(region.name, summary.total);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
