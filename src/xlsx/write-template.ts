/**
 * `nianbao template`: the layout plan as an .xlsx file through ExcelJS — every sheet of the plan (the report
 * and the check sheet), as the add-in inserts them: cells, styles, merges, widths, names, data validation,
 * conditional formats, protection and page setup, and nothing the plan does not say. Formulas carry no cached results and the workbook asks for a full recalculation on load, so every
 * program computes them itself.
 */
import ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import { areaAddress, absoluteReference, type Area } from "../templates/address";
import {
  planSheets,
  STYLES,
  type LayoutPlan,
  type PageSetup,
  type SheetPlan,
} from "../layout/plan";
import { REPORT_TITLE_SUFFIX } from "../templates/labels";
import { VALIDATION_TEXT } from "../templates/validation-text";
import type { ValueKind } from "../templates/value-kind";
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

  for (const sheet of planSheets(plan)) await writeSheet(wb, sheet);
  for (const n of plan.names)
    wb.definedNames.add(absoluteReference(plan.sheetName, n.row, n.col), n.name);
  return wb;
}

async function writeSheet(wb: ExcelJS.Workbook, sheet: SheetPlan): Promise<void> {
  const ws = wb.addWorksheet(sheet.sheetName, {
    pageSetup: pageSetup(sheet.pageSetup),
    views: sheet.frozenRows ? [{ state: "frozen", ySplit: sheet.frozenRows }] : [],
  });
  sheet.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = pointsToCharacters(w)));
  for (const h of sheet.rowHeights) ws.getRow(h.row + 1).height = h.height;
  for (const m of sheet.merges)
    ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
  writeCells(ws, sheet);
  // ExcelJS has `dataValidations.add(range, rule)` (one rule per area) but its typings omit it.
  const validations = (ws as unknown as { dataValidations: DataValidations }).dataValidations;
  for (const v of sheet.validations) validations.add(areaAddress(v), dataValidation(v.kind));
  sheet.conditionalFormats.forEach((cf, i) =>
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
    insertRows: sheet.protection.allowInsertRows,
    deleteRows: sheet.protection.allowDeleteRows,
    formatColumns: sheet.protection.allowFormatColumns,
    formatRows: sheet.protection.allowFormatRows,
    formatCells: sheet.protection.allowFormatCells,
    autoFilter: false,
    sort: false,
  });
}

/** A4 is paper size 9 in the file format; margins in inches; one page wide, as many tall as needed. */
function pageSetup(p: PageSetup): Partial<ExcelJS.PageSetup> {
  const rows = `${p.titleRows.first + 1}:${p.titleRows.first + p.titleRows.count}`;
  return {
    paperSize: 9,
    orientation: p.orientation === "Landscape" ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: p.fitToPagesWide,
    fitToHeight: 0,
    margins: { ...p.margins },
    printArea: areaAddress(p.printArea),
    printTitlesRow: rows,
  };
}

/** Styles go on every cell of a merged area (so its borders are drawn); values and formulas on its first. */
function writeCells(ws: Worksheet, plan: SheetPlan): void {
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

function dataValidation(kind: ValueKind): ExcelJS.DataValidation {
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
