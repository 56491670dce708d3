/**
 * A minimal Shapefile writer for tests: polygons (shape type 5) and text
 * attributes, with the attribute bytes in GBK or UTF-8. Written from the ESRI
 * Shapefile Technical Description (1998) so the reader is tested against
 * files it did not write itself.
 */

/** GBK bytes of `text`, found by decoding every two-byte GBK sequence (Node's TextDecoder knows GBK). */
let gbkTable: Map<string, [number, number]> | undefined;
export function gbkEncode(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const d = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = d.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const pair = gbkTable.get(ch);
      if (!pair) throw new Error(`no GBK for ${ch}`);
      out.push(...pair);
    }
  }
  return new Uint8Array(out);
}

export type Ring = readonly (readonly [number, number])[];

export interface Record {
  /** Rings as written to the file: outer rings clockwise, holes counter-clockwise. null = a null shape. */
  readonly rings: readonly Ring[] | null;
  readonly attributes: Readonly<{ [name: string]: string }>;
}

export function writeShapefile(
  records: readonly Record[],
  fields: readonly { name: string; length: number }[],
  encoding: 'gbk' | 'utf-8',
): { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array } {
  const contents = records.map((r) => {
    if (r.rings === null) {
      const b = new DataView(new ArrayBuffer(4));
      b.setInt32(0, 0, true);
      return new Uint8Array(b.buffer);
    }
    const rings = r.rings;
    const points = rings.flat();
    const size = 44 + 4 * rings.length + 16 * points.length;
    const v = new DataView(new ArrayBuffer(size));
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    v.setInt32(0, 5, true);
    v.setFloat64(4, Math.min(...xs), true);
    v.setFloat64(12, Math.min(...ys), true);
    v.setFloat64(20, Math.max(...xs), true);
    v.setFloat64(28, Math.max(...ys), true);
    v.setInt32(36, rings.length, true);
    v.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((ring, i) => {
      v.setInt32(44 + 4 * i, start, true);
      start += ring.length;
    });
    points.forEach(([x, y], i) => {
      const o = 44 + 4 * rings.length + 16 * i;
      v.setFloat64(o, x, true);
      v.setFloat64(o + 8, y, true);
    });
    return new Uint8Array(v.buffer);
  });
  const all = records.flatMap((r) => (r.rings ?? []).flat());
  const header = (lengthBytes: number): Uint8Array => {
    const v = new DataView(new ArrayBuffer(100));
    v.setInt32(0, 9994, false);
    v.setInt32(24, lengthBytes / 2, false);
    v.setInt32(28, 1000, true);
    v.setInt32(32, 5, true);
    v.setFloat64(36, Math.min(...all.map((p) => p[0])), true);
    v.setFloat64(44, Math.min(...all.map((p) => p[1])), true);
    v.setFloat64(52, Math.max(...all.map((p) => p[0])), true);
    v.setFloat64(60, Math.max(...all.map((p) => p[1])), true);
    return new Uint8Array(v.buffer);
  };
  const shpLength = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * records.length);
  shp.set(header(shpLength));
  shx.set(header(shx.length));
  let offset = 100;
  contents.forEach((c, i) => {
    const rh = new DataView(shp.buffer, offset, 8);
    rh.setInt32(0, i + 1, false);
    rh.setInt32(4, c.length / 2, false);
    shp.set(c, offset + 8);
    const xh = new DataView(shx.buffer, 100 + 8 * i, 8);
    xh.setInt32(0, offset / 2, false);
    xh.setInt32(4, c.length / 2, false);
    offset += 8 + c.length;
  });
  // dBase III: header, field descriptors, 0x0D, records (deletion flag + fixed-width fields), 0x1A.
  const encode = (s: string): Uint8Array => (encoding === 'gbk' ? gbkEncode(s) : new TextEncoder().encode(s));
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const dbf = new Uint8Array(headerLength + recordLength * records.length + 1);
  const dv = new DataView(dbf.buffer);
  dbf[0] = 0x03;
  dv.setUint32(4, records.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  dbf[29] = encoding === 'gbk' ? 0x4d : 0x00;
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    dbf.set(new TextEncoder().encode(f.name).subarray(0, 10), o);
    dbf[o + 11] = 'C'.charCodeAt(0);
    dbf[o + 16] = f.length;
  });
  dbf[headerLength - 1] = 0x0d;
  records.forEach((r, i) => {
    const o = headerLength + recordLength * i;
    dbf[o] = 0x20;
    let p = o + 1;
    for (const f of fields) {
      const bytes = encode(r.attributes[f.name] ?? '');
      const cell = new Uint8Array(f.length).fill(0x20);
      cell.set(bytes.subarray(0, f.length));
      dbf.set(cell, p);
      p += f.length;
    }
  });
  dbf[dbf.length - 1] = 0x1a;
  return { shp, shx, dbf };
}
