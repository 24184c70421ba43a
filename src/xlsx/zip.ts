/**
 * A small reader of a zip's central directory, so that an untrusted .xlsx is measured before ExcelJS (via
 * JSZip) inflates it: declared sizes are bounded, and every entry is inflated once here with a hard output
 * limit, so that a directory that lies about its sizes cannot slip a zip bomb past the check.
 */
import { inflateRawSync } from "node:zlib";

export const LIMITS = {
  totalUncompressed: 50 * 1024 * 1024,
  entryUncompressed: 20 * 1024 * 1024,
  /** Compression ratio, checked for entries over 1 MB (small XML parts compress far better, harmlessly). */
  ratio: 100,
  entries: 10000,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** A failure with a message in both languages; the reader turns it into an input problem. */
export class XlsxError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly reason: "not-xlsx" | "encrypted" | "corrupt" | "too-large"
  ) {
    super(en);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const corrupt = (detail: string) =>
  new XlsxError(
    `文件已损坏，无法作为 .xlsx 打开（${detail}）`,
    `The file is corrupt and cannot be opened as .xlsx (${detail})`,
    "corrupt"
  );

const tooLarge = (zh: string, en: string) =>
  new XlsxError(`文件过大，拒绝读取：${zh}`, `File refused as too large: ${en}`, "too-large");

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function readCentralDirectory(buf: Buffer): ZipEntry[] {
  const minStart = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= minStart; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("找不到 zip 目录 / no zip end-of-central-directory");
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    throw tooLarge("ZIP64 格式", "ZIP64 archive");
  if (count > LIMITS.entries) throw tooLarge(`${count} 个压缩项`, `${count} zip entries`);
  if (offset + size > eocd) throw corrupt("zip 目录越界 / central directory out of bounds");
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL)
      throw corrupt("zip 目录项无效 / bad central directory entry");
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString("utf8", p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Refuses what is too large to be a report workbook, by the sizes the directory declares. */
export function checkDeclaredSizes(entries: ZipEntry[]): void {
  let total = 0;
  for (const e of entries) {
    if (e.flags & 1)
      throw new XlsxError(
        "文件已加密，请先取消密码保护再校验",
        "The file is encrypted: remove the password first",
        "encrypted"
      );
    if (e.uncompressedSize > LIMITS.entryUncompressed)
      throw tooLarge(
        `${e.name} 解压后 ${mb(e.uncompressedSize)}（单项上限 ${mb(LIMITS.entryUncompressed)}）`,
        `${e.name} is ${mb(e.uncompressedSize)} uncompressed (limit ${mb(LIMITS.entryUncompressed)})`
      );
    if (
      e.uncompressedSize > 1024 * 1024 &&
      e.uncompressedSize > LIMITS.ratio * Math.max(1, e.compressedSize)
    )
      throw tooLarge(
        `${e.name} 压缩比超过 ${LIMITS.ratio}:1，疑似压缩炸弹`,
        `${e.name} compresses more than ${LIMITS.ratio}:1 (a zip bomb?)`
      );
    total += e.uncompressedSize;
  }
  if (total > LIMITS.totalUncompressed)
    throw tooLarge(
      `解压后共 ${mb(total)}（上限 ${mb(LIMITS.totalUncompressed)}）`,
      `${mb(total)} uncompressed in all (limit ${mb(LIMITS.totalUncompressed)})`
    );
}

/** The bytes of one entry, inflated with an output limit of its declared size: a lying directory fails here. */
export function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL)
    throw corrupt(`${e.name} 的本地头无效 / bad local header`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) throw corrupt(`${e.name} 被截断 / truncated`);
  const data = buf.subarray(start, end);
  if (e.method === 0) return data;
  if (e.method !== 8)
    throw corrupt(`${e.name} 使用不支持的压缩方式 ${e.method} / unsupported method`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw tooLarge(
        `${e.name} 实际解压大小超过其声明`,
        `${e.name} inflates beyond its declared size`
      );
    throw corrupt(`${e.name} 无法解压 / cannot inflate`);
  }
  if (out.length !== e.uncompressedSize) throw corrupt(`${e.name} 大小不符 / size mismatch`);
  return out;
}
