import { CsvError, parse } from 'csv-parse/sync';
import type { CellValue } from 'exceljs';
/// <reference path="./exceljs-stream.d.ts" />
import WorkbookReader from 'exceljs/lib/stream/xlsx/workbook-reader.js';
import { limitError, SheetBudget } from './budget';
import { type Cell, cellOf } from './cells';
import { readLegacyTable } from './legacy';
import { DEFAULT_LIMITS, type IntakeLimits } from './limits';
import { IntakeError } from './messages';
import type { InputFile, Table, TableRow, TextEncoding } from './table';

export type { InputFile, Table, TableRow, TextEncoding } from './table';

/**
 * Decodes text bytes: a byte-order mark (UTF-8, UTF-16 LE or BE: what
 * Excel's "Unicode text" writes), else UTF-16 without one when every other
 * byte of the start is zero, else strict UTF-8, else GB18030 (a superset of
 * GBK and GB2312, what Excel writes when a Chinese Windows saves "CSV").
 * Strict UTF-8 rarely accepts GBK text by accident: GBK's two-byte
 * sequences are almost never valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf16 = utf16WithoutMark(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** UTF-16 without a byte-order mark: ASCII header text has a zero byte in every pair (first 64 pairs). */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(64, bytes.length >> 1);
  if (pairs < 2 || bytes.length % 2 !== 0) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZero++;
    if (bytes[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero >= pairs * 0.9 && evenZero === 0) return 'utf-16le';
  if (evenZero >= pairs * 0.9 && oddZero === 0) return 'utf-16be';
  return undefined;
}

/** Tab-separated when the file says so (.tsv, .txt: Excel's "Unicode text") or its first line has tabs and no commas. */
function delimiterOf(file: string, text: string): ',' | '\t' {
  if (/\.(tsv|txt)$/i.test(file)) return '\t';
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

/** A CSV or tab-separated file as a table (every cell text, as written). */
export function readCsvTable(file: string, bytes: Uint8Array, limits: IntakeLimits = DEFAULT_LIMITS): Table {
  const { text, encoding } = decodeText(bytes);
  const budget = new SheetBudget(file, limits);
  const rows: TableRow[] = [];
  // Each record starts on the line after the previous one's last (empty lines are records too):
  // its fields' own line breaks are counted, not asked of the parser (its `info` costs a third).
  let line = 1;
  try {
    parse(text, {
      delimiter: delimiterOf(file, text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Each record is checked and kept as it is parsed; none is returned by the parse.
      on_record: (record: string[]) => {
        // A record of a million fields is refused before a cell of it is made.
        budget.open(record.length);
        let filled = 0;
        let newlines = 0;
        const cells: Cell[] = new Array(record.length);
        for (let c = 0; c < record.length; c++) {
          const t = record[c] ?? '';
          if (t !== '') filled++;
          for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) newlines++;
          cells[c] = { text: t };
        }
        budget.fill(filled);
        rows.push({ row: line, cells });
        line += 1 + newlines;
        return null;
      },
    } as never);
  } catch (e) {
    if (e instanceof IntakeError) throw e;
    if (e instanceof CsvError) throw new IntakeError(file, 'file.unreadable', e.message);
    throw e;
  }
  return { file, encoding, rows };
}

/** What `WorkbookReader` knows of the workbook once `xl/workbook.xml` is read (not in exceljs's types). */
interface StreamedWorkbook {
  readonly model?: { readonly sheets?: readonly { readonly name: string }[] };
}

/**
 * A worksheet of an .xlsx workbook as a table, read with exceljs's streaming
 * reader: the XML is parsed as it is inflated and only the chosen sheet's
 * rows are kept as text cells, so a 100k-row file never becomes a workbook
 * object model. Shared strings, dates (styles are read) and formula results
 * come out as the whole-workbook reader gives them; a merged title keeps
 * its value in its first cell only, which no header matches either way.
 * Cell values keep their text: see `cellOf` for numbers.
 *
 * exceljs 4.4's streaming reader decoded each inflated chunk on its own and
 * garbled Chinese text whose UTF-8 bytes straddled a chunk boundary (桐乡市 →
 * 桐���市): patches/exceljs.patch decodes the stream with one TextDecoder.
 * The reader is imported by its file (not exceljs's root) so that the build
 * bundles the workspace's patched copy into dist (tsup.config.ts): a user
 * installing from npm, who gets an unpatched exceljs, reads the same text.
 */
export async function readXlsxTable(
  file: string,
  bytes: Uint8Array,
  sheet?: string,
  limits: IntakeLimits = DEFAULT_LIMITS,
): Promise<Table> {
  // The bytes, not a stream of them: the patched reader then reads the zip by its central
  // directory (an entry with a data descriptor has no size before its data), sheets last.
  const reader = new WorkbookReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
    // Checked by the patched reader as it inflates and parses (patches/exceljs.patch).
    limits: {
      decompressedBytes: limits.decompressedBytes,
      sheets: limits.sheets,
      sharedStrings: limits.sharedStrings,
    },
  } as never);
  const book = reader as unknown as StreamedWorkbook;
  let found: { name: string; rows: TableRow[] } | undefined;
  const seen: string[] = [];
  try {
    for await (const worksheet of reader) {
      // Sheets are streamed in the zip's order; "the first" is the workbook's first tab.
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      const wanted = sheet ?? book.model?.sheets?.[0]?.name ?? name;
      if (found || name !== wanted) continue;
      const rows: TableRow[] = [];
      const budget = new SheetBudget(file, limits);
      for await (const row of worksheet) {
        // The row's width (its last cell's column) is known before any of its cells is copied.
        const width = row.cellCount;
        if (!row.hasValues) {
          budget.row(0, 0);
          continue;
        }
        // `values` (sparse, by 1-based column) rather than getCell(c), which makes a cell
        // object, address and all, for every empty column it is asked for.
        const values = row.values as readonly CellValue[];
        const numberTexts = (row as unknown as { numberTexts?: Map<number, string> }).numberTexts;
        let filled = 0;
        values.forEach(() => {
          filled++;
        });
        budget.row(width, filled);
        const cells: Cell[] = new Array(width);
        values.forEach((v, c) => {
          cells[c - 1] = cellOf(v, numberTexts?.get(c));
        });
        rows.push({ row: row.number, cells });
      }
      found = { name, rows };
    }
  } catch (e) {
    if (e instanceof IntakeError) throw e;
    const limit = (e as { limit?: string; max?: number } | null)?.limit;
    if (limit === 'decompressedBytes' || limit === 'sheets' || limit === 'sharedStrings') {
      throw limitError(file, limit, limits[limit]);
    }
    throw new IntakeError(file, 'file.unreadable', e instanceof Error ? e.message : String(e));
  }
  // No xl/workbook.xml: not a workbook at all (unzipper reads no entry of a file that is not a zip).
  if (!book.model) throw new IntakeError(file, 'file.unreadable', 'no workbook in the file');
  const names = book.model.sheets?.map((s) => s.name) ?? seen;
  if (!found) {
    throw new IntakeError(
      file,
      sheet === undefined ? 'file.empty' : 'file.sheetMissing',
      sheet === undefined ? undefined : `${sheet}; the workbook has ${names.join(', ')}`,
    );
  }
  return { file, sheet: found.name, sheets: names, rows: found.rows };
}

/** The formats read, by extension. */
const FORMATS = /\.(xlsx|xlsm|xls|et|ods|csv|tsv|txt)$/i;

/**
 * Reads an input file by its extension: .xlsx (and .xlsm) with the patched
 * exceljs streaming reader; .xls (BIFF8), WPS .et and .ods with SheetJS;
 * .csv, .tsv and .txt as text. The file's size is checked first.
 */
export async function readTable(input: InputFile, limits: IntakeLimits = DEFAULT_LIMITS): Promise<Table> {
  const format = FORMATS.exec(input.name)?.[1]?.toLowerCase();
  if (format === undefined) {
    throw new IntakeError(input.name, 'file.format', 'give .xlsx, .xls, .et, .ods, .csv, .tsv or .txt');
  }
  if (input.bytes.byteLength > limits.fileBytes) {
    throw limitError(input.name, 'fileBytes', limits.fileBytes, `the file has ${input.bytes.byteLength} bytes`);
  }
  switch (format) {
    case 'xlsx':
    case 'xlsm':
      return readXlsxTable(input.name, input.bytes, input.sheet, limits);
    case 'xls':
    case 'et':
    case 'ods':
      return readLegacyTable(input.name, input.bytes, input.sheet, limits);
    default:
      return readCsvTable(input.name, input.bytes, limits);
  }
}
