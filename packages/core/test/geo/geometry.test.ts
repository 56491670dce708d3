import { describe, expect, it } from 'vitest';
import { Area } from '../../src';
import {
  compareParcelAreas,
  DEFAULT_AREA_TOLERANCE,
  GEOMETRY_LIMITS,
  parseUnitNumber,
  safeParseAreaGeometry,
  safeParsePoint,
  safeParseUnitNumber,
  toleranceFor,
} from '../../src/geo';

describe('不动产单元号 (GB/T 37346-2019)', () => {
  it('parses the seven fields of a canonical number', () => {
    const p = parseUnitNumber(' ３３０４８３００１００２gb00012f00010001 ');
    expect(p).toMatchObject({
      unitNumber: '330483001002GB00012F00010001',
      countyCode: '330483',
      cadastralDistrict: '001',
      cadastralSubdistrict: '002',
      parcelFeature: 'GB',
      parcelSequence: '00012',
      fixtureFeature: 'F',
      fixtureUnit: '00010001',
      parcelCode: '330483001002GB00012',
    });
    expect(parseUnitNumber('330483001002GB00012W00000000').fixtureFeature).toBe('W');
  });

  it('names every broken field', () => {
    const r = safeParseUnitNumber('990400AB1002QB00000W00000001', 'parcels.3.unitNumber');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.rule)).toEqual([
      'unitNumber.division',
      'unitNumber.cadastralDistrict',
      'unitNumber.parcelFeature',
      'unitNumber.parcelSequence',
      'unitNumber.fixtureUnit',
    ]);
    expect(r.issues.every((i) => i.field === 'parcels.3.unitNumber')).toBe(true);
    expect(safeParseUnitNumber('3304830010').ok).toBe(false);
    const short = safeParseUnitNumber('3304830010');
    expect(!short.ok && short.issues[0]?.rule).toBe('unitNumber.length');
    const t = safeParseUnitNumber(330483);
    expect(!t.ok && t.issues[0]?.rule).toBe('unitNumber.type');
    const fixture = safeParseUnitNumber('330483001002GB00012X00010001');
    expect(!fixture.ok && fixture.issues[0]?.rule).toBe('unitNumber.fixtureFeature');
    expect(() => parseUnitNumber('x'.repeat(10_000))).toThrow(/unitNumber\.length/);
  });
});

const square = [
  ['120.50', '30.60'],
  ['120.51', '30.60'],
  ['120.51', '30.61'],
  ['120.50', '30.61'],
  ['120.50', '30.60'],
];

function rules(input: unknown, crs: 'EPSG:4490' | 'EPSG:4549' = 'EPSG:4490'): string[] {
  const r = safeParseAreaGeometry(input, crs);
  return r.ok ? [] : r.issues.map((i) => i.rule);
}

describe('geometry validation', () => {
  it('keeps coordinates as decimal strings exactly as received', () => {
    const r = safeParseAreaGeometry(
      {
        type: 'Polygon',
        coordinates: [
          [
            [120.5, 30.6],
            ['120.510', '30.600'],
            [120.51, 30.61],
            [120.5, 30.6],
          ],
        ],
      },
      'EPSG:4490',
    );
    expect(r.ok && r.value.coordinates[0]).toEqual([
      ['120.5', '30.6'],
      ['120.510', '30.600'],
      ['120.51', '30.61'],
      ['120.5', '30.6'],
    ]);
  });

  it('refuses unclosed rings, too few points and self-intersections, naming the ring', () => {
    expect(rules({ type: 'Polygon', coordinates: [square.slice(0, 4)] })).toEqual(['geometry.unclosed']);
    expect(rules({ type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] })).toEqual([
      'geometry.tooFewPoints',
    ]);
    const bowtie = [square[0], square[2], square[1], square[3], square[0]];
    expect(rules({ type: 'Polygon', coordinates: [bowtie] })).toEqual(['geometry.selfIntersection']);
    const flat = [square[0], square[1], ['120.52', '30.60'], square[0]];
    expect(rules({ type: 'Polygon', coordinates: [flat] })).toEqual(['geometry.zeroArea']);
    const r = safeParseAreaGeometry(
      { type: 'MultiPolygon', coordinates: [[square], [square.slice(0, 4)]] },
      'EPSG:4490',
    );
    expect(!r.ok && r.issues[0]?.field).toBe('geometry.coordinates.1.0');
  });

  it('refuses a hole that crosses its outer ring', () => {
    const hole = [
      ['120.505', '30.605'],
      ['120.515', '30.605'],
      ['120.515', '30.606'],
      ['120.505', '30.606'],
      ['120.505', '30.605'],
    ];
    expect(rules({ type: 'Polygon', coordinates: [square, hole] })).toEqual(['geometry.selfIntersection']);
  });

  it('checks coordinates against the CRS and refuses other types', () => {
    expect(rules({ type: 'Polygon', coordinates: [square] }, 'EPSG:4549')).toContain('geometry.coordinateRange');
    expect(rules({ type: 'Polygon', coordinates: [[['1e999', '0'], ...square.slice(1)]] })).toContain(
      'geometry.coordinate',
    );
    expect(rules({ type: 'Polygon', coordinates: [[[Number.NaN, 0], ...square.slice(1)]] })).toContain(
      'geometry.coordinate',
    );
    expect(rules({ type: 'LineString', coordinates: square })).toEqual(['geometry.type']);
    expect(rules(null)).toEqual(['geometry.type']);
    const p = safeParsePoint({ type: 'Point', coordinates: ['120.56', '30.63'] }, 'EPSG:4490');
    expect(p.ok && p.value.coordinates).toEqual(['120.56', '30.63']);
    expect(safeParsePoint({ type: 'Point', coordinates: [200, 30] }, 'EPSG:4490').ok).toBe(false);
  });

  it('refuses a geometry past the position limit before checking its rings', () => {
    const huge = Array.from({ length: GEOMETRY_LIMITS.maxPositions + 1 }, () => ['120.5', '30.6']);
    expect(rules({ type: 'Polygon', coordinates: [huge] })).toEqual(['geometry.limit']);
  });
});

describe('area comparison', () => {
  const measured = Area.squareMetres('10000');
  it('uses the larger of 1 m² and 0.5 %', () => {
    expect(toleranceFor(measured).in('squareMetre').toString()).toBe('50');
    expect(toleranceFor(Area.squareMetres('100')).in('squareMetre').toString()).toBe('1');
    expect(DEFAULT_AREA_TOLERANCE).toEqual({ squareMetres: '1', share: '0.005' });
  });

  it('reports differences in m² and 亩 and finds signed area above the drawn one', () => {
    const c = compareParcelAreas({
      parcelId: 'P1',
      measured,
      registered: Area.mu('15.1'), // 10066.67 m²: 66.67 m² over
      approved: Area.squareMetres('10040'),
      signed: Area.squareMetres('10051'),
    });
    expect(c.findings).toEqual(['registeredMismatch', 'signedAboveDrawn']);
    const reg = c.differences[0];
    expect(reg?.difference.in('squareMetre').toString()).toBe('200/3');
    expect(reg?.difference.toDecimal('mu').toString()).toBe('0.1');
    expect(c.differences[1]?.withinTolerance).toBe(true);
    expect(c.differences[2]?.difference.toDecimal('mu').toString()).toBe('0.0765');
    // Signed below the drawn area is no finding, however far below.
    expect(compareParcelAreas({ parcelId: 'P1', measured, signed: Area.squareMetres('100') }).findings).toEqual([]);
  });
});
