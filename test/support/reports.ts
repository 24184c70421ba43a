/** Reports made for tests from other reports. */
import { cellValues, reportFromValues, type CellValue, type Report } from "../../src/report/model";
import type { Pointer } from "../../src/templates/pointers";

/** A copy of the report with some cells changed; pointers outside the format are rejected. */
export function withValues(report: Report, changes: ReadonlyMap<Pointer, CellValue>): Report {
  const values = cellValues(report);
  for (const [pointer, value] of changes) {
    if (!values.has(pointer)) throw new Error(`no cell ${pointer} in format ${report.format}`);
    values.set(pointer, value);
  }
  return reportFromValues(report, values, report.narrative);
}
