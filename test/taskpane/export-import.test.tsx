/** @jest-environment jsdom */
import "./jsdom-setup";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emptyReport, getValue, NARRATIVE_KEYS, type Report } from "../../src/report/model";
import { renderDocx } from "../../src/render/docx";
import { reportToJson } from "../../src/report/read-json";
import { cellDefs } from "../../src/templates/cells";
import { randomConsistentReport } from "../support/random-report";
import { FakeHost, renderApp, reportWithKnownErrors, templateState } from "./fake-host";

const NAME = "2024年政府信息公开工作年度报告";

let createObjectURL: jest.Mock;
let anchorClick: jest.SpyInstance;
beforeEach(() => {
  createObjectURL = jest.fn(() => "blob:nianbao");
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  anchorClick = jest
    .spyOn(HTMLAnchorElement.prototype, "click")
    .mockImplementation(() => undefined);
});
afterEach(() => anchorClick.mockRestore());

async function showReport(report: Report, platform = "PC") {
  const host = new FakeHost(templateState(report));
  renderApp(host, { platform });
  await screen.findByTestId("summary-counts");
  // the export, import and last-year panels load on demand after the first screen
  await screen.findByRole("button", { name: "导出 JSON" }, { timeout: 15000 });
  return host;
}

const jsonText = () =>
  (screen.getByRole("textbox", { name: "报告 JSON（只读）" }) as HTMLTextAreaElement).value;

describe("export", () => {
  test("is refused while errors or blanks remain, listing them", async () => {
    const user = userEvent.setup();
    await showReport(reportWithKnownErrors());
    await user.click(await screen.findByRole("button", { name: "导出 JSON" }));
    expect(await screen.findByText(/还有 3 处错误或空白，不能导出正式报告/)).toBeTruthy();
    const refused = screen.getByRole("list", { name: /不能导出正式报告/ });
    expect(refused.querySelectorAll("li")).toHaveLength(3);
    expect(screen.queryByRole("textbox", { name: "报告 JSON（只读）" })).toBeNull();
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  test("a draft is exported on request, named and called a draft, with the JSON unchanged", async () => {
    const user = userEvent.setup();
    const report = reportWithKnownErrors();
    await showReport(report);
    await user.click(screen.getByRole("checkbox", { name: "导出草稿（仍有错误时也导出）" }));
    await user.click(await screen.findByRole("button", { name: "导出 JSON" }));
    expect(await screen.findByText(/这是草稿：仍有 3 处错误或空白/)).toBeTruthy();
    expect(jsonText()).toBe(reportToJson(report));
    const link = screen.getByRole("link", { name: `下载 某市某局${NAME}-草稿.json` });
    expect(link.getAttribute("download")).toBe(`某市某局${NAME}-草稿.json`);
    expect(anchorClick).toHaveBeenCalledTimes(1);
  });

  test("a clean report exports as is, with a safe file name and a Blob download", async () => {
    const user = userEvent.setup();
    const report = { ...randomConsistentReport("2021", 3, 2024), agency: "某市/某局:办公室" };
    await showReport(report);
    await user.click(await screen.findByRole("button", { name: "导出 JSON" }));
    const link = await screen.findByRole("link", { name: `下载 某市_某局_办公室${NAME}.json` });
    expect(link.getAttribute("href")).toBe("blob:nianbao");
    expect(jsonText()).toBe(reportToJson(report));
    const blob = createObjectURL.mock.calls[0][0] as Blob;
    expect(blob.type).toBe("application/json;charset=utf-8");
    expect(screen.queryByText(/这是草稿/)).toBeNull();
  });

  test("on a Mac there is no download link, but the text and 复制", async () => {
    const user = userEvent.setup();
    const report = { ...randomConsistentReport("2021", 3, 2024), agency: "某局" };
    await showReport(report, "Mac");
    await user.click(await screen.findByRole("button", { name: "导出 JSON" }));
    expect(
      await screen.findByText(new RegExp(`请点击“复制”.*保存为 某局${NAME}.json`))
    ).toBeTruthy();
    expect(screen.queryByRole("link")).toBeNull();
    expect(createObjectURL).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "复制" }));
    expect(await screen.findByText("已复制到剪贴板。")).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(reportToJson(report));
  });

  test("copy falls back to the selection where the clipboard API is blocked", async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: () => Promise.reject(new Error("blocked by permissions policy")) },
    });
    const execCommand = jest.fn(() => true);
    Object.assign(document, { execCommand });
    await showReport({ ...randomConsistentReport("2019", 4, 2020), agency: "某局" });
    await user.click(await screen.findByRole("button", { name: "导出 JSON" }));
    await user.click(await screen.findByRole("button", { name: "复制" }));
    expect(await screen.findByText("已复制到剪贴板。")).toBeTruthy();
    expect(execCommand).toHaveBeenCalledWith("copy");
  });
});

describe("export as web page and Word", () => {
  test("the web page is previewed in the pane, sandboxed, and downloaded", async () => {
    const user = userEvent.setup();
    const report = { ...randomConsistentReport("2021", 3, 2024), agency: "某市某局" };
    await showReport(report);
    await user.click(screen.getByRole("button", { name: "导出网页" }));
    const preview = (await screen.findByTitle("报告预览")) as HTMLIFrameElement;
    expect(preview.getAttribute("sandbox")).toBe("");
    const html = preview.getAttribute("srcdoc") ?? "";
    expect(html).toContain(`某市某局${NAME}`);
    expect(html).not.toMatch(/<script/i);
    expect(screen.getByRole("link", { name: `下载 某市某局${NAME}.html` })).toBeTruthy();
  });

  test("Word is rendered on request (a draft when errors remain) and downloaded as .docx", async () => {
    const user = userEvent.setup();
    await showReport(reportWithKnownErrors());
    await user.click(screen.getByRole("checkbox", { name: "导出草稿（仍有错误时也导出）" }));
    await user.click(screen.getByRole("button", { name: "导出 Word" }));
    const link = await screen.findByRole("link", { name: `下载 某市某局${NAME}-草稿.docx` });
    expect(link.getAttribute("download")).toBe(`某市某局${NAME}-草稿.docx`);
    const blob = createObjectURL.mock.calls[0][0] as Blob;
    expect(blob.type).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    expect(blob.size).toBeGreaterThan(5000);
  });

  test("both are refused while errors remain, unless a draft is asked for", async () => {
    const user = userEvent.setup();
    await showReport(reportWithKnownErrors());
    await user.click(screen.getByRole("button", { name: "导出网页" }));
    expect(await screen.findByText(/不能导出正式报告/)).toBeTruthy();
    expect(screen.queryByTitle("报告预览")).toBeNull();
  });
});

describe("import", () => {
  const pasteAndImport = async (user: ReturnType<typeof userEvent.setup>, text: string) => {
    await user.click(
      screen.getByRole("textbox", { name: "或粘贴报告（JSON 或网页上复制的全文）" })
    );
    await user.paste(text);
    await user.click(screen.getByRole("button", { name: "导入粘贴的文本" }));
  };

  test("JSON of the wrong shape shows each problem with its pointer and writes nothing", async () => {
    const user = userEvent.setup();
    const host = await showReport(emptyReport({ format: "2021", year: 2024, agency: "某局" }));
    await pasteAndImport(
      user,
      '{"schema":"nianbao/report@1","format":"2021","year":"x","agency":"某局"}'
    );
    expect(await screen.findByText("无法读取这份报告，未作任何改动：")).toBeTruthy();
    expect(screen.getByText(/^\/year：/)).toBeTruthy();
    expect(screen.getByText(/^\/requests：/)).toBeTruthy();
    expect(host.calls.write).toHaveLength(0);
  });

  test("text that is not JSON is explained and writes nothing", async () => {
    const user = userEvent.setup();
    const host = await showReport(emptyReport({ format: "2021", year: 2024, agency: "某局" }));
    await pasteAndImport(user, '{"schema": nope');
    expect(await screen.findByText(/JSON 格式错误/)).toBeTruthy();
    expect(host.calls.write).toHaveLength(0);
  });

  test("a report of another format is refused", async () => {
    const user = userEvent.setup();
    const host = await showReport(emptyReport({ format: "2021", year: 2024, agency: "某局" }));
    await pasteAndImport(user, reportToJson(randomConsistentReport("2019", 2, 2020)));
    expect(
      await screen.findByText(/这份报告是 2019 版格式，而本工作簿的模板是 2021 版格式，不能导入/)
    ).toBeTruthy();
    expect(host.calls.write).toHaveLength(0);
  });

  test("into an empty template it writes every value and text in one call, without asking", async () => {
    const user = userEvent.setup();
    const host = await showReport(emptyReport({ format: "2021", year: 2024, agency: "某市某局" }));
    const imported = { ...randomConsistentReport("2021", 5, 2024), agency: "某市某局" };
    const input = screen.getByLabelText(
      "选择报告文件（JSON、工作簿 .xlsx、网页、文本、PDF 或 Word）"
    );
    await user.upload(
      input,
      new File([reportToJson(imported)], "report.json", { type: "application/json" })
    );
    await waitFor(() => expect(host.calls.write).toHaveLength(1));
    const written = host.calls.write[0];
    expect(written.size).toBe(cellDefs("2021").length + NARRATIVE_KEYS.length);
    for (const def of cellDefs("2021"))
      expect(written.get(def.pointer)).toBe(getValue(imported, def.pointer));
    expect(written.get("/narrative/overview")).toBe(imported.narrative.overview);
    expect(await screen.findByText(/已导入 \d+ 个单元格和文字部分/)).toBeTruthy();
    expect(screen.queryByText(/导入将覆盖/)).toBeNull();
  });

  test("over filled cells it asks first, with how many would be overwritten", async () => {
    const user = userEvent.setup();
    const current = reportWithKnownErrors();
    const host = await showReport(current);
    const imported = { ...randomConsistentReport("2021", 5, 2024), agency: "某市某局" };
    const differing =
      cellDefs("2021").filter((d) => {
        const now = getValue(current, d.pointer);
        return now !== null && now !== getValue(imported, d.pointer);
      }).length +
      NARRATIVE_KEYS.filter((k) => current.narrative[k] !== imported.narrative[k]).length;

    await pasteAndImport(user, reportToJson(imported));
    expect(
      await screen.findByText(`导入将覆盖 ${differing} 个已填写且内容不同的单元格。继续吗？`)
    ).toBeTruthy();
    expect(host.calls.write).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "取消" }));
    expect(host.calls.write).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "导入粘贴的文本" }));
    await user.click(await screen.findByRole("button", { name: "覆盖并导入" }));
    await waitFor(() => expect(host.calls.write).toHaveLength(1));
    expect(host.state.kind === "template" && reportToJson(host.state.report)).toBe(
      reportToJson(imported)
    );
  });

  test("a published report, as a Word file: read and written like JSON", async () => {
    const user = userEvent.setup();
    const host = await showReport(emptyReport({ format: "2021", year: 2024, agency: "某市某局" }));
    const imported = { ...randomConsistentReport("2021", 7, 2024), agency: "某市某局" };
    const input = screen.getByLabelText(
      "选择报告文件（JSON、工作簿 .xlsx、网页、文本、PDF 或 Word）"
    );
    const docx = await renderDocx(imported);
    await user.upload(input, new File([docx as Uint8Array<ArrayBuffer>], "2024年报.docx"));
    await waitFor(() => expect(host.calls.write).toHaveLength(1));
    for (const def of cellDefs("2021"))
      expect(host.calls.write[0].get(def.pointer)).toBe(getValue(imported, def.pointer));
  });

  test("pasted text of a published report: cells it cannot read are listed, left blank", async () => {
    const user = userEvent.setup();
    const host = await showReport(emptyReport({ format: "2021", year: 2024, agency: "某市某局" }));
    const text = [
      "某市某局2024年政府信息公开工作年度报告",
      "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数",
      "规章\t0\t0\t0",
      "行政规范性文件\t1\t2",
    ].join("\n");
    await pasteAndImport(user, text);
    await waitFor(() => expect(host.calls.write).toHaveLength(1));
    expect(host.calls.write[0].get("/proactive/regulations/inForce")).toBe(0);
    expect(host.calls.write[0].get("/proactive/normativeDocuments/issued")).toBeNull();
    expect(await screen.findByText("读取时的说明（读不出的单元格留空，未作猜测）：")).toBeTruthy();
    expect(screen.getAllByText(/^\/proactive\/normativeDocuments：/).length).toBe(1);
  });
});
