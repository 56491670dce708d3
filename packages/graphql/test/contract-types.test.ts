import { schema } from '@mujun/graphql';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  GraphQLScalarType,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';

/** Names that always carry an entity identifier (docs/graphql.md, "Identifiers"). */
const IDENTIFIERS = new Set([
  'uscc',
  'city',
  'town',
  'townCode',
  'parcelId',
  'parcelIds',
  'parkId',
  'runId',
  'objectionId',
  'schemeId',
  'jurisdictionCode',
]);

type Slot = { where: string; name: string; type: string };

function slots(): Slot[] {
  const out: Slot[] = [];
  const add = (where: string, x: GraphQLField<unknown, unknown> | GraphQLArgument | GraphQLInputField) =>
    out.push({ where, name: x.name, type: getNamedType(x.type).name });
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const f of Object.values(type.getFields())) {
        add(`${type.name}.${f.name}`, f);
        for (const a of f.args) add(`${type.name}.${f.name}(${a.name})`, a);
      }
    } else if (isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) add(`${type.name}.${f.name}`, f);
    }
  }
  return out;
}

describe('contract types', () => {
  it('types every identifier as ID, in arguments, input fields and output fields alike', () => {
    const wrong = slots()
      .filter((s) => IDENTIFIERS.has(s.name) && s.type !== 'ID' && !['Region', 'Town'].includes(s.type))
      .map((s) => `${s.where}: ${s.type}`);
    expect(wrong).toEqual([]);
    for (const t of ['Region', 'Town']) {
      const type = schema.getType(t);
      const code = isObjectType(type) ? type.getFields().code : undefined;
      expect(code && getNamedType(code.type).name, `${t}.code`).toBe('ID');
    }
  });

  it('types every timestamp as DateTime', () => {
    const wrong = slots()
      .filter((s) => /^(at|\w+At)$/.test(s.name) && isScalarType(schema.getType(s.type)) && s.type !== 'DateTime')
      .map((s) => `${s.where}: ${s.type}`);
    expect(wrong).toEqual([]);
  });

  it('DateTime accepts ISO 8601 with an offset and refuses anything else', () => {
    const dt = schema.getType('DateTime');
    expect(dt).toBeInstanceOf(GraphQLScalarType);
    const s = dt as GraphQLScalarType;
    expect(s.description).toMatch(/ISO 8601/);
    for (const ok of ['2026-12-07T22:56:39Z', '2026-12-07T22:56:39.123Z', '2026-12-08T06:56:39+08:00']) {
      expect(s.parseValue(ok)).toBe(ok);
      expect(s.serialize(ok)).toBe(ok);
    }
    expect(s.serialize(new Date('2026-12-07T22:56:39.000Z'))).toBe('2026-12-07T22:56:39.000Z');
    for (const bad of ['2026-12-07T22:56:39', '2026-12-07', '2026-02-30T00:00:00Z', '2026-12-07T24:00:00Z', 1, null]) {
      expect(() => s.parseValue(bad), String(bad)).toThrow(/DateTime cannot represent/);
    }
  });
});
