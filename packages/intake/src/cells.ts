import type { CellValue } from 'exceljs';
import type { IntakeRule } from './messages';

/** A cell as text, as the person typed it, or a reason it cannot be read as typed. */
export interface Cell {
  readonly text: string;
  readonly problem?: { readonly rule: IntakeRule; readonly detail: string };
}

export const EMPTY_CELL: Cell = { text: '' };

/**
 * Excel keeps 15 significant digits of what is typed and stores the nearest
 * binary64. Every decimal of at most 15 significant digits comes back from
 * that double as its shortest round-trip form (DBL_DIG = 15), so
 * `String(n)` is then exactly what was typed. A double whose shortest form
 * needs more digits (`=0.1+0.2` gives 0.30000000000000004) is not a decimal
 * anyone typed: it is refused rather than guessed.
 */
export function numberCellText(n: number): Cell {
  if (!Number.isFinite(n)) return { text: String(n), problem: { rule: 'cell.inexactNumber', detail: String(n) } };
  const shortest = String(n);
  // The common case, without an exponent: the shortest form is already the decimal text
  // (no leading or trailing zeros to strip); only its significant digits are counted.
  if (PLAIN.test(shortest) && significantDigits(shortest) <= 15) return { text: shortest };
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(shortest);
  if (!m) return { text: String(n), problem: { rule: 'cell.inexactNumber', detail: String(n) } };
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = (int + frac).replace(/^0+/, '');
  const significant = digits.replace(/0+$/, '').length;
  if (significant > 15) return { text: String(n), problem: { rule: 'cell.inexactNumber', detail: String(n) } };
  // Place the decimal point: value = 0.(int frac) × 10^(int.length + exp).
  const all = int + frac;
  const point = int.length + Number(exp);
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${all}`;
  else if (point >= all.length) text = all + '0'.repeat(point - all.length);
  else text = `${all.slice(0, point)}.${all.slice(point)}`;
  text = text.replace(/^0+(?=\d)/, '');
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return { text: `${sign}${text}` };
}

const PLAIN = /^-?\d+(?:\.\d+)?$/;

/** Digits of a plain decimal text from its first to its last non-zero digit (0 for zero). */
function significantDigits(text: string): number {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (c !== 48) {
      if (first < 0) first = count;
      last = count;
    }
    count++;
  }
  return first < 0 ? 0 : last - first + 1;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A string as a string of its own. The streaming reader's XML parser hands
 * out each text as a substring of the chunk it was decoded from, which V8
 * keeps as a slice holding the whole chunk: the cells of a 100k-row sheet
 * then kept most of its XML alive (50 of the 120 MB its table took). A
 * concatenation sliced again is flattened by V8 into a copy, and the chunk
 * can go.
 */
const ownString = (s: string): string => ` ${s}`.slice(1);

/** The text of an exceljs cell value: strings as they are, numbers checked exact, formulas by their saved result. */
export function cellOf(value: CellValue): Cell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return { text: ownString(value) };
  if (typeof value === 'number') return numberCellText(value);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: isoDate(value) };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) return { text: value.error, problem: { rule: 'cell.error', detail: value.error } };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) {
      return { text: '', problem: { rule: 'cell.formulaWithoutResult', detail: `=${value.formula ?? ''}` } };
    }
    return cellOf(result);
  }
  if ('text' in value) return { text: String(value.text) };
  return { text: String(value) };
}
