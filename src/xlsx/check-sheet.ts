/**
 * The check sheet `校验`: one row per arithmetic check of the year, each with a live formula over the
 * workbook names, so that the file shows its own errors in Excel, WPS and LibreOffice without the add-in.
 * Through names, not addresses: rows a user inserts on the report sheet do not break it.
 */
import type { Workbook } from "exceljs";
import { arithmeticChecks } from "../checks/definitions";
import { isCompilable, pendingDifferenceFormula } from "../checks/formula";
import type { ArithmeticCheck } from "../checks/types";
import type { FormatId } from "../templates/formats";
import { FAILURE_FORMAT, STYLES } from "../layout/plan";
import { argb, excelStyle } from "./styles";

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

export function compilableChecks(format: FormatId): ArithmeticCheck[] {
  return arithmeticChecks(format).filter(isCompilable);
}

/** Locale-independent: English function names and commas; ✔/✖/待填 are string constants. */
export function resultFormula(differenceCell: string): string {
  return `IF(${differenceCell}="","${PENDING}",IF(${differenceCell}=0,"${PASS}","${FAIL}"))`;
}

export function addCheckSheet(workbook: Workbook, format: FormatId): void {
  const ws = workbook.addWorksheet(CHECK_SHEET_NAME);
  const checks = compilableChecks(format);
  const { columns: c, summaryRow, headerRow, firstCheckRow } = CHECK_SHEET;
  const lastRow = firstCheckRow + checks.length - 1;
  const resultCol = "E";
  ws.columns = [{ width: 30 }, { width: 36 }, { width: 40 }, { width: 10 }, { width: 8 }];

  ws.mergeCells(1, 1, 1, 5);
  ws.getCell(1, 1).value =
    `校验：本表由公式自动计算，不需要加载项；${FAIL} 表示该项不成立，差额 = 左边 − 右边；${PENDING} 表示所用单元格尚未填完，暂不核对`;
  ws.getCell(1, 1).style = excelStyle(STYLES.partHeading);
  ws.mergeCells(summaryRow, 1, summaryRow, 4);
  ws.getCell(summaryRow, 1).value = "不成立的项数（0 表示全部通过）";
  ws.getCell(summaryRow, 1).style = excelStyle(STYLES.metaLabel);
  const summary = ws.getCell(summaryRow, 5);
  summary.value = {
    formula: `COUNTIF(${resultCol}${firstCheckRow}:${resultCol}${lastRow},"${FAIL}")`,
  };
  summary.style = excelStyle(STYLES.metaFixed, "0");

  const header = ["编号", "规则", "范围", "差额", "结果"];
  header.forEach((text, i) => {
    const cell = ws.getCell(headerRow, i + 1);
    cell.value = text;
    cell.style = excelStyle(STYLES.header);
  });
  checks.forEach((check, i) => {
    const row = firstCheckRow + i;
    const label = excelStyle(STYLES.label);
    ws.getCell(row, c.id).value = check.id;
    ws.getCell(row, c.rule).value = RULE_TEXT[check.rule];
    ws.getCell(row, c.scope).value = check.scope;
    for (const col of [c.id, c.rule, c.scope]) ws.getCell(row, col).style = label;
    const diff = ws.getCell(row, c.difference);
    diff.value = { formula: pendingDifferenceFormula(check) };
    diff.style = excelStyle({ ...STYLES.metaFixed, fill: undefined }, "General");
    const result = ws.getCell(row, c.result);
    result.value = { formula: resultFormula(`D${row}`) };
    result.style = excelStyle({ ...STYLES.metaFixed, fill: undefined });
  });
  ws.addConditionalFormatting({
    ref: `D${firstCheckRow}:E${lastRow}`,
    rules: [
      {
        type: "expression",
        priority: 1,
        formulae: [`$${resultCol}${firstCheckRow}="${FAIL}"`],
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(FAILURE_FORMAT.fill) } },
          font: { color: { argb: argb(FAILURE_FORMAT.fontColor) } },
        },
      },
    ],
  });
  ws.views = [{ state: "frozen", ySplit: headerRow }];
}
