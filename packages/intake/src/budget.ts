import type { IntakeLimit, IntakeLimits } from './limits';
import { IntakeError } from './messages';

/** A file-level refusal for a limit: `limit.<name>`, saying the limit and what the file has. */
export function limitError(file: string, limit: IntakeLimit, max: number, actual?: string): IntakeError {
  return new IntakeError(file, `limit.${limit}`, `${limit} = ${max}${actual === undefined ? '' : `; ${actual}`}`);
}

/**
 * Counts a sheet's rows and filled cells against the limits as they are
 * read, so that a hostile sheet is refused as soon as it passes one.
 */
export class SheetBudget {
  private rows = 0;
  private cells = 0;
  constructor(
    private readonly file: string,
    private readonly limits: IntakeLimits,
  ) {}
  /** A row of `width` columns (the last filled one) and `filled` filled cells. */
  row(width: number, filled: number): void {
    this.open(width);
    this.fill(filled);
  }
  /** A row of `width` columns, counted and checked before any of its cells is copied. */
  open(width: number): void {
    if (++this.rows > this.limits.rows) throw limitError(this.file, 'rows', this.limits.rows);
    if (width > this.limits.columns) {
      throw limitError(this.file, 'columns', this.limits.columns, `a cell in column ${width}`);
    }
  }
  /** `filled` more filled cells of the row just opened. */
  fill(filled: number): void {
    this.cells += filled;
    if (this.cells > this.limits.cells) throw limitError(this.file, 'cells', this.limits.cells);
  }
}
