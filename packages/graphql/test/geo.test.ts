import { fileURLToPath } from 'node:url';
import type { RunResult } from '@mujun/core';
import { publishEvaluationRun, startEvaluationRun } from '@mujun/core/cycle';
import type { GeometryRecord } from '@mujun/core/geo';
import { createGateway, mintDevToken, seedFromExample } from '@mujun/graphql';
import { openStore, type Store } from '@mujun/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, bearer, cityAdminHeaders, gql, memoryGateway, SECRET, SHIMEN, uscc, ZHOUQUAN } from './fixtures';

const ctx = { actor: 'test:geo' };
/** A lon/lat rectangle as a Polygon with decimal-string coordinates. */
const box = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [String(w), String(s)],
      [String(e), String(s)],
      [String(e), String(n)],
      [String(w), String(n)],
      [String(w), String(s)],
    ] as [string, string][],
  ],
});
const point = (lon: string, lat: string) => ({
  crs: 'EPSG:4490' as const,
  geometry: { type: 'Point' as const, coordinates: [lon, lat] as [string, string] },
});

// 石门 west of 120.5°E, 洲泉 east of it; SM-001 inside 石门; firms 1, 2 in 石门, 3, 4 in 洲泉.
const SHAPES: GeometryRecord[] = [
  { subject: 'town', id: SHIMEN, shape: { crs: 'EPSG:4490', geometry: box(120.4, 30.6, 120.5, 30.7) } },
  { subject: 'town', id: ZHOUQUAN, shape: { crs: 'EPSG:4490', geometry: box(120.5, 30.6, 120.6, 30.7) } },
  { subject: 'parcel', id: 'SM-001', shape: { crs: 'EPSG:4490', geometry: box(120.42, 30.62, 120.43, 30.63) } },
];
const LOCATIONS = [
  { uscc: uscc(1), location: point('120.425', '30.625') },
  { uscc: uscc(2), location: point('120.45', '30.65') },
  { uscc: uscc(3), location: point('120.55', '30.65') },
  { uscc: uscc(4), location: point('120.56', '30.66') },
];

const LAYERS = `query ($year: Int) { mapLayers(city: "330483", year: $year) { year towns parcels firms } }`;

interface Collection {
  type: string;
  features: { id: string; properties: Record<string, unknown>; geometry: { type: string } }[];
}
const props = (c: unknown, id: string) => (c as Collection).features.find((f) => f.id === id)?.properties;

describe('一张图 through the gateway', () => {
  let yoga: Awaited<ReturnType<typeof memoryGateway>>['yoga'];
  let repository: Awaited<ReturnType<typeof memoryGateway>>['repository'];
  const h: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    const g = await memoryGateway();
    yoga = g.yoga;
    repository = g.repository;
    await g.repository.saveGeometries('330483', SHAPES, ctx);
    await g.repository.saveFirmLocations('330483', LOCATIONS, ctx);
    h.admin = await cityAdminHeaders();
    h.shimen = bearer(await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET }));
    h.viewer = bearer(await mintDevToken({ role: 'viewer', secret: SECRET }));
  });

  const layers = async (who: string) => {
    const res = await gql(yoga, LAYERS, { year: 2018 }, h[who] ?? {});
    expect(res.errors).toBeUndefined();
    return res.data?.mapLayers as { year: number; towns: Collection; parcels: Collection; firms: Collection };
  };

  it('the repository refuses a shape of an unknown record and writes nothing', async () => {
    const before = await repository.listGeometries('330483');
    const shape = SHAPES[2]?.shape as GeometryRecord['shape'];
    await expect(
      repository.saveGeometries(
        '330483',
        [
          { subject: 'parcel', id: 'SM-002', shape },
          { subject: 'parcel', id: 'NO-SUCH', shape },
        ],
        ctx,
      ),
    ).rejects.toThrow(/geometries\.1\.id.*reference\.parcel/);
    expect(await repository.listGeometries('330483')).toEqual(before);
    await expect(
      repository.saveFirmLocations('330483', [{ uscc: uscc(99), location: point('120.4', '30.6') }], ctx),
    ).rejects.toThrow(/reference\.enterprise/);
  });

  it('gives the three layers as GeoJSON feature collections', async () => {
    const l = await layers('admin');
    expect(l.year).toBe(2018);
    expect(l.towns.type).toBe('FeatureCollection');
    expect(l.towns.features.map((f) => f.id).sort()).toEqual([ZHOUQUAN, SHIMEN].sort());
    expect(l.parcels.features.map((f) => [f.id, f.geometry.type])).toEqual([['SM-001', 'Polygon']]);
    expect(props(l.parcels, 'SM-001')).toMatchObject({ townCode: SHIMEN, category: 'outOfParkLowScattered' });
    expect(l.firms.features).toHaveLength(4);
  });

  it("a viewer's layers carry no confidential figure", async () => {
    const l = await layers('viewer');
    const text = JSON.stringify(l);
    expect(text).not.toContain('taxPerMu');
    for (const f of l.firms.features) expect(Object.keys(f.properties).sort()).toEqual(['name', 'townCode', 'uscc']);
    for (const f of l.towns.features) expect(Object.keys(f.properties).sort()).toEqual(['code', 'name']);
  });

  it("a town operator sees its own town's figures only", async () => {
    const l = await layers('shimen');
    // 石门: firms 1 and 2 (tax 11.25 + 21.25 over land 1.5 + 2.5 亩 = 8.125 → 8.13).
    expect(props(l.towns, SHIMEN)).toMatchObject({ firms: 2, taxPerMu: '8.13' });
    expect(props(l.towns, ZHOUQUAN)).not.toHaveProperty('taxPerMu');
    expect(props(l.towns, ZHOUQUAN)).not.toHaveProperty('firms');
    expect(props(l.firms, uscc(1))).toHaveProperty('taxPerMu', '7.50');
    expect(props(l.firms, uscc(3))).not.toHaveProperty('taxPerMu');
  });

  it('a city admin sees every figure', async () => {
    const l = await layers('admin');
    // 洲泉: firm 3 only has land (31.25 / 3.5 = 8.928… → 8.93).
    expect(props(l.towns, ZHOUQUAN)).toMatchObject({ firms: 1, taxPerMu: '8.93' });
    expect(props(l.firms, uscc(3))).toHaveProperty('taxPerMu', '8.93');
  });

  it('tells which town and parcel a point lies in, a shared edge in both towns', async () => {
    const q = `query ($lon: Decimal!, $lat: Decimal!) { shapesAt(city: "330483", longitude: $lon, latitude: $lat) { towns parcels parks } }`;
    const inside = await gql(yoga, q, { lon: '120.425', lat: '30.625' }, h.viewer);
    expect(inside.data?.shapesAt).toEqual({ towns: [SHIMEN], parcels: ['SM-001'], parks: [] });
    const edge = await gql(yoga, q, { lon: '120.5', lat: '30.65' }, h.viewer);
    expect(at(edge.data, 'shapesAt.towns')).toEqual([SHIMEN, ZHOUQUAN].sort());
    const bad = await gql(yoga, q, { lon: '200', lat: '30.6' }, h.viewer);
    expect(bad.errors?.[0]?.extensions ?? {}).toMatchObject({ code: 'INVALID_INPUT' });
    expect(JSON.stringify(bad.errors)).toContain('point.coordinates');
  });

  const DRAWN = `query ($polygon: String!) {
    drawnAreaStatistics(city: "330483", year: 2018, polygon: $polygon) {
      firms firmCount parcels figuresShown tax { wanYuan } landArea { mu } taxPerMu { value(places: 4) }
      vacating { stage area { mu } }
    }
  }`;
  const shimenBox = JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [120.41, 30.61],
        [120.49, 30.61],
        [120.49, 30.69],
        [120.41, 30.69],
        [120.41, 30.61],
      ],
    ],
  });
  const bothBox = JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [120.41, 30.61],
        [120.59, 30.61],
        [120.59, 30.69],
        [120.41, 30.69],
        [120.41, 30.61],
      ],
    ],
  });

  it('sums a drawn area as a ratio of sums for a reader of every covered firm', async () => {
    const res = await gql(yoga, DRAWN, { polygon: shimenBox }, h.shimen);
    expect(res.errors).toBeUndefined();
    expect(res.data?.drawnAreaStatistics).toMatchObject({
      firms: [uscc(1), uscc(2)].sort(),
      firmCount: 2,
      parcels: ['SM-001'],
      figuresShown: true,
      tax: { wanYuan: '32.5' },
      landArea: { mu: '4' },
      taxPerMu: { value: '8.1250' },
    });
  });

  it("hides a drawn area's sums from a reader who may not read every covered firm", async () => {
    for (const [who, polygon] of [
      ['viewer', shimenBox],
      ['shimen', bothBox],
    ] as const) {
      const res = await gql(yoga, DRAWN, { polygon }, h[who]);
      expect(res.errors).toBeUndefined();
      expect(res.data?.drawnAreaStatistics).toMatchObject({
        figuresShown: false,
        tax: null,
        landArea: null,
        taxPerMu: null,
      });
    }
    const admin = await gql(yoga, DRAWN, { polygon: bothBox }, h.admin);
    expect(admin.data?.drawnAreaStatistics).toMatchObject({ firmCount: 4, figuresShown: true });
  });

  it('refuses a drawn polygon above the position limit, naming it', async () => {
    const n = 2_500;
    const ring = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return [(120.45 + 0.03 * Math.cos(a)).toFixed(6), (30.65 + 0.03 * Math.sin(a)).toFixed(6)];
    });
    ring.push(ring[0] as string[]);
    const res = await gql(yoga, DRAWN, { polygon: JSON.stringify({ type: 'Polygon', coordinates: [ring] }) }, h.admin);
    expect(res.data).toBeNull();
    expect(JSON.stringify(res.errors)).toContain('geometry.limit');
    expect(JSON.stringify(res.errors)).toContain('at most 2000');
  });

  it('refuses a self-intersecting drawn polygon, naming the rule', async () => {
    const bow = JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [120.41, 30.61],
          [120.49, 30.69],
          [120.49, 30.61],
          [120.41, 30.69],
          [120.41, 30.61],
        ],
      ],
    });
    const res = await gql(yoga, DRAWN, { polygon: bow }, h.viewer);
    expect(JSON.stringify(res.errors)).toContain('geometry.selfIntersection');
  });
});

describe('classes of an evaluation run on the map (公示名单 classes are public)', () => {
  let yoga: Awaited<ReturnType<typeof memoryGateway>>['yoga'];
  let repository: Awaited<ReturnType<typeof memoryGateway>>['repository'];
  const h: Record<string, Record<string, string>> = {};
  const scheme = (id: string, bands: { class: string; share: string }[]) => ({
    id,
    name: id,
    jurisdiction: { code: '330483', name: '桐乡市' },
    year: 2018,
    cohorts: [
      {
        id: 'all',
        name: '全部企业',
        membership: {},
        indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '3' }],
        classification: { by: 'percentile', bands },
      },
    ],
  });
  let published: RunResult[] = [];
  beforeAll(async () => {
    const g = await memoryGateway();
    yoga = g.yoga;
    repository = g.repository;
    await repository.saveGeometries('330483', SHAPES, ctx);
    await repository.saveFirmLocations('330483', LOCATIONS, ctx);
    await repository.saveScheme(
      scheme('map-public', [
        { class: 'A', share: '50' },
        { class: 'B', share: '50' },
      ]),
      ctx,
    );
    await repository.saveScheme(scheme('map-draft', [{ class: 'D', share: '100' }]), ctx);
    // The published run first; a newer draft (every firm D) that only the city admin may show.
    const first = { actor: 'test:admin', at: '2019-03-01T02:00:00Z' };
    await startEvaluationRun(
      repository,
      { id: 'run-public', regionCode: '330483', schemeId: 'map-public', year: 2018 },
      first,
    );
    await publishEvaluationRun(
      repository,
      { runId: 'run-public', notice: { from: '2019-03-01', to: '2019-03-10' } },
      first,
    );
    const later = { actor: 'test:admin', at: '2019-03-05T02:00:00Z' };
    await startEvaluationRun(
      repository,
      { id: 'run-draft', regionCode: '330483', schemeId: 'map-draft', year: 2018 },
      later,
    );
    published = await repository.loadRunResults('run-public');
    h.admin = await cityAdminHeaders();
    h.viewer = bearer(await mintDevToken({ role: 'viewer', secret: SECRET }));
  });

  const RUN_LAYERS = `query ($year: Int, $run: ID) { mapLayers(city: "330483", year: $year, run: $run) { run towns firms } }`;
  const RUN_DRAWN = `query ($polygon: String!, $run: ID) { drawnAreaStatistics(city: "330483", year: 2018, polygon: $polygon, run: $run) {
    run firmCount figuresShown tax { wanYuan } byClass { A B C D T none total } } }`;
  const everywhere = JSON.stringify(box(120.4, 30.6, 120.6, 30.7));

  it('shows a viewer the classes in force of the published run, and no hidden figure', async () => {
    const res = await gql(yoga, RUN_LAYERS, { year: 2018 }, h.viewer);
    expect(res.errors).toBeUndefined();
    const l = res.data?.mapLayers as { run: string; towns: Collection; firms: Collection };
    expect(l.run).toBe('run-public');
    const inForce = new Map(published.map((r) => [r.uscc, r.class]));
    expect([...inForce.values()].filter((c) => c !== null).length).toBeGreaterThan(0);
    for (const f of l.firms.features) {
      const cls = inForce.get(f.id) ?? null;
      expect(f.properties.class ?? null).toBe(cls);
      expect(Object.keys(f.properties)).not.toContain('taxPerMu');
    }
    const text = JSON.stringify(l);
    expect(text).not.toContain('taxPerMu');
    expect(text).not.toMatch(/"class":"D"/);
    // 石门 and 洲泉 have fewer than three classed firms each: no counts for a viewer
    for (const f of l.towns.features) expect(Object.keys(f.properties).sort()).toEqual(['code', 'name']);

    const drawn = await gql(yoga, RUN_DRAWN, { polygon: everywhere }, h.viewer);
    expect(drawn.errors).toBeUndefined();
    const counts = { A: 0, B: 0, C: 0, D: 0, T: 0, none: 0 };
    for (const u of [1, 2, 3, 4].map(uscc)) counts[inForce.get(u) ?? 'none'] += 1;
    expect(drawn.data?.drawnAreaStatistics).toMatchObject({
      run: 'run-public',
      firmCount: 4,
      figuresShown: false,
      tax: null,
      byClass: { ...counts, total: 4 },
    });
  });

  it('refuses a draft run to a viewer, naming the argument, and shows it to the city admin', async () => {
    for (const q of [RUN_LAYERS, RUN_DRAWN]) {
      const res = await gql(yoga, q, { year: 2018, run: 'run-draft', polygon: everywhere }, h.viewer);
      expect(res.data).toBeNull();
      expect(JSON.stringify(res.errors)).toContain('reference.run');
      expect(JSON.stringify(res.errors)).not.toMatch(/"class":"D"/);
    }
    const admin = await gql(yoga, RUN_LAYERS, { year: 2018, run: 'run-draft' }, h.admin);
    expect(admin.errors).toBeUndefined();
    const l = admin.data?.mapLayers as { run: string; towns: Collection; firms: Collection };
    expect(l.run).toBe('run-draft');
    const draft = new Map((await repository.loadRunResults('run-draft')).map((r) => [r.uscc, r.class]));
    expect(l.firms.features.map((f) => f.properties.class ?? null)).toEqual(
      l.firms.features.map((f) => draft.get(f.id) ?? null),
    );
    expect(l.firms.features.some((f) => f.properties.class === 'D')).toBe(true);
    // the admin reads every town: class counts present
    expect(props(l.towns, SHIMEN)).toHaveProperty('classes');
  });

  it('shows no class without a year or a run', async () => {
    const res = await gql(yoga, RUN_LAYERS, {}, h.viewer);
    expect(res.errors).toBeUndefined();
    expect(res.data?.mapLayers).toMatchObject({ run: null });
    expect(JSON.stringify(res.data)).not.toMatch(/"class(es)?"/);
  });
});

describe('the seeded 2018 example on the PGlite store (SqlRepository)', () => {
  let store: Store;
  let yoga: ReturnType<typeof createGateway>;
  let lines: string[];
  beforeAll(async () => {
    store = await openStore();
    lines = await seedFromExample(
      store.repository,
      fileURLToPath(new URL('../../../examples/tongxiang-2018/data', import.meta.url)),
    );
    yoga = createGateway({ repository: store.repository, auth: { secret: SECRET }, logging: false });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('carries the synthetic shapes, and a viewer sees town aggregates but no firm figure', async () => {
    expect(lines.join('\n')).toMatch(/11 towns, 725 parcels, \d+ firm points/);
    const viewer = bearer(await mintDevToken({ role: 'viewer', secret: SECRET }));
    const res = await gql(yoga, LAYERS, { year: 2018 }, viewer);
    expect(res.errors).toBeUndefined();
    const l = res.data?.mapLayers as { towns: Collection; parcels: Collection; firms: Collection };
    expect(l.towns.features).toHaveLength(11);
    expect(l.parcels.features).toHaveLength(725);
    expect(l.firms.features.length).toBeGreaterThan(100);
    expect(props(l.towns, '330483001000')).toHaveProperty('taxPerMu');
    expect(JSON.stringify(l.firms)).not.toContain('taxPerMu');
    const at = await gql(
      yoga,
      `{ shapesAt(city: "330483", longitude: "120.575", latitude: "30.63") { towns } }`,
      viewer,
    );
    expect(at.data?.shapesAt).toEqual({ towns: ['330483001000'] });
  });
});
