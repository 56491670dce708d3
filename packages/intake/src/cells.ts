import type { CellValue } from 'exceljs';
import type { IntakeRule } from './messages';

/** A cell as text, as the person typed it, or a reason it cannot be read as typed. */
export interface Cell {
  readonly text: string;
  readonly problem?: { readonly rule: IntakeRule; readonly detail: string };
  /** A number cell (not text): an identifier typed into one has lost what it was typed as. */
  readonly number?: true;
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
  if (!Number.isFinite(n)) {
    return { text: String(n), number: true, problem: { rule: 'cell.inexactNumber', detail: String(n) } };
  }
  const shortest = String(n);
  // The common case, without an exponent: the shortest form is already the decimal text
  // (no leading or trailing zeros to strip); only its significant digits are counted.
  if (PLAIN.test(shortest) && significantDigits(shortest) <= 15) return { text: shortest, number: true };
  return decimalCell(shortest, 'cell.inexactNumber');
}

/** Most significant digits a number cell is read with: what a spreadsheet keeps of what is typed. */
export const NUMBER_DIGITS = 15;

/**
 * A number cell of an .xlsx file, from the text the file stores (`<v>`),
 * never through a float: a plain or exponent decimal of at most 15
 * significant digits is taken exactly (`1.5E-3` → `0.0015`); one with more
 * digits than a spreadsheet number keeps (`11559.910000000000001`, or
 * Excel's `0.30000000000000004` for `=0.1+0.2`) is refused
 * (`cell.numberDigits`), never shortened.
 */
export function storedNumberCell(stored: string): Cell {
  const t = stored.trim();
  if (PLAIN.test(t) && significantDigits(t) <= NUMBER_DIGITS && !/^-?0\d|\.\d*0$/.test(t)) {
    return { text: t === '-0' ? '0' : t, number: true };
  }
  return decimalCell(t, 'cell.numberDigits');
}

/** A decimal text (exponent allowed) as a plain decimal, or refused by `rule` past 15 significant digits. */
function decimalCell(shown: string, rule: 'cell.inexactNumber' | 'cell.numberDigits'): Cell {
  const refused: Cell = { text: shown, number: true, problem: { rule, detail: shown } };
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,5}))?$/.exec(shown);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return refused;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = (int + frac).replace(/^0+/, '');
  const significant = digits.replace(/0+$/, '').length;
  if (significant > NUMBER_DIGITS) return refused;
  if (significant === 0) return { text: '0', number: true };
  // Place the decimal point: value = 0.(int frac) × 10^(int.length + exp).
  const all = int + frac;
  const point = int.length + Number(exp);
  // A hostile exponent (1E99999) would be a text of that many zeros: beyond any figure, refused.
  if (point > 30 || point < -30) return refused;
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${all}`;
  else if (point >= all.length) text = all + '0'.repeat(point - all.length);
  else text = `${all.slice(0, point)}.${all.slice(point)}`;
  text = text.replace(/^0+(?=\d)/, '');
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return { text: `${sign === '-' ? '-' : ''}${text}`, number: true };
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
export function cellOf(value: CellValue, stored?: string): Cell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return { text: ownString(value) };
  if (typeof value === 'number') return stored === undefined ? numberCellText(value) : storedNumberCell(stored);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: isoDate(value) };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) return { text: value.error, problem: { rule: 'cell.error', detail: value.error } };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) {
      return { text: '', problem: { rule: 'cell.formulaWithoutResult', detail: `=${value.formula ?? ''}` } };
    }
    return cellOf(result, stored);
  }
  if ('text' in value) return { text: String(value.text) };
  return { text: String(value) };
}
