/**
 * JSON Pointers (RFC 6901) and the Excel names derived from them. A cell is known everywhere by its
 * pointer; its workbook name is `nb.` + the pointer's segments joined with `.`, and back again. Nothing
 * else invents names.
 */

export type Pointer = string;

export function pointerFromSegments(segments: readonly string[]): Pointer {
  return segments.map((s) => "/" + s.replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function segmentsOfPointer(pointer: Pointer): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`not a JSON Pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export const NAME_PREFIX = "nb.";

/** The metadata names of report-json.md, and the report key each holds. */
export const META_NAMES = {
  schema: "nb.meta.schema",
  format: "nb.meta.format",
  year: "nb.meta.year",
  agency: "nb.meta.agency",
  date: "nb.meta.date",
} as const;
export type MetaKey = keyof typeof META_NAMES;

/** Our segments are JSON keys made of ASCII letters and digits; anything else cannot become a name. */
const SEGMENT = /^[A-Za-z][A-Za-z0-9]*$/;

/** The workbook name of any pointer a finding may carry: metadata (/year …) or a cell (/requests/…). */
export function workbookName(pointer: Pointer): string {
  const key = pointer.slice(1) as MetaKey;
  return Object.prototype.hasOwnProperty.call(META_NAMES, key)
    ? META_NAMES[key]
    : nameFromPointer(pointer);
}

export function nameFromPointer(pointer: Pointer): string {
  const segments = segmentsOfPointer(pointer);
  if (segments.length === 0 || !segments.every((s) => SEGMENT.test(s))) {
    throw new Error(`pointer cannot be named in a workbook: ${pointer}`);
  }
  return NAME_PREFIX + segments.join(".");
}

/** The pointer a workbook name stands for, or undefined if it is not one of ours (meta names included). */
export function pointerFromName(name: string): Pointer | undefined {
  if (
    name.length <= NAME_PREFIX.length ||
    name.slice(0, NAME_PREFIX.length).toLowerCase() !== NAME_PREFIX
  ) {
    return undefined;
  }
  const segments = name.slice(NAME_PREFIX.length).split(".");
  if (!segments.every((s) => SEGMENT.test(s)) || segments[0].toLowerCase() === "meta")
    return undefined;
  return pointerFromSegments(segments);
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
