/**
 * The office's overview in Debian's Chromium, on both engines: login, each agency's standing for the year,
 * findings, the publishable report, and the downloads (JSON Lines, workbooks that read back as the same
 * reports). Logins from another site and logouts without the page's token are refused.
 */
import AxeBuilder from "@axe-core/playwright";
import { unzipSync } from "fflate";
import type { Browser } from "playwright-core";
import { aggregateReports } from "../../src/aggregate/aggregate";
import { canonicalJson } from "../../src/platform/protocol";
import { readReportJson } from "../../src/report/read-json";
import { AGGREGATE_AGENCY } from "../../src/server/overview";
import { cellValues, type Report } from "../../src/report/model";
import { workbookReport } from "../../src/xlsx/workbook-report";
import { hasChromium, launchChromium, SKIP_REASON } from "../e2e/browser";
import { randomConsistentReport } from "../support/random-report";
import {
  ENGINES,
  addPrincipals,
  startInProcess,
  storageFactory,
  type RunningService,
} from "../support/service";
import { submitReport } from "../support/submit";

jest.setTimeout(180_000);
if (!hasChromium) process.stdout.write(`overview browser test skipped: ${SKIP_REASON}\n`);
const maybe = hasChromium ? describe.each(ENGINES) : describe.skip.each(ENGINES);
const storage = storageFactory();
afterAll(() => storage.stop());

const VALID = "某市财政局";
const WARNED = "某县水利局"; // a county body reporting 规章: a heuristic warning
const DRAFTED = "某市教育局";
const SILENT = "某市统计局";
const ADMIN = "市政务公开办";

maybe("the overview on %s", (engine) => {
  let service: RunningService;
  let browser: Browser;
  let tokens: Map<string, string>;
  const submitted = new Map<string, Report>();

  beforeAll(async () => {
    const settings = await storage.settings(engine);
    tokens = await addPrincipals(settings, [VALID, WARNED, DRAFTED, SILENT], [ADMIN]);
    service = await startInProcess(settings);
    for (const [agency, seed] of [
      [VALID, 1],
      [WARNED, 2],
    ] as const) {
      const report = { ...randomConsistentReport("2021", seed), agency };
      (report.proactive.regulations as Record<string, number>).issued = 3;
      const answer = await submitReport(service.url, tokens.get(agency)!, report);
      expect(answer.status).toBe(201);
      expect(answer.body.summary.warnings > 0).toBe(agency === WARNED);
      submitted.set(agency, report);
    }
    const draft = { ...randomConsistentReport("2021", 3), agency: DRAFTED };
    draft.narrative.overview = "";
    expect(
      (await submitReport(service.url, tokens.get(DRAFTED)!, draft, { draft: true })).status
    ).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  test("login, the year's standing, findings, the report, downloads, logout", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(String(e)));

    const accessibility = async () =>
      (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`);

    await page.goto(`${service.url}/overview`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await accessibility()).toEqual([]);
    await page.getByLabel("管理员名称").fill(ADMIN);
    await page.getByLabel("管理员令牌").fill("nb_wrong");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("名称或令牌不正确");
    expect(problems).toEqual([expect.stringContaining("401 (Unauthorized)")]); // the refused login itself
    problems.length = 0;

    await page.getByLabel("管理员名称").fill(ADMIN);
    await page.getByLabel("管理员令牌").fill(tokens.get(ADMIN)!);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/overview$/);
    expect(await page.locator("h1").textContent()).toContain("2024 年度");
    const status = (agency: string) =>
      page.locator(`tr[data-agency="${agency}"] td`).nth(1).textContent();
    expect(await status(VALID)).toBe("有效");
    expect(await status(WARNED)).toBe("已提交（有警告）");
    expect(await status(DRAFTED)).toBe("草稿");
    expect(await status(SILENT)).toBe("未提交");
    expect(await page.locator(`tr[data-agency="${VALID}"] td`).nth(2).textContent()).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/
    );

    expect(await accessibility()).toEqual([]);

    await page.locator(`tr[data-agency="${WARNED}"]`).getByRole("link", { name: "查看" }).click();
    expect(await page.locator("h1").textContent()).toBe(`${WARNED} · 2024 年度报告`);
    expect(await accessibility()).toEqual([]);
    expect(await page.locator("li.warning").first().textContent()).toContain("规章");
    await page.getByRole("link", { name: "可发布的网页版报告" }).click();
    expect(await page.locator("h1").textContent()).toContain(WARNED);
    expect(await page.content()).toContain("政府信息公开工作年度报告");

    const jsonl = await page.request.get(`${service.url}/overview/2024/reports.jsonl`);
    expect(jsonl.status()).toBe(200);
    const lines = (await jsonl.text()).trim().split("\n");
    expect(lines.sort()).toEqual(
      [VALID, WARNED].map((a) => canonicalJson(submitted.get(a))).sort()
    );

    const xlsx = await page.request.get(
      `${service.url}${new URL(page.url()).pathname.replace("report.html", "report.xlsx")}`
    );
    const read = workbookReport(await xlsx.body());
    if (!read.ok) throw new Error(read.message);
    expect(cellValues(read.report)).toEqual(cellValues(submitted.get(WARNED)!));
    expect(read.report.narrative).toEqual(submitted.get(WARNED)!.narrative);

    const zip = unzipSync(
      await (await page.request.get(`${service.url}/overview/2024/workbooks.zip`)).body()
    );
    expect(Object.keys(zip).sort()).toEqual(
      [`${VALID}2024年度报告.xlsx`, `${WARNED}2024年度报告.xlsx`, "说明.txt"].sort()
    );

    // The sum of the year's accepted reports, offered on the overview as JSON and as a workbook.
    await page.goto(`${service.url}/overview`);
    expect(await page.getByRole("link", { name: "报告 JSON" }).getAttribute("href")).toBe(
      "/overview/2024/aggregate.json"
    );
    const expected = aggregateReports(
      [VALID, WARNED].map((a) => ({ file: a, sha256: "", report: submitted.get(a)! })),
      { agency: AGGREGATE_AGENCY }
    );
    if (!expected.ok) throw new Error(expected.refusals[0].messageEn);
    const sumJson = readReportJson(
      await (await page.request.get(`${service.url}/overview/2024/aggregate.json`)).body()
    );
    expect(sumJson.ok && sumJson.report).toEqual(expected.report);
    const sumXlsx = workbookReport(
      await (await page.request.get(`${service.url}/overview/2024/aggregate.xlsx`)).body()
    );
    expect(sumXlsx.ok && cellValues(sumXlsx.report)).toEqual(cellValues(expected.report));
    const sources = await (
      await page.request.get(`${service.url}/overview/2024/aggregate.sources.json`)
    ).json();
    expect(sources.sources.map((x: { agency: string }) => x.agency).sort()).toEqual(
      [VALID, WARNED].sort()
    );

    await page.goto(`${service.url}/overview`);
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${service.url}/overview`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(problems).toEqual([]);
    await context.close();
  });

  test("a login from another site, a logout without the page's token, a page without a session: refused", async () => {
    const form = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${service.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams(body).toString(),
      });
    const credentials = { name: ADMIN, token: tokens.get(ADMIN)! };
    expect((await form(credentials, { Origin: "https://evil.example.com" })).status).toBe(403);
    const agencyLogin = await form({ name: VALID, token: tokens.get(VALID)! });
    expect(agencyLogin.status).toBe(401);
    const login = await form(credentials);
    expect(login.status).toBe(303);
    const setCookie = login.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(";")[0];
    const logout = await fetch(`${service.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: "csrf=guess",
    });
    expect(logout.status).toBe(403);
    const notAYear = await fetch(`${service.url}/overview/2O24/reports.jsonl`, {
      headers: { Cookie: cookie },
    });
    expect(notAYear.status).toBe(404);
    const still = await fetch(`${service.url}/overview`, {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(still.status).toBe(200);
    for (const path of [
      "/overview",
      "/overview/2024/reports.jsonl",
      "/overview/2024/workbooks.zip",
      "/overview/2024/aggregate.json",
      "/overview/2024/aggregate.xlsx",
    ]) {
      const anonymous = await fetch(`${service.url}${path}`, { redirect: "manual" });
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("location")).toBe("/login");
    }
  });
});
