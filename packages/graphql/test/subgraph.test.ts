import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryRepository, type Repository } from '@mujun/core';
import {
  createGateway,
  createSubgraphSchema,
  MAX_REPRESENTATIONS,
  mintDevToken,
  printSortedSchema,
  printSubgraphSdl,
  SUBGRAPH_ENTITIES,
  schema,
  subgraphSchema,
} from '@mujun/graphql';
import { describe, expect, it } from 'vitest';
import { at, bearer, gql, SECRET, SHIMEN, seed, uscc, ZHOUQUAN } from './fixtures';

const committed = fileURLToPath(new URL('../subgraph.graphql', import.meta.url));

/** A repository that counts the calls made to it, to show reference resolvers batch. */
function counting(inner: Repository): { repository: Repository; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const repository = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { repository, calls };
}

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Enterprise { uscc name town { code name } }
    ... on Town { code fullName region { code } }
    ... on Region { code name }
    ... on LandParcel { id parcelId area { mu } }
    ... on Park { id parkId name enterprises { uscc } }
  }
}`;

describe('federation subgraph', () => {
  it('prints the SDL committed in packages/graphql/subgraph.graphql (no drift)', () => {
    expect(
      printSubgraphSdl() === readFileSync(committed, 'utf8'),
      'packages/graphql/subgraph.graphql differs from the subgraph schema: run `pnpm schema:print` and commit the file',
    ).toBe(true);
  });

  it('declares the entities with their keys, and leaves mujun own schema without federation', () => {
    const sdl = printSubgraphSdl();
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])');
    for (const [type, key] of Object.entries(SUBGRAPH_ENTITIES)) {
      expect(sdl).toMatch(new RegExp(`type ${type} implements Node\\n  @key\\(fields: "${key}"\\)\\n`));
    }
    expect(printSortedSchema(schema)).not.toContain('@key');
    expect(schema.getQueryType()?.getFields()._entities).toBeUndefined();
    // Same fields as the main schema: the subgraph adds only federation's own.
    const own = Object.keys(schema.getQueryType()?.getFields() ?? {}).sort();
    const sub = Object.keys(subgraphSchema().getQueryType()?.getFields() ?? {})
      .filter((f) => !f.startsWith('_'))
      .sort();
    expect(sub).toEqual(own);
  });

  it('serves _service.sdl and resolves every entity kind from its key, batched through the loaders', async () => {
    const { repository, calls } = counting(await seed(new MemoryRepository()));
    const yoga = createGateway({ repository, subgraph: true, logging: false });
    const service = await gql(yoga, '{ _service { sdl } }');
    expect(`${at(service.data, '_service.sdl')}\n`).toBe(printSubgraphSdl());

    const parcelId = Buffer.from('LandParcel:330483:SM-002').toString('base64');
    const parkId = Buffer.from('Park:330483:SM-P1').toString('base64');
    calls.clear();
    const res = await gql(yoga, ENTITIES, {
      representations: [
        { __typename: 'Enterprise', uscc: uscc(1) },
        { __typename: 'Enterprise', uscc: uscc(3) },
        // A valid USCC of no firm here: null, no error.
        { __typename: 'Enterprise', uscc: uscc(999) },
        { __typename: 'Town', code: ZHOUQUAN },
        { __typename: 'Region', code: '330483' },
        { __typename: 'LandParcel', id: parcelId },
        { __typename: 'Park', id: parkId },
        // A park's global id offered as a parcel's is no parcel.
        { __typename: 'LandParcel', id: parkId },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { __typename: 'Enterprise', uscc: uscc(1), name: '桐乡市企业1有限公司', town: { code: SHIMEN, name: '石门' } },
      { __typename: 'Enterprise', uscc: uscc(3), name: '桐乡市企业3有限公司', town: { code: ZHOUQUAN, name: '洲泉' } },
      null,
      { __typename: 'Town', code: ZHOUQUAN, fullName: '洲泉镇', region: { code: '330483' } },
      { __typename: 'Region', code: '330483', name: '桐乡市' },
      { __typename: 'LandParcel', id: parcelId, parcelId: 'SM-002', area: { mu: '12.3456' } },
      { __typename: 'Park', id: parkId, parkId: 'SM-P1', name: '石门小微企业园', enterprises: [{ uscc: uscc(2) }] },
      null,
    ]);
    // Three enterprises in one `getEnterprises` call, however many representations.
    expect(calls.get('getEnterprises') ?? 0).toBeLessThanOrEqual(1);
    expect(calls.get('listParcels') ?? 0).toBeLessThanOrEqual(1);
    expect(calls.get('listParks') ?? 0).toBeLessThanOrEqual(1);
  });

  it('answers 500 Enterprise representations with one getEnterprises call', async () => {
    const { repository, calls } = counting(await seed(new MemoryRepository()));
    const yoga = createGateway({ repository, subgraph: true, logging: false });
    const representations = Array.from({ length: 500 }, (_, i) => ({ __typename: 'Enterprise', uscc: uscc(i + 1) }));
    calls.clear();
    const res = await gql(
      yoga,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { uscc } } }',
      { r: representations },
    );
    expect(res.errors).toBeUndefined();
    const found = ((res.data?._entities ?? []) as ({ uscc: string } | null)[]).filter((e) => e !== null);
    expect(found.map((e) => e.uscc)).toEqual([1, 2, 3, 4].map(uscc));
    expect(calls.get('getEnterprises')).toBe(1);
  });

  it('applies the same auth rules: a gateway refusing anonymous reads refuses anonymous _entities', async () => {
    const repository = await seed(new MemoryRepository());
    const yoga = createGateway({
      repository,
      subgraph: true,
      auth: { secret: SECRET, anonymousRole: 'none' },
      logging: false,
    });
    const representations = [{ __typename: 'Enterprise', uscc: uscc(1) }];
    const refused = await gql(yoga, ENTITIES, { representations });
    expect(refused.data?._entities).toEqual([null]);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_AUTHORISED');
    expect(refused.errors?.[0]?.path).toEqual(['_entities', 0]);

    const token = await mintDevToken({ role: 'viewer', secret: SECRET });
    const allowed = await gql(yoga, ENTITIES, { representations }, bearer(token));
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?._entities).toMatchObject([{ uscc: uscc(1) }]);
  });

  it('prices _entities as representations × selection with the complexity rule', async () => {
    const repository = await seed(new MemoryRepository());
    const yoga = createGateway({ repository, subgraph: true, maxComplexity: 50, logging: false });
    const one = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { uscc name } } }';
    const reps = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Enterprise', uscc: uscc(1) }));
    const allowed = await gql(yoga, one, { r: reps(2) });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?._entities).toHaveLength(2);
    // Refused ones report their price: linear in the representations, each at least its selection (2 fields).
    const price = async (n: number) => {
      const refused = await gql(yoga, one, { r: reps(n) });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_COMPLEXITY_EXCEEDED', max: 50 });
      expect(refused.data).toBeNull();
      return refused.errors?.[0]?.extensions?.actual as number;
    };
    const [p20, p40, p60] = [await price(20), await price(40), await price(60)];
    expect(p60 - p40).toBe(p40 - p20);
    expect(p40 - p20).toBeGreaterThanOrEqual(20 * 2);
  });

  it('refuses a large costly _entities request quickly, before reading anything (the main gateway’s rule)', async () => {
    const { repository, calls } = counting(await seed(new MemoryRepository()));
    const yoga = createGateway({ repository, subgraph: true, logging: false });
    calls.clear();
    const deep = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Enterprise { town { enterprises(first: 100) { edges { node { uscc name } } } } } } }`;
    const reps = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ __typename: 'Enterprise', uscc: uscc((i % 9) + 1) }));
    // The 1,000 representations × town { enterprises(first: 100) }: priced, refused.
    const costly = await gql(yoga, deep, { r: reps(1000) });
    expect(costly.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_COMPLEXITY_EXCEEDED' });
    // 15,000 cheap representations (a ~900 kB body): refused by count, nothing resolved or held.
    const many = await gql(yoga, 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
      r: reps(15_000),
    });
    expect(many.errors?.[0]?.extensions).toMatchObject({
      code: 'MAX_REPRESENTATIONS_EXCEEDED',
      actual: 15_000,
      max: MAX_REPRESENTATIONS,
    });
    expect(JSON.stringify(many).length).toBeLessThan(1000);
    expect(calls.get('getEnterprises') ?? 0).toBe(0);
    expect(calls.get('getRegion') ?? 0).toBe(0);
  });

  it('answers a bad representation with a typed error naming it, and still resolves the others', async () => {
    const repository = await seed(new MemoryRepository());
    const yoga = createGateway({ repository, subgraph: true, logging: false });
    const res = await gql(yoga, ENTITIES, {
      representations: [
        { __typename: 'Enterprise', uscc: uscc(1) },
        { __typename: 'Enterprise' },
        { __typename: 'Factory', id: 'x' },
        { __typename: 'Enterprise', uscc: 'not-a-uscc' },
        { __typename: 'Enterprise', uscc: ` ${uscc(2).toLowerCase()} ` },
      ],
    });
    const entities = res.data?._entities as ({ uscc?: string } | null)[];
    expect(entities[0]?.uscc).toBe(uscc(1));
    expect(entities.slice(1, 4)).toEqual([null, null, null]);
    // Canonicalised (NFKC, trimmed, upper-cased) before it is read.
    expect(entities[4]?.uscc).toBe(uscc(2));
    const byIndex = Object.fromEntries((res.errors ?? []).map((e) => [e.path?.[1], e]));
    expect(byIndex[1]?.message).toContain('representations[1]: a Enterprise representation needs its key "uscc"');
    expect(byIndex[1]?.extensions).toMatchObject({ code: 'INVALID_REPRESENTATION', index: 1, typename: 'Enterprise' });
    expect(byIndex[2]?.message).toContain('__typename "Factory" is not an entity of mujun\'s subgraph');
    expect(byIndex[2]?.extensions).toMatchObject({ code: 'INVALID_REPRESENTATION', typename: 'Factory' });
    expect(byIndex[3]?.message).toContain('representations[3].uscc');
    expect(res.errors).toHaveLength(3);
  });

  it('serves _service under the introspection rule: refused in production unless introspection is on', async () => {
    const repository = await seed(new MemoryRepository());
    const SERVICE = '{ _service { sdl } }';
    const dev = createGateway({ repository, subgraph: true, auth: { secret: SECRET }, logging: false });
    expect((await gql(dev, SERVICE)).data?._service).toMatchObject({ sdl: expect.stringContaining('@key') });
    const prod = createGateway({
      repository,
      subgraph: true,
      production: true,
      auth: { secret: SECRET },
      logging: false,
    });
    const refused = await gql(prod, SERVICE);
    expect(refused.errors?.[0]?.message).toContain('introspection has been disabled');
    expect(refused.data).toBeUndefined();
    const opened = createGateway({
      repository,
      subgraph: true,
      production: true,
      introspection: true,
      auth: { secret: SECRET },
      logging: false,
    });
    expect((await gql(opened, SERVICE)).data?._service).toBeTruthy();
  });

  it('lets an extension add fields, as createSchema does, without touching the default subgraph', () => {
    const extended = createSubgraphSchema((builder, refs) => {
      builder.objectField(refs.Enterprise, 'riskNote', (t) => t.string({ resolve: () => 'x' }));
    });
    expect(printSubgraphSdl(extended)).toContain('riskNote: String!');
    expect(printSubgraphSdl()).not.toContain('riskNote');
  });
});
