/**
 * onChanged as Excel delivers it: user edits, pastes, coauthors, the add-in's own writes, structural
 * edits, undo; which members exist at which ExcelApi version.
 */
import {
  createSimulatedExcel,
  type Sim,
  type SimWorksheetChangedEventArgs,
} from "../../dev/excel-sim";

async function listen(
  s: Sim,
  on: "sheet" | "collection" = "sheet"
): Promise<SimWorksheetChangedEventArgs[]> {
  const seen: SimWorksheetChangedEventArgs[] = [];
  await s.Excel.run(async (ctx) => {
    const handler = async (e: SimWorksheetChangedEventArgs) => {
      seen.push(e);
    };
    if (on === "sheet") ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(handler);
    else ctx.workbook.worksheets.onChanged.add(handler);
    await ctx.sync();
  });
  return seen;
}

/** The args without their functions, for toEqual. */
function plain(e: SimWorksheetChangedEventArgs) {
  const { getRange, getRangeOrNullObject, ...rest } = e;
  void getRange;
  void getRangeOrNullObject;
  return rest;
}

describe("user edits", () => {
  test("typing into a cell: one RangeEdited with details, Local, triggerSource Unknown, delivered asynchronously", async () => {
    const s = createSimulatedExcel();
    const seen = await listen(s);
    s.user.setValue("Sheet1", "B3", 1);
    s.user.setValue("Sheet1", "B3", "abc");
    expect(seen).toHaveLength(0);
    await s.flushEvents();
    expect(seen.map(plain)).toEqual([
      {
        type: "WorksheetChanged",
        worksheetId: s.inspect.sheets()[0].id,
        address: "B3",
        changeType: "RangeEdited",
        source: "Local",
        triggerSource: "Unknown",
        details: {
          valueBefore: "",
          valueAfter: 1,
          valueTypeBefore: "Empty",
          valueTypeAfter: "Double",
        },
      },
      expect.objectContaining({
        details: {
          valueBefore: 1,
          valueAfter: "abc",
          valueTypeBefore: "Double",
          valueTypeAfter: "String",
        },
      }),
    ]);
  });

  test("a paste is one event for the block, without details", async () => {
    const s = createSimulatedExcel();
    const seen = await listen(s);
    s.user.setValues("Sheet1", "B3:D4", [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await s.flushEvents();
    expect(seen).toHaveLength(1);
    expect(seen[0].address).toBe("B3:D4");
    expect(seen[0].details).toBeUndefined();
  });

  test("a coauthor's edit says source Remote", async () => {
    const s = createSimulatedExcel();
    const seen = await listen(s, "collection");
    s.user.setValue("Sheet1", "A1", 5, { remote: true });
    await s.flushEvents();
    expect(seen[0]).toMatchObject({ source: "Remote", triggerSource: "Unknown", address: "A1" });
  });

  test("inserting and deleting rows: RowInserted / RowDeleted with entire-row addresses", async () => {
    const s = createSimulatedExcel();
    const seen = await listen(s);
    s.user.insertRows("Sheet1", 2, 2);
    s.user.deleteRows("Sheet1", 0, 1);
    await s.flushEvents();
    expect(seen.map((e) => [e.changeType, e.address, e.details])).toEqual([
      ["RowInserted", "3:4", undefined],
      ["RowDeleted", "1:1", undefined],
    ]);
  });

  test("undo restores the value and fires a change", async () => {
    const s = createSimulatedExcel();
    s.user.setValue("Sheet1", "A1", "=1+1");
    s.user.setValue("Sheet1", "A1", 7);
    const seen = await listen(s);
    expect(s.user.undo()).toBe(true);
    await s.flushEvents();
    expect(s.inspect.cell("Sheet1", "A1")).toMatchObject({ value: 2, formula: "=1+1" });
    expect(seen[0]).toMatchObject({
      address: "A1",
      source: "Local",
      details: { valueBefore: 7, valueAfter: 2 },
    });
    expect(s.user.undo()).toBe(true);
    expect(s.inspect.cell("Sheet1", "A1").value).toBe("");
    expect(s.user.undo()).toBe(false);
  });

  test("undo of a paste and of a row deletion", async () => {
    const s = createSimulatedExcel();
    s.user.setValues("Sheet1", "A1:B2", [
      [1, 2],
      [3, 4],
    ]);
    s.user.deleteRows("Sheet1", 0, 1);
    expect(s.inspect.values("Sheet1", "A1:B1")).toEqual([[3, 4]]);
    s.user.undo();
    expect(s.inspect.values("Sheet1", "A1:B2")).toEqual([
      [1, 2],
      [3, 4],
    ]);
    s.user.undo();
    expect(s.inspect.values("Sheet1", "A1:B2")).toEqual([
      ["", ""],
      ["", ""],
    ]);
  });

  test("undo also reverts the add-in's last sync (Excel makes each sync an undo step)", async () => {
    const s = createSimulatedExcel();
    s.user.setValue("Sheet1", "A1", 1);
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[99]];
      await ctx.sync();
    });
    s.user.undo();
    expect(s.inspect.cell("Sheet1", "A1").value).toBe(1);
  });
});

describe("the add-in's own writes", () => {
  test("fire with triggerSource ThisLocalAddin on ExcelApi 1.14", async () => {
    const s = createSimulatedExcel({ requirementSets: { ExcelApi: "1.14" } });
    const seen = await listen(s);
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C2").values = [[3]];
      await ctx.sync();
    });
    await s.flushEvents();
    expect(seen.map(plain)).toEqual([
      expect.objectContaining({
        address: "C2",
        source: "Local",
        triggerSource: "ThisLocalAddin",
        details: expect.objectContaining({ valueAfter: 3 }),
      }),
    ]);
  });

  test("below 1.14 there is no triggerSource; below 1.9 no details", async () => {
    for (const [version, hasDetails] of [
      ["1.13", true],
      ["1.8", false],
    ] as const) {
      const s = createSimulatedExcel({ requirementSets: { ExcelApi: version } });
      const seen = await listen(s);
      await s.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("C2").values = [[3]];
        await ctx.sync();
      });
      await s.flushEvents();
      expect(seen).toHaveLength(1);
      expect("triggerSource" in seen[0]).toBe(false);
      expect("details" in seen[0]).toBe(hasDetails);
    }
  });

  test("format writes fire onChanged too (the docs: format or value), one event per operation", async () => {
    const s = createSimulatedExcel({ requirementSets: { ExcelApi: "1.14" } });
    const seen = await listen(s);
    await s.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      r.values = [
        [1, 2],
        [3, 4],
      ];
      r.format.fill.color = "#FFFF00";
      await ctx.sync();
    });
    await s.flushEvents();
    expect(seen.map((e) => [e.address, e.triggerSource])).toEqual([
      ["A1:B2", "ThisLocalAddin"],
      ["A1:B2", "ThisLocalAddin"],
    ]);
  });

  test("runtime.enableEvents = false drops every event, the user's too", async () => {
    const s = createSimulatedExcel();
    const seen = await listen(s);
    await s.Excel.run(async (ctx) => {
      ctx.runtime.enableEvents = false;
      await ctx.sync();
    });
    s.user.setValue("Sheet1", "A1", 1);
    await s.flushEvents();
    expect(seen).toHaveLength(0);
    await s.Excel.run(async (ctx) => {
      ctx.runtime.enableEvents = true;
      await ctx.sync();
    });
    s.user.setValue("Sheet1", "A1", 2);
    await s.flushEvents();
    expect(seen).toHaveLength(1);
  });
});

describe("handlers", () => {
  test("registration takes effect at sync; remove() needs a sync too", async () => {
    const s = createSimulatedExcel();
    const seen: unknown[] = [];
    await s.Excel.run(async (ctx) => {
      const result = ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async (e) => {
        seen.push(e);
      });
      s.user.setValue("Sheet1", "A1", 1); // before the sync: not registered yet
      await ctx.sync();
      s.user.setValue("Sheet1", "A2", 1);
      await s.flushEvents();
      expect(seen).toHaveLength(1);
      result.remove();
      await ctx.sync();
    });
    s.user.setValue("Sheet1", "A3", 1);
    await s.flushEvents();
    expect(seen).toHaveLength(1);
  });

  test("getRange(ctx) on the args gives the changed range", async () => {
    const s = createSimulatedExcel();
    const addresses: string[] = [];
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add(async (e) => {
        await s.Excel.run(async (c2) => {
          const r = (e.getRange(c2) as { load(p: string): { address: string } }).load("address");
          await c2.sync();
          addresses.push(r.address);
        });
      });
      await ctx.sync();
    });
    s.user.setValue("Sheet1", "D4", 1);
    await s.flushEvents();
    expect(addresses).toEqual(["Sheet1!D4"]);
    expect(s.handlerErrors).toEqual([]);
  });

  test("a sheet rename fires onNameChanged on ExcelApi 1.17", async () => {
    const s = createSimulatedExcel();
    const seen: unknown[] = [];
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.onNameChanged.add(async (e) => {
        seen.push(e);
      });
      await ctx.sync();
    });
    s.user.renameSheet("Sheet1", "报表");
    await s.flushEvents();
    expect(seen).toEqual([
      expect.objectContaining({
        type: "WorksheetNameChanged",
        nameBefore: "Sheet1",
        nameAfter: "报表",
        source: "Local",
      }),
    ]);
  });
});
