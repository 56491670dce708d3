import { Rational } from '@mujun/core';
import { createGateway, createSchema, mintDevToken } from '@mujun/graphql';
import { describe, expect, it } from 'vitest';
import { bearer, gql, memoryGateway, SECRET } from './fixtures';

/*
 * t.exact: an extension's own exact field gets the same places/rounding
 * arguments and the same rule as mujun's, and its error names the field as
 * the schema does — nothing is typed by hand.
 */
describe('t.exact', () => {
  const schema = createSchema((builder) => {
    const Probe = builder.objectRef<{ third: Rational; none: Rational | null }>('ExactProbe').implement({
      fields: (t) => ({
        third: t.exact({ description: 'One third of a 万元.', unit: '万元', resolve: (p) => p.third }),
        half: t.exact({ unit: '', resolve: () => Rational.of(1n, 2n) }),
        none: t.exact({ nullable: true, unit: '', resolve: (p) => p.none }),
      }),
    });
    builder.queryField('exactProbe', (t) =>
      t.field({ type: Probe, resolve: () => ({ third: Rational.of(1n, 3n), none: null }) }),
    );
  });

  async function ask(query: string) {
    const { repository } = await memoryGateway();
    const yoga = createGateway({ repository, schema, auth: { secret: SECRET }, logging: false });
    const token = await mintDevToken({ role: 'viewer', secret: SECRET });
    return gql(yoga, query, {}, bearer(token));
  }

  it('rounds once with places and rounding, and answers the exact decimal without', async () => {
    const r = await ask('{ exactProbe { a: third(places: 2) b: third(places: 2, rounding: UP) half none } }');
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ exactProbe: { a: '0.33', b: '0.34', half: '0.5', none: null } });
  });

  it('rounds a value without a finite decimal form when places are omitted, naming Type.field, path and unit', async () => {
    const r = await ask('{ exactProbe { third half } }');
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ exactProbe: { third: '0.3333333333', half: '0.5' } });
    expect((r as { extensions?: unknown }).extensions).toEqual({
      rounded: [{ path: 'exactProbe.third', field: 'ExactProbe.third', unit: '万元', places: 10, rounding: 'HALF_UP' }],
    });
  });
});
