/** @jest-environment jsdom */
import "./jsdom-setup";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FakeHost, renderApp, reportWithKnownErrors, templateState } from "./fake-host";

const lastYear = new Date().getFullYear() - 1;

async function openForm(host = new FakeHost()) {
  renderApp(host);
  await screen.findByRole("heading", { name: "插入年报模板" });
  return host;
}

const yearInput = () => screen.getByRole("spinbutton", { name: /报告年度/ });
const formatSelect = () => screen.getByRole("combobox", { name: /报告格式/ }) as HTMLSelectElement;

test("defaults: last calendar year, its format, no note", async () => {
  await openForm();
  expect(yearInput()).toHaveProperty("value", String(lastYear));
  expect(formatSelect().value).toBe("2021");
  expect(screen.queryByText(/注意：/)).toBeNull();
});

test("the format follows the year until overridden, and an override is pointed out", async () => {
  const user = userEvent.setup();
  await openForm();
  await user.clear(yearInput());
  await user.type(yearInput(), "2020");
  expect(formatSelect().value).toBe("2019");
  expect(screen.queryByText(/注意：/)).toBeNull();

  await user.selectOptions(formatSelect(), "2021");
  expect(formatSelect().value).toBe("2021");
  expect(
    screen.getByText(/2020 年度应使用 2019 版格式（国办公开办函〔2019〕60号），您选择了 2021 版/)
  ).toBeTruthy();

  await user.selectOptions(formatSelect(), "2019");
  expect(screen.queryByText(/注意：/)).toBeNull();
});

test("years before 2019 are refused with a reason", async () => {
  const user = userEvent.setup();
  await openForm();
  await user.clear(yearInput());
  await user.type(yearInput(), "2018");
  expect(
    screen.getByText("2019 年度以前没有统一的年报格式，本工具从 2019 年度起适用")
  ).toBeTruthy();
  expect(screen.getByRole("button", { name: "插入模板" })).toHaveProperty("disabled", true);
});

test("the agency is required, trimmed and at most 100 characters", async () => {
  const user = userEvent.setup();
  const host = await openForm();
  await user.click(screen.getByRole("button", { name: "插入模板" }));
  expect(screen.getByText("请填写机关名称")).toBeTruthy();
  expect(host.calls.insert).toHaveLength(0);

  const agency = screen.getByRole("textbox", { name: /机关名称/ });
  await user.click(agency);
  await user.paste("局".repeat(101));
  await user.click(screen.getByRole("button", { name: "插入模板" }));
  expect(screen.getByText("机关名称不能超过 100 个字（现为 101 个）")).toBeTruthy();
  expect(host.calls.insert).toHaveLength(0);

  await user.clear(agency);
  await user.type(agency, "  某市某局 ");
  await user.click(screen.getByRole("button", { name: "插入模板" }));
  await screen.findByRole("heading", { name: "校验结果" });
  expect(host.calls.insert).toEqual([{ format: "2021", year: lastYear, agency: "某市某局" }]);
});

test("an existing template is explained, and 打开 selects it", async () => {
  const user = userEvent.setup();
  const host = await openForm();
  host.insertResult = { ok: false, reason: "template-exists", sheetName: "2023年度年报" };
  await user.type(screen.getByRole("textbox", { name: /机关名称/ }), "某局");
  await user.click(screen.getByRole("button", { name: "插入模板" }));
  expect(
    await screen.findByText("本工作簿已有年报模板（工作表“2023年度年报”），未作任何改动。")
  ).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "打开" }));
  expect(host.calls.select).toEqual(["/narrative/overview"]);
});

test("a sheet-name clash is explained", async () => {
  const user = userEvent.setup();
  const host = await openForm();
  host.insertResult = { ok: false, reason: "sheet-exists", sheetName: `${lastYear}年度年报` };
  await user.type(screen.getByRole("textbox", { name: /机关名称/ }), "某局");
  await user.click(screen.getByRole("button", { name: "插入模板" }));
  expect(await screen.findByText(new RegExp(`已有名为“${lastYear}年度年报”的工作表`))).toBeTruthy();
  expect(screen.queryByRole("button", { name: "打开" })).toBeNull();
});

test("a workbook that already holds a template opens on the summary, not the form", async () => {
  renderApp(new FakeHost(templateState(reportWithKnownErrors())));
  await screen.findByRole("heading", { name: "校验结果" });
  expect(screen.queryByRole("heading", { name: "插入年报模板" })).toBeNull();
});

test("a rejected insert becomes a message in the pane", async () => {
  const user = userEvent.setup();
  const host = await openForm();
  host.failing.set(
    "insertTemplate",
    Object.assign(new Error("There was an internal error"), { code: "GeneralException" })
  );
  await user.type(screen.getByRole("textbox", { name: /机关名称/ }), "某局");
  await user.click(screen.getByRole("button", { name: "插入模板" }));
  await waitFor(() =>
    expect(
      screen.getByText("插入模板失败：There was an internal error（GeneralException）")
    ).toBeTruthy()
  );
  expect(screen.getByRole("button", { name: "插入模板" })).toHaveProperty("disabled", false);
});
