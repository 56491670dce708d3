import type { Area } from '@mujun/core';
import { measuredArea, type Shape, safeParseAreaGeometry, safeParseUnitNumber } from '@mujun/core/geo';
import type { IntakeIssue } from '../issues';
import type { GeoFeatureRow, GeoTable } from './features';
import { type GeoIntakeRule, geoIntakeMessage } from './messages';

/**
 * The attribute names a geometry file may use for each key, compared
 * without case: 地块编号 (the parcel id mujun knows) and 不动产单元号.
 */
export const PARCEL_KEY_ATTRIBUTES = {
  parcelId: ['parcelId', 'parcel_id', 'id', '地块编号', 'DKBH'],
  unitNumber: ['unitNumber', 'unit_number', '不动产单元号', 'BDCDYH'],
} as const;

/** The attribute names of a town's 12-digit code (统计用区划代码) in a towns layer. */
export const TOWN_KEY_ATTRIBUTES = ['code', 'townCode', 'town_code', '区划代码', 'XZQDM'] as const;

/** A parcel the region holds, with its 不动产单元号 if one is recorded. */
export interface KnownParcel {
  readonly id: string;
  readonly unitNumber?: string;
}

/** One feature accepted: the parcel it belongs to, its shape and measured (ellipsoidal) area. */
export interface ParcelGeometryRow {
  readonly row: number;
  readonly parcelId: string;
  readonly unitNumber?: string;
  readonly shape: Shape;
  /** 图斑面积 (0.01 m², see docs/map.md). */
  readonly measuredArea: Area;
}

/** The row-level report of a geometry import; `rows` is empty unless every feature passed (all or nothing). */
export interface GeometryIntakeReport {
  readonly file: string;
  readonly crs: GeoTable['crs'];
  readonly encoding: GeoTable['encoding'];
  readonly features: number;
  readonly ok: boolean;
  readonly issues: readonly IntakeIssue[];
  readonly rows: readonly ParcelGeometryRow[];
}

function attribute(props: Readonly<Record<string, unknown>>, names: readonly string[]): [string, string] | undefined {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const [k, v] of Object.entries(props)) {
    if (!wanted.has(k.toLowerCase())) continue;
    if (v === null || v === undefined) continue;
    const text = String(v).normalize('NFKC').trim();
    if (text !== '') return [k, text];
  }
  return undefined;
}

/**
 * Matches the features of a geometry file to the region's parcels — by
 * parcel id, else by 不动产单元号 — and validates each geometry in the file's
 * CRS. Every broken rule is a row issue naming the feature, the attribute
 * and the rule; if any feature has an error, no row is returned (all or
 * nothing), and the rows that passed get `feature.rejected`.
 */
export function matchParcelGeometries(table: GeoTable, parcels: readonly KnownParcel[]): GeometryIntakeReport {
  const byId = new Map(parcels.map((p) => [p.id, p]));
  const byUnit = new Map<string, KnownParcel>();
  for (const p of parcels) if (p.unitNumber !== undefined) byUnit.set(p.unitNumber, p);
  const issues: IntakeIssue[] = [];
  const rows: ParcelGeometryRow[] = [];
  const seen = new Map<string, number>();
  const issue = (f: GeoFeatureRow, column: string, value: string, rule: string, message: string): void => {
    issues.push({ file: f.file, row: f.row, severity: 'error', column, value: value.slice(0, 200), rule, message });
  };
  const own = (f: GeoFeatureRow, column: string, value: string, rule: GeoIntakeRule, detail?: string): void =>
    issue(f, column, value, rule, geoIntakeMessage(rule, detail));

  for (const f of table.features) {
    const before = issues.length;
    const idAttr = attribute(f.properties, PARCEL_KEY_ATTRIBUTES.parcelId);
    const unitAttr = attribute(f.properties, PARCEL_KEY_ATTRIBUTES.unitNumber);
    let unitNumber: string | undefined;
    if (unitAttr) {
      const u = safeParseUnitNumber(unitAttr[1], unitAttr[0]);
      if (u.ok) unitNumber = u.value.unitNumber;
      else for (const i of u.issues) issue(f, unitAttr[0], unitAttr[1], i.rule, i.message);
    }
    let parcel: KnownParcel | undefined;
    if (!idAttr && !unitAttr) own(f, '', '', 'feature.noKey');
    else if (idAttr) {
      parcel = byId.get(idAttr[1]);
      if (!parcel) own(f, idAttr[0], idAttr[1], 'feature.unknownParcel');
      else if (unitNumber !== undefined && parcel.unitNumber !== undefined && parcel.unitNumber !== unitNumber) {
        own(f, unitAttr?.[0] ?? '', unitNumber, 'feature.keyMismatch', `${parcel.id} has ${parcel.unitNumber}`);
      }
    } else if (unitNumber !== undefined) {
      parcel = byUnit.get(unitNumber);
      if (!parcel) own(f, unitAttr?.[0] ?? '', unitNumber, 'feature.unknownParcel');
    }
    if (parcel) {
      const first = seen.get(parcel.id);
      if (first !== undefined)
        own(f, idAttr?.[0] ?? unitAttr?.[0] ?? '', parcel.id, 'feature.duplicate', `also feature ${first}`);
      else seen.set(parcel.id, f.row);
    }
    let shape: Shape | undefined;
    if (f.geometry === null) own(f, 'geometry', '', 'feature.noGeometry');
    else {
      const g = safeParseAreaGeometry(f.geometry, table.crs, 'geometry');
      if (g.ok) shape = { crs: table.crs, geometry: g.value };
      else for (const i of g.issues) issue(f, i.field, '', i.rule, i.message);
    }
    if (issues.length === before && parcel && shape) {
      rows.push({
        row: f.row,
        parcelId: parcel.id,
        ...(unitNumber !== undefined ? { unitNumber } : {}),
        shape,
        measuredArea: measuredArea(shape),
      });
    }
  }
  const ok = issues.length === 0;
  if (!ok) {
    for (const r of rows) {
      issues.push({
        file: table.file,
        row: r.row,
        severity: 'error',
        column: '',
        value: '',
        rule: 'feature.rejected',
        message: geoIntakeMessage('feature.rejected'),
      });
    }
  }
  return {
    file: table.file,
    crs: table.crs,
    encoding: table.encoding,
    features: table.features.length,
    ok,
    issues: [...issues].sort((a, b) => a.row - b.row || a.rule.localeCompare(b.rule)),
    rows: ok ? rows : [],
  };
}

/** One town shape accepted. */
export interface TownGeometryRow {
  readonly row: number;
  readonly townCode: string;
  readonly shape: Shape;
}

/**
 * Matches a towns layer (镇街界线) to the region's towns by 12-digit code,
 * with the same row-level report and all-or-nothing rule as parcels.
 */
export function matchTownGeometries(
  table: GeoTable,
  townCodes: readonly string[],
): Omit<GeometryIntakeReport, 'rows'> & { readonly rows: readonly TownGeometryRow[] } {
  const known = new Set(townCodes);
  const seen = new Map<string, number>();
  const issues: IntakeIssue[] = [];
  const rows: TownGeometryRow[] = [];
  for (const f of table.features) {
    const before = issues.length;
    const add = (column: string, value: string, rule: string, message: string): void => {
      issues.push({ file: f.file, row: f.row, severity: 'error', column, value: value.slice(0, 200), rule, message });
    };
    const key = attribute(f.properties, TOWN_KEY_ATTRIBUTES);
    if (!key) add('', '', 'feature.noKey', geoIntakeMessage('feature.noKey', 'a town layer names each town by code'));
    else if (!known.has(key[1])) add(key[0], key[1], 'feature.unknownParcel', 'no town of the region has this code');
    else if (seen.has(key[1])) add(key[0], key[1], 'feature.duplicate', geoIntakeMessage('feature.duplicate'));
    else seen.set(key[1], f.row);
    const g = f.geometry === null ? undefined : safeParseAreaGeometry(f.geometry, table.crs, 'geometry');
    if (!g) add('geometry', '', 'feature.noGeometry', geoIntakeMessage('feature.noGeometry'));
    else if (!g.ok) for (const i of g.issues) add(i.field, '', i.rule, i.message);
    if (issues.length === before && key && g?.ok)
      rows.push({ row: f.row, townCode: key[1], shape: { crs: table.crs, geometry: g.value } });
  }
  const ok = issues.length === 0;
  return {
    file: table.file,
    crs: table.crs,
    encoding: table.encoding,
    features: table.features.length,
    ok,
    issues: [...issues].sort((a, b) => a.row - b.row || a.rule.localeCompare(b.rule)),
    rows: ok ? rows : [],
  };
}
