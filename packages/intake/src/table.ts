import type { Cell } from './cells';

/** How a text file's bytes were decoded. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

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
  /** Every worksheet of the workbook, in tab order (undefined for CSV). */
  readonly sheets?: readonly string[];
  /** Text files only: the encoding detected. */
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
