/**
 * JSON Pointers (RFC 6901) and the Excel names derived from them. A cell is known everywhere by its
 * pointer; its workbook name is `nb.` + the pointer's segments joined with `.`. Nothing else invents names.
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
