/**
 * The check sheet `校验`: one row per arithmetic check of the format, each with a live formula over the
 * workbook names, so that the file shows its own errors in Excel, WPS and LibreOffice without the add-in.
 * Through names, not addresses: rows a user inserts on the report sheet do not break it. Part of the
 * layout plan, so the add-in and `nianbao template` make the same sheet.
 */
import { arithmeticChecks } from "../checks/definitions";
import { isCompilable, pendingDifferenceFormula } from "../checks/formula";
import type { ArithmeticCheck } from "../checks/types";
import type { FormatId } from "../templates/formats";
import { a1 } from "../templates/address";
import type { PlanCell, SheetPlan } from "./plan";
import { FAILURE_FORMAT, NARROW_MARGINS, type StyleName } from "./styles";

export const CHECK_SHEET_NAME = "校验";
export const PASS = "✔";
export const FAIL = "✖";
/** A check whose cells are not all filled yet: not evaluated (statutory-formats.md, Completeness). */
export const PENDING = "待填";

/** 1-based rows and columns of the check sheet, for readers and tests. */
export const CHECK_SHEET = {
  summaryRow: 2,
  headerRow: 4,
  firstCheckRow: 5,
  columns: { id: 1, rule: 2, scope: 3, difference: 4, result: 5 },
} as const;

const RULE_TEXT: Record<ArithmeticCheck["rule"], string> = {
  balance: "一 + 二 = 三（七）总计 + 四",
  "outcome-total": "三（七）总计 = （一）至（六）之和",
  "row-total": "总计 = 六类申请人之和",
  "appeal-total": "总计 = 维持 + 纠正 + 其他 + 尚未审结",
  "carry-over": "二 = 上年 四",
  stock: "现行有效件数 = 上年 + 制发 − 废止",
};

/** Column widths in points (about 30, 36, 40, 10 and 8 characters of the default font). */
const WIDTHS = [214, 256, 284, 74, 60];

export function compilableChecks(format: FormatId): ArithmeticCheck[] {
  return arithmeticChecks(format).filter(isCompilable);
}

/** Locale-independent: English function names and commas; ✔/✖/待填 are string constants. */
export function resultFormula(differenceCell: string): string {
  return `IF(${differenceCell}="","${PENDING}",IF(${differenceCell}=0,"${PASS}","${FAIL}"))`;
}

export function checkSheetPlan(format: FormatId): SheetPlan {
  const checks = compilableChecks(format);
  const { columns: c, summaryRow, headerRow, firstCheckRow } = CHECK_SHEET;
  const lastRow = firstCheckRow + checks.length - 1;
  const cells: PlanCell[] = [];
  // 1-based row and column here, as the sheet's users and readers count them
  const put = (row: number, col: number, style: StyleName, content: Partial<PlanCell>) =>
    cells.push({ row: row - 1, col: col - 1, style, ...content });
  const resultCol = "E";

  put(1, 1, "partHeading", {
    value: `校验：本表由公式自动计算，不需要加载项；${FAIL} 表示该项不成立，差额 = 左边 − 右边；${PENDING} 表示所用单元格尚未填完，暂不核对`,
  });
  put(summaryRow, 1, "metaLabel", { value: "不成立的项数（0 表示全部通过）" });
  put(summaryRow, 5, "metaFixed", {
    formula: `COUNTIF(${resultCol}${firstCheckRow}:${resultCol}${lastRow},"${FAIL}")`,
    numberFormat: "0",
  });
  ["编号", "规则", "范围", "差额", "结果"].forEach((text, i) =>
    put(headerRow, i + 1, "header", { value: text })
  );
  checks.forEach((check, i) => {
    const row = firstCheckRow + i;
    put(row, c.id, "label", { value: check.id });
    put(row, c.rule, "label", { value: RULE_TEXT[check.rule] });
    put(row, c.scope, "label", { value: check.scope });
    put(row, c.difference, "checkValue", { formula: pendingDifferenceFormula(check) });
    put(row, c.result, "checkValue", { formula: resultFormula(a1(row - 1, c.difference - 1)) });
  });

  const columnCount = WIDTHS.length;
  return {
    sheetName: CHECK_SHEET_NAME,
    columnCount,
    columnWidths: WIDTHS,
    rowHeights: [{ row: 0, height: 24 }],
    rowCount: lastRow,
    cells,
    merges: [
      { row: 0, col: 0, rowCount: 1, colCount: 5 },
      { row: summaryRow - 1, col: 0, rowCount: 1, colCount: 4 },
    ],
    validations: [],
    conditionalFormats: [
      {
        row: firstCheckRow - 1,
        col: c.difference - 1,
        rowCount: checks.length,
        colCount: 2,
        formula: `$${resultCol}${firstCheckRow}="${FAIL}"`,
        ...FAILURE_FORMAT,
        source: "check-sheet",
      },
    ],
    protection: {
      allowInsertRows: false,
      allowDeleteRows: false,
      allowFormatColumns: true,
      allowFormatRows: true,
      allowFormatCells: false,
    },
    pageSetup: {
      paper: "A4",
      orientation: "Portrait",
      margins: NARROW_MARGINS,
      printArea: { row: 0, col: 0, rowCount: lastRow, colCount: columnCount },
      titleRows: { first: headerRow - 1, count: 1 },
      fitToPagesWide: 1,
    },
    frozenRows: headerRow,
  };
}
