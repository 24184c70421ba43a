/**
 * Import round trip: random reports of both formats, rendered as the publishable HTML and as a plain-text
 * copy laid out like the published fixture (one cell per line, tab-indented), import back to the same report.
 */
import fc from "fast-check";
import { formatNumber } from "../../src/checks/messages";
import { importPublishedText } from "../../src/import/text";
import { cellValues, getValue, type Report } from "../../src/report/model";
import { renderHtml } from "../../src/render/html";
import type { FormatId } from "../../src/templates/formats";
import { gridTables } from "../../src/templates/grid";
import { PART_HEADINGS } from "../../src/templates/labels";
import { randomConsistentReport } from "../support/random-report";

/** The report as text copied from a page, like shared/fixtures: title, parts, each table cell on its own line. */
function plainText(report: Report): string {
  const lines = [
    `${report.year}年度${report.agency}政府信息公开工作`,
    "",
    "年度报告",
    PART_HEADINGS.overview,
    report.narrative.overview,
  ];
  for (const table of gridTables(report.format)) {
    lines.push(`${table.heading}（表）`);
    for (let r = 0; r < table.rows; r++) {
      const cells = table.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
      for (const c of cells) {
        const v = c.pointer ? getValue(report, c.pointer) : undefined;
        lines.push(
          `\t${c.pointer ? (v === null || v === undefined ? "" : formatNumber(v)) : c.text}`
        );
      }
      lines.push("");
    }
  }
  lines.push(
    PART_HEADINGS.problems,
    report.narrative.problems,
    PART_HEADINGS.other,
    report.narrative.other
  );
  lines.push(
    `    ${report.agency}`,
    "",
    `    ${report.date!.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日")}`
  );
  return lines.join("\n");
}

describe.each(["2019", "2021"] as FormatId[])("format %s", (format) => {
  const roundTrip = (text: string, report: Report) => {
    const result = importPublishedText(text);
    if (!result.ok) throw new Error(JSON.stringify(result.notes));
    expect(result.notes).toEqual([]);
    expect(cellValues(result.report)).toEqual(cellValues(report));
    expect(result.report).toMatchObject({
      format,
      year: report.year,
      agency: report.agency,
      date: report.date,
    });
    return result.report;
  };

  test("the publishable HTML imports back to the same report", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const report = randomConsistentReport(format, seed);
        const imported = roundTrip(renderHtml(report), report);
        expect(imported.narrative.overview).toBe(report.narrative.overview);
      }),
      { numRuns: 40 }
    );
  });

  test("a plain-text copy laid out like the published fixture imports back to the same report", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const report = randomConsistentReport(format, seed);
        roundTrip(plainText(report), report);
      }),
      { numRuns: 40 }
    );
  });
});
