/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/load-object-before-read --
   these tests read unloaded properties on purpose, and the rules cannot follow proxies through helpers */
/**
 * Conditional formats (evaluated per cell by the formula engine), data validation, and sheet protection.
 */
import { createSimulatedExcel, type Sim, SimOfficeError } from "../../dev/excel-sim";

const RED = "#FFC7CE";
const ORANGE = "#F8CBAD";

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as SimOfficeError).code;
  }
}

async function addRule(
  s: Sim,
  address: string,
  formula: string,
  fill: string,
  font = "#9C0006"
): Promise<void> {
  await s.Excel.run(async (ctx) => {
    const cf = ctx.workbook.worksheets
      .getItem("Sheet1")
      .getRange(address)
      .conditionalFormats.add(s.Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = formula;
    cf.custom.format.fill.color = fill;
    cf.custom.format.font.color = font;
    await ctx.sync();
  });
}

describe("custom conditional formats", () => {
  test("a total that is not the sum of its parts is painted; a correct one is not", async () => {
    const s = createSimulatedExcel();
    s.user.setValues("Sheet1", "B2:D3", [
      [1, 2, 3],
      [1, 2, 4],
    ]);
    // one rule for the whole column of totals: relative to D2, the top-left cell
    await addRule(s, "D2:D3", "=D2<>SUM(B2:C2)", RED);
    expect(s.inspect.cell("Sheet1", "D2").conditionalFill).toBeUndefined();
    expect(s.inspect.cell("Sheet1", "D3")).toMatchObject({
      conditionalFill: RED,
      conditionalFontColor: "#9C0006",
    });
    s.user.setValue("Sheet1", "D3", 3);
    expect(s.inspect.cell("Sheet1", "D3").conditionalFill).toBeUndefined();
  });

  test("absolute references and names stay fixed across the range", async () => {
    const s = createSimulatedExcel();
    s.user.setValues("Sheet1", "A1:A3", [[5], [5], [6]]);
    s.user.setValue("Sheet1", "F1", 5);
    await s.Excel.run(async (ctx) => {
      ctx.workbook.names.add("limit", ctx.workbook.worksheets.getItem("Sheet1").getRange("F1"));
      await ctx.sync();
    });
    await addRule(s, "A1:A3", "=A1<>$F$1", RED);
    await addRule(s, "B1:B3", "=A1>limit", ORANGE);
    expect(
      ["A1", "A2", "A3"].map((a) => s.inspect.cell("Sheet1", a).conditionalFill ?? null)
    ).toEqual([null, null, RED]);
    expect(
      ["B1", "B2", "B3"].map((a) => s.inspect.cell("Sheet1", a).conditionalFill ?? null)
    ).toEqual([null, null, ORANGE]);
  });

  test("the newest rule has priority 0 and wins; stopIfTrue ends the search; the collection reads back", async () => {
    const s = createSimulatedExcel();
    s.user.setValue("Sheet1", "A1", 1);
    await addRule(s, "A1", "=A1>0", RED, "#000001");
    await addRule(s, "A1", "=A1>0", ORANGE, "#000002");
    expect(s.inspect.cell("Sheet1", "A1").conditionalFill).toBe(ORANGE);
    await s.Excel.run(async (ctx) => {
      const list = ctx.workbook.worksheets
        .getItem("Sheet1")
        .getRange("A1")
        .conditionalFormats.load("items/priority,items/type,items/stopIfTrue");
      const first = ctx.workbook.worksheets
        .getItem("Sheet1")
        .getRange("A1")
        .conditionalFormats.getItemAt(0);
      first.custom.rule.load("formula");
      first.custom.format.fill.load("color");
      await ctx.sync();
      expect(list.items.map((c) => [c.priority, c.type, c.stopIfTrue])).toEqual([
        [0, "Custom", false],
        [1, "Custom", false],
      ]);
      expect([first.custom.rule.formula, first.custom.format.fill.color]).toEqual([
        "=A1>0",
        ORANGE,
      ]);
      list.items[1].priority = 0;
      await ctx.sync();
    });
    expect(s.inspect.cell("Sheet1", "A1").conditionalFill).toBe(RED);
  });

  test("attributes combine across matching rules unless stopIfTrue ends the search", async () => {
    const s = createSimulatedExcel();
    s.user.setValue("Sheet1", "A1", 1);
    await s.Excel.run(async (ctx) => {
      const cfs = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").conditionalFormats;
      const low = cfs.add("Custom");
      low.custom.rule.formula = "=A1>0";
      low.custom.format.font.color = "#0000FF";
      const high = cfs.add("Custom"); // added last: priority 0
      high.custom.rule.formula = "=A1>0";
      high.custom.format.fill.color = RED;
      await ctx.sync();
      expect(s.inspect.cell("Sheet1", "A1")).toMatchObject({
        conditionalFill: RED,
        conditionalFontColor: "#0000FF",
      });
      high.stopIfTrue = true;
      await ctx.sync();
    });
    expect(s.inspect.cell("Sheet1", "A1").conditionalFill).toBe(RED);
    expect(s.inspect.cell("Sheet1", "A1").conditionalFontColor).toBeUndefined();
  });

  test("rules follow row inserts and deletes, keeping each cell's meaning", async () => {
    const s = createSimulatedExcel();
    s.user.setValues("Sheet1", "A1:B3", [
      [1, 1],
      [2, 9],
      [3, 3],
    ]);
    await addRule(s, "B1:B3", "=B1<>A1", RED);
    s.user.insertRows("Sheet1", 0, 1);
    expect(s.inspect.conditionalFormats("Sheet1")[0]).toMatchObject({
      ranges: "B2:B4",
      formula: "=B2<>A2",
    });
    expect(s.inspect.cell("Sheet1", "B3").conditionalFill).toBe(RED);
    s.user.deleteRows("Sheet1", 1, 1); // the rule's first row goes
    expect(s.inspect.conditionalFormats("Sheet1")[0]).toMatchObject({
      ranges: "B2:B3",
      formula: "=B2<>A2",
    });
    expect(["B2", "B3"].map((a) => s.inspect.cell("Sheet1", a).conditionalFill ?? null)).toEqual([
      RED,
      null,
    ]);
  });

  test("a rule formula must start with '='; other types are not simulated", async () => {
    const s = createSimulatedExcel();
    expect(
      await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.worksheets
            .getItem("Sheet1")
            .getRange("A1")
            .conditionalFormats.add("Custom").custom.rule.formula = "A1>0";
          await ctx.sync();
        })
      )
    ).toBe("InvalidArgument");
    expect(
      await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.worksheets
            .getItem("Sheet1")
            .getRange("A1")
            .conditionalFormats.add("DataBar");
          await ctx.sync();
        })
      )
    ).toBe("NotImplemented");
  });

  test("getRanges: one rule over several areas, anchored at the first", async () => {
    const s = createSimulatedExcel();
    s.user.setValues("Sheet1", "A1:C1", [[-1, 5, -2]]);
    await s.Excel.run(async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem("Sheet1").getRanges("A1, C1");
      const cf = areas.conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=A1<0";
      cf.custom.format.fill.color = RED;
      areas.load("address, areaCount");
      await ctx.sync();
      expect([areas.address, areas.areaCount]).toEqual(["Sheet1!A1,Sheet1!C1", 2]);
    });
    expect(
      ["A1", "B1", "C1"].map((a) => s.inspect.cell("Sheet1", a).conditionalFill ?? null)
    ).toEqual([RED, null, RED]);
  });
});

describe("data validation", () => {
  async function wholeNumbers(s: Sim, address: string): Promise<void> {
    await s.Excel.run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem("Sheet1").getRange(address).dataValidation;
      dv.rule = { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
      dv.errorAlert = { showAlert: true, style: "Stop", title: "数字", message: "请填写非负整数" };
      dv.prompt = { showPrompt: true, title: "", message: "件数" };
      await ctx.sync();
    });
  }

  test("rule reads back with formulas as strings; valid evaluates every cell", async () => {
    const s = createSimulatedExcel();
    await wholeNumbers(s, "B2:C3");
    s.user.setValues("Sheet1", "B2:C3", [
      [1, 2],
      [3, 4],
    ]);
    await s.Excel.run(async (ctx) => {
      const dv = ctx.workbook.worksheets
        .getItem("Sheet1")
        .getRange("B2:C3")
        .dataValidation.load("rule, type, valid, errorAlert, ignoreBlanks");
      await ctx.sync();
      expect(dv.rule).toEqual({
        wholeNumber: { formula1: "=0", operator: "GreaterThanOrEqualTo" },
      });
      expect([dv.type, dv.valid, dv.ignoreBlanks]).toEqual(["WholeNumber", true, true]);
      expect(dv.errorAlert).toMatchObject({ style: "Stop", message: "请填写非负整数" });
    });
    expect(s.inspect.dataValidations("Sheet1")).toEqual([
      expect.objectContaining({
        ranges: "B2:C3",
        type: "WholeNumber",
        prompt: { showPrompt: true, title: "", message: "件数" },
      }),
    ]);
  });

  test("a user's invalid entry is refused by a Stop alert; a paste bypasses validation; API writes are not validated", async () => {
    const s = createSimulatedExcel();
    await wholeNumbers(s, "B2:B3");
    expect(s.user.setValue("Sheet1", "B2", -1)).toBe(false);
    expect(s.user.lastRefusal).toEqual({
      code: "ValidationStop",
      title: "数字",
      message: "请填写非负整数",
    });
    expect(s.user.setValue("Sheet1", "B2", "1.5")).toBe(false);
    expect(s.user.setValue("Sheet1", "B2", "abc")).toBe(false);
    expect(s.inspect.cell("Sheet1", "B2").value).toBe("");
    expect(s.user.setValue("Sheet1", "B2", 4)).toBe(true);
    expect(s.user.setValues("Sheet1", "B3", [[-5]])).toBe(true);
    expect(s.inspect.cell("Sheet1", "B3").validation).toMatchObject({
      type: "WholeNumber",
      valid: false,
    });
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [["text"]];
      await ctx.sync();
    });
    expect(s.inspect.cell("Sheet1", "B2").value).toBe("text");
  });

  test("a rule needs exactly one kind of criteria and a valid operator", async () => {
    const s = createSimulatedExcel();
    const set = (rule: unknown) =>
      codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").dataValidation.rule =
            rule as Excel.DataValidationRule;
          await ctx.sync();
        })
      );
    expect(await set({})).toBe("InvalidArgument");
    expect(
      await set({
        wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" },
        decimal: { formula1: 0, operator: "GreaterThan" },
      })
    ).toBe("InvalidArgument");
    expect(await set({ decimal: { formula1: 0, operator: "Bigger" } })).toBe("InvalidArgument");
    expect(await set({ decimal: { formula1: 0, operator: "Between" } })).toBe("InvalidArgument");
    expect(await set({ custom: { formula: "=ISNUMBER(A1)" } })).toBeUndefined();
  });

  test("custom rules are relative to the range's top-left cell; clear removes validation", async () => {
    const s = createSimulatedExcel();
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B1:B2").dataValidation.rule = {
        custom: { formula: "=B1<=A1" },
      };
      await ctx.sync();
    });
    s.user.setValues("Sheet1", "A1:A2", [[10], [1]]);
    expect(s.user.setValue("Sheet1", "B1", 5)).toBe(true);
    expect(s.user.setValue("Sheet1", "B2", 5)).toBe(false);
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B1:B2").dataValidation.clear();
      await ctx.sync();
    });
    expect(s.inspect.dataValidations("Sheet1")).toEqual([]);
    expect(s.user.setValue("Sheet1", "B2", 5)).toBe(true);
  });

  test("validation grows with rows inserted inside its range", async () => {
    const s = createSimulatedExcel();
    await wholeNumbers(s, "B2:B4");
    s.user.insertRows("Sheet1", 2, 1);
    expect(s.inspect.dataValidations("Sheet1").map((d) => d.ranges)).toEqual(["B2:B5"]);
    s.user.deleteRows("Sheet1", 1, 1);
    expect(s.inspect.dataValidations("Sheet1").map((d) => d.ranges)).toEqual(["B2:B4"]);
  });
});

describe("protection", () => {
  async function protectWithInputs(s: Sim): Promise<void> {
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").values = [["标签"]];
      ws.getRange("B2:C3").format.protection.locked = false;
      ws.protection.protect({
        allowInsertRows: true,
        allowDeleteRows: true,
        allowFormatColumns: true,
        allowFormatRows: true,
      });
      await ctx.sync();
    });
  }

  test("users can edit unlocked cells only", async () => {
    const s = createSimulatedExcel();
    await protectWithInputs(s);
    expect(s.inspect.protection("Sheet1")).toMatchObject({
      protected: true,
      options: { allowInsertRows: true, allowFormatCells: false },
    });
    expect(s.user.setValue("Sheet1", "B2", 5)).toBe(true);
    expect(s.user.setValue("Sheet1", "A1", "改")).toBe(false);
    expect(s.user.lastRefusal?.code).toBe("AccessDenied");
    expect(
      s.user.setValues("Sheet1", "B3:C4", [
        [1, 2],
        [3, 4],
      ])
    ).toBe(false);
    expect(s.inspect.cell("Sheet1", "A1").value).toBe("标签");
  });

  test("API writes to locked cells and format changes fail with AccessDenied; unlocked cells take values", async () => {
    const s = createSimulatedExcel();
    await protectWithInputs(s);
    const write = (f: (ws: ReturnType<Excel.WorksheetCollection["getItem"]>) => void) =>
      codeOf(
        s.Excel.run(async (ctx) => {
          f(
            ctx.workbook.worksheets.getItem("Sheet1") as unknown as ReturnType<
              Excel.WorksheetCollection["getItem"]
            >
          );
          await ctx.sync();
        })
      );
    expect(await write((ws) => (ws.getRange("A1").values = [["x"]]))).toBe("AccessDenied");
    expect(await write((ws) => (ws.getRange("B2").format.fill.color = "#FFFF00"))).toBe(
      "AccessDenied"
    );
    expect(await write((ws) => ws.getRange("A5:B5").merge())).toBe("AccessDenied");
    expect(
      await write(
        (ws) =>
          (ws.getRange("B2:C3").values = [
            [1, 2],
            [3, 4],
          ])
      )
    ).toBeUndefined();
    expect(await write((ws) => (ws.getRange("A:A").format.columnWidth = 60))).toBeUndefined();
    expect(await write((ws) => ws.protection.protect())).toBe("InvalidOperation");
  });

  test("rows: insert allowed by the options; delete refused while the rows hold locked cells", async () => {
    const s = createSimulatedExcel();
    await protectWithInputs(s);
    expect(s.user.insertRows("Sheet1", 5, 1)).toBe(true);
    expect(s.user.deleteRows("Sheet1", 5, 1)).toBe(false);
    expect(s.user.unprotect("Sheet1")).toBe(true);
    expect(s.user.deleteRows("Sheet1", 5, 1)).toBe(true);
  });

  test("a password protects the protection; protect and unprotect clear the undo stack", async () => {
    const s = createSimulatedExcel();
    s.user.setValue("Sheet1", "A1", 1);
    expect(s.inspect.undoDepth()).toBe(1);
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").protection.protect({}, "pw");
      await ctx.sync();
    });
    expect(s.inspect.undoDepth()).toBe(0);
    expect(s.user.unprotect("Sheet1", "wrong")).toBe(false);
    expect(
      await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Sheet1").protection.unprotect("pw");
          const p = ctx.workbook.worksheets.getItem("Sheet1").protection.load("protected");
          await ctx.sync();
          expect(p.protected).toBe(false);
        })
      )
    ).toBeUndefined();
  });
});
