/**
 * The defined names and sheets of xl/workbook.xml, read from the XML itself: ExcelJS drops names whose
 * reference is `#REF!` (so a broken name would look missing) and keys them case-sensitively. A reference
 * is resolved to one cell here, or said to be broken; an external reference (`[1]Sheet1!A1`) is never
 * followed.
 */
import { parseA1 } from "../templates/address";

export interface DefinedName {
  name: string;
  /** The reference text as stored, entities decoded: `'2024年度年报'!$B$3`, `#REF!`. */
  reference: string;
  /** Index into the sheets list when the name is sheet-scoped. */
  localSheetId?: number;
}

export interface WorkbookXml {
  sheets: string[];
  /** Each sheet's relationship id (`r:id`), which says in xl/_rels/workbook.xml.rels which part holds it. */
  sheetRelIds: (string | undefined)[];
  names: DefinedName[];
  /** `<workbookPr date1904="1"/>`: date serials count from 1904 (old Mac workbooks). */
  date1904: boolean;
}

export type ResolvedReference =
  | { ok: true; sheet: string; row: number; col: number }
  | { ok: false; problem: "broken" | "not-single-cell" };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e] ?? whole;
  });
}

/** An attribute's decoded value. `name` is a pattern matched whole: `r` matches neither `r:id` nor `spans`. */
export function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeXml(m[1] ?? m[2]) : undefined;
}

/** Element names may carry a namespace prefix (`<x:definedName>`, written by the Open XML SDK). */
export function parseWorkbookXml(xml: string): WorkbookXml {
  const sheets: string[] = [];
  const sheetRelIds: (string | undefined)[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const name = attribute(m[1], "name");
    if (name === undefined) continue;
    sheets.push(name);
    sheetRelIds.push(attribute(m[1], "[\\w.-]+:id"));
  }
  const pr = /<(?:\w+:)?workbookPr\b([^>]*?)\/?>/.exec(xml);
  const date1904Attr = pr ? attribute(pr[1], "date1904") : undefined;
  const date1904 = date1904Attr === "1" || date1904Attr === "true";
  const names: DefinedName[] = [];
  const re = /<(?:\w+:)?definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?definedName>)/g;
  for (const m of xml.matchAll(re)) {
    const name = attribute(m[1], "name");
    if (name === undefined) continue;
    const local = attribute(m[1], "localSheetId");
    names.push({
      name,
      reference: decodeXml(m[2] ?? "").trim(),
      ...(local !== undefined && /^\d+$/.test(local) ? { localSheetId: Number(local) } : {}),
    });
  }
  return { sheets, sheetRelIds, names, date1904 };
}

/** `'It''s'!$B$3`, `Sheet1!B3`, `2024年度年报!$B$3` (as LibreOffice writes it) → the sheet and the cell. */
export function resolveReference(reference: string, sheets: readonly string[]): ResolvedReference {
  const ref = reference.replace(/^=/, "").trim();
  if (ref.includes("#REF!") || ref.startsWith("[") || /^'?\[/.test(ref))
    return { ok: false, problem: "broken" };
  const m = /^(?:'((?:[^']|'')+)'|([^'!\s,()]+))!([$A-Za-z0-9]+)(?::([$A-Za-z0-9]+))?$/.exec(ref);
  if (!m)
    return {
      ok: false,
      problem: ref.includes(",") || ref.includes(":") ? "not-single-cell" : "broken",
    };
  const written = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  // Sheet names compare case-insensitively in Excel, as names do.
  const sheet =
    sheets.find((s) => s === written) ??
    sheets.find((s) => s.toLowerCase() === written.toLowerCase());
  if (sheet === undefined || written.includes("[")) return { ok: false, problem: "broken" };
  const start = parseA1(m[3]);
  if (!start) return { ok: false, problem: "broken" };
  if (m[4] !== undefined) {
    const end = parseA1(m[4]);
    if (!end) return { ok: false, problem: "broken" };
    if (end.row !== start.row || end.col !== start.col)
      return { ok: false, problem: "not-single-cell" };
  }
  return { ok: true, sheet, ...start };
}
