/**
 * What a value cell may hold, and what a raw cell from any source looks like before it is read.
 * Shared by every reader (Excel, .xlsx, JSON, published text) so that one function interprets them all.
 */

export type { ValueKind } from "../templates/value-kind";

/** Excel's error values, as Excel and Office.js spell them. */
export const EXCEL_ERRORS = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
] as const;

/** A cell as its source holds it. */
export type RawCell =
  | { type: "blank" }
  | { type: "number"; value: number }
  | { type: "text"; text: string }
  | { type: "boolean"; value: boolean }
  | { type: "error"; code: string };

/**
 * Where the raw cell came from. In a workbook a number typed as text is a fault (Excel's SUM ignores it);
 * in a published document every cell is text, so plain digits there are the number itself.
 */
export type CellSource = "workbook" | "document";

/** Why a cell cannot be taken as it is. */
export type CellProblem =
  | "error-value" // #REF!, #VALUE! …
  | "placeholder" // / - — ／ 无: "none" written as a sign
  | "unit" // 2件, 2987.6万元, 251000元
  | "fullwidth" // ２, １２．５
  | "number-as-text" // "2" typed as text in a workbook, or with surrounding spaces / thousands separators
  | "signed-in-count" // +2, 增3 where the cell is not signed
  | "negative" // a count or amount below 0
  | "decimal" // a fraction in a count
  | "too-large" // beyond what a cell of this kind can plausibly hold (and beyond exact integers)
  | "not-a-number" // NaN, Infinity
  | "boolean" // TRUE/FALSE
  | "text"; // anything else

export type Interpretation =
  | { status: "ok"; value: number }
  | { status: "blank" }
  | {
      status: "invalid";
      problem: CellProblem;
      /** Plain Chinese: what the cell holds and why it is not accepted; quotes the cell (shortened if long). */
      message: string;
      messageEn: string;
      /** The number the cell unambiguously means, in the cell's unit (万元 for amounts); absent when unclear. */
      fix?: number;
    };

/** What a reader found wrong with a cell it could not take as a number: an invalid interpretation. */
export type CellFault = Omit<Extract<Interpretation, { status: "invalid" }>, "status">;
