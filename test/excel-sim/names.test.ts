/* eslint-disable office-addins/call-sync-before-read --
   these tests read unloaded properties on purpose, and the rules cannot follow proxies through helpers */
/**
 * Defined names: Excel's naming rules, scopes, and how names follow their cells through row inserts,
 * row deletes and sheet renames; formulas that use names are computed by a real engine.
 */
import { createSimulatedExcel, type Sim, SimOfficeError } from "../../dev/excel-sim";

const SHEET = "2024年度年报";

function sim(): Sim {
  return createSimulatedExcel({ sheets: [SHEET, "Other"] });
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as SimOfficeError).code;
  }
}

async function addName(s: Sim, name: string, address: string, sheet = SHEET): Promise<void> {
  await s.Excel.run(async (ctx) => {
    ctx.workbook.names.add(name, ctx.workbook.worksheets.getItem(sheet).getRange(address));
    await ctx.sync();
  });
}

function nameInfo(s: Sim, name: string) {
  return s.inspect.names().find((n) => n.name === name)!;
}

describe("names.add", () => {
  test("a Range becomes an absolute, sheet-qualified reference", async () => {
    const s = sim();
    await addName(s, "nb.requests.granted.total", "B3");
    expect(nameInfo(s, "nb.requests.granted.total")).toMatchObject({
      formula: "='2024年度年报'!$B$3",
      value: "'2024年度年报'!$B$3",
      type: "Range",
      scope: "Workbook",
      visible: true,
    });
  });

  test.each([
    ["A1"],
    ["xfd1048576"],
    ["R1C1"],
    ["r"],
    ["C"],
    ["RC"],
    ["TRUE"],
    ["1abc"],
    ["has space"],
    ["a-b"],
    [""],
  ])("refuses the invalid name %p with InvalidArgument", async (name) => {
    const s = sim();
    const code = await codeOf(
      s.Excel.run(async (ctx) => {
        ctx.workbook.names.add(name, "=Other!$A$1");
        await ctx.sync();
      })
    );
    expect(code).toBe("InvalidArgument");
  });

  test("refuses a name longer than 255 characters and accepts one of 255", async () => {
    const s = sim();
    const add = (name: string) =>
      codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.names.add(name, "=Other!$A$1");
          await ctx.sync();
        })
      );
    expect(await add("n".repeat(256))).toBe("InvalidArgument");
    expect(await add("n".repeat(255))).toBeUndefined();
  });

  test("accepts what Excel accepts: dots, underscores, a backslash start, Chinese letters, XFE1", async () => {
    const s = sim();
    for (const name of ["nb.meta.year", "_x1", "\\back", "年度", "XFE1", "A1B"]) {
      expect(
        await codeOf(
          s.Excel.run(async (ctx) => {
            ctx.workbook.names.add(name, "=Other!$A$1");
            await ctx.sync();
          })
        )
      ).toBeUndefined();
    }
    s.user.setValue("Other", "A1", 41);
    s.user.setValue("Other", "B1", "=年度+1");
    expect(s.inspect.cell("Other", "B1").value).toBe(42);
    expect(s.inspect.cell("Other", "B1").formula).toBe("=年度+1");
  });

  test("a duplicate in any case is ItemAlreadyExists; getItem is case-insensitive", async () => {
    const s = sim();
    await addName(s, "nb.X", "B3");
    expect(
      await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.names.add("NB.x", "=Other!$A$1");
          await ctx.sync();
        })
      )
    ).toBe("ItemAlreadyExists");
    await s.Excel.run(async (ctx) => {
      const n = ctx.workbook.names.getItem("nb.x").load("name");
      const missing = ctx.workbook.names.getItemOrNullObject("nb.y");
      await ctx.sync();
      expect(n.name).toBe("nb.X");
      expect(missing.isNullObject).toBe(true);
    });
    expect(
      await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.names.getItem("nb.y").load("name");
          await ctx.sync();
        })
      )
    ).toBe("ItemNotFound");
  });

  test("worksheet.names adds sheet-scoped names; the same name may exist in each scope", async () => {
    const s = sim();
    await addName(s, "local", "C3");
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Other");
      ws.names.add("local", ws.getRange("A2"), "sheet copy");
      await ctx.sync();
      const wb = ctx.workbook.names.load("items/name,items/scope");
      const sheetNames = ws.names.load("name, scope, comment");
      await ctx.sync();
      expect(wb.items.map((n) => [n.name, n.scope])).toEqual([["local", "Workbook"]]);
      expect(sheetNames.items.map((n) => [n.name, n.scope, n.comment])).toEqual([
        ["local", "Worksheet", "sheet copy"],
      ]);
    });
    // a formula on Other means its own sheet's name first
    s.user.setValue("Other", "A2", 5);
    s.user.setValue(SHEET, "C3", 7);
    s.user.setValue("Other", "B2", "=local");
    s.user.setValue(SHEET, "B2", "=local");
    expect(s.inspect.cell("Other", "B2").value).toBe(5);
    expect(s.inspect.cell(SHEET, "B2").value).toBe(7);
  });

  test("two reads of every name take two syncs: names, then their ranges", async () => {
    const s = sim();
    await addName(s, "nb.a", "B3");
    await addName(s, "nb.b", "B4:C4");
    s.user.setValues(SHEET, "B3:C4", [
      [1, null],
      [2, 3],
    ]);
    s.resetCounters();
    await s.Excel.run(async (ctx) => {
      const names = ctx.workbook.names.load("items/name,items/type,items/value,items/formula");
      await ctx.sync();
      const ranges = names.items.map((n) => n.getRangeOrNullObject().load("values, address"));
      await ctx.sync();
      expect(ranges.map((r) => [r.isNullObject, r.address, r.values])).toEqual([
        [false, "'2024年度年报'!B3", [[1]]],
        [false, "'2024年度年报'!B4:C4", [[2, 3]]],
      ]);
    });
    expect(s.syncCount).toBe(2);
    expect(s.writeCount).toBe(0);
  });
});

describe("names follow their cells", () => {
  test("rows inserted above shift the name; rows inserted inside a named block grow it", async () => {
    const s = sim();
    await addName(s, "cell", "B5");
    await addName(s, "block", "B5:B7");
    s.user.insertRows(SHEET, 0, 2); // above: rows 1-2
    expect(nameInfo(s, "cell").formula).toBe("='2024年度年报'!$B$7");
    s.user.insertRows(SHEET, 7, 1); // inside the block (now B7:B9), before row 8
    expect(nameInfo(s, "block").formula).toBe("='2024年度年报'!$B$7:$B$10");
    expect(nameInfo(s, "cell").formula).toBe("='2024年度年报'!$B$7");
  });

  test("deleting the named cell's row makes the name #REF! (type Error); getRange fails, getRangeOrNullObject is null", async () => {
    const s = sim();
    await addName(s, "gone", "B5");
    s.user.setValue(SHEET, "C1", "=gone*2");
    s.user.deleteRows(SHEET, 4, 1);
    expect(nameInfo(s, "gone")).toMatchObject({
      type: "Error",
      value: "#REF!",
      formula: "='2024年度年报'!#REF!",
    });
    expect(s.inspect.cell(SHEET, "C1").value).toBe("#REF!");
    await s.Excel.run(async (ctx) => {
      const n = ctx.workbook.names.getItem("gone").load("type, value, formula");
      const r = n.getRangeOrNullObject();
      await ctx.sync();
      expect([n.type, n.value, n.formula]).toEqual(["Error", "#REF!", "='2024年度年报'!#REF!"]);
      expect(r.isNullObject).toBe(true);
    });
    expect(
      await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.names.getItem("gone").getRange().load("address");
          await ctx.sync();
        })
      )
    ).toBe("InvalidReference");
  });

  test("re-pointing a broken name through formula (ExcelApi 1.7) repairs it", async () => {
    const s = sim();
    await addName(s, "gone", "B5");
    s.user.deleteRows(SHEET, 4, 1);
    await s.Excel.run(async (ctx) => {
      ctx.workbook.names.getItem("gone").formula = "='2024年度年报'!$B$9";
      await ctx.sync();
    });
    expect(nameInfo(s, "gone")).toMatchObject({ type: "Range", formula: "='2024年度年报'!$B$9" });
  });

  test("renaming the sheet updates names and formulas; deleting a sheet breaks names into it", async () => {
    const s = sim();
    await addName(s, "there", "A1", "Other");
    s.user.setValue(SHEET, "A1", "=Other!A1+there");
    s.user.setValue("Other", "A1", 4);
    s.user.renameSheet("Other", "年报 附表");
    expect(nameInfo(s, "there").formula).toBe("='年报 附表'!$A$1");
    expect(s.inspect.cell(SHEET, "A1")).toMatchObject({
      formula: "='年报 附表'!A1+there",
      value: 8,
    });
    s.user.deleteSheet("年报 附表");
    expect(nameInfo(s, "there")).toMatchObject({ type: "Error", formula: "=#REF!$A$1" });
    expect(s.inspect.cell(SHEET, "A1").value).toBe("#REF!");
  });
});

describe("formulas with names", () => {
  test("SUM over a name, names in text formulas, cross-sheet references", async () => {
    const s = sim();
    await addName(s, "nb.requests.granted.total", "B3:B4");
    await addName(s, "nb.meta.agency", "A1", "Other");
    await addName(s, "nb.meta.year", "A2", "Other");
    s.user.setValues("Other", "A1:A2", [["某市某局"], [2024]]);
    s.user.setValues(SHEET, "B3:B4", [[2], [5]]);
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange("C1:C3").formulas = [
        ["=SUM(nb.requests.granted.total)"],
        ['=nb.meta.agency&nb.meta.year&"年政府信息公开工作年度报告"'],
        ["=Other!A2+1"],
      ];
      const r = ws.getRange("C1:C3").load("values, formulas");
      await ctx.sync();
      expect(r.values).toEqual([[7], ["某市某局2024年政府信息公开工作年度报告"], [2025]]);
      expect(r.formulas[0][0]).toBe("=SUM(nb.requests.granted.total)");
    });
    s.user.setValue(SHEET, "B4", 10);
    expect(s.inspect.cell(SHEET, "C1").value).toBe(12);
  });

  test("a formula written before its name exists computes once the name is added", async () => {
    const s = sim();
    s.user.setValue(SHEET, "A1", "=later*2");
    expect(s.inspect.cell(SHEET, "A1").value).toBe("#NAME?");
    s.user.setValue(SHEET, "B1", 21);
    await addName(s, "later", "B1");
    expect(s.inspect.cell(SHEET, "A1").value).toBe(42);
  });

  test("TRUE/FALSE literals and booleans round-trip", async () => {
    const s = sim();
    s.user.setValue(SHEET, "A1", "=IF(TRUE,1,2)");
    s.user.setValue(SHEET, "A2", "=AND(A1=1,FALSE)");
    expect(s.inspect.cell(SHEET, "A1")).toMatchObject({ value: 1, formula: "=IF(TRUE,1,2)" });
    expect(s.inspect.cell(SHEET, "A2")).toMatchObject({
      value: false,
      valueType: "Boolean",
      formula: "=AND(A1=1,FALSE)",
    });
  });
});
