import { MujunError } from '@mujun/core';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { errorMasking } from './use-error-masking';

const schema = createSchema({
  typeDefs: 'type Query { boom: String, domain: String }',
  resolvers: {
    Query: {
      boom: () => {
        throw new Error('database password is hunter2');
      },
      domain: () => {
        throw new MujunError('evaluation.range', 'a figure is too large to keep');
      },
    },
  },
});
const yoga = createYoga({ schema, maskedErrors: errorMasking({ maxBodyBytes: 1024, log: false }), logging: false });
const post = (body: string | undefined, accept = 'application/json') =>
  yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    ...(body === undefined ? {} : { body }),
  });

describe('errorMasking', () => {
  it('answers a body that is not JSON, or no body, with 400 whatever the client accepts, without the parser’s text', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      for (const body of ['{"query":"{ boom }"', undefined]) {
        const res = await post(body, accept);
        expect(res.status).toBe(400);
        const json = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
        expect(json.errors[0]?.message).toBe('POST body sent invalid JSON.');
        expect(json.errors[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
      }
    }
  });

  it('masks an unexpected error and keeps a domain error’s message and code', async () => {
    const res = await post(JSON.stringify({ query: '{ boom domain }' }));
    const json = (await res.json()) as {
      errors: { message: string; path: string[]; extensions: Record<string, unknown> }[];
    };
    const byPath = Object.fromEntries(json.errors.map((e) => [e.path[0], e]));
    expect(byPath.boom?.message).toBe('Unexpected error.');
    expect(byPath.boom?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(json)).not.toContain('hunter2');
    expect(byPath.domain?.message).toContain('too large to keep');
    expect(byPath.domain?.extensions.code).toBe('EVALUATION.RANGE');
  });
});
