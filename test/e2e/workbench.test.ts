/**
 * End to end in Debian's Chromium: the workbench (the production task pane beside the simulated workbook's
 * grid), driven through the pane's own UI in its iframe and through the grid as a person would use it.
 * Screenshots go to test-artifacts/e2e/. Any console error or failed request fails the test.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, FrameLocator, Locator, Page } from "playwright-core";
import { startServer, type WorkbenchServer } from "../../dev/workbench/server";
import { aggregateReports } from "../../src/aggregate/aggregate";
import { arithmeticChecks } from "../../src/checks/definitions";
import { validateReport } from "../../src/checks/evaluate";
import { cellValues, emptyReport, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { readReportJson, reportToJson } from "../../src/report/read-json";
import { renderHtml } from "../../src/render/html";
import type { FormatId } from "../../src/templates/formats";
import { CHECK_SHEET, CHECK_SHEET_NAME, compilableChecks } from "../../src/layout/check-sheet";
import { layoutPlan } from "../../src/layout/plan";
import { META_NAMES, nameFromPointer } from "../../src/templates/pointers";
import { randomConsistentReport } from "../support/random-report";
import { workbookReport } from "../../src/xlsx/workbook-report";
import { filledWorkbook } from "../xlsx/workbooks";
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
const EXPECTED = join(__dirname, "expected-2024.json");
const SEED = join(__dirname, "../fixtures/2020-bingtuan-natural-resources-bureau.json");
/** Whole-page pictures in the clerks' guide; the pane's own parts are taken by guideImage. */
const GUIDE_IMAGES = [
  "2021-zh-CN-filled",
  "2021-zh-CN-balance",
  "2021-zh-CN-selected",
  "2021-zh-CN-exported",
  "check-sheet-0",
  "check-sheet-2",
];

if (!hasChromium) process.stdout.write(`Browser tests skipped: ${SKIP_REASON}\n`);
const suite = hasChromium ? describe : describe.skip;
jest.setTimeout(120_000);

type Lang = "zh-CN" | "en-US";
const WORDS = {
  "zh-CN": {
    year: "报告年度",
    agency: "机关名称",
    insert: "插入模板",
    noErrors: "未发现错误",
    errors: (n: number) => `错误 ${n} 处`,
    error: "错误",
    exportJson: "导出 JSON",
    json: "报告 JSON（只读）",
  },
  "en-US": {
    year: "Report year",
    agency: "Agency",
    insert: "Insert template",
    noErrors: "No errors found",
    errors: (n: number) => `${n} errors`,
    error: "Error",
    exportJson: "Export JSON",
    json: "Report JSON (read-only)",
  },
} as const;

/** Reads until the value is as expected (or time runs out), then asserts it: the pane answers asynchronously. */
function poll<T>(read: () => Promise<T>, timeout = 20_000) {
  const settle = async (ok: (v: T) => boolean) => {
    const end = Date.now() + timeout;
    let v = await read();
    while (!ok(v) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      v = await read();
    }
    return v;
  };
  return {
    toBe: async (x: T) => expect(await settle((v) => v === x)).toBe(x),
    toContain: async (x: string) =>
      expect(String(await settle((v) => String(v).includes(x)))).toContain(x),
  };
}

/** The words of the filling-in test, as the pane shows them. */
const FILLING = {
  "zh-CN": {
    incomplete: (n: number) => `${n} 项核对待填完后进行`,
    fixTo: (v: string) => `改为 ${v}`,
    rowTotal: "总计 12 应等于",
    fillBlanks: "填写空白",
    showBlanks: (n: number) => `查看空白单元格（${n}）`,
    blanksTitle: "空白单元格",
  },
  "en-US": {
    incomplete: (n: number) => `${n} checks wait until their cells are filled`,
    fixTo: (v: string) => `Change to ${v}`,
    rowTotal: "total 12 should equal",
    fillBlanks: "Fill blanks",
    showBlanks: (n: number) => `Show blank cells (${n})`,
    blanksTitle: "Blank cells",
  },
} as const;

/** A1 address of a pointer's cell (or a metadata name) in the plan of a format/year/agency. */
function addresser(format: FormatId, year: number, agency: string) {
  const plan = layoutPlan({ format, year, agency });
  const at = new Map(plan.names.map((n) => [n.name, n]));
  const a1 = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row + 1}`;
  const cell = (name: string) => {
    const n = at.get(name);
    if (!n) throw new Error(`no name ${name} in the ${format} plan`);
    return { row: n.row, col: n.col, address: a1(n.row, n.col) };
  };
  return {
    sheet: plan.sheetName,
    a1,
    of: (pointer: string) => cell(pointer.startsWith("/") ? nameFromPointer(pointer) : pointer),
    /** pointer at a position, if a value cell is there */
    pointerAt: (row: number, col: number) =>
      plan.names.find((n) => n.row === row && n.col === col)?.name,
  };
}

suite("the workbench in Chromium", () => {
  let server: WorkbenchServer;
  let browser: Browser;
  let built: { dist: string; workbench: string };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    built = await buildWorkbench(ROOT, join(ARTIFACTS, "build"));
    server = await startServer({ port: 0, ...built });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(lang: Lang): Promise<WatchedPage & { pane: FrameLocator }> {
    const watched = await openPage(browser, `${server.url}?lang=${lang}`);
    const pane = watched.page.frameLocator("iframe");
    await pane.getByRole("button", { name: WORDS[lang].insert }).waitFor();
    await watched.page.getByTestId("grid").waitFor();
    return { ...watched, pane };
  }

  async function insertTemplate(pane: FrameLocator, lang: Lang, year: number, agency: string) {
    const w = WORDS[lang];
    await pane.getByLabel(w.year).fill(String(year));
    await pane.getByLabel(w.agency).fill(agency);
    await pane.getByRole("button", { name: w.insert }).click();
    await pane.getByTestId("summary-counts").waitFor();
  }

  const cellTd = (page: Page, address: string) => page.locator(`td[data-address="${address}"]`);

  /** Click a cell, type as a person types (the first key opens the editor), Enter. */
  async function typeInto(page: Page, address: string, text: string) {
    await cellTd(page, address).click();
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
  }

  /** Double-click opens the editor on the cell's content; replace it, Enter. */
  async function editInto(page: Page, address: string, text: string) {
    await cellTd(page, address).dblclick();
    const editor = page.locator(".wb-editor");
    await editor.fill(text);
    await editor.press("Enter");
  }

  /** Select `address` and paste a tab-separated block there (a real paste event with clipboard data). */
  async function paste(page: Page, address: string, rows: (string | number)[][]) {
    await cellTd(page, address).click();
    const tsv = rows.map((r) => r.join("\t")).join("\r\n") + "\r\n";
    await page.getByTestId("grid").evaluate((grid, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      grid.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
      );
    }, tsv);
  }

  async function screenshots(page: Page, name: string) {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    // The clerks' guide (docs/使用指南.md) shows these; UPDATE_GUIDE_IMAGES=1 refreshes them.
    if (process.env.UPDATE_GUIDE_IMAGES === "1" && GUIDE_IMAGES.includes(name))
      await page.screenshot({ path: join(ROOT, "docs/images", `${name}.png`) });
    await page.locator("iframe").screenshot({ path: join(ARTIFACTS, `${name}-pane.png`) });
    await page.locator(".wb-grid-area").screenshot({ path: join(ARTIFACTS, `${name}-grid.png`) });
  }

  /**
   * A part of the page for the clerks' guide (docs/使用指南.md), cropped to it: to the artefacts, and with
   * UPDATE_GUIDE_IMAGES=1 into docs/images. Kept narrow enough to read beside the text.
   */
  async function guideImage(target: Locator, name: string) {
    const path = join(ARTIFACTS, `${name}.png`);
    const png = await target.screenshot({ path });
    expect(png.readUInt32BE(16)).toBeLessThanOrEqual(900);
    if (process.env.UPDATE_GUIDE_IMAGES === "1")
      copyFileSync(path, join(ROOT, "docs/images", `${name}.png`));
  }

  /**
   * Opens the 校验 sheet in the grid and reads it as shown there: the count of failing checks (E2) and the
   * distinct results of column E, from the cells' text in the grid.
   */
  async function checkSheet(page: Page): Promise<{ failing: number; results: string[] }> {
    await page.getByRole("tab", { name: CHECK_SHEET_NAME }).click();
    await page.getByRole("tab", { name: CHECK_SHEET_NAME, selected: true }).waitFor();
    const failing = Number(await cellTd(page, "E2").textContent());
    const results = new Set<string>();
    const checks = compilableChecks("2021").length;
    for (let row = CHECK_SHEET.firstCheckRow; row < CHECK_SHEET.firstCheckRow + checks; row++)
      results.add((await cellTd(page, `E${row}`).textContent()) ?? "");
    await screenshots(page, `check-sheet-${failing}`);
    return { failing, results: [...results].sort() };
  }

  test("built with OFFICE_JS=local: office.js and the blank templates are beside the pane", async () => {
    const html = readFileSync(join(built.dist, "taskpane.html"), "utf8");
    expect(html).toMatch(/<script[^>]*src="?office-js\/office\.js/);
    expect(html).not.toContain("appsforoffice.microsoft.com");
    expect(readFileSync(join(built.dist, "office-js/office.js"), "utf8").length).toBeGreaterThan(
      10_000
    );
    for (const [file, format] of [
      ["templates/nianbao-2021.xlsx", "2021"],
      ["templates/nianbao-2019.xlsx", "2019"],
    ] as const) {
      const response = await fetch(`${server.url}${file}`);
      expect(response.status).toBe(200);
      const read = workbookReport(new Uint8Array(await response.arrayBuffer()));
      if (!read.ok) throw new Error(`${file}: ${JSON.stringify(read)}`);
      expect(read.report.format).toBe(format);
      expect(read.report.agency).toBe("");
    }
  });

  test("2021 template for 2024: fill in, break the balance, go to the cell, fix, export JSON", async () => {
    const lang: Lang = "zh-CN";
    const w = WORDS[lang];
    const { page, pane, problems, context } = await open(lang);
    const report = randomConsistentReport("2021", 7, 2024);
    const at = addresser("2021", 2024, report.agency);
    // The form: last year by default, and the format follows the year (2019 format up to 2020).
    const form = pane.getByRole("form", { name: "插入年报模板" });
    const format = form.getByLabel("报告格式");
    await poll(() => form.getByLabel(w.year).inputValue()).toBe(
      String(new Date().getFullYear() - 1)
    );
    await form.getByLabel(w.year).fill("2020");
    await poll(() => format.inputValue()).toBe("2019");
    await form.getByLabel(w.year).fill("2024");
    await form.getByLabel(w.agency).fill(report.agency);
    await poll(() => format.inputValue()).toBe("2021");
    await guideImage(form, "insert-form");
    await insertTemplate(pane, lang, 2024, report.agency);
    await page.getByRole("tab", { name: at.sheet, selected: true }).waitFor();
    expect(await cellTd(page, "A1").textContent()).toBe("某市某局2024年政府信息公开工作年度报告");

    // Report date and the three narratives: typed into the grid (merged cells take the entry).
    await typeInto(page, at.of(META_NAMES.date).address, report.date!);
    for (const key of ["overview", "problems", "other"] as const)
      await editInto(page, at.of(`/narrative/${key}`).address, report.narrative[key]);

    // Part 二: typed cell by cell; parts 三 and 四: pasted as blocks (each block is only value cells).
    const values = cellValues(report);
    const blocks = new Map<number, { col: number; value: number }[]>();
    for (const [pointer, value] of values) {
      const { row, col, address } = at.of(pointer);
      if (pointer.startsWith("/proactive")) await typeInto(page, address, String(value));
      else blocks.set(row, [...(blocks.get(row) ?? []), { col, value: value as number }]);
    }
    const pasteRows = [...blocks.keys()].sort((a, b) => a - b);
    let start = 0;
    while (start < pasteRows.length) {
      // contiguous rows with the same columns form one pasted block
      const cols = blocks.get(pasteRows[start])!.map((c) => c.col);
      let end = start + 1;
      while (
        end < pasteRows.length &&
        pasteRows[end] === pasteRows[end - 1] + 1 &&
        blocks
          .get(pasteRows[end])!
          .map((c) => c.col)
          .join() === cols.join()
      )
        end++;
      for (let i = 1; i < cols.length; i++) expect(cols[i]).toBe(cols[i - 1] + 1);
      const block = pasteRows.slice(start, end).map((r) => blocks.get(r)!.map((c) => c.value));
      await paste(page, at.a1(pasteRows[start], cols[0]), block);
      start = end;
    }

    const counts = pane.getByTestId("summary-counts");
    await eventually(async () => expect(await counts.textContent()).toContain(w.noErrors));
    expect(await pane.getByRole("button", { name: new RegExp(`^${w.error}`) }).count()).toBe(0);
    await screenshots(page, `2021-${lang}-filled`);
    // The template's own check sheet agrees, with no add-in involved: every check ✔.
    expect(await checkSheet(page)).toEqual({ failing: 0, results: ["✔"] });
    await page.getByRole("tab", { name: at.sheet }).click();

    // Break the balance of 三 in the natural-person column: new requests +5.
    const broken = at.of("/requests/newReceived/naturalPerson");
    const original = values.get("/requests/newReceived/naturalPerson") as number;
    await typeInto(page, broken.address, String(original + 5));
    await eventually(async () => expect(await counts.textContent()).not.toContain(w.noErrors));
    const balance = pane.getByRole("button", { name: /自然人列/ }).first();
    await balance.waitFor();
    const text = (await balance.textContent()) ?? "";
    expect(text).toContain("相差 5");
    expect(text).toContain(`${original + 5}`);
    // The cell is coloured by the template's own conditional format, in the sim and in the grid.
    const coloured = await simEval(
      page,
      (sim, sheet: string) =>
        sim.inspect
          .texts(sheet, "A1:O70")
          .flatMap((row, r) => row.map((_, c) => String.fromCharCode(65 + c) + (r + 1)))
          .filter((a) => sim.inspect.cell(sheet, a).conditionalFill !== undefined),
      at.sheet
    );
    // The finding points at the cell that explains both failing checks (I28, with the fix); the
    // template's conditional formats paint the checks' own cells: that column's balance cell and that
    // row's total. Each is painted in the grid too.
    expect(text).toContain(`'${at.sheet}'!${broken.address}`);
    const column = broken.address.replace(/\d+/, "");
    const row = broken.address.replace(/^[A-Z]+/, "");
    expect(coloured.length).toBeGreaterThanOrEqual(2);
    expect(coloured.some((a) => a.startsWith(column) && a !== broken.address)).toBe(true);
    for (const a of coloured) {
      expect(a.startsWith(column) || a.endsWith(row)).toBe(true);
      expect(await cellTd(page, a).evaluate((td) => getComputedStyle(td).backgroundColor)).toBe(
        "rgb(255, 199, 206)"
      );
    }
    // The check sheet shows the two failing checks with ✖.
    expect(await checkSheet(page)).toEqual({ failing: 2, results: ["✔", "✖"] });
    await page.getByRole("tab", { name: at.sheet }).click();
    await page.locator(".wb-grid-scroll").evaluate((el) => (el.scrollTop = 0));
    await cellTd(page, "A1").click();
    await screenshots(page, `2021-${lang}-balance`);

    // Click the finding: the cell is selected in the workbook (and outlined in the grid).
    await balance.click();
    await eventually(async () =>
      expect(await simEval(page, (sim) => sim.inspect.selection(), null)).toEqual({
        sheet: at.sheet,
        address: broken.address,
      })
    );
    await eventually(async () =>
      expect(await page.getByTestId("name-box").textContent()).toBe(broken.address)
    );
    await screenshots(page, `2021-${lang}-selected`);

    // Apply its fix: the value typed before comes back, no errors remain.
    const fix = pane.getByRole("button", { name: new RegExp(`改为 ${original}`) }).first();
    await fix.click();
    await eventually(async () => expect(await counts.textContent()).toContain(w.noErrors));
    expect(
      await simEval(page, (sim, a: string[]) => sim.inspect.cell(a[0], a[1]).value, [
        at.sheet,
        broken.address,
      ])
    ).toBe(original);

    // Export: the pane's JSON (text and download) is the expected file.
    const download = page.waitForEvent("download");
    await pane.getByRole("button", { name: w.exportJson }).click();
    const json = await pane.getByLabel(w.json).inputValue();
    const downloaded = readFileSync((await (await download).path())!, "utf8");
    const expectedText = reportToJson(report);
    if (process.env.UPDATE_EXPECTED === "1") writeFileSync(EXPECTED, expectedText);
    const expected = JSON.parse(readFileSync(EXPECTED, "utf8")) as unknown;
    expect(JSON.parse(expectedText)).toEqual(expected); // the file matches the values typed in
    expect(JSON.parse(json)).toEqual(expected);
    expect(JSON.parse(downloaded)).toEqual(expected);
    await screenshots(page, `2021-${lang}-exported`);

    expect(problems).toEqual([]);
    await context.close();
  });

  test.each(["zh-CN", "en-US"] as const)(
    "filling in row by row in %s: blanks wait, a wrong 总计 is named with its fix, 填写空白 computes 总计",
    async (lang) => {
      const { page, pane, problems } = await open(lang);
      const w = { ...WORDS[lang], ...FILLING[lang] };
      const year = 2024;
      const agency = "某市某局";
      const at = addresser("2021", year, agency);
      await insertTemplate(pane, lang, year, agency);
      const counts = pane.getByTestId("summary-counts");
      const incomplete = pane.getByTestId("incomplete-count");
      const all = arithmeticChecks("2021").length;
      // A fresh template: only the three empty narratives are errors; every arithmetic check waits.
      await poll(() => counts.textContent()).toContain(w.errors(3));
      await poll(() => incomplete.textContent()).toBe(w.incomplete(all));

      const row1 = (key: string) => `/requests/newReceived/${key}`;
      const applicants = [3, 7, 0, 1, 0, 2] as const;
      const keys = [
        "naturalPerson",
        "commercial",
        "research",
        "publicInterest",
        "legalService",
        "otherOrg",
      ];
      // 自然人 of 一 alone: no new error, nothing coloured, the checks still wait.
      await typeInto(page, at.of(row1("naturalPerson")).address, "3");
      await poll(() => counts.textContent()).toContain(w.errors(3));
      await poll(() => incomplete.textContent()).toBe(w.incomplete(all));
      await expect(pane.getByRole("button", { name: w.fixTo("0") }).count()).resolves.toBe(0);
      expect(
        await cellTd(page, at.of(row1("naturalPerson")).address).getAttribute("style")
      ).not.toMatch(/rgb\(255, 199, 206\)/);

      // The whole row 一 with a correct 总计: no error, and the row's check no longer waits.
      for (let i = 1; i < keys.length; i++)
        await typeInto(page, at.of(row1(keys[i])).address, String(applicants[i]));
      await typeInto(page, at.of(row1("total")).address, "13");
      await poll(() => incomplete.textContent()).toBe(w.incomplete(all - 1));
      await poll(() => counts.textContent()).toContain(w.errors(3));

      // A wrong 总计: one row-total error that points at 总计, with the right fix.
      await typeInto(page, at.of(row1("total")).address, "12");
      await poll(() => counts.textContent()).toContain(w.errors(4));
      const finding = pane.getByRole("listitem").filter({ hasText: w.rowTotal });
      await poll(() => finding.count()).toBe(1);
      await expect(finding.textContent()).resolves.toContain(at.of(row1("total")).address);
      await finding.getByRole("button", { name: w.fixTo("13") }).click();
      await poll(() =>
        simEval(
          page,
          (sim, a: { sheet: string; cell: string }) => sim.inspect.cell(a.sheet, a.cell).value,
          { sheet: at.sheet, cell: at.of(row1("total")).address }
        )
      ).toBe(13);
      await poll(() => counts.textContent()).toContain(w.errors(3));

      // Row 二: the six applicant columns only, then 填写空白 computes its 总计 and fills 0 elsewhere.
      const row2 = (key: string) => `/requests/carriedOver/${key}`;
      const typed2 = [2, 0, 1, 0, 0, 4];
      for (let i = 0; i < keys.length; i++)
        await typeInto(page, at.of(row2(keys[i])).address, String(typed2[i]));

      // Every cell still blank is listed, each with where it is.
      const typed = new Map([
        ...keys.map((k, i) => [row1(k), applicants[i]] as const),
        [row1("total"), 13] as const,
        ...keys.map((k, i) => [row2(k), typed2[i]] as const),
      ]);
      const blanks = validateReport(
        withValues(emptyReport({ format: "2021", year, agency }), typed)
      ).findings.filter((f) => f.rule === "blank").length;
      expect(blanks).toBeGreaterThan(50);
      await pane.getByRole("button", { name: w.showBlanks(blanks) }).click();
      const listed = pane.getByRole("list", { name: w.blanksTitle }).getByRole("listitem");
      await poll(() => listed.count()).toBe(blanks);
      await expect(listed.first().textContent()).resolves.toContain(`'${at.sheet}'!`);
      if (lang === "zh-CN") await guideImage(page.locator("iframe"), "blanks");
      await pane.getByRole("button", { name: w.fillBlanks }).click();
      await poll(() => cellTd(page, at.of(row2("total")).address).textContent()).toBe("7");
      await poll(() => incomplete.count()).toBe(0);
      expect(await cellTd(page, at.of(row1("total")).address).textContent()).toBe("13");
      expect(await cellTd(page, at.of(row1("commercial")).address).textContent()).toBe("7");
      await screenshots(page, `filling-${lang}`);
      expect(problems).toEqual([]);
    }
  );

  test("a typed value that the validation rejects: the stop alert in our words; 重试 keeps what was typed", async () => {
    const { page, pane, problems } = await open("zh-CN");
    const at = addresser("2021", 2024, "某市某局");
    await insertTemplate(pane, "zh-CN", 2024, "某市某局");
    const cell = at.of("/requests/newReceived/commercial").address;
    await typeInto(page, cell, "2件");
    const alert = page.getByRole("alertdialog", { name: "请填写整数" });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(
      "此处应填不小于 0 的整数，不要带单位；没有请填 0。"
    );
    await alert.getByRole("button", { name: "重试" }).click();
    await expect(page.locator(".wb-editor").inputValue()).resolves.toBe("2件");
    await page.locator(".wb-editor").fill("2");
    await page.locator(".wb-editor").press("Enter");
    await poll(() => cellTd(page, cell).textContent()).toBe("2");
    // 取消 leaves the cell as it was
    await typeInto(page, cell, "-3");
    await page.getByRole("alertdialog").getByRole("button", { name: "取消" }).click();
    await poll(() => page.getByRole("alertdialog").count()).toBe(0);
    expect(await cellTd(page, cell).textContent()).toBe("2");
    expect(problems).toEqual([]);
  });

  test.each(["zh-CN", "en-US"] as const)(
    "seed report (2020, format 2019) in %s: the pane lists its four errors",
    async (lang) => {
      const w = WORDS[lang];
      const { page, pane, problems, context } = await open(lang);
      const parsed = readReportJson(readFileSync(SEED));
      if (!parsed.ok) throw new Error("fixture unreadable");
      const seed: Report = parsed.report;
      const at = addresser("2019", seed.year, seed.agency);
      await insertTemplate(pane, lang, seed.year, seed.agency);

      // Everything through the simulated user, one cell at a time (Excel's events), but for one cell
      // typed in the grid: the 2 that the seed's 总计 column forgot.
      const typed = "/requests/unavailable/notHeld/naturalPerson";
      const entries: [string, string | number][] = [
        [at.of(META_NAMES.date).address, seed.date!],
        ...(["overview", "problems", "other"] as const).map((k): [string, string] => [
          at.of(`/narrative/${k}`).address,
          seed.narrative[k],
        ]),
        ...[...cellValues(seed)]
          .filter(([p]) => p !== typed)
          .map(([p, v]): [string, number] => [at.of(p).address, v as number]),
      ];
      await simEval(
        page,
        (sim, a: { sheet: string; entries: [string, string | number][] }) => {
          for (const [address, value] of a.entries) sim.user.setValue(a.sheet, address, value);
        },
        { sheet: at.sheet, entries }
      );
      await typeInto(page, at.of(typed).address, String(cellValues(seed).get(typed)));

      const expected = validateReport(seed).findings.filter((f) => f.severity === "error");
      expect(expected).toHaveLength(4);
      const counts = pane.getByTestId("summary-counts");
      await eventually(async () => expect(await counts.textContent()).toContain(w.errors(4)));
      const errorButtons = pane.getByRole("button", { name: new RegExp(`^${w.error}`) });
      await eventually(async () => expect(await errorButtons.count()).toBe(4));
      const shown = await errorButtons.allTextContents();
      for (const f of expected) {
        const message = lang === "en-US" ? (f.messageEn ?? f.message) : f.message;
        expect(shown.some((s) => s.includes(message))).toBe(true);
      }
      await screenshots(page, `2019-seed-${lang}`);

      if (lang === "zh-CN") {
        // Rows inserted above the tables, a renamed sheet: the names follow, the same four errors.
        const before = at.of(typed).address;
        await cellTd(page, "A5").click();
        await page.getByRole("button", { name: "插入行" }).click();
        const down = (a: string) => a.replace(/\d+/, (n) => String(Number(n) + 1));
        await eventually(async () =>
          expect(await cellTd(page, down(before)).textContent()).toBe("2")
        );
        await eventually(async () => expect(await errorButtons.count()).toBe(4));
        // the row-total finding's cell, as the pane shows it, moved down with its name
        const total = at.of("/requests/unavailable/notHeld/total").address;
        await pane.getByText(`单元格 '${at.sheet}'!${down(total)}`).waitFor();
        // Undo (toolbar): the inserted row goes again.
        await page.getByRole("button", { name: "撤销" }).click();
        await eventually(async () => expect(await cellTd(page, before).textContent()).toBe("2"));
        await pane.getByText(`单元格 '${at.sheet}'!${total}`).waitFor();
        await page.getByRole("button", { name: "重命名工作表" }).click();
        await page.getByLabel("新的工作表名称").fill("年报");
        await page.getByLabel("新的工作表名称").press("Enter");
        await page.getByRole("tab", { name: "年报", selected: true }).waitFor();
        // A rename fires onNameChanged, which the pane does not listen to: validate now (更多操作).
        await pane.getByRole("button", { name: "更多操作" }).click();
        await pane
          .getByRole("group", { name: "更多操作" })
          .getByRole("button", { name: "立即校验" })
          .click();
        await pane.getByText("工作表“年报”").waitFor();
        await eventually(async () => expect(await errorButtons.count()).toBe(4));
      }

      expect(problems).toEqual([]);
      await context.close();
    }
  );

  test("last year's workbook, chosen as a file: read in the browser, kept, and prefilled into 二", async () => {
    const { page, pane, problems, context } = await open("zh-CN");
    const previous = randomConsistentReport("2021", 21, 2023);
    const at = addresser("2021", 2024, previous.agency);
    await insertTemplate(pane, "zh-CN", 2024, previous.agency);
    await pane.getByLabel(/选择上年报告文件/).setInputFiles({
      name: "2023年度年报.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await filledWorkbook(previous)),
    });
    await pane
      .getByText(`已导入上年报告：${previous.agency} 2023 年度`, { exact: false })
      .waitFor();
    await pane.getByRole("button", { name: /预填“二、上年结转”/ }).click();
    const carried = [...cellValues(previous).keys()].filter((p) =>
      p.startsWith("/requests/carriedForward/")
    );
    expect(carried.length).toBe(7); // six kinds of applicant and the total
    const panel = pane.getByRole("region", { name: "导入上年报告" });
    await panel.getByText(`已预填 ${carried.length} 个单元格。`).waitFor();
    await guideImage(panel, "previous");
    for (const [pointer, value] of cellValues(previous)) {
      if (!pointer.startsWith("/requests/carriedForward/")) continue;
      const target = at.of(pointer.replace("carriedForward", "carriedOver")).address;
      await eventually(async () =>
        expect(await cellTd(page, target).textContent()).toBe(String(value))
      );
    }
    await screenshots(page, "2021-zh-CN-previous-workbook");
    expect(problems).toEqual([]);
    await context.close();
  });

  test("last year's published report as a PDF: its reader loads only then, and reads it in the browser", async () => {
    const { page, pane, problems, context } = await open("zh-CN");
    const previous = randomConsistentReport("2021", 22, 2023);
    const printer = await context.newPage();
    await printer.setContent(renderHtml(previous));
    const pdf = await printer.pdf({ preferCSSPageSize: true });
    await printer.close();
    const loaded: string[] = [];
    page.on("request", (r) => loaded.push(r.url()));
    await insertTemplate(pane, "zh-CN", 2024, previous.agency);
    expect(loaded.filter((u) => /pdf-reader/.test(u))).toEqual([]);
    await pane.getByLabel(/选择上年报告文件/).setInputFiles({
      name: "2023年度年报.pdf",
      mimeType: "application/pdf",
      buffer: pdf,
    });
    await pane
      .getByText(`已导入上年报告：${previous.agency} 2023 年度`, { exact: false })
      .waitFor();
    expect(loaded.filter((u) => /pdf-reader/.test(u)).length).toBeGreaterThan(0);
    await pane.getByRole("button", { name: /预填“二、上年结转”/ }).click();
    await pane.getByText(/已预填 \d+ 个单元格/).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  test("汇总下级报告: two reports chosen as files, their sums written into the template, the sources kept in the settings", async () => {
    const { page, pane, problems, context } = await open("zh-CN");
    const agency = "某区人民政府";
    const sources = [1, 2].map((seed) => ({
      ...randomConsistentReport("2021", 70 + seed, 2024),
      agency: `某区第${seed}局`,
    }));
    const sum = aggregateReports(
      sources.map((report) => ({ file: report.agency, sha256: "", report })),
      { agency }
    );
    if (!sum.ok) throw new Error(sum.refusals[0].messageEn);
    const at = addresser("2021", 2024, agency);
    await insertTemplate(pane, "zh-CN", 2024, agency);
    await pane.getByLabel(/选择要汇总的报告文件/).setInputFiles([
      {
        name: "第1局.json",
        mimeType: "application/json",
        buffer: Buffer.from(reportToJson(sources[0])),
      },
      {
        name: "第2局.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(await filledWorkbook(sources[1])),
      },
    ]);
    await pane.getByRole("cell", { name: /某区第2局/ }).waitFor();
    await pane.getByRole("button", { name: "汇总并写入当前模板" }).click();
    await pane.getByRole("button", { name: "写入合计" }).click();
    await pane.getByText("已写入 2 份报告的合计。").waitFor();
    await pane.getByText("本工作簿的数字由 2 份报告汇总而成（2024 年度，2021 格式）：").waitFor();
    for (const [pointer, value] of cellValues(sum.report)) {
      if (pointer === "/proactive/fees/amount") continue; // shown in the grid's number format
      const address = at.of(pointer).address;
      await eventually(async () =>
        expect([pointer, await cellTd(page, address).textContent()]).toEqual([
          pointer,
          String(value),
        ])
      );
    }
    const kept = await simEval(page, (sim) => sim.inspect.settings()["nianbao.compiledFrom"], null);
    expect(JSON.parse(kept as string).sources.map((x: { file: string }) => x.file)).toEqual([
      "第1局.json",
      "第2局.xlsx",
    ]);
    await screenshots(page, "2021-zh-CN-aggregate");
    expect(problems).toEqual([]);
    await context.close();
  });
});
