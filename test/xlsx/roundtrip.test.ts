/**
 * Template → filled by name → read back: the same report. And the edits people make to a filled workbook
 * (rows inserted inside part 三, a sheet renamed, a number typed with its unit) read to the right findings.
 */
import ExcelJS from "exceljs";
import { validateReport } from "../../src/checks/evaluate";
import { pendingDifferenceFormula } from "../../src/checks/formula";
import { reportFromWorkbook } from "../../src/report/from-cells";
import { getValue } from "../../src/report/model";
import { reportToJson } from "../../src/report/read-json";
import { layoutPlan } from "../../src/layout/plan";
import { nameFromPointer } from "../../src/templates/pointers";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { CHECK_SHEET, CHECK_SHEET_NAME, compilableChecks } from "../../src/layout/check-sheet";
import { randomConsistentReport } from "../support/random-report";
import {
  fill,
  filledWorkbook,
  insertRows,
  load,
  namedCell,
  part,
  readBack,
  save,
  templateFor,
} from "./workbooks";

describe.each(["2019", "2021"] as const)("format %s", (format) => {
  const report = randomConsistentReport(format, 11);

  test("a filled template reads back to the same report", async () => {
    const read = await readBack(await filledWorkbook(report));
    expect(reportToJson(read.report)).toBe(reportToJson(report));
    expect(read.problems).toEqual([]);
    expect(read.cellFaults.size).toBe(0);
    expect(validateReport(read.report).valid).toBe(true);
  });

  test("the template carries the plan: names, validation, conditional formats, protection, check sheet", async () => {
    const plan = layoutPlan({ format, year: report.year, agency: report.agency });
    const bytes = await templateFor(report);
    expect(part(bytes, "xl/workbook.xml")).toContain('fullCalcOnLoad="1"');
    const wb = await load(bytes);
    const ws = wb.getWorksheet(plan.sheetName)!;
    for (const n of plan.names)
      expect(namedCell(wb, n.name).address).toBe(ws.getCell(n.row + 1, n.col + 1).address);
    expect(wb.title).toBe(`某市某局${report.year}年政府信息公开工作年度报告`);
    const first = plan.validations[0];
    const dv = ws.getCell(first.row + 1, first.col + 1).dataValidation;
    expect(dv).toMatchObject({
      type: first.kind === "amount" ? "decimal" : "whole",
      errorTitle: expect.any(String),
    });
    const cfs = (ws as unknown as { conditionalFormattings: { rules: { formulae: string[] }[] }[] })
      .conditionalFormattings;
    expect(cfs.map((c) => c.rules[0].formulae[0])).toEqual(
      plan.conditionalFormats.map((c) => c.formula)
    );
    expect(ws.getCell("A1").value).toMatchObject({
      formula: expect.stringContaining("nb.meta.agency"),
    });
    expect((ws as unknown as { sheetProtection: object }).sheetProtection).toMatchObject({
      sheet: true,
      insertRows: true,
    });
    const input = plan.cells.find((c) => c.style === "input")!;
    expect(ws.getCell(input.row + 1, input.col + 1).protection).toMatchObject({ locked: false });

    const checks = wb.getWorksheet(CHECK_SHEET_NAME)!;
    const list = compilableChecks(format);
    list.forEach((check, i) => {
      const r = CHECK_SHEET.firstCheckRow + i;
      expect(checks.getCell(r, CHECK_SHEET.columns.id).value).toBe(check.id);
      const diff = checks.getCell(r, CHECK_SHEET.columns.difference)
        .value as ExcelJS.CellFormulaValue;
      // evaluated once every cell of the check holds a number, else "" (the result says 待填)
      expect(diff.formula).toMatch(
        /^IF\(AND\(ISNUMBER\(nb\.[^)]+\)(,ISNUMBER\(nb\.[^)]+\))*\),ROUND\(SUM\(nb\./
      );
      expect(diff.formula).toBe(pendingDifferenceFormula(check));
      expect(diff.result).toBeUndefined(); // no cached result: every program recalculates
    });
    // locale-independent: no semicolons as separators, no localised function names
    const formulas = [...plan.cells.flatMap((c) => (c.formula ? [c.formula] : []))];
    for (const f of formulas) expect(f).not.toMatch(/;|求和|SUMME/);
  });
});

test("rows inserted inside part 三 move the names with them: still the same report", async () => {
  const report = randomConsistentReport("2021", 21);
  const plan = layoutPlan({ format: "2021", year: report.year, agency: report.agency });
  const at = plan.names.find(
    (n) => n.name === nameFromPointer("/requests/withheld/stateSecret/total")
  )!.row;
  const bytes = await filledWorkbook(report, undefined, insertRows(at, 2));
  const wb = await load(bytes);
  expect(wb.worksheets[0].getCell(at + 1, 1).value).toContain("补充说明");
  const read = await readBack(bytes);
  expect(reportToJson(read.report)).toBe(reportToJson(report));
  const was = plan.names.find((n) => n.name === nameFromPointer("/requests/totalHandled/total"))!;
  expect(read.addresses.get("/requests/totalHandled/total")).toBe(
    `${plan.sheetName}!O${was.row + 3}`
  );
});

test("a renamed sheet: the names carry the new sheet name, and findings say it", async () => {
  const report = randomConsistentReport("2021", 22);
  const wb = await load(await filledWorkbook(report));
  const ws = wb.worksheets[0];
  const renamed = "年报 (定稿)";
  const model = wb.definedNames.model.map((n) => ({
    ...n,
    ranges: n.ranges.map((r) => r.replace(/^'?[^!]*'?!/, `'${renamed}'!`)),
  }));
  ws.name = renamed;
  wb.definedNames.model = model;
  const read = await readBack(await save(wb));
  expect(reportToJson(read.report)).toBe(reportToJson(report));
  expect(read.addresses.get("/requests/newReceived/total")).toMatch(/^年报 \(定稿\)!O\d+$/);
});

test("a value typed as text (2件) is a type finding naming the cell, with the number as the fix", async () => {
  const report = randomConsistentReport("2021", 23);
  const pointer = "/requests/granted/commercial";
  const read = await readBack(await filledWorkbook(report, new Map([[pointer, "2件"]])));
  expect(read.cellFaults.get(pointer)).toMatchObject({ problem: "unit", fix: 2 });
  const result = validateReport(read.report, { cellFaults: read.cellFaults });
  const finding = result.findings.find((f) => f.rule === "type")!;
  expect(finding.cells[0]).toBe(pointer);
  expect(read.addresses.get(pointer)).toMatch(/^2024年度年报!J\d+$/);
});

test("formula cells give their cached result; one without a result reads as blank with a note", async () => {
  const report = randomConsistentReport("2019", 24);
  const wb = await load(await templateFor(report));
  fill(wb, report);
  namedCell(wb, nameFromPointer("/requests/newReceived/research")).value = {
    formula: "1+1",
    result: getValue(report, "/requests/newReceived/research"),
  } as ExcelJS.CellFormulaValue;
  namedCell(wb, nameFromPointer("/requests/newReceived/publicInterest")).value = {
    formula: "1-1",
    result: 0, // ExcelJS's `value` would drop this cached 0
  } as ExcelJS.CellFormulaValue;
  namedCell(wb, nameFromPointer("/requests/newReceived/legalService")).value = {
    formula: "1+1",
  } as ExcelJS.CellFormulaValue;
  namedCell(wb, nameFromPointer("/requests/carriedOver/otherOrg")).value = {
    error: "#REF!",
  } as ExcelJS.CellErrorValue;
  const read = await readBack(await save(wb));
  expect(getValue(read.report, "/requests/newReceived/research")).toBe(
    getValue(report, "/requests/newReceived/research")
  );
  expect(getValue(read.report, "/requests/newReceived/publicInterest")).toBe(0);
  expect(getValue(read.report, "/requests/newReceived/legalService")).toBeNull();
  expect(read.notes.map((n) => n.name)).toEqual([
    nameFromPointer("/requests/newReceived/legalService"),
  ]);
  expect(read.cellFaults.get("/requests/carriedOver/otherOrg")).toMatchObject({
    problem: "error-value",
  });
});

test("broken and missing names are binding problems, not crashes", async () => {
  const report = randomConsistentReport("2021", 25);
  const wb = await load(await filledWorkbook(report));
  wb.definedNames.model = wb.definedNames.model.filter(
    (n) => n.name !== nameFromPointer("/appeals/review/upheld")
  );
  const bytes = await save(wb);
  const read = await readBack(bytes);
  expect(read.problems).toEqual([
    { name: nameFromPointer("/appeals/review/upheld"), problem: "missing" },
  ]);
  expect(getValue(read.report, "/appeals/review/upheld")).toBeNull();
});

test("a workbook that is not ours is told apart", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1").getCell("A1").value = 42;
  const read = readWorkbook(await save(wb));
  expect(read.ok).toBe(true);
  const result = reportFromWorkbook(read.ok ? read.bound : { cells: new Map(), problems: [] });
  expect(result).toMatchObject({ ok: false, reason: "not-a-template" });
});
