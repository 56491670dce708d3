/**
 * Rules of geometry intake (图斑导入), with their messages: the rules of the
 * geometry itself (`geometry.unclosed`, `geometry.selfIntersection`, …) and
 * of the 不动产单元号 come from @mujun/core/geo unchanged.
 */
export const GEO_INTAKE_RULES = {
  'geoFile.format': 'not a GeoJSON file or a Shapefile (.shp with .dbf, .prj)',
  'geoFile.unreadable': 'the file could not be read',
  'geoFile.missingPart': 'a Shapefile comes with its .dbf and .prj',
  'geoFile.tooLarge': 'the file is larger than the limit',
  'geoFile.tooManyFeatures': 'the file holds more features than the limit',
  'geoFile.crs': 'the coordinate system is not one mujun converts',
  'geoFile.encoding': 'the attribute encoding (.cpg) is not UTF-8 or GBK',
  'feature.noGeometry': 'the feature has no geometry',
  'feature.noKey': 'the feature names neither a parcel id nor a 不动产单元号',
  'feature.unknownParcel': 'no parcel of the region has this id or 不动产单元号',
  'feature.keyMismatch': 'the parcel id and the 不动产单元号 name different parcels',
  'feature.duplicate': 'the same parcel appears twice in the file',
  'feature.rejected': 'another feature broke a rule, so nothing is written (all or nothing)',
} as const;

export type GeoIntakeRule = keyof typeof GEO_INTAKE_RULES;

export function geoIntakeMessage(rule: GeoIntakeRule, detail?: string): string {
  return detail === undefined ? GEO_INTAKE_RULES[rule] : `${GEO_INTAKE_RULES[rule]}: ${detail}`;
}

/** Thrown for input that is not a usable geometry file at all. */
export class GeoIntakeError extends Error {
  readonly rule: GeoIntakeRule;
  readonly file: string;
  /** The rule's message with its detail, without the file and rule (a report issue's message). */
  readonly summary: string;
  constructor(file: string, rule: GeoIntakeRule, detail?: string) {
    super(`[mujun] ${file}: ${geoIntakeMessage(rule, detail)} (${rule})`);
    this.name = 'GeoIntakeError';
    this.rule = rule;
    this.file = file;
    this.summary = geoIntakeMessage(rule, detail);
  }
}
