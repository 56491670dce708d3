import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type Cell, cellOf } from './cells';
import { IntakeError } from './messages';

/** How a CSV file's bytes were decoded. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** One row of a sheet: its 1-based row number and its cells by 0-based column. */
export interface TableRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** A sheet (or CSV file) as rows of text cells. */
export interface Table {
  readonly file: string;
  /** The worksheet name (undefined for CSV). */
  readonly sheet?: string;
  /** CSV only: the encoding detected. */
  readonly encoding?: TextEncoding;
  readonly rows: readonly TableRow[];
}

/** An uploaded or read file: its name (the extension says its format) and its bytes. */
export interface InputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Worksheet to read (default: the first). */
  readonly sheet?: string;
}

/**
 * Decodes CSV bytes: a UTF-8 byte-order mark, else strict UTF-8, else
 * GB18030 (a superset of GBK and GB2312, what Excel writes when a Chinese
 * Windows saves "CSV"). Strict UTF-8 rarely accepts GBK text by accident:
 * GBK's two-byte sequences are almost never valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** A CSV file as a table (every cell text, as written). */
export function readCsvTable(file: string, bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (e) {
    if (e instanceof CsvError) throw new IntakeError(file, 'file.unreadable', e.message);
    throw e;
  }
  const rows = records.map(({ record, info }) => ({
    row: info.lines - [...record.join('')].filter((c) => c === '\n').length,
    cells: record.map((t) => ({ text: t })),
  }));
  return { file, encoding, rows };
}

/**
 * A worksheet of an .xlsx workbook as a table. Merged cells (a title across
 * the columns) repeat their master's value, which no header matches. Cell
 * values keep their text: see `cellOf` for numbers.
 *
 * The whole workbook is loaded: exceljs 4.4's streaming reader was tried and
 * garbles Chinese text whose UTF-8 bytes straddle a chunk boundary (桐乡市 →
 * 桐���市 in the tongxiang-2018 fixtures), which no import may risk.
 */
export async function readXlsxTable(file: string, bytes: Uint8Array, sheet?: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new IntakeError(file, 'file.unreadable', e instanceof Error ? e.message : String(e));
  }
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    throw new IntakeError(
      file,
      sheet === undefined ? 'file.empty' : 'file.sheetMissing',
      sheet === undefined
        ? undefined
        : `${sheet}; the workbook has ${workbook.worksheets.map((w) => w.name).join(', ')}`,
    );
  }
  const rows: TableRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  return { file, sheet: worksheet.name, rows };
}

/** Reads an input file by its extension: `.xlsx` or `.csv`. */
export async function readTable(input: InputFile): Promise<Table> {
  const lower = input.name.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsxTable(input.name, input.bytes, input.sheet);
  if (lower.endsWith('.csv')) return readCsvTable(input.name, input.bytes);
  throw new IntakeError(input.name, 'file.format', 'give an .xlsx workbook or a .csv file');
}
