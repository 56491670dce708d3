/**
 * Geometry intake (图斑导入): GeoJSON and Shapefiles from 自然资源 matched to
 * parcels, with a row-level report, limits and all or nothing. See docs/map.md.
 */
export { GEO_FILE_LIMITS, type GeoFeatureRow, type GeoTable } from './features';
export {
  GEO_IMPORT_LIMITS,
  type GeometryImportResult,
  type GeometryLayer,
  type GeometryUpload,
  importGeometries,
  readGeometryUploads,
} from './import';
export {
  type GeometryIntakeReport,
  type KnownParcel,
  matchParcelGeometries,
  matchTownGeometries,
  PARCEL_KEY_ATTRIBUTES,
  type ParcelGeometryRow,
  TOWN_KEY_ATTRIBUTES,
  type TownGeometryRow,
} from './match';
export { GEO_INTAKE_RULES, GeoIntakeError, type GeoIntakeRule, geoIntakeMessage } from './messages';
export { readGeoJson } from './read-geojson';
export { dbfEncoding, readShapefile, type ShapefileParts } from './read-shapefile';
