import { ellipsoidalAreaSquareMetres, fromLonLat, type Shape } from '@mujun/core/geo';
import { Random } from '../generator/random';

/*
 * SYNTHETIC shapes for the 2018 example (一张图). No open boundary data of
 * 桐乡市's towns exists, so the 11 towns are laid out as a schematic tiling of
 * rectangles around the city's real position (梧桐街道 near 120.56°E 30.63°N,
 * 乌镇 to the north, 崇福 and 大麻 to the south-west, 屠甸 to the east). Every
 * feature says `synthetic: true`. Parcels are squares inside their town whose
 * ellipsoidal area is the parcel's registered area — except every 40th,
 * drawn 3 % smaller, which the area-mismatch report must find.
 */

/** Town boxes [west, south, east, north] in degrees, by 12-digit code. */
export const TOWN_BOXES: Readonly<Record<string, readonly [number, number, number, number]>> = {
  '330483001000': [120.55, 30.58, 120.6, 30.68], // 梧桐街道 (city centre)
  '330483002000': [120.5, 30.58, 120.55, 30.68], // 凤鸣街道
  '330483003000': [120.55, 30.48, 120.74, 30.58], // 高桥街道
  '330483101000': [120.4, 30.68, 120.56, 30.78], // 乌镇镇
  '330483102000': [120.56, 30.68, 120.74, 30.78], // 濮院镇
  '330483103000': [120.6, 30.58, 120.74, 30.68], // 屠甸镇
  '330483104000': [120.4, 30.48, 120.48, 30.58], // 崇福镇
  '330483105000': [120.3, 30.58, 120.4, 30.68], // 洲泉镇
  '330483106000': [120.3, 30.48, 120.4, 30.58], // 大麻镇
  '330483107000': [120.48, 30.48, 120.55, 30.58], // 河山镇
  '330483108000': [120.4, 30.58, 120.5, 30.68], // 石门镇
};

/** Every `MISDRAWN_EVERY`th parcel is drawn 3 % smaller than registered. */
export const MISDRAWN_EVERY = 40;
export const MISDRAWN_FACTOR = 0.97;

/** Longitude/latitude to 7 decimals (about 1 cm), as a GeoJSON number. */
const deg = (v: number): number => Number(v.toFixed(7));

function boxRing(w: number, s: number, e: number, n: number): [number, number][] {
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

const asShape = (ring: readonly (readonly [number, number])[]): Shape => ({
  crs: 'EPSG:4490',
  geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [String(x), String(y)] as const)] },
});

/** A square centred on (lon, lat) whose ellipsoidal area is `m2` (two passes of scaling). */
export function squareOfArea(lon: number, lat: number, m2: number): [number, number][] {
  const rad = (lat * Math.PI) / 180;
  let side = Math.sqrt(m2);
  const make = (s: number) => {
    const dLat = s / 2 / 110_850;
    const dLon = s / 2 / (111_320 * Math.cos(rad));
    return boxRing(deg(lon - dLon), deg(lat - dLat), deg(lon + dLon), deg(lat + dLat));
  };
  for (let pass = 0; pass < 2; pass++) {
    side *= Math.sqrt(m2 / ellipsoidalAreaSquareMetres(asShape(make(side))));
  }
  return make(side);
}

export interface ParcelInput {
  readonly id: string;
  readonly townCode: string;
  /** Registered area in 亩, as the CSV writes it. */
  readonly areaMu: string;
}

export interface FirmInput {
  readonly uscc: string;
  readonly townCode: string;
  readonly parcelIds: readonly string[];
}

interface Feature {
  type: 'Feature';
  properties: Record<string, string | boolean | number>;
  geometry: { type: string; coordinates: unknown };
}

/** A 不动产单元号 for the n-th parcel of a town: 地籍区 = town number, 宗地特征码 GB, no fixture. */
export function syntheticUnitNumber(townCode: string, n: number): string {
  return `330483${townCode.slice(6, 9)}001GB${String(n).padStart(5, '0')}W00000000`;
}

/** The three synthetic layers: towns, parcels (with 不动产单元号) and firm points. */
export function layout(
  towns: readonly { code: string; name: string }[],
  parcels: readonly ParcelInput[],
  firms: readonly FirmInput[],
): { towns: Feature[]; parcels: Feature[]; firms: Feature[] } {
  const townFeatures: Feature[] = towns.map((t) => {
    const b = TOWN_BOXES[t.code];
    if (!b) throw new Error(`no box for town ${t.code}`);
    return {
      type: 'Feature',
      properties: { code: t.code, name: t.name, synthetic: true },
      geometry: { type: 'Polygon', coordinates: [boxRing(...b)] },
    };
  });
  const centre = new Map<string, [number, number]>();
  const perTown = new Map<string, number>();
  const parcelFeatures: Feature[] = parcels.map((p, i) => {
    const b = TOWN_BOXES[p.townCode];
    if (!b) throw new Error(`no box for town ${p.townCode}`);
    const n = (perTown.get(p.townCode) ?? 0) + 1;
    perTown.set(p.townCode, n);
    // A grid of 0.004° cells (about 380 m × 440 m: the largest parcel, 155 亩, is a 321 m square) inside the town.
    const cols = Math.floor((b[2] - b[0]) / 0.004) - 2;
    const lon = b[0] + 0.004 * (1.5 + ((n - 1) % cols));
    const lat = b[1] + 0.004 * (1.5 + Math.floor((n - 1) / cols));
    centre.set(p.id, [lon, lat]);
    const misdrawn = (i + 1) % MISDRAWN_EVERY === 0;
    const m2 = (Number(p.areaMu) * 2000) / 3;
    const ring = squareOfArea(lon, lat, misdrawn ? m2 * MISDRAWN_FACTOR : m2);
    // Projected like the 自然资源 survey layers: EPSG:4549 metres to 3 decimals (1 mm).
    const projected = ring.map(([x, y]) => fromLonLat('EPSG:4549', x, y).map((v) => Number(v.toFixed(3))));
    return {
      type: 'Feature',
      properties: {
        DKBH: p.id,
        BDCDYH: syntheticUnitNumber(p.townCode, n),
        synthetic: true,
        ...(misdrawn ? { note: 'drawn 3% small' } : {}),
      },
      geometry: { type: 'Polygon', coordinates: [projected] },
    };
  });
  const random = new Random(20180126);
  const firmFeatures: Feature[] = firms.map((f) => {
    const b = TOWN_BOXES[f.townCode];
    if (!b) throw new Error(`no box for town ${f.townCode}`);
    const on = f.parcelIds.map((id) => centre.get(id)).find((c) => c !== undefined);
    const [lon, lat] = on ?? [
      b[0] + ((b[2] - b[0]) * (50 + random.int(900))) / 1000,
      b[1] + ((b[3] - b[1]) * (50 + random.int(900))) / 1000,
    ];
    return {
      type: 'Feature',
      properties: { uscc: f.uscc, synthetic: true },
      geometry: { type: 'Point', coordinates: [deg(lon), deg(lat)] },
    };
  });
  return { towns: townFeatures, parcels: parcelFeatures, firms: firmFeatures };
}
