/**
 * Workbook names read back, for checking the names the product writes: the pointer a name stands for (the
 * inverse of nameFromPointer) and Excel's own rules for a defined name.
 */
import {
  nameFromPointer,
  NAME_PREFIX,
  pointerFromSegments,
  type Pointer,
} from "../../src/templates/pointers";

/** The pointer a workbook name stands for, or undefined if it is not one of ours (meta names included). */
export function pointerFromName(name: string): Pointer | undefined {
  if (
    name.length <= NAME_PREFIX.length ||
    name.slice(0, NAME_PREFIX.length).toLowerCase() !== NAME_PREFIX
  ) {
    return undefined;
  }
  const segments = name.slice(NAME_PREFIX.length).split(".");
  if (segments[0].toLowerCase() === "meta") return undefined;
  const pointer = pointerFromSegments(segments);
  try {
    nameFromPointer(pointer); // refuses segments that no name of ours has
  } catch {
    return undefined;
  }
  return pointer;
}

/**
 * Excel's rules for a defined name (ECMA-376 and Excel's UI): starts with a letter, `_` or `\`; then
 * letters, digits, `.` and `_`; at most 255 characters; not a cell reference (A1, R1C1) nor TRUE/FALSE,
 * nor the single letters C and R. Restricted to ASCII here: all our names are.
 */
export function isValidExcelName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/^[A-Za-z_\\][A-Za-z0-9._\\]*$/.test(name)) return false;
  if (/^(TRUE|FALSE|C|R)$/i.test(name)) return false;
  if (/^[A-Za-z]{1,3}\$?[0-9]+$/.test(name) && looksLikeA1(name)) return false;
  if (/^R[0-9]*C[0-9]*$/i.test(name)) return false;
  return true;
}

/** A1-style: up to XFD (16384 columns) and row up to 1048576. */
function looksLikeA1(name: string): boolean {
  const m = /^([A-Za-z]{1,3})\$?([0-9]+)$/.exec(name);
  if (!m) return false;
  const col = m[1]
    .toUpperCase()
    .split("")
    .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const rowNum = Number(m[2]);
  return col <= 16384 && rowNum >= 1 && rowNum <= 1048576;
}
