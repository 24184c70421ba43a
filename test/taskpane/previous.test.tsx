/** @jest-environment jsdom */
import "./jsdom-setup";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cellValues, getValue, withValues, type Report } from "../../src/report/model";
import { reportToJson } from "../../src/report/read-json";
import { planCarryOver, readPrevious } from "../../src/taskpane/previous";
import { randomConsistentReport } from "../support/random-report";
import { FakeHost, renderApp, templateState } from "./fake-host";

const SEED_TEXT = readFileSync(
  join(__dirname, "../../../shared/fixtures/2020-bingtuan-natural-resources-bureau.txt"),
  "utf8"
);
const COLUMNS = [
  "naturalPerson",
  "commercial",
  "research",
  "publicInterest",
  "legalService",
  "otherOrg",
  "total",
];

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
  test("from JSON, from the published text, and refusing what is neither", () => {
    const json = readPrevious(reportToJson(randomConsistentReport("2021", 1, 2023)));
    expect(json.ok && json.report.year).toBe(2023);
    const text = readPrevious(SEED_TEXT);
    expect(text.ok && [text.report.year, text.report.agency]).toEqual([2020, "兵团自然资源局"]);
    expect(text.ok && text.notes).toHaveLength(1); // 2987.6万元 read as 2987.6
    const bad = readPrevious("{ not json");
    expect(bad.ok).toBe(false);
    expect(readPrevious("会议纪要").ok).toBe(false);
  });

  test("the carry-over plan copies 四 of last year into 二 and counts the filled cells it changes", () => {
    const previous = randomConsistentReport("2021", 2, 2023);
    const current = templateState(thisYear()) as Parameters<typeof planCarryOver>[0];
    const plan = planCarryOver(current, previous);
    for (const c of COLUMNS) {
      const want = getValue(previous, `/requests/carriedForward/${c}`);
      const now = getValue(current.report, `/requests/carriedOver/${c}`);
      expect(plan.values.get(`/requests/carriedOver/${c}`)).toBe(want === now ? undefined : want);
    }
    expect(plan.overwrites).toBe(plan.values.size); // every 二 cell is filled in a random report
    const blank = withValues(
      current.report,
      new Map(COLUMNS.map((c) => [`/requests/carriedOver/${c}`, null]))
    );
    expect(planCarryOver({ ...current, report: blank }, previous).overwrites).toBe(0);
  });
});

describe("the pane", () => {
  test("imports the published report, keeps it in the workbook, and runs the cross-year checks", async () => {
    const user = userEvent.setup();
    const host = await show(thisYear());
    expect(screen.queryByText(/carry-over/)).toBeNull();
    await user.click(screen.getByLabelText("或粘贴上年报告（JSON 或网页上复制的全文）"));
    await user.paste(reportToJson(randomConsistentReport("2021", 9, 2023)));
    await user.click(screen.getByRole("button", { name: "导入粘贴的上年报告" }));
    await waitFor(() => expect(host.calls.setPrevious).toHaveLength(1));
    expect(await screen.findByText(/已导入上年报告：某市某局 2023 年度/)).toBeTruthy();
    // the cross-year findings now show: this year's 二 is random, so carry-over fails somewhere
    expect((await screen.findAllByText(/本年“二、上年结转”/)).length).toBeGreaterThan(0);
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
    await user.click(screen.getByLabelText("或粘贴上年报告（JSON 或网页上复制的全文）"));
    await user.paste("今天天气很好");
    await user.click(screen.getByRole("button", { name: "导入粘贴的上年报告" }));
    expect(await screen.findByText("无法读取这份上年报告，未作任何改动：")).toBeTruthy();
    expect(host.calls.setPrevious).toHaveLength(0);
  });
});
