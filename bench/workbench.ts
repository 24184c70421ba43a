/**
 * The workbench in Debian's Chromium (Playwright): time from page load to the task pane being ready, and
 * from a cell edit to the pane's findings updating (through Excel's change event and one read, with no quiet
 * time), medians of several runs; and how many reads 20 rapid edits cause.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { WorkbenchServer } from "../dev/workbench/server";
import { cellValues } from "../src/report/model";
import { layoutPlan } from "../src/layout/plan";
import { nameFromPointer } from "../src/templates/pointers";
import {
  buildWorkbench,
  hasChromium,
  launchChromium,
  openPage,
  SKIP_REASON,
} from "../test/e2e/browser";
import { randomConsistentReport } from "../test/support/random-report";
import { median, row } from "./measure";

const RUNS = 5;

export async function workbenchBench(): Promise<void> {
  process.stdout.write("\nWorkbench (production task pane + simulated Excel, headless Chromium)\n");
  if (!hasChromium) {
    row("  skipped", SKIP_REASON);
    return;
  }
  // compiled to lib/bench/bench/: the project root is three levels up
  const root = join(__dirname, "../../..");
  const out = mkdtempSync(join(tmpdir(), "nianbao-bench-workbench-"));
  const { startServer } = require(join(root, "dev/workbench/server.js")) as {
    startServer: (o: object) => Promise<WorkbenchServer>;
  };
  const built = await buildWorkbench(root, out);
  const server = await startServer({ port: 0, ...built });
  const browser = await launchChromium();
  try {
    const loads: number[] = [];
    let beforeReady: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = Date.now();
      const { context, page } = await openPage(browser, server.url);
      await page.frameLocator("iframe").getByRole("button", { name: "插入模板" }).waitFor();
      loads.push(Date.now() - start);
      // the pane's own scripts fetched so far (the bridge standing in for office.js is not the pane's)
      beforeReady = await page
        .frames()
        .find((f) => f !== page.mainFrame())!
        .evaluate(() =>
          performance
            .getEntriesByType("resource")
            .map((e) => new URL(e.name).pathname)
            .filter((p) => p.endsWith(".js") && !p.startsWith("/workbench/"))
        );
      await context.close();
    }
    row(`  page load → pane ready (median of ${RUNS})`, `${median(loads).toFixed(0)} ms`);
    const gz = (file: string) =>
      gzipSync(readFileSync(join(built.dist, file)), { level: 9 }).length;
    const all = readdirSync(built.dist).filter(
      (f) => f.endsWith(".js") && !f.startsWith("commands")
    );
    const kb = (n: number) => `${(n / 1000).toFixed(0)} KB`;
    row(
      "  pane JS loaded before ready, gzipped",
      `${kb(beforeReady.reduce((n, p) => n + gz(p.slice(1)), 0))}   budget 164 KB (${beforeReady.length} files)`
    );
    row(
      "  all pane JS, gzipped (on demand included)",
      `${kb(all.reduce((n, f) => n + gz(f), 0))}   budget 350 KB`
    );

    const { context, page } = await openPage(browser, server.url);
    const pane = page.frameLocator("iframe");
    await pane.getByLabel("报告年度").fill("2024");
    await pane.getByLabel("机关名称").fill("某市某局");
    await pane.getByRole("button", { name: "插入模板" }).click();
    await pane.getByTestId("summary-counts").waitFor();
    const plan = layoutPlan({ format: "2021", year: 2024, agency: "某市某局" });
    const address = (pointer: string) => {
      const n = plan.names.find((x) => x.name === nameFromPointer(pointer))!;
      return `${String.fromCharCode(65 + n.col)}${n.row + 1}`;
    };
    const report = randomConsistentReport("2021", 3, 2024);
    const cells = [...cellValues(report)].map(([p, v]) => [address(p), v ?? 0] as const);
    const target = "/requests/newReceived/naturalPerson";
    const original = cellValues(report).get(target) ?? 0;
    const edits: number[] = [];
    // the first fill, then edits that alternately break and restore the balance
    const values = [original + 1, original, original + 2, original, original + 3, original];
    await page.evaluate(
      ({ sheet, cells }) => {
        for (const [a, v] of cells) window.__nianbaoSim!.user.setValue(sheet, a, v);
      },
      { sheet: plan.sheetName, cells }
    );
    await page.waitForTimeout(1500);
    for (const value of values.slice(0, RUNS + 1)) {
      const ms = await page.evaluate(
        ({ sheet, cell, value }) =>
          new Promise<number>((resolve) => {
            const frame = document.querySelector("iframe")!.contentDocument!;
            const counts = frame.querySelector('[data-testid="summary-counts"]')!;
            const before = counts.textContent;
            const observer = new MutationObserver(() => {
              if (counts.textContent !== before) {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(counts, { childList: true, subtree: true, characterData: true });
            const start = performance.now();
            window.__nianbaoSim!.user.setValue(sheet, cell, value);
          }),
        { sheet: plan.sheetName, cell: address(target), value }
      );
      edits.push(ms);
    }
    row(
      `  cell edit → findings updated (median of ${edits.length})`,
      `${median(edits).toFixed(0)} ms`
    );

    // 20 edits back to back (as fast as the page can make them, each its own change event): every read is
    // one sync, so the syncs until the pane settles are the reads the edits caused.
    const reads = await page.evaluate(
      async ({ sheet, cell, base }) => {
        const sim = window.__nianbaoSim!;
        const before = sim.syncCount;
        for (let i = 1; i <= 20; i++) sim.user.setValue(sheet, cell, base + (i % 2));
        let last = -1;
        while (sim.syncCount !== last) {
          last = sim.syncCount;
          await new Promise((r) => setTimeout(r, 300));
        }
        return sim.syncCount - before;
      },
      { sheet: plan.sheetName, cell: address(target), base: original }
    );
    row("  reads caused by 20 rapid edits", `${reads}`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
