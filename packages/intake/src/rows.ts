import { annualDataSchema, type Scale, type Unit } from '@mujun/core';
import { toFieldIssues } from '@mujun/core/model';
import { type Cell, EMPTY_CELL } from './cells';
import type { HeaderMatch, MappedColumn } from './header';
import type { IntakeIssue, RowRef } from './issues';
import { intakeMessage } from './messages';
import type { Table } from './read';
import type { QuantityField, SourceId } from './templates';
import { normaliseLabel, unitOfLabel } from './units';

/** A figure read from a cell: the decimal as typed, in the unit the file says, and where it was. */
export interface SourceValue {
  readonly value: string;
  readonly unit: Unit;
  readonly header: string;
  /** The cell as typed (before NFKC and thousands separators are undone), for the report. */
  readonly typed: string;
}

/** One data row of a department file, read and checked cell by cell. */
export interface SourceRow {
  readonly file: string;
  readonly sheet?: string;
  readonly row: number;
  readonly source: SourceId;
  /** The cells as typed, by column index (for the rejects workbook). */
  readonly texts: readonly string[];
  /** 统一社会信用代码 as typed ('' when empty) and its header. */
  readonly usccText: string;
  readonly usccHeader: string;
  readonly name: string;
  readonly nameHeader: string;
  readonly scale?: Scale;
  readonly scaleHeader?: string;
  /** The figures read; one that fails its field rule is dropped by `checkFigures`. */
  readonly values: ReadonlyMap<QuantityField, SourceValue>;
  /** Errors of this row's cells (reconciliation adds its own). */
  readonly issues: IntakeIssue[];
}

const SCALE_WORDS: Readonly<Record<string, Scale>> = {
  规上: 'aboveDesignatedSize',
  规模以上: 'aboveDesignatedSize',
  规上企业: 'aboveDesignatedSize',
  是: 'aboveDesignatedSize',
  规下: 'belowDesignatedSize',
  规模以下: 'belowDesignatedSize',
  规下企业: 'belowDesignatedSize',
  否: 'belowDesignatedSize',
};

/** Rows that close a table rather than describe a firm. */
const TOTAL_ROW = /^(合计|总计|小计)$/;

const NON_ASCII = /[^ -~]/;

/**
 * A decimal as typed, NFKC-normalised (full-width digits), with thousands
 * separators removed only where they group by three (`1,234.5`); anything
 * else is passed on for the core to refuse with its own rule.
 */
function decimalText(text: string): string {
  // Printable ASCII is its own NFKC form: the usual cell keeps its string (no copy per figure).
  const t = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).trim();
  return /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t;
}

/** The core's own schema of each figure (the same rules `parseAnnualData` applies). */
type FieldSchema = {
  safeParse(v: unknown): { success: true } | { success: false; error: Parameters<typeof toFieldIssues>[0] };
};
const FIELD_SCHEMAS = annualDataSchema.shape as unknown as Record<QuantityField, FieldSchema>;

/**
 * The data rows below the header: each filled cell read as typed; codes,
 * names, 规模, the year and unit cells checked here. Each figure is checked
 * by the core's own field rule with its unit in `checkFigures`, which
 * `mergeRows` calls only when a firm's merged record fails (the record's
 * parse applies the same field rules to every figure at once), so a clean
 * import parses each figure once. Blank rows and 合计 rows are skipped.
 */
export function readRows(
  table: Table,
  source: SourceId,
  header: HeaderMatch,
  year: number,
): { rows: SourceRow[]; skipped: number } {
  const rows: SourceRow[] = [];
  let skipped = 0;
  const byField = new Map(header.columns.map((m) => [m.column.field, m]));
  const uscc = byField.get('uscc');
  const name = byField.get('name');
  const usccHeader = uscc?.header ?? '';
  const nameHeader = name?.header ?? '';
  const scaleHeader = byField.get('scale')?.header ?? '';
  // The other columns, in header order (their issues are reported in that order).
  const others = header.columns.filter((m) => m.column.field !== 'uscc' && m.column.field !== 'name');
  const sheet = table.sheet === undefined ? {} : { sheet: table.sheet };
  // 100k rows: no closure or scratch object is made per row, only what the row keeps.
  for (const r of table.rows) {
    if (r.row <= header.row) continue;
    const cells = r.cells;
    // A for loop, not map: a sparse row's holes become '' (map would keep them as holes).
    const texts: string[] = new Array(cells.length);
    let blank = true;
    for (let c = 0; c < cells.length; c++) {
      const t = cells[c]?.text ?? '';
      texts[c] = t;
      if (blank && !isBlank(t)) blank = false;
    }
    if (blank) continue;
    const usccCell = uscc ? cellAt(cells, uscc) : EMPTY_CELL;
    const nameCell = name ? cellAt(cells, name) : EMPTY_CELL;
    const usccText = usccCell.text.trim();
    const nameText = nameCell.text.trim();
    if (usccText === '' && TOTAL_ROW.test(normaliseLabel(nameText))) {
      skipped++;
      continue;
    }
    const row: SourceRow & {
      issues: IntakeIssue[];
      values: Map<QuantityField, SourceValue>;
      scale?: Scale;
      scaleHeader?: string;
    } = {
      file: table.file,
      ...sheet,
      row: r.row,
      source,
      texts,
      usccText,
      usccHeader,
      name: nameText,
      nameHeader,
      values: new Map<QuantityField, SourceValue>(),
      issues: [],
    };
    if (uscc && (usccCell.number || EXPONENT_CODE.test(usccText))) {
      // A code typed into a number cell has lost what it was (its letters, its leading zeros,
      // digits past the 15th), whatever the double prints as: never a check-character typo.
      // A text like 9.13305E+17 is such a number saved as text (a CSV). Reconciliation adds
      // the registry firm of the row's name as the suggestion.
      const shown = usccCell.problem?.detail ?? usccText;
      cellError(row, uscc, shown, 'cell.numberLostDigits', intakeMessage('cell.numberLostDigits', shown));
    } else if (uscc && usccCell.problem) {
      cellError(
        row,
        uscc,
        usccCell.text,
        usccCell.problem.rule,
        intakeMessage(usccCell.problem.rule, usccCell.problem.detail),
      );
    }
    if (name && nameCell.problem) {
      cellError(
        row,
        name,
        nameCell.text,
        nameCell.problem.rule,
        intakeMessage(nameCell.problem.rule, nameCell.problem.detail),
      );
    }
    let scale: Scale | undefined;
    for (const m of others) {
      const field = m.column.field;
      const cell = cellAt(cells, m);
      if (cell.problem) {
        cellError(row, m, cell.text, cell.problem.rule, intakeMessage(cell.problem.rule, cell.problem.detail));
        continue;
      }
      const text = cell.text.trim();
      if (text === '') continue;
      if (field === 'year') {
        if (text !== String(year))
          cellError(row, m, text, 'cell.year', intakeMessage('cell.year', `${text}, importing ${year}`));
        continue;
      }
      if (field === 'scale') {
        scale = SCALE_WORDS[normaliseLabel(text)];
        if (scale === undefined) cellError(row, m, text, 'cell.scale', intakeMessage('cell.scale'));
        continue;
      }
      const kind = m.column.kind;
      let unit = m.unit;
      if (m.unitColumn !== undefined && kind !== undefined) {
        const unitText = (cells[m.unitColumn]?.text ?? '').trim();
        if (unitText !== '') {
          const named = unitOfLabel(unitText, kind);
          if (named === undefined) {
            cellError(
              row,
              m,
              unitText,
              'cell.unit',
              intakeMessage('cell.unit', `“${unitText}” for ${m.column.header}`),
            );
            continue;
          }
          unit = named;
        }
      }
      if (unit === undefined) continue;
      row.values.set(field as QuantityField, { value: decimalText(text), unit, header: m.header, typed: cell.text });
    }
    if (scale !== undefined) {
      row.scale = scale;
      row.scaleHeader = scaleHeader;
    }
    rows.push(row);
  }
  return { rows, skipped };
}

/** A number as Excel shows it in a narrow cell or saves it to CSV: `9.13305E+17`. */
const EXPONENT_CODE = /^\d(\.\d+)?E\+\d+$/i;
const isBlank = (t: string) => t.trim() === '';
const cellAt = (cells: readonly Cell[], m: MappedColumn): Cell => cells[m.index] ?? EMPTY_CELL;

/** Where a row stands (file, sheet, row), as its issues say. */
export const rowRef = (r: SourceRow): RowRef => ({
  file: r.file,
  ...(r.sheet === undefined ? {} : { sheet: r.sheet }),
  row: r.row,
});

/** Adds an issue (an error unless said) to a row. A function, not a closure per row: 100k rows. */
export function addRowIssue(
  r: SourceRow,
  i: Omit<IntakeIssue, keyof RowRef | 'severity'> & { severity?: IntakeIssue['severity'] },
): void {
  r.issues.push({ severity: 'error', ...rowRef(r), ...i });
}

/** Reports a cell's error on its row. */
function cellError(row: SourceRow, m: MappedColumn, value: string, rule: string, message: string): void {
  addRowIssue(row, { column: m.header, value, rule, message });
}

const figuresChecked = new WeakSet<SourceRow>();

/**
 * Checks each figure of a row by the core's own field rule (`decimal.format`,
 * `nonNegative`, `headcount.integer`, ...) with its unit: a figure that fails
 * is reported on its cell, as typed, and dropped from the row's values.
 * Once per row; `mergeRows` and `planIntake` call it where a report needs it.
 */
export function checkFigures(row: SourceRow): void {
  if (figuresChecked.has(row)) return;
  figuresChecked.add(row);
  const values = row.values as Map<QuantityField, SourceValue>;
  for (const [field, v] of values) {
    const checked = FIELD_SCHEMAS[field].safeParse({ value: v.value, unit: v.unit });
    if (checked.success) continue;
    // Some core messages end with their rule already; the report carries the rule on its own.
    for (const fi of toFieldIssues(checked.error)) {
      row.issues.push({
        severity: 'error',
        file: row.file,
        ...(row.sheet === undefined ? {} : { sheet: row.sheet }),
        row: row.row,
        column: v.header,
        value: v.typed,
        rule: fi.rule,
        message: fi.message.replace(` (${fi.rule})`, ''),
      });
    }
    values.delete(field);
  }
}
