import type { Unit } from '@mujun/core';
import { limitError } from './budget';
import { DEFAULT_LIMITS } from './limits';
import { type IntakeRule, intakeMessage } from './messages';
import type { Table } from './read';
import { SOURCE_IDS, type SourceId, type SourceTemplate, TEMPLATES, type TemplateColumn } from './templates';
import { normaliseLabel, unitOfLabel } from './units';

/** Where a column's unit comes from. */
export type UnitSource = 'header' | 'unitColumn' | 'default';

/** One column of the file matched to a template column. */
export interface MappedColumn {
  /** 0-based column index in the table. */
  readonly index: number;
  /** The header as written in the file. */
  readonly header: string;
  readonly column: TemplateColumn;
  /** Quantities: the unit named by the header, else the template's. */
  readonly unit?: Unit;
  readonly unitFrom?: UnitSource;
  /** A unit column (单位) giving this quantity's unit row by row. */
  readonly unitColumn?: number;
}

export interface HeaderIssue {
  readonly row: number;
  readonly column: string;
  readonly rule: IntakeRule;
  readonly message: string;
}

export interface HeaderMatch {
  /** 1-based row of the header. */
  readonly row: number;
  readonly columns: readonly MappedColumn[];
  readonly issues: readonly HeaderIssue[];
  /** Headers no column of the template names (ignored: departments add their own). */
  readonly unknown: readonly string[];
}

/** How many rows are searched for the header (title rows, notes, blank rows sit above it). */
const HEADER_SEARCH_ROWS = 30;

/** `实缴税金(万元)` → name `实缴税金`, unit label `万元`; full-width brackets too. */
export function splitHeader(header: string): { name: string; unitLabel?: string } {
  const h = normaliseLabel(header).replace(/[*：:]+$/, '');
  const m = /^(.*?)[([]([^()[\]]+)[)\]]$/.exec(h);
  return m?.[1] ? { name: m[1], unitLabel: (m[2] ?? '').replace(/^单位[:：]?/, '') } : { name: h };
}

/** Each template's columns by normalised header and synonym, made once: a header cell is one lookup. */
const byLabel = new WeakMap<SourceTemplate, ReadonlyMap<string, TemplateColumn>>();

function columnFor(template: SourceTemplate, name: string): TemplateColumn | undefined {
  let labels = byLabel.get(template);
  if (!labels) {
    const m = new Map<string, TemplateColumn>();
    for (const c of template.columns) {
      for (const label of [c.header, ...c.synonyms]) {
        const k = normaliseLabel(label);
        if (!m.has(k)) m.set(k, c);
      }
    }
    labels = m;
    byLabel.set(template, labels);
  }
  return labels.get(name);
}

const isUnitColumn = (name: string) => /单位$/.test(name);

/** Template columns a header row names (how many quantity columns: the score used to pick a source). */
function score(template: SourceTemplate, cells: readonly string[]): { keys: number; quantities: number } {
  let keys = 0;
  let quantities = 0;
  for (const text of cells) {
    if (text.trim() === '') continue;
    const c = columnFor(template, splitHeader(text).name);
    if (c?.field === 'uscc' || c?.field === 'name') keys++;
    else if (c && c.field !== 'year') quantities++;
  }
  return { keys, quantities };
}

/**
 * The filled cells of the rows searched for the header (the first 30), each
 * row refused past the header-width limit: scoring then costs at most
 * 30 × width lookups per template, whatever the file.
 */
function headerCandidates(table: Table, headerWidth: number): string[][] {
  return table.rows.slice(0, HEADER_SEARCH_ROWS).map((r) => {
    const texts: string[] = [];
    for (const c of r.cells) {
      if (c === undefined || c.text === '') continue;
      texts.push(c.text);
      if (texts.length > headerWidth) {
        throw limitError(table.file, 'headerWidth', headerWidth, `row ${r.row} has more filled cells`);
      }
    }
    return texts;
  });
}

/** The first row (of the first 30) that names a key column and the most columns of `template`. */
function headerRowOf(
  table: Table,
  template: SourceTemplate,
  headerWidth: number,
): { index: number; quantities: number } | undefined {
  let best: { index: number; quantities: number } | undefined;
  headerCandidates(table, headerWidth).forEach((texts, index) => {
    const s = score(template, texts);
    if (s.keys > 0 && s.quantities > 0 && (!best || s.quantities > best.quantities))
      best = { index, quantities: s.quantities };
  });
  return best;
}

/**
 * The source whose template fits the header row best, when the caller did
 * not say: the template naming the most of the file's columns, if only one
 * does.
 */
export function detectSource(
  table: Table,
  headerWidth: number = DEFAULT_LIMITS.headerWidth,
): SourceId | 'ambiguous' | undefined {
  const fits = SOURCE_IDS.map((id) => ({
    id,
    quantities: headerRowOf(table, TEMPLATES[id], headerWidth)?.quantities ?? 0,
  }));
  let top = 0;
  for (const f of fits) if (f.quantities > top) top = f.quantities;
  if (top === 0) return undefined;
  const best = fits.filter((f) => f.quantities === top);
  return best.length === 1 ? best[0]?.id : 'ambiguous';
}

/**
 * Finds the header row and maps its cells to the template: units from the
 * header (`税收(元)`) or from a unit column (`单位`, `用电量单位`), else the
 * template's unit. Unknown columns are ignored (departments add their own).
 */
export function matchHeader(
  table: Table,
  template: SourceTemplate,
  headerWidth: number = DEFAULT_LIMITS.headerWidth,
): HeaderMatch | undefined {
  const found = headerRowOf(table, template, headerWidth);
  if (!found) return undefined;
  const headerRow = table.rows[found.index];
  if (!headerRow) return undefined;
  const issues: HeaderIssue[] = [];
  const issue = (column: string, rule: IntakeRule, detail?: string) =>
    issues.push({ row: headerRow.row, column, rule, message: intakeMessage(rule, detail) });
  const columns: MappedColumn[] = [];
  const unitColumns: { index: number; header: string; name: string }[] = [];
  const unknown: string[] = [];
  headerRow.cells.forEach((cell, index) => {
    const header = (cell?.text ?? '').trim();
    if (header === '') return;
    const { name, unitLabel } = splitHeader(header);
    const column = columnFor(template, name);
    if (!column) {
      if (isUnitColumn(name)) unitColumns.push({ index, header, name: name.replace(/(计量)?单位$/, '') });
      else unknown.push(header);
      return;
    }
    if (columns.some((m) => m.column.field === column.field)) {
      issue(
        header,
        'header.duplicateColumn',
        `${header} and ${columns.find((m) => m.column.field === column.field)?.header}`,
      );
      return;
    }
    if (column.kind === undefined) {
      columns.push({ index, header, column });
      return;
    }
    let unit: Unit | undefined = column.unit;
    let unitFrom: UnitSource = 'default';
    if (unitLabel !== undefined) {
      const named = unitOfLabel(unitLabel, column.kind);
      if (named === undefined) issue(header, 'header.unit', `“${unitLabel}” for ${column.header}`);
      else {
        unit = named;
        unitFrom = 'header';
      }
    }
    columns.push({ index, header, column, ...(unit === undefined ? {} : { unit }), unitFrom });
  });
  // A unit column belongs to the quantity it names (用电量单位), or to the only quantity column.
  for (const u of unitColumns) {
    const quantities = columns.filter((m) => m.column.kind !== undefined);
    const target =
      u.name === ''
        ? quantities.length === 1
          ? quantities[0]
          : undefined
        : quantities.find((m) => columnFor(template, u.name)?.field === m.column.field);
    if (!target) {
      issue(u.header, 'header.unitColumn', u.header);
      continue;
    }
    columns[columns.indexOf(target)] = { ...target, unitColumn: u.index, unitFrom: 'unitColumn' };
  }
  for (const c of template.columns) {
    if (c.required && !columns.some((m) => m.column.field === c.field)) {
      issue(c.header, 'header.missingColumn', c.header);
    }
  }
  return { row: headerRow.row, columns, issues, unknown };
}
