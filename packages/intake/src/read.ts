import { CsvError, parse } from 'csv-parse/sync';
import type { CellValue } from 'exceljs';
/// <reference path="./exceljs-stream.d.ts" />
import WorkbookReader from 'exceljs/lib/stream/xlsx/workbook-reader.js';
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
export async function readXlsxTable(file: string, bytes: Uint8Array, sheet?: string): Promise<Table> {
  // The bytes, not a stream of them: the patched reader then reads the zip by its central
  // directory (an entry with a data descriptor has no size before its data), sheets last.
  const reader = new WorkbookReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
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
      for await (const row of worksheet) {
        if (!row.hasValues) continue;
        // `values` (sparse, by 1-based column) rather than getCell(c), which makes a cell
        // object, address and all, for every empty column it is asked for.
        const values = row.values as readonly CellValue[];
        const cells: Cell[] = new Array(row.cellCount);
        for (let c = 1; c <= row.cellCount; c++) cells[c - 1] = cellOf(values[c]);
        rows.push({ row: row.number, cells });
      }
      found = { name, rows };
    }
  } catch (e) {
    throw new IntakeError(file, 'file.unreadable', e instanceof Error ? e.message : String(e));
  }
  // No xl/workbook.xml: not a workbook at all (unzipper reads no entry of a file that is not a zip).
  if (!book.model) throw new IntakeError(file, 'file.unreadable', 'no workbook in the file');
  if (!found) {
    const names = book.model.sheets?.map((s) => s.name) ?? seen;
    throw new IntakeError(
      file,
      sheet === undefined ? 'file.empty' : 'file.sheetMissing',
      sheet === undefined ? undefined : `${sheet}; the workbook has ${names.join(', ')}`,
    );
  }
  return { file, sheet: found.name, rows: found.rows };
}

/** Reads an input file by its extension: `.xlsx` or `.csv`. */
export async function readTable(input: InputFile): Promise<Table> {
  const lower = input.name.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsxTable(input.name, input.bytes, input.sheet);
  if (lower.endsWith('.csv')) return readCsvTable(input.name, input.bytes);
  throw new IntakeError(input.name, 'file.format', 'give an .xlsx workbook or a .csv file');
}
