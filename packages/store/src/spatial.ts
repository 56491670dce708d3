import {
  type DrawnAreaMembers,
  drawnAreaMembers,
  type GeometrySubject,
  type LonLat,
  type Shape,
  shapesAt,
} from '@mujun/core/geo';
import { quoteIdent, type Sql } from './driver';
import { listFirmLocations, listGeometries } from './geometry';

/**
 * Spatial questions over stored shapes: which parcel, park or town a point
 * lies in. PostGIS answers where the server has the extension (`ST_Covers`
 * on SRID 4490, projected shapes `ST_Transform`ed); otherwise — PGlite, a
 * server without PostGIS — @mujun/core/geo answers over `listGeometries`.
 * Both count a point on a boundary as inside, and tests hold them equal.
 */

/** The schema PostGIS is installed in, if the connected database has it. */
export async function postgisSchema(sql: Sql): Promise<string | undefined> {
  const rows = await sql.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname = 'postgis'`,
  );
  return rows[0]?.schema;
}

/** Whether the connected database has PostGIS installed in it. */
export async function hasPostgis(sql: Sql): Promise<boolean> {
  return (await postgisSchema(sql)) !== undefined;
}

const SRID: Record<string, number> = { 'EPSG:4490': 4490, 'EPSG:4326': 4490, 'EPSG:4549': 4549, 'EPSG:4528': 4528 };

/** SQL for the SRID of a `crs` column's code. */
function sridOf(column: string): string {
  return `CASE ${column} ${Object.entries(SRID)
    .map(([k, v]) => `WHEN '${k}' THEN ${v}`)
    .join(' ')} END`;
}

/**
 * SQL for a `geometry` row's shape as a PostGIS geometry in CGCS2000
 * longitude/latitude (SRID 4490). Coordinates are stored as decimal strings:
 * unquoted into GeoJSON numbers for PostGIS. The store's search_path is its
 * own schema, so PostGIS functions are named with theirs (`g`).
 */
function storedShape(g: string): string {
  return `${g}ST_Transform(
    ${g}ST_SetSRID(${g}ST_GeomFromGeoJSON(regexp_replace(geometry::text, '"([-+0-9.eE]+)"', '\\1', 'g')), ${sridOf('crs')}),
    4490)`;
}

/**
 * The ids of the `subject` shapes of a region covering a CGCS2000 point,
 * sorted. `engine` forces one way (tests compare them); by default PostGIS
 * when present.
 */
export async function shapesAtPoint(
  sql: Sql,
  regionCode: string,
  subject: GeometrySubject,
  point: LonLat,
  engine: 'auto' | 'library' | 'postgis' = 'auto',
): Promise<string[]> {
  const schema = engine === 'library' ? undefined : await postgisSchema(sql);
  if (engine === 'postgis' && schema === undefined) throw new Error('[mujun] store.postgis: PostGIS is not installed');
  if (schema === undefined) {
    const shapes = await listGeometries(sql, regionCode, subject);
    return shapesAt(
      shapes.map((s) => ({ id: s.id, shape: s.shape })),
      point,
    ).sort();
  }
  const g = `${quoteIdent(schema)}.`;
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM geometry
      WHERE region_code = $1 AND subject = $2
        AND ${g}ST_Covers(${storedShape(g)}, ${g}ST_SetSRID(${g}ST_MakePoint($3::float8, $4::float8), 4490))
      ORDER BY id`,
    [regionCode, subject, point[0], point[1]],
  );
  return rows.map((r) => r.id).sort();
}

/** A shape's GeoJSON with its decimal-string coordinates as numbers, for `ST_GeomFromGeoJSON`. */
function geoJsonNumbers(shape: Shape): string {
  return JSON.stringify(shape.geometry, (_k, v: unknown) =>
    typeof v === 'string' && v !== shape.geometry.type ? Number(v) : v,
  );
}

/**
 * The firms and parcels of a region a drawn area (in CGCS2000 longitude/
 * latitude, as `drawnAreaStatistics` takes it) takes in: firms whose location
 * it covers, parcels whose centroid it covers. PostGIS answers where the
 * server has it (`ST_Covers`, `ST_Centroid` after `ST_Transform` to SRID
 * 4490, as the library takes the centroid of the shape in longitude/latitude);
 * otherwise @mujun/core/geo's `drawnAreaMembers` over the stored shapes.
 * `engine` forces one way (tests compare them). Hand the answer to
 * `drawnAreaStatistics`, which sums the figures either way.
 */
export async function drawnAreaMembersInStore(
  sql: Sql,
  regionCode: string,
  drawn: Shape,
  engine: 'auto' | 'library' | 'postgis' = 'auto',
): Promise<DrawnAreaMembers> {
  const schema = engine === 'library' ? undefined : await postgisSchema(sql);
  if (engine === 'postgis' && schema === undefined) throw new Error('[mujun] store.postgis: PostGIS is not installed');
  if (schema === undefined) {
    const [parcels, firms] = await Promise.all([
      listGeometries(sql, regionCode, 'parcel'),
      listFirmLocations(sql, regionCode),
    ]);
    return drawnAreaMembers(drawn, { firms, parcels });
  }
  const g = `${quoteIdent(schema)}.`;
  const area = `${g}ST_Transform(${g}ST_SetSRID(${g}ST_GeomFromGeoJSON($2), ${SRID[drawn.crs] ?? 4490}), 4490)`;
  const firms = await sql.query<{ id: string }>(
    `SELECT l.uscc AS id FROM firm_location l JOIN enterprise e ON e.uscc = l.uscc
      WHERE e.region_code = $1
        AND ${g}ST_Covers(${area},
          ${g}ST_Transform(${g}ST_SetSRID(${g}ST_MakePoint(l.x::float8, l.y::float8), ${sridOf('l.crs')}), 4490))
      ORDER BY l.uscc`,
    [regionCode, geoJsonNumbers(drawn)],
  );
  const parcels = await sql.query<{ id: string }>(
    `SELECT id FROM geometry
      WHERE region_code = $1 AND subject = 'parcel'
        AND ${g}ST_Covers(${area}, ${g}ST_Centroid(${storedShape(g)}))
      ORDER BY id`,
    [regionCode, geoJsonNumbers(drawn)],
  );
  return { firms: firms.map((r) => r.id).sort(), parcels: parcels.map((r) => r.id).sort() };
}
