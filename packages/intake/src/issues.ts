/** Where a row of a department file is: file, sheet (xlsx only) and 1-based row. */
export interface RowRef {
  readonly file: string;
  readonly sheet?: string;
  readonly row: number;
}

/**
 * One finding of an import (导入问题): where (file, sheet, row, column header
 * as written), the cell as typed, the rule and a sentence. Errors stop the
 * row; warnings (a firm matched by name, a name that differs from the
 * registry) are reported and the row is kept; notes say what was left aside.
 */
export interface IntakeIssue extends RowRef {
  /** A note (说明) says what was left aside (a skipped sheet, total rows, unknown columns) and refuses nothing. */
  readonly severity: 'error' | 'warning' | 'note';
  /** The column header as the file writes it ('' when the issue is about the whole row or file). */
  readonly column: string;
  /** The cell as typed ('' when none). */
  readonly value: string;
  readonly rule: string;
  readonly message: string;
  /** 统一社会信用代码 the importer probably meant (check-digit typos, name matches). */
  readonly suggestions?: readonly string[];
  /** The other rows of a conflict (the same firm twice). */
  readonly related?: readonly RowRef[];
}

/** Issues in reading order: file, row, then column. */
export function sortIssues(issues: readonly IntakeIssue[]): IntakeIssue[] {
  return [...issues].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.row - b.row || a.column.localeCompare(b.column) || a.rule.localeCompare(b.rule),
  );
}
