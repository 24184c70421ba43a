/**
 * A small reader of a zip's central directory, so that an untrusted .xlsx is measured before anything is
 * inflated: declared sizes are bounded, and each entry is inflated with a hard output limit, so that a
 * directory that lies about its sizes cannot slip a zip bomb past the check. Platform-neutral (the task pane
 * reads last year's workbook with it too): bytes as Uint8Array, inflation by fflate's streaming inflater.
 */
import { Inflate, inflateSync } from "fflate";

const LIMITS = {
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

const utf8 = new TextDecoder("utf-8");

export function readCentralDirectory(buf: Uint8Array): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const minStart = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= minStart; i--) {
    if (u32(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("找不到 zip 目录 / no zip end-of-central-directory");
  const count = u16(eocd + 10);
  const size = u32(eocd + 12);
  const offset = u32(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    throw tooLarge("ZIP64 格式", "ZIP64 archive");
  if (count > LIMITS.entries) throw tooLarge(`${count} 个压缩项`, `${count} zip entries`);
  if (offset + size > eocd) throw corrupt("zip 目录越界 / central directory out of bounds");
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(p) !== CENTRAL)
      throw corrupt("zip 目录项无效 / bad central directory entry");
    const nameLength = u16(p + 28);
    const extra = u16(p + 30);
    const comment = u16(p + 32);
    entries.push({
      flags: u16(p + 8),
      method: u16(p + 10),
      compressedSize: u32(p + 20),
      uncompressedSize: u32(p + 24),
      localHeaderOffset: u32(p + 42),
      name: utf8.decode(buf.subarray(p + 46, p + 46 + nameLength)),
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

/**
 * A large entry's compressed input is fed in slices, so that no slice can inflate to more than a few
 * megabytes. A small one (every part of a real template) is inflated in one call into a buffer one byte
 * longer than declared, twice as fast: filling that last byte means it lied, and what it could inflate
 * beyond (≤ 1,032 × 64 KB, into no buffer) costs a fraction of a second at most.
 */
const SLICE = 4096;
const ONE_CALL = 64 * 1024;

/** The bytes of one entry, inflated with an output limit of its declared size: a lying directory fails here. */
export function inflateEntry(buf: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || view.getUint32(p, true) !== LOCAL)
    throw corrupt(`${e.name} 的本地头无效 / bad local header`);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + e.compressedSize;
  if (end > buf.length) throw corrupt(`${e.name} 被截断 / truncated`);
  const data = buf.subarray(start, end);
  const tooLong = () =>
    tooLarge(`${e.name} 实际解压大小超过其声明`, `${e.name} inflates beyond its declared size`);
  const sizeMismatch = () => corrupt(`${e.name} 大小不符 / size mismatch`);
  if (e.method === 0) {
    if (data.length !== e.uncompressedSize) throw sizeMismatch();
    return data;
  }
  if (e.method !== 8)
    throw corrupt(`${e.name} 使用不支持的压缩方式 ${e.method} / unsupported method`);
  if (data.length <= ONE_CALL) {
    let out: Uint8Array;
    try {
      out = inflateSync(data, { out: new Uint8Array(e.uncompressedSize + 1) });
    } catch {
      throw corrupt(`${e.name} 无法解压 / cannot inflate`);
    }
    if (out.length > e.uncompressedSize) throw tooLong();
    if (out.length !== e.uncompressedSize) throw sizeMismatch();
    return out;
  }
  const out = new Uint8Array(e.uncompressedSize);
  let length = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length > out.length) overflow = true;
    else out.set(chunk, length);
    length += chunk.length;
  });
  try {
    for (let at = 0; at < data.length && !overflow; at += SLICE)
      inflater.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
  } catch {
    if (!overflow) throw corrupt(`${e.name} 无法解压 / cannot inflate`);
  }
  if (overflow) throw tooLong();
  if (length !== e.uncompressedSize) throw sizeMismatch();
  return out;
}
