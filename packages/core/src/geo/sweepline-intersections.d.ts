// sweepline-intersections ships no types; this is the one function mujun uses.
declare module 'sweepline-intersections' {
  /** Intersection points of a GeoJSON geometry's segments (shared ring vertices are not intersections). */
  export default function findIntersections(
    geojson: { type: string; coordinates: unknown },
    ignoreSelfIntersections?: boolean,
  ): [number, number][];
}
