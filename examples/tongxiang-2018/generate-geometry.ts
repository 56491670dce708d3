/**
 * Writes the SYNTHETIC shapes of the 2018 example (data/geometry/*.geojson)
 * from the committed registry: `pnpm --filter @mujun/example-tongxiang-2018 generate:geometry`.
 * Towns and firm points in CGCS2000 longitude/latitude (EPSG:4490), parcels
 * in 3° Gauss-Krüger metres (EPSG:4549) like the 自然资源 survey layers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, loadDataset, readDataDir } from './src/data';
import { layout } from './src/geometry/layout';

const { registry } = loadDataset(readDataDir());
const out = join(DATA_DIR, 'geometry');
mkdirSync(out, { recursive: true });
const layers = layout(
  registry.region.towns.map((t) => ({ code: t.code, name: t.fullName })),
  [...registry.parcels.values()].map((p) => ({
    id: p.id,
    townCode: p.townCode,
    areaMu: p.area.toDecimal('mu').toString(),
  })),
  [...registry.enterprises.values()].map((e) => ({ uscc: e.uscc, townCode: e.townCode, parcelIds: e.parcelIds })),
);
const crs = (code: string) => ({ type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${code}` } });
const write = (name: string, code: string, features: unknown[]): void => {
  const text = `{"type":"FeatureCollection","crs":${JSON.stringify(crs(code))},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  writeFileSync(join(out, name), text);
  console.log(`${name}: ${features.length} features`);
};
write('towns.geojson', '4490', layers.towns);
write('parcels.geojson', '4549', layers.parcels);
write('firms.geojson', '4490', layers.firms);
