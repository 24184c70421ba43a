/**
 * Queues a layout plan into an Excel request context, every sheet of it, to be sent in ONE
 * `context.sync()`. Order matters: values and formats, then names (so formulas that use them resolve), then
 * formulas, validation, conditional formats, page setup (ExcelApi 1.9), protection last. Never `insertWorksheetsFromBase64` (ExcelApi 1.13,
 * clears undo, breaks names on the web: office-js-facts §1).
 */
import { areaAddress, columnLetters, type Area } from "../templates/address";
import {
  borderAreas,
  planSheets,
  STYLES,
  type CellStyle,
  type LayoutPlan,
  type PageSetup,
  type SheetPlan,
} from "../layout/plan";
import { VALIDATION_TEXT } from "../templates/validation-text";
import type { ValueKind } from "../templates/value-kind";
import type { Capabilities } from "./host";
import { compareVersions } from "./capabilities";

const EDGES = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideHorizontal",
  "InsideVertical",
] as const;

export function queueTemplate(
  context: Excel.RequestContext,
  plan: LayoutPlan,
  caps: Capabilities
): Excel.Worksheet {
  const sheets = planSheets(plan).map((sheetPlan) => {
    const sheet = context.workbook.worksheets.add(sheetPlan.sheetName);
    queueSheet(sheet, sheetPlan, caps);
    return sheet;
  });
  // Names before the formulas that use them (the title, the signature, the check sheet).
  const report = sheets[0];
  for (const n of plan.names)
    context.workbook.names.add(
      n.name,
      report.getRange(areaAddress({ ...n, rowCount: 1, colCount: 1 }))
    );
  planSheets(plan).forEach((sheetPlan, i) => queueFormulasAndRules(sheets[i], sheetPlan, caps));
  report.activate();
  return report;
}

/** Values, number formats, sizes, merges, styles and borders of one sheet. */
function queueSheet(sheet: Excel.Worksheet, plan: SheetPlan, caps: Capabilities): void {
  const range = (a: Area) => sheet.getRange(areaAddress(a));
  const full: Area = { row: 0, col: 0, rowCount: plan.rowCount, colCount: plan.columnCount };

  // Constants in one 2-D write; formulas after the names exist.
  const grid: (string | number)[][] = Array.from({ length: plan.rowCount }, () =>
    new Array(plan.columnCount).fill("")
  );
  const formats: string[][] = Array.from({ length: plan.rowCount }, () =>
    new Array(plan.columnCount).fill("General")
  );
  for (const c of plan.cells) {
    if (c.value !== undefined) grid[c.row][c.col] = c.value;
    if (c.numberFormat) formats[c.row][c.col] = c.numberFormat;
  }
  // Number formats before values, so that "2019" in a text cell stays text.
  range(full).numberFormat = formats;
  range(full).values = grid;

  for (const [first, last, width] of widthRuns(plan.columnWidths))
    sheet.getRange(`${columnLetters(first)}:${columnLetters(last)}`).format.columnWidth = width;
  for (const h of plan.rowHeights)
    sheet.getRange(`${h.row + 1}:${h.row + 1}`).format.rowHeight = h.height;
  for (const m of plan.merges) range(m).merge(false);

  const merged = new Map(plan.merges.map((m) => [`${m.row},${m.col}`, m]));
  for (const c of plan.cells) {
    const area = merged.get(`${c.row},${c.col}`) ?? {
      row: c.row,
      col: c.col,
      rowCount: 1,
      colCount: 1,
    };
    applyStyle(range(area), STYLES[c.style]);
  }
  for (const area of borderAreas(plan)) {
    for (const edge of EDGES) {
      const b = range(area).format.borders.getItem(edge);
      b.style = "Continuous";
      b.color = "#808080";
    }
  }
  if (caps.full && plan.frozenRows) sheet.freezePanes.freezeRows(plan.frozenRows);
}

/** Formulas, data validation, conditional formats, page setup and protection (last) of one sheet. */
function queueFormulasAndRules(sheet: Excel.Worksheet, plan: SheetPlan, caps: Capabilities): void {
  const range = (a: Area) => sheet.getRange(areaAddress(a));
  for (const c of plan.cells) {
    if (c.formula)
      range({ row: c.row, col: c.col, rowCount: 1, colCount: 1 }).formulas = [[`=${c.formula}`]];
  }
  if (caps.dataValidation) {
    for (const v of plan.validations) {
      const dv = range(v).dataValidation;
      dv.rule = validationRule(v.kind);
      dv.errorAlert = {
        showAlert: true,
        style: Excel.DataValidationAlertStyle.stop,
        ...VALIDATION_TEXT[v.kind],
      };
    }
  }
  if (compareVersions(caps.excelApi, "1.6") >= 0) {
    for (const cf of plan.conditionalFormats) {
      const format = range(cf).conditionalFormats.add(Excel.ConditionalFormatType.custom);
      format.custom.rule.formula = `=${cf.formula}`;
      format.custom.format.fill.color = cf.fill;
      format.custom.format.font.color = cf.fontColor;
    }
  }
  if (compareVersions(caps.excelApi, "1.9") >= 0) queuePageSetup(sheet.pageLayout, plan.pageSetup);
  sheet.protection.protect({ ...plan.protection, allowAutoFilter: false, allowSort: false });
}

const POINTS_PER_INCH = 72;

/** ExcelApi 1.9. Margins are in points here, in inches in the plan. */
function queuePageSetup(layout: Excel.PageLayout, p: PageSetup): void {
  layout.paperSize = Excel.PaperType.a4;
  layout.orientation =
    p.orientation === "Landscape"
      ? Excel.PageOrientation.landscape
      : Excel.PageOrientation.portrait;
  layout.leftMargin = p.margins.left * POINTS_PER_INCH;
  layout.rightMargin = p.margins.right * POINTS_PER_INCH;
  layout.topMargin = p.margins.top * POINTS_PER_INCH;
  layout.bottomMargin = p.margins.bottom * POINTS_PER_INCH;
  layout.headerMargin = p.margins.header * POINTS_PER_INCH;
  layout.footerMargin = p.margins.footer * POINTS_PER_INCH;
  // 0 pages tall: as many as needed, as the file format's fitToHeight="0"
  layout.zoom = { horizontalFitToPages: p.fitToPagesWide, verticalFitToPages: 0 };
  layout.setPrintArea(areaAddress(p.printArea));
  layout.setPrintTitleRows(`$${p.titleRows.first + 1}:$${p.titleRows.first + p.titleRows.count}`);
}

/** Runs of equal column widths: [first, last, width], one call into Excel per run. */
function widthRuns(widths: number[]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  widths.forEach((w, i) => {
    const last = runs[runs.length - 1];
    if (last && last[2] === w && last[1] === i - 1) last[1] = i;
    else runs.push([i, i, w]);
  });
  return runs;
}

function applyStyle(r: Excel.Range, s: CellStyle): void {
  const f = r.format;
  if (s.bold) f.font.bold = true;
  if (s.fontSize) f.font.size = s.fontSize;
  if (s.fontColor) f.font.color = s.fontColor;
  if (s.fill) f.fill.color = s.fill;
  if (s.horizontal) f.horizontalAlignment = s.horizontal;
  if (s.vertical) f.verticalAlignment = s.vertical;
  if (s.wrap) f.wrapText = true;
  f.protection.locked = s.locked;
}

function validationRule(kind: ValueKind): Excel.DataValidationRule {
  switch (kind) {
    case "count":
      return {
        wholeNumber: { formula1: 0, operator: Excel.DataValidationOperator.greaterThanOrEqualTo },
      };
    case "signed":
      return {
        wholeNumber: {
          formula1: -1000000000,
          formula2: 1000000000,
          operator: Excel.DataValidationOperator.between,
        },
      };
    case "amount":
      return {
        decimal: { formula1: 0, operator: Excel.DataValidationOperator.greaterThanOrEqualTo },
      };
  }
}
