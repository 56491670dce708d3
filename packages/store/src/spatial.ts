import { type GeometrySubject, type LonLat, shapesAt } from '@mujun/core/geo';
import { quoteIdent, type Sql } from './driver';
import { listGeometries } from './geometry';

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
  // Coordinates are stored as decimal strings: unquoted into GeoJSON numbers for PostGIS.
  // The store's search_path is its own schema: PostGIS functions are named with theirs.
  const g = `${quoteIdent(schema)}.`;
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM geometry
      WHERE region_code = $1 AND subject = $2
        AND ${g}ST_Covers(
          ${g}ST_Transform(
            ${g}ST_SetSRID(${g}ST_GeomFromGeoJSON(regexp_replace(geometry::text, '"([-+0-9.eE]+)"', '\\1', 'g')),
              CASE crs ${Object.entries(SRID)
                .map(([k, v]) => `WHEN '${k}' THEN ${v}`)
                .join(' ')} END),
            4490),
          ${g}ST_SetSRID(${g}ST_MakePoint($3::float8, $4::float8), 4490))
      ORDER BY id`,
    [regionCode, subject, point[0], point[1]],
  );
  return rows.map((r) => r.id).sort();
}
