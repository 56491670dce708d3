import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ANNUAL_QUANTITY_FIELD_NAMES, ANNUAL_QUANTITY_FIELDS } from '@mujun/core/model';
import { printSortedSchema, schema } from '@mujun/graphql';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLObjectType,
  getNamedType,
  isNonNullType,
} from 'graphql';
import { describe, expect, it } from 'vitest';

/*
 * The GraphQL faces of core's ANNUAL_QUANTITY_FIELDS (see
 * packages/core/test/model/annual-fields.test.ts): `AnnualData` and
 * `AnnualDataInput`, in the printed SDL and in the committed one. A row added
 * to the table and missing from either type (or from schema.graphql, not
 * regenerated) fails here.
 */
const SDLS = {
  printed: printSortedSchema(schema),
  committed: readFileSync(fileURLToPath(new URL('../schema.graphql', import.meta.url)), 'utf8'),
  subgraph: readFileSync(fileURLToPath(new URL('../subgraph.graphql', import.meta.url)), 'utf8'),
};

/** The GraphQL type of each kind's figure (a headcount is an Int). */
const TYPE_OF_KIND: Record<string, string> = {
  money: 'Money',
  energy: 'Energy',
  emissionEquivalent: 'EmissionEquivalent',
  electricity: 'Electricity',
  area: 'Area',
  water: 'Water',
  emission: 'Emission',
  headcount: 'Int',
};

/** AnnualData's figures: its fields of a figure's type other than the year (not the per-unit values, Rate or Decimal). */
const isFigure = (f: GraphQLField<unknown, unknown>) =>
  f.name !== 'year' && Object.values(TYPE_OF_KIND).includes(getNamedType(f.type).name);

describe.each(Object.entries(SDLS))('the %s SDL carries every annual-data field', (_name, sdl) => {
  const built = buildSchema(sdl, { assumeValidSDL: true });

  it('AnnualDataInput: the keys, then one optional field per row of the table, in its default unit', () => {
    const input = built.getType('AnnualDataInput') as GraphQLInputObjectType;
    const fields = Object.values(input.getFields());
    expect(fields.map((f) => f.name).sort()).toEqual(['scale', 'uscc', 'year', ...ANNUAL_QUANTITY_FIELD_NAMES].sort());
    for (const f of ANNUAL_QUANTITY_FIELD_NAMES) {
      const row = ANNUAL_QUANTITY_FIELDS[f];
      const field = input.getFields()[f];
      expect(field && isNonNullType(field.type), f).toBe(false);
      expect(field && getNamedType(field.type).name, f).toBe(row.whole ? 'Int' : 'Decimal');
      expect(field?.description, f).toContain(row.label);
    }
  });

  it("AnnualData: one figure per row of the table, of the kind's type", () => {
    const data = built.getType('AnnualData') as GraphQLObjectType;
    const figures = Object.values(data.getFields()).filter(isFigure);
    expect(figures.map((f) => f.name).sort()).toEqual([...ANNUAL_QUANTITY_FIELD_NAMES].sort());
    for (const f of figures) {
      const row = ANNUAL_QUANTITY_FIELDS[f.name as keyof typeof ANNUAL_QUANTITY_FIELDS];
      expect(getNamedType(f.type).name, f.name).toBe(TYPE_OF_KIND[row.kind]);
      expect(f.description, f.name).toContain(row.label);
    }
  });
});
