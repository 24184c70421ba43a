/**
 * A filled report as a workbook: the same self-checking template `nianbao template` writes, with the
 * report's values and narratives in their named cells, so that it reads back (by its names) as the same report.
 */
import { getValue, type NarrativeKey, type Report } from "../report/model";
import { layoutPlan, type LayoutPlan } from "../layout/plan";
import { writeTemplate } from "./write-template";

export function filledPlan(report: Report): LayoutPlan {
  const { format, year, agency, date } = report;
  const plan = layoutPlan({ format, year, agency, ...(date ? { date } : {}) });
  const cells = plan.cells.map((cell) => {
    if (!cell.pointer || cell.formula) return cell;
    const narrative = /^\/narrative\/(\w+)$/.exec(cell.pointer);
    const value = narrative
      ? report.narrative[narrative[1] as NarrativeKey]
      : getValue(report, cell.pointer);
    if (value === null || value === undefined || value === "") return cell;
    return { ...cell, value };
  });
  return { ...plan, cells };
}

export function writeReportWorkbook(report: Report): Promise<Uint8Array> {
  return writeTemplate(filledPlan(report));
}
