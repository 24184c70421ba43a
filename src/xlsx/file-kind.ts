/**
 * What a file's first bytes say it is, without reading it: a zip (an .xlsx) or an OLE compound file (an
 * encrypted .xlsx or an old .xls). Its own module so that the task pane can tell a workbook apart without
 * loading the workbook reader.
 */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5)
  );
}

export function looksLikeOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && OLE.every((b, i) => bytes[i] === b);
}
