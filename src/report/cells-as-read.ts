/**
 * The cells as read: each value cell's interpretation by pointer, with the metadata and the narratives.
 * What the checks run on, so that a cell is interpreted once, where it is read; the nested Report (the JSON
 * shape of report-json.md) is built from it only where that shape is needed, and back only for JSON input.
 */
import { cellDefs, type CellDef } from "../templates/cells";
import type { FormatId } from "../templates/formats";
import { segmentsOfPointer, type Pointer } from "../templates/pointers";
import type { CellFault, Interpretation } from "./cell";
import { interpretCell } from "./interpret";
import type { NarrativeKey, Report, ReportMeta } from "./model";

export interface ReportCells {
  meta: ReportMeta;
  /** Every value cell that is not blank, by pointer; a pointer absent here is a blank cell. */
  cells: ReadonlyMap<Pointer, Interpretation>;
  /**
   * What arithmetic reads: the number each cell holds, whether or not it is valid for its kind (a negative
   * count is still a number, as SUM and COUNT read it); text, errors and blanks are absent.
   */
  numbers: ReadonlyMap<Pointer, number>;
  narrative: Record<NarrativeKey, string>;
}

/** The number a cell holds, or undefined when it is blank or holds no number. */
export function numberAt(cells: ReportCells, pointer: Pointer): number | undefined {
  return cells.numbers.get(pointer);
}

/** The fault of an invalid interpretation, as readers and findings carry it. */
export function faultOf(c: Extract<Interpretation, { status: "invalid" }>): CellFault {
  return {
    problem: c.problem,
    message: c.message,
    messageEn: c.messageEn,
    ...(c.fix !== undefined ? { fix: c.fix } : {}),
  };
}

const pathCache = new Map<FormatId, [CellDef, string[]][]>();

/** Each cell definition with its pointer's segments, parsed once per format. */
function defPaths(format: FormatId): [CellDef, string[]][] {
  let paths = pathCache.get(format);
  if (!paths) {
    paths = cellDefs(format).map((d) => [d, segmentsOfPointer(d.pointer)]);
    pathCache.set(format, paths);
  }
  return paths;
}

/**
 * A report as JSON holds it, read as cells: each number is interpreted for its cell's kind (a negative
 * count, a fraction in a count); `faults` are what a reader already found in cells the report holds as null.
 */
export function cellsOfReport(
  report: Report,
  faults: ReadonlyMap<Pointer, CellFault> = new Map()
): ReportCells {
  const cells = new Map<Pointer, Interpretation>();
  const numbers = new Map<Pointer, number>();
  for (const [def, path] of defPaths(report.format)) {
    const fault = faults.get(def.pointer);
    if (fault) {
      cells.set(def.pointer, { status: "invalid", ...fault });
      continue;
    }
    // The segments are the format's own keys (letters only, never a prototype's), so plain lookups do.
    let node: unknown = report;
    let i = 0;
    for (; i < path.length && node !== null && typeof node === "object"; i++)
      node = (node as Record<string, unknown>)[path[i]];
    if (i < path.length || typeof node !== "number") continue;
    cells.set(def.pointer, interpretCell({ type: "number", value: node }, def.kind));
    if (Number.isFinite(node)) numbers.set(def.pointer, node);
  }
  const { format, year, agency, date } = report;
  return {
    meta: { format, year, agency, ...(date ? { date } : {}) },
    cells,
    numbers,
    narrative: { ...report.narrative },
  };
}
