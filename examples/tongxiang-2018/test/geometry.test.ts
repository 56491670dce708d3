import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { centroid, lonLatPoint, lonLatPolygons, type Shape, shapesAt } from '@mujun/core/geo';
import { matchParcelGeometries, readGeoJson } from '@mujun/intake';
import { describe, expect, it } from 'vitest';
import { areaMismatch, formatAreaMismatch } from '../src/area-mismatch';
import { DATA_DIR, loadDataset, readDataDir } from '../src/data';
import { MISDRAWN_EVERY } from '../src/geometry/layout';

const files = readDataDir();
const { registry } = loadDataset(files);
const dir = join(DATA_DIR, 'geometry');
const read = (name: string) => readGeoJson(name, readFileSync(join(dir, name)));

describe('the 2018 example on the map (synthetic shapes)', () => {
  it('finds exactly the parcels drawn 3 % small, with signed area above the drawn one where the ledger signed it', () => {
    const report = areaMismatch(files);
    const planted = [...registry.parcels.keys()].filter((_, i) => (i + 1) % MISDRAWN_EVERY === 0).sort();
    expect(report.compared).toHaveLength(725);
    expect(report.findings.map((f) => f.parcelId).sort()).toEqual(planted);
    for (const f of report.findings) expect(f.findings).toContain('registeredMismatch');
    const text = formatAreaMismatch(report);
    expect(text).toContain('with findings 18');
    expect(text).toMatch(/CF-TT-008\tsignedAboveDrawn\t24403\.87\t25160\.00\t756\.13\t1\.13/);
  });

  it('places every parcel and every firm inside its own town', () => {
    const towns = read('towns.geojson').features.map((f) => ({
      id: String(f.properties.code),
      shape: { crs: 'EPSG:4490', geometry: f.geometry } as Shape,
    }));
    expect(towns).toHaveLength(11);
    const parcels = matchParcelGeometries(
      read('parcels.geojson'),
      [...registry.parcels.keys()].map((id) => ({ id })),
    );
    expect(parcels.ok).toBe(true);
    expect(parcels.crs).toBe('EPSG:4549');
    for (const r of parcels.rows) {
      expect(shapesAt(towns, centroid(lonLatPolygons(r.shape)))).toEqual([registry.parcels.get(r.parcelId)?.townCode]);
    }
    const firms = read('firms.geojson').features;
    expect(firms).toHaveLength(registry.enterprises.size);
    for (const f of firms) {
      const at = lonLatPoint({ crs: 'EPSG:4490', geometry: f.geometry as never });
      expect(shapesAt(towns, at)).toEqual([registry.enterprises.get(String(f.properties.uscc))?.townCode]);
    }
  });
});
