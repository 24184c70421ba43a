/**
 * Bytes to text as Chinese portals, Word and Notepad save it: UTF-8 (with or without BOM), UTF-16 LE or BE
 * (Word's and Notepad's "Unicode text", with or without BOM), GB18030/GBK (what a page's meta charset or a
 * legacy editor says). TextDecoder does all of them in Node and in browsers.
 */

/** The charset an HTML page declares in its first bytes, if any. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)/i.exec(head);
  return m?.[1].toLowerCase();
}

/**
 * UTF-16 without a BOM: text in UTF-8 or GB18030 never holds a zero byte, while UTF-16 has one in the high
 * (LE: odd) or low (BE: even) byte of every ASCII character (digits, tabs, line breaks of a report).
 */
function utf16Order(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > 2 * zeroEven) return "utf-16le";
  if (zeroEven > 2 * zeroOdd) return "utf-16be";
  return undefined;
}

export function decodeDocument(bytes: Uint8Array): string {
  const utf16 = utf16Order(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes).replace(/^\uFEFF/, "");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    // not UTF-8: the page's own charset if it names a Chinese one we know, else GB18030 (a superset of GBK)
    const declared = declaredCharset(bytes);
    const label = declared && /^(big5|gb18030|gbk|gb2312)$/.test(declared) ? declared : "gb18030";
    return new TextDecoder(label === "gb2312" || label === "gbk" ? "gb18030" : label).decode(bytes);
  }
}

/** Whether decoded text is an HTML page rather than plain text (a tag of a page, not a stray 「<」). */
export function looksLikeHtml(text: string): boolean {
  return /<(?:!doctype\s+html|html|body|table|tr|td|p|div|meta|head|span|br)\b/i.test(
    text.slice(0, 200_000)
  );
}
