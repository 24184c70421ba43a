/**
 * 提交到平台 end to end in Debian's Chromium: the production pane, built with PLATFORM_URL pointing at a
 * receiving service this test starts as an office would (`nianbao serve add-agency / add-admin`, then
 * `nianbao serve` on the loopback address with PGlite in a temporary folder, CORS for the workbench only),
 * submits a filled report across origins; the office's overview page shows it; the receipt stays in the
 * workbook for whoever opens it, and an edit after submission shows 未提交最新修改.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, FrameLocator } from "playwright-core";
import { startServer, type WorkbenchServer } from "../../dev/workbench/server";
import { idempotencyKey } from "../../src/platform/protocol";
import { cellValues, type Report } from "../../src/report/model";
import { readReportJson } from "../../src/report/read-json";
import { layoutPlan } from "../../src/layout/plan";
import { META_NAMES, nameFromPointer } from "../../src/templates/pointers";
import { freePort } from "../support/postgres";
import { randomConsistentReport } from "../support/random-report";
import { BIN, startChild, stopChild, type ChildService } from "../support/service";
import {
  buildWorkbench,
  eventually,
  hasChromium,
  launchChromium,
  openPage,
  simEval,
  SKIP_REASON,
  type WatchedPage,
} from "./browser";

const ROOT = join(__dirname, "../..");
const ARTIFACTS = join(ROOT, "test-artifacts/e2e");
const AGENCY = "某市某局";
const YEAR = 2024;

if (!hasChromium) process.stdout.write(`Browser tests skipped: ${SKIP_REASON}\n`);
const suite = hasChromium ? describe : describe.skip;
jest.setTimeout(180_000);

/** `nianbao serve add-agency|add-admin NAME`: the token is the last line printed. */
async function addPrincipal(kind: "add-agency" | "add-admin", dataDir: string, name: string) {
  const { stdout } = await promisify(execFile)(process.execPath, [
    BIN,
    "serve",
    kind,
    "--data",
    dataDir,
    name,
  ]);
  return stdout.trim().split("\n").pop()!;
}

/** Every value cell, the date and the narratives of `report`, by A1 address in its template. */
function cellsOf(report: Report): [string, string | number][] {
  const plan = layoutPlan({ format: report.format, year: report.year, agency: report.agency });
  const at = new Map(plan.names.map((n) => [n.name, n]));
  const a1 = (name: string) => {
    const n = at.get(name);
    if (!n) throw new Error(`no name ${name}`);
    return `${String.fromCharCode(65 + n.col)}${n.row + 1}`;
  };
  const cells: [string, string | number][] = [[a1(META_NAMES.date), report.date ?? ""]];
  for (const key of ["overview", "problems", "other"] as const)
    cells.push([a1(nameFromPointer(`/narrative/${key}`)), report.narrative[key]]);
  for (const [pointer, value] of cellValues(report))
    cells.push([a1(nameFromPointer(pointer)), value ?? ""]);
  return cells;
}

suite("提交到平台 in Chromium, to a service started here", () => {
  let dataDir: string;
  let service: ChildService | undefined;
  let serviceUrl: string;
  let workbench: WorkbenchServer;
  let browser: Browser;
  let manifest: string;
  const tokens = { agency: "", admin: "" };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "nianbao-submit-e2e-"));
    // The service allows the workbench's origin, and the pane's build names the service's address:
    // the workbench's port is chosen first, then the service starts, then the pane is built.
    const workbenchPort = await freePort();
    // One process at a time holds the data folder: the tokens first, then the service.
    tokens.agency = await addPrincipal("add-agency", dataDir, AGENCY);
    tokens.admin = await addPrincipal("add-admin", dataDir, "政务公开办");
    service = await startChild({ dataDir }, {}, [
      "--addin-origin",
      `http://127.0.0.1:${workbenchPort}`,
    ]);
    serviceUrl = `${service.url}/`;
    const out = join(ARTIFACTS, "build-submit");
    const built = await buildWorkbench(ROOT, out, { PLATFORM_URL: serviceUrl });
    manifest = readFileSync(join(built.dist, "manifest.xml"), "utf8");
    workbench = await startServer({ port: workbenchPort, ...built });
    expect(workbench.port).toBe(workbenchPort);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
    if (service) await stopChild(service);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("the built manifest lists the platform's origin in AppDomains", () => {
    expect(manifest).toContain(
      `<AppDomains>\n    <AppDomain>${new URL(serviceUrl).origin}</AppDomain>\n  </AppDomains>`
    );
  });

  test("fill in, submit (offline, then 重试), see it on the overview, reopen the pane, edit: 未提交最新修改", async () => {
    const watched: WatchedPage = await openPage(browser, `${workbench.url}?lang=zh-CN`);
    const { page, problems, context } = watched;
    const pane: FrameLocator = page.frameLocator("iframe");
    await pane.getByRole("button", { name: "插入模板" }).waitFor();
    await pane.getByLabel("报告年度").fill(String(YEAR));
    await pane.getByLabel("机关名称").fill(AGENCY);
    await pane.getByRole("button", { name: "插入模板" }).click();
    await pane.getByTestId("summary-counts").waitFor();

    // Before the tables are filled in, the gate is closed.
    const submit = pane.getByRole("button", { name: "提交到平台" });
    await pane.getByLabel(/机关令牌/).fill(tokens.agency);
    expect(await submit.isDisabled()).toBe(true);
    expect(await pane.getByText(/处错误或空白，改正后才能提交/).count()).toBe(1);

    // Fill every cell as a person would (through the simulated workbook's user edits).
    const report = { ...randomConsistentReport("2021", 11, YEAR), agency: AGENCY };
    const sheet = layoutPlan({ format: "2021", year: YEAR, agency: AGENCY }).sheetName;
    const refused = await simEval(
      page,
      (sim, a: { sheet: string; cells: [string, string | number][] }) =>
        a.cells.filter(([address, value]) => !sim.user.setValue(a.sheet, address, value)),
      { sheet, cells: cellsOf(report) }
    );
    expect(refused).toEqual([]);
    await pane.getByText("未发现错误").first().waitFor();
    await eventually(async () => expect(await submit.isDisabled()).toBe(false));

    // Offline first: a plain message, nothing lost; back online, 重试 submits (once).
    await context.setOffline(true);
    await submit.click();
    await pane.getByText(/电脑未联网，未能提交/).waitFor();
    expect(await pane.getByLabel(/机关令牌/).inputValue()).toBe(tokens.agency);
    await context.setOffline(false);
    await pane.getByRole("button", { name: "重试" }).click();
    const receiptBar = pane.getByTestId("submit-receipt");
    await receiptBar.waitFor({ timeout: 30_000 });
    const shown = (await receiptBar.textContent()) ?? "";
    expect(shown).toMatch(/^已于 \d{4}-\d\d-\d\d \d\d:\d\d 提交，回执 \S+。/);
    expect(shown).toContain("工作簿中的表格与提交的内容一致");
    await page.screenshot({ path: join(ARTIFACTS, "submit-zh-CN-submitted.png") });

    // The service stored exactly the sheet's report; its receipt is in the workbook, the token is not.
    const kept = await simEval(page, (sim) => sim.inspect.settings(), null);
    const receipt = JSON.parse(String(kept["nianbao.receipt"])) as { id: string; sha256: string };
    expect(shown).toContain(`回执 ${receipt.id}`);
    expect(JSON.stringify(kept)).not.toContain(tokens.agency);
    const answer = await fetch(`${serviceUrl}api/v1/reports/${receipt.id}`, {
      headers: { Authorization: `Bearer ${tokens.admin}` },
    });
    expect(answer.status).toBe(200);
    const stored = (await answer.json()) as { report: unknown };
    const storedReport = readReportJson(JSON.stringify(stored.report));
    if (!storedReport.ok) throw new Error("the stored report does not read");
    expect(receipt.sha256).toBe(await idempotencyKey(storedReport.report));
    expect(cellValues(storedReport.report)).toEqual(cellValues(report));

    // The office's overview, behind the administrator's login, shows the agency as submitted.
    const office = await context.newPage();
    await office.goto(`${serviceUrl}login`);
    await office.getByLabel("管理员名称").fill("政务公开办");
    await office.getByLabel("管理员令牌").fill(tokens.admin);
    await office.getByLabel("管理员令牌").press("Enter");
    const row = office.locator(`tr[data-agency="${AGENCY}"]`);
    await row.waitFor();
    expect(await row.locator("td").nth(1).textContent()).toMatch(/^(有效|已提交（有警告）)$/);
    expect(await row.locator(`a[href="/overview/reports/${receipt.id}"]`).count()).toBe(1);
    expect(await row.locator("td").nth(5).textContent()).toBe("1"); // one version, not two
    await office.screenshot({ path: join(ARTIFACTS, "submit-overview.png") });
    await office.close();

    // Whoever opens the pane again sees the receipt from the workbook; the token is not asked again.
    const frame = page.frames().find((f) => f.url().includes("taskpane.html"))!;
    await frame.goto(frame.url());
    await pane.getByTestId("submit-receipt").waitFor();
    expect(await pane.getByTestId("submit-receipt").textContent()).toBe(shown);
    expect(await pane.getByLabel(/机关令牌/).count()).toBe(0);
    await pane.getByRole("button", { name: "忘记令牌" }).waitFor();

    // An edit after submission: flagged as not yet submitted.
    const other = cellsOf(report).find(([, v]) => v === report.narrative.other)![0];
    await simEval(
      page,
      (sim, a: { sheet: string; address: string }) =>
        sim.user.setValue(a.sheet, a.address, "提交后补充的一句。"),
      { sheet, address: other }
    );
    await eventually(async () =>
      expect(await pane.getByTestId("submit-receipt").textContent()).toContain("未提交最新修改")
    );
    await page.screenshot({ path: join(ARTIFACTS, "submit-zh-CN-changed.png") });
    // The only failed request is the one sent while offline.
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(2);
    await context.close();
  });
});
