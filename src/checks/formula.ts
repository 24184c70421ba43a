/**
 * The arithmetic checks compiled to Excel formulas over the workbook names, so that a workbook made by this
 * project shows its own errors in Excel, WPS and LibreOffice without the add-in. Locale-independent: English
 * function names, commas, no structured references. A check is evaluated only when every cell it uses holds
 * a number (ISNUMBER: not a blank, text or an error value), as the evaluator does; until then
 * it is incomplete: never coloured, and shown as such on the check sheet.
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
function differenceFormula(check: ArithmeticCheck): string {
  if (!isCompilable(check))
    throw new Error(`check ${check.id} needs last year's report and cannot be compiled`);
  return `ROUND(${side(check.actual)}-${side(check.expected)},6)`;
}

/**
 * TRUE when every cell the check uses holds a number. Not COUNT(names): given a name of a blank cell,
 * HyperFormula (the simulator's engine) counts it.
 */
function completeFormula(check: ArithmeticCheck): string {
  const names = [
    ...new Set([...check.actual, ...check.expected].map((t) => nameFromPointer(t.pointer))),
  ];
  return `AND(${names.map((n) => `ISNUMBER(${n})`).join(",")})`;
}

/**
 * TRUE when the check fails: the formula of a conditional format (without the leading "="). IF, not AND:
 * Excel evaluates every argument of AND, and an error value in a cell would turn the rule into an error;
 * an incomplete check's difference is taken as 0 (no boolean literal: HyperFormula has none).
 */
export function failureFormula(check: ArithmeticCheck): string {
  return `IF(${completeFormula(check)},${differenceFormula(check)},0)<>0`;
}

/** Σ actual − Σ expected once the check is complete, else "" (the check sheet's difference column). */
export function pendingDifferenceFormula(check: ArithmeticCheck): string {
  return `IF(${completeFormula(check)},${differenceFormula(check)},"")`;
}
