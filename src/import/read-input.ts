/**
 * One reading pipeline for every input, used by the command line and the pane alike: bytes in; the report,
 * the faults of cells that could not be read, where each cell is (workbooks) and notes on what was read
 * out. The kind is recognised from the content (a file name only breaks ties): report JSON, a workbook made
 * from the template (.xlsx), a Word file (.docx), a PDF, a saved web page, or text (copied, crawled,
 * extracted from a PDF, recognised by OCR). The readers of workbooks, Word and PDF load only when such a
 * file comes (their own chunks in the pane). Never throws: what cannot be read becomes problems.
 */
import type { CellFault } from "../report/cell";
import type { ReportCells } from "../report/cells-as-read";
import type { Report } from "../report/model";
import { readReportJson, type InputProblem } from "../report/read-json";
import type { Pointer } from "../templates/pointers";
import { looksLikeOle, looksLikeZip } from "../xlsx/file-kind";
import { decodeDocument, looksLikeHtml } from "./decode";
import type { DocLine } from "./lines";
import type { ImportResult } from "./published";

export type InputKind = "json" | "xlsx" | "docx" | "pdf" | "html" | "text";

export interface InputNote {
  message: string;
  messageEn: string;
}

export type ReadInput =
  | {
      ok: true;
      kind: InputKind;
      report: Report;
      /** For a workbook: its cells as read, each interpreted once (what the checks run on). */
      cells?: ReportCells;
      cellFaults?: ReadonlyMap<Pointer, CellFault>;
      /** For a workbook: where each pointer is ("2024年度年报!J12"). */
      addresses?: ReadonlyMap<Pointer, string>;
      notes: InputNote[];
    }
  | { ok: false; kind?: InputKind; problems: InputProblem[] };

/** Files larger than this are refused before they are parsed: a real report is tens or hundreds of KB. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

const problem = (message: string, messageEn: string): InputProblem => ({
  pointer: "",
  message,
  messageEn,
});

const isPdf = (bytes: Uint8Array) =>
  new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).includes("%PDF-");

/** What the bytes are, from their content; `name` decides only between a workbook and a Word file. */
function inputKind(bytes: Uint8Array, name = ""): InputKind {
  if (isPdf(bytes)) return "pdf";
  if (looksLikeZip(bytes)) {
    // the first entry of an Office file is [Content_Types].xml or a part whose folder says what it is
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 64 * 1024));
    const tail = new TextDecoder("latin1").decode(
      bytes.subarray(Math.max(0, bytes.length - 64 * 1024))
    );
    if (/word\/document\.xml/.test(head + tail) && !/xl\/workbook\.xml/.test(head + tail))
      return "docx";
    return "xlsx";
  }
  if (looksLikeOle(bytes)) return /\.docx?$/i.test(name) ? "docx" : "xlsx";
  // a file named as a workbook or Word file that is not one gets that reader's clear message
  if (/\.xls[xm]?$/i.test(name)) return "xlsx";
  if (/\.docx$/i.test(name)) return "docx";
  const text = decodeDocument(bytes.subarray(0, 4096));
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start === "" || start.startsWith("{") || start.startsWith("[")) return "json";
  return looksLikeHtml(text) ? "html" : "text";
}

export async function readInput(bytes: Uint8Array, name = ""): Promise<ReadInput> {
  if (bytes.length > MAX_INPUT_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    const limit = MAX_INPUT_BYTES / 1024 / 1024;
    return {
      ok: false,
      problems: [
        problem(
          `文件过大（${mb} MB），不像是一份年度报告（上限 ${limit} MB）`,
          `File too large (${mb} MB) for an annual report (limit ${limit} MB)`
        ),
      ],
    };
  }
  const kind = inputKind(bytes, name);
  switch (kind) {
    case "json": {
      const result = readReportJson(bytes);
      return result.ok
        ? { ok: true, kind, report: result.report, notes: [] }
        : { ok: false, kind, problems: result.problems };
    }
    case "xlsx":
      return readWorkbook(bytes);
    case "docx":
      return readDocx(bytes, name);
    case "pdf":
      return readPdf(bytes);
    default:
      return published(kind, (await publishedReader()).importPublishedText(decodeDocument(bytes)));
  }
}

/** Pasted text (the pane's text box): JSON or a published report. */
export async function readPastedText(text: string): Promise<ReadInput> {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("{") || start.startsWith("[")) {
    const result = readReportJson(text);
    return result.ok
      ? { ok: true, kind: "json", report: result.report, notes: [] }
      : { ok: false, kind: "json", problems: result.problems };
  }
  return published("text", (await publishedReader()).importPublishedText(text));
}

/** The readers of published reports (text, Markdown, HTML, and the table reader all files share). */
function publishedReader() {
  return import(/* webpackChunkName: "published-reader" */ "./text.js");
}

/** A note names its row or cell by pointer, so that a person can find it. */
function published(kind: InputKind, result: ImportResult): ReadInput {
  const notes = result.notes.map((n) => ({
    message: n.pointer ? `${n.pointer}：${n.message}` : n.message,
    messageEn: n.pointer ? `${n.pointer}: ${n.messageEn}` : n.messageEn,
  }));
  if (!result.ok) {
    return {
      ok: false,
      kind,
      problems: [
        problem(
          `不是报告 JSON、年报模板工作簿，也无法按已发布的年报读取：${result.notes[0].message}`,
          `Neither report JSON, a template workbook, nor a readable published report: ${result.notes[0].messageEn}`
        ),
      ],
    };
  }
  return { ok: true, kind, report: result.report, notes };
}

async function readWorkbook(bytes: Uint8Array): Promise<ReadInput> {
  const { workbookReport } = await import(
    /* webpackChunkName: "workbook-reader" */ "../xlsx/workbook-report.js"
  );
  const read = workbookReport(bytes);
  if (!read.ok)
    return { ok: false, kind: "xlsx", problems: [problem(read.message, read.messageEn)] };
  const { cells, report, cellFaults, addresses, notes } = read;
  return { ok: true, kind: "xlsx", cells, report, cellFaults, addresses, notes };
}

async function readDocx(bytes: Uint8Array, name: string): Promise<ReadInput> {
  if (looksLikeOle(bytes))
    return {
      ok: false,
      kind: "docx",
      problems: [
        problem(
          `旧版 Word 文档（.doc）或已加密的文档无法读取${name ? `：${name}` : ""}；请在 Word 中另存为 .docx 或 PDF`,
          "An old Word document (.doc) or an encrypted one cannot be read: save it as .docx or PDF"
        ),
      ],
    };
  const { docxLines, DocxError } = await import(/* webpackChunkName: "docx-reader" */ "./docx.js");
  let lines: DocLine[];
  try {
    lines = docxLines(bytes);
  } catch (error) {
    if (error instanceof DocxError)
      return { ok: false, kind: "docx", problems: [problem(error.zh, error.en)] };
    throw error;
  }
  return published("docx", (await publishedReader()).importPublishedLines(lines));
}

async function readPdf(bytes: Uint8Array): Promise<ReadInput> {
  const [{ pdfLines, PdfError }, pdfjs] = await Promise.all([
    import(/* webpackChunkName: "pdf-reader" */ "./pdf.js"),
    loadPdfjs(),
  ]);
  let lines: DocLine[];
  try {
    lines = await pdfLines(bytes, pdfjs);
  } catch (error) {
    if (error instanceof PdfError)
      return { ok: false, kind: "pdf", problems: [problem(error.zh, error.en)] };
    return {
      ok: false,
      kind: "pdf",
      problems: [
        problem(
          `PDF 无法读取：${(error as Error)?.message ?? error}`,
          `The PDF cannot be read: ${(error as Error)?.message ?? error}`
        ),
      ],
    };
  }
  return published("pdf", (await publishedReader()).importPublishedLines(lines));
}

/**
 * pdfjs-dist's legacy build (Node 20 and the pane's webviews). Its worker runs on this thread: the worker
 * module is loaded as `globalThis.pdfjsWorker`, which pdfjs uses instead of starting a Worker, so neither
 * Node nor the pane needs a separate worker file to be served.
 */
async function loadPdfjs(): Promise<import("./pdf.js").PdfjsLike> {
  const holder = globalThis as { pdfjsWorker?: unknown };
  if (!holder.pdfjsWorker)
    holder.pdfjsWorker = await import(
      /* webpackChunkName: "pdf-reader" */ "pdfjs-dist/legacy/build/pdf.worker.mjs"
    );
  const pdfjs = await import(
    /* webpackChunkName: "pdf-reader" */ "pdfjs-dist/legacy/build/pdf.mjs"
  );
  return pdfjs as unknown as import("./pdf.js").PdfjsLike;
}
