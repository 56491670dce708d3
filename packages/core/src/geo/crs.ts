import proj4 from 'proj4';
import { invalid } from '../errors';

/**
 * The coordinate systems (坐标系) mujun reads. All are CGCS2000 (2000国家大地坐标系,
 * ellipsoid GRS80) or WGS 84, which agrees with CGCS2000 to a few centimetres
 * and is what GeoJSON (RFC 7946) assumes when no CRS is named.
 *
 * - `EPSG:4490` CGCS2000 geographic (longitude, latitude in degrees)
 * - `EPSG:4326` WGS 84 geographic, read as CGCS2000
 * - `EPSG:4549` CGCS2000 / 3-degree Gauss-Kruger CM 120E (easting without zone prefix)
 * - `EPSG:4528` CGCS2000 / 3-degree Gauss-Kruger zone 40 (easting with the zone prefix 40)
 *
 * The projected systems are the transverse Mercator (高斯-克吕格) with central
 * meridian 120°E, scale 1 and false easting 500 km (40 500 km with the zone).
 * `range` is where a position may lie: the zone ±200 km, northings of China.
 */
export const CRS = {
  'EPSG:4490': {
    kind: 'geographic',
    label: 'CGCS2000 经纬度',
    proj4: '+proj=longlat +ellps=GRS80 +no_defs',
    range: { x: [-180, 180], y: [-90, 90] },
  },
  'EPSG:4326': {
    kind: 'geographic',
    label: 'WGS 84 经纬度',
    proj4: '+proj=longlat +datum=WGS84 +no_defs',
    range: { x: [-180, 180], y: [-90, 90] },
  },
  'EPSG:4549': {
    kind: 'projected',
    label: 'CGCS2000 3度带 中央经线120°E（不带带号）',
    proj4: '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    range: { x: [300_000, 700_000], y: [1_000_000, 6_000_000] },
  },
  'EPSG:4528': {
    kind: 'projected',
    label: 'CGCS2000 3度带 第40带（带带号）',
    proj4: '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=40500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    range: { x: [40_300_000, 40_700_000], y: [1_000_000, 6_000_000] },
  },
} as const;

/** A coordinate system mujun reads. */
export type CrsCode = keyof typeof CRS;

/** The coordinate system geometry is kept in for maps and spatial questions: CGCS2000 geographic. */
export const MAP_CRS: CrsCode = 'EPSG:4490';

export function isCrsCode(value: string): value is CrsCode {
  return Object.hasOwn(CRS, value);
}

/**
 * The CRS code of a name as GeoJSON, GIS tools and users write it:
 * `EPSG:4549`, `urn:ogc:def:crs:EPSG::4490`, `4528`, `OGC:CRS84` (= EPSG:4326).
 * @throws ValidationError (`crs.unknown`) naming `field`
 */
export function parseCrs(input: string, field = 'crs'): CrsCode {
  const s = input.normalize('NFKC').trim().toUpperCase();
  if (s === 'URN:OGC:DEF:CRS:OGC:1.3:CRS84' || s === 'OGC:CRS84' || s === 'CRS84') return 'EPSG:4326';
  const m = /^(?:URN:OGC:DEF:CRS:EPSG:[0-9.]*:|EPSG:)?([0-9]{4,5})$/.exec(s);
  const code = m ? `EPSG:${m[1]}` : '';
  if (!isCrsCode(code)) {
    throw invalid(field, 'crs.unknown', `${input.slice(0, 80)} is not EPSG:4490, 4326, 4549 or 4528`);
  }
  return code;
}

const PRJ_PARAM = (wkt: string, name: string): number | undefined => {
  const m = new RegExp(`PARAMETER\\["${name}",\\s*(-?[0-9.]+)\\s*\\]`, 'i').exec(wkt);
  return m ? Number(m[1]) : undefined;
};

/**
 * The CRS of an ESRI `.prj` file (WKT 1), recognised by what it says rather
 * than by its name alone: a CGCS2000 / GRS80 geographic system, or a
 * transverse Mercator (`Transverse_Mercator` or ArcGIS's `Gauss_Kruger`) on it with central meridian 120°E, scale 1 and false
 * easting 500 000 m (EPSG:4549) or 40 500 000 m (EPSG:4528).
 * @throws ValidationError (`crs.unknown`) for anything else
 */
export function crsFromPrj(wkt: string, field = 'prj'): CrsCode {
  const text = wkt.slice(0, 10_000);
  const upper = text.toUpperCase();
  const cgcs =
    upper.includes('CGCS2000') ||
    upper.includes('CHINA_2000') ||
    upper.includes('GRS_1980') ||
    upper.includes('GRS 1980');
  const wgs = upper.includes('WGS_1984') || upper.includes('WGS 84') || upper.includes('WGS84');
  if (upper.startsWith('GEOGCS') || upper.startsWith('GEOGCRS')) {
    if (cgcs) return 'EPSG:4490';
    if (wgs) return 'EPSG:4326';
  }
  if (
    (upper.startsWith('PROJCS') || upper.startsWith('PROJCRS')) &&
    cgcs &&
    (upper.includes('TRANSVERSE_MERCATOR') || upper.includes('GAUSS_KRUGER'))
  ) {
    const cm = PRJ_PARAM(text, 'Central_Meridian');
    const fe = PRJ_PARAM(text, 'False_Easting');
    const k = PRJ_PARAM(text, 'Scale_Factor') ?? 1;
    const lat0 = PRJ_PARAM(text, 'Latitude_Of_Origin') ?? 0;
    const fn = PRJ_PARAM(text, 'False_Northing') ?? 0;
    if (cm === 120 && k === 1 && lat0 === 0 && fn === 0) {
      if (fe === 500000) return 'EPSG:4549';
      if (fe === 40500000) return 'EPSG:4528';
    }
  }
  throw invalid(
    field,
    'crs.unknown',
    'the .prj is not CGCS2000 geographic or 3° Gauss-Krüger CM 120°E (EPSG:4490/4549/4528)',
  );
}

const converters = new Map<CrsCode, proj4.Converter>();

function converter(crs: CrsCode): proj4.Converter {
  let c = converters.get(crs);
  if (!c) {
    c = proj4(CRS[crs].proj4, CRS[MAP_CRS].proj4);
    converters.set(crs, c);
  }
  return c;
}

/**
 * A position of `crs` as CGCS2000 longitude and latitude in degrees. A
 * measurement in doubles (see docs/map.md): geodesy is not a quantity of record.
 */
export function toLonLat(crs: CrsCode, x: number, y: number): [number, number] {
  if (CRS[crs].kind === 'geographic') return [x, y];
  const [lon, lat] = converter(crs).forward([x, y]);
  return [lon as number, lat as number];
}

/** CGCS2000 longitude and latitude as a position of `crs` (the inverse of `toLonLat`). */
export function fromLonLat(crs: CrsCode, lon: number, lat: number): [number, number] {
  if (CRS[crs].kind === 'geographic') return [lon, lat];
  const [x, y] = converter(crs).inverse([lon, lat]);
  return [x as number, y as number];
}
