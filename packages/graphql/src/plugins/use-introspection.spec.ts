import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NoSchemaDumpRule } from './use-introspection';

const schema = buildSchema('type Query { hello: String _service: Service } type Service { sdl: String }');
const errors = (query: string) => validate(schema, parse(query), [NoSchemaDumpRule]).map((e) => e.message);

describe('NoSchemaDumpRule', () => {
  it('refuses the whole-schema fields, __schema and the subgraph’s _service, wherever they are asked', () => {
    expect(errors('{ __schema { queryType { name } } }')).toEqual([
      expect.stringContaining(
        'introspection has been disabled, but the requested query contained the field "__schema"',
      ),
    ]);
    expect(errors('query Q { ...F } fragment F on Query { _service { sdl } }')).toEqual([
      expect.stringContaining('the field "_service"'),
    ]);
  });

  it('answers a lookup of one named type and ordinary fields', () => {
    expect(errors('query T($name: String!) { __type(name: $name) { name } hello __typename }')).toEqual([]);
  });
});
