import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { RuleId } from '../rules';
import type { FileSpec } from './columns';
import { formulaSafeCell, restoreFormulaSafeCell } from './formula-safe';

/** One broken rule in a dataset file: the file, the line (1 = header), the column and the rule. */
export interface DatasetIssue {
  readonly file: string;
  /** 1-based line of the file where the record starts (1 is the header; 0: the file as a whole). */
  readonly line: number;
  /** Column name (empty when the issue concerns the whole row or file). */
  readonly field: string;
  readonly rule: RuleId;
  readonly message: string;
  /** The cell as written, when the issue concerns one cell. */
  readonly value?: string;
}

/** A data row: cells by column name (trimmed; empty cells left out) and the line it starts on. */
export interface CsvRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

const newlines = (s: string) => {
  let n = 0;
  for (const ch of s) if (ch === '\n') n++;
  return n;
};

/**
 * Reads one CSV text against its file spec: the header must name known
 * columns (each once) and every required one; every row must have as many
 * cells as the header. A UTF-8 byte order mark (as Excel writes) is ignored,
 * blank lines are skipped and cells are trimmed; a cell `writeCsv` made
 * formula-safe (`'=…`) is read back as it was (`restoreFormulaSafeCell`).
 */
export function readCsv(file: string, text: string, spec: FileSpec): { rows: CsvRow[]; issues: DatasetIssue[] } {
  const issues: DatasetIssue[] = [];
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines ?? 0;
      issues.push({ file, line, field: '', rule: 'csv.syntax', message: e.message });
      return { rows: [], issues };
    }
    throw e;
  }
  const [head, ...body] = records;
  if (!head) {
    issues.push({ file, line: 0, field: '', rule: 'csv.empty', message: 'the file has no header row' });
    return { rows: [], issues };
  }
  const header = head.record.map((h) => h.trim());
  const known = new Set(spec.columns.map((c) => c.name));
  const seen = new Set<string>();
  for (const name of header) {
    if (!known.has(name)) {
      issues.push({
        file,
        line: 1,
        field: name,
        rule: 'csv.unknownColumn',
        message: `unknown column "${name}"; ${spec.file} has ${spec.columns.map((c) => c.name).join(', ')}`,
      });
    } else if (seen.has(name)) {
      issues.push({
        file,
        line: 1,
        field: name,
        rule: 'csv.duplicateColumn',
        message: `column "${name}" appears twice`,
      });
    }
    seen.add(name);
  }
  for (const c of spec.columns) {
    if (c.required && !seen.has(c.name)) {
      issues.push({
        file,
        line: 1,
        field: c.name,
        rule: 'csv.missingColumn',
        message: `the column "${c.name}" is missing`,
      });
    }
  }
  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    // info.lines is the line a record ends on; a quoted cell may span lines.
    const line = info.lines - newlines(record.join(''));
    if (record.length !== header.length) {
      issues.push({
        file,
        line,
        field: '',
        rule: 'csv.fieldCount',
        message: `the row has ${record.length} cells, the header ${header.length}`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    record.forEach((raw, i) => {
      const name = header[i];
      const value = restoreFormulaSafeCell(raw.trim());
      if (name !== undefined && value !== '') cells[name] = value;
    });
    rows.push({ line, cells });
  }
  return { rows, issues };
}

/**
 * The one CSV writer of mujun: `\n` line ends, quotes only where needed, a
 * final newline, and every cell formula-safe (`formulaSafeCell`: a text
 * beginning with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`; numbers
 * stay numbers).
 */
export function stringifyCsv(records: readonly (readonly string[])[]): string {
  return stringify(
    records.map((r) => r.map(formulaSafeCell)),
    { record_delimiter: 'unix', eof: true },
  );
}

/** A canonical CSV text: the spec's columns in order, formula-safe (`stringifyCsv`). */
export function writeCsv(spec: FileSpec, rows: readonly Readonly<Record<string, string | undefined>>[]): string {
  const header = spec.columns.map((c) => c.name);
  const body = rows.map((r) => header.map((h) => r[h] ?? ''));
  return stringifyCsv([header, ...body]);
}
