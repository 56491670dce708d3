import { type GeometryRepository, invalid, type RegistryRepository, type WriteContext } from '@mujun/core';
import type { GeometryRecord } from '@mujun/core/geo';
import type { IntakeIssue } from '../issues';
import { GEO_FILE_LIMITS, type GeoTable } from './features';
import { type GeometryIntakeReport, matchParcelGeometries, matchTownGeometries } from './match';
import { GeoIntakeError } from './messages';
import { readGeoJson } from './read-geojson';
import { readShapefile } from './read-shapefile';

/**
 * Geometry import (图斑导入) as one step, called by `mujun import` and the
 * gateway's `importGeometries` upload alike: group the files sent into
 * GeoJSON documents and Shapefiles, read them, match their features to the
 * region's parcels (or towns), and write the shapes all or nothing.
 */

/** One file as sent: its name (the extension decides how it is read) and bytes. */
export interface GeometryUpload {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Which records a geometry file's features are the shapes of. */
export type GeometryLayer = 'parcels' | 'towns';

/** Documented limits of one geometry import (on top of `GEO_FILE_LIMITS` per file). */
export const GEO_IMPORT_LIMITS = {
  /** Files in one import (a Shapefile counts its .shp, .shx, .dbf, .prj and .cpg). */
  maxFiles: 50,
} as const;

const GEOJSON = new Set(['geojson', 'json']);
const SHAPEFILE_PARTS = new Set(['shp', 'shx', 'dbf', 'prj', 'cpg']);

function splitName(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? { stem: name, ext: '' } : { stem: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() };
}

/**
 * Reads the files of one import into tables: each .geojson/.json on its own,
 * each Shapefile from the parts that share its name (.shp, .dbf and .prj
 * required; .cpg read for the encoding; .shx not needed). A part without its
 * .shp, an unknown extension, a file over `GEO_FILE_LIMITS.maxBytes` or more
 * than `GEO_IMPORT_LIMITS.maxFiles` files is refused whole.
 * @throws GeoIntakeError naming the file and the rule
 */
export async function readGeometryUploads(files: readonly GeometryUpload[]): Promise<GeoTable[]> {
  if (files.length === 0) throw new GeoIntakeError('(no file)', 'geoFile.format', 'no file was sent');
  if (files.length > GEO_IMPORT_LIMITS.maxFiles) {
    throw new GeoIntakeError(
      `${files.length} files`,
      'geoFile.tooLarge',
      `at most ${GEO_IMPORT_LIMITS.maxFiles} files in one import`,
    );
  }
  const tables: GeoTable[] = [];
  const shapefiles = new Map<string, Map<string, GeometryUpload>>();
  for (const f of files) {
    if (f.bytes.byteLength > GEO_FILE_LIMITS.maxBytes) {
      throw new GeoIntakeError(f.name, 'geoFile.tooLarge', `${f.bytes.byteLength} bytes > ${GEO_FILE_LIMITS.maxBytes}`);
    }
    const { stem, ext } = splitName(f.name);
    if (GEOJSON.has(ext)) continue;
    if (!SHAPEFILE_PARTS.has(ext)) throw new GeoIntakeError(f.name, 'geoFile.format');
    // Parts are grouped by name without case: DLTB.SHP and DLTB.dbf are one Shapefile.
    const key = stem.toLowerCase();
    const parts = shapefiles.get(key) ?? new Map<string, GeometryUpload>();
    if (parts.has(ext)) throw new GeoIntakeError(f.name, 'geoFile.format', `two .${ext} files for ${stem}`);
    parts.set(ext, f);
    shapefiles.set(key, parts);
  }
  for (const f of files) {
    if (GEOJSON.has(splitName(f.name).ext)) tables.push(readGeoJson(f.name, f.bytes));
  }
  for (const parts of shapefiles.values()) {
    const shp = parts.get('shp');
    const any = [...parts.values()][0] as GeometryUpload;
    const stem = splitName(any.name).stem;
    if (!shp) throw new GeoIntakeError(any.name, 'geoFile.missingPart', `${stem}.shp`);
    const need = (ext: string): Uint8Array => {
      const part = parts.get(ext);
      if (!part) throw new GeoIntakeError(shp.name, 'geoFile.missingPart', `${stem}.${ext}`);
      return part.bytes;
    };
    const cpg = parts.get('cpg');
    tables.push(
      await readShapefile({
        file: shp.name,
        shp: shp.bytes,
        dbf: need('dbf'),
        prj: need('prj'),
        ...(cpg ? { cpg: cpg.bytes } : {}),
      }),
    );
  }
  return tables;
}

/** What one geometry import found and wrote. */
export interface GeometryImportResult {
  readonly regionCode: string;
  readonly layer: GeometryLayer;
  /** True when every feature of every file passed (all or nothing). */
  readonly ok: boolean;
  /** Shapes matched to a record: what is written when `ok` and not a dry run. */
  readonly matched: number;
  /** Shapes written: 0 when any feature failed or on a dry run. */
  readonly written: number;
  readonly files: readonly Omit<GeometryIntakeReport, 'rows' | 'issues'>[];
  readonly issues: readonly IntakeIssue[];
}

/**
 * Reads the files (`readGeometryUploads`) and matches their features to the region's parcels (by 地块编号, else by
 * the 不动产单元号 stored with an earlier shape) or, for `towns`, to its
 * towns by their 12-digit code, and saves the shapes in one write when every
 * feature of every file passed. Authorisation is the caller's (a city-wide
 * write: the gateway asks for a city admin of the region).
 * @throws ValidationError when the region does not exist
 */
export async function importGeometries(
  repository: Pick<RegistryRepository, 'getRegion' | 'listParcels'> &
    Pick<GeometryRepository, 'listGeometries' | 'saveGeometries'>,
  options: {
    readonly regionCode: string;
    readonly layer: GeometryLayer;
    readonly files: readonly GeometryUpload[];
    readonly dryRun?: boolean;
    readonly context: WriteContext;
  },
): Promise<GeometryImportResult> {
  const { regionCode, layer } = options;
  const region = await repository.getRegion(regionCode);
  if (!region) throw invalid('city', 'reference.region', `no region ${regionCode}`);
  let tables: GeoTable[];
  try {
    tables = await readGeometryUploads(options.files);
  } catch (e) {
    // A file that is no usable geometry file at all is a file-level issue of the report (row 0), as in spreadsheet intake.
    if (!(e instanceof GeoIntakeError)) throw e;
    const issue: IntakeIssue = {
      file: e.file,
      row: 0,
      severity: 'error',
      column: '',
      value: '',
      rule: e.rule,
      message: e.summary,
    };
    return { regionCode, layer, ok: false, matched: 0, written: 0, files: [], issues: [issue] };
  }
  const records: GeometryRecord[] = [];
  const reports: Omit<GeometryIntakeReport, 'rows'>[] = [];
  if (layer === 'towns') {
    const codes = region.towns.map((t) => t.code);
    for (const t of tables) {
      const { rows, ...report } = matchTownGeometries(t, codes);
      reports.push(report);
      for (const row of rows) records.push({ subject: 'town', id: row.townCode, shape: row.shape });
    }
  } else {
    const stored = await repository.listGeometries(regionCode, 'parcel');
    const units = new Map(stored.flatMap((g) => (g.unitNumber ? [[g.id, g.unitNumber] as const] : [])));
    const parcels = (await repository.listParcels(regionCode)).map((p) => {
      const unitNumber = units.get(p.id);
      return unitNumber ? { id: p.id, unitNumber } : { id: p.id };
    });
    for (const t of tables) {
      const { rows, ...report } = matchParcelGeometries(t, parcels);
      reports.push(report);
      for (const row of rows) {
        records.push({
          subject: 'parcel',
          id: row.parcelId,
          shape: row.shape,
          measuredArea: row.measuredArea,
          ...(row.unitNumber ? { unitNumber: row.unitNumber } : {}),
        });
      }
    }
  }
  const ok = reports.every((r) => r.ok);
  const write = ok && options.dryRun !== true;
  if (write) await repository.saveGeometries(regionCode, records, options.context);
  const issues: IntakeIssue[] = [];
  for (const r of reports) for (const i of r.issues) issues.push(i);
  return {
    regionCode,
    layer,
    ok,
    matched: records.length,
    written: write ? records.length : 0,
    files: reports.map(({ issues: _issues, ...file }) => file),
    issues,
  };
}
