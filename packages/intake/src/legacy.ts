/// <reference path="./unzipper.d.ts" />
import { read as readWorkbook, SSF, utils, type WorkSheet } from '@e965/xlsx';
import unzipper from 'unzipper';
import { limitError, SheetBudget } from './budget';
import { type Cell, EMPTY_CELL, numberCellText } from './cells';
import type { IntakeLimits } from './limits';
import { IntakeError } from './messages';
import type { Table, TableRow } from './table';

/** A SheetJS cell, as far as intake reads it. */
interface SheetCell {
  readonly t: 'n' | 's' | 'b' | 'e' | 'd' | 'z';
  readonly v?: unknown;
  readonly w?: string;
  readonly z?: string | number;
}

/** Declared inflated size of a zip (.ods) by its central directory, checked before SheetJS inflates it. */
async function checkZip(file: string, bytes: Uint8Array, limits: IntakeLimits): Promise<void> {
  let declared = 0;
  let directory: Awaited<ReturnType<typeof unzipper.Open.buffer>>;
  try {
    directory = await unzipper.Open.buffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new IntakeError(file, 'file.unreadable', e instanceof Error ? e.message : String(e));
  }
  for (const f of directory.files) declared += f.uncompressedSize;
  if (declared > limits.decompressedBytes) {
    throw limitError(file, 'decompressedBytes', limits.decompressedBytes, `the zip declares ${declared} bytes`);
  }
}

/** A SheetJS cell as intake's cell: doubles by the shortest-decimal rule, dates as ISO dates. */
function cellOfSheet(c: SheetCell | undefined): Cell {
  if (!c || c.v === undefined || c.v === null) return EMPTY_CELL;
  switch (c.t) {
    case 'n': {
      const v = c.v as number;
      // A number shown as a date (a date format) is a date, as Excel shows it.
      if (c.z !== undefined && SSF.is_date(c.z)) {
        const d = SSF.parse_date_code(v);
        if (d) {
          const pad = (n: number, w: number) => String(n).padStart(w, '0');
          return { text: `${pad(d.y, 4)}-${pad(d.m, 2)}-${pad(d.d, 2)}` };
        }
      }
      return numberCellText(v);
    }
    case 's':
      return { text: String(c.v) };
    case 'b':
      return { text: c.v ? 'TRUE' : 'FALSE' };
    case 'e': {
      const shown = c.w ?? '#ERROR';
      return { text: shown, problem: { rule: 'cell.error', detail: shown } };
    }
    case 'd':
      return { text: (c.v as Date).toISOString().slice(0, 10) };
    default:
      return EMPTY_CELL;
  }
}

/**
 * A worksheet of a legacy .xls (BIFF8, Excel 97–2003), WPS .et (the same
 * compound-file format) or an OpenDocument .ods, read with SheetJS
 * (@e965/xlsx 0.20.3, the maintained npm mirror of SheetJS's own 0.20.3
 * release: the npm `xlsx` 0.18.5 carries CVE-2023-30533 and CVE-2024-22363,
 * fixed in 0.19.3 and 0.20.2). These formats store a number as a binary
 * double, so a number cell is the shortest decimal that reads back to the
 * same double when that has at most 15 significant digits (what Excel
 * shows), else refused (`cell.inexactNumber`). Rows past the row limit are
 * not read (`sheetRows`), and the sheet's extent is checked against the
 * column and cell limits before its cells are copied.
 */
export async function readLegacyTable(
  file: string,
  bytes: Uint8Array,
  sheet: string | undefined,
  limits: IntakeLimits,
): Promise<Table> {
  if (/\.ods$/i.test(file)) await checkZip(file, bytes, limits);
  let book: ReturnType<typeof readWorkbook>;
  try {
    book = readWorkbook(bytes, {
      type: 'array',
      dense: true,
      cellNF: true,
      cellDates: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
      sheetRows: limits.rows + 1,
      ...(sheet === undefined ? { sheets: 0 } : { sheets: sheet }),
    });
  } catch (e) {
    throw new IntakeError(file, 'file.unreadable', e instanceof Error ? e.message : String(e));
  }
  const names = book.SheetNames;
  if (names.length > limits.sheets) throw limitError(file, 'sheets', limits.sheets, `${names.length} worksheets`);
  const name = sheet ?? names[0];
  const ws: WorkSheet | undefined = name === undefined ? undefined : book.Sheets[name];
  if (name === undefined || !ws) {
    throw new IntakeError(
      file,
      sheet === undefined ? 'file.empty' : 'file.sheetMissing',
      sheet === undefined ? undefined : `${sheet}; the workbook has ${names.join(', ')}`,
    );
  }
  const full = ws['!fullref'] ?? ws['!ref'];
  if (full) {
    const range = utils.decode_range(full);
    if (range.e.r + 1 > limits.rows) throw limitError(file, 'rows', limits.rows);
    if (range.e.c + 1 > limits.columns) {
      throw limitError(file, 'columns', limits.columns, `a cell in column ${range.e.c + 1}`);
    }
  }
  const data = (ws['!data'] ?? []) as ((SheetCell | undefined)[] | undefined)[];
  const budget = new SheetBudget(file, limits);
  const rows: TableRow[] = [];
  data.forEach((r, index) => {
    if (!r) return;
    let filled = 0;
    r.forEach((c) => {
      if (c && c.t !== 'z') filled++;
    });
    budget.row(r.length, filled);
    if (filled === 0) return;
    const cells: Cell[] = new Array(r.length);
    for (let c = 0; c < r.length; c++) cells[c] = cellOfSheet(r[c]);
    rows.push({ row: index + 1, cells });
  });
  return { file, sheet: name, sheets: names, rows };
}
