import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { corsFor, useVaryOrigin } from './use-cors';

const schema = createSchema({ typeDefs: 'type Query { hello: String }' });
const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
});

describe('corsFor and useVaryOrigin', () => {
  it('answers an allowlisted origin with itself and credentials, any other with no CORS header', async () => {
    const yoga = createYoga({ schema, cors: corsFor(['https://dash.tx.gov.cn']), plugins: [useVaryOrigin()] });
    const ok = await yoga.fetch('http://localhost/graphql', preflight('https://dash.tx.gov.cn'));
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://dash.tx.gov.cn');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const evil = await yoga.fetch('http://localhost/graphql', preflight('https://evil.example'));
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('vary')).toContain('Origin');
  });

  it('refuses * and anything that is not an origin', () => {
    expect(() => corsFor(['*'])).toThrow(/"\*" is never allowed/);
    expect(() => corsFor(['https://dash.tx.gov.cn/path'])).toThrow(/is not an origin/);
  });
});
