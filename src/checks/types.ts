/** The findings shape of docs/report-json.md, and the declarative form of an arithmetic check. */
import type { PartId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";

export type RuleName =
  | "balance"
  | "outcome-total"
  | "row-total"
  | "appeal-total"
  | "type"
  | "blank"
  | "narrative-missing"
  | "carry-over"
  | "stock"
  | "narrative-figure"
  | "regulations-authority"
  | "unit"
  | "format-year";

export type CheckKind = "statutory" | "structural" | "type" | "completeness" | "heuristic";
export type Severity = "error" | "warning";

export const RULE_KIND: Record<RuleName, CheckKind> = {
  balance: "statutory",
  "outcome-total": "structural",
  "row-total": "structural",
  "appeal-total": "structural",
  type: "type",
  blank: "completeness",
  "narrative-missing": "completeness",
  "carry-over": "heuristic",
  stock: "heuristic",
  "narrative-figure": "heuristic",
  "regulations-authority": "heuristic",
  unit: "heuristic",
  "format-year": "heuristic",
};

export const KIND_SEVERITY: Record<CheckKind, Severity> = {
  statutory: "error",
  structural: "error",
  type: "error",
  completeness: "error",
  heuristic: "warning",
};

export interface Finding {
  rule: RuleName;
  kind: CheckKind;
  severity: Severity;
  /** Pointers involved, the cell most likely wrong first where that can be told. */
  cells: Pointer[];
  message: string;
  messageEn?: string;
  expected?: number;
  actual?: number;
  /** The value that would resolve the finding for its first cell; on a blank, what filling the blanks writes. */
  fix?: number;
}

export interface ValidationResult {
  valid: boolean;
  format: string;
  year: number;
  /** `incomplete`: arithmetic checks not evaluated because a cell they use holds no number. */
  summary: { errors: number; warnings: number; incomplete: number };
  findings: Finding[];
}

/** A cell in a linear relation; `previous` reads last year's report. */
export interface Term {
  pointer: Pointer;
  coefficient: 1 | -1;
  previous?: boolean;
  /** How a message names the term: "一", "（三）1", "商业企业", "上年现行有效件数". */
  short: string;
  shortEn: string;
}

/**
 * An arithmetic check: Σ actual = Σ expected. For a total, `actual` is the total cell and `expected` its
 * parts; for the balance, `expected` is 一 + 二 and `actual` is 三（七）+ 四 (as in report-json.md's example).
 */
export interface ArithmeticCheck {
  id: string;
  rule: "balance" | "outcome-total" | "row-total" | "appeal-total" | "carry-over" | "stock";
  part: PartId;
  /** What the check is about: 「自然人列」, 「一、本年新收政府信息公开申请数量」, 「行政复议」. */
  scope: string;
  scopeEn: string;
  actual: Term[];
  expected: Term[];
  /** The cell a conditional format colours when the check fails (the total, or 四 for the balance). */
  mark: Pointer;
  /** Whether a fix may be offered when the suspect cell cannot be singled out: totals yes, balance no. */
  defaultFix: boolean;
}
