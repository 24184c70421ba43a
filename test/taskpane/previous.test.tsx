/** @jest-environment jsdom */
import "./jsdom-setup";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readFileSync } from "node:fs";
import { cellValues, getValue, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { reportToJson } from "../../src/report/read-json";
import { planCarryOver, readPrevious } from "../../src/taskpane/previous";
import ExcelJS from "exceljs";
import { randomConsistentReport } from "../support/random-report";
import { APPLICANT_COLUMNS } from "../support/requests-table";
import { filledWorkbook } from "../xlsx/workbooks";
import { FakeHost, renderApp, templateState } from "./fake-host";
import { SEED_TEXT as SEED_TEXT_PATH } from "../support/shared";

const SEED_TEXT = readFileSync(SEED_TEXT_PATH, "utf8");

function thisYear(): Report {
  return { ...randomConsistentReport("2021", 31, 2024), agency: "某市某局" };
}

async function show(report: Report, previous?: Report) {
  const host = new FakeHost(templateState(report, previous ? { previous } : {}));
  renderApp(host);
  await screen.findByTestId("summary-counts");
  return host;
}

describe("reading last year's report", () => {
  test("from JSON, from the published text, and refusing what is neither", async () => {
    const json = await readPrevious(reportToJson(randomConsistentReport("2021", 1, 2023)));
    expect(json.ok && json.report.year).toBe(2023);
    const text = await readPrevious(SEED_TEXT);
    expect(text.ok && [text.report.year, text.report.agency]).toEqual([2020, "兵团自然资源局"]);
    expect(text.ok && text.notes).toHaveLength(1); // 2987.6万元 read as 2987.6
    const bad = await readPrevious("{ not json");
    expect(bad.ok).toBe(false);
    expect((await readPrevious("会议纪要")).ok).toBe(false);
  });

  test.each(["2019", "2021"] as const)(
    "from last year's workbook (format %s): the same report, no notes",
    async (format) => {
      const previous = randomConsistentReport(format, 5, format === "2019" ? 2020 : 2023);
      const read = await readPrevious(await filledWorkbook(previous));
      if (!read.ok) throw new Error(read.problems[0].messageEn);
      expect(reportToJson(read.report)).toBe(reportToJson(previous));
      expect(read.notes).toEqual([]);
    }
  );

  test("a workbook cell that cannot be read is a note naming its cell; the rest is read", async () => {
    const previous = randomConsistentReport("2021", 6, 2023);
    const raw = new Map([["/requests/carriedForward/commercial", "2件"]]);
    const read = await readPrevious(await filledWorkbook(previous, raw));
    if (!read.ok) throw new Error(read.problems[0].messageEn);
    expect(getValue(read.report, "/requests/carriedForward/commercial")).toBeNull();
    expect(getValue(read.report, "/requests/carriedForward/total")).toBe(
      getValue(previous, "/requests/carriedForward/total")
    );
    expect(read.notes).toHaveLength(1);
    expect(read.notes[0].message).toMatch(/^2023年度年报!\$?[A-Z]+\d+：.*2件.*该格按空白读取$/);
  });

  test("workbooks that are not last year's report are refused with the reason", async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Sheet1").getCell("A1").value = "会议纪要";
    const notOurs = await readPrevious(new Uint8Array(await other.xlsx.writeBuffer()));
    expect(!notOurs.ok && notOurs.problems[0].message).toMatch(/这不是本工具生成的年报模板/);
    const ole = new Uint8Array(600);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const encrypted = await readPrevious(ole);
    expect(!encrypted.ok && encrypted.problems[0].message).toMatch(/文件已加密/);
    const bytes = await filledWorkbook(randomConsistentReport("2021", 7, 2023));
    const truncated = await readPrevious(bytes.subarray(0, bytes.length / 2));
    expect(!truncated.ok && truncated.problems[0].message).toMatch(/文件已损坏/);
  });

  test("the carry-over plan copies 四 of last year into 二 and counts the filled cells it changes", () => {
    const previous = randomConsistentReport("2021", 2, 2023);
    const current = templateState(thisYear()) as Parameters<typeof planCarryOver>[0];
    const plan = planCarryOver(current, previous);
    for (const c of APPLICANT_COLUMNS) {
      const want = getValue(previous, `/requests/carriedForward/${c}`);
      const now = getValue(current.report, `/requests/carriedOver/${c}`);
      expect(plan.values.get(`/requests/carriedOver/${c}`)).toBe(want === now ? undefined : want);
    }
    expect(plan.overwrites).toBe(plan.values.size); // every 二 cell is filled in a random report
    const blank = withValues(
      current.report,
      new Map(APPLICANT_COLUMNS.map((c) => [`/requests/carriedOver/${c}`, null]))
    );
    expect(planCarryOver({ ...current, report: blank }, previous).overwrites).toBe(0);
  });
});

describe("the pane", () => {
  test("imports the published report, keeps it in the workbook, and runs the cross-year checks", async () => {
    const user = userEvent.setup();
    const host = await show(thisYear());
    expect(screen.queryByText(/carry-over/)).toBeNull();
    await user.click(
      await screen.findByLabelText(
        "或粘贴上年报告（JSON 或网页上复制的全文）",
        {},
        { timeout: 15000 }
      )
    );
    await user.paste(reportToJson(randomConsistentReport("2021", 9, 2023)));
    await user.click(screen.getByRole("button", { name: "导入粘贴的上年报告" }));
    await waitFor(() => expect(host.calls.setPrevious).toHaveLength(1));
    expect(await screen.findByText(/已导入上年报告：某市某局 2023 年度/)).toBeTruthy();
    // the cross-year findings now show: this year's 二 is random, so carry-over fails somewhere
    expect((await screen.findAllByText(/本年“二、上年结转”/)).length).toBeGreaterThan(0);
  });

  test("imports last year's workbook chosen as a file", async () => {
    const user = userEvent.setup();
    const host = await show(thisYear());
    const previous = randomConsistentReport("2021", 12, 2023);
    const bytes = await filledWorkbook(previous);
    const file = new File([new Uint8Array(bytes)], "2023年度年报.xlsx", {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    await user.upload(screen.getByLabelText(/选择上年报告文件/), file);
    await waitFor(() => expect(host.calls.setPrevious).toHaveLength(1));
    expect(reportToJson(host.calls.setPrevious[0] as Report)).toBe(reportToJson(previous));
    expect(await screen.findByText(/已导入上年报告：.* 2023 年度/)).toBeTruthy();
  });

  test("prefill asks before changing filled cells, then writes 二 in one call", async () => {
    const user = userEvent.setup();
    const previous = randomConsistentReport("2021", 9, 2023);
    const host = await show(thisYear(), previous);
    await user.click(screen.getByRole("button", { name: /预填“二、上年结转”/ }));
    expect(await screen.findByText(/预填将改动 \d+ 个已填写且数值不同的单元格/)).toBeTruthy();
    expect(host.calls.write).toHaveLength(0);
    const buttons = screen.getAllByRole("button", { name: /预填“二、上年结转”/ });
    await user.click(buttons[buttons.length - 1]);
    await waitFor(() => expect(host.calls.write).toHaveLength(1));
    const written = host.calls.write[0];
    for (const [pointer, value] of written) {
      expect(pointer.startsWith("/requests/carriedOver/")).toBe(true);
      expect(value).toBe(getValue(previous, pointer.replace("carriedOver", "carriedForward")));
    }
    expect(await screen.findByText(/已预填 \d+ 个单元格/)).toBeTruthy();
    if (host.state.kind !== "template") throw new Error("template");
    expect(cellValues(host.state.report).get("/requests/carriedOver/total")).toBe(
      getValue(previous, "/requests/carriedForward/total")
    );
  });

  test("an unreadable report changes nothing and says why", async () => {
    const user = userEvent.setup();
    const host = await show(thisYear());
    await user.click(
      await screen.findByLabelText(
        "或粘贴上年报告（JSON 或网页上复制的全文）",
        {},
        { timeout: 15000 }
      )
    );
    await user.paste("今天天气很好");
    await user.click(screen.getByRole("button", { name: "导入粘贴的上年报告" }));
    expect(await screen.findByText("无法读取这份上年报告，未作任何改动：")).toBeTruthy();
    expect(host.calls.setPrevious).toHaveLength(0);
  });
});
