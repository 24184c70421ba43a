/** Hand-made zips for the safety tests: sizes in the directory can be made to lie. */
import { deflateRawSync } from "node:zlib";

export interface CraftEntry {
  name: string;
  data: Buffer;
  /** What the central directory claims; the real size by default. */
  declaredSize?: number;
  flags?: number;
}

export function craftZip(entries: CraftEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const data = deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.flags ?? 0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** A small file whose directory declares 4 GB − 1 of XML: refused before anything is inflated. */
export function declaredBomb(): Buffer {
  return craftZip([
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
    { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
    { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(1000), declaredSize: 0xfffffffe },
  ]);
}

/**
 * A directory that under-declares: megabytes of zeros said to be 1 KB. Caught while inflating, with a
 * limit. 30 MB compresses to ~30 KB (inflated in one call), 300 MB to ~300 KB (inflated in slices).
 */
export function lyingBomb(megabytes = 30): Buffer {
  return craftZip([
    { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
    {
      name: "xl/worksheets/sheet1.xml",
      data: Buffer.alloc(megabytes * 1024 * 1024),
      declaredSize: 1024,
    },
  ]);
}
