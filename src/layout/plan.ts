/**
 * The layout plan: a pure function from a format, a year and an agency to everything a workbook needs —
 * the report sheet and the check sheet 校验, their cells, styles, merges, names, data validation,
 * conditional formats, protection and page setup. The add-in renders it through Office.js and the command
 * line writes it as .xlsx, and neither adds anything of its own, so both produce the same workbook. The
 * report sheet in document order: title and report details, part 一, the tables of 二, 三 and 四, parts 五
 * and 六, the signature.
 *
 * The sheet is a uniform grid of 15 columns (part 四 has 15 cells in a row); each table maps its logical
 * columns onto groups of physical ones, so that part 三's wide label columns and part 四's narrow cells
 * live on one sheet and print on one page width.
 */
import { SCHEMA_ID, type ValueKind } from "../templates/value-kind";
import { arithmeticChecks } from "../checks/definitions";
import { failureFormula, isCompilable } from "../checks/formula";
import { areaAddress, type Area } from "../templates/address";
import { FORMAT_TITLES, FORMATS, type FormatId } from "../templates/formats";
import { gridTables, type GridCell, type GridTable } from "../templates/grid";
import { REPORT_TITLE_SUFFIX, sheetNameFor } from "../templates/labels";
import { META_NAMES, nameFromPointer, type MetaKey, type Pointer } from "../templates/pointers";
import { checkSheetPlan } from "./check-sheet";
import {
  FAILURE_FORMAT,
  NARROW_MARGINS,
  NUMBER_FORMATS,
  STYLES,
  TYPE_FAILURE_FORMAT,
  type PageMargins,
  type StyleName,
} from "./styles";

export {
  FAILURE_FORMAT,
  NUMBER_FORMATS,
  STYLES,
  TYPE_FAILURE_FORMAT,
  type CellStyle,
  type StyleName,
} from "./styles";

export interface PlanCell {
  row: number;
  col: number;
  style: StyleName;
  value?: string | number;
  /** A formula without the leading "=" ; English function names and commas, locale-independent. */
  formula?: string;
  numberFormat?: string;
  pointer?: Pointer;
}

export interface PlanName {
  name: string;
  row: number;
  col: number;
}

export interface PlanValidation extends Area {
  kind: ValueKind;
}

export interface PlanConditionalFormat extends Area {
  /** Without the leading "="; relative references are relative to the area's top-left cell. */
  formula: string;
  fill: string;
  fontColor: string;
  /** Which check it shows (a check id, or "type:<kind>"). */
  source: string;
}

/** What a user may still do on the protected sheet (no password: it guards against slips only). */
export interface PlanProtection {
  allowInsertRows: boolean;
  allowDeleteRows: boolean;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowFormatCells: boolean;
}

/** Printing: A4, one page wide and as many tall as needed, the header rows repeated on every page. */
export interface PageSetup {
  paper: "A4";
  orientation: "Landscape" | "Portrait";
  /** In inches, as Excel's page setup and the file format hold them. */
  margins: PageMargins;
  printArea: Area;
  /** 0-based rows repeated at the top of each printed page. */
  titleRows: { first: number; count: number };
  fitToPagesWide: 1;
}

/** One worksheet of the plan. */
export interface SheetPlan {
  sheetName: string;
  columnCount: number;
  /** In points. */
  columnWidths: number[];
  rowHeights: { row: number; height: number }[];
  rowCount: number;
  cells: PlanCell[];
  merges: Area[];
  validations: PlanValidation[];
  conditionalFormats: PlanConditionalFormat[];
  protection: PlanProtection;
  pageSetup: PageSetup;
  /** Rows kept in view while scrolling. */
  frozenRows: number;
}

/** The whole workbook: the report sheet (this object) with the workbook's names, and the check sheet. */
export interface LayoutPlan extends SheetPlan {
  format: FormatId;
  year: number;
  agency: string;
  names: PlanName[];
  checkSheet: SheetPlan;
}

/** Every sheet of the plan, in workbook order. */
export function planSheets(plan: LayoutPlan): SheetPlan[] {
  return [plan, plan.checkSheet];
}

export interface LayoutInput {
  format: FormatId;
  year: number;
  agency: string;
  date?: string;
}

const COLUMNS = 15;
const COLUMN_WIDTH = 52; // points; 15 × 52 pt fits A4 landscape with narrow margins
const NARRATIVE_HEIGHT = 180;

/** Physical column groups for each table's logical columns: [first column, width]. */
const COLUMN_GROUPS: Record<GridTable["id"], [number, number][]> = {
  proactive: [
    [0, 6],
    [6, 3],
    [9, 3],
    [12, 3],
  ],
  requests: [
    [0, 1],
    [1, 2],
    [3, 5],
    ...Array.from({ length: 7 }, (_, i): [number, number] => [8 + i, 1]),
  ],
  appeals: Array.from({ length: 15 }, (_, i): [number, number] => [i, 1]),
};

export function layoutPlan(input: LayoutInput): LayoutPlan {
  const b = new PlanBuilder(input);
  b.title();
  b.meta();
  b.narrative("overview");
  for (const table of gridTables(input.format)) b.table(table);
  b.narrative("problems");
  b.narrative("other");
  b.signature();
  b.conditionalFormats();
  b.pageSetup();
  return b.plan;
}

class PlanBuilder {
  plan: LayoutPlan;
  private row = 0;
  private positions = new Map<string, { row: number; col: number }>();

  constructor(private input: LayoutInput) {
    this.plan = {
      format: input.format,
      year: input.year,
      agency: input.agency,
      sheetName: sheetNameFor(input.year),
      columnCount: COLUMNS,
      columnWidths: new Array(COLUMNS).fill(COLUMN_WIDTH),
      rowHeights: [],
      rowCount: 0,
      cells: [],
      merges: [],
      names: [],
      validations: [],
      conditionalFormats: [],
      protection: {
        allowInsertRows: true,
        allowDeleteRows: true,
        allowFormatColumns: true,
        allowFormatRows: true,
        allowFormatCells: true,
      },
      pageSetup: {
        paper: "A4",
        orientation: "Landscape",
        margins: NARROW_MARGINS,
        printArea: { row: 0, col: 0, rowCount: 1, colCount: COLUMNS },
        titleRows: { first: 0, count: 1 },
        fitToPagesWide: 1,
      },
      frozenRows: 0,
      checkSheet: checkSheetPlan(input.format),
    };
  }

  private put(cell: PlanCell, colCount = 1, rowCount = 1) {
    this.plan.cells.push(cell);
    if (colCount > 1 || rowCount > 1)
      this.plan.merges.push({ row: cell.row, col: cell.col, rowCount, colCount });
    this.plan.rowCount = Math.max(this.plan.rowCount, cell.row + rowCount);
  }

  private name(name: string, row: number, col: number) {
    this.plan.names.push({ name, row, col });
    this.positions.set(name, { row, col });
  }

  private height(row: number, height: number) {
    this.plan.rowHeights.push({ row, height });
  }

  title() {
    const formula = `${META_NAMES.agency}&${META_NAMES.year}&"${REPORT_TITLE_SUFFIX}"`;
    this.put({ row: this.row, col: 0, style: "title", formula }, COLUMNS);
    this.height(this.row, 36);
    this.row += 1;
  }

  meta() {
    const { format, year, agency, date } = this.input;
    const r1 = this.row;
    const field = (row: number, col: number, label: string, labelCols: number) =>
      this.put({ row, col, style: "metaLabel", value: label }, labelCols);
    const value = (
      row: number,
      col: number,
      key: MetaKey,
      cell: Omit<PlanCell, "row" | "col">,
      cols: number
    ) => {
      this.put({ row, col, ...cell }, cols);
      this.name(META_NAMES[key], row, col);
    };
    field(r1, 0, "报告机关", 2);
    value(
      r1,
      2,
      "agency",
      { style: "metaInput", value: agency, numberFormat: NUMBER_FORMATS.text },
      6
    );
    field(r1, 8, "报告年度", 2);
    value(r1, 10, "year", { style: "metaFixed", value: year, numberFormat: "0" }, 1);
    field(r1, 11, "适用格式", 2);
    value(
      r1,
      13,
      "format",
      { style: "metaFixed", value: format, numberFormat: NUMBER_FORMATS.text },
      2
    );
    const r2 = r1 + 1;
    field(r2, 0, "发布日期", 2);
    value(
      r2,
      2,
      "date",
      { style: "metaInput", ...(date ? { value: date } : {}), numberFormat: NUMBER_FORMATS.date },
      3
    );
    this.put(
      {
        row: r2,
        col: 5,
        style: "note",
        value: `${FORMAT_TITLES[format].issuedBy} ${FORMAT_TITLES[format].document}`,
      },
      7
    );
    value(
      r2,
      12,
      "schema",
      { style: "metaFixed", value: SCHEMA_ID, numberFormat: NUMBER_FORMATS.text },
      3
    );
    this.row = r2 + 2;
  }

  private heading(text: string) {
    this.put({ row: this.row, col: 0, style: "partHeading", value: text }, COLUMNS);
    this.height(this.row, 24);
    this.row += 1;
  }

  narrative(key: "overview" | "problems" | "other") {
    const def = FORMATS[this.input.format].narrative.find((n) => n.key === key)!;
    this.heading(def.heading);
    this.put(
      {
        row: this.row,
        col: 0,
        style: "narrative",
        pointer: `/narrative/${key}`,
        numberFormat: NUMBER_FORMATS.text,
      },
      COLUMNS
    );
    this.name(nameFromPointer(`/narrative/${key}`), this.row, 0);
    this.height(this.row, NARRATIVE_HEIGHT);
    this.row += 2;
  }

  table(table: GridTable) {
    this.heading(table.heading);
    const groups = COLUMN_GROUPS[table.id];
    const top = this.row;
    const before = this.plan.validations.length;
    for (const cell of table.cells) this.gridCell(cell, top, groups);
    this.plan.validations.splice(
      before,
      Infinity,
      ...mergeAreas(this.plan.validations.slice(before))
    );
    for (let r = 0; r < table.rows; r++) {
      const isHeader = r < table.headerRows;
      this.height(top + r, table.id === "requests" && !isHeader ? 30 : isHeader ? 30 : 20);
    }
    this.row = top + table.rows + 1;
  }

  private gridCell(cell: GridCell, top: number, groups: [number, number][]) {
    const row = top + cell.row;
    const [col] = groups[cell.col];
    const [lastStart, lastWidth] = groups[cell.col + cell.colSpan - 1];
    const colCount = lastStart + lastWidth - col;
    if (cell.role === "value") {
      this.put(
        {
          row,
          col,
          style: "input",
          pointer: cell.pointer,
          numberFormat: NUMBER_FORMATS[cell.kind!],
        },
        colCount
      );
      this.name(nameFromPointer(cell.pointer!), row, col);
      this.plan.validations.push({ row, col, rowCount: 1, colCount, kind: cell.kind! });
      return;
    }
    const style: StyleName =
      cell.role === "caption" ? "caption" : cell.role === "header" ? "header" : "label";
    this.put({ row, col, style, value: cell.text }, colCount, cell.rowSpan);
  }

  /** A reference to a blank cell reads as 0 (the date 1899-12-30): the signature shows blank for blank. */
  signature() {
    const shown = (name: string) => `IF(ISBLANK(${name}),"",${name})`;
    this.row += 1;
    this.put({ row: this.row, col: 9, style: "signature", formula: shown(META_NAMES.agency) }, 6);
    this.row += 1;
    this.put(
      {
        row: this.row,
        col: 9,
        style: "signature",
        formula: shown(META_NAMES.date),
        numberFormat: 'yyyy"年"m"月"d"日"',
      },
      6
    );
    this.row += 1;
  }

  /** Everything written, on A4 one page wide; the title row (agency and year) heads every page. */
  pageSetup() {
    this.plan.pageSetup.printArea = {
      row: 0,
      col: 0,
      rowCount: this.plan.rowCount,
      colCount: COLUMNS,
    };
  }

  /**
   * Compiled from the check definitions: a failing total is coloured by Excel itself, without the add-in
   * writing anything on each edit. A second rule per value cell colours text, negatives and fractions.
   */
  conditionalFormats() {
    for (const check of arithmeticChecks(this.input.format)) {
      if (!isCompilable(check)) continue;
      const at = this.positions.get(nameFromPointer(check.mark))!;
      this.plan.conditionalFormats.push({
        ...at,
        rowCount: 1,
        colCount: 1,
        formula: failureFormula(check),
        ...FAILURE_FORMAT,
        source: check.id,
      });
    }
    for (const { kind, ...area } of this.plan.validations) {
      // relative to the area's top-left cell, so one rule serves a whole block
      const ref = areaAddress({ row: area.row, col: area.col, rowCount: 1, colCount: 1 });
      this.plan.conditionalFormats.push({
        ...area,
        formula: typeFailureFormula(ref, kind),
        ...TYPE_FAILURE_FORMAT,
        source: `type:${kind}`,
      });
    }
  }
}

/**
 * The rectangles whose cells all carry borders (the tables, the report details, the narratives), so that a
 * renderer sets each edge once per block instead of once per cell: thousands of calls fewer into Excel.
 */
export function borderAreas(plan: SheetPlan): Area[] {
  const bordered = Array.from({ length: plan.rowCount }, () =>
    new Array<boolean>(plan.columnCount).fill(false)
  );
  const merges = new Map(plan.merges.map((m) => [`${m.row},${m.col}`, m]));
  for (const c of plan.cells) {
    if (!STYLES[c.style].border) continue;
    const m = merges.get(`${c.row},${c.col}`) ?? {
      row: c.row,
      col: c.col,
      rowCount: 1,
      colCount: 1,
    };
    for (let r = m.row; r < m.row + m.rowCount; r++)
      for (let k = m.col; k < m.col + m.colCount; k++) bordered[r][k] = true;
  }
  const runs = bordered.map((cols) => {
    const out: [number, number][] = [];
    cols.forEach((on, k) => {
      if (!on) return;
      const last = out[out.length - 1];
      if (last && last[1] === k - 1) last[1] = k;
      else out.push([k, k]);
    });
    return out;
  });
  const areas: Area[] = [];
  const open = new Map<string, Area>();
  runs.forEach((rowRuns, r) => {
    const keys = new Set(rowRuns.map(([a, b]) => `${a}-${b}`));
    for (const [key, area] of open) if (!keys.has(key)) (areas.push(area), open.delete(key));
    for (const [a, b] of rowRuns) {
      const area = open.get(`${a}-${b}`);
      if (area) area.rowCount++;
      else open.set(`${a}-${b}`, { row: r, col: a, rowCount: 1, colCount: b - a + 1 });
    }
  });
  areas.push(...open.values());
  return areas.sort((x, y) => x.row - y.row || x.col - y.col);
}

/**
 * Value cells of one kind that fill a rectangle become one area (part 三's 7 columns × 25 rows, part 四's
 * row): one data-validation rule and one conditional format instead of hundreds, fewer calls into Excel.
 */
function mergeAreas(areas: PlanValidation[]): PlanValidation[] {
  if (areas.length === 0) return areas;
  const kind = areas[0].kind;
  const row = Math.min(...areas.map((a) => a.row));
  const col = Math.min(...areas.map((a) => a.col));
  const rowCount = Math.max(...areas.map((a) => a.row + a.rowCount)) - row;
  const colCount = Math.max(...areas.map((a) => a.col + a.colCount)) - col;
  const filled = areas.every((a) => a.kind === kind && a.rowCount === 1 && a.colCount === 1);
  return filled && areas.length === rowCount * colCount
    ? [{ row, col, rowCount, colCount, kind }]
    : areas;
}

/**
 * TRUE when the cell holds something its kind does not allow; blank is not a type fault. IF, not AND: Excel
 * evaluates every argument of AND, and INT("2件") would turn the whole rule into #VALUE! (never coloured).
 */
export function typeFailureFormula(ref: string, kind: ValueKind): string {
  const wrongNumber = {
    count: `OR(${ref}<0,${ref}<>INT(${ref}))`,
    signed: `${ref}<>INT(${ref})`,
    amount: `${ref}<0`,
  }[kind];
  return `IF(ISNUMBER(${ref}),${wrongNumber},LEN(${ref})>0)`;
}
