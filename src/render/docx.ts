/**
 * The report as a Word document (docx library): real Word tables with merged cells and repeating header
 * rows, laid out on A4 as GB/T 9704-2012 《党政机关公文格式》 sets government documents.
 */
import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IRunOptions,
} from "docx";
import { TextWatermark } from "docx/watermarks";
import type { Report } from "../report/model";
import {
  buildDocument,
  DRAFT_MARK,
  DRAFT_NOTICE,
  DRAFT_TITLE_SUFFIX,
  type DocCell,
  type DocPart,
  type DocTable,
  type RenderOptions,
} from "./document";

// A4 and the margins of GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 28 mm, leaving a 156 × 225 mm type area.
// Bottom and right are what remains of 297 × 210 mm: 297 − 37 − 225 = 35, 210 − 28 − 156 = 26.
const PAGE = { width: 11906, height: 16838 };
const MARGIN = {
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
  header: convertMillimetersToTwip(20),
  footer: convertMillimetersToTwip(20),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

// Fonts: Word takes CJK characters from eastAsia and digits/Latin from ascii/hAnsi. GB/T 9704 prints the
// body in 仿宋 三号 (16 pt), first-level headings in 黑体 and the title in 小标宋 二号 (22 pt).
// - 仿宋 (FangSong) ships with Windows since Vista and with Office for Mac; a Mac without Office substitutes
//   华文仿宋 (STFangsong). 仿宋_GB2312 is the older Windows XP name; Windows maps it to 仿宋 where missing.
// - 黑体 (SimHei) ships with Windows and Office for Mac; macOS alone substitutes 黑体-简 (Heiti SC).
// - 方正小标宋简体 is what government offices install for titles; where it is missing Word and LibreOffice
//   fall back to a Song face (宋体 / 宋体-简 Songti SC / Noto Serif CJK), still a serif title.
// - Tables use 宋体 (SimSun; Mac: Songti SC): 仿宋's thin strokes blur at the 10.5 pt tables need.
const FONT = {
  body: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋" },
  heading: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" },
  title: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "方正小标宋简体" },
  table: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" },
};
// Half-points. Tables print in 五号 (10.5 pt): part 四's 15 columns then get 10.4 mm each in portrait,
// room for two characters a line (结果/维持) and four digits. Portrait keeps every page the same way up in
// a bound report, which a landscape section would not.
const SIZE = { body: 32, title: 44, table: 21, page: 28 };
// GB/T 9704: 22 lines of 28 characters in the type area, i.e. a line pitch of 225 mm / 22 ≈ 29 pt.
const LINE = { line: 580, lineRule: LineRuleType.EXACT };
const INDENT_2_CHARS = 640; // two 16 pt characters

export async function renderDocx(report: Report, options: RenderOptions = {}): Promise<Uint8Array> {
  const doc = buildDocument(report, options);
  const title = doc.title + (doc.draft ? DRAFT_TITLE_SUFFIX : "");
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 580, line: 760, lineRule: LineRuleType.AT_LEAST },
      children: [new TextRun({ text: title, font: FONT.title, size: SIZE.title })],
    }),
    ...doc.parts.flatMap(partBlocks),
    ...signature(doc.agency, doc.date),
  ];
  const document = new Document({
    creator: "nianbao",
    title,
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        headers: doc.draft ? { default: draftHeader() } : undefined,
        footers: { default: pageNumberFooter() },
        children,
      },
    ],
  });
  return Packer.pack(document, "uint8array");
}

function partBlocks(part: DocPart): (Paragraph | Table)[] {
  const heading = new Paragraph({
    keepNext: true,
    indent: { firstLine: INDENT_2_CHARS },
    spacing: { ...LINE, before: part.kind === "table" || part.part === "五" ? 290 : 0 },
    children: [new TextRun({ text: part.heading, font: FONT.heading })],
  });
  if (part.kind === "table") return [heading, wordTable(part.table)];
  return [heading, ...part.paragraphs.map(bodyParagraph)];
}

// Left-aligned, not justified: LibreOffice (7.4) drops a full-width comma that hangs at the end of a
// justified line, and lines of equal-width CJK characters end flush without justification anyway.
function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    indent: { firstLine: INDENT_2_CHARS },
    spacing: LINE,
    children: runs(text, {}),
  });
}

/** Tabs survive as Word tabs; docx escapes &, < and > itself. */
function runs(text: string, style: IRunOptions): TextRun[] {
  return text
    .split("\t")
    .map((piece, i) => new TextRun({ ...style, text: piece, ...(i > 0 ? { tab: true } : {}) }));
}

// GB/T 9704 §7.3.5: 成文日期 right-aligned, four characters from the right edge; the agency above it.
function signature(agency: string, date: string): Paragraph[] {
  const line = (text: string, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 2 * INDENT_2_CHARS },
      spacing: { ...LINE, before },
      keepNext: true,
      children: runs(text, {}),
    });
  return date ? [line(agency, 1160), line(date)] : [line(agency, 1160)];
}

function wordTable(table: DocTable): Table {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const columnWidths = table.widths.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const owner = coverage(table);
  const rows: TableRow[] = [];
  for (let r = 0; r < table.rows; r++) {
    const cells: TableCell[] = [];
    for (let c = 0; c < table.columns;) {
      const cell = owner[r][c];
      const span = cell?.colSpan ?? 1;
      const width = columnWidths.slice(c, c + span).reduce((a, b) => a + b, 0);
      cells.push(wordCell(cell, r, width));
      c += span;
    }
    rows.push(
      new TableRow({
        children: cells,
        cantSplit: true,
        tableHeader: r < table.headerRows,
        keepNext: keepsWithNext(owner[r], r),
      })
    );
  }
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
  });
}

/**
 * A row stays on the page of the next one while a merged label spans both, so that a label such as
 * 「三、本年度办理结果」 is never cut across pages, and a caption or header stays with its first data row.
 */
function keepsWithNext(rowCells: (DocCell | undefined)[], r: number): boolean {
  return rowCells.some(
    (c) => c && (c.role === "caption" || c.role === "header" || r < c.row + c.rowSpan - 1)
  );
}

/** Which grid cell covers each (row, column): Word needs a cell at every position of a merged area. */
function coverage(table: DocTable): (DocCell | undefined)[][] {
  const owner = Array.from({ length: table.rows }, () =>
    Array<DocCell | undefined>(table.columns).fill(undefined)
  );
  for (const cell of table.cells)
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++)
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) owner[r][c] = cell;
  return owner;
}

/** The cell starting a merged area carries the text ("restart"); the ones below it "continue" it. */
function wordCell(cell: DocCell | undefined, row: number, width: number): TableCell {
  const base = {
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 30, bottom: 30, left: 50, right: 50 },
    ...(cell && cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
  };
  if (cell && cell.row !== row)
    return new TableCell({
      ...base,
      verticalMerge: VerticalMergeType.CONTINUE,
      children: [new Paragraph({})],
    });
  const left = cell?.role === "label" || cell?.role === "caption";
  return new TableCell({
    ...base,
    ...(cell && cell.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
    children: [
      new Paragraph({
        alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [
          new TextRun({
            text: cell?.text ?? "",
            font: FONT.table,
            size: SIZE.table,
            bold: cell?.role === "caption",
          }),
        ],
      }),
    ],
  });
}

// The page number as GB/T 9704 §7.5 prints it: 4号 Arabic digits between two em dashes.
function pageNumberFooter(): Footer {
  const style = { font: FONT.table, size: SIZE.page };
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ ...style, text: "— " }),
          new TextRun({ ...style, children: [PageNumber.CURRENT] }),
          new TextRun({ ...style, text: " —" }),
        ],
      }),
    ],
  });
}

/** Every page of a draft: Word's own diagonal watermark 「草稿」 and a red notice at the top. */
function draftHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextWatermark({ text: DRAFT_MARK, font: "SimHei", color: "FF0000", opacity: 0.12 }),
          new TextRun({
            text: DRAFT_NOTICE,
            font: FONT.heading,
            size: 28,
            color: "CC0000",
            bold: true,
          }),
        ],
      }),
    ],
  });
}
