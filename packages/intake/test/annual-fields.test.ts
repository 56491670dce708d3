import { UNIT_LABELS } from '@mujun/core/labels';
import { ANNUAL_QUANTITY_FIELD_NAMES, ANNUAL_QUANTITY_FIELDS, ANNUAL_TEMPLATE_FIELD_NAMES } from '@mujun/core/model';
import {
  matchHeader,
  normaliseLabel,
  readTable,
  SOURCE_IDS,
  splitHeader,
  TEMPLATES,
  templateWorkbook,
} from '@mujun/intake';
import { describe, expect, it } from 'vitest';

/*
 * Intake's faces of core's ANNUAL_QUANTITY_FIELDS (see
 * packages/core/test/model/annual-fields.test.ts): the department templates,
 * the blank template workbooks and the headers intake recognises. A row added
 * to the table that no template gives, or a template column that is not a row,
 * fails here.
 */
const figureColumns = (id: (typeof SOURCE_IDS)[number]) => TEMPLATES[id].columns.filter((c) => c.kind !== undefined);

describe('intake takes its annual-data columns from ANNUAL_QUANTITY_FIELDS', () => {
  it('the templates give every figure once, in its source, as the table says', () => {
    const given = SOURCE_IDS.flatMap((id) => figureColumns(id).map((c) => c.field));
    expect([...given].sort()).toEqual([...ANNUAL_QUANTITY_FIELD_NAMES].sort());
    for (const id of SOURCE_IDS) {
      for (const c of figureColumns(id)) {
        const row = ANNUAL_QUANTITY_FIELDS[c.field as keyof typeof ANNUAL_QUANTITY_FIELDS];
        expect(row.template.source, c.field).toBe(id);
        expect(c).toEqual({
          field: c.field,
          header: row.template.header,
          synonyms: row.template.synonyms,
          kind: row.kind,
          unit: row.unit,
          required: row.template.required,
          note: row.template.note,
        });
      }
    }
  });

  it("a template's figure columns follow template.position; its presence fields are its required figures", () => {
    for (const id of SOURCE_IDS) {
      const fields = figureColumns(id).map((c) => c.field);
      expect(fields, id).toEqual(ANNUAL_TEMPLATE_FIELD_NAMES.filter((f) => fields.includes(f)));
      expect(TEMPLATES[id].presence, id).toEqual(
        fields.filter((f) => ANNUAL_QUANTITY_FIELDS[f as keyof typeof ANNUAL_QUANTITY_FIELDS].template.required),
      );
    }
  });

  it("every header and synonym of a figure is recognised as that figure, in the source's file", async () => {
    for (const id of SOURCE_IDS) {
      // No two columns of a source may share a label: the second would never be recognised.
      const labels = TEMPLATES[id].columns.flatMap((c) => [c.header, ...c.synonyms].map(normaliseLabel));
      expect(new Set(labels).size, id).toBe(labels.length);
      for (const c of figureColumns(id)) {
        for (const label of [c.header, ...c.synonyms]) {
          // A label with brackets would be read as a name and a unit.
          expect(splitHeader(label), label).toEqual({ name: normaliseLabel(label) });
          const bytes = new TextEncoder().encode(`统一社会信用代码,${label}\n91330483100555740Y,1\n`);
          const table = await readTable({ name: `${id}.csv`, bytes });
          const match = matchHeader(table, TEMPLATES[id]);
          expect(match?.columns.find((m) => m.index === 1)?.column.field, `${id}: ${label}`).toBe(c.field);
        }
      }
    }
  });

  it("a blank template's header row names every figure of its source in the table's unit", async () => {
    for (const id of SOURCE_IDS) {
      const table = await readTable({ name: `${id}.xlsx`, bytes: await templateWorkbook(TEMPLATES[id], 2018) });
      const match = matchHeader(table, TEMPLATES[id]);
      const figures = match?.columns.filter((m) => m.column.kind !== undefined) ?? [];
      expect(
        figures.map((m) => m.column.field),
        id,
      ).toEqual(figureColumns(id).map((c) => c.field));
      for (const m of figures) {
        const row = ANNUAL_QUANTITY_FIELDS[m.column.field as keyof typeof ANNUAL_QUANTITY_FIELDS];
        expect(m.header, m.column.field).toBe(`${row.template.header}(${UNIT_LABELS[row.unit]})`);
        expect(m.unit, m.column.field).toBe(row.unit);
        expect(m.unitFrom, m.column.field).toBe('header');
      }
      expect(match?.issues, id).toEqual([]);
    }
  });
});
