import { UNIT_LABELS } from '@mujun/core/labels';
import ExcelJS from 'exceljs';
import type { SourceTemplate } from './templates';

/** The header a template writes for a column: `实缴税金(万元)`. */
export function templateHeader(c: SourceTemplate['columns'][number]): string {
  return c.unit === undefined ? c.header : `${c.header}(${UNIT_LABELS[c.unit]})`;
}

/**
 * A blank template (空白模板) for a source: a title row, the header row with
 * a note on each header cell (what to enter, the unit, the synonyms mujun
 * accepts), and the code column formatted as text so Excel keeps all 18
 * characters.
 */
export async function templateWorkbook(template: SourceTemplate, year?: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(template.label.replace('/', '_'));
  const columns = template.columns;
  ws.addRow([`${year === undefined ? '' : `${year}年度`}${template.title}（${template.label}）`]);
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  const header = ws.addRow(columns.map(templateHeader));
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    const also = c.synonyms.length > 0 ? `\n也可写作：${c.synonyms.join('、')}` : '';
    const need = c.field === 'uscc' || c.field === 'name' ? '代码与名称至少填一项。' : c.required ? '必填。' : '选填。';
    cell.note = `${need}${c.note}${also}`;
    const column = ws.getColumn(i + 1);
    column.width = Math.max(14, templateHeader(c).length * 2 + 4);
    if (c.field === 'uscc' || c.field === 'name') column.numFmt = '@';
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
