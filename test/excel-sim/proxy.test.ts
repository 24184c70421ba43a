/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/load-object-before-read --
   these tests read unloaded properties on purpose, and the rules cannot follow proxies through helpers */
/**
 * The request model: proxies, queued writes, load + sync before reads, errors at sync, round-trip counts.
 */
import { createSimulatedExcel, type Sim, SimOfficeError } from "../../dev/excel-sim";

function sim(opts: Parameters<typeof createSimulatedExcel>[0] = {}): Sim {
  return createSimulatedExcel(opts);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SimOfficeError);
    return (e as SimOfficeError).code;
  }
  throw new Error("expected a rejection");
}

describe("load and sync before reading", () => {
  test("reading a property that was never loaded throws PropertyNotLoaded with Office's message", async () => {
    const s = sim();
    await s.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("B3");
      r.values = [[5]];
      await ctx.sync();
      const fresh = ctx.workbook.worksheets.getItem("Sheet1").getRange("B3");
      expect(() => fresh.values).toThrow(
        `The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
      );
      try {
        void fresh.address;
      } catch (e) {
        expect((e as SimOfficeError).code).toBe("PropertyNotLoaded");
      }
    });
  });

  test("load without sync still throws; after sync the values are there", async () => {
    const s = sim();
    s.user.setValue("Sheet1", "B3", 7);
    await s.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("B3:C3");
      r.load("values, address");
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([[7, ""]]);
      expect(r.address).toBe("Sheet1!B3:C3");
      expect(() => r.formulas).toThrow(/not available/);
    });
  });

  test("a property set on the proxy reads back before sync, as Office.js keeps it", async () => {
    const s = sim();
    await s.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.values = [[1]];
      expect(r.values).toEqual([[1]]);
      await ctx.sync();
    });
    expect(s.inspect.cell("Sheet1", "A1").value).toBe(1);
  });

  test("every load form: string list, array, select object, property object, navigation paths", async () => {
    const s = sim();
    s.user.setValue("Sheet1", "A1", "x");
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const a = ws.getRange("A1").load(["values", "rowIndex"]);
      const b = ws.getRange("A1").load({ select: "address, columnCount" });
      const c = ws
        .getRange("A1")
        .load({ text: true, format: { fill: { color: true }, font: { bold: true } } });
      const d = ws.getRange("A1").load("format/protection/locked, numberFormat");
      await ctx.sync();
      expect([a.values, a.rowIndex]).toEqual([[["x"]], 0]);
      expect([b.address, b.columnCount]).toEqual(["Sheet1!A1", 1]);
      expect([c.text, c.format.fill.color, c.format.font.bold]).toEqual([
        [["x"]],
        "#FFFFFF",
        false,
      ]);
      expect([d.format.protection.locked, d.numberFormat]).toEqual([true, [["General"]]]);
    });
  });

  test("collections: items only after load + sync; items/name and name both load item properties", async () => {
    const s = sim({ sheets: ["A", "B"] });
    await s.Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(/not available/);
      sheets.load("items/name");
      await ctx.sync();
      expect(sheets.items.map((w) => w.name)).toEqual(["A", "B"]);
      expect(() => sheets.items[0].position).toThrow(/not available/);
      const again = ctx.workbook.worksheets.load("name, position");
      await ctx.sync();
      expect(again.items.map((w) => [w.name, w.position])).toEqual([
        ["A", 0],
        ["B", 1],
      ]);
    });
  });

  test("loading a property that does not exist fails the sync", async () => {
    const s = sim();
    const code = await codeOf(
      s.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("valuez");
        await ctx.sync();
      })
    );
    expect(code).toBe("InvalidArgument");
  });
});

describe("errors surface at sync", () => {
  test("a missing sheet: getItem returns a proxy at once, ItemNotFound at sync", async () => {
    const s = sim();
    const code = await codeOf(
      s.Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Nope");
        ws.getRange("A1").values = [[1]];
        await ctx.sync();
      })
    );
    expect(code).toBe("ItemNotFound");
  });

  test("getItemOrNullObject: isNullObject readable after sync only", async () => {
    const s = sim();
    await s.Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const there = ctx.workbook.worksheets.getItemOrNullObject("sheet1");
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
    });
  });

  test("shape mismatch is InvalidArgument at sync; a single value fills the range", async () => {
    const s = sim();
    const code = await codeOf(
      s.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
        await ctx.sync();
      })
    );
    expect(code).toBe("InvalidArgument");
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      (ws.getRange("A1:B2") as { values: unknown }).values = 3;
      (ws.getRange("C1:C3") as { formulas: unknown }).formulas = "=A1*2";
      await ctx.sync();
    });
    expect(s.inspect.values("Sheet1", "A1:C3")).toEqual([
      [3, 3, 6],
      [3, 3, 6],
      ["", "", 0],
    ]);
    expect(s.inspect.cell("Sheet1", "C2").formula).toBe("=A2*2");
  });

  test("invalid addresses and out-of-grid cells are InvalidArgument at sync", async () => {
    const s = sim();
    for (const bad of ["B0", "XFE1", "A1:", "1A"]) {
      const code = await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Sheet1").getRange(bad).load("address");
          await ctx.sync();
        })
      );
      expect(code).toBe("InvalidArgument");
    }
    const code = await codeOf(
      s.Excel.run(async (ctx) => {
        ctx.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1")
          .getOffsetRange(-1, 0)
          .load("address");
        await ctx.sync();
      })
    );
    expect(code).toBe("InvalidArgument");
  });

  test("a failing operation stops the batch there: earlier writes stay, later ones are dropped", async () => {
    const s = sim();
    const code = await codeOf(
      s.Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sheet1");
        ws.getRange("A1").values = [[1]];
        ws.getRange("A2:A3").values = [[2]];
        ws.getRange("A4").values = [[4]];
        await ctx.sync();
      })
    );
    expect(code).toBe("InvalidArgument");
    expect(s.inspect.values("Sheet1", "A1:A4")).toEqual([[1], [""], [""], [""]]);
    expect(s.syncs[s.syncs.length - 1].error).toBe("InvalidArgument");
  });

  test("an invalid formula is refused; an unknown function computes to #NAME?", async () => {
    const s = sim();
    expect(
      await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").formulas = [["=SUM(1,"]];
          await ctx.sync();
        })
      )
    ).toBe("InvalidArgument");
    s.user.setValue("Sheet1", "A2", "=NOSUCH(1)");
    expect(s.inspect.cell("Sheet1", "A2").value).toBe("#NAME?");
  });

  test("sheet names: invalid ones InvalidArgument, duplicates (any case) ItemAlreadyExists", async () => {
    const s = sim();
    for (const bad of ["a/b", "x".repeat(32), "[1]", "History", "'quoted'"]) {
      const code = await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.worksheets.add(bad);
          await ctx.sync();
        })
      );
      expect(code).toBe("InvalidArgument");
    }
    const dup = await codeOf(
      s.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add("SHEET1");
        await ctx.sync();
      })
    );
    expect(dup).toBe("ItemAlreadyExists");
  });
});

describe("round trips", () => {
  test("syncCount counts every sync, including the one Excel.run makes for pending work", async () => {
    const s = sim();
    s.resetCounters();
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").values = [[1]];
      ws.getRange("A1").format.fill.color = "yellow";
      await ctx.sync();
      ws.getRange("A1").load("values");
      await ctx.sync();
      ws.getRange("A2").values = [[2]]; // left pending: Excel.run syncs it
    });
    expect(s.syncCount).toBe(3);
    expect(s.syncs.map((x) => [x.writes, x.reads, x.implicit])).toEqual([
      [2, 0, false],
      [0, 1, false],
      [1, 0, true],
    ]);
    expect(s.syncs[0].labels).toEqual(["Range.values", "RangeFill.color"]);
    expect(s.writeCount).toBe(3);
    await s.Excel.run(async () => {});
    expect(s.syncCount).toBe(3);
    s.resetCounters();
    expect([s.syncCount, s.writeCount]).toEqual([0, 0]);
  });

  test("cell-edit mode: a batch fails unless delayForCellEdit, which waits for the user", async () => {
    const s = sim();
    s.user.enterCellEdit();
    expect(
      await codeOf(
        s.Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
          await ctx.sync();
        })
      )
    ).toBe("InvalidOperationInCellEditMode");
    let done = false;
    const delayed = s.Excel.run({ delayForCellEdit: true }, async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[2]];
      await ctx.sync();
      done = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    s.user.exitCellEdit();
    await delayed;
    expect(s.inspect.cell("Sheet1", "A1").value).toBe(2);
  });

  test("install puts Excel, Office and OfficeExtension on the target and uninstall restores it", () => {
    const s = sim({ platform: "OfficeOnline", displayLanguage: "zh-CN" });
    const target: Record<string, unknown> = { Excel: "old" };
    s.install(target);
    expect(target.Excel).toBe(s.Excel);
    expect((target.Office as typeof s.Office).context.platform).toBe("OfficeOnline");
    s.uninstall();
    expect(target).toEqual({ Excel: "old" });
  });
});

describe("ranges", () => {
  test("addresses: quoted sheet names, entire rows and columns, derived ranges", async () => {
    const s = sim({ sheets: ["年报 2024", "2024年度年报", "汇总"] });
    await s.Excel.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem("年报 2024").getRange("b3").load("address");
      const b = ctx.workbook.worksheets
        .getItem("2024年度年报")
        .getRange("B3:D5")
        .load("address, rowCount, columnCount");
      const c = ctx.workbook.worksheets
        .getItem("汇总")
        .getRange("B3")
        .getEntireRow()
        .load("address, isEntireRow");
      const d = ctx.workbook.worksheets
        .getItem("汇总")
        .getRange("B3:C4")
        .getCell(1, 1)
        .load("address");
      const e = ctx.workbook.worksheets
        .getItem("汇总")
        .getRange("B3")
        .getResizedRange(2, 1)
        .load("address");
      const f = ctx.workbook.worksheets
        .getItem("汇总")
        .getRangeByIndexes(0, 0, 2, 3)
        .load("address");
      await ctx.sync();
      expect(a.address).toBe("'年报 2024'!B3");
      expect([b.address, b.rowCount, b.columnCount]).toEqual(["'2024年度年报'!B3:D5", 3, 3]);
      expect([c.address, c.isEntireRow]).toEqual(["汇总!3:3", true]);
      expect(d.address).toBe("汇总!C4");
      expect(e.address).toBe("汇总!B3:C5");
      expect(f.address).toBe("汇总!A1:C2");
    });
  });

  test("typed strings become numbers, booleans, dates or formulas; Text-formatted cells keep strings", async () => {
    const s = sim();
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:F1").values = [["12", "1,234.5", "TRUE", "2024-03-01", "=1+1", "'007"]];
      ws.getRange("A2").numberFormat = [["@"]];
      ws.getRange("A2").values = [["007"]];
      await ctx.sync();
    });
    expect(s.inspect.values("Sheet1", "A1:F1")).toEqual([[12, 1234.5, true, 45352, 2, "007"]]);
    expect(s.inspect.cell("Sheet1", "D1").text).toBe("2024/3/1");
    expect(s.inspect.cell("Sheet1", "A2").value).toBe("007");
  });

  test("number formats show through text", async () => {
    const s = sim();
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:E1").values = [[3, -3, 0.256, 1234567, 45352]];
      ws.getRange("A1:E1").numberFormat = [
        ["+0;-0;0", "+0;-0;0", "0.0%", "#,##0", 'yyyy"年"m"月"d"日"'],
      ];
      const r = ws.getRange("A1:E1").load("text");
      await ctx.sync();
      expect(r.text).toEqual([["+3", "-3", "25.6%", "1,234,567", "2024年3月1日"]]);
    });
  });

  test("formats read back when uniform and null when mixed; colours normalise; bad values are refused", async () => {
    const s = sim();
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B1").format.fill.color = "#ffc7ce";
      ws.getRange("A1").format.font.bold = true;
      ws.getRange("A1:B1").format.columnWidth = 52;
      ws.getRange("A1:B1").format.borders.getItem("EdgeBottom").style = "Continuous";
      const all = ws
        .getRange("A1:B1")
        .load("format/fill/color, format/font/bold, format/columnWidth");
      const border = ws.getRange("A1:B1").format.borders.getItem("EdgeBottom").load("style");
      await ctx.sync();
      expect([all.format.fill.color, all.format.font.bold, all.format.columnWidth]).toEqual([
        "#FFC7CE",
        null,
        52,
      ]);
      expect(border.style).toBe("Continuous");
    });
    expect(s.inspect.columnWidths("Sheet1")).toEqual([52, 52]);
    const code = await codeOf(
      s.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.color = "not-a-colour";
        await ctx.sync();
      })
    );
    expect(code).toBe("InvalidArgument");
  });

  test("merge keeps the top-left value; a value into another cell of the area is refused", async () => {
    const s = sim();
    s.user.setValues("Sheet1", "A1:C1", [["t", "x", "y"]]);
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1").merge();
      await ctx.sync();
    });
    expect(s.inspect.mergedAreas("Sheet1")).toEqual(["A1:C1"]);
    expect(s.inspect.values("Sheet1", "A1:C1")).toEqual([["t", "", ""]]);
    expect(s.inspect.cell("Sheet1", "B1").merged).toBe("A1:C1");
    // the whole area with blanks beside the value is fine; a value in B1 is not
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1").values = [["title", "", ""]];
      await ctx.sync();
    });
    const code = await codeOf(
      s.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("B1").values = [["no"]];
        await ctx.sync();
      })
    );
    expect(code).toBe("InvalidArgument");
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1").unmerge();
      await ctx.sync();
    });
    expect(s.inspect.mergedAreas("Sheet1")).toEqual([]);
  });

  test("whole-row insert and delete through Range, used range, selection", async () => {
    const s = sim();
    s.user.setValues("Sheet1", "A1:A3", [[1], [2], [3]]);
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("2:2").insert("Down").values = [[9, ...new Array(16383).fill(null)]];
      await ctx.sync();
      ws.getRange("4:4").delete("Up");
      ws.getRange("B2").select();
      const used = ws.getUsedRange().load("address");
      const sel = ctx.workbook.getSelectedRange().load("address");
      await ctx.sync();
      expect(used.address).toBe("Sheet1!A1:A3");
      expect(sel.address).toBe("Sheet1!B2");
    });
    expect(s.inspect.values("Sheet1", "A1:A3")).toEqual([[1], [9], [2]]);
    expect(s.inspect.selection()).toEqual({ sheet: "Sheet1", address: "B2" });
  });

  test("worksheets: add, rename through name, position, tab colour, gridlines, freeze panes, activate", async () => {
    const s = sim();
    await s.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("报表");
      ws.position = 0;
      ws.tabColor = "#FF0000";
      ws.showGridlines = false;
      ws.freezePanes.freezeRows(3);
      ws.activate();
      await ctx.sync();
      ws.name = "新名";
      ws.load("name, position, id");
      const active = ctx.workbook.worksheets.getActiveWorksheet().load("name");
      await ctx.sync();
      expect([ws.name, ws.position, active.name]).toEqual(["新名", 0, "新名"]);
      expect(ws.id).toMatch(/^\{[0-9A-F-]+\}$/);
    });
    expect(s.inspect.sheets()[0]).toMatchObject({
      name: "新名",
      tabColor: "#FF0000",
      showGridlines: false,
      frozenRows: 3,
      active: true,
    });
  });

  test("settings hold JSON values", async () => {
    const s = sim();
    await s.Excel.run(async (ctx) => {
      ctx.workbook.settings.add("nb", { schema: 1, list: [1, 2] });
      const missing = ctx.workbook.settings.getItemOrNullObject("nope");
      const got = ctx.workbook.settings.getItem("nb").load("value");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(got.value).toEqual({ schema: 1, list: [1, 2] });
    });
    expect(s.inspect.settings()).toEqual({ nb: { schema: 1, list: [1, 2] } });
  });
});

describe("as the global Excel of Office.js-typed code", () => {
  /** Written against @types/office-js only, as the adapter is. */
  async function writeTitle(excel: typeof Excel): Promise<string> {
    return excel.run(async (ctx: Excel.RequestContext) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const title = ws.getRange("A1:C1");
      title.merge(false);
      title.values = [["标题", "", ""]];
      title.format.font.bold = true;
      title.format.horizontalAlignment = Excel.HorizontalAlignment.center;
      ctx.workbook.names.add("nb.title", ws.getRange("A1"));
      const r = ws.getRange("nb.title").load("address");
      await ctx.sync();
      return r.address;
    });
  }

  test("runs unchanged through a cast, with the enums on the installed global", async () => {
    const s = sim();
    s.install(globalThis);
    try {
      expect(await writeTitle(s.Excel as unknown as typeof Excel)).toBe("Sheet1!A1");
    } finally {
      s.uninstall();
    }
    expect(s.inspect.cell("Sheet1", "A1")).toMatchObject({
      value: "标题",
      bold: true,
      horizontalAlignment: "Center",
      merged: "A1:C1",
    });
  });

  test("Range.set applies nested properties; Excel.run(object) reuses its context", async () => {
    const s = sim();
    const range = await s.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("B2");
      r.set({
        values: [[1]],
        format: { fill: { color: "yellow" }, font: { bold: true, color: "#9C0006" } },
      });
      await ctx.sync();
      return r;
    });
    expect(s.inspect.cell("Sheet1", "B2")).toMatchObject({
      value: 1,
      fill: "#FFFF00",
      bold: true,
      fontColor: "#9C0006",
    });
    await s.Excel.run(range, async (ctx) => {
      expect(ctx).toBe(range.context);
      range.load("values");
      await ctx.sync();
      expect(range.values).toEqual([[1]]);
    });
  });

  test("a proxy from another request context is refused as an argument", async () => {
    const s = sim();
    const other = await s.Excel.run(async (ctx) =>
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1")
    );
    const code = await codeOf(
      s.Excel.run(async (ctx) => {
        ctx.workbook.names.add("x", other);
        await ctx.sync();
      })
    );
    expect(code).toBe("InvalidRequestContext");
  });

  test("typing into a merged area goes to its top-left cell; subscribe sees every change", async () => {
    const s = sim();
    let changes = 0;
    const stop = s.subscribe(() => changes++);
    await s.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").merge();
      await ctx.sync();
    });
    expect(s.user.setValue("Sheet1", "B2", "x")).toBe(true);
    expect(s.inspect.values("Sheet1", "A1:B2")).toEqual([
      ["x", ""],
      ["", ""],
    ]);
    stop();
    const seen = changes;
    s.user.setValue("Sheet1", "C3", 1);
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(changes).toBe(seen);
  });
});
