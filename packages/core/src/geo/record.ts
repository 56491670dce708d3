import type { Area } from '../quantity';
import type { PointGeometry, Shape } from './geometry';

/** What carries a shape: a parcel (地块), a park (园区) or a town (镇街). */
export type GeometrySubject = 'parcel' | 'park' | 'town';

/**
 * The shape of one parcel, park or town, beside its record (the record itself
 * is unchanged: geometry is optional and kept apart, keyed by subject and id).
 */
export interface GeometryRecord {
  readonly subject: GeometrySubject;
  /** Parcel or park id, or the town's 12-digit code. */
  readonly id: string;
  readonly shape: Shape;
  /** 不动产单元号 (parcels), canonical (see `parseUnitNumber`). */
  readonly unitNumber?: string;
  /** Free-text listing reference (出让公告编号 and the like). */
  readonly listingRef?: string;
  /** 图斑面积: `measuredArea(shape)`, 0.01 m². */
  readonly measuredArea?: Area;
}

/** A firm's location (企业位置). */
export interface FirmLocation {
  readonly uscc: string;
  readonly location: Shape<PointGeometry>;
}
