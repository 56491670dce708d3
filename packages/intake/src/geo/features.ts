import type { CrsCode } from '@mujun/core/geo';

/** Documented limits of one geometry file. */
export const GEO_FILE_LIMITS = {
  /** Bytes of a GeoJSON file or of a .shp / .dbf. */
  maxBytes: 64 * 1024 * 1024,
  /** Features (rows) in one file. */
  maxFeatures: 50_000,
} as const;

/** One feature of a geometry file, as read: its 1-based number, attributes and raw geometry. */
export interface GeoFeatureRow {
  readonly file: string;
  /** 1-based feature number (the Shapefile record number, the GeoJSON feature index + 1). */
  readonly row: number;
  readonly properties: Readonly<Record<string, unknown>>;
  /** The geometry as read, validated later (null for a null shape). */
  readonly geometry: unknown;
}

/** A geometry file read: its CRS and its features. */
export interface GeoTable {
  readonly file: string;
  readonly crs: CrsCode;
  /** The attribute encoding of a Shapefile ('utf-8' or 'gbk'); GeoJSON is UTF-8. */
  readonly encoding: 'utf-8' | 'gbk';
  readonly features: readonly GeoFeatureRow[];
}
