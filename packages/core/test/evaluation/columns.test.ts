import { describe, expect, it } from 'vitest';
import { annualDataSchema } from '../../src/index';
import { amountAt, loadAnnualDataColumns } from '../../src/internal';
import { safeParseWith } from '../../src/model/index';
import { usccOf } from './fixtures';

const ok = { uscc: usccOf(1), year: '2022', scale: 'belowDesignatedSize' };

/** The zod model's issues for the same row (year as a number), fields without the root. */
function modelIssues(row: Record<string, string>) {
  const input: Record<string, unknown> = { ...row, year: Number(row.year) };
  for (const [k, v] of Object.entries(row)) if (v === '') delete input[k];
  const r = safeParseWith(annualDataSchema, input);
  return r.ok ? [] : r.issues.map((i) => ({ field: i.field, rule: i.rule, message: i.message }));
}

describe('loadAnnualDataColumns', () => {
  it('reads plain decimals exactly into scaled columns and keeps longer ones exact', () => {
    const r = loadAnnualDataColumns([
      { ...ok, tax: '481.94', landArea: '12', electricity: '' },
      { ...ok, uscc: usccOf(2), tax: '0.0000001', landArea: '1e2' },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const c = r.columns;
    expect(amountAt(c.fields.tax, 0)?.toString()).toBe('24097/50');
    expect(amountAt(c.fields.electricity, 0)).toBeUndefined();
    expect(amountAt(c.fields.tax, 1)?.toString()).toBe('1/10000000');
    expect(amountAt(c.fields.landArea, 1)?.toString()).toBe('100');
  });

  it('keeps a figure whose scaled value passes 2^53 exact (not a rounded float)', () => {
    const r = loadAnnualDataColumns([{ ...ok, revenue: '999999999999999', tax: '-123456789012.345' }]);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(amountAt(r.columns.fields.revenue, 0)?.toString()).toBe('999999999999999');
    expect(amountAt(r.columns.fields.tax, 0)?.toString()).toBe('-24691357802469/200');
  });

  it('reports every bad cell with the zod model’s field, rule and message', () => {
    const rows = [
      { ...ok, tax: 'abc', landArea: '-1', employees: '2.5' },
      { ...ok, uscc: '91331003MA2B00019X', energy: '1.5.2' },
      { ...ok, scale: 'aboveDesignatedSize', revenue: '1999.99' },
      { ...ok, scale: 'aboveDesignatedSize' },
      { ...ok, tax: '1e100', water: '-0.5' },
    ];
    const r = loadAnnualDataColumns(rows);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const [i, row] of rows.entries()) {
      const mine = r.issues.filter((x) => x.row === i).map(({ field, rule, message }) => ({ field, rule, message }));
      expect(mine, `row ${i}`).toEqual(modelIssues(row));
      expect(mine.length).toBeGreaterThan(0);
    }
  });
});
