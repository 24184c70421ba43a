/**
 * The arithmetic checks compiled to Excel formulas over the workbook names, so that a workbook made by this
 * project shows its own errors in Excel, WPS and LibreOffice without the add-in. Locale-independent: English
 * function names, commas, no structured references. SUM reads blanks and text as 0, as the evaluator does.
 */
import { nameFromPointer } from "../templates/pointers";
import type { ArithmeticCheck, Term } from "./types";

function side(terms: Term[]): string {
  const plus = terms.filter((t) => t.coefficient > 0).map((t) => nameFromPointer(t.pointer));
  const minus = terms.filter((t) => t.coefficient < 0).map((t) => nameFromPointer(t.pointer));
  const sum = (names: string[]) => `SUM(${names.join(",")})`;
  if (minus.length === 0) return sum(plus);
  return `(${plus.length ? sum(plus) : "0"}-${sum(minus)})`;
}

/** Whether the check reads only this workbook (cross-year checks need last year's report). */
export function isCompilable(check: ArithmeticCheck): boolean {
  return [...check.actual, ...check.expected].every((t) => !t.previous);
}

/** Σ actual − Σ expected: 0 when the check holds. Rounded so that decimal noise never reads as a failure. */
export function differenceFormula(check: ArithmeticCheck): string {
  if (!isCompilable(check))
    throw new Error(`check ${check.id} needs last year's report and cannot be compiled`);
  return `ROUND(${side(check.actual)}-${side(check.expected)},6)`;
}

/** TRUE when the check fails: the formula of a conditional format (without the leading "="). */
export function failureFormula(check: ArithmeticCheck): string {
  return `${differenceFormula(check)}<>0`;
}
