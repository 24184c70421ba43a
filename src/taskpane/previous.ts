/**
 * Last year's report for the cross-year checks: read by the one reading pipeline from report JSON, a
 * workbook made from the template (.xlsx), a published report (web page, text, PDF or Word), or pasted
 * text; and the prefill of 二、上年结转 from last year's 四、结转下年度继续办理, with the number of filled
 * cells it would change (asked before writing).
 */
import type { CellFault } from "../checks/evaluate";
import { readInput, readPastedText, type ReadInput } from "../import/read-input";
import type { ImportNote } from "../import/published";
import { getValue, type CellValue, type Report } from "../report/model";
import type { InputProblem } from "../report/read-json";
import { FORMATS } from "../templates/formats";
import { pointerFromSegments, type Pointer } from "../templates/pointers";
import type { TemplateRead } from "./checked";

type PreviousRead =
  | {
      ok: true;
      report: Report;
      notes: ImportNote[];
      /** A workbook's cells that could not be read as numbers (null in the report, said in the notes). */
      cellFaults?: ReadonlyMap<Pointer, CellFault>;
    }
  | { ok: false; problems: InputProblem[] };

export async function readPrevious(input: Uint8Array | string): Promise<PreviousRead> {
  return asPrevious(await (typeof input === "string" ? readPastedText(input) : readInput(input)));
}

/** Cells of a workbook that cannot be read are said, with their address, as notes: they read as blank. */
function asPrevious(read: ReadInput): PreviousRead {
  if (!read.ok) return { ok: false, problems: read.problems };
  const notes: ImportNote[] = read.notes.map((n) => ({ pointer: "", ...n }));
  for (const [pointer, fault] of read.cellFaults ?? []) {
    const at = read.addresses?.get(pointer) ?? pointer;
    notes.push({
      pointer: "",
      message: `${at}：${fault.message}；该格按空白读取`,
      messageEn: `${at}: ${fault.messageEn}; it reads as blank`,
    });
  }
  return { ok: true, report: read.report, notes, cellFaults: read.cellFaults };
}

export interface CarryOverPlan {
  values: Map<Pointer, CellValue>;
  /** Filled cells whose value would change. */
  overwrites: number;
}

/** 二、上年结转 of this year from 四、结转下年度继续办理 of last year, column by column; equal cells are left alone. */
export function planCarryOver(current: TemplateRead, previous: Report): CarryOverPlan {
  const values = new Map<Pointer, CellValue>();
  let overwrites = 0;
  for (const col of FORMATS[current.report.format].requests.columns) {
    const target = pointerFromSegments(["requests", "carriedOver", col.key]);
    const source = getValue(previous, pointerFromSegments(["requests", "carriedForward", col.key]));
    if (source === undefined || source === null) continue;
    const now = getValue(current.report, target) ?? null;
    if (now === source && !current.cellFaults.has(target)) continue;
    if (now !== null || current.cellFaults.has(target)) overwrites++;
    values.set(target, source);
  }
  return { values, overwrites };
}
