import { describe, expect, it } from 'vitest';
import { ANNUAL_DATA_FILE } from '../../src/dataset/columns';
import {
  ANNUAL_CSV_FIELD_NAMES,
  ANNUAL_QUANTITY_FIELD_NAMES,
  ANNUAL_QUANTITY_FIELDS,
} from '../../src/model/annual-data';

/*
 * ANNUAL_QUANTITY_FIELDS is the one table of annual-data figures: a field added
 * to it and missing from a list derived from it fails here.
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
});
