import { crsFromPrj } from '@mujun/core/geo';
import { open } from 'shapefile';
import { GEO_FILE_LIMITS, type GeoFeatureRow, type GeoTable } from './features';
import { GeoIntakeError } from './messages';

/** The parts of a Shapefile (.shx is not needed to read the records in order). */
export interface ShapefileParts {
  /** The name shown in reports, e.g. `parcels.shp`. */
  readonly file: string;
  readonly shp: Uint8Array;
  readonly dbf: Uint8Array;
  /** The .prj (WKT): the CRS is taken from it, never guessed. */
  readonly prj: Uint8Array;
  /** The .cpg: the code page of the .dbf's text (UTF-8, GBK/936). */
  readonly cpg?: Uint8Array;
}

const UTF8 = new Set(['UTF-8', 'UTF8', '65001']);
const GBK = new Set(['GBK', 'GB2312', 'GB18030', '936', 'CP936', 'ANSI 936', 'CP 936']);

/**
 * The encoding of the .dbf's text: the .cpg when there is one; else the
 * .dbf's language driver byte (0x4D = code page 936); else UTF-8 when every
 * byte of the records decodes as UTF-8, GBK otherwise.
 */
export function dbfEncoding(file: string, dbf: Uint8Array, cpg?: Uint8Array): 'utf-8' | 'gbk' {
  if (cpg !== undefined) {
    const name = new TextDecoder('latin1').decode(cpg.subarray(0, 64)).trim().toUpperCase();
    if (UTF8.has(name)) return 'utf-8';
    if (GBK.has(name)) return 'gbk';
    throw new GeoIntakeError(file, 'geoFile.encoding', name);
  }
  if (dbf[29] === 0x4d) return 'gbk';
  const headerLength = dbf.byteLength >= 10 ? (dbf[8] ?? 0) | ((dbf[9] ?? 0) << 8) : 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(headerLength));
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

/**
 * Reads a Shapefile (.shp, .dbf, .prj, optional .cpg) with the `shapefile`
 * library: polygons come out as GeoJSON (outer rings clockwise in the file,
 * holes assigned to the ring holding them), attributes decoded as GBK or
 * UTF-8, the CRS from the .prj (`crsFromPrj`).
 */
export async function readShapefile(parts: ShapefileParts): Promise<GeoTable> {
  const { file } = parts;
  for (const [part, bytes] of [
    ['.shp', parts.shp],
    ['.dbf', parts.dbf],
  ] as const) {
    if (bytes.byteLength > GEO_FILE_LIMITS.maxBytes) {
      throw new GeoIntakeError(
        file,
        'geoFile.tooLarge',
        `${part} ${bytes.byteLength} bytes, limit ${GEO_FILE_LIMITS.maxBytes}`,
      );
    }
  }
  let crs: GeoTable['crs'];
  try {
    crs = crsFromPrj(new TextDecoder('utf-8').decode(parts.prj.subarray(0, 10_000)));
  } catch (e) {
    throw new GeoIntakeError(file, 'geoFile.crs', e instanceof Error ? e.message : String(e));
  }
  const encoding = dbfEncoding(file, parts.dbf, parts.cpg);
  const features: GeoFeatureRow[] = [];
  try {
    const source = await open(parts.shp, parts.dbf, { encoding });
    for (;;) {
      const next = await source.read();
      if (next.done) break;
      if (features.length >= GEO_FILE_LIMITS.maxFeatures) {
        throw new GeoIntakeError(file, 'geoFile.tooManyFeatures', `limit ${GEO_FILE_LIMITS.maxFeatures}`);
      }
      const f = next.value;
      const properties: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(f.properties ?? {})) {
        properties[k] = typeof v === 'string' ? v.trim() : v;
      }
      features.push({ file, row: features.length + 1, properties, geometry: f.geometry ?? null });
    }
  } catch (e) {
    if (e instanceof GeoIntakeError) throw e;
    throw new GeoIntakeError(file, 'geoFile.unreadable', e instanceof Error ? e.message : String(e));
  }
  return { file, crs, encoding, features };
}
