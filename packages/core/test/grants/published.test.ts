import { describe, expect, it } from 'vitest';
import { Area, ValidationError } from '../../src';
import {
  JIAXING_2026_LISTINGS,
  PRICING_PRESETS,
  parseLandGrant,
  parsePricingRule,
  priceGrant,
  ratePerMu,
  TONGXIANG_2023_LISTINGS,
} from '../../src/grants';

const wan = (m: { toDecimal(u: 'wanYuan'): { toFixed(): string } }) => m.toDecimal('wanYuan').toFixed();

describe('桐土告字[2023]50号 (桐乡市河山镇): areas, ⌈亩 × 67.8⌉ and deposits rounded up to 10 万元', () => {
  const table = [
    ['2023-15', '19.751085', '1339.123563', '1340', '140'],
    ['2023-16', '19.21662', '1302.886836', '1303', '140'],
    ['2023-18', '26.689275', '1809.532845', '1810', '190'],
  ] as const;
  it.each(table)('%s: %s 亩, start %s → %s 万元, deposit %s 万元', (id, mu, exact, start, deposit) => {
    const input = TONGXIANG_2023_LISTINGS.find((g) => g.id === id);
    const g = parseLandGrant(input);
    expect(g.area.toDecimal('mu').toFixed()).toBe(mu);
    const price = priceGrant(g.pricing, g.area);
    expect(wan(price.startPriceExact)).toBe(exact);
    expect(wan(g.startPrice)).toBe(start);
    expect(wan(g.deposit)).toBe(deposit);
  });

  it('refuses a published start price or deposit its rule does not give, naming the field', () => {
    const input = { ...TONGXIANG_2023_LISTINGS[0], startPrice: '1339', deposit: '134' };
    try {
      parseLandGrant(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => [i.field, i.rule])).toEqual([
        ['grant.startPrice', 'grant.startPrice'],
        ['grant.deposit', 'grant.deposit'],
      ]);
    }
  });
});

describe('嘉土告开字[2026]01号 (嘉兴经开): 1221 元/m², deposit 10% rounded down to 1 万元', () => {
  const rule = parsePricingRule(PRICING_PRESETS.jiaxingJingkai2026);
  it('1221 元/m² is 81.4 万元/亩 exactly', () => {
    expect(ratePerMu(rule).toString()).toBe('407/5');
    expect(ratePerMu(parsePricingRule(PRICING_PRESETS.tongxiang2023Heshan)).toString()).toBe('339/5');
  });
  it.each([
    ['经开2025-31', '18359', '2241.6339', '224'],
    ['经开2025-32', '21500', '2625.15', '262'],
  ])('%s: %s m² → start %s 万元, deposit %s 万元 as printed', (id, m2, start, deposit) => {
    const listing = JIAXING_2026_LISTINGS.find((l) => l.id === id);
    expect(listing?.deposit).toBe(deposit);
    const price = priceGrant(rule, Area.squareMetres(m2));
    expect(wan(price.startPrice)).toBe(start);
    expect(wan(price.deposit)).toBe(deposit);
    // The listing validates as a grant once it names its town (a placeholder 街道 code here).
    const g = parseLandGrant({ ...listing, townCode: '330402001000' });
    expect(wan(g.deposit)).toBe(deposit);
  });
  it('the other rounding of the other county would give other deposits: rounding is per-jurisdiction data', () => {
    const up = parsePricingRule({
      ...PRICING_PRESETS.jiaxingJingkai2026,
      deposit: { share: '0.1', rounding: { step: '10', mode: 'up' } },
    });
    expect(wan(priceGrant(up, Area.squareMetres('18359')).deposit)).toBe('230');
  });
});
