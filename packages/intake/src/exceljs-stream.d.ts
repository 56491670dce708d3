/**
 * exceljs's streaming workbook reader, imported by its file so the build can
 * bundle it (patched) into dist: see read.ts. exceljs's own types describe it
 * as `stream.xlsx.WorkbookReader`; patches/exceljs.patch lets it also take the
 * workbook's bytes, then read by the zip's central directory.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  import type { Stream } from 'node:stream';
  import { stream } from 'exceljs';

  class WorkbookReader extends stream.xlsx.WorkbookReader {
    constructor(input: string | Stream | Buffer, options: Partial<stream.xlsx.WorkbookStreamReaderOptions>);
  }
  export = WorkbookReader;
}
