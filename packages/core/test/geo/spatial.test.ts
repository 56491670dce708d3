import { describe, expect, it } from 'vitest';
import { Area, Money, makeUscc, parseRegistry, TONGXIANG_2018_INPUT } from '../../src';
import {
  centroid,
  covers,
  drawnAreaStatistics,
  firmLayer,
  lonLatPolygons,
  type MapFirm,
  mapLayers,
  type Shape,
  shapesAt,
  townLayer,
} from '../../src/geo';

function box(x0: number, y0: number, x1: number, y1: number): Shape {
  const r = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => [String(x), String(y)] as const);
  return { crs: 'EPSG:4490', geometry: { type: 'Polygon', coordinates: [r] } };
}

const point = (lon: string, lat: string): Shape<{ type: 'Point'; coordinates: readonly [string, string] }> => ({
  crs: 'EPSG:4490',
  geometry: { type: 'Point', coordinates: [lon, lat] },
});

describe('point in polygon', () => {
  it('finds the town a point lies in; the boundary counts as covered', () => {
    const towns = [
      { id: 'A', shape: box(120.4, 30.5, 120.5, 30.6) },
      { id: 'B', shape: box(120.5, 30.5, 120.6, 30.6) },
    ];
    expect(shapesAt(towns, [120.45, 30.55])).toEqual(['A']);
    expect(shapesAt(towns, [120.55, 30.55])).toEqual(['B']);
    expect(shapesAt(towns, [120.5, 30.55])).toEqual(['A', 'B']);
    expect(shapesAt(towns, [120.7, 30.55])).toEqual([]);
  });

  it('leaves out holes but not their rim', () => {
    const outer = lonLatPolygons(box(0, 0, 10, 10))[0]?.[0] ?? [];
    const hole = lonLatPolygons(box(2, 2, 4, 4))[0]?.[0] ?? [];
    expect(covers([[outer, hole]], [3, 3])).toBe(false);
    expect(covers([[outer, hole]], [2, 3])).toBe(true);
    expect(covers([[outer, hole]], [5, 5])).toBe(true);
    expect(centroid([[outer]])).toEqual([5, 5]);
  });
});

describe('drawn-area statistics (自定义区域统计)', () => {
  const firms: MapFirm[] = [
    { uscc: 'F1', location: point('120.51', '30.51'), class: 'A', tax: Money.wanYuan('30'), landArea: Area.mu('10') },
    { uscc: 'F2', location: point('120.52', '30.52'), class: 'C', tax: Money.wanYuan('2'), landArea: Area.mu('5') },
    { uscc: 'F3', location: point('120.53', '30.53'), class: 'A' },
    { uscc: 'F4', location: point('120.90', '30.90'), class: 'D', tax: Money.wanYuan('1'), landArea: Area.mu('1') },
  ];
  const parcels = [
    {
      id: 'P1',
      shape: box(120.511, 30.511, 120.512, 30.512),
      stages: { signed: Area.mu('12'), demolished: Area.mu('10') },
    },
    { id: 'P2', shape: box(120.8, 30.8, 120.81, 30.81), stages: { signed: Area.mu('99') } },
  ];

  it('counts firms and classes, takes 亩均税收 as a ratio of sums and adds the campaign figures', () => {
    const s = drawnAreaStatistics(box(120.5, 30.5, 120.6, 30.6), { firms, parcels });
    expect(s.firms).toEqual(['F1', 'F2', 'F3']);
    expect(s.byClass).toEqual({ A: 2, C: 1 });
    // (30 + 2) / (10 + 5) = 32/15 万元/亩, not the mean of 3 and 0.4
    expect(s.taxPerMu?.in().toString()).toBe('32/15');
    expect(s.parcels).toEqual(['P1']);
    expect(s.vacating.signed.toDecimal('mu').toString()).toBe('12');
    expect(s.vacating.demolished.toDecimal('mu').toString()).toBe('10');
    expect(s.vacating.accepted.isZero()).toBe(true);
  });

  it('has no 亩均税收 for an area without land', () => {
    const s = drawnAreaStatistics(box(0, 0, 1, 1), { firms, parcels });
    expect(s.firms).toEqual([]);
    expect(s.taxPerMu).toBeUndefined();
  });
});

describe('layers and the read policy', () => {
  it('gives a reader outside the firm’s town no 亩均税收, but the class of the run shown (public)', () => {
    const layer = firmLayer(
      [
        {
          properties: { uscc: 'F1', name: '甲', townCode: '330483001000', class: 'A', taxPerMu: '3.00' },
          location: point('120.51', '30.51'),
        },
      ],
      () => false,
    );
    const props = layer.features[0]?.properties ?? {};
    expect(Object.keys(props).sort()).toEqual(['class', 'name', 'townCode', 'uscc']);
    expect(JSON.stringify(layer)).not.toMatch(/taxPerMu/);
    const own = firmLayer(
      [
        {
          properties: { uscc: 'F1', name: '甲', townCode: 'T', class: 'A', taxPerMu: '3.00' },
          location: point('1', '1'),
        },
      ],
      (t) => t === 'T',
    );
    expect(own.features[0]?.properties).toMatchObject({ class: 'A', taxPerMu: '3.00' });
  });

  it('leaves off the figures of a town with fewer than three firms for outsiders', () => {
    const towns = [
      { code: 'T1', name: '一', shape: box(0, 0, 1, 1) },
      { code: 'T2', name: '二', shape: box(1, 0, 2, 1) },
    ];
    const figures = new Map([
      ['T1', { firms: 5, taxPerMu: '2.00' }],
      ['T2', { firms: 2, taxPerMu: '9.00' }],
    ]);
    const layer = townLayer(towns, figures, () => false);
    expect(layer.features.map((f) => f.properties.taxPerMu)).toEqual(['2.00', undefined]);
    expect(JSON.stringify(layer)).not.toContain('9.00');
    expect(townLayer(towns, figures, (t) => t === 'T2').features[1]?.properties.taxPerMu).toBe('9.00');
  });

  it('converts projected shapes to CGCS2000 longitude/latitude for the map', () => {
    const layer = firmLayer(
      [
        {
          properties: { uscc: 'F', name: 'x', townCode: 'T' },
          location: { crs: 'EPSG:4549', geometry: { type: 'Point', coordinates: ['553000', '3389000'] } },
        },
      ],
      () => true,
    );
    expect(layer.features[0]?.geometry.coordinates).toEqual(['120.55276637', '30.62022201']);
  });
});

describe('mapLayers', () => {
  const SHIMEN = '330483108000';
  const uscc = (n: number) =>
    makeUscc({
      authority: '9',
      orgType: '1',
      divisionCode: '330483',
      orgCodeBody: `MA2B${String(n).padStart(4, '0')}`,
    });
  const registry = parseRegistry({
    region: TONGXIANG_2018_INPUT,
    enterprises: [1, 2, 3].map((n) => ({
      uscc: uscc(n),
      name: `企业${n}`,
      townCode: SHIMEN,
      industry: '1751',
      registeredOn: '2010-01-01',
    })),
    parcels: [{ id: 'SM-001', townCode: SHIMEN, area: '45', category: 'outOfParkLowScattered' }],
    annualData: [
      { uscc: uscc(1), year: 2018, scale: 'belowDesignatedSize', tax: '30', landArea: '10' },
      { uscc: uscc(2), year: 2018, scale: 'belowDesignatedSize', tax: '2', landArea: '5' },
      { uscc: uscc(3), year: 2018, scale: 'belowDesignatedSize', tax: '1', landArea: '1' },
    ],
  });
  const src = {
    registry,
    shapes: [
      { subject: 'town' as const, id: SHIMEN, shape: box(120.4, 30.58, 120.5, 30.68) },
      { subject: 'parcel' as const, id: 'SM-001', shape: box(120.45, 30.6, 120.452, 30.602) },
    ],
    locations: [1, 2, 3].map((n) => ({ uscc: uscc(n), location: point('120.45', `30.6${n}`) })),
    year: 2018,
  };

  it('takes a town’s 亩均税收 as Σ税收 / Σ用地 and shows a firm’s to its town', () => {
    const layers = mapLayers({ ...src, mayReadTown: (t) => t === SHIMEN });
    // (30 + 2 + 1) / (10 + 5 + 1) = 2.0625 万元/亩
    expect(layers.towns.features[0]?.properties).toMatchObject({ name: '石门镇', firms: 3, taxPerMu: '2.06' });
    expect(layers.firms.features.map((f) => f.properties.taxPerMu)).toEqual(['3.00', '0.40', '1.00']);
    expect(layers.parcels.features[0]?.properties).toEqual({
      id: 'SM-001',
      townCode: SHIMEN,
      category: 'outOfParkLowScattered',
    });
  });

  it('gives a viewer no firm figure', () => {
    const layers = mapLayers({ ...src, mayReadTown: () => false });
    expect(JSON.stringify(layers.firms)).not.toContain('taxPerMu');
    expect(layers.towns.features[0]?.properties.taxPerMu).toBe('2.06'); // three firms: an aggregate, not a firm's
  });
});
