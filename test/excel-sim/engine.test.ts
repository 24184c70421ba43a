/* eslint-disable office-addins/call-sync-before-read --
   these tests read unloaded properties on purpose, and the rules cannot follow proxies through helpers */
/**
 * The formula engine (HyperFormula) is built when something first needs it, not with the workbook: a new
 * workbook answers the reads that need no engine without one, and sheets added before the engine exists
 * compute like any other once it does.
 */
import { createSimulatedExcel } from "../../dev/excel-sim";

test("a new workbook has no engine until a cell is written; sheets added before it compute", async () => {
  const sim = createSimulatedExcel({ sheets: ["年报", "Other"] });
  const model = sim.core.model;
  await sim.Excel.run(async (ctx) => {
    const missing = ctx.workbook.names.getItemOrNullObject("nb.requests.total");
    const setting = ctx.workbook.settings.getItemOrNullObject("nianbao");
    const sheets = ctx.workbook.worksheets.load("items/name");
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(setting.isNullObject).toBe(true);
    expect(sheets.items.map((s) => s.name)).toEqual(["年报", "Other"]);
  });
  expect(model.engineBuilt).toBe(false);

  sim.user.setValue("Other", "B2", 40);
  expect(model.engineBuilt).toBe(true);
  sim.core.model.addSheet("Third");
  sim.user.setValue("年报", "A1", "=Other!B2+2");
  sim.user.setValue("Third", "C3", "=年报!A1*2");
  expect(sim.inspect.cell("年报", "A1").value).toBe(42);
  expect(sim.inspect.cell("Third", "C3").value).toBe(84);
});

test("before the engine exists, a sheet named like the simulator's hidden one is refused as before", () => {
  const sim = createSimulatedExcel();
  const model = sim.core.model;
  expect(model.engineBuilt).toBe(false);
  expect(() => model.addSheet("__EXCEL_SIM_RULES__")).toThrow();
  expect(model.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
});
