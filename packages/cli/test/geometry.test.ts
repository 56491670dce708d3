import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIo, main } from '@mujun/cli';
import { publishEvaluationRun, startEvaluationRun } from '@mujun/core/cycle';
import { listGeometries, openStore, type Store } from '@mujun/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GEOMETRY = join(ROOT, 'examples/tongxiang-2018/data/geometry');
const dir = mkdtempSync(join(tmpdir(), 'mujun-cli-geo-'));

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(async () => {
  await store?.close();
});

async function mujun(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { MUJUN_DATA_DIR: join(dir, 'data') },
    cwd: ROOT,
    tty: false,
    store,
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('mujun import / export --geojson (一张图)', () => {
  it('imports the example’s towns and parcels, refuses a bad file whole, and exports layers a viewer may read', async () => {
    expect((await mujun('load', 'examples/tongxiang-2018/data', '--json')).code).toBe(0);

    // A parcels file with one bad ring: nothing is written, the row is named.
    const doc = JSON.parse(readFileSync(join(GEOMETRY, 'parcels.geojson'), 'utf8'));
    doc.features[1].geometry.coordinates[0].pop();
    const bad = join(dir, 'bad.geojson');
    writeFileSync(bad, JSON.stringify(doc));
    const refused = await mujun('import', bad, '--json');
    expect(refused.code).toBe(1);
    const report = JSON.parse(refused.out);
    expect(report.written).toBe(0);
    expect(report.issues.filter((i: { rule: string }) => i.rule !== 'feature.rejected')).toMatchObject([
      { row: 2, rule: 'geometry.unclosed' },
    ]);
    expect(await listGeometries(store.sql, '330483')).toEqual([]);

    const towns = await mujun('import', join(GEOMETRY, 'towns.geojson'), '--layer', 'towns', '--json');
    expect(JSON.parse(towns.out)).toMatchObject({ ok: true, written: 11 });
    const parcels = await mujun('import', join(GEOMETRY, 'parcels.geojson'), '--json');
    expect(JSON.parse(parcels.out)).toMatchObject({ ok: true, written: 725, files: [{ crs: 'EPSG:4549' }] });

    const out = join(dir, 'layers');
    const admin = await mujun('export', out, '--geojson', '--year', '2018', '--json');
    expect(admin.code).toBe(0);
    const townLayer = JSON.parse(readFileSync(join(out, 'towns.geojson'), 'utf8'));
    expect(townLayer.features).toHaveLength(11);
    expect(townLayer.features[0].properties).toHaveProperty('taxPerMu');
    const parcelLayer = JSON.parse(readFileSync(join(out, 'parcels.geojson'), 'utf8'));
    expect(parcelLayer.features).toHaveLength(725);
    expect(parcelLayer.features.some((f: { properties: { stage?: string } }) => f.properties.stage === 'signed')).toBe(
      true,
    );
    // projected input comes out in CGCS2000 longitude/latitude
    const [lon, lat] = parcelLayer.features[0].geometry.coordinates[0][0].map(Number);
    expect(lon).toBeGreaterThan(120.3);
    expect(lat).toBeGreaterThan(30.4);

    const pub = join(dir, 'public');
    expect((await mujun('export', pub, '--geojson', '--year', '2018', '--public')).code).toBe(0);
    const text = readFileSync(join(pub, 'towns.geojson'), 'utf8') + readFileSync(join(pub, 'firms.geojson'), 'utf8');
    // every town has at least three firms, so town aggregates stay; no firm figure leaves
    expect(JSON.parse(readFileSync(join(pub, 'towns.geojson'), 'utf8')).features[0].properties).toHaveProperty(
      'taxPerMu',
    );
    expect(text).not.toMatch(/"class"/); // no run yet: no class

    // A published run's classes (public, the 公示名单) go on every export; a draft only when named, never --public.
    const scheme = JSON.parse(readFileSync(join(ROOT, 'examples/tongxiang-2018/data/scheme-2018.json'), 'utf8'));
    const { id: schemeId } = await store.repository.saveScheme(scheme, { actor: 'test:cli' });
    const by = { actor: 'test:cli', at: '2019-03-01T02:00:00Z' };
    await startEvaluationRun(store.repository, { id: 'cli-public', regionCode: '330483', schemeId, year: 2018 }, by);
    await publishEvaluationRun(
      store.repository,
      { runId: 'cli-public', notice: { from: '2019-03-01', to: '2019-03-10' } },
      by,
    );
    await startEvaluationRun(
      store.repository,
      { id: 'cli-draft', regionCode: '330483', schemeId, year: 2018 },
      {
        ...by,
        at: '2019-03-05T02:00:00Z',
      },
    );
    // firm points (the CLI imports parcels and towns; the example's points go in as the seed does)
    const points = JSON.parse(readFileSync(join(GEOMETRY, 'firms.geojson'), 'utf8')) as {
      features: { properties: { uscc: string }; geometry: { coordinates: [number, number] } }[];
    };
    await store.repository.saveFirmLocations(
      '330483',
      points.features.map((f) => ({
        uscc: f.properties.uscc,
        location: {
          crs: 'EPSG:4490' as const,
          geometry: {
            type: 'Point' as const,
            coordinates: f.geometry.coordinates.map(String) as [string, string],
          },
        },
      })),
      { actor: 'test:cli' },
    );
    const inForce = new Map((await store.repository.loadRunResults('cli-public')).map((r) => [r.uscc, r.class]));
    const classed = join(dir, 'classed');
    expect((await mujun('export', classed, '--geojson', '--year', '2018', '--public')).code).toBe(0);
    const firms = JSON.parse(readFileSync(join(classed, 'firms.geojson'), 'utf8')) as {
      features: { id: string; properties: Record<string, unknown> }[];
    };
    expect(firms.features.filter((f) => f.properties.class !== undefined).length).toBeGreaterThan(0);
    for (const f of firms.features) {
      expect(f.properties.class ?? null).toBe(inForce.get(f.id) ?? null);
      expect(f.properties).not.toHaveProperty('taxPerMu');
    }
    const draftPublic = await mujun('export', join(dir, 'draft'), '--geojson', '--run', 'cli-draft', '--public');
    expect(draftPublic.code).not.toBe(0);
    expect(draftPublic.err).toContain('--run cli-draft');
    expect((await mujun('export', join(dir, 'draft'), '--geojson', '--run', 'cli-draft')).code).toBe(0);
  });
});
