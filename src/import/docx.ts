/**
 * A Word .docx to lines: its body's paragraphs and table rows, read from word/document.xml. Cells merged
 * across columns (gridSpan) appear once and the continuation of a vertical merge (vMerge) as an empty cell,
 * as a person copying the table would see them; nested tables give their own rows. The archive is opened
 * with the same bounded unzip as workbooks (sizes checked before inflating, inflation capped), so a zip bomb
 * is refused in bounded time and memory. Pure (bytes in).
 */
import { Parser } from "htmlparser2";
import { checkDeclaredSizes, inflateEntry, readCentralDirectory, XlsxError } from "../xlsx/zip";
import type { DocLine } from "./lines";

export class DocxError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string
  ) {
    super(en);
  }
}

export function docxLines(bytes: Uint8Array): DocLine[] {
  let xml: string;
  try {
    const entries = readCentralDirectory(bytes);
    const doc = entries.find((e) => e.name === "word/document.xml");
    if (!doc)
      throw new DocxError(
        "这不是 Word 文档（.docx）：缺少 word/document.xml",
        "Not a Word document (.docx): word/document.xml is missing"
      );
    checkDeclaredSizes([doc]);
    xml = new TextDecoder("utf-8").decode(inflateEntry(bytes, doc));
  } catch (error) {
    if (error instanceof XlsxError) {
      if (error.reason === "corrupt")
        throw new DocxError(
          "文件已损坏，无法作为 Word 文档（.docx）打开",
          "The file is corrupt and cannot be opened as a Word document"
        );
      throw new DocxError(error.zh, error.en);
    }
    throw error;
  }
  return documentXmlLines(xml);
}

interface OpenRow {
  cells: string[];
  cell?: string;
  layout?: boolean;
}

/** word/document.xml to lines. */
function documentXmlLines(xml: string): DocLine[] {
  const lines: DocLine[] = [];
  const rows: OpenRow[] = [];
  let para = "";
  let inText = false;
  const flushPara = () => {
    const t = para.replace(/[ \u00A0\u3000]+/g, " ").trim();
    para = "";
    if (!t) return;
    const row = rows[rows.length - 1];
    if (row && row.cell !== undefined && !row.layout) row.cell += (row.cell ? "\n" : "") + t;
    else for (const l of t.split("\n")) if (l.trim()) lines.push({ cells: [l.trim()], row: false });
  };
  const parser = new Parser(
    {
      onopentag(name) {
        switch (name) {
          case "w:t":
            inText = true;
            break;
          case "w:tab":
            para += "\t";
            break;
          case "w:br":
          case "w:cr":
            para += "\n";
            break;
          case "w:tr": {
            flushPara();
            const outer = rows[rows.length - 1];
            if (outer && !outer.layout) {
              outer.layout = true;
              const before = [...outer.cells, outer.cell ?? ""].filter(Boolean);
              for (const l of before.join("\n").split("\n"))
                if (l.trim()) lines.push({ cells: [l.trim()], row: false });
            }
            rows.push({ cells: [] });
            break;
          }
          case "w:tc": {
            const row = rows[rows.length - 1];
            if (row && !row.layout) row.cell = "";
            break;
          }
        }
      },
      ontext(data) {
        if (inText) para += data;
      },
      onclosetag(name) {
        switch (name) {
          case "w:t":
            inText = false;
            break;
          case "w:p":
            flushPara();
            break;
          case "w:tc": {
            flushPara();
            const row = rows[rows.length - 1];
            if (row && !row.layout && row.cell !== undefined) {
              row.cells.push(row.cell);
              row.cell = undefined;
            }
            break;
          }
          case "w:tr": {
            flushPara();
            const row = rows.pop();
            if (row && !row.layout && row.cells.some((c) => c !== ""))
              lines.push({ cells: row.cells, row: true });
            break;
          }
        }
      },
    },
    { xmlMode: true, decodeEntities: true }
  );
  parser.write(xml);
  parser.end();
  flushPara();
  return lines;
}
