import { Area, invalid, type WriteContext } from '@mujun/core';
import type { AreaGeometry, CrsCode, FirmLocation, GeometryRecord, GeometrySubject } from '@mujun/core/geo';
import { audit } from './audit';
import type { Sql } from './driver';
import { insertMany } from './sql-helpers';

/**
 * Geometry (一张图) in the store: shapes of parcels, parks and towns and firm
 * locations (migration 10). Coordinates are kept as the decimal strings the
 * core validated; spatial questions are answered by @mujun/core/geo over
 * what `listGeometries` returns (see docs/map.md).
 */

const TABLE_OF: Record<
  GeometrySubject,
  { table: string; key: string; rule: 'reference.parcel' | 'reference.park' | 'reference.town' }
> = {
  parcel: { table: 'parcel', key: 'id', rule: 'reference.parcel' },
  park: { table: 'park', key: 'id', rule: 'reference.park' },
  town: { table: 'town', key: 'code', rule: 'reference.town' },
};

/**
 * Saves shapes (replacing any earlier shape of the same record) in one
 * transaction: every record named must exist in the region, or nothing is
 * written. Audited as `saveGeometries`.
 */
export async function saveGeometries(
  sql: Sql,
  regionCode: string,
  records: readonly GeometryRecord[],
  ctx: WriteContext,
): Promise<void> {
  await sql.transaction(async (tx) => {
    for (const subject of Object.keys(TABLE_OF) as GeometrySubject[]) {
      const ids = records.filter((r) => r.subject === subject).map((r) => r.id);
      if (ids.length === 0) continue;
      const { table, key, rule } = TABLE_OF[subject];
      const found = await tx.query<{ id: string }>(
        `SELECT ${key} AS id FROM ${table} WHERE region_code = $1 AND ${key} = ANY($2::text[])`,
        [regionCode, ids],
      );
      const known = new Set(found.map((r) => r.id));
      const missing = ids.findIndex((id) => !known.has(id));
      if (missing >= 0)
        throw invalid(`geometries.${missing}.id`, rule, `no ${subject} ${ids[missing]} in ${regionCode}`);
    }
    await insertMany(
      tx,
      'geometry',
      ['region_code', 'subject', 'id', 'crs', 'geometry', 'unit_number', 'listing_ref', 'measured_area_m2'],
      records.map((r) => [
        regionCode,
        r.subject,
        r.id,
        r.shape.crs,
        JSON.stringify(r.shape.geometry),
        r.unitNumber ?? null,
        r.listingRef ?? null,
        r.measuredArea ? r.measuredArea.toDecimal('squareMetre').toString() : null,
      ]),
      `ON CONFLICT (region_code, subject, id) DO UPDATE SET crs = EXCLUDED.crs, geometry = EXCLUDED.geometry,
        unit_number = EXCLUDED.unit_number, listing_ref = EXCLUDED.listing_ref, measured_area_m2 = EXCLUDED.measured_area_m2`,
    );
    await audit(tx, ctx, 'saveGeometries', { region: regionCode, records: records.length });
  });
}

interface GeometryRow {
  subject: GeometrySubject;
  id: string;
  crs: CrsCode;
  geometry: unknown;
  unit_number: string | null;
  listing_ref: string | null;
  measured_area_m2: string | null;
}

/** The shapes of a region (of one subject, or all), ordered by subject and id. */
export async function listGeometries(
  sql: Sql,
  regionCode: string,
  subject?: GeometrySubject,
): Promise<GeometryRecord[]> {
  const rows = await sql.query<GeometryRow>(
    `SELECT subject, id, crs, geometry, unit_number, listing_ref, measured_area_m2::text AS measured_area_m2
       FROM geometry WHERE region_code = $1 AND ($2::text IS NULL OR subject = $2) ORDER BY subject, id`,
    [regionCode, subject ?? null],
  );
  return rows.map((r) => ({
    subject: r.subject,
    id: r.id,
    shape: {
      crs: r.crs,
      geometry: (typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry) as AreaGeometry,
    },
    ...(r.unit_number !== null ? { unitNumber: r.unit_number } : {}),
    ...(r.listing_ref !== null ? { listingRef: r.listing_ref } : {}),
    ...(r.measured_area_m2 !== null ? { measuredArea: Area.squareMetres(r.measured_area_m2) } : {}),
  }));
}

/** Saves firm locations in one transaction; every firm must exist in the region. */
export async function saveFirmLocations(
  sql: Sql,
  regionCode: string,
  locations: readonly FirmLocation[],
  ctx: WriteContext,
): Promise<void> {
  await sql.transaction(async (tx) => {
    const usccs = locations.map((l) => l.uscc);
    const found = await tx.query<{ uscc: string }>(
      'SELECT uscc FROM enterprise WHERE region_code = $1 AND uscc = ANY($2::text[])',
      [regionCode, usccs],
    );
    const known = new Set(found.map((r) => r.uscc));
    const missing = usccs.findIndex((u) => !known.has(u));
    if (missing >= 0) {
      throw invalid(
        `locations.${missing}.uscc`,
        'reference.enterprise',
        `no enterprise ${usccs[missing]} in ${regionCode}`,
      );
    }
    await insertMany(
      tx,
      'firm_location',
      ['uscc', 'crs', 'x', 'y'],
      locations.map((l) => [
        l.uscc,
        l.location.crs,
        l.location.geometry.coordinates[0],
        l.location.geometry.coordinates[1],
      ]),
      'ON CONFLICT (uscc) DO UPDATE SET crs = EXCLUDED.crs, x = EXCLUDED.x, y = EXCLUDED.y',
    );
    await audit(tx, ctx, 'saveFirmLocations', { region: regionCode, locations: locations.length });
  });
}

/** The firm locations of a region, by USCC. */
export async function listFirmLocations(sql: Sql, regionCode: string): Promise<FirmLocation[]> {
  const rows = await sql.query<{ uscc: string; crs: CrsCode; x: string; y: string }>(
    `SELECT l.uscc, l.crs, l.x, l.y FROM firm_location l JOIN enterprise e ON e.uscc = l.uscc
      WHERE e.region_code = $1 ORDER BY l.uscc`,
    [regionCode],
  );
  return rows.map((r) => ({
    uscc: r.uscc,
    location: { crs: r.crs, geometry: { type: 'Point', coordinates: [r.x, r.y] } },
  }));
}
