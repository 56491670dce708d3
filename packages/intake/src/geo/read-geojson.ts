import { type CrsCode, parseCrs } from '@mujun/core/geo';
import { GEO_FILE_LIMITS, type GeoFeatureRow, type GeoTable } from './features';
import { GeoIntakeError } from './messages';

/**
 * Reads a GeoJSON FeatureCollection (UTF-8). The CRS is the file's `crs`
 * member (`urn:ogc:def:crs:EPSG::4490`, `EPSG:4549`, …), else `crs` given by
 * the caller, else EPSG:4326 as RFC 7946 says (read as CGCS2000).
 */
export function readGeoJson(file: string, bytes: Uint8Array, options: { readonly crs?: CrsCode } = {}): GeoTable {
  if (bytes.byteLength > GEO_FILE_LIMITS.maxBytes) {
    throw new GeoIntakeError(file, 'geoFile.tooLarge', `${bytes.byteLength} bytes, limit ${GEO_FILE_LIMITS.maxBytes}`);
  }
  let doc: unknown;
  try {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)));
  } catch (e) {
    throw new GeoIntakeError(file, 'geoFile.unreadable', e instanceof Error ? e.message : String(e));
  }
  const fc = doc as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } } | null;
  if (typeof fc !== 'object' || fc === null || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new GeoIntakeError(file, 'geoFile.format', 'a GeoJSON FeatureCollection');
  }
  if (fc.features.length > GEO_FILE_LIMITS.maxFeatures) {
    throw new GeoIntakeError(
      file,
      'geoFile.tooManyFeatures',
      `${fc.features.length}, limit ${GEO_FILE_LIMITS.maxFeatures}`,
    );
  }
  const named = fc.crs?.properties?.name;
  let crs: CrsCode = options.crs ?? 'EPSG:4326';
  if (typeof named === 'string') {
    try {
      crs = parseCrs(named);
    } catch {
      throw new GeoIntakeError(file, 'geoFile.crs', named.slice(0, 80));
    }
  }
  const features: GeoFeatureRow[] = fc.features.map((f: unknown, i: number) => {
    const feature = (typeof f === 'object' && f !== null ? f : {}) as { properties?: unknown; geometry?: unknown };
    const props = feature.properties;
    return {
      file,
      row: i + 1,
      properties: typeof props === 'object' && props !== null ? (props as Record<string, unknown>) : {},
      geometry: feature.geometry ?? null,
    };
  });
  return { file, crs, encoding: 'utf-8', features };
}
