import type { Shape } from '../geo/geometry';
import type { FirmLocation, GeometryRecord, GeometrySubject } from '../geo/record';
import type { DrawnAreaMembers } from '../geo/statistics';
import type { WriteContext } from './repository';

/**
 * Shapes (一张图) of each region: parcel, park and town geometry and firm
 * locations, kept apart from the records they belong to (see docs/map.md).
 * Shapes are validated by the core before they are saved (intake's geometry
 * readers, `safeParseAreaGeometry`); a save names records of the region only,
 * is written whole or not at all, and is audited.
 */
export interface GeometryRepository {
  /**
   * Adds or replaces shapes by (subject, id).
   * @throws ValidationError naming the first record the region lacks (`geometries.3.id`); nothing is written
   */
  saveGeometries(regionCode: string, records: readonly GeometryRecord[], ctx: WriteContext): Promise<void>;
  /** The shapes of a region (of one subject, or all), ordered by subject and id. */
  listGeometries(regionCode: string, subject?: GeometrySubject): Promise<GeometryRecord[]>;
  /**
   * Adds or replaces firm locations (企业位置) by USCC.
   * @throws ValidationError naming the first firm the region lacks (`locations.0.uscc`); nothing is written
   */
  saveFirmLocations(regionCode: string, locations: readonly FirmLocation[], ctx: WriteContext): Promise<void>;
  /** The firm locations of a region, ordered by USCC. */
  listFirmLocations(regionCode: string): Promise<FirmLocation[]>;
  /**
   * Optional: the firms and parcels of a region a drawn area takes in, answered
   * by the store's own spatial engine (PostGIS); `undefined` when it has none.
   * Must equal core's `drawnAreaMembers` over `listGeometries` and
   * `listFirmLocations` (the store tests hold them equal); without an answer
   * callers compute that themselves.
   */
  drawnAreaMembers?(regionCode: string, drawn: Shape): Promise<DrawnAreaMembers | undefined>;
}
