/**
 * The workbench in Debian's Chromium (Playwright): time from the workbench page's navigation start to the
 * task pane being ready (its 插入模板 button shown), taken inside the page, with when the workbench's script
 * had run, the pane's frame began and its scripts had arrived; time from a cell edit to the pane's findings
 * updating (through Excel's change event and one read, with no quiet time), medians of several runs; and
 * how many reads 20 rapid edits cause.
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
/** Page loads timed (the machine is shared: more runs than for the edits). */
const LOAD_RUNS = 9;
/** A new window's own start-up, waited out before each timed load (see `openPage`). */
const SETTLE_MS = 1500;

/** Milliseconds after the workbench page's navigation start. */
interface LoadTimes {
  /** the workbench's script has run (its DOMContentLoaded ended: the simulator exists) */
  script: number;
  /** the pane's frame began navigating */
  frame: number;
  /** the last of the pane's scripts had arrived (the bridge standing in for office.js excepted) */
  chunks: number;
  /** the pane's 插入模板 button was first laid out */
  ready: number;
}

declare global {
  interface Window {
    /** Set by `watchReady` in the pane's frame, on the workbench page's clock. */
    __paneReady?: { frame: number; ready?: number };
  }
}

/**
 * Installed in every frame before the page's own scripts (sent as source): in the pane's frame, notes on
 * the workbench page's clock when the frame began, and, at each change of its DOM, whether the 插入模板
 * button has a box yet.
 */
function watchReady(): void {
  if (window.parent === window) return;
  const top = window.parent;
  const shift = performance.timeOrigin - top.performance.timeOrigin;
  const times: { frame: number; ready?: number } = { frame: shift };
  top.__paneReady = times;
  const observer = new MutationObserver(() => {
    for (const button of document.querySelectorAll("button")) {
      if (button.textContent?.includes("插入模板") && button.getClientRects().length > 0) {
        times.ready = shift + performance.now();
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

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
    const loads: LoadTimes[] = [];
    let beforeReady: string[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) {
      const { context, page } = await openPage(browser, server.url, {
        init: watchReady,
        settleMs: SETTLE_MS,
      });
      await page.frameLocator("iframe").getByRole("button", { name: "插入模板" }).waitFor();
      const { times, scripts } = await page.evaluate(() => {
        const pane = document.querySelector("iframe")!.contentWindow!;
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const { frame, ready } = window.__paneReady!;
        // the pane's own scripts (the bridge standing in for office.js is not the pane's)
        const own = pane.performance
          .getEntriesByType("resource")
          .filter(
            (e) => /\.js$/.test(e.name) && !new URL(e.name).pathname.startsWith("/workbench/")
          );
        const times: LoadTimes = {
          script: nav.domContentLoadedEventEnd,
          frame,
          chunks: frame + Math.max(...own.map((e) => (e as PerformanceResourceTiming).responseEnd)),
          ready: ready!,
        };
        return { times, scripts: own.map((e) => new URL(e.name).pathname) };
      });
      loads.push(times);
      beforeReady = scripts;
      await context.close();
    }
    const at = (key: keyof LoadTimes) => `${median(loads.map((t) => t[key])).toFixed(0)} ms`;
    row(`  workbench page navigation start → pane ready (median of ${LOAD_RUNS})`, at("ready"));
    row(
      "    of which: workbench script run / pane frame start / pane JS arrived",
      `${at("script")} / ${at("frame")} / ${at("chunks")}`
    );
    const gz = (file: string) =>
      gzipSync(readFileSync(join(built.dist, file)), { level: 9 }).length;
    const js = readdirSync(built.dist).filter(
      (f) => f.endsWith(".js") && !f.startsWith("commands")
    );
    // the PDF reader is loaded only when a PDF is chosen: outside the budget, shown on its own
    const isPdfReader = (f: string) => f.startsWith("pdf-reader-pdfjs");
    const kb = (n: number) => `${(n / 1000).toFixed(0)} KB`;
    row(
      "  pane JS loaded before ready, gzipped",
      `${kb(beforeReady.reduce((n, p) => n + gz(p.slice(1)), 0))}   budget 164 KB (${beforeReady.length} files)`
    );
    const sum = (files: string[]) => kb(files.reduce((n, f) => n + gz(f), 0));
    row(
      "  all pane JS, gzipped (on demand included, PDF reader excepted)",
      `${sum(js.filter((f) => !isPdfReader(f)))}   budget 350 KB`
    );
    row("  PDF reader (pdf.js, loaded when a PDF is chosen), gzipped", sum(js.filter(isPdfReader)));

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
