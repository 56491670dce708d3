import { controlCharacterIssues } from '@mujun/graphql';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cityAdminHeaders, gql, memoryGateway, SHIMEN, uscc } from './fixtures';

/*
 * A C0 control character in any argument, read or write, inline or as a
 * variable: a ValidationError (INVALID_INPUT, rule text.control) naming the
 * argument, never "Unexpected error" from the store below.
 */
describe('control characters in arguments', () => {
  it.each([
    ['enterprise(uscc:) inline', `{ enterprise(uscc: "${uscc(1)}\\u0000") { uscc } }`, undefined, 'uscc'],
    [
      'enterprise(uscc:) variable',
      'query ($u: ID!) { enterprise(uscc: $u) { uscc } }',
      { u: `\u0000${uscc(1)}` },
      'uscc',
    ],
    ['evaluationRun(id:)', 'query ($id: ID!) { evaluationRun(id: $id) { id } }', { id: 'run\u0001' }, 'id'],
    ['a DEL', '{ evaluationRun(id: "run\\u007f") { id } }', undefined, 'id'],
  ])('%s', async (_name, query, variables, field) => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, query, variables ?? {}, await cityAdminHeaders());
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: [{ field, rule: 'text.control' }],
    });
  });

  it('names the path inside a write input, and writes nothing', async () => {
    const { yoga, repository } = await memoryGateway();
    const before = await repository.listEnterprises({ regionCode: '330483' });
    const res = await gql(
      yoga,
      `mutation ($input: SaveEnterprisesInput!) { saveEnterprises(input: $input) { __typename } }`,
      {
        input: {
          city: '330483',
          enterprises: [
            { uscc: uscc(9), name: '新企业\u0000', town: SHIMEN, industry: '1751', registeredOn: '2015-01-01' },
          ],
        },
      },
      await cityAdminHeaders(),
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: [{ field: 'input.enterprises.0.name', rule: 'text.control' }],
    });
    expect(await repository.listEnterprises({ regionCode: '330483' })).toEqual(before);
  });

  it('lets tabs and line breaks through (a multi-line reason, a pretty-printed JSON document)', () => {
    const doc = parse('mutation ($d: String!) { saveScheme(input: { city: "330483", document: $d }) { __typename } }');
    expect(controlCharacterIssues(doc, { d: '{\n\t"id": "x"\r\n}' })).toEqual([]);
    expect(controlCharacterIssues(doc, { d: '{"id": "x\u0000"}' })).toEqual([
      expect.objectContaining({ field: 'input.document', rule: 'text.control' }),
    ]);
  });
});
