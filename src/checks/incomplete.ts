/**
 * `summary.incomplete` of report-json.md: the arithmetic checks of the year that cannot be told right or
 * wrong yet because a cell they use is blank (the blanks themselves are `blank` findings).
 */
import { cellValues, type Report } from "../report/model";
import { arithmeticChecks } from "./definitions";

export function incompleteChecks(report: Report): number {
  const values = cellValues(report);
  const blank = (p: string) => (values.get(p) ?? null) === null;
  return arithmeticChecks(report.format).filter((c) =>
    [...c.actual, ...c.expected].some((t) => blank(t.pointer))
  ).length;
}
