import { describe, expect, it } from 'vitest';
import { evaluate, parseLandParcel } from '../../src/index';
import { build, probeScheme, TOWN_A } from './fixtures';

// 规下 firms: no 营业收入 needed.
const B = 'belowDesignatedSize' as const;

const scheme = probeScheme;

const parcel30 = [parseLandParcel({ id: 'P-30', townCode: TOWN_A, area: '30', category: 'inUse' })];

describe('shared parcels as one unit when some sharers are left out', () => {
  const asOneUnit = scheme({ sharedParcels: 'asOneUnit' });

  it('charges every sharer present the whole parcel (all on it are scored)', () => {
    const w = build([
      { n: 1, scale: B, parcelIds: ['P-30'], data: { landArea: '10', tax: '100' } },
      { n: 2, scale: B, parcelIds: ['P-30'], data: { landArea: '10', tax: '50' } },
      { n: 3, scale: B, parcelIds: ['P-30'], data: { landArea: '10', tax: '30' } },
    ]);
    const r = evaluate(asOneUnit, { ...w, parcels: parcel30 });
    // (100 + 50 + 30) / 30亩 = 6
    expect(r.enterprises[0]?.indicators[0]?.value?.toString()).toBe('6');
    expect(r.enterprises[2]?.unitMembers).toHaveLength(3);
  });

  it('uses the remaining members’ own land when an exempt utility shares the parcel', () => {
    const w = build([
      { n: 1, scale: B, parcelIds: ['P-30'], data: { landArea: '10', tax: '100' } },
      { n: 2, scale: B, parcelIds: ['P-30'], data: { landArea: '10', tax: '50' } },
      { n: 3, scale: B, parcelIds: ['P-30'], industry: '4411', data: { landArea: '10', tax: '30' } },
    ]);
    const r = evaluate(asOneUnit, { ...w, parcels: parcel30 });
    expect(r.enterprises[2]).toMatchObject({ status: 'exempt', class: 'T' });
    const unit = r.enterprises[0];
    expect(unit?.unitMembers).toEqual([w.uscc(1), w.uscc(2)]);
    // (100 + 50) / (10 + 10)亩 = 7.5, not (100 + 50) / 30
    expect(unit?.indicators[0]?.value?.toString()).toBe('15/2');
    expect(unit?.totalReported).toBe('750.00');
    expect(unit?.class).toBe('A');
    expect(unit?.reasons.map((x) => x.code)).toContain('sharedParcelPartial');
    expect(r.enterprises[1]?.total?.toString()).toBe('750');
  });

  it('evaluates a single remaining member on its own data', () => {
    const w = build([
      { n: 1, scale: B, parcelIds: ['P-30'], data: { landArea: '12', tax: '60' } },
      { n: 2, scale: B, parcelIds: ['P-30'], industry: '4411', data: { landArea: '18', tax: '30' } },
    ]);
    const r = evaluate(asOneUnit, { ...w, parcels: parcel30 });
    const e = r.enterprises[0];
    expect(e?.unitMembers).toEqual([w.uscc(1)]);
    // 60 / 12 = 5, its own reported land, as when it is alone on a parcel
    expect(e?.indicators[0]?.value?.toString()).toBe('5');
    expect(e?.reasons.map((x) => x.code)).toContain('sharedParcelPartial');
    expect(e?.reasons.map((x) => x.code)).not.toContain('sharedParcel');
  });

  it('leaves out a tenant that takes its landlord class, and counts only its landlord’s land', () => {
    const w = build([
      { n: 1, scale: B, parcelIds: ['P-30'], data: { landArea: '10', tax: '40' } },
      { n: 2, scale: B, parcelIds: ['P-30'], data: { landArea: '10', tax: '40' } },
      { n: 3, scale: B, parcelIds: ['P-30'], data: { landArea: '10', tax: '10' } },
    ]);
    const s = scheme({ sharedParcels: 'asOneUnit', tenants: 'landlordClass' });
    const r = evaluate(s, { ...w, parcels: parcel30, tenancies: [{ tenant: w.uscc(3), landlord: w.uscc(1) }] });
    // (40 + 40) / 20 = 4 → B; the tenant follows with B
    expect(r.enterprises[0]?.indicators[0]?.value?.toString()).toBe('4');
    expect(r.enterprises[0]?.class).toBe('B');
    expect(r.enterprises[2]).toMatchObject({ status: 'landlordClass', class: 'B' });
  });
});

describe('tenants of tenants under landlordClass', () => {
  const s = scheme({ tenants: 'landlordClass' });
  // A (n 1) rates A on 亩均税收 7; B rents from A, C rents from B.
  const specs = [
    { n: 1, scale: B, data: { landArea: '10', tax: '70' } },
    { n: 2, scale: B, data: { landArea: '1', tax: '1' } },
    { n: 3, scale: B, data: { landArea: '1', tax: '1' } },
  ];
  const w = build(specs);
  const chain = [
    { tenant: w.uscc(2), landlord: w.uscc(1) },
    { tenant: w.uscc(3), landlord: w.uscc(2) },
  ];

  it.each([
    ['landlord first', [0, 1, 2]],
    ['tenants first', [2, 1, 0]],
    ['mixed', [1, 2, 0]],
  ])('follow the chain to the rated landlord whatever the input order (%s)', (_, order) => {
    const enterprises = order.map((i) => w.enterprises[i]).flatMap((e) => (e ? [e] : []));
    const r = evaluate(s, { enterprises, annualData: w.annualData, tenancies: [...chain].reverse() });
    const of = (n: number) => r.enterprises.find((e) => e.uscc === w.uscc(n));
    expect(of(1)).toMatchObject({ status: 'rated', class: 'A' });
    expect(of(2)).toMatchObject({ status: 'landlordClass', class: 'A' });
    expect(of(3)).toMatchObject({ status: 'landlordClass', class: 'A' });
    expect(of(3)?.reasons[0]?.message).toContain(`${w.uscc(2)}→${w.uscc(1)}`);
  });

  it('refuses a cycle of tenancies: not evaluated, reason landlordCycle', () => {
    const cycle = [
      { tenant: w.uscc(2), landlord: w.uscc(3) },
      { tenant: w.uscc(3), landlord: w.uscc(2) },
    ];
    const r = evaluate(s, { ...w, tenancies: cycle });
    for (const n of [2, 3]) {
      const e = r.enterprises.find((x) => x.uscc === w.uscc(n));
      expect(e).toMatchObject({ status: 'notEvaluated', class: null });
      expect(e?.reasons[0]?.code).toBe('landlordCycle');
    }
    expect(r.enterprises[0]).toMatchObject({ status: 'rated', class: 'A' });
  });

  it('a tenant of a firm in a cycle is not evaluated either', () => {
    const w4 = build([...specs, { n: 4, scale: B, data: { landArea: '1', tax: '1' } }]);
    const tenancies = [
      { tenant: w4.uscc(2), landlord: w4.uscc(3) },
      { tenant: w4.uscc(3), landlord: w4.uscc(2) },
      { tenant: w4.uscc(4), landlord: w4.uscc(2) },
    ];
    const r = evaluate(s, { ...w4, tenancies });
    expect(r.enterprises[3]).toMatchObject({ status: 'notEvaluated', class: null });
    expect(r.enterprises[3]?.reasons[0]?.code).toBe('landlordCycle');
  });
});
