import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useBodyLimit } from './use-body-limit';

const schema = createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'hi' } } });

describe('useBodyLimit', () => {
  const yoga = createYoga({ schema, plugins: [useBodyLimit(64)], logging: false });

  it('answers 413 with mujun’s message for a declared length above the limit, before parsing', async () => {
    const body = JSON.stringify({ query: `{ hello ${' '.repeat(100)}}` });
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(json.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(json.errors[0]?.message).toContain('limit of 64 bytes');
  });

  it('lets a body within the limit through', async () => {
    const body = JSON.stringify({ query: '{ hello }' });
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    expect(await res.json()).toEqual({ data: { hello: 'hi' } });
  });
});
