import { describe, expect, it } from 'vitest';
import { makeUscc, parseRegistry, TONGXIANG_2018_INPUT } from '../../src';
import {
  defaultMapRun,
  drawnAreaSources,
  drawnAreaStatistics,
  isPublishedRun,
  mapClasses,
  mapLayers,
  type Shape,
} from '../../src/geo';
import { type LandGrantInput, parseLandGrants, TONGXIANG_2023_LISTINGS } from '../../src/grants';
import type { RunResult } from '../../src/runs';

/*
 * Classes on the map come from a run's results (the class in force, an
 * override applied), never from an evaluation made here; the town layer's
 * class counts follow the small-group rule.
 */

const SHIMEN = '330483108000';
const WUTONG = '330483001000';
const uscc = (n: number) =>
  makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: `MA2B${String(n).padStart(4, '0')}` });

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
const point = (lon: string, lat: string) => ({
  crs: 'EPSG:4490' as const,
  geometry: { type: 'Point' as const, coordinates: [lon, lat] as const },
});

// Firms 1–4 in 石门, 5 in 梧桐.
const TOWN = (n: number) => (n === 5 ? WUTONG : SHIMEN);
const registry = parseRegistry({
  region: TONGXIANG_2018_INPUT,
  enterprises: [1, 2, 3, 4, 5].map((n) => ({
    uscc: uscc(n),
    name: `企业${n}`,
    townCode: TOWN(n),
    industry: '1751',
    registeredOn: '2010-01-01',
  })),
  parcels: [
    { id: 'SM-001', townCode: SHIMEN, area: '45', category: 'outOfParkLowScattered' },
    { id: 'SM-002', townCode: SHIMEN, area: '30', category: 'outOfParkLowScattered' },
  ],
  annualData: [1, 2, 3, 4, 5].map((n) => ({
    uscc: uscc(n),
    year: 2018,
    scale: 'belowDesignatedSize',
    tax: String(n),
    landArea: '10',
  })),
});

/** A run result as the run stored it: the engine's class and the class in force. */
function result(n: number, computed: RunResult['class'], inForce: RunResult['class'] = computed) {
  return { uscc: uscc(n), townCode: TOWN(n), cohortId: 'c1', computedClass: computed, class: inForce };
}
// Firm 2 computed C, raised to B by an override (提档); firm 4 evaluated without a class.
const RESULTS = [result(1, 'A'), result(2, 'C', 'B'), result(3, 'A'), result(4, null), result(5, 'D')];

const shapes = [
  { subject: 'town' as const, id: SHIMEN, shape: box(120.4, 30.58, 120.5, 30.68) },
  { subject: 'town' as const, id: WUTONG, shape: box(120.5, 30.58, 120.6, 30.68) },
  { subject: 'parcel' as const, id: 'SM-001', shape: box(120.45, 30.6, 120.452, 30.602) },
  { subject: 'parcel' as const, id: 'SM-002', shape: box(120.46, 30.6, 120.462, 30.602) },
];
const locations = [1, 2, 3, 4, 5].map((n) => ({
  uscc: uscc(n),
  location: n === 5 ? point('120.55', '30.61') : point('120.45', `30.6${n}`),
}));

describe('classes of a run on the map', () => {
  const classes = mapClasses('run-2018', RESULTS);

  it('takes each firm’s class in force (an override applied), not the computed one', () => {
    expect(classes.byFirm.get(uscc(2))).toBe('B');
    expect(classes.byFirm.has(uscc(4))).toBe(false);
    expect(classes.byTown[SHIMEN]).toEqual({ A: 2, B: 1, C: 0, D: 0, T: 0, none: 1 });
    expect(classes.byTown[WUTONG]).toEqual({ A: 0, B: 0, C: 0, D: 1, T: 0, none: 0 });
  });

  it('puts the classes on the firm points and the town counts, the counts of a tiny town only for its readers', () => {
    const viewer = mapLayers({ registry, shapes, locations, year: 2018, classes, mayReadTown: () => false });
    expect(viewer.firms.features.map((f) => f.properties.class)).toEqual(['A', 'B', 'A', undefined, 'D']);
    expect(JSON.stringify(viewer.firms)).not.toContain('taxPerMu');
    const town = (l: typeof viewer, code: string) => l.towns.features.find((f) => f.id === code)?.properties;
    expect(town(viewer, SHIMEN)?.classes).toEqual({ A: 2, B: 1, C: 0, D: 0, T: 0, none: 1 });
    // 梧桐 has one classed firm: its counts (and figures) are left off for outsiders
    expect(town(viewer, WUTONG)).toEqual({ code: WUTONG, name: '梧桐街道' });
    const own = mapLayers({ registry, shapes, locations, year: 2018, classes, mayReadTown: (t) => t === WUTONG });
    expect(town(own, WUTONG)?.classes?.D).toBe(1);
    // without a run: no class anywhere
    const none = mapLayers({ registry, shapes, locations, year: 2018, mayReadTown: () => true });
    expect(JSON.stringify(none)).not.toMatch(/"class(es)?"/);
  });

  it('counts a drawn area’s firms by class in force', () => {
    const sources = drawnAreaSources({ registry, shapes, locations, year: 2018, classes });
    const all = drawnAreaStatistics(box(120.4, 30.58, 120.6, 30.68), sources);
    expect(all.byClass).toEqual({ A: 2, B: 1, none: 1, D: 1 });
    const without = drawnAreaStatistics(
      box(120.4, 30.58, 120.6, 30.68),
      drawnAreaSources({ registry, shapes, locations, year: 2018 }),
    );
    expect(without.byClass).toEqual({ none: 5 });
  });

  it('shows by default the newest run of the year in 公示 or final, never a draft or a withdrawn one', () => {
    const run = (
      id: string,
      status: 'draft' | 'publicNotice' | 'final' | 'withdrawn',
      createdAt: string,
      year = 2018,
    ) => ({
      id,
      year,
      status,
      createdAt,
    });
    const runs = [
      run('d', 'draft', '2019-05-01T00:00:00Z'),
      run('w', 'withdrawn', '2019-04-01T00:00:00Z'),
      run('p', 'publicNotice', '2019-03-01T00:00:00Z'),
      run('f', 'final', '2019-02-01T00:00:00Z'),
      run('p19', 'publicNotice', '2020-03-01T00:00:00Z', 2019),
    ];
    expect(defaultMapRun(runs, 2018)?.id).toBe('p');
    expect(defaultMapRun(runs.slice(2).reverse(), 2018)?.id).toBe('p'); // order of the list does not matter
    expect(defaultMapRun(runs.slice(0, 2), 2018)).toBeUndefined();
    expect(isPublishedRun({ status: 'withdrawn', notice: { from: '2019-03-01', to: '2019-03-07' } })).toBe(true);
    expect(isPublishedRun({ status: 'withdrawn', notice: null })).toBe(false);
    expect(isPublishedRun({ status: 'draft', notice: null })).toBe(false);
  });
});

describe('grant status on the parcels layer', () => {
  it('shows the phase of the parcel’s newest 标准地 grant', () => {
    const base = TONGXIANG_2023_LISTINGS[1] as LandGrantInput;
    const grants = parseLandGrants([
      { ...base, id: 'G-OLD', townCode: SHIMEN, parcelId: 'SM-001', listedOn: '2019-01-01' },
      {
        ...base,
        id: 'G-NEW',
        townCode: SHIMEN,
        parcelId: 'SM-001',
        granteeUscc: uscc(1),
        transactionPrice: '1500',
        grantedOn: '2023-06-20',
        startedOn: '2023-12-01',
      },
    ]);
    const layers = mapLayers({ registry, shapes, locations, grants, mayReadTown: () => false });
    const byId = new Map(layers.parcels.features.map((f) => [f.id, f.properties]));
    expect(byId.get('SM-001')).toMatchObject({ grantId: 'G-NEW', grantStatus: 'underConstruction' });
    expect(byId.get('SM-002')).not.toHaveProperty('grantStatus');
  });
});
