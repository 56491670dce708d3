import { canWriteCity, canWriteTown, mintDevToken, type Principal, principalFromClaims } from '@mujun/graphql';
import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { at, bearer, gql, memoryGateway, SECRET, SHIMEN, uscc, ZHOUQUAN } from './fixtures';

const townOperator = (town: string) => mintDevToken({ role: 'townOperator', town, secret: SECRET });
const cityAdmin = (city: string) => mintDevToken({ role: 'cityAdmin', city, secret: SECRET });

const SAVE = `mutation ($input: SaveEnterprisesInput!) {
  saveEnterprises(input: $input) {
    __typename
    ... on SaveEnterprisesSuccess { enterprises { uscc name town { name } } }
    ... on NotAuthorised { message requiredRole division }
    ... on ValidationError { message fieldErrors { field rule message } }
  }
}`;

const rename = (n: number, town: string, name = `桐乡市企业${n}改名有限公司`) => ({
  input: {
    city: '330483',
    enterprises: [{ uscc: uscc(n), name, town, industry: '1751', registeredOn: '2011-01-11' }],
  },
});

describe('auth rules', () => {
  const op: Principal = { role: 'townOperator', subject: 't', townCode: SHIMEN, cityCode: '330483' };
  const admin: Principal = { role: 'cityAdmin', subject: 'a', cityCode: '330483' };
  const viewer: Principal = { role: 'viewer', subject: 'v' };

  it('lets a town operator write its own town and no other', () => {
    expect(canWriteTown(op, SHIMEN)).toBe(true);
    expect(canWriteTown(op, ZHOUQUAN)).toBe(false);
    expect(canWriteTown(admin, ZHOUQUAN)).toBe(true);
    expect(canWriteTown(admin, '330482101000')).toBe(false);
    expect(canWriteTown(viewer, SHIMEN)).toBe(false);
    expect(canWriteCity(admin, '330482')).toBe(false);
  });

  it('reads roles from claims and refuses malformed ones', () => {
    expect(principalFromClaims({ role: 'townOperator', town: SHIMEN, sub: 'x' })).toEqual({
      role: 'townOperator',
      subject: 'x',
      townCode: SHIMEN,
      cityCode: '330483',
    });
    expect(() => principalFromClaims({ role: 'townOperator', town: '石门' })).toThrow(/12-digit town code/);
    expect(() => principalFromClaims({ role: 'root' })).toThrow(/"root" is not one of viewer, townOperator, cityAdmin/);
  });
});

describe('auth through the gateway', () => {
  it('serves anonymous requests as a viewer', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, '{ me { role } region(city: "330483") { name } }');
    expect(res.data).toEqual({ me: { role: 'VIEWER' }, region: { name: '桐乡市' } });
  });

  it('refuses anonymous reads when configured so, and serves a token', async () => {
    const { yoga } = await memoryGateway({ auth: { secret: SECRET, anonymousRole: 'none' } });
    const res = await gql(yoga, '{ region(city: "330483") { name } }');
    expect(res.errors?.[0]?.message).toBe(
      '[mujun] this gateway does not serve anonymous requests: send a bearer token',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_AUTHORISED');
    const token = await mintDevToken({ role: 'viewer', secret: SECRET });
    const ok = await gql(yoga, '{ region(city: "330483") { name } }', {}, bearer(token));
    expect(ok.data).toEqual({ region: { name: '桐乡市' } });
  });

  it('needs an operator or admin to write', async () => {
    const { yoga } = await memoryGateway();
    const anonymous = await gql(yoga, SAVE, rename(1, '石门'));
    expect(at(anonymous.data, 'saveEnterprises')).toEqual({
      __typename: 'NotAuthorised',
      message: '[mujun] writing needs a townOperator or cityAdmin token',
      requiredRole: 'townOperator',
      division: null,
    });
    const viewer = await mintDevToken({ role: 'viewer', secret: SECRET });
    const asViewer = await gql(yoga, SAVE, rename(1, '石门'), bearer(viewer));
    expect(at(asViewer.data, 'saveEnterprises.__typename')).toBe('NotAuthorised');
  });

  it("lets a town operator write its own town's enterprises, audited with its actor", async () => {
    const { yoga, repository } = await memoryGateway();
    const res = await gql(yoga, SAVE, rename(1, '石门'), bearer(await townOperator(SHIMEN)));
    expect(at(res.data, 'saveEnterprises')).toEqual({
      __typename: 'SaveEnterprisesSuccess',
      enterprises: [{ uscc: uscc(1), name: '桐乡市企业1改名有限公司', town: { name: '石门' } }],
    });
    const audit = await repository.listAudit();
    expect(audit.at(-1)).toMatchObject({ actor: `townOperator:${SHIMEN}:dev:townOperator`, action: 'saveRecords' });
  });

  it("never lets a town operator write another town's enterprise", async () => {
    const { yoga, repository } = await memoryGateway();
    const token = await townOperator(SHIMEN);
    // Enterprise 3 is in 洲泉: neither writing it there nor moving it to 石门 is allowed.
    for (const town of ['洲泉', '石门']) {
      const res = await gql(yoga, SAVE, rename(3, town), bearer(token));
      expect(at(res.data, 'saveEnterprises')).toMatchObject({
        __typename: 'NotAuthorised',
        requiredRole: 'cityAdmin',
        division: ZHOUQUAN,
      });
    }
    const [e3] = await repository.getEnterprises([uscc(3)]);
    expect(e3?.name).toBe('桐乡市企业3有限公司');
    // Nor a new enterprise in another town.
    const fresh = await gql(yoga, SAVE, rename(9, '洲泉'), bearer(token));
    expect(at(fresh.data, 'saveEnterprises.message')).toBe(
      `[mujun] input.enterprises.0.town: this token may not write records of town ${ZHOUQUAN}`,
    );
  });

  it('lets a city admin write any town of its city, not another city', async () => {
    const { yoga } = await memoryGateway();
    const ok = await gql(yoga, SAVE, rename(3, '洲泉'), bearer(await cityAdmin('330483')));
    expect(at(ok.data, 'saveEnterprises.__typename')).toBe('SaveEnterprisesSuccess');
    const other = await gql(yoga, SAVE, rename(3, '洲泉'), bearer(await cityAdmin('330482')));
    expect(at(other.data, 'saveEnterprises')).toMatchObject({ __typename: 'NotAuthorised', division: '330483' });
  });

  it('answers a ValidationError naming each bad field, and writes nothing', async () => {
    const { yoga, repository } = await memoryGateway();
    const before = (await repository.listAudit()).length;
    const input = {
      input: {
        city: '330483',
        enterprises: [
          { uscc: '91330483MA2B00010X', name: '坏企业', town: '石门', industry: '99', registeredOn: '2019-02-30' },
        ],
      },
    };
    const res = await gql(yoga, SAVE, input, bearer(await townOperator(SHIMEN)));
    expect(res.errors?.[0]?.message).toContain('Date cannot represent "2019-02-30"');
    input.input.enterprises[0] = {
      ...(input.input.enterprises[0] as (typeof input.input.enterprises)[0]),
      registeredOn: '2019-02-28',
    };
    const bad = await gql(yoga, SAVE, input, bearer(await townOperator(SHIMEN)));
    expect(at(bad.data, 'saveEnterprises.__typename')).toBe('ValidationError');
    const fields = (at(bad.data, 'saveEnterprises.fieldErrors') as { field: string; rule: string }[]).map(
      (f) => f.field,
    );
    // Ids are parsed first (authorisation reads canonical ids only): a bad USCC is named before the rest is checked.
    expect(fields).toEqual(expect.arrayContaining(['input.enterprises.0.uscc']));
    input.input.enterprises[0] = {
      ...(input.input.enterprises[0] as (typeof input.input.enterprises)[0]),
      uscc: uscc(1),
    };
    const rest = await gql(yoga, SAVE, input, bearer(await townOperator(SHIMEN)));
    expect(at(rest.data, 'saveEnterprises.fieldErrors')).toEqual([
      expect.objectContaining({ field: 'input.enterprises.0.industry' }),
    ]);
    expect((await repository.listAudit()).length).toBe(before);
  });

  it('saves annual data for own-town enterprises only', async () => {
    const { yoga } = await memoryGateway();
    const mutation = `mutation ($input: SaveAnnualDataInput!) { saveAnnualData(input: $input) {
      __typename ... on SaveAnnualDataSuccess { records { uscc year tax { wanYuan } taxPerMu { value(places: 2) } } }
      ... on NotAuthorised { division } } }`;
    const record = (n: number) => ({
      input: {
        city: '330483',
        records: [{ uscc: uscc(n), year: 2019, scale: 'BELOW_DESIGNATED_SIZE', tax: '15', landArea: '1.5' }],
      },
    });
    const token = await townOperator(SHIMEN);
    const ok = await gql(yoga, mutation, record(1), bearer(token));
    expect(at(ok.data, 'saveAnnualData')).toEqual({
      __typename: 'SaveAnnualDataSuccess',
      records: [{ uscc: uscc(1), year: 2019, tax: { wanYuan: '15' }, taxPerMu: { value: '10.00' } }],
    });
    const refused = await gql(yoga, mutation, record(3), bearer(token));
    expect(at(refused.data, 'saveAnnualData')).toEqual({ __typename: 'NotAuthorised', division: ZHOUQUAN });
  });

  it('rejects a bad, foreign or expired token with 401', async () => {
    const { yoga } = await memoryGateway();
    const query = '{ region(city: "330483") { name } }';
    const garbage = await gql(yoga, query, {}, bearer('not.a.token'));
    expect(garbage.status).toBe(401);
    expect(garbage.errors?.[0]?.message).toMatch(/^\[mujun\] the bearer token is not valid/);
    const foreign = await mintDevToken({
      role: 'cityAdmin',
      city: '330483',
      secret: 'another-secret-another-secret-!!',
    });
    expect((await gql(yoga, query, {}, bearer(foreign))).status).toBe(401);
    const expired = await new SignJWT({ role: 'viewer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(SECRET));
    const late = await gql(yoga, query, {}, bearer(expired));
    expect(late.status).toBe(401);
    expect(late.errors?.[0]?.message).toBe('[mujun] the bearer token has expired');
    const basic = await gql(yoga, query, {}, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.errors?.[0]?.message).toBe('[mujun] the Authorization header must be "Bearer <token>"');
  });

  it('a token verified once is refused once it expires (the verified-token cache keeps to exp and nbf)', async () => {
    const { yoga } = await memoryGateway({ responseCache: false });
    const ME = '{ me { role } }';
    const key = new TextEncoder().encode(SECRET);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: 'viewer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(key);
    const later = await new SignJWT({ role: 'viewer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now)
      .setNotBefore(now + 30)
      .setExpirationTime(now + 90)
      .sign(key);
    expect(at((await gql(yoga, ME, {}, bearer(token))).data, 'me.role')).toBe('VIEWER');
    expect((await gql(yoga, ME, {}, bearer(later))).status).toBe(401);
    vi.useFakeTimers({ now: (now + 45) * 1000, toFake: ['Date'] });
    try {
      // Still valid: answered from the cache or verified again, the same.
      expect(at((await gql(yoga, ME, {}, bearer(token))).data, 'me.role')).toBe('VIEWER');
      expect(at((await gql(yoga, ME, {}, bearer(later))).data, 'me.role')).toBe('VIEWER');
      vi.setSystemTime((now + 61) * 1000);
      const late = await gql(yoga, ME, {}, bearer(token));
      expect(late.status).toBe(401);
      expect(late.errors?.[0]?.message).toBe('[mujun] the bearer token has expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('measures a token lifetime from now and refuses an iat in the future beyond the clock skew', async () => {
    const { yoga } = await memoryGateway({ responseCache: false });
    const ME = '{ me { role } }';
    const key = new TextEncoder().encode(SECRET);
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: { iat?: number; exp: number }) => {
      const jwt = new SignJWT({ role: 'viewer' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(claims.exp);
      return (claims.iat === undefined ? jwt : jwt.setIssuedAt(claims.iat)).sign(key);
    };
    const tenYears = 10 * 365 * 24 * 3600;
    // iat ten years ahead, exp = iat + 1 h: its lifetime from now is ten years.
    const future = await gql(yoga, ME, {}, bearer(await sign({ iat: now + tenYears, exp: now + tenYears + 3600 })));
    expect(future.status).toBe(401);
    expect(future.errors?.[0]?.message).toContain('issued in the future');
    // Within the skew: accepted.
    const skewed = await gql(yoga, ME, {}, bearer(await sign({ iat: now + 30, exp: now + 3600 })));
    expect(at(skewed.data, 'me.role')).toBe('VIEWER');
    // No iat, 13 h from now: longer than the 12 h maximum.
    const long = await gql(yoga, ME, {}, bearer(await sign({ exp: now + 13 * 3600 })));
    expect(long.status).toBe(401);
    expect(long.errors?.[0]?.message).toContain('lives longer');
    // iat a day ago, an hour left: lived 25 h in all, longer than the maximum.
    const old = await gql(yoga, ME, {}, bearer(await sign({ iat: now - 24 * 3600, exp: now + 3600 })));
    expect(old.status).toBe(401);
  });

  it('refuses every token when no secret is configured', async () => {
    const previous = process.env.MUJUN_JWT_SECRET;
    delete process.env.MUJUN_JWT_SECRET;
    try {
      const { yoga } = await memoryGateway({ auth: {} });
      const token = await mintDevToken({ role: 'viewer', secret: SECRET });
      const res = await gql(yoga, '{ me { role } }', {}, bearer(token));
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.message).toContain('has no token secret (set MUJUN_JWT_SECRET)');
    } finally {
      if (previous !== undefined) process.env.MUJUN_JWT_SECRET = previous;
    }
  });

  it("reads role, town and city from an identity provider's own claim names", async () => {
    const mapping = { role: 'mujun_role', town: 'mujun_town', city: 'mujun_city' };
    const claims = { sub: 'idp:7', mujun_role: 'townOperator', mujun_town: SHIMEN, role: 'cityAdmin', city: '330482' };
    expect(principalFromClaims(claims, mapping)).toEqual({
      role: 'townOperator',
      subject: 'idp:7',
      townCode: SHIMEN,
      cityCode: '330483',
    });
    // The default names are not read once mapped away, and a missing mapped claim is refused.
    expect(principalFromClaims({ mujun_role: 'cityAdmin', mujun_city: '330483' }, mapping)).toMatchObject({
      role: 'cityAdmin',
      cityCode: '330483',
    });
    expect(() => principalFromClaims({ mujun_role: 'cityAdmin', city: '330483' }, mapping)).toThrow(/6-digit city/);
    expect(() => principalFromClaims({ role: 'viewer' }, mapping)).toThrow(/is not one of viewer/);
    // A development token minted under the mapping carries the mapped names.
    const token = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET, claims: mapping });
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ mujun_role: 'townOperator', mujun_town: SHIMEN });
    expect(payload.role).toBeUndefined();
  });
});
