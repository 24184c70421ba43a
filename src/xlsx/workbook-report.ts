/**
 * A workbook file made from the template → its report, with what is wrong with it said as notes: the one
 * reading of an .xlsx that the command line and the task pane (last year's report) share.
 */
import type { CellFault } from "../report/cell";
import { reportFromWorkbook, type BindingProblem } from "../report/from-cells";
import type { ReportCells } from "../report/cells-as-read";
import type { Report } from "../report/model";
import type { Pointer } from "../templates/pointers";
import { readWorkbook } from "./read-workbook";

/** Something the reader wants said about a readable input (a broken name, a formula without a result). */
export interface InputNote {
  message: string;
  messageEn: string;
}

export type WorkbookReport =
  | {
      ok: true;
      cells: ReportCells;
      report: Report;
      cellFaults: Map<Pointer, CellFault>;
      /** Where each pointer is in the workbook ("2024年度年报!J12"). */
      addresses: Map<Pointer, string>;
      notes: InputNote[];
    }
  | { ok: false; message: string; messageEn: string };

export function workbookReport(bytes: Uint8Array): WorkbookReport {
  const read = readWorkbook(bytes);
  if (!read.ok) return { ok: false, message: read.error.zh, messageEn: read.error.en };
  const result = reportFromWorkbook(read.bound);
  if (!result.ok) {
    const message =
      result.reason === "not-a-template"
        ? result.message
        : `不是可读取的年报模板：${result.message}`;
    return { ok: false, message, messageEn: result.messageEn };
  }
  const { cells, report, cellFaults, addresses } = result;
  return {
    ok: true,
    cells,
    report,
    cellFaults,
    addresses,
    notes: [...result.problems.map(bindingNote), ...read.notes],
  };
}

/** A name the template needs that is missing or broken: its cell reads as blank, and we say why. */
function bindingNote(p: BindingProblem): InputNote {
  const at = p.reference ? `（${p.reference}）` : "";
  const atEn = p.reference ? ` (${p.reference})` : "";
  switch (p.problem) {
    case "missing":
      return {
        message: `名称 ${p.name} 不存在，该单元格按空白读取；可用加载项的“修复”恢复名称`,
        messageEn: `The name ${p.name} is missing; its cell reads as blank (the add-in can repair names)`,
      };
    case "broken":
      return {
        message: `名称 ${p.name} 已损坏${at}，该单元格按空白读取；可用加载项的“修复”恢复名称`,
        messageEn: `The name ${p.name} is broken${atEn}; its cell reads as blank`,
      };
    case "not-single-cell":
      return {
        message: `名称 ${p.name} 指向多个单元格${at}，应只指向一个；该单元格按空白读取`,
        messageEn: `The name ${p.name} refers to more than one cell${atEn}; it reads as blank`,
      };
  }
}
