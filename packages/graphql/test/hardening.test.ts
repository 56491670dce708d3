import { MemoryRepository, makeUscc, type Repository, TONGXIANG_2018_INPUT } from '@mujun/core';
import { createGateway } from '@mujun/graphql';
import { describe, expect, it } from 'vitest';
import { at, cityAdminHeaders, gql, memoryGateway, SECRET, SHIMEN, seed } from './fixtures';

const DEEP = `{ region(city: "330483") { towns { region { towns { region { towns { region { towns { region { towns {
  region { towns { name } } } } } } } } } } } } }`;

describe('limits', () => {
  it('refuses a query deeper than maxDepth before resolving anything', async () => {
    const { yoga } = await memoryGateway({ maxDepth: 6 });
    const res = await gql(yoga, DEEP);
    expect(res.errors?.[0]?.message).toBe('query depth is 13, above the limit of 6');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_DEPTH_EXCEEDED', actual: 13, max: 6 });
    expect(res.data?.region ?? null).toBeNull();
  });

  it('refuses a query costlier than maxComplexity, counting connection pages by first', async () => {
    const { yoga } = await memoryGateway({ maxComplexity: 300 });
    const cheap = await gql(yoga, '{ enterprises(city: "330483", first: 10) { edges { node { uscc name } } } }');
    expect(cheap.errors).toBeUndefined();
    const costly = await gql(
      yoga,
      '{ enterprises(city: "330483", first: 100) { edges { node { uscc name town { name } } } } }',
    );
    expect(costly.errors?.[0]?.extensions?.code).toBe('MAX_COMPLEXITY_EXCEEDED');
    expect(costly.errors?.[0]?.message).toMatch(/^query complexity is \d+, above the limit of 300$/);
  });
});

describe('errors', () => {
  it('masks unexpected errors and keeps domain errors readable', async () => {
    const { repository } = await memoryGateway();
    const broken: Repository = Object.assign(Object.create(repository) as Repository, {
      listRegions: async () => {
        throw new Error('connection to 10.0.0.7 refused: password authentication failed');
      },
    });
    const yoga = createGateway({ repository: broken, logging: false });
    const res = await gql(yoga, '{ regions { name } }');
    expect(res.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(res)).not.toContain('10.0.0.7');
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    const domain = await gql(yoga, '{ enterprises(city: "999999") { edges { cursor } } }');
    expect(domain.errors?.[0]?.message).toBe(
      '[mujun] city: no region with the code 999999; see the regions query for those loaded (reference.region)',
    );
  });
});

describe('CSRF prevention and introspection', () => {
  it('serves a GET query by default (bearer tokens only: a forged request is anonymous) and refuses a GET mutation', async () => {
    const { yoga } = await memoryGateway();
    const query = encodeURIComponent('{ regions { name } }');
    const get = await yoga.fetch(`http://localhost/graphql?query=${query}`, {
      headers: { accept: 'application/json' },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { regions: [{ name: '桐乡市' }] } });
    const mutation = encodeURIComponent('mutation { __typename }');
    const getMutation = await yoga.fetch(`http://localhost/graphql?query=${mutation}`, {
      headers: { accept: 'application/json' },
    });
    expect(getMutation.status).toBe(405);
  });

  it('with csrfPrevention, refuses a simple (non-preflighted) request and serves JSON', async () => {
    const { yoga } = await memoryGateway({ csrfPrevention: true });
    const query = encodeURIComponent('{ regions { name } }');
    const get = await yoga.fetch(`http://localhost/graphql?query=${query}`, {
      headers: { accept: 'application/json' },
    });
    expect(get.status).toBe(403);
    const form = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${query}`,
    });
    expect(form.status).toBe(403);
    const withHeader = await yoga.fetch(`http://localhost/graphql?query=${query}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(withHeader.status).toBe(200);
    expect(await withHeader.json()).toEqual({ data: { regions: [{ name: '桐乡市' }] } });
  });

  it('serves introspection unless turned off', async () => {
    const on = await memoryGateway();
    expect((await gql(on.yoga, '{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    const off = await memoryGateway({ introspection: false });
    const res = await gql(off.yoga, '{ __schema { queryType { name } } }');
    expect(res.errors?.[0]?.message).toContain('introspection has been disabled');
  });
});

/** Wraps a repository, counting calls per method. */
function counting(inner: Repository) {
  const calls: Record<string, number> = {};
  const repository = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const total = () => Object.values(calls).reduce((a, b) => a + b, 0);
  const reset = () => {
    for (const k of Object.keys(calls)) delete calls[k];
  };
  return { repository, calls, total, reset };
}

describe('dataloaders', () => {
  it('lists 1,000 enterprises with towns, parks, parcels and annual data in a bounded number of repository calls', async () => {
    const admin = await cityAdminHeaders();
    const inner = new MemoryRepository();
    await inner.saveRegion(TONGXIANG_2018_INPUT, { actor: 'test' });
    const towns = TONGXIANG_2018_INPUT.towns.map((t) => t.code);
    const usccs = Array.from({ length: 1000 }, (_, i) =>
      makeUscc({
        authority: '9',
        orgType: '1',
        divisionCode: '330483',
        orgCodeBody: `MB${String(i).padStart(6, '0')}`,
      }),
    );
    await inner.saveRecords(
      '330483',
      {
        enterprises: usccs.map((uscc, i) => ({
          uscc,
          name: `企业${i}`,
          townCode: towns[i % towns.length],
          industry: '1751',
          registeredOn: '2015-06-01',
        })),
        annualData: usccs.map((uscc, i) => ({
          uscc,
          year: 2018,
          scale: 'belowDesignatedSize',
          tax: `${i}.5`,
          landArea: '3',
        })),
      },
      { actor: 'test' },
    );
    const { repository, calls, total, reset } = counting(inner);
    // Resolver costs, measured without the response cache (cache.test.ts covers it).
    const yoga = createGateway({
      repository,
      maxPageSize: 1000,
      maxComplexity: 100_000,
      logging: false,
      responseCache: false,
      auth: { secret: SECRET },
    });
    const query = `{ enterprises(city: "330483", first: 1000) { edges { node {
      uscc name town { name region { name } } park { name } parcels { parcelId }
      annualData(year: 2018) { tax { wanYuan } taxPerMu { value(places: 2) } }
      lastYear: annualData(year: 2017) { tax { wanYuan } }
    } } } }`;
    const res = await gql(yoga, query, {}, admin);
    expect(res.errors).toBeUndefined();
    const edges = at(res.data, 'enterprises.edges') as { node: Record<string, unknown> }[];
    expect(edges).toHaveLength(1000);
    expect(at(edges[999], 'node.annualData.tax.wanYuan')).toBe('999.5');
    expect(at(edges[0], 'node.town.region.name')).toBe('桐乡市');
    // loadLedger (which registry state is current) + loadRegistry (once per registry state).
    expect(calls).toEqual({ loadLedger: 1, loadRegistry: 1 });
    expect(total()).toBeLessThanOrEqual(5);

    // The next request reuses the registry snapshot: only loadLedger.
    reset();
    expect((await gql(yoga, query, {}, admin)).errors).toBeUndefined();
    expect(calls).toEqual({ loadLedger: 1 });

    // The filtered path (annual data read per region) is bounded too.
    reset();
    const filtered = await gql(
      yoga,
      `{ enterprises(city: "330483", first: 1000, year: 2018, taxPerMuBelow: "100") { edges { node {
        uscc town { name } annualData(year: 2018) { tax { wanYuan } } } } } }`,
      {},
      admin,
    );
    expect(filtered.errors).toBeUndefined();
    expect(at(filtered.data, 'enterprises.edges')).toHaveLength(300);
    expect(calls).toEqual({ loadLedger: 1 });

    // A registry write makes a new snapshot: the next read sees it.
    await inner.saveRecords(
      '330483',
      { annualData: [{ uscc: usccs[0], year: 2018, scale: 'belowDesignatedSize', tax: '7', landArea: '3' }] },
      { actor: 'test' },
    );
    reset();
    const after = await gql(
      yoga,
      `{ enterprises(city: "330483", first: 1) { edges { node { annualData(year: 2018) { tax { wanYuan } } } } } }`,
      {},
      admin,
    );
    expect(at(after.data, 'enterprises.edges.0.node.annualData.tax.wanYuan')).toBe('7');
    expect(calls).toEqual({ loadLedger: 1, loadRegistry: 1 });
  });

  it('loads a region once per request however many towns ask for it', async () => {
    const { repository, calls } = counting(await seed(new MemoryRepository()));
    const yoga = createGateway({ repository, logging: false, responseCache: false });
    const res = await gql(
      yoga,
      `{ a: enterprises(city: "330483") { edges { node { town { region { name } } } } }
      b: region(city: "330483") { town(town: "${SHIMEN}") { name } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(calls).toEqual({ loadLedger: 1, loadRegistry: 1 });
  });
});
