import { describe, expect, it } from 'vitest';
import { ANNUAL_DATA_FILE } from '../../src/dataset/columns';
import { ANNUAL_FIELD_LABELS, DATA_SOURCE_LABELS } from '../../src/labels';
import {
  ANNUAL_CSV_FIELD_NAMES,
  ANNUAL_QUANTITY_FIELD_NAMES,
  ANNUAL_QUANTITY_FIELDS,
  ANNUAL_TEMPLATE_FIELD_NAMES,
  annualDataSchema,
} from '../../src/model/annual-data';

/*
 * ANNUAL_QUANTITY_FIELDS is the one table of annual-data figures: a field added
 * to it and missing from a list derived from it fails here (core's faces), in
 * packages/intake/test/annual-fields.test.ts (templates, header recognition) and
 * in packages/graphql/test/annual-fields.test.ts (the SDL's AnnualData and
 * AnnualDataInput).
 */
describe('ANNUAL_QUANTITY_FIELDS drives every annual-data list', () => {
  it('annual-data.csv has one quantity column per field, header, kind and unit from the table', () => {
    const quantities = ANNUAL_DATA_FILE.columns.filter((c) => c.type === 'quantity');
    expect(quantities.map((c) => c.field).sort()).toEqual([...ANNUAL_QUANTITY_FIELD_NAMES].sort());
    for (const c of quantities) {
      const row = ANNUAL_QUANTITY_FIELDS[c.field as keyof typeof ANNUAL_QUANTITY_FIELDS];
      expect(c).toMatchObject({ name: row.csv, kind: row.kind, unit: row.unit });
    }
  });

  it('csvPosition places every field once, 0..n-1', () => {
    const positions = ANNUAL_QUANTITY_FIELD_NAMES.map((f) => ANNUAL_QUANTITY_FIELDS[f].csvPosition).sort(
      (a, b) => a - b,
    );
    expect(positions).toEqual(ANNUAL_QUANTITY_FIELD_NAMES.map((_, i) => i));
    expect(ANNUAL_CSV_FIELD_NAMES).toHaveLength(ANNUAL_QUANTITY_FIELD_NAMES.length);
  });

  it('annual-data.csv keeps the header files already have (new fields only after it)', () => {
    const header = ANNUAL_DATA_FILE.columns.map((c) => c.name);
    expect(header.slice(0, 15)).toEqual([
      'uscc',
      'year',
      'scale',
      'revenue_wan_yuan',
      'tax_wan_yuan',
      'value_added_wan_yuan',
      'rd_expense_wan_yuan',
      'employees_person',
      'energy_tce',
      'emission_equivalent_tonne',
      'electricity_wan_kwh',
      'land_area_mu',
      'sales_wan_yuan',
      'water_tonne',
      'cod_tonne',
    ]);
  });

  it('annualDataSchema has one figure field per row, in table order, after the keys', () => {
    expect(Object.keys(annualDataSchema.shape)).toEqual(['uscc', 'year', 'scale', ...ANNUAL_QUANTITY_FIELD_NAMES]);
    for (const f of ANNUAL_QUANTITY_FIELD_NAMES) {
      const row = ANNUAL_QUANTITY_FIELDS[f];
      // Optional, of the row's kind, in the row's default unit.
      expect(annualDataSchema.shape[f].safeParse(undefined).success, f).toBe(true);
      const q = annualDataSchema.shape[f].parse('3') as unknown as { kind: string; in(unit: string): { num: bigint } };
      expect(q.kind, f).toBe(row.kind);
      expect(q.in(row.unit).num, f).toBe(3n);
    }
  });

  it('template.position places every field once, 0..n-1; every source is a known department', () => {
    const positions = ANNUAL_QUANTITY_FIELD_NAMES.map((f) => ANNUAL_QUANTITY_FIELDS[f].template.position).sort(
      (a, b) => a - b,
    );
    expect(positions).toEqual(ANNUAL_QUANTITY_FIELD_NAMES.map((_, i) => i));
    expect([...ANNUAL_TEMPLATE_FIELD_NAMES].sort()).toEqual([...ANNUAL_QUANTITY_FIELD_NAMES].sort());
    for (const f of ANNUAL_QUANTITY_FIELD_NAMES) {
      const t = ANNUAL_QUANTITY_FIELDS[f].template;
      expect(Object.keys(DATA_SOURCE_LABELS), f).toContain(t.source);
      // A bracket in a header would be read as its unit (`用电量(千瓦时)`).
      expect(t.header, f).not.toMatch(/[()（）[\]]/);
    }
    // Every department sends at least one required figure (its data's presence).
    for (const source of Object.keys(DATA_SOURCE_LABELS)) {
      const required = ANNUAL_QUANTITY_FIELD_NAMES.filter(
        (f) => ANNUAL_QUANTITY_FIELDS[f].template.source === source && ANNUAL_QUANTITY_FIELDS[f].template.required,
      );
      expect(required.length, source).toBeGreaterThan(0);
    }
  });

  it("ANNUAL_FIELD_LABELS names exactly the table's fields, and each row's label is its term", () => {
    expect(Object.keys(ANNUAL_FIELD_LABELS)).toEqual([...ANNUAL_QUANTITY_FIELD_NAMES]);
    for (const f of ANNUAL_QUANTITY_FIELD_NAMES)
      expect(ANNUAL_QUANTITY_FIELDS[f].label, f).toBe(ANNUAL_FIELD_LABELS[f]);
  });
});
