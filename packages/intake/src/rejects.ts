import { WORKBOOK_LABELS } from '@mujun/core/labels';
import ExcelJS from 'exceljs';
import type { SourceRow } from './rows';

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || 'Sheet';
  let n = base;
  for (let i = 2; taken.has(n); i++) n = `${base.slice(0, 26)}~${i}`;
  taken.add(n);
  return n;
}

/** What the rejects workbook reads: the part of an `IntakePlan` it needs (`planIntake`'s result fits). */
export interface RejectedRows {
  readonly rejected: readonly SourceRow[];
  /** Header cells of each file. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
}

/**
 * 退回表: the refused rows of each file with their original cells and an
 * error column (错误) listing every problem (`列: message (rule)`), so the
 * department can correct them and send the file again.
 */
export async function rejectsWorkbook(plan: RejectedRows): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const taken = new Set<string>();
  const files = [...new Set(plan.rejected.map((r) => r.file))];
  for (const file of files) {
    const ws = workbook.addWorksheet(sheetName(file.replace(/^.*[\\/]/, ''), taken));
    const header = plan.headers.get(file) ?? [];
    ws.addRow([WORKBOOK_LABELS.error, '行号', ...header]).font = { bold: true };
    for (const r of plan.rejected.filter((x) => x.file === file)) {
      const errors = r.issues
        .filter((i) => i.severity === 'error')
        .map(
          (i) =>
            `${i.column ? `${i.column}: ` : ''}${i.message} (${i.rule})${i.suggestions ? ` → ${i.suggestions.join(' / ')}` : ''}`,
        );
      // Cells go back as text, exactly as they were read.
      ws.addRow([errors.join('; '), r.row, ...r.texts]);
    }
    ws.getColumn(1).width = 60;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
