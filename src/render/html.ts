/**
 * The report as one self-contained HTML page, laid out as the statutory format prints: no scripts, no
 * links, no fonts or images fetched. All styling is in the single <style> element of the head (no style
 * attributes), so a portal's content-security policy needs only to allow inline styles. Every piece of
 * user text passes through escapeHtml.
 */
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

export interface HtmlOptions extends RenderOptions {
  lang?: "zh";
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** The one escape for text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Fonts as Chinese government documents use them (GB/T 9704): 仿宋 body, 黑体 part headings, 小标宋 title;
// each stack ends with faces found on Mac, Linux and phones. Tables use a Song face, clearer at small sizes.
const FANGSONG = `"FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif`;
const SONG = `"SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif`;
const HEI = `"SimHei", "黑体", "Heiti SC", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`;
const TITLE = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "SimHei", "Heiti SC", "Noto Serif CJK SC", serif`;

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 50rem; color: #000; background: #fff;
  font-family: ${FANGSONG}; font-size: 1.125rem; line-height: 1.8; }
h1 { font-family: ${TITLE}; font-weight: bold; font-size: 1.6rem; line-height: 1.5; text-align: center;
  margin: 0.5em 0 1em; overflow-wrap: anywhere; }
h2 { font-family: ${HEI}; font-weight: normal; font-size: 1.125rem; margin: 1.2em 0 0.4em;
  text-indent: 2em; break-after: avoid; page-break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; white-space: pre-wrap; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.6em 0 1em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-family: ${SONG};
  font-size: 0.875rem; line-height: 1.35; }
table.requests { min-width: 44rem; }
table.appeals { min-width: 46rem; }
th, td { border: 1px solid #000; padding: 0.25em 0.3em; text-align: center; vertical-align: middle;
  font-weight: normal; overflow-wrap: anywhere; }
th.label { text-align: left; }
th.caption { text-align: left; font-weight: bold; }
td { font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.signature { margin-top: 2.5em; text-align: right; }
.signature p { text-indent: 0; text-align: right; padding-right: 2em; }
.draft-banner { border: 2px solid #c00; color: #c00; font-family: ${HEI}; text-align: center;
  text-indent: 0; padding: 0.3em; margin-bottom: 1em; }
.watermark { position: fixed; top: 50%; left: 50%; transform: translate(-50%, -50%) rotate(-35deg);
  font-family: ${HEI}; font-size: 9rem; color: rgba(204, 0, 0, 0.12); pointer-events: none;
  user-select: none; white-space: nowrap; z-index: 10; }
@media (max-width: 36rem) {
  body { font-size: 1rem; padding: 1rem 0.75rem 2rem; }
  h1 { font-size: 1.3rem; }
  h2 { font-size: 1rem; text-indent: 0; }
  .watermark { font-size: 5rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 16pt; line-height: 28pt; }
  h1 { font-size: 22pt; line-height: 1.4; }
  h2 { font-size: 16pt; }
  .table-wrap { overflow: visible; }
  table, table.requests, table.appeals { min-width: 0; font-size: 10.5pt; line-height: 1.3; }
  table.appeals { font-size: 9pt; }
  .draft-banner, .watermark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const doc = buildDocument(report, options);
  const title = doc.title + (doc.draft ? DRAFT_TITLE_SUFFIX : "");
  const body = [
    doc.draft ? `<div class="watermark" aria-hidden="true">${DRAFT_MARK}</div>` : "",
    doc.draft ? `<p class="draft-banner" role="note">${DRAFT_NOTICE}</p>` : "",
    `<h1>${escapeHtml(title)}</h1>`,
    ...doc.parts.map(renderPart),
    `<div class="signature"><p>${escapeHtml(doc.agency)}</p>` +
      (doc.date ? `<p>${escapeHtml(doc.date)}</p>` : "") +
      `</div>`,
  ];
  return [
    "<!DOCTYPE html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    `<body${doc.draft ? ' class="draft"' : ""}>`,
    ...body.filter((s) => s !== ""),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function renderPart(part: DocPart): string {
  const heading = `<h2>${escapeHtml(part.heading)}</h2>`;
  if (part.kind === "narrative")
    return [heading, ...part.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`)].join("\n");
  return `<section class="part">\n${heading}\n${renderTable(part.table)}\n</section>`;
}

function renderTable(table: DocTable): string {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const cols = table.widths
    .map((w) => `<col class="w" span="1" width="${((100 * w) / total).toFixed(2)}%">`)
    .join("");
  const rows: string[][] = Array.from({ length: table.rows }, () => []);
  const ordered = [...table.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  for (const cell of ordered) rows[cell.row].push(renderCell(cell));
  const tr = (cells: string[]) => `<tr>${cells.join("")}</tr>`;
  const head = rows.slice(0, table.headerRows).map(tr).join("\n");
  const bodyRows = rows.slice(table.headerRows).map(tr).join("\n");
  return [
    `<div class="table-wrap"><table class="${table.id}">`,
    `<colgroup>${cols}</colgroup>`,
    head ? `<thead>\n${head}\n</thead>` : "",
    `<tbody>\n${bodyRows}\n</tbody>`,
    `</table></div>`,
  ]
    .filter((s) => s !== "")
    .join("\n");
}

function renderCell(cell: DocCell): string {
  const span =
    (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : "") +
    (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : "");
  const text = escapeHtml(cell.text);
  switch (cell.role) {
    case "value":
      return `<td${span} data-pointer="${escapeHtml(cell.pointer ?? "")}">${text}</td>`;
    case "label":
      return `<th${span} class="label" scope="${cell.rowSpan > 1 ? "rowgroup" : "row"}">${text}</th>`;
    case "caption":
      return `<th${span} class="caption" scope="colgroup">${text}</th>`;
    default:
      return `<th${span} scope="${cell.colSpan > 1 ? "colgroup" : "col"}">${text}</th>`;
  }
}
