/**
 * The parts of an .xlsx the report needs, read from their XML directly: the relationships that say which
 * part holds which sheet, the shared strings, and the few cells the names bind. Only what is asked for is
 * kept, so a large sheet costs one pass over its text. No formula is evaluated: a formula cell gives the
 * result saved with it, or reads as "uncalculated".
 */
import { parseA1 } from "../templates/address";
import type { RawCell } from "../report/cell";
import { attribute, decodeXml } from "./names";

/** `<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>` → rId1 → xl/worksheets/sheet1.xml. */
export function parseRelationships(xml: string, basePart: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*?)\/?>/g)) {
    const id = attribute(m[1], "Id");
    const target = attribute(m[1], "Target");
    if (id !== undefined && target !== undefined && attribute(m[1], "TargetMode") !== "External")
      targets.set(id, resolvePart(basePart, target));
  }
  return targets;
}

/** A relationship target relative to the part that owns it (or absolute, from the package root). */
export function resolvePart(basePart: string, target: string): string {
  const segments = target.startsWith("/") ? [] : basePart.split("/").slice(0, -1);
  for (const s of target.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  return segments.join("/");
}

/** xl/sharedStrings.xml → the text of each item; phonetic runs (`<rPh>`) are not part of the text. */
export function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g))
    strings.push(itemText(m[1] ?? ""));
  return strings;
}

/** The text of a string item (`<si>` or an inline `<is>`): its `<t>` elements, rich-text runs joined. */
function itemText(xml: string): string {
  const body = xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "");
  let text = "";
  for (const m of body.matchAll(/<(?:[\w.-]+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g))
    text += m[1] ?? "";
  return unescapeXString(decodeXml(text));
}

/** OOXML writes control characters as `_xHHHH_` (and a literal `_x` as `_x005F_x`). */
function unescapeXString(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );
}

/** A cell as stored: its type attribute, its saved value, whether it holds a formula, inline text. */
export interface StoredCell {
  type: string;
  value?: string;
  formula: boolean;
  inline?: string;
}

const cellKey = (row: number, col: number) => `${row},${col}`;

/** Compiled once: a large sheet has a million cells. Positions and types never hold entities. */
const R_ATTRIBUTE = /(?:^|\s)r\s*=\s*["']([^"']*)["']/;
const T_ATTRIBUTE = /(?:^|\s)t\s*=\s*["']([^"']*)["']/;

/**
 * One pass over a worksheet's `<sheetData>`: the cells at `wanted` (0-based row/column), by `row,col`.
 * Rows and cells without an `r` attribute take the position after the previous one, as the format says.
 */
export function readSheetCells(
  xml: string,
  wanted: ReadonlyArray<{ row: number; col: number }>
): Map<string, StoredCell> {
  const want = new Set(wanted.map((w) => cellKey(w.row, w.col)));
  const found = new Map<string, StoredCell>();
  const start = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
  if (start < 0 || want.size === 0) return found;
  const tags = /<(?:[\w.-]+:)?(row|c)\b([^>]*?)(\/?)>|<\/(?:[\w.-]+:)?sheetData>/g;
  const cellEnd = /<\/(?:[\w.-]+:)?c\s*>/g;
  tags.lastIndex = start;
  let row = -1;
  let col = -1;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    if (m[1] === undefined) break; // </sheetData>
    const attrs = m[2];
    const r = R_ATTRIBUTE.exec(attrs)?.[1];
    if (m[1] === "row") {
      const n = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : row + 1;
      row = n;
      col = -1;
      continue;
    }
    const at = r !== undefined ? parseA1(r) : undefined;
    if (at) [row, col] = [at.row, at.col];
    else col++;
    let content = "";
    if (m[3] !== "/") {
      cellEnd.lastIndex = tags.lastIndex;
      const end = cellEnd.exec(xml);
      if (!end) break; // truncated XML: what was read so far stands
      content = xml.slice(tags.lastIndex, end.index);
      tags.lastIndex = cellEnd.lastIndex;
    }
    const key = cellKey(row, col);
    if (!want.has(key)) continue;
    const value = /<(?:[\w.-]+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?v>)/.exec(content);
    const inline = /<(?:[\w.-]+:)?is\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?is>)/.exec(content);
    found.set(key, {
      type: T_ATTRIBUTE.exec(attrs)?.[1] ?? "n",
      formula: /<(?:[\w.-]+:)?f\b/.test(content),
      ...(value ? { value: decodeXml(value[1] ?? "") } : {}),
      ...(inline ? { inline: itemText(inline[1] ?? "") } : {}),
    });
  }
  return found;
}

export function storedCellAt(
  cells: ReadonlyMap<string, StoredCell>,
  row: number,
  col: number
): StoredCell | undefined {
  return cells.get(cellKey(row, col));
}

/**
 * A stored cell as a RawCell, the shape every reader gives the interpreter. A formula with no saved result
 * is "uncalculated": the caller says so rather than guess.
 */
export function rawFromStored(
  cell: StoredCell | undefined,
  sharedStrings: readonly string[]
): RawCell | "uncalculated" {
  if (!cell) return { type: "blank" };
  const v = cell.value;
  switch (cell.type) {
    case "s": {
      const text = v !== undefined && /^\d+$/.test(v.trim()) ? sharedStrings[Number(v)] : undefined;
      return textOrBlank(text ?? "");
    }
    case "inlineStr":
      return textOrBlank(cell.inline ?? v ?? "");
    case "str":
      if (v === undefined) return cell.formula ? "uncalculated" : { type: "blank" };
      return textOrBlank(unescapeXString(v));
    case "b":
      if (v === undefined) return cell.formula ? "uncalculated" : { type: "blank" };
      return { type: "boolean", value: v.trim() === "1" || v.trim().toLowerCase() === "true" };
    case "e":
      return { type: "error", code: (v ?? "#N/A").trim() };
    case "d": {
      if (v === undefined) return cell.formula ? "uncalculated" : { type: "blank" };
      const serial = isoSerial(v.trim());
      return serial === undefined ? { type: "text", text: v } : { type: "number", value: serial };
    }
    default: {
      if (v === undefined || v.trim() === "")
        return cell.formula ? "uncalculated" : { type: "blank" };
      const n = Number(v.trim());
      return Number.isFinite(n) ? { type: "number", value: n } : { type: "error", code: "#NUM!" };
    }
  }
}

const textOrBlank = (text: string): RawCell =>
  text === "" ? { type: "blank" } : { type: "text", text };

/** A `t="d"` cell's ISO 8601 date (and time) as a serial of the 1900 date system. */
function isoSerial(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(iso);
  if (!m) return undefined;
  const ms =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)) +
    Number(m[6] ?? 0) * 1000;
  return Number.isFinite(ms) ? (ms - Date.UTC(1899, 11, 30)) / 86400000 : undefined;
}
