/**
 * Round trips per add-in operation, counted by the simulated Excel (each would be a network call on Excel
 * on the web), and the production task-pane bundle size (built by webpack --mode production into dist/).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createSimulatedExcel } from "../dev/excel-sim";
import { aggregateReports } from "../src/aggregate/aggregate";
import { detectCapabilities } from "../src/excel/capabilities";
import { ExcelHost } from "../src/excel/excel-host";
import { cellValues } from "../src/report/model";
import { randomConsistentReport } from "../test/support/random-report";
import { row } from "./measure";

export async function excelBench(): Promise<void> {
  process.stdout.write(
    "\nAdd-in round trips (context.sync() calls, simulated Excel, ExcelApi 1.17)\n"
  );
  const sim = createSimulatedExcel({ requirementSets: { ExcelApi: "1.17" } });
  sim.install(globalThis);
  const host = new ExcelHost(
    detectCapabilities((n, v) => sim.Office.context.requirements.isSetSupported(n, v))
  );
  const count = async (label: string, budget: string, work: () => Promise<unknown>) => {
    sim.resetCounters();
    await work();
    row(`  ${label}`, `${sim.syncCount} sync(s), ${sim.writeCount} write(s)   budget ${budget}`);
  };
  await count("insert template (check + build)", "≤ 3 with the read after it", () =>
    host.insertTemplate({ format: "2021", year: 2024, agency: "某市某局" })
  );
  const report = randomConsistentReport("2021", 1);
  await count("fill every value cell (import)", "1", () => host.write(cellValues(report)));
  await count("validate after an edit (read)", "1 read, 0 writes", () => host.read());
  await count("apply a fix", "1", () => host.write(new Map([["/requests/granted/total", 3]])));
  await count("fill blanks with 0 (all 200 cells)", "1", () =>
    host.write(new Map([...cellValues(report).keys()].map((p) => [p, 0])))
  );
  const compiled = aggregateReports([{ file: "a.json", sha256: "0".repeat(64), report }], {
    agency: "某市某局",
  });
  if (compiled.ok)
    await count("compile reports (sums + sources record)", "1", () =>
      host.writeCompiled(cellValues(compiled.report), compiled.record)
    );
  await count("select a finding's cell", "1", () => host.select("/appeals/review/total"));
  await count("export JSON (read)", "1", () => host.read());
  sim.uninstall();

  process.stdout.write("\nTask pane bundle (webpack --mode production, office.js excluded)\n");
  const root = join(__dirname, "../../..");
  execFileSync(
    process.execPath,
    [join(root, "node_modules/webpack/bin/webpack.js"), "--mode", "production"],
    {
      cwd: root,
      stdio: "ignore",
    }
  );
  const dist = join(root, "dist");
  if (!existsSync(dist)) return;
  const files = readdirSync(dist).filter((f) => f.endsWith(".js") && !f.startsWith("commands"));
  let raw = 0;
  let gz = 0;
  let pdfGz = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    const size = gzipSync(bytes, { level: 9 }).length;
    // the PDF reader (pdfjs-dist) loads only when a PDF is chosen: outside the budget, shown apart
    if (f.startsWith("pdf-reader")) {
      pdfGz += size;
      continue;
    }
    raw += bytes.length;
    gz += size;
  }
  row(
    "  all task pane JS, minified (Word renderer on demand included)",
    `${(raw / 1024).toFixed(0)} KiB`
  );
  row("  all task pane JS, gzipped", `${(gz / 1024).toFixed(0)} KiB   budget 350 KB`);
  row("  PDF reader (on demand, not in the budget), gzipped", `${(pdfGz / 1024).toFixed(0)} KiB`);
}
