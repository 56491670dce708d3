/**
 * exceljs's streaming workbook reader, imported by its file so the build can
 * bundle it (patched) into dist: see read.ts. Its class is the one exceljs's
 * own types describe as `stream.xlsx.WorkbookReader`.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  import type { stream } from 'exceljs';

  const WorkbookReader: typeof stream.xlsx.WorkbookReader;
  export = WorkbookReader;
}
