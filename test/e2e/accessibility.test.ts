/**
 * Accessibility of the task pane in Debian's Chromium: axe-core checks the pane (inside the workbench's
 * iframe) in each state — start, findings, export, import, last year's report, a menu open — and finds no
 * serious or critical violation; the keyboard alone reaches every action of the pane.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Frame, FrameLocator, Page } from "playwright-core";
import { startServer, type WorkbenchServer } from "../../dev/workbench/server";
import { reportToJson } from "../../src/report/read-json";
import { randomConsistentReport } from "../support/random-report";
import {
  buildWorkbench,
  hasChromium,
  launchChromium,
  openPage,
  SKIP_REASON,
  type WatchedPage,
} from "./browser";

const ROOT = join(__dirname, "../..");
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

if (!hasChromium) process.stdout.write(`Browser tests skipped: ${SKIP_REASON}\n`);
const suite = hasChromium ? describe : describe.skip;
jest.setTimeout(180_000);

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

function paneFrame(page: Page): Frame {
  return page.frames().find((f) => f !== page.mainFrame())!;
}

/** Serious and critical violations axe-core finds in the pane's document. */
async function axeViolations(page: Page): Promise<string[]> {
  const frame = paneFrame(page);
  if (!(await frame.evaluate(() => "axe" in window))) await frame.evaluate(AXE);
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: object) => Promise<unknown> } }).axe;
    // Checked as the user sees it once it settles: a button fading between its busy and idle colours has
    // no contrast of its own yet. Spinners run forever and are left to run.
    const settling = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(settling.map((a) => a.finished.catch(() => undefined)));
    // Tabster's focus sentinels (Fluent's focus management): aria-hidden <i tabindex="0"> that pass focus on
    // at once; axe reports them as aria-hidden-focus. Only those are left out, by their own attribute.
    const context = { include: [["html"]], exclude: [["[data-tabster-dummy]"]] };
    const result = (await axe.run(context)) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

suite("the task pane is accessible", () => {
  let server: WorkbenchServer;
  let browser: Browser;

  beforeAll(async () => {
    const built = await buildWorkbench(ROOT, join(ROOT, "test-artifacts/a11y/build"));
    server = await startServer({ port: 0, ...built });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<WatchedPage & { pane: FrameLocator }> {
    const watched = await openPage(browser, `${server.url}?lang=zh-CN`);
    const pane = watched.page.frameLocator("iframe");
    await pane.getByRole("button", { name: "插入模板" }).waitFor();
    return { ...watched, pane };
  }

  test("no serious or critical violation in any state", async () => {
    const { page, pane, problems, context } = await open();
    const found: Record<string, string[]> = {};
    found.start = await axeViolations(page);

    await pane.getByLabel("报告年度").fill("2024");
    await pane.getByLabel("机关名称").fill("某市某局");
    await pane.getByRole("button", { name: "插入模板" }).click();
    await pane.getByTestId("summary-counts").waitFor();
    await pane.getByRole("button", { name: "导出 JSON" }).waitFor();
    found.findings = await axeViolations(page);

    await pane.getByRole("button", { name: "导出 JSON" }).click();
    await pane
      .getByText(/不能导出正式报告/)
      .first()
      .waitFor();
    found.export = await axeViolations(page);

    await pane.getByLabel("或粘贴报告（JSON 或网页上复制的全文）").fill("{ not json");
    await pane.getByRole("button", { name: "导入粘贴的文本" }).click();
    await pane.getByText("无法读取这份报告，未作任何改动：").waitFor();
    found.import = await axeViolations(page);

    const previous = randomConsistentReport("2021", 5, 2023);
    await pane.getByLabel("或粘贴上年报告（JSON 或网页上复制的全文）").fill(reportToJson(previous));
    await pane.getByRole("button", { name: "导入粘贴的上年报告" }).click();
    await pane
      .getByText(/已导入上年报告/)
      .first()
      .waitFor();
    found.previous = await axeViolations(page);

    await pane.getByRole("button", { name: "更多操作" }).click();
    await pane
      .getByRole("group", { name: "更多操作" })
      .getByRole("button", { name: "立即校验" })
      .waitFor();
    found.more = await axeViolations(page);

    // a question open: importing over filled cells asks before writing
    const paste = pane.getByLabel("或粘贴报告（JSON 或网页上复制的全文）");
    const importPasted = pane.getByRole("button", { name: "导入粘贴的文本" });
    await paste.fill(reportToJson(randomConsistentReport("2021", 6, 2024)));
    await importPasted.click();
    await pane
      .getByText(/已导入/)
      .first()
      .waitFor();
    await paste.fill(reportToJson(randomConsistentReport("2021", 7, 2024)));
    await importPasted.click();
    await pane.getByRole("button", { name: "覆盖并导入" }).waitFor();
    found.question = await axeViolations(page);

    expect(found).toEqual({
      start: [],
      findings: [],
      export: [],
      import: [],
      previous: [],
      more: [],
      question: [],
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  test("the keyboard alone reaches every action", async () => {
    const { page, pane, context } = await open();
    await pane.getByLabel("报告年度").fill("2024");
    await pane.getByLabel("机关名称").fill("某市某局");
    await pane.getByLabel("机关名称").press("Enter"); // the form submits from the keyboard
    await pane.getByTestId("summary-counts").waitFor();
    await pane.getByRole("button", { name: "导出 JSON" }).waitFor();
    const frame = paneFrame(page);
    const describe = () =>
      frame.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        return e && e !== document.body
          ? `${e.tagName.toLowerCase()}|${e.getAttribute("aria-label") ?? e.textContent ?? ""}|${e.id}`
          : "";
      });
    const actions = await frame.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("button, input, select, textarea, a[href]")]
        .filter((e) => !(e as HTMLButtonElement).disabled && e.offsetParent !== null)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}|${e.getAttribute("aria-label") ?? e.textContent ?? ""}|${e.id}`
        )
    );
    expect(actions.length).toBeGreaterThan(10);
    await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await pane.locator("h1").click();
    const reached = new Set<string>();
    for (let i = 0; i < actions.length * 3 && reached.size < actions.length; i++) {
      await page.keyboard.press("Tab");
      const now = await describe();
      if (now) reached.add(now);
    }
    expect(actions.filter((a) => !reached.has(a))).toEqual([]);

    // the more actions open from the keyboard, Tab reaches them, Escape closes them back to the toggle
    const toggle = pane.getByRole("button", { name: "更多操作" });
    await toggle.focus();
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("Tab");
    expect(await describe()).toMatch(/^button\|立即校验\|/);
    await page.keyboard.press("Escape");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await describe()).toMatch(/^button\|更多操作\|/);
    await context.close();
  });
});
