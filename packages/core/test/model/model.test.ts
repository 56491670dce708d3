import { describe, expect, it } from 'vitest';
import {
  applyRegistryChanges,
  findTown,
  Money,
  makeUscc,
  parseAnnualData,
  parseEnterprise,
  parseLandParcel,
  parsePark,
  parseRegion,
  parseRegistry,
  TONGXIANG_2018,
  TONGXIANG_2018_INPUT,
  ValidationError,
} from '../../src/index';
import { scaleForRevenue } from '../../src/model/index';

const uscc = (body: string) => makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: body });
const A = uscc('MA2B0001');
const B = uscc('MA2B0002');
const SHIMEN = '330483108000';

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('Region', () => {
  it('holds Tongxiang 2018–2019: 3 街道 and 8 镇', () => {
    expect(TONGXIANG_2018.code).toBe('330483');
    expect(TONGXIANG_2018.towns.map((t) => t.name)).toEqual([
      '梧桐',
      '凤鸣',
      '高桥',
      '乌镇',
      '濮院',
      '屠甸',
      '崇福',
      '洲泉',
      '大麻',
      '河山',
      '石门',
    ]);
    expect(TONGXIANG_2018.towns.filter((t) => t.kind === 'subdistrict')).toHaveLength(3);
    expect(findTown(TONGXIANG_2018, '石门镇')?.code).toBe(SHIMEN);
  });

  it('refuses a town outside the region and duplicate towns, naming the field', () => {
    const bad = {
      ...TONGXIANG_2018_INPUT,
      towns: [
        ...TONGXIANG_2018_INPUT.towns,
        { code: '330482101000', name: '外镇', fullName: '外镇', kind: 'town' },
        TONGXIANG_2018_INPUT.towns[0],
      ],
    };
    const issues = issuesOf(() => parseRegion(bad));
    expect(issues).toContainEqual(
      expect.objectContaining({ field: 'region.towns.11.code', rule: 'town.withinRegion' }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ field: 'region.towns.12.code', rule: 'town.unique' }));
  });

  it('refuses a bad division code with the division rule', () => {
    const issues = issuesOf(() => parseRegion({ ...TONGXIANG_2018_INPUT, code: '99048' }));
    expect(issues[0]?.field).toBe('region.code');
  });
});

describe('Enterprise', () => {
  const base = {
    uscc: A,
    name: '桐乡市某纺织有限公司',
    townCode: SHIMEN,
    industry: '1751',
    registeredOn: '2012-05-04',
  };

  it('parses, normalising codes and defaulting lists', () => {
    const e = parseEnterprise(base);
    expect(e.industry.division).toBe('17');
    expect(e.flags).toEqual([]);
  });

  it('names the field of a bad USCC with the check-digit rule', () => {
    const mangled = `${A.slice(0, 17)}${A[17] === '0' ? '1' : '0'}`;
    const issues = issuesOf(() => parseEnterprise({ ...base, uscc: mangled }));
    expect(issues[0]).toMatchObject({ field: 'enterprise.uscc', rule: 'uscc.checkDigit' });
  });

  it('refuses an impossible date and 四无 details without the flag', () => {
    const issues = issuesOf(() => parseEnterprise({ ...base, registeredOn: '2018-02-30', fourWithout: ['noLicence'] }));
    expect(issues).toContainEqual(expect.objectContaining({ field: 'enterprise.registeredOn', rule: 'date.format' }));
    expect(issues).toContainEqual(
      expect.objectContaining({ field: 'enterprise.fourWithout', rule: 'enterprise.fourWithoutFlag' }),
    );
  });
});

describe('EnterpriseAnnualData', () => {
  const base = { uscc: A, year: 2018, scale: 'aboveDesignatedSize', revenue: '2000', tax: '72.3', landArea: '30' };

  it('reads quantities in default units or with a named unit', () => {
    const d = parseAnnualData({
      ...base,
      landArea: { value: '20000', unit: 'squareMetre' },
      electricity: { value: '1200000', unit: 'kWh' },
    });
    expect(d.landArea?.toDecimal('mu').toFixed()).toBe('30');
    expect(d.electricity?.toDecimal('wanKWh').toFixed()).toBe('120');
    expect(d.tax?.toDecimal('yuan').toFixed()).toBe('723000');
  });

  it('规上 means 营业收入 >= 2000万元', () => {
    expect(scaleForRevenue(Money.wanYuan('2000'))).toBe('aboveDesignatedSize');
    expect(scaleForRevenue(Money.wanYuan('1999.99'))).toBe('belowDesignatedSize');
    const issues = issuesOf(() => parseAnnualData({ ...base, revenue: '1999.99' }));
    expect(issues[0]).toMatchObject({ field: 'annualData.revenue', rule: 'scale.designatedSizeRevenue' });
    expect(issuesOf(() => parseAnnualData({ ...base, revenue: undefined }))[0]?.rule).toBe('scale.revenueRequired');
    expect(parseAnnualData({ ...base, scale: 'belowDesignatedSize', revenue: '500' }).scale).toBe(
      'belowDesignatedSize',
    );
  });

  it('refuses float numbers, negative energy and fractional employees, naming each field', () => {
    const issues = issuesOf(() => parseAnnualData({ ...base, tax: 72.3, energy: '-1', employees: '10.5' }));
    expect(issues).toContainEqual(expect.objectContaining({ field: 'annualData.tax', rule: 'decimal.float' }));
    expect(issues).toContainEqual(expect.objectContaining({ field: 'annualData.energy', rule: 'nonNegative' }));
    expect(issues).toContainEqual(
      expect.objectContaining({ field: 'annualData.employees', rule: 'headcount.integer' }),
    );
  });

  it('refuses a unit of the wrong kind', () => {
    const issues = issuesOf(() => parseAnnualData({ ...base, landArea: { value: '1', unit: 'wanYuan' } }));
    expect(issues[0]?.field).toMatch(/^annualData.landArea/);
  });
});

describe('LandParcel and Park', () => {
  it('a parcel area is positive', () => {
    const issues = issuesOf(() =>
      parseLandParcel({ id: 'P1', townCode: SHIMEN, area: '0', category: 'outOfParkLowScattered' }),
    );
    expect(issues[0]).toMatchObject({ field: 'parcel.area', rule: 'positive' });
    expect(
      issuesOf(() => parseLandParcel({ id: 'P1', townCode: SHIMEN, area: '-3', category: 'inUse' }))[0]?.rule,
    ).toBe('positive');
  });

  it('in-park inefficient land names its park; out-of-park land has none', () => {
    expect(
      issuesOf(() => parseLandParcel({ id: 'P1', townCode: SHIMEN, area: '5', category: 'inParkInefficient' }))[0],
    ).toMatchObject({
      field: 'parcel.parkId',
      rule: 'parcel.parkRequired',
    });
    expect(
      issuesOf(() =>
        parseLandParcel({ id: 'P1', townCode: SHIMEN, area: '5', category: 'outOfParkLowScattered', parkId: 'K' }),
      )[0]?.rule,
    ).toBe('parcel.outsidePark');
  });

  it('a park has floor area by phase in m²', () => {
    const park = parsePark({
      id: 'ZQ-2C',
      name: '洲泉两创中心',
      townCode: '330483105000',
      kind: 'standardFactory',
      phases: [
        { phase: 1, floorArea: '50000' },
        { phase: 2, floorArea: '130000' },
      ],
    });
    expect(park.phases[1]?.floorArea.format('wanSquareMetre', { places: 0 })).toBe('13万平方米');
    expect(
      issuesOf(() =>
        parsePark({
          ...park,
          phases: [
            { phase: 1, floorArea: '1' },
            { phase: 1, floorArea: '2' },
          ],
        }),
      )[0],
    ).toMatchObject({
      field: 'park.phases.1.phase',
    });
  });
});

describe('Registry', () => {
  const region = TONGXIANG_2018_INPUT;
  const park = { id: 'SM-1', name: '石门小微企业园', townCode: SHIMEN, kind: 'smallMicroPark' };
  const parcel = { id: 'SM-P1', townCode: SHIMEN, area: '45', category: 'outOfParkLowScattered', holderUscc: A };
  const firm = {
    uscc: A,
    name: '崇安砖瓦厂',
    townCode: SHIMEN,
    industry: '3031',
    registeredOn: '2003-01-01',
    parcelIds: ['SM-P1'],
  };

  it('accepts consistent records', () => {
    const r = parseRegistry({
      region,
      parks: [park],
      parcels: [parcel],
      enterprises: [firm],
      annualData: [{ uscc: A, year: 2018, scale: 'belowDesignatedSize' }],
    });
    expect(r.enterprises.get(A)?.name).toBe('崇安砖瓦厂');
    expect(r.annualData.size).toBe(1);
  });

  it('lists every broken reference and unique key at once', () => {
    const issues = issuesOf(() =>
      parseRegistry({
        region,
        parks: [park],
        parcels: [parcel, { ...parcel, holderUscc: B }],
        enterprises: [{ ...firm, townCode: '330483109000', parkId: 'NOPE', parcelIds: ['SM-P1', 'MISSING'] }],
        annualData: [{ uscc: B, year: 2018, scale: 'belowDesignatedSize' }],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'parcels.1.id', rule: 'unique' }),
        expect.objectContaining({ field: 'enterprises.0.townCode', rule: 'reference.town' }),
        expect.objectContaining({ field: 'enterprises.0.parkId', rule: 'reference.park' }),
        expect.objectContaining({ field: 'enterprises.0.parcelIds.1', rule: 'reference.parcel' }),
        expect.objectContaining({ field: 'parcels.1.holderUscc', rule: 'reference.enterprise' }),
        expect.objectContaining({ field: 'annualData.0.uscc', rule: 'reference.enterprise' }),
      ]),
    );
  });

  it('reports a record-level error with its position', () => {
    const issues = issuesOf(() => parseRegistry({ region, parcels: [parcel, { ...parcel, id: 'X', area: '-1' }] }));
    expect(issues).toContainEqual(expect.objectContaining({ field: 'parcels.1.area', rule: 'positive' }));
  });
});

describe('applyRegistryChanges: the keys written', () => {
  it('lists exactly the records the changes wrote, keyed as validated, beside the registry kept', () => {
    const enterprise = (u: string) => ({
      uscc: u,
      name: `企业${u}`,
      townCode: SHIMEN,
      industry: '1751',
      registeredOn: '2010-01-01',
    });
    const before = parseRegistry({ region: TONGXIANG_2018_INPUT, enterprises: [enterprise(A)] });
    // A lower-case code is normalised by the schema: the key is the validated one.
    const update = applyRegistryChanges(before, {
      enterprises: [enterprise(B.toLowerCase())],
      annualData: [{ uscc: A, year: 2018, scale: 'belowDesignatedSize', tax: '1.5' }],
    });
    expect([...update.changed.enterprises]).toEqual(update.registry.enterprises.has(B) ? [B] : [B.toLowerCase()]);
    expect([...update.changed.annualData]).toEqual([...update.registry.annualData.keys()]);
    expect(update.changed.parks.size + update.changed.parcels.size).toBe(0);
    expect(update.registry.enterprises.size).toBe(2);
  });
});
