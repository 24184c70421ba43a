/**
 * `npm run bench`: the figures the issues name. Timings are medians; compare ratios within one run.
 */
import { validateCells, validateReport } from "../src/checks/evaluate";
import { cellsOfReport } from "../src/report/cells-as-read";
import type { FormatId } from "../src/templates/formats";
import { randomConsistentReport } from "../test/support/random-report";
import { aggregateBench } from "./aggregate";
import { row, timeMedian } from "./measure";
import { excelBench } from "./excel";
import { importBench } from "./import";
import { workbenchBench } from "./workbench";
import { xlsxBench } from "./xlsx";
import { serverBench } from "./server";

function validation(): void {
  process.stdout.write("Validation (one complete report, all checks, one core)\n");
  for (const format of ["2019", "2021"] as FormatId[]) {
    const report = randomConsistentReport(format, 42);
    const previous = randomConsistentReport(format, 41, report.year - 1);
    const ms = timeMedian(() => validateReport(report));
    const msPrev = timeMedian(() => validateReport(report, { previous }));
    row(`  format ${format}: median time per validation`, `${(ms * 1000).toFixed(1)} µs`);
    row(`  format ${format}: reports per second`, `${Math.round(1000 / ms).toLocaleString("en")}`);
    const cells = cellsOfReport(report);
    const msCells = timeMedian(() => validateCells(cells));
    row(
      `  format ${format}: on the cells as read (pane, workbooks)`,
      `${(msCells * 1000).toFixed(1)} µs`
    );
    row(
      `  format ${format}: with last year's report (cross-year checks)`,
      `${(msPrev * 1000).toFixed(1)} µs`
    );
  }
}

async function main(): Promise<void> {
  validation();
  aggregateBench();
  await xlsxBench();
  await importBench();
  await excelBench();
  await workbenchBench();
  await serverBench();
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
