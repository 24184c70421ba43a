/** @jest-environment jsdom */
import "./jsdom-setup";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emptyReport, getValue } from "../../src/report/model";
import { withValues } from "../support/reports";
import { checkTemplate, type TemplateRead } from "../../src/taskpane/checked";
import { cellDefs } from "../../src/templates/cells";
import {
  FakeHost,
  renderApp,
  reportWithKnownErrors,
  SHEET_ERRORS,
  templateState,
} from "./fake-host";

const ADDRESS = "2024年度年报!I20";

async function showReport(host: FakeHost, options: Parameters<typeof renderApp>[1] = {}) {
  renderApp(host, options);
  await screen.findByTestId("summary-counts");
  return host;
}

const knownErrors = () =>
  new FakeHost(
    templateState(reportWithKnownErrors(), { addresses: new Map([[SHEET_ERRORS.slip, ADDRESS]]) })
  );

test("the live summary counts errors, warnings and blanks", async () => {
  await showReport(knownErrors());
  const summary = screen.getByTestId("summary-counts");
  expect(summary.getAttribute("aria-live")).toBe("polite");
  expect(summary.textContent).toContain("错误 2 处");
  expect(summary.textContent).toContain("提示 1 处");
  expect(summary.textContent).toContain("空白 1 个");
  expect(screen.getByText(/还有 1 个单元格空白/)).toBeTruthy();
});

test("findings are grouped by part, with severity in words, numbers and the cell", async () => {
  await showReport(knownErrors());
  const part3 = screen.getByRole("list", { name: "三、收到和处理政府信息公开申请情况" });
  const items = within(part3).getAllByRole("listitem");
  expect(items).toHaveLength(2);
  const total = within(part3).getByRole("button", { name: /自然人列：（七）总计/ });
  expect(total.textContent).toContain("错误");
  expect(total.textContent).toMatch(/应为 \d+，实为 \d+/);
  expect(total.textContent).toContain(`单元格 ${ADDRESS}`);
  const part2 = screen.getByRole("list", { name: "二、主动公开政府信息情况" });
  expect(within(part2).getByRole("button").textContent).toContain("提示");
  // Blanks are a reminder, not in the list of findings.
  expect(screen.queryByRole("list", { name: "四、政府信息公开行政复议、行政诉讼情况" })).toBeNull();
});

test("clicking or pressing Enter on a finding selects its first cell", async () => {
  const user = userEvent.setup();
  const host = await showReport(knownErrors());
  await user.click(screen.getByRole("button", { name: /自然人列：（七）总计/ }));
  expect(host.calls.select).toEqual([SHEET_ERRORS.slip]);

  const warning = within(screen.getByRole("list", { name: "二、主动公开政府信息情况" })).getByRole(
    "button"
  );
  warning.focus();
  await user.keyboard("{Enter}");
  expect(host.calls.select).toEqual([SHEET_ERRORS.slip, SHEET_ERRORS.unit]);
  await user.keyboard(" ");
  expect(host.calls.select).toHaveLength(3);
});

test("the fix button writes exactly the fix, once, and the pane re-reads", async () => {
  const user = userEvent.setup();
  const host = await showReport(knownErrors());
  const original = (getValue(reportWithKnownErrors(), SHEET_ERRORS.slip) ?? 0) - 2;
  const fixes = screen.getAllByRole("button", {
    name: new RegExp(`将 ${ADDRESS} 改为 ${original}`),
  });
  expect(fixes[0].textContent).toBe(`改为 ${original}`);
  const reads = host.calls.read;
  await user.click(fixes[0]);
  await waitFor(() =>
    expect(screen.getByTestId("summary-counts").textContent).toContain("错误 0 处")
  );
  expect(host.calls.write).toEqual([new Map([[SHEET_ERRORS.slip, original]])]);
  expect(host.calls.read).toBeGreaterThan(reads);
});

test("填写空白 writes every blank cell of an empty report with 0 in one call", async () => {
  const user = userEvent.setup();
  const host = new FakeHost(
    templateState(emptyReport({ format: "2019", year: 2020, agency: "某局" }))
  );
  await showReport(host);
  await user.click(screen.getByRole("button", { name: "填写空白" }));
  await waitFor(() => expect(screen.queryByRole("button", { name: "填写空白" })).toBeNull());
  expect(host.calls.write).toHaveLength(1);
  const written = host.calls.write[0];
  expect([...written.keys()]).toEqual(cellDefs("2019").map((d) => d.pointer));
  expect([...written.values()].every((v) => v === 0)).toBe(true);
});

test("填写空白 computes a blank total from the typed cells and never writes over a typed value", async () => {
  const user = userEvent.setup();
  const row = (key: string) => `/requests/newReceived/${key}`;
  const typed = new Map<string, number>([
    [row("naturalPerson"), 3],
    [row("commercial"), 4],
    [row("research"), 1],
    [row("publicInterest"), 0],
    [row("legalService"), 2],
    [row("otherOrg"), 5],
  ]);
  const report = {
    ...withValues(emptyReport({ format: "2021", year: 2024, agency: "某局" }), typed),
    narrative: { overview: "本机关依法公开政府信息。", problems: "无。", other: "无。" },
  };
  const host = await showReport(new FakeHost(templateState(report)));
  expect(screen.getByTestId("summary-counts").textContent).toContain("错误 0 处");
  expect(screen.getByTestId("incomplete-count").textContent).toMatch(/^\d+ 项核对待填完后进行$/);
  await user.click(screen.getByRole("button", { name: "填写空白" }));
  await waitFor(() => expect(screen.queryByRole("button", { name: "填写空白" })).toBeNull());
  const written = host.calls.write[0];
  expect(written.get(row("total"))).toBe(15);
  for (const pointer of typed.keys()) expect(written.has(pointer)).toBe(false);
  // Every check now runs. Only row 一 was typed, so the balance of its non-zero columns fails (四 is a real
  // count, never computed); the row total holds.
  expect(screen.queryByTestId("incomplete-count")).toBeNull();
  const rules = checkTemplate(host.state as TemplateRead).result.findings.map((f) => f.rule);
  expect(new Set(rules)).toEqual(new Set(["balance"]));
  expect(screen.getByTestId("summary-counts").textContent).toContain(`错误 ${rules.length} 处`);
});

test("a blank total whose two checks disagree stays blank, and the pane says why", async () => {
  const user = userEvent.setup();
  // 三（七）总计 of the 总计 column: its row says 2 (自然人), its column says 0 (the outcome totals).
  const report = withValues(
    emptyReport({ format: "2021", year: 2024, agency: "某局" }),
    new Map<string, number>([
      ["/requests/totalHandled/naturalPerson", 2],
      ["/requests/granted/total", 0],
    ])
  );
  const host = await showReport(new FakeHost(templateState(report)));
  const why = screen.getByTestId("left-blank").textContent ?? "";
  expect(why).toContain("三（七）总计·总计 未填写，且不能自动计算");
  await user.click(screen.getByRole("button", { name: "填写空白" }));
  await waitFor(() => expect(host.calls.write).toHaveLength(1));
  expect(host.calls.write[0].has("/requests/totalHandled/total")).toBe(false);
});

test("the blank cells can be listed and each selected", async () => {
  const user = userEvent.setup();
  const host = await showReport(knownErrors());
  await user.click(screen.getByRole("button", { name: "查看空白单元格（1）" }));
  const list = screen.getByRole("list", { name: "空白单元格" });
  await user.click(within(list).getByRole("button", { name: /空白/ }));
  expect(host.calls.select).toEqual([SHEET_ERRORS.blank]);
});

test("binding problems come first, and 修复 repairs them", async () => {
  const user = userEvent.setup();
  const host = new FakeHost(
    templateState(reportWithKnownErrors(), {
      problems: [{ name: "nb.appeals.review.total", problem: "broken", reference: "#REF!" }],
    })
  );
  await showReport(host);
  const alert = screen.getByText("模板的名称需要修复");
  const summary = screen.getByRole("heading", { name: "校验结果" });
  expect(alert.compareDocumentPosition(summary) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(screen.getByText("名称 nb.appeals.review.total 已失效（#REF!）")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "修复" }));
  await waitFor(() => expect(screen.queryByText("模板的名称需要修复")).toBeNull());
  expect(host.calls.repair).toBe(1);
});

test("on ExcelApi 1.6 the pane says what is missing and offers 立即校验", async () => {
  const user = userEvent.setup();
  const host = knownErrors();
  host.caps = {
    excelApi: "1.6",
    full: false,
    changeEvents: false,
    dataValidation: false,
    ownWrites: false,
  };
  await showReport(host);
  expect(
    screen.getByText("当前 Excel 版本（ExcelApi 1.6）不支持更改事件，请点击“立即校验”")
  ).toBeTruthy();
  expect(screen.getByText(/当前 Excel 版本（ExcelApi 1.6）不支持数据验证/)).toBeTruthy();
  expect(screen.queryByText(/不支持条件格式/)).toBeNull();
  expect(host.calls.watch).toBe(0);
  const reads = host.calls.read;
  await user.click(screen.getByRole("button", { name: "立即校验" }));
  await waitFor(() => expect(host.calls.read).toBe(reads + 1));
});

test("立即校验 is always among the more actions, which close once one is chosen or on Escape", async () => {
  const user = userEvent.setup();
  const host = await showReport(knownErrors());
  const toggle = screen.getByRole("button", { name: "更多操作" });
  expect(screen.queryByRole("button", { name: "立即校验" })).toBeNull();
  expect(toggle.getAttribute("aria-expanded")).toBe("false");
  await user.click(toggle);
  expect(toggle.getAttribute("aria-expanded")).toBe("true");
  const reads = host.calls.read;
  const group = screen.getByRole("group", { name: "更多操作" });
  await user.click(within(group).getByRole("button", { name: "立即校验" }));
  await waitFor(() => expect(host.calls.read).toBe(reads + 1));
  expect(screen.queryByRole("group", { name: "更多操作" })).toBeNull();

  await user.click(toggle);
  await user.keyboard("{Tab}");
  expect(document.activeElement?.textContent).toBe("立即校验");
  await user.keyboard("{Escape}");
  expect(screen.queryByRole("group", { name: "更多操作" })).toBeNull();
  expect(document.activeElement).toBe(toggle);
});

test("a rejected host promise becomes a message, and the pane keeps working", async () => {
  const user = userEvent.setup();
  const host = await showReport(knownErrors());
  host.failing.set(
    "select",
    Object.assign(new Error("The requested resource doesn't exist."), { code: "ItemNotFound" })
  );
  await user.click(screen.getByRole("button", { name: /自然人列：（七）总计/ }));
  expect(
    await screen.findByText("定位单元格失败：The requested resource doesn't exist.（ItemNotFound）")
  ).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "关闭" }));
  expect(screen.queryByText(/定位单元格失败/)).toBeNull();

  host.failing.set("write", "InvalidArgument");
  await user.click(screen.getAllByRole("button", { name: /改为/ })[0]);
  expect(await screen.findByText("修正失败：InvalidArgument")).toBeTruthy();
  expect(screen.getByRole("heading", { name: "校验结果" })).toBeTruthy();
});

test("a failing read is shown with a way to try again", async () => {
  const user = userEvent.setup();
  const host = new FakeHost();
  host.failing.set("read", new Error("Excel is busy"));
  renderApp(host);
  expect(await screen.findByText("读取工作簿失败：Excel is busy")).toBeTruthy();
  host.failing.delete("read");
  await user.click(screen.getByRole("button", { name: "立即校验" }));
  expect(await screen.findByRole("heading", { name: "插入年报模板" })).toBeTruthy();
});

test("in English the pane and the findings speak English", async () => {
  await showReport(knownErrors(), { lang: "en" });
  expect(screen.getByRole("heading", { name: "Validation" })).toBeTruthy();
  expect(screen.getByTestId("summary-counts").textContent).toContain("2 errors");
  expect(screen.getByRole("list", { name: "3. Requests received and handled" })).toBeTruthy();
  expect(screen.getByRole("button", { name: /column naturalPerson: \(7\) total/ })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Export JSON" })).toBeTruthy();
});

test("the language can be switched in the pane", async () => {
  const user = userEvent.setup();
  await showReport(knownErrors());
  await user.click(screen.getByRole("button", { name: "Switch to English" }));
  expect(screen.getByRole("heading", { name: "Disclosure Annual Report Helper" })).toBeTruthy();
  expect(document.documentElement.lang).toBe("en-US");
  await user.click(screen.getByRole("button", { name: "切换到中文" }));
  expect(screen.getByRole("heading", { name: "政府信息公开年报助手" })).toBeTruthy();
});
