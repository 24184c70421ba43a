/**
 * A PDF's text to lines, rebuilt from the positions of its text items: items on one baseline form a line,
 * and a gap wider than the text's height starts a new cell, so table rows come back as rows of cells.
 * Page numbers are dropped. pdfjs-dist does the parsing; it is passed in (loaded on demand by the caller,
 * Node's legacy build in the command line, a chunk of its own in the pane), so this module stays small.
 */
import { isPageNumber, type DocLine } from "./lines";
import { canonicalText } from "./normalise";

/** A real report is a few pages to a few dozen: longer files are refused before any page is read. */
export const MAX_PDF_PAGES = 100;

/** The part of pdfjs-dist's API used here. */
export interface PdfjsLike {
  getDocument(src: {
    data: Uint8Array;
    isEvalSupported?: boolean;
    disableFontFace?: boolean;
    useSystemFonts?: boolean;
    verbosity?: number;
    stopAtErrors?: boolean;
  }): { promise: Promise<PdfDocumentLike>; destroy(): Promise<void> };
}
interface PdfDocumentLike {
  numPages: number;
  getPage(n: number): Promise<{
    getTextContent(): Promise<{ items: unknown[] }>;
    cleanup(): void;
  }>;
}
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

export class PdfError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string
  ) {
    super(en);
  }
}

export async function pdfLines(bytes: Uint8Array, pdfjs: PdfjsLike): Promise<DocLine[]> {
  const task = openPdf(pdfjs, bytes);
  let doc: PdfDocumentLike;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === "PasswordException")
      throw new PdfError(
        "PDF 已加密，请先取消密码保护",
        "The PDF is encrypted: remove the password first"
      );
    throw new PdfError(
      "文件已损坏，无法作为 PDF 打开",
      "The file is corrupt and cannot be opened as PDF"
    );
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES)
      throw new PdfError(
        `PDF 有 ${doc.numPages} 页，不像是一份年度报告（上限 ${MAX_PDF_PAGES} 页），未读取`,
        `The PDF has ${doc.numPages} pages, too many for an annual report (limit ${MAX_PDF_PAGES}); not read`
      );
    const lines: DocLine[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      lines.push(...pageLines(content.items.filter(isTextItem)));
      page.cleanup();
    }
    return lines;
  } finally {
    await task.destroy();
  }
}

/** pdfjs transfers (detaches) the buffer it is given: a copy keeps the caller's bytes intact. */
function openPdf(pdfjs: PdfjsLike, bytes: Uint8Array) {
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
}

function isTextItem(item: unknown): item is TextItem {
  return typeof (item as TextItem)?.str === "string" && Array.isArray((item as TextItem).transform);
}

/** One page's items to lines of cells, top to bottom, left to right. */
export function pageLines(items: TextItem[]): DocLine[] {
  const placed = items
    .filter((i) => i.str.trim() !== "")
    .map((i) => ({
      str: canonicalText(i.str),
      x: i.transform[4],
      y: i.transform[5],
      w: i.width,
      h: Math.abs(i.height) || Math.abs(i.transform[3]) || 10,
    }))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  // items whose baselines are close chain into one line; a new line starts at a gap of a third of the text
  // height (a group label centred beside two rows sits a few points off both and stays a line of its own)
  const rows: (typeof placed)[] = [];
  let lastY = Infinity;
  for (const item of placed) {
    const row = rows[rows.length - 1];
    if (row && lastY - item.y <= item.h * 0.35) row.push(item);
    else rows.push([item]);
    lastY = item.y;
  }
  const out: DocLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    const cells: string[] = [];
    let end = -Infinity;
    for (const item of row) {
      const gap = item.x - end;
      if (cells.length === 0 || gap > item.h * 0.9) cells.push(item.str.trim());
      else cells[cells.length - 1] += (gap > item.h * 0.2 ? " " : "") + item.str.trim();
      end = Math.max(end, item.x + item.w);
    }
    if (isPageNumber(cells.join(" "))) continue;
    out.push({ cells, row: true });
  }
  return out;
}
