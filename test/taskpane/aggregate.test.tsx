/** @jest-environment jsdom */
import "./jsdom-setup";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createHash } from "node:crypto";
import { aggregateReports } from "../../src/aggregate/aggregate";
import { cellValues, emptyReport, getValue, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { reportToJson } from "../../src/report/read-json";
import { renderHtml } from "../../src/render/html";
import { keptRecord, planCompilation, readSource } from "../../src/taskpane/aggregating";
import type { TemplateRead } from "../../src/taskpane/checked";
import { randomConsistentReport } from "../support/random-report";
import { filledWorkbook } from "../xlsx/workbooks";
import { FakeHost, renderApp, templateState } from "./fake-host";

jest.setTimeout(30_000);

const report = (seed: number, agency: string, year = 2024): Report => ({
  ...randomConsistentReport("2021", seed, year),
  agency,
});
const sha = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
/** In this realm's Uint8Array, as a FileReader gives it (Node's TextEncoder answers in its own). */
const encode = (text: string) => new Uint8Array(new TextEncoder().encode(text));

const a = report(1, "某区财政局");
const b = report(2, "某区教育局");
const c = report(3, "某区卫生健康委员会");
const slip = "/requests/granted/naturalPerson";
const withErrors = withValues(
  report(4, "某区水务局"),
  new Map([[slip, getValue(report(4, "x"), slip)! + 1]])
);

/** The current template: the 2024 template of the compiling government, its narratives already written. */
function compiling(): Report {
  return {
    ...emptyReport({ format: "2021", year: 2024, agency: "某区人民政府" }),
    narrative: { overview: "汇总单位写的总体情况", problems: "问题", other: "其他" },
  };
}

async function files() {
  return [
    new File([encode(reportToJson(a))], "财政局.json", { type: "application/json" }),
    new File([new Uint8Array(await filledWorkbook(b))], "教育局.xlsx"),
    new File([encode(renderHtml(c))], "卫健委.html", { type: "text/html" }),
  ];
}

async function show(state = templateState(compiling()), lang: "zh" | "en" = "zh") {
  const host = new FakeHost(state);
  renderApp(host, { lang });
  await screen.findByTestId("summary-counts");
  // The panels below the findings load on demand.
  await screen.findByLabelText(
    lang === "zh" ? /选择要汇总的报告文件/ : /Choose the reports to compile/
  );
  return host;
}

describe("reading and planning", () => {
  test("each file becomes a source with its digest, findings and errors; what cannot be read says why", async () => {
    const json = await readSource("a.json", encode(reportToJson(a)));
    expect(json).toMatchObject({
      ok: true,
      file: "a.json",
      sha256: sha(reportToJson(a)),
      errors: 0,
    });
    const bytes = await filledWorkbook(b);
    const xlsx = await readSource("b.xlsx", bytes);
    expect(xlsx.ok && reportToJson(xlsx.report)).toBe(reportToJson(b));
    expect(xlsx.sha256).toBe(sha(bytes));
    const bad = await readSource("w.json", encode(reportToJson(withErrors)));
    expect(
      bad.ok && [bad.errors, bad.findings.filter((f) => f.severity === "error").length]
    ).toEqual([2, 2]);
    const blank = withValues(a, new Map([["/appeals/review/pending", null]]));
    const withBlank = await readSource("blank.json", encode(reportToJson(blank)));
    expect(withBlank.ok && [withBlank.errors, withBlank.blanks]).toEqual([0, 1]);
    const broken = await readSource("x.json", encode("{ not json"));
    expect(broken.ok).toBe(false);
  });

  test("the plan writes every value cell of the sum, counts the filled cells it changes, and keeps the record bounded", async () => {
    const rows = await Promise.all(
      [a, b].map((r) => readSource(r.agency, encode(reportToJson(r))))
    );
    const template = templateState(compiling()) as TemplateRead;
    const plan = planCompilation(rows, template, {});
    if (!plan.ok) throw new Error(plan.refusals[0].messageEn);
    const sum = aggregateReports(
      [a, b].map((r) => ({ file: r.agency, sha256: "", report: r })),
      { agency: "某区人民政府" }
    );
    expect(sum.ok && plan.values).toEqual(sum.ok && cellValues(sum.report));
    expect(plan.overwrites).toBe(0);
    const filled = templateState(withValues(compiling(), new Map([[slip, 1]]))) as TemplateRead;
    expect((planCompilation(rows, filled, {}) as typeof plan).overwrites).toBe(1);
    expect(plan.record.agency).toBe("某区人民政府");
    expect(keptRecord(plan.record, 1).sources).toHaveLength(1);
    expect(keptRecord(plan.record, 1).sourceCount).toBe(2);
  });

  test("sources of another year than the template are refused", async () => {
    const rows = [
      await readSource("old.json", encode(reportToJson(report(5, "某区民政局", 2023)))),
    ];
    const plan = planCompilation(rows, templateState(compiling()) as TemplateRead, {});
    expect(!plan.ok && plan.refusals[0].message).toBe(
      "这些报告是 2023 年度（2021 格式），当前模板是 2024 年度（2021 格式），不能写入"
    );
  });
});

describe("the pane", () => {
  test("JSON, a workbook and a published page: a table of sources, then the sums in one write with the sources in the settings", async () => {
    const user = userEvent.setup();
    const host = await show();
    await user.upload(screen.getByLabelText(/选择要汇总的报告文件/), await files());
    const table = await screen.findByRole("table", { name: "汇总下级报告" });
    const rows = within(table).getAllByRole("row");
    expect(rows.map((r) => r.textContent)).toEqual([
      "机关年度格式状态操作",
      "某区财政局财政局.json20242021✔ 无错误查看问题移除",
      "某区教育局教育局.xlsx20242021✔ 无错误查看问题移除",
      "某区卫生健康委员会卫健委.html20242021✔ 无错误查看问题移除",
    ]);
    await user.click(screen.getByRole("button", { name: "汇总并写入当前模板" }));
    expect(
      await screen.findByText(
        "将把 3 份报告的合计写入当前模板的 200 个数字单元格；文字部分不变。继续吗？"
      )
    ).toBeTruthy();
    expect(host.calls.writeCompiled).toHaveLength(0); // nothing before the confirmation
    await user.click(screen.getByRole("button", { name: "写入合计" }));
    await screen.findByText("已写入 3 份报告的合计。");

    expect(host.calls.writeCompiled).toHaveLength(1);
    expect(host.calls.write).toHaveLength(0);
    const [{ values, record }] = host.calls.writeCompiled;
    expect([...values.keys()].some((p) => p.startsWith("/narrative"))).toBe(false);
    const state = host.state.kind === "template" ? host.state : undefined;
    const want = aggregateReports(
      [a, b, c].map((r) => ({ file: r.agency, sha256: "", report: r })),
      { agency: "某区人民政府" }
    );
    expect(want.ok && cellValues(state!.report)).toEqual(want.ok && cellValues(want.report));
    expect(state!.report.narrative).toEqual(compiling().narrative);
    expect(record.sources.map((s) => [s.agency, s.file])).toEqual([
      ["某区财政局", "财政局.json"],
      ["某区教育局", "教育局.xlsx"],
      ["某区卫生健康委员会", "卫健委.html"],
    ]);
    const bytes = reportToJson(a); // the bytes of 财政局.json
    expect(record.sources[0].sha256).toBe(sha(bytes));
    // The workbook now says what it was made from.
    expect(
      await screen.findByText("本工作簿的数字由 3 份报告汇总而成（2024 年度，2021 格式）：")
    ).toBeTruthy();
    expect(
      screen.getByText(`某区财政局 — 财政局.json（SHA-256 ${sha(bytes).slice(0, 12)}）`)
    ).toBeTruthy();
  });

  test("a source with errors: its findings a click away; refused until admitted", async () => {
    const user = userEvent.setup();
    const host = await show();
    await user.upload(screen.getByLabelText(/选择要汇总的报告文件/), [
      new File([encode(reportToJson(a))], "a.json"),
      new File([encode(reportToJson(withErrors))], "w.json"),
    ]);
    const table = await screen.findByRole("table", { name: "汇总下级报告" });
    const row = within(table).getByText("某区水务局").closest("tr")!;
    expect(within(row).getByText("✖ 2 个错误")).toBeTruthy();
    await user.click(within(row).getByRole("button", { name: "查看问题：w.json" }));
    expect((await within(table).findAllByText(/予以公开/)).length).toBeGreaterThan(0);

    await user.click(screen.getByRole("button", { name: "汇总并写入当前模板" }));
    expect(await screen.findByText("未汇总：")).toBeTruthy();
    expect(
      screen.getByText(/w\.json（某区水务局）：校验发现 2 个错误，不能计入汇总，请先改正/)
    ).toBeTruthy();
    await user.click(screen.getByLabelText("允许计入有错误的报告（其错误随汇总记录）"));
    await user.click(screen.getByRole("button", { name: "汇总并写入当前模板" }));
    await user.click(await screen.findByRole("button", { name: "写入合计" }));
    await waitFor(() => expect(host.calls.writeCompiled).toHaveLength(1));
    expect(host.calls.writeCompiled[0].record.sources[1]).toMatchObject({ errorCount: 2 });
    expect(
      await screen.findByText(/某区水务局 — w\.json（SHA-256 [0-9a-f]{12}），含 2 个错误/)
    ).toBeTruthy();
  });

  test("an unreadable file is shown as such and must be removed before compiling", async () => {
    const user = userEvent.setup();
    await show();
    await user.upload(screen.getByLabelText(/选择要汇总的报告文件/), [
      new File([encode(reportToJson(a))], "a.json"),
      new File([encode("{ not json")], "broken.json"),
    ]);
    expect(await screen.findByText("无法读取")).toBeTruthy();
    expect(screen.getByText("请先移除无法读取的文件。")).toBeTruthy();
    const compile = screen.getByRole("button", { name: "汇总并写入当前模板" }) as HTMLButtonElement;
    expect(compile.disabled).toBe(true);
    const row = screen.getByText("broken.json").closest("tr")!;
    await user.click(within(row).getByRole("button", { name: "移除：broken.json" }));
    await waitFor(() => expect(compile.disabled).toBe(false));
  });

  test("a compiled workbook names its sources and the cells left blank, read from its settings", async () => {
    const blank = withValues(b, new Map([["/appeals/review/pending", null]]));
    const sum = aggregateReports(
      [
        { file: "a.json", sha256: "a".repeat(64), report: a },
        { file: "b.xlsx", sha256: "b".repeat(64), report: blank },
      ],
      { agency: "某区人民政府" }
    );
    if (!sum.ok) throw new Error("refused");
    await show(templateState(sum.report, { compiledFrom: sum.record }));
    expect(
      await screen.findByText("本工作簿的数字由 2 份报告汇总而成（2024 年度，2021 格式）：")
    ).toBeTruthy();
    expect(screen.getByText(`某区教育局 — b.xlsx（SHA-256 ${"b".repeat(12)}）`)).toBeTruthy();
    expect(screen.getByText("合计留空的单元格 1 个（有来源空白或无法读取）：")).toBeTruthy();
    expect(screen.getByText("四、行政复议·尚未审结 — 某区教育局（b.xlsx）")).toBeTruthy();
  });

  test("in English: Compile reports, the same table and the same refusals in English", async () => {
    const user = userEvent.setup();
    await show(templateState(compiling()), "en");
    expect(screen.getByRole("heading", { name: "Compile reports" })).toBeTruthy();
    await user.upload(screen.getByLabelText(/Choose the reports to compile/), [
      new File([encode(reportToJson(a))], "a.json"),
      new File([encode(reportToJson(report(6, "某区财政局", 2023)))], "old.json"),
    ]);
    const table = await screen.findByRole("table", { name: "Compile reports" });
    expect(within(table).getAllByText("✔ no errors")).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Compile into the current template" }));
    expect(await screen.findByText("Not compiled:")).toBeTruthy();
    expect(screen.getByText(/reports of different years cannot be summed/)).toBeTruthy();
  });
});
