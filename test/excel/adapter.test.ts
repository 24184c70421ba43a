/**
 * The Excel adapter against the strict simulated Excel: round-trip budgets, insertion, reading through
 * names after the edits people make, repair, fixes, events and requirement sets.
 */
import { createSimulatedExcel } from "../../dev/excel-sim";
import { validateReport } from "../../src/checks/evaluate";
import { detectCapabilities } from "../../src/excel/capabilities";
import { aggregateReports } from "../../src/aggregate/aggregate";
import { COMPILED_SETTING, ExcelHost, RECEIPT_SETTING } from "../../src/excel/excel-host";
import type { TemplateState } from "../../src/excel/host";
import { cellValues } from "../../src/report/model";
import { cellDefs } from "../../src/templates/cells";
import { layoutPlan } from "../../src/layout/plan";
import { nameFromPointer } from "../../src/templates/pointers";
import { randomConsistentReport } from "../support/random-report";
import { APPLICANT_COLUMNS } from "../support/requests-table";

type Sim = ReturnType<typeof createSimulatedExcel>;

function setup(excelApi = "1.17"): { sim: Sim; host: ExcelHost } {
  const sim = createSimulatedExcel({ requirementSets: { ExcelApi: excelApi } });
  sim.install(globalThis);
  const caps = detectCapabilities((name, version) =>
    sim.Office.context.requirements.isSetSupported(name, version)
  );
  return { sim, host: new ExcelHost(caps) };
}

const REQUEST = { format: "2021" as const, year: 2024, agency: "某市某局" };
const SHEET = "2024年度年报";
const plan = layoutPlan(REQUEST);
const at = (pointer: string) => {
  const n = plan.names.find((x) => x.name === nameFromPointer(pointer))!;
  return { row: n.row, col: n.col };
};
const address = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row + 1}`;
const addressOf = (pointer: string) => address(at(pointer).row, at(pointer).col);

function template(state: TemplateState) {
  if (state.kind !== "template") throw new Error(`expected a template, got ${state.kind}`);
  return state;
}

/** Types a whole report into the sheet as a person would, cell by cell. */
function typeReport(sim: Sim, values: Map<string, number | null>, rowShift = 0) {
  for (const [pointer, value] of values) {
    const { row, col } = at(pointer);
    sim.user.setValue(SHEET, address(row + rowShift, col), value ?? "");
  }
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

describe("insert", () => {
  test("into an empty workbook: ≤ 3 syncs with the read that follows, every name, title computed", async () => {
    const { sim, host } = setup();
    sim.resetCounters();
    expect(await host.insertTemplate(REQUEST)).toEqual({ ok: true, sheetName: SHEET });
    const state = template(await host.read());
    expect(sim.syncCount).toBeLessThanOrEqual(3);
    expect(state.problems).toEqual([]);
    expect(state.report.format).toBe("2021");
    expect(state.report.agency).toBe("某市某局");
    expect(sim.inspect.cell(SHEET, "A1").value).toBe("某市某局2024年政府信息公开工作年度报告");
    const names = sim.inspect.names().map((n) => n.name);
    for (const n of plan.names) expect(names).toContain(n.name);
    // a blank template: every value cell is listed as blank, nothing else is an error
    const result = validateReport(state.report, { cellFaults: state.cellFaults });
    expect(
      result.findings
        .filter((f) => f.severity === "error")
        .every((f) => f.rule === "blank" || f.rule === "narrative-missing")
    ).toBe(true);
  });

  test("refuses to overwrite: a second insert and a clashing sheet name change nothing", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const before = sim.inspect.names().length;
    expect(await host.insertTemplate({ ...REQUEST, agency: "别的机关" })).toEqual({
      ok: false,
      reason: "template-exists",
      sheetName: SHEET,
    });
    expect(sim.inspect.names()).toHaveLength(before);

    const other = setup();
    other.sim.user.addSheet(SHEET);
    expect(await other.host.insertTemplate(REQUEST)).toEqual({
      ok: false,
      reason: "sheet-exists",
      sheetName: SHEET,
    });

    // a sheet of the user's that happens to be called 校验 is not overwritten either
    const third = setup();
    third.sim.user.addSheet("校验");
    expect(await third.host.insertTemplate(REQUEST)).toEqual({
      ok: false,
      reason: "sheet-exists",
      sheetName: "校验",
    });
    expect(third.sim.inspect.names()).toHaveLength(0);
  });

  test("tables are drawn with borders on every cell; the title has none", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const all = {
      top: "Continuous",
      bottom: "Continuous",
      left: "Continuous",
      right: "Continuous",
    };
    expect(sim.inspect.cell(SHEET, addressOf("/requests/granted/total")).borders).toEqual(all);
    expect(sim.inspect.cell(SHEET, addressOf("/appeals/review/upheld")).borders).toEqual(all);
    expect(sim.inspect.cell(SHEET, addressOf("/proactive/fees/amount")).borders).toEqual(all);
    expect(sim.inspect.cell(SHEET, "A1").borders).toEqual({});
  });

  test("labels are locked on the protected sheet, input cells are not", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    expect(sim.inspect.protection(SHEET).protected).toBe(true);
    expect(sim.inspect.cell(SHEET, addressOf("/requests/granted/total")).locked).toBe(false);
    expect(sim.inspect.cell(SHEET, "A1").locked).toBe(true);
  });

  test("never uses insertWorksheetsFromBase64, and works without data validation below ExcelApi 1.8", async () => {
    const { sim, host } = setup("1.7");
    expect(await host.insertTemplate(REQUEST)).toMatchObject({ ok: true });
    expect(sim.inspect.dataValidations(SHEET)).toHaveLength(0);
    expect(host.capabilities()).toMatchObject({
      full: true,
      dataValidation: false,
      ownWrites: false,
    });
  });
});

describe("read, validate, fix", () => {
  test("a typed report reads back exactly, in one sync and no write", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const report = randomConsistentReport("2021", 3);
    typeReport(sim, cellValues(report));
    sim.resetCounters();
    const state = template(await host.read());
    expect(sim.syncCount).toBe(1);
    expect(sim.writeCount ?? 0).toBe(0);
    expect(cellValues(state.report)).toEqual(cellValues(report));
  });

  test("a slip colours its cells through conditional formats, and the fix takes one sync", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const report = randomConsistentReport("2021", 5);
    const values = cellValues(report);
    typeReport(sim, values);
    const p = "/requests/carriedForward/research";
    sim.user.setValue(SHEET, addressOf(p), (values.get(p) as number) + 2);
    const state = template(await host.read());
    const balance = validateReport(state.report).findings.find((f) => f.rule === "balance")!;
    expect(balance.cells[0]).toBe(p);
    expect(sim.inspect.cell(SHEET, addressOf(p)).conditionalFill).toBe("#FFC7CE");
    sim.resetCounters();
    await host.write(new Map([[balance.cells[0], balance.fix!]]));
    expect(sim.syncCount).toBe(1);
    const after = template(await host.read());
    expect(validateReport(after.report).findings.filter((f) => f.expected !== undefined)).toEqual(
      []
    );
    expect(sim.inspect.cell(SHEET, addressOf(p)).conditionalFill ?? null).toBeNull();
  });

  test("fill blanks with 0: one sync for every blank cell", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const blanks = new Map(cellDefs("2021").map((d) => [d.pointer, 0]));
    sim.resetCounters();
    await host.write(blanks);
    expect(sim.syncCount).toBe(1);
    const state = template(await host.read());
    expect([...cellValues(state.report).values()].every((v) => v === 0)).toBe(true);
  });

  test("pasted text, full-width digits, placeholders and error values become findings, not crashes", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    // Typed, data validation refuses these; pasted, it does not (Excel's paste bypasses validation).
    expect(sim.user.setValue(SHEET, addressOf("/requests/granted/naturalPerson"), "２")).toBe(
      false
    );
    const paste = (pointer: string, value: string) =>
      sim.user.setValues(SHEET, addressOf(pointer), [[value]]);
    paste("/requests/granted/naturalPerson", "２");
    paste("/requests/granted/commercial", "/");
    paste("/requests/granted/research", "=1/0");
    paste("/proactive/fees/amount", "251000元");
    const state = template(await host.read());
    const faults = state.cellFaults;
    expect(faults.get("/requests/granted/naturalPerson")).toMatchObject({
      problem: "fullwidth",
      fix: 2,
    });
    expect(faults.get("/requests/granted/commercial")).toMatchObject({
      problem: "placeholder",
      fix: 0,
    });
    expect(faults.get("/requests/granted/research")).toMatchObject({ problem: "error-value" });
    expect(faults.get("/proactive/fees/amount")).toMatchObject({ problem: "unit", fix: 25.1 });
    expect(state.addresses.get("/requests/granted/naturalPerson")).toContain(
      addressOf("/requests/granted/naturalPerson")
    );
  });

  test("last year's report is kept in the workbook's settings and read in the same single sync", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const previous = randomConsistentReport("2021", 4, 2023);
    sim.resetCounters();
    await host.setPrevious(previous);
    expect(sim.syncCount).toBe(1);
    sim.resetCounters();
    const state = template(await host.read());
    expect(sim.syncCount).toBe(1);
    expect(state.previous).toEqual(previous);
    await host.setPrevious(undefined);
    expect(template(await host.read()).previous).toBeUndefined();
  });

  test("the platform's receipt is kept in the workbook's settings, one sync each way; a forged one is ignored", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    expect(await host.receipt()).toBeUndefined();
    const receipt = {
      id: "r-1",
      agency: "某市某局",
      year: 2024,
      format: "2021" as const,
      sha256: "ab".repeat(32),
      receivedAt: "2025-01-20T03:04:05.000Z",
      summary: { errors: 0, warnings: 1, incomplete: 0 },
    };
    sim.resetCounters();
    await host.keepReceipt(receipt);
    expect(sim.syncCount).toBe(1);
    expect(sim.inspect.settings()[RECEIPT_SETTING]).toBe(JSON.stringify(receipt));
    sim.resetCounters();
    expect(await host.receipt()).toEqual(receipt);
    expect(sim.syncCount).toBe(1);
    await Excel.run(async (context) => {
      context.workbook.settings.add(RECEIPT_SETTING, JSON.stringify({ ...receipt, sha256: "x" }));
      await context.sync();
    });
    expect(await host.receipt()).toBeUndefined();
  });

  test("storage for the pane: Office's partition key on the web, OfficeRuntime.storage under SharedRuntime 1.1", () => {
    const web = createSimulatedExcel({ platform: "OfficeOnline" });
    web.install(globalThis);
    const host = new ExcelHost(detectCapabilities(() => true));
    expect(host.storagePartition()).toBe(web.Office.context.partitionKey);
    expect(host.storagePartition()).toEqual(expect.any(String));
    createSimulatedExcel({ platform: "PC" }).install(globalThis);
    expect(host.storagePartition()).toBeUndefined();

    const storage = {
      getItem: async () => null,
      setItem: async () => {},
      removeItem: async () => {},
    };
    const runtime = globalThis as { OfficeRuntime?: unknown };
    runtime.OfficeRuntime = { storage };
    try {
      expect(host.runtimeStorage()).toBeUndefined(); // the set is not supported
      createSimulatedExcel({ requirementSets: { ExcelApi: "1.17", SharedRuntime: "1.1" } }).install(
        globalThis
      );
      expect(host.runtimeStorage()).toBe(storage);
      delete runtime.OfficeRuntime;
      expect(host.runtimeStorage()).toBeUndefined();
    } finally {
      delete runtime.OfficeRuntime;
    }
    // outside Office: nothing to report, nothing thrown
    delete (globalThis as Record<string, unknown>).Office;
    expect(host.storagePartition()).toBeUndefined();
    expect(host.runtimeStorage()).toBeUndefined();
  });

  test("the sums of a compilation and what they were made from: written in one sync, read in one", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const sums = randomConsistentReport("2021", 8, 2024);
    const result = aggregateReports([{ file: "a.json", sha256: "ab".repeat(32), report: sums }], {
      agency: "某区人民政府",
    });
    if (!result.ok) throw new Error("refused");
    await host.write(new Map([["/narrative/overview", "汇总单位自己写的总体情况"]]));
    sim.resetCounters();
    await host.writeCompiled(cellValues(result.report), result.record);
    expect(sim.syncCount).toBe(1);
    expect(sim.inspect.settings()[COMPILED_SETTING]).toEqual(JSON.stringify(result.record));
    sim.resetCounters();
    const state = template(await host.read());
    expect(sim.syncCount).toBe(1);
    expect(cellValues(state.report)).toEqual(cellValues(sums));
    expect(state.report.narrative.overview).toBe("汇总单位自己写的总体情况");
    expect(state.compiledFrom).toEqual(result.record);
  });

  test("select puts the selection on the finding's cell", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    sim.resetCounters();
    await host.select("/appeals/review/total");
    expect(sim.syncCount).toBe(1);
    expect(sim.inspect.selection()).toMatchObject({
      sheet: SHEET,
      address: addressOf("/appeals/review/total"),
    });
  });

  test("a narrative that starts with = is written as text, not a formula", async () => {
    const { host } = setup();
    await host.insertTemplate(REQUEST);
    await host.write(new Map([["/narrative/other", "=无其他事项"]]));
    expect(template(await host.read()).report.narrative.other).toBe("=无其他事项");
  });
});

describe("what people do to the sheet", () => {
  test("a renamed sheet and rows inserted above and inside part 三: the report reads the same", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const report = randomConsistentReport("2021", 8);
    typeReport(sim, cellValues(report));
    sim.user.renameSheet(SHEET, "我的年报");
    sim.user.insertRows("我的年报", 0, 2);
    sim.user.insertRows("我的年报", at("/requests/granted/total").row + 2, 1);
    const state = template(await host.read());
    expect(state.sheetName).toBe("我的年报");
    expect(state.problems).toEqual([]);
    expect(cellValues(state.report)).toEqual(cellValues(report));
  });

  test("a deleted row: broken names are found, repair restores them without touching typed values", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const report = randomConsistentReport("2021", 9);
    typeReport(sim, cellValues(report));
    sim.user.unprotect(SHEET);
    const row = at("/requests/withheld/deliberative/total").row;
    expect(sim.user.deleteRows(SHEET, row, 1)).toBe(true);
    const broken = template(await host.read());
    expect(broken.problems.map((p) => p.name).sort()).toEqual(
      APPLICANT_COLUMNS.map((c) => nameFromPointer(`/requests/withheld/deliberative/${c}`)).sort()
    );
    expect(broken.problems.every((p) => p.problem === "broken")).toBe(true);

    const result = await host.repair();
    expect(result.failed).toEqual([]);
    expect(result.repaired).toHaveLength(7);
    const repaired = template(await host.read());
    expect(repaired.problems).toEqual([]);
    const values = cellValues(repaired.report);
    for (const [pointer, value] of cellValues(report)) {
      if (pointer.startsWith("/requests/withheld/deliberative/"))
        expect(values.get(pointer)).toBeNull();
      else expect(values.get(pointer)).toBe(value);
    }
    // the re-inserted row carries its label again
    expect(sim.inspect.cell(SHEET, address(row, 3)).value).toBe("6.属于四类过程性信息");
  });
});

describe("events", () => {
  test("a user edit, a paste of a block and a coauthor's edit each call back once, without a quiet time", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const calls: number[] = [];
    const stop = await host.watch(() => calls.push(Date.now()));
    sim.user.setValue(SHEET, addressOf("/requests/granted/total"), 1);
    sim.user.setValues(
      SHEET,
      `${addressOf("/appeals/review/upheld")}:${addressOf("/appeals/review/total")}`,
      [[1, 0, 0, 0, 1]]
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(2);
    sim.user.setValue(SHEET, addressOf("/requests/granted/research"), 3, { remote: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(3);
    stop();
  });

  test("a renamed sheet calls back on ExcelApi 1.17 (its addresses changed)", async () => {
    const { sim, host } = setup("1.17");
    await host.insertTemplate(REQUEST);
    const calls: number[] = [];
    const stop = await host.watch(() => calls.push(1));
    sim.user.renameSheet(SHEET, "改名后");
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toHaveLength(1);
    stop();
  });

  test("the add-in's own writes are recognised on ExcelApi 1.14 and do not call back", async () => {
    const { host } = setup("1.14");
    await host.insertTemplate(REQUEST);
    const calls: number[] = [];
    const stop = await host.watch(() => calls.push(1));
    await host.write(new Map([["/requests/granted/total", 4]]));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toHaveLength(0);
    stop();
  });

  test("below ExcelApi 1.7 there are no change events: watch does nothing, the pane offers validate-now", async () => {
    const { host } = setup("1.6");
    expect(host.capabilities()).toMatchObject({ changeEvents: false, full: false });
    const stop = await host.watch(() => undefined);
    stop();
  });
});

describe("filling in", () => {
  const signature = plan.cells.filter((c) => c.style === "signature");
  const shown = (sim: Sim, c: { row: number; col: number }) =>
    sim.inspect.cell(SHEET, address(c.row, c.col)).text;

  test("the signature date is blank while 发布日期 is blank, never 1899; it shows the date once typed", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    expect(signature.map((c) => shown(sim, c))).toEqual(["某市某局", ""]);
    const date = plan.names.find((n) => n.name === "nb.meta.date")!;
    sim.user.setValue(SHEET, address(date.row, date.col), "2025-01-20");
    expect(shown(sim, signature[1])).toBe("2025年1月20日");
  });

  test("a typed value the validation rejects is refused with the template's own alert; a paste passes and is a type finding", async () => {
    const { sim, host } = setup();
    await host.insertTemplate(REQUEST);
    const cell = addressOf("/requests/newReceived/commercial");
    expect(sim.user.setValue(SHEET, cell, "2件")).toBe(false);
    expect(sim.user.lastRefusal).toEqual({
      code: "ValidationStop",
      title: "请填写整数",
      message: "此处应填不小于 0 的整数，不要带单位；没有请填 0。",
    });
    expect(sim.inspect.cell(SHEET, cell).value).toBe("");
    expect(sim.user.setValues(SHEET, cell, [["2件"]])).toBe(true);
    const state = template(await host.read());
    const findings = validateReport(state.report, { cellFaults: state.cellFaults }).findings;
    expect(findings.filter((f) => f.rule === "type")).toEqual([
      expect.objectContaining({ cells: ["/requests/newReceived/commercial"], fix: 2 }),
    ]);
  });
});
