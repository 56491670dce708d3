import type { LonLat } from './geometry';

/**
 * Point in polygon on the plane of longitude/latitude degrees — the same
 * plane as a PostGIS `geometry` of SRID 4490, so `covers` answers what
 * `ST_Covers` answers. A point on a ring (outer or hole) counts as covered.
 * Doubles: at parcel scale a straight edge in degrees lies within
 * millimetres of the geodesic.
 */

function onSegment(p: LonLat, a: LonLat, b: LonLat): boolean {
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  if (cross !== 0) return false;
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

type RingSide = 'inside' | 'outside' | 'boundary';

/** Where `p` lies with respect to one closed ring (even-odd crossings). */
export function ringSide(p: LonLat, ring: readonly LonLat[]): RingSide {
  let inside = false;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as LonLat;
    const b = ring[i + 1] as LonLat;
    if (onSegment(p, a, b)) return 'boundary';
    if (a[1] > p[1] !== b[1] > p[1]) {
      const x = a[0] + ((p[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      if (p[0] < x) inside = !inside;
    }
  }
  return inside ? 'inside' : 'outside';
}

/** Whether the polygons (outer ring, then holes) cover `p`: inside or on the boundary. */
export function covers(polygons: readonly (readonly (readonly LonLat[])[])[], p: LonLat): boolean {
  for (const rings of polygons) {
    const outer = rings[0];
    if (!outer) continue;
    const side = ringSide(p, outer);
    if (side === 'boundary') return true;
    if (side === 'outside') continue;
    let inHole = false;
    for (let h = 1; h < rings.length; h++) {
      const s = ringSide(p, rings[h] as LonLat[]);
      if (s === 'boundary') return true;
      if (s === 'inside') inHole = true;
    }
    if (!inHole) return true;
  }
  return false;
}

/**
 * The planar centroid of polygons in lon/lat (area-weighted, holes
 * subtracted) — what PostGIS `ST_Centroid` gives for a geometry. A parcel
 * belongs to a drawn area when the drawn area covers its centroid.
 */
export function centroid(polygons: readonly (readonly (readonly LonLat[])[])[]): LonLat {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, h) => {
      let ra = 0;
      let rx = 0;
      let ry = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const p = ring[i] as LonLat;
        const q = ring[i + 1] as LonLat;
        const c = p[0] * q[1] - q[0] * p[1];
        ra += c;
        rx += (p[0] + q[0]) * c;
        ry += (p[1] + q[1]) * c;
      }
      // Outer rings add, holes subtract, whatever their orientation.
      const sign = (h === 0 ? 1 : -1) * (ra < 0 ? -1 : 1);
      a += sign * ra;
      cx += sign * rx;
      cy += sign * ry;
    });
  }
  return [cx / (3 * a), cy / (3 * a)];
}
