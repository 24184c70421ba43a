/**
 * From the cells a workbook binds by name (read by the Excel adapter or the .xlsx reader) to a report, the
 * faults found in its cells, and what is wrong with the binding itself. Pure: the same for every host.
 */
import { cellDefs } from "../templates/cells";
import { FORMAT_IDS, formatForYear, type FormatId } from "../templates/formats";
import { META_NAMES, nameFromPointer, type Pointer } from "../templates/pointers";
import type { CellFault, Interpretation, RawCell } from "./cell";
import { faultOf, type ReportCells } from "./cells-as-read";
import { interpretCell } from "./interpret";
import {
  NARRATIVE_KEYS,
  reportFromValues,
  SCHEMA_ID,
  type CellValue,
  type NarrativeKey,
  type Report,
} from "./model";

/** A bound cell as a host reads it; `address` is where it is ("年报!B3"), for messages. */
export interface BoundCell {
  raw: RawCell;
  address?: string;
}

/** What is wrong with a name the template needs. */
export interface BindingProblem {
  name: string;
  problem: "missing" | "broken" | "not-single-cell";
  /** What the name points at now, if anything ("#REF!", "年报!B3:C4"). */
  reference?: string;
}

export interface BoundWorkbook {
  /** Cells by workbook name, lower-cased (Excel names are case-insensitive). */
  cells: ReadonlyMap<string, BoundCell>;
  /** What is wrong with the names read; those outside the template's format are ignored. */
  problems: BindingProblem[];
}

export type ReadWorkbookResult =
  | {
      ok: true;
      /** The cells as read, each interpreted once: what the checks run on. */
      cells: ReportCells;
      /** The same, as the JSON shape (unreadable cells are null there). */
      report: Report;
      cellFaults: Map<Pointer, CellFault>;
      /** Where each pointer is in the workbook, for findings that name the cell. */
      addresses: Map<Pointer, string>;
      problems: BindingProblem[];
    }
  | {
      ok: false;
      reason: "not-a-template" | "unknown-format";
      message: string;
      messageEn: string;
      problems: BindingProblem[];
    };

const lower = (s: string) => s.toLowerCase();

/** Which names a complete template of this format binds. */
function expectedNames(format: FormatId): string[] {
  return [
    ...Object.values(META_NAMES),
    ...NARRATIVE_KEYS.map((k) => nameFromPointer(`/narrative/${k}`)),
    ...cellDefs(format).map((d) => nameFromPointer(d.pointer)),
  ];
}

/** Every name either format binds, metadata first: what a reader looks up before it knows the format. */
export const ALL_TEMPLATE_NAMES: readonly string[] = [
  ...new Set(["2021" as const, "2019" as const].flatMap((f) => expectedNames(f))),
];

export function reportFromWorkbook(bound: BoundWorkbook): ReadWorkbookResult {
  const get = (name: string) => bound.cells.get(lower(name));
  const text = (name: string) => rawText(get(name)?.raw);
  const schema = text(META_NAMES.schema);
  const formatText = text(META_NAMES.format);
  if (schema === undefined && formatText === undefined) {
    return {
      ok: false,
      reason: "not-a-template",
      message: "这不是本工具生成的年报模板：找不到 nb.meta.schema、nb.meta.format 等名称",
      messageEn:
        "Not a report template made by this tool: the names nb.meta.schema and nb.meta.format are missing",
      problems: bound.problems,
    };
  }
  const format = FORMAT_IDS.find((f) => f === formatText?.trim());
  const yearRaw = get(META_NAMES.year)?.raw;
  const year = yearRaw?.type === "number" ? yearRaw.value : Number(rawText(yearRaw));
  if (!format) {
    const guess = Number.isInteger(year) ? formatForYear(year) : undefined;
    return {
      ok: false,
      reason: "unknown-format",
      message: `nb.meta.format 为“${formatText ?? ""}”，不是 2019 或 2021${guess ? `（${year} 年度应为 ${guess}）` : ""}`,
      messageEn: `nb.meta.format is "${formatText ?? ""}", not 2019 or 2021`,
      problems: bound.problems,
    };
  }

  const values = new Map<Pointer, CellValue>();
  const cellFaults = new Map<Pointer, CellFault>();
  const addresses = new Map<Pointer, string>();
  const interpreted = new Map<Pointer, Interpretation>();
  const numbers = new Map<Pointer, number>();
  for (const def of cellDefs(format)) {
    const cell = get(nameFromPointer(def.pointer));
    if (!cell) continue; // a missing name: reported in problems, the cell reads as blank
    if (cell.address) addresses.set(def.pointer, cell.address);
    const result = interpretCell(cell.raw, def.kind, "workbook");
    if (result.status === "blank") continue;
    interpreted.set(def.pointer, result);
    if (cell.raw.type === "number" && Number.isFinite(cell.raw.value))
      numbers.set(def.pointer, cell.raw.value + 0);
    if (result.status === "ok") values.set(def.pointer, result.value);
    else cellFaults.set(def.pointer, faultOf(result));
  }
  const narrative = {} as Record<NarrativeKey, string>;
  for (const key of NARRATIVE_KEYS) {
    const pointer = `/narrative/${key}`;
    const cell = get(nameFromPointer(pointer));
    if (cell?.address) addresses.set(pointer, cell.address);
    narrative[key] = rawText(cell?.raw) ?? "";
  }
  const date = isoDate(get(META_NAMES.date)?.raw);
  const meta = {
    format,
    year: Number.isInteger(year) ? year : 0,
    agency: (text(META_NAMES.agency) ?? "").trim(),
    ...(date ? { date } : {}),
  };
  const report = reportFromValues(meta, values, narrative);
  const cells: ReportCells = { meta, cells: interpreted, numbers, narrative };
  const expected = new Set(expectedNames(format).map(lower));
  const problems = bound.problems.filter((p) => expected.has(lower(p.name)));
  if (schema !== undefined && schema.trim() !== SCHEMA_ID) {
    // another version of the contract: read what we know, and say so through the problems list
    problems.push({ name: META_NAMES.schema, problem: "broken", reference: schema });
  }
  return { ok: true, cells, report, cellFaults, addresses, problems };
}

/** The text a cell shows, for text fields (agency, narrative). Numbers become their decimal form. */
function rawText(raw: RawCell | undefined): string | undefined {
  if (!raw) return undefined;
  switch (raw.type) {
    case "text":
      return raw.text;
    case "number":
      return String(raw.value);
    case "boolean":
      return raw.value ? "TRUE" : "FALSE";
    case "error":
      return raw.code;
    case "blank":
      return undefined;
  }
}

/** An Excel date serial, or a date written as text (2025-01-20, 2025/1/20, 2025年1月20日), as ISO 8601. */
function isoDate(raw: RawCell | undefined): string | undefined {
  if (!raw) return undefined;
  let y: number, m: number, d: number;
  if (raw.type === "number") {
    if (!(raw.value > 60 && raw.value < 2958466)) return undefined;
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(raw.value) * 86400000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else if (raw.type === "text") {
    const t = raw.text
      .trim()
      .replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
    const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
    if (!match) return undefined;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return undefined;
  }
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    return undefined;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
