/**
 * The report model: exactly the JSON of docs/report-json.md. Cells are addressed by JSON Pointer;
 * the model is built only from the format definitions, so no key outside them can get in.
 */
import { cellDefs } from "../templates/cells";
import { FORMATS, type FormatId } from "../templates/formats";
import { segmentsOfPointer, type Pointer } from "../templates/pointers";

import { SCHEMA_ID } from "../templates/value-kind";

export { SCHEMA_ID };

export type CellValue = number | null;
export interface Section {
  [key: string]: Section | CellValue;
}

export type NarrativeKey = "overview" | "problems" | "other";

export interface Report {
  schema: typeof SCHEMA_ID;
  format: FormatId;
  year: number;
  agency: string;
  date?: string;
  narrative: Record<NarrativeKey, string>;
  proactive: Section;
  requests: Section;
  appeals: Section;
}

export type ReportMeta = Pick<Report, "format" | "year" | "agency" | "date">;

/** A report of the given format with every cell blank and every narrative empty. */
export function emptyReport(meta: ReportMeta): Report {
  return reportFromValues(meta, new Map(), { overview: "", problems: "", other: "" });
}

/** Builds a report in document order from cell values by pointer (absent = blank). */
export function reportFromValues(
  meta: ReportMeta,
  values: ReadonlyMap<Pointer, CellValue>,
  narrative: Record<NarrativeKey, string>
): Report {
  const report: Report = {
    schema: SCHEMA_ID,
    format: meta.format,
    year: meta.year,
    agency: meta.agency,
    ...(meta.date ? { date: meta.date } : {}),
    narrative: {
      overview: narrative.overview,
      problems: narrative.problems,
      other: narrative.other,
    },
    proactive: {},
    requests: {},
    appeals: {},
  };
  for (const def of cellDefs(meta.format)) {
    setIn(report, segmentsOfPointer(def.pointer), values.get(def.pointer) ?? null);
  }
  return report;
}

/** The value at a cell pointer; undefined when the report has no such cell. */
export function getValue(report: Report, pointer: Pointer): CellValue | undefined {
  let node: unknown = report;
  for (const seg of segmentsOfPointer(pointer)) {
    if (
      node === null ||
      typeof node !== "object" ||
      !Object.prototype.hasOwnProperty.call(node, seg)
    ) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[seg];
  }
  return typeof node === "number" || node === null ? node : undefined;
}

/** All cell values of the report's format, by pointer, in document order. */
export function cellValues(report: Report): Map<Pointer, CellValue> {
  const out = new Map<Pointer, CellValue>();
  for (const def of cellDefs(report.format))
    out.set(def.pointer, getValue(report, def.pointer) ?? null);
  return out;
}

function setIn(target: object, segments: string[], value: CellValue): void {
  let node = target as Record<string, unknown>;
  for (const seg of segments.slice(0, -1)) {
    if (!Object.prototype.hasOwnProperty.call(node, seg)) node[seg] = {};
    node = node[seg] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]] = value;
}

export const NARRATIVE_KEYS: readonly NarrativeKey[] = FORMATS["2021"].narrative.map((n) => n.key);
