import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Repository, WriteContext } from '@mujun/core';
import { type FirmLocation, type GeometryRecord, safeParsePoint } from '@mujun/core/geo';
import { matchParcelGeometries, matchTownGeometries, readGeoJson } from '@mujun/intake';

interface SeedIssue {
  readonly row: number;
  readonly column: string;
  readonly rule: string;
  readonly message: string;
}

/** The first issues of a geometry file that does not load, as one error. */
function refused(report: { readonly file: string; readonly issues: readonly SeedIssue[] }): Error {
  const head = report.issues.slice(0, 5).map((i) => `#${i.row} ${i.column}: ${i.message} (${i.rule})`);
  return new Error(`[mujun] ${report.file} does not load (${report.issues.length} issues):\n${head.join('\n')}`);
}

/**
 * Loads a region's shapes from a folder of GeoJSON files — `towns.geojson`
 * (by town code), `parcels.geojson` (by 地块编号 or 不动产单元号) and
 * `firms.geojson` (points by `uscc`) — through the same readers and checks
 * as an import; each file all or nothing. Missing files are skipped.
 * @throws Error naming the file and its first issues when one does not load
 */
export async function seedGeometry(
  repository: Repository,
  regionCode: string,
  dir: string,
  ctx: WriteContext,
): Promise<string[]> {
  const read = (name: string) => {
    const path = join(dir, name);
    return existsSync(path) ? readGeoJson(name, readFileSync(path)) : undefined;
  };
  const region = await repository.getRegion(regionCode);
  if (!region) return [];
  const records: GeometryRecord[] = [];
  const towns = read('towns.geojson');
  if (towns) {
    const r = matchTownGeometries(
      towns,
      region.towns.map((t) => t.code),
    );
    if (!r.ok) throw refused(r);
    for (const row of r.rows) records.push({ subject: 'town', id: row.townCode, shape: row.shape });
  }
  const parcels = read('parcels.geojson');
  if (parcels) {
    const r = matchParcelGeometries(
      parcels,
      (await repository.listParcels(regionCode)).map((p) => ({ id: p.id })),
    );
    if (!r.ok) throw refused(r);
    for (const row of r.rows) {
      records.push({
        subject: 'parcel',
        id: row.parcelId,
        shape: row.shape,
        measuredArea: row.measuredArea,
        ...(row.unitNumber ? { unitNumber: row.unitNumber } : {}),
      });
    }
  }
  const locations: FirmLocation[] = [];
  const firms = read('firms.geojson');
  if (firms) {
    const issues: SeedIssue[] = [];
    for (const f of firms.features) {
      const p = safeParsePoint(f.geometry, firms.crs, 'geometry');
      const uscc = String(f.properties.uscc ?? '').trim();
      if (p.ok && uscc !== '') locations.push({ uscc, location: { crs: firms.crs, geometry: p.value } });
      else
        issues.push({
          row: f.row,
          column: 'geometry',
          rule: 'geometry.pointType',
          message: p.ok ? 'a firm point names its uscc' : (p.issues[0]?.message ?? ''),
        });
    }
    if (issues.length > 0) throw refused({ file: firms.file, issues });
  }
  if (records.length > 0) await repository.saveGeometries(regionCode, records, ctx);
  if (locations.length > 0) await repository.saveFirmLocations(regionCode, locations, ctx);
  return records.length + locations.length > 0
    ? [
        `shapes from ${dir} (synthetic): ${records.filter((r) => r.subject === 'town').length} towns, ${records.filter((r) => r.subject === 'parcel').length} parcels, ${locations.length} firm points`,
      ]
    : [];
}
