/**
 * The statutory tables as printed: a grid of cells with row and column spans, in logical columns (part 二:
 * 4, part 三: 10, part 四: 15). Every renderer draws from this: the Excel layout plan, the .xlsx writer,
 * HTML and Word. Value cells carry their pointer and kind.
 */
import type { ValueKind } from "./value-kind";
import { cellDefs } from "./cells";
import {
  FORMATS,
  INFO_CONTENT,
  type FormatId,
  type OutcomeItem,
  type RequestRowDef,
} from "./formats";
import { APPEALS_LABELS, PART_HEADINGS, REQUESTS_LABELS } from "./labels";
import { pointerFromSegments, type Pointer } from "./pointers";

export type GridRole = "caption" | "header" | "label" | "value";

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  role: GridRole;
  text?: string;
  pointer?: Pointer;
  kind?: ValueKind;
}

export interface GridTable {
  id: "proactive" | "requests" | "appeals";
  heading: string;
  columns: number;
  rows: number;
  /** Rows at the top that repeat when a printed table breaks across pages. */
  headerRows: number;
  cells: GridCell[];
}

const cache = new Map<FormatId, GridTable[]>();

/** The tables of parts 二, 三 and 四, in document order. */
export function gridTables(format: FormatId): GridTable[] {
  let tables = cache.get(format);
  if (!tables) {
    tables = [proactiveTable(format), requestsTable(format), appealsTable(format)];
    cache.set(format, tables);
  }
  return tables;
}

class GridBuilder {
  cells: GridCell[] = [];
  rows = 0;
  constructor(readonly columns: number) {}
  add(
    row: number,
    col: number,
    role: GridRole,
    content: { text?: string; pointer?: Pointer; kind?: ValueKind },
    rowSpan = 1,
    colSpan = 1
  ) {
    this.cells.push({ row, col, rowSpan, colSpan, role, ...content });
    this.rows = Math.max(this.rows, row + rowSpan);
  }
  value(row: number, col: number, pointer: Pointer, kind: ValueKind, colSpan = 1) {
    this.add(row, col, "value", { pointer, kind }, 1, colSpan);
  }
}

function proactiveTable(format: FormatId): GridTable {
  const g = new GridBuilder(4);
  const kindOf = new Map(cellDefs(format).map((d) => [d.pointer, d.kind]));
  let row = 0;
  for (const t of FORMATS[format].proactive) {
    g.add(row++, 0, "caption", { text: t.heading }, 1, 4);
    // Tables with fewer than three value columns stretch their last column to the table's width.
    const spanOf = (i: number) => (i === t.columns.length - 1 ? 4 - t.columns.length : 1);
    g.add(row, 0, "header", { text: INFO_CONTENT });
    t.columns.forEach((c, i) => g.add(row, 1 + i, "header", { text: c.label }, 1, spanOf(i)));
    row++;
    for (const r of t.rows) {
      g.add(row, 0, "label", { text: r.label });
      t.columns.forEach((c, i) => {
        const pointer = pointerFromSegments(["proactive", r.key, c.key]);
        g.value(row, 1 + i, pointer, kindOf.get(pointer)!, spanOf(i));
      });
      row++;
    }
  }
  return {
    id: "proactive",
    heading: PART_HEADINGS.proactive,
    columns: 4,
    rows: g.rows,
    headerRows: 0,
    cells: g.cells,
  };
}

function requestsTable(format: FormatId): GridTable {
  const f = FORMATS[format].requests;
  const g = new GridBuilder(10);
  const R = REQUESTS_LABELS;
  g.add(0, 0, "header", { text: R.corner }, 3, 3);
  g.add(0, 3, "header", { text: R.applicants }, 1, 7);
  g.add(1, 3, "header", { text: R.naturalPerson }, 2, 1);
  g.add(1, 4, "header", { text: R.organisations }, 1, 5);
  g.add(1, 9, "header", { text: R.total }, 2, 1);
  f.columns.slice(1, 6).forEach((c, i) => g.add(2, 4 + i, "header", { text: c.label }));

  const values = (row: number, r: RequestRowDef) =>
    f.columns.forEach((c, i) =>
      g.value(row, 3 + i, pointerFromSegments(["requests", ...r.path.split("/"), c.key]), c.kind)
    );
  let row = 3;
  const span = (item: OutcomeItem) => (item.type === "row" ? 1 : item.rows.length);
  for (const item of f.layout) {
    if (item.type === "row") {
      g.add(row, 0, "label", { text: item.row.label }, 1, 3);
      values(row++, item.row);
      continue;
    }
    g.add(
      row,
      0,
      "label",
      { text: item.label },
      item.items.reduce((n, i) => n + span(i), 0),
      1
    );
    for (const outcome of item.items) {
      if (outcome.type === "row") {
        g.add(row, 1, "label", { text: outcome.row.label }, 1, 2);
        values(row++, outcome.row);
      } else {
        g.add(row, 1, "label", { text: outcome.label }, outcome.rows.length, 1);
        for (const r of outcome.rows) {
          g.add(row, 2, "label", { text: r.label });
          values(row++, r);
        }
      }
    }
  }
  return {
    id: "requests",
    heading: PART_HEADINGS.requests,
    columns: 10,
    rows: g.rows,
    headerRows: 3,
    cells: g.cells,
  };
}

function appealsTable(format: FormatId): GridTable {
  const a = FORMATS[format].appeals;
  const g = new GridBuilder(15);
  const [review, direct, afterReview] = a.groups;
  g.add(0, 0, "header", { text: APPEALS_LABELS.review }, 1, 5);
  g.add(0, 5, "header", { text: APPEALS_LABELS.litigation }, 1, 10);
  a.columns.forEach((c, i) => g.add(1, i, "header", { text: c.label }, 2, 1));
  g.add(1, 5, "header", { text: direct.label }, 1, 5);
  g.add(1, 10, "header", { text: afterReview.label }, 1, 5);
  [direct, afterReview].forEach((_, k) =>
    a.columns.forEach((c, i) => g.add(2, 5 + 5 * k + i, "header", { text: c.label }))
  );
  [review, direct, afterReview].forEach((group, k) =>
    a.columns.forEach((c, i) =>
      g.value(3, 5 * k + i, pointerFromSegments(["appeals", group.key, c.key]), c.kind)
    )
  );
  return {
    id: "appeals",
    heading: PART_HEADINGS.appeals,
    columns: 15,
    rows: g.rows,
    headerRows: 3,
    cells: g.cells,
  };
}
