/**
 * Formula-safe text cells (公式注入防护) for every CSV mujun writes: one rule,
 * here. A spreadsheet program opening a CSV treats a cell beginning with
 * `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (OWASP "CSV
 * injection"): a firm named `=HYPERLINK("http://x.invalid/?leak","click")`
 * would become a live link. Such a text cell is written with a leading `'`
 * (which the spreadsheet shows as text and does not display); numbers
 * (`-12.5`, `+3`) are left as they are, so they stay numeric. Cells already
 * beginning with `'` before one of those characters get one more `'`, so
 * `restoreFormulaSafeCell` gives back exactly what was written.
 */

/** The characters a spreadsheet reads as the start of a formula (OWASP). */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/** A plain decimal number: left as it is, so a spreadsheet reads it as a number. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Leading apostrophes, then a formula trigger. */
const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;

/** A text cell as written to a CSV: neutralised when a spreadsheet would read it as a formula. */
export function formulaSafeCell(cell: string): string {
  if (NUMBER.test(cell)) return cell;
  return NEEDS_QUOTE.test(cell) ? `'${cell}` : cell;
}

/** The text a `formulaSafeCell` was made from (mujun's CSV reader applies it to every cell). */
export function restoreFormulaSafeCell(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
