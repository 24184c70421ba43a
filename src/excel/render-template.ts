/**
 * Queues a layout plan into an Excel request context, all of it, to be sent in ONE `context.sync()`.
 * Order matters: values, then names (so formulas that use them resolve), then formulas, merges, formats,
 * validation, conditional formats, protection last. Never `insertWorksheetsFromBase64` (ExcelApi 1.13,
 * clears undo, breaks names on the web: office-js-facts §1).
 */
import { areaAddress, columnLetters, type Area } from "../templates/address";
import { borderAreas, STYLES, type CellStyle, type LayoutPlan } from "../layout/plan";
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
  const sheet = context.workbook.worksheets.add(plan.sheetName);
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
  for (const n of plan.names)
    context.workbook.names.add(n.name, range({ row: n.row, col: n.col, rowCount: 1, colCount: 1 }));
  for (const c of plan.cells) {
    if (c.formula)
      range({ row: c.row, col: c.col, rowCount: 1, colCount: 1 }).formulas = [[`=${c.formula}`]];
  }

  sheet.getRange(`A:${columnLetters(plan.columnCount - 1)}`).format.columnWidth =
    plan.columnWidths[0];
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
  sheet.protection.protect({
    ...plan.protection,
    allowFormatCells: true,
    allowAutoFilter: false,
    allowSort: false,
  });
  sheet.activate();
  return sheet;
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
