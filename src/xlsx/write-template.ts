/**
 * `nianbao template`: the layout plan as an .xlsx file through ExcelJS — the same sheet the add-in inserts
 * (cells, styles, merges, widths, names, data validation, conditional formats, protection) plus the check
 * sheet. Formulas carry no cached results and the workbook asks for a full recalculation on load, so every
 * program computes them itself.
 */
import ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import { areaAddress, absoluteReference, type Area } from "../templates/address";
import { STYLES, type LayoutPlan } from "../layout/plan";
import { REPORT_TITLE_SUFFIX } from "../templates/labels";
import { VALIDATION_TEXT } from "../templates/validation-text";
import type { ValueKind } from "../templates/value-kind";
import { addCheckSheet } from "./check-sheet";
import { argb, excelStyle, pointsToCharacters } from "./styles";

interface DataValidations {
  add(address: string, rule: ExcelJS.DataValidation): void;
}

export async function writeTemplate(plan: LayoutPlan): Promise<Uint8Array> {
  const wb = await templateWorkbook(plan);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The template as an ExcelJS workbook, for writers that add to it (the 来源 sheet of an aggregate). */
export async function templateWorkbook(plan: LayoutPlan): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const title = `${plan.agency}${plan.year}${REPORT_TITLE_SUFFIX}`;
  wb.title = title;
  wb.subject = "政府信息公开工作年度报告";
  wb.creator = "nianbao";
  wb.keywords = `nianbao format-${plan.format}`;
  wb.created = wb.modified = new Date();
  wb.calcProperties.fullCalcOnLoad = true;

  const ws = wb.addWorksheet(plan.sheetName, {
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  plan.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = pointsToCharacters(w)));
  for (const h of plan.rowHeights) ws.getRow(h.row + 1).height = h.height;
  for (const m of plan.merges)
    ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
  writeCells(ws, plan);
  for (const n of plan.names)
    wb.definedNames.add(absoluteReference(plan.sheetName, n.row, n.col), n.name);
  // ExcelJS has `dataValidations.add(range, rule)` (one rule per area) but its typings omit it.
  const validations = (ws as unknown as { dataValidations: DataValidations }).dataValidations;
  for (const v of plan.validations) validations.add(areaAddress(v), dataValidation(v.kind));
  plan.conditionalFormats.forEach((cf, i) =>
    ws.addConditionalFormatting({
      ref: areaAddress(cf),
      rules: [
        {
          type: "expression",
          priority: i + 1,
          formulae: [cf.formula],
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.fill) } },
            font: { color: { argb: argb(cf.fontColor) } },
          },
        },
      ],
    })
  );
  // No password: protection guards the labels against slips, not against a determined user.
  await ws.protect("", {
    insertRows: plan.protection.allowInsertRows,
    deleteRows: plan.protection.allowDeleteRows,
    formatColumns: plan.protection.allowFormatColumns,
    formatRows: plan.protection.allowFormatRows,
    formatCells: true,
    autoFilter: false,
    sort: false,
  });

  addCheckSheet(wb, plan.format);
  await wb.worksheets[1].protect("", { formatColumns: true, formatRows: true });
  return wb;
}

/** Styles go on every cell of a merged area (so its borders are drawn); values and formulas on its first. */
function writeCells(ws: Worksheet, plan: LayoutPlan): void {
  const merged = new Map(plan.merges.map((m) => [`${m.row},${m.col}`, m]));
  for (const c of plan.cells) {
    const area: Area = merged.get(`${c.row},${c.col}`) ?? {
      row: c.row,
      col: c.col,
      rowCount: 1,
      colCount: 1,
    };
    const style = excelStyle(STYLES[c.style], c.numberFormat);
    for (let r = area.row; r < area.row + area.rowCount; r++)
      for (let col = area.col; col < area.col + area.colCount; col++)
        ws.getCell(r + 1, col + 1).style = style;
    const cell = ws.getCell(c.row + 1, c.col + 1);
    if (c.formula) cell.value = { formula: c.formula };
    else if (c.value !== undefined) cell.value = cellValue(c.value, c.numberFormat);
  }
}

/** An ISO date in a date-formatted cell is written as a date serial, as Excel stores a typed date. */
function cellValue(value: string | number, numberFormat?: string): string | number | Date {
  const iso = typeof value === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso && numberFormat && /y/.test(numberFormat))
    return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
  return value;
}

export function dataValidation(kind: ValueKind): ExcelJS.DataValidation {
  const text = VALIDATION_TEXT[kind];
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: text.title,
    error: text.message,
  };
  switch (kind) {
    case "count":
      return { type: "whole", operator: "greaterThanOrEqual", formulae: [0], ...common };
    case "signed":
      return { type: "whole", operator: "between", formulae: [-1000000000, 1000000000], ...common };
    case "amount":
      return { type: "decimal", operator: "greaterThanOrEqual", formulae: [0], ...common };
  }
}
