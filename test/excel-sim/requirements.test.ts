/**
 * Requirement sets: `isSetSupported` answers from the configuration, and every API family fails at sync
 * with ApiNotFound when the host's ExcelApi is too old.
 */
import {
  API_VERSIONS,
  compareVersions,
  createSimulatedExcel,
  type SimRequestContext,
  SimOfficeError,
} from "../../dev/excel-sim";

async function codeOf(
  excelApi: string,
  batch: (ctx: SimRequestContext) => void
): Promise<string | undefined> {
  const s = createSimulatedExcel({ requirementSets: { ExcelApi: excelApi } });
  try {
    await s.Excel.run(async (ctx) => {
      batch(ctx);
      await ctx.sync();
    });
    return undefined;
  } catch (e) {
    return (e as SimOfficeError).code;
  }
}

test("versions compare numerically: 1.10 > 1.9", () => {
  expect(compareVersions("1.10", "1.9")).toBe(1);
  expect(compareVersions("1.9", "1.10")).toBe(-1);
  expect(compareVersions("1.7", "1.7.0")).toBe(0);
});

test("isSetSupported answers from the configured sets, case-insensitively", () => {
  const s = createSimulatedExcel({ requirementSets: { ExcelApi: "1.10", DialogApi: "1.2" } });
  const is = s.Office.context.requirements.isSetSupported;
  expect(is("ExcelApi", "1.9")).toBe(true);
  expect(is("ExcelApi", "1.10")).toBe(true);
  expect(is("ExcelApi", "1.11")).toBe(false);
  expect(is("excelapi")).toBe(true);
  expect(is("DialogApi", "1.2")).toBe(true);
  expect(is("WordApi")).toBe(false);
  expect(
    createSimulatedExcel().Office.context.requirements.isSetSupported("ExcelApi", "1.17")
  ).toBe(true);
});

test("Office.onReady resolves host and platform", async () => {
  const s = createSimulatedExcel({ platform: "Mac", displayLanguage: "en-US" });
  await expect(s.Office.onReady()).resolves.toEqual({ host: "Excel", platform: "Mac" });
  expect(s.Office.context.displayLanguage).toBe("en-US");
});

describe("ApiNotFound at sync below each feature's version", () => {
  const range = (ctx: SimRequestContext) =>
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
  const cases: [string, string, string, (ctx: SimRequestContext) => void][] = [
    ["names.add", "1.3", "1.4", (ctx) => ctx.workbook.names.add("x", range(ctx))],
    ["NamedItem.formula", "1.6", "1.7", (ctx) => void ctx.workbook.names.load("items/formula")],
    ["conditionalFormats", "1.5", "1.6", (ctx) => void range(ctx).conditionalFormats.add("Custom")],
    [
      "worksheet.onChanged",
      "1.6",
      "1.7",
      (ctx) => void ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async () => {}),
    ],
    [
      "getRangeByIndexes",
      "1.6",
      "1.7",
      (ctx) =>
        void ctx.workbook.worksheets
          .getItem("Sheet1")
          .getRangeByIndexes(0, 0, 1, 1)
          .load("address"),
    ],
    [
      "dataValidation",
      "1.7",
      "1.8",
      (ctx) =>
        void (range(ctx).dataValidation.rule = {
          wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" },
        }),
    ],
    ["runtime.enableEvents", "1.7", "1.8", (ctx) => void (ctx.runtime.enableEvents = false)],
    [
      "worksheets.onChanged",
      "1.8",
      "1.9",
      (ctx) => void ctx.workbook.worksheets.onChanged.add(async () => {}),
    ],
    [
      "getRanges",
      "1.8",
      "1.9",
      (ctx) => void ctx.workbook.worksheets.getItem("Sheet1").getRanges("A1, B2").load("address"),
    ],
    ["settings", "1.3", "1.4", (ctx) => void ctx.workbook.settings.add("k", 1)],
    [
      "showGridlines",
      "1.7",
      "1.8",
      (ctx) => void (ctx.workbook.worksheets.getItem("Sheet1").showGridlines = false),
    ],
    [
      "freezePanes",
      "1.6",
      "1.7",
      (ctx) => void ctx.workbook.worksheets.getItem("Sheet1").freezePanes.freezeRows(1),
    ],
    ["merge", "1.1", "1.2", (ctx) => void range(ctx).getResizedRange(0, 1).merge()],
    [
      "protection.locked",
      "1.1",
      "1.2",
      (ctx) => void (range(ctx).format.protection.locked = false),
    ],
    [
      "suspendApiCalculationUntilNextSync",
      "1.5",
      "1.6",
      (ctx) => void ctx.application.suspendApiCalculationUntilNextSync(),
    ],
  ];
  test.each(cases)("%s: fails on %s, works on %s", async (_what, below, at, batch) => {
    expect(await codeOf(below, batch)).toBe("ApiNotFound");
    expect(await codeOf(at, batch)).toBeUndefined();
  });

  test("insertWorksheetsFromBase64 never works: ApiNotFound below 1.13, NotImplemented above, and it is logged", async () => {
    const call = (ctx: SimRequestContext) =>
      void ctx.workbook.insertWorksheetsFromBase64("UEsDBA==");
    expect(await codeOf("1.12", call)).toBe("ApiNotFound");
    expect(await codeOf("1.17", call)).toBe("NotImplemented");
    const s = createSimulatedExcel();
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await ctx.sync();
    });
    expect(s.apiLog).not.toContain("Workbook.insertWorksheetsFromBase64");
  });

  test("the version table lives in one place", () => {
    expect(API_VERSIONS["Range.dataValidation"]).toBe("1.8");
    expect(API_VERSIONS["WorksheetChangedEventArgs.triggerSource"]).toBe("1.14");
  });
});
