/**
 * Last year's report for the cross-year checks: read from report JSON, a workbook made from the template
 * (.xlsx), or a published report (HTML or copied text); and the prefill of 二、上年结转 from last year's
 * 四、结转下年度继续办理, with the number of filled cells it would change (asked before writing).
 */
import { decodeDocument, importPublishedText, type ImportNote } from "../report/import-text";
import { getValue, type CellValue, type Report } from "../report/model";
import { readReportJson, type InputProblem } from "../report/read-json";
import { FORMATS } from "../templates/formats";
import { looksLikeOle, looksLikeZip } from "../xlsx/file-kind";
import { pointerFromSegments, type Pointer } from "../templates/pointers";
import type { TemplateRead } from "./controller";

export type PreviousRead =
  { ok: true; report: Report; notes: ImportNote[] } | { ok: false; problems: InputProblem[] };

export async function readPrevious(input: Uint8Array | string): Promise<PreviousRead> {
  if (typeof input !== "string" && (looksLikeZip(input) || looksLikeOle(input)))
    return readPreviousWorkbook(input);
  const text = typeof input === "string" ? input : decodeDocument(input);
  if (/^\s*[{[]/.test(text)) {
    const json = readReportJson(text);
    return json.ok ? { ok: true, report: json.report, notes: [] } : json;
  }
  const published = importPublishedText(text);
  return published.ok
    ? { ok: true, report: published.report, notes: published.notes }
    : { ok: false, problems: published.notes };
}

/**
 * Last year's workbook. The reader is its own chunk, loaded when a workbook is chosen: most users import
 * JSON or a published page. Cells that cannot be read are said, with their address, as notes.
 */
async function readPreviousWorkbook(bytes: Uint8Array): Promise<PreviousRead> {
  const { workbookReport } = await import(
    /* webpackChunkName: "workbook-reader" */ "../xlsx/workbook-report.js"
  );
  const read = workbookReport(bytes);
  if (!read.ok)
    return {
      ok: false,
      problems: [{ pointer: "", message: read.message, messageEn: read.messageEn }],
    };
  const notes: ImportNote[] = read.notes.map((n) => ({ pointer: "", ...n }));
  for (const [pointer, fault] of read.cellFaults) {
    const at = read.addresses.get(pointer) ?? pointer;
    notes.push({
      pointer: "",
      message: `${at}：${fault.message}；该格按空白读取`,
      messageEn: `${at}: ${fault.messageEn}; it reads as blank`,
    });
  }
  return { ok: true, report: read.report, notes };
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
