/**
 * A saved web page to lines, with a real HTML parser (htmlparser2, which decodes every named and numeric
 * entity): each table row becomes a row of cells (an empty cell kept: position matters; a merged cell
 * appears once, as the reader is driven by labels, not by grid position); `<br>` and paragraphs inside a
 * cell stay inside it; a table nested in a layout table gives its own rows; text outside tables gives lines.
 * Scripts, styles and comments are dropped. Pure.
 */
import { Parser } from "htmlparser2";
import type { DocLine } from "./lines";

const BLOCK = new Set([
  "p",
  "div",
  "br",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "section",
  "article",
  "header",
  "footer",
  "blockquote",
  "pre",
  "table",
  "tr",
  "title",
]);
const SKIP = new Set(["script", "style", "noscript", "template", "head"]);

interface OpenRow {
  cells: string[];
  /** The cell being filled, or undefined between cells. */
  cell?: string;
  /** A layout row: it holds a table, so its own text is read as lines, in order. */
  layout?: boolean;
}

export interface HtmlDocument {
  lines: DocLine[];
  /** The page's <title>, where titles of portals often are. */
  title?: string;
}

export function htmlLines(html: string): HtmlDocument {
  const lines: DocLine[] = [];
  const rows: OpenRow[] = []; // nested tables: the innermost row last
  let text = "";
  let skip = 0;
  let inTitle = false;
  let title = "";

  const flushText = () => {
    for (const l of text.split("\n")) {
      const t = l.replace(/[ \t\u00A0\u3000]+/g, " ").trim();
      if (t) lines.push({ cells: [t], row: false });
    }
    text = "";
  };
  const write = (s: string) => {
    const row = rows[rows.length - 1];
    if (row?.cell !== undefined && !row.layout) row.cell += s;
    else text += s;
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name) && name !== "head") skip++;
        if (skip) return;
        if (name === "title") inTitle = true;
        if (name === "tr") {
          const outer = rows[rows.length - 1];
          if (outer && !outer.layout) {
            // a table inside a cell: the outer table is layout, its text so far is lines before this one
            outer.layout = true;
            text += [...outer.cells, outer.cell ?? ""].join("\n");
            outer.cells = [];
            outer.cell = "";
          }
          flushText();
          rows.push({ cells: [] });
        } else if (name === "td" || name === "th") {
          const row = rows[rows.length - 1];
          if (row) row.cell = "";
        } else if (BLOCK.has(name)) write("\n");
      },
      ontext(data) {
        if (skip) return;
        if (inTitle) title += data;
        else write(data.replace(/[\r\n]+/g, " "));
      },
      onclosetag(name) {
        if (SKIP.has(name) && name !== "head") {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip) return;
        if (name === "title") inTitle = false;
        else if (name === "td" || name === "th") {
          const row = rows[rows.length - 1];
          if (row?.cell !== undefined && !row.layout) {
            row.cells.push(cleanCell(row.cell));
            row.cell = undefined;
          } else if (row?.layout) write("\n");
        } else if (name === "tr") {
          const row = rows.pop();
          if (row && !row.layout) {
            if (row.cell !== undefined) row.cells.push(cleanCell(row.cell));
            flushText();
            if (row.cells.some((c) => c !== "")) lines.push({ cells: row.cells, row: true });
          } else write("\n");
        } else if (BLOCK.has(name)) write("\n");
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true }
  );
  parser.write(html);
  parser.end();
  flushText();
  const t = title.replace(/\s+/g, " ").trim();
  return { lines, ...(t ? { title: t } : {}) };
}

/** A cell's text: spaces collapsed, line breaks kept (a label broken by <br> is joined by the reader). */
function cleanCell(s: string): string {
  return s
    .split("\n")
    .map((l) => l.replace(/[ \t\u00A0\u3000\u2002\u2003\u2009]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
