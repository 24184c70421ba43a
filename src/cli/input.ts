/**
 * Reading the files the command line is given: report JSON, and .xlsx workbooks made from the template
 * (recognised by their content, not their name), and published reports (text or HTML). Never throws: a file that
 * cannot be read becomes a list of problems, and the batch goes on.
 */
import { readFile } from "node:fs/promises";
import type { CellFault } from "../report/cell";
import { cellsOfReport, type ReportCells } from "../report/cells-as-read";
import type { Report } from "../report/model";
import { decodeDocument, importPublishedText } from "../report/import-text";
import { readReportJson, type InputProblem } from "../report/read-json";
import type { Pointer } from "../templates/pointers";
import { looksLikeOle, looksLikeZip } from "../xlsx/file-kind";
import { workbookReport, type InputNote } from "../xlsx/workbook-report";

export type { InputNote };

export type LoadedInput =
  | {
      ok: true;
      name: string;
      report: Report;
      /** For a workbook: its cells as read, each interpreted once (what the checks run on). */
      cells?: ReportCells;
      cellFaults?: ReadonlyMap<Pointer, CellFault>;
      /** For a workbook: where each pointer is ("2024年度年报!J12"). */
      addresses?: ReadonlyMap<Pointer, string>;
      notes?: InputNote[];
    }
  | { ok: false; name: string; problems: InputProblem[] };

/** Report files larger than this are refused before they are parsed: a real report is a few tens of KB. */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;

export async function loadInput(
  path: string,
  stdin: () => Promise<Buffer> = readStdin
): Promise<LoadedInput> {
  const name = path === "-" ? "（标准输入）" : path;
  let bytes: Buffer;
  try {
    bytes = path === "-" ? await stdin() : await readFile(path);
  } catch (error) {
    return { ok: false, name, problems: [fileProblem(error)] };
  }
  if (bytes.length > MAX_JSON_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      name,
      problems: [
        {
          pointer: "",
          message: `文件过大（${mb} MB），不像是一份年度报告（上限 ${MAX_JSON_BYTES / 1024 / 1024} MB）`,
          messageEn: `File too large (${mb} MB) for an annual report (limit ${MAX_JSON_BYTES / 1024 / 1024} MB)`,
        },
      ],
    };
  }
  if (looksLikeZip(bytes) || looksLikeOle(bytes) || /\.xls[xm]?$/i.test(path))
    return loadWorkbook(name, bytes);
  if (!looksLikeJson(bytes)) return loadPublished(name, bytes);
  const result = readReportJson(bytes);
  return result.ok
    ? { ok: true, name, report: result.report }
    : { ok: false, name, problems: result.problems };
}

/** The cells the checks run on: a workbook's as read; a report's (JSON, published text) from its numbers. */
export function cellsOfInput(input: Extract<LoadedInput, { ok: true }>): ReportCells {
  return input.cells ?? cellsOfReport(input.report, input.cellFaults);
}

/** JSON starts with { or [ after optional BOM and white space; anything else is read as a published report. */
function looksLikeJson(bytes: Buffer): boolean {
  const head = bytes
    .subarray(0, 64)
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  return head === "" || head.startsWith("{") || head.startsWith("[");
}

/** A published report (text or HTML, UTF-8 or GB18030), read back by its labels. */
function loadPublished(name: string, bytes: Buffer): LoadedInput {
  const result = importPublishedText(decodeDocument(bytes));
  const notes = result.notes.map((n) => ({
    message: n.pointer ? `${n.pointer}：${n.message}` : n.message,
    messageEn: n.pointer ? `${n.pointer}: ${n.messageEn}` : n.messageEn,
  }));
  if (!result.ok) {
    return {
      ok: false,
      name,
      problems: [
        {
          pointer: "",
          message: `不是报告 JSON、年报模板工作簿，也无法按已发布的年报读取：${result.notes[0].message}`,
          messageEn: `Neither report JSON, a template workbook, nor a readable published report: ${result.notes[0].messageEn}`,
        },
      ],
    };
  }
  return { ok: true, name, report: result.report, notes };
}

function loadWorkbook(name: string, bytes: Buffer): LoadedInput {
  const read = workbookReport(bytes);
  if (!read.ok)
    return {
      ok: false,
      name,
      problems: [{ pointer: "", message: read.message, messageEn: read.messageEn }],
    };
  const { cells, report, cellFaults, addresses, notes } = read;
  return { ok: true, name, cells, report, cellFaults, addresses, notes };
}

function fileProblem(error: unknown): InputProblem {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, [string, string]> = {
    ENOENT: ["文件不存在", "no such file"],
    EACCES: ["没有读取权限", "permission denied"],
    EISDIR: ["这是一个文件夹，不是文件", "is a directory"],
  };
  const [zh, en] = (code && reasons[code]) || [
    "无法读取",
    String((error as Error)?.message ?? error),
  ];
  return { pointer: "", message: `无法读取文件：${zh}`, messageEn: `Cannot read the file: ${en}` };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buf.length;
    chunks.push(buf);
    if (size > MAX_JSON_BYTES) break; // enough to say it is too large
  }
  return Buffer.concat(chunks);
}
