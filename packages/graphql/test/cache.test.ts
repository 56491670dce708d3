import { MemoryRepository, type Repository } from '@mujun/core';
import { createGateway, mintDevToken } from '@mujun/graphql';
import { openStore, type Store } from '@mujun/store';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, uniqueSchema } from '../../store/test/postgres-env';
import { at, bearer, gql, SECRET, SHIMEN, seed, uscc } from './fixtures';

const NAMES = '{ enterprises(city: "330483", first: 5) { totalCount edges { node { uscc name } } } }';
const RENAME = `mutation ($input: SaveEnterprisesInput!) { saveEnterprises(input: $input) { __typename } }`;
const rename = (n: number, name: string, town = '石门') => ({
  input: { city: '330483', enterprises: [{ uscc: uscc(n), name, town, industry: '1751', registeredOn: '2011-01-11' }] },
});
const nameOf = (data: unknown, n: number) =>
  (at(data, 'enterprises.edges') as { node: { uscc: string; name: string } }[]).find((e) => e.node.uscc === uscc(n))
    ?.node.name;

/** Counts repository calls. */
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
  const reset = () => {
    for (const k of Object.keys(calls)) delete calls[k];
  };
  return { repository, calls, reset };
}

describe('response cache', () => {
  it('answers a repeated query from the cache, keyed by the data revision, and sees every write', async () => {
    const { repository, calls, reset } = counting(await seed(new MemoryRepository()));
    const yoga = createGateway({ repository, auth: { secret: SECRET }, logging: false });
    const first = await gql(yoga, NAMES);
    expect(first.errors).toBeUndefined();
    reset();
    const again = await gql(yoga, NAMES);
    expect(again).toEqual(first);
    expect(calls).toEqual({ dataRevision: 1 }); // nothing resolved
    const op = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET });
    expect(
      at((await gql(yoga, RENAME, rename(1, '缓存后改名有限公司'), bearer(op))).data, 'saveEnterprises.__typename'),
    ).toBe('SaveEnterprisesSuccess');
    expect(nameOf((await gql(yoga, NAMES)).data, 1)).toBe('缓存后改名有限公司');
    // A write behind the gateway's back (another tool on the same repository) is seen too.
    await repository.saveRecords(
      '330483',
      {
        enterprises: [
          { uscc: uscc(1), name: '旁路改名', townCode: SHIMEN, industry: '1751', registeredOn: '2011-01-11' },
        ],
      },
      { actor: 'test' },
    );
    expect(nameOf((await gql(yoga, NAMES)).data, 1)).toBe('旁路改名');
  });

  it('with singleWriter, reads the revision once and again only after a mutation through the gateway', async () => {
    const { repository, calls, reset } = counting(await seed(new MemoryRepository()));
    const yoga = createGateway({ repository, auth: { secret: SECRET }, logging: false, singleWriter: true });
    await gql(yoga, NAMES);
    reset();
    await gql(yoga, NAMES);
    expect(calls).toEqual({}); // answered from the cache without a single repository call
    const op = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET });
    await gql(yoga, RENAME, rename(2, '单写者改名有限公司'), bearer(op));
    expect(nameOf((await gql(yoga, NAMES)).data, 2)).toBe('单写者改名有限公司');
  });

  it('keeps an evaluation across requests only while the registry is unchanged', async () => {
    const { repository, calls, reset } = counting(await seed(new MemoryRepository()));
    const yoga = createGateway({ repository, auth: { secret: SECRET }, logging: false, responseCache: false });
    const EVAL = (first: number) => `{ evaluation(schemeId: "huangyan-2022", year: 2018, city: "330483") {
      results(first: ${first}) { edges { node { uscc total(places: 6) } } } } }`;
    const totalOf = (data: unknown) =>
      (at(data, 'evaluation.results.edges') as { node: { uscc: string; total: string | null } }[]).find(
        (e) => e.node.uscc === uscc(1),
      )?.node.total;
    // A firm's total is shown to the city's admins (run-policy.ts).
    const admin = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
    const before = totalOf((await gql(yoga, EVAL(10), {}, bearer(admin))).data);
    expect(before).not.toBeNull();
    reset();
    expect(totalOf((await gql(yoga, EVAL(5), {}, bearer(admin))).data)).toBe(before); // another query, the same evaluation
    expect(calls.getScheme ?? 0).toBe(0); // a preset: nothing but the ledger state read
    const SAVE = `mutation ($input: SaveAnnualDataInput!) { saveAnnualData(input: $input) { __typename } }`;
    const record = { uscc: uscc(1), year: 2018, scale: 'BELOW_DESIGNATED_SIZE', tax: '99.25', landArea: '1.5' };
    await gql(yoga, SAVE, { input: { city: '330483', records: [record] } }, bearer(admin));
    expect(totalOf((await gql(yoga, EVAL(10), {}, bearer(admin))).data)).not.toBe(before);
  });

  it('never serves one principal what was cached for another, nor a refused token', async () => {
    const repository = await seed(new MemoryRepository());
    const yoga = createGateway({ repository, auth: { secret: SECRET }, logging: false });
    const ME = '{ me { role subject town { name } } }';
    const op = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET, subject: 'zhang' });
    const other = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET, subject: 'li' });
    expect(at((await gql(yoga, ME, {}, bearer(op))).data, 'me.subject')).toBe('zhang');
    expect(at((await gql(yoga, ME, {}, bearer(other))).data, 'me.subject')).toBe('li');
    expect(at((await gql(yoga, ME)).data, 'me.role')).toBe('VIEWER');
    expect(at((await gql(yoga, ME, {}, bearer(op))).data, 'me.subject')).toBe('zhang');
    // A token that expired after its answer was cached is refused, not answered from the cache.
    const key = new TextEncoder().encode(SECRET);
    const expired = await new SignJWT({ role: 'viewer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    expect((await gql(yoga, ME, {}, bearer(expired))).status).toBe(401);
  });
});

const url = testDatabaseUrl();

describe.skipIf(!url)('two gateway instances on one PostgreSQL', () => {
  const schema = uniqueSchema();
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    a = await openStore({ databaseUrl: url as string, schema });
    b = await openStore({ databaseUrl: url as string, schema });
    await seed(a.repository);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('sees a write through one on the next request through the other, and loses no concurrent write', async () => {
    const ga = createGateway({ repository: a.repository, auth: { secret: SECRET }, logging: false });
    const gb = createGateway({ repository: b.repository, auth: { secret: SECRET }, logging: false });
    const admin = bearer(await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET }));
    // Both instances have the answer cached.
    expect(nameOf((await gql(gb, NAMES)).data, 1)).toBe('桐乡市企业1有限公司');
    expect(nameOf((await gql(ga, NAMES)).data, 1)).toBe('桐乡市企业1有限公司');
    await gql(ga, RENAME, rename(1, '经A改名有限公司'), admin);
    expect(nameOf((await gql(gb, NAMES)).data, 1)).toBe('经A改名有限公司');
    // Concurrent writes through both instances: every acknowledged one is there.
    const writes = await Promise.all([
      gql(ga, RENAME, rename(1, 'A并发改名'), admin),
      gql(gb, RENAME, rename(2, 'B并发改名'), admin),
      gql(gb, RENAME, rename(3, 'B并发改名三', '洲泉'), admin),
    ]);
    for (const w of writes) expect(at(w.data, 'saveEnterprises.__typename')).toBe('SaveEnterprisesSuccess');
    for (const g of [ga, gb]) {
      const data = (await gql(g, NAMES)).data;
      expect([nameOf(data, 1), nameOf(data, 2), nameOf(data, 3)]).toEqual(['A并发改名', 'B并发改名', 'B并发改名三']);
    }
  });
});
