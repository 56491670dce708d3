import { crc32, deflateRawSync } from 'node:zlib';

/** An entry of `zipOf`: its path, its bytes, how they are stored. */
export interface ZipEntry {
  readonly path: string;
  readonly data: Uint8Array;
  /** 0 STORED (as is) or 8 DEFLATE. */
  readonly method: 0 | 8;
  /** Sizes and CRC after the data (general-purpose flag bit 3), zero in the local header, as streaming writers do. */
  readonly descriptor: boolean;
  /** The descriptor's optional signature (PK\\7\\8): APPNOTE 4.3.9.3 lets a writer leave it out. */
  readonly descriptorSignature?: boolean;
}

/**
 * A zip archive written by hand (APPNOTE 4.3), for the layouts some
 * generators write and the test needs exactly: STORED entries with a data
 * descriptor, entries in any order.
 */
export function zipOf(entries: readonly ZipEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.path, 'utf8');
    const body = e.method === 8 ? deflateRawSync(e.data) : Buffer.from(e.data);
    const crc = crc32(e.data);
    const flags = 0x0800 | (e.descriptor ? 0x0008 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(e.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(e.descriptor ? 0 : body.length, 18);
    local.writeUInt32LE(e.descriptor ? 0 : e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const signed = e.descriptorSignature ?? true;
    const descriptor = Buffer.alloc(e.descriptor ? (signed ? 16 : 12) : 0);
    if (e.descriptor) {
      const at = signed ? 4 : 0;
      if (signed) descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, at);
      descriptor.writeUInt32LE(body.length, at + 4);
      descriptor.writeUInt32LE(e.data.length, at + 8);
    }
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(e.method, 10);
    record.writeUInt32LE(0, 12);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(body.length, 20);
    record.writeUInt32LE(e.data.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    parts.push(local, name, body, descriptor);
    offset += local.length + name.length + body.length + descriptor.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dir, end]));
}
