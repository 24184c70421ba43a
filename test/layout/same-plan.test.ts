/**
 * One plan, two renderings: the template the add-in inserts (through the strict simulated Excel) and the
 * .xlsx `nianbao template` writes (read back with ExcelJS) have the same sheets, names, formulas, merges,
 * data validation, conditional formats, protection and print setup, and both are exactly the plan's.
 */
import ExcelJS from "exceljs";
import { createSimulatedExcel } from "../../dev/excel-sim";
import { detectCapabilities } from "../../src/excel/capabilities";
import { ExcelHost } from "../../src/excel/excel-host";
import { CHECK_SHEET_NAME } from "../../src/layout/check-sheet";
import { layoutPlan, planSheets, type LayoutPlan } from "../../src/layout/plan";
import { areaAddress } from "../../src/templates/address";
import { writeTemplate } from "../../src/xlsx/write-template";

interface Rendering {
  sheets: string[];
  names: Record<string, string>;
  formulas: Record<string, string>;
  merges: string[];
  validations: string[];
  conditionalFormats: string[];
  protection: Record<string, Record<string, boolean>>;
  print: Record<string, string>;
  frozenRows: Record<string, number>;
}

const PROTECTION_KEYS = ["insertRows", "deleteRows", "formatColumns", "formatRows", "formatCells"];

/** "=$A$1" / "'年报'!$C$3" → one spelling: the sheet unquoted, no leading "=". */
const ref = (text: string) => text.replace(/^=/, "").replace(/^'(.*)'!/, "$1!");

function validationText(type: string, operator: string, bounds: unknown[]): string {
  return `${type} ${operator} ${bounds.map((b) => Number(String(b).replace(/^=/, ""))).join(",")}`;
}

async function fromSimulatedExcel(plan: LayoutPlan, excelApi: string): Promise<Rendering> {
  const sim = createSimulatedExcel({ requirementSets: { ExcelApi: excelApi } });
  sim.install(globalThis);
  try {
    const caps = detectCapabilities((n, v) => sim.Office.context.requirements.isSetSupported(n, v));
    const before = sim.inspect.sheetNames();
    const result = await new ExcelHost(caps).insertTemplate(plan);
    expect(result.ok).toBe(true);
    const out: Rendering = {
      // the blank sheet a new workbook opens with is not part of the template
      sheets: sim.inspect.sheetNames().filter((name) => !before.includes(name)),
      names: Object.fromEntries(sim.inspect.names().map((n) => [n.name, ref(n.formula)])),
      formulas: {},
      merges: [],
      validations: [],
      conditionalFormats: [],
      protection: {},
      print: {},
      frozenRows: {},
    };
    for (const sheet of out.sheets) {
      const used = sim.inspect.usedRange(sheet)!;
      const [first] = used.split(":");
      const firstCell = first.match(/^([A-Z]+)(\d+)$/)!;
      const formulas = sim.inspect.formulas(sheet, used);
      formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (typeof f === "string" && f.startsWith("="))
            out.formulas[
              `${sheet}!${cellName(Number(firstCell[2]) - 1 + r, colIndex(firstCell[1]) + c)}`
            ] = f.slice(1);
        })
      );
      out.merges.push(...sim.inspect.mergedAreas(sheet).map((m) => `${sheet}!${m}`));
      for (const dv of sim.inspect.dataValidations(sheet)) {
        const [type] = Object.keys(dv.rule);
        const rule = dv.rule[type] as { operator: string; formula1: unknown; formula2?: unknown };
        const bounds =
          rule.formula2 === undefined ? [rule.formula1] : [rule.formula1, rule.formula2];
        const alert = dv.errorAlert as { title: string };
        // one entry per cell: ExcelJS reads a rule back cell by cell
        for (const cell of cellsOf(dv.ranges))
          out.validations.push(
            `${sheet}!${cell} ${validationText(
              type === "wholeNumber" ? "whole" : type,
              rule.operator,
              bounds
            )} ${alert.title}`
          );
      }
      for (const cf of sim.inspect.conditionalFormats(sheet))
        out.conditionalFormats.push(
          `${sheet}!${cf.ranges} ${cf.formula.replace(/^=/, "")} ${cf.fill} ${cf.fontColor}`
        );
      const p = sim.inspect.protection(sheet);
      const o = p.options as unknown as Record<string, boolean>;
      out.protection[sheet] = Object.fromEntries(
        PROTECTION_KEYS.map((k) => [k, p.protected && o[`allow${k[0].toUpperCase()}${k.slice(1)}`]])
      );
      const pl = sim.inspect.pageLayout(sheet);
      out.print[sheet] = [
        pl.paperSize,
        pl.orientation,
        ["left", "right", "top", "bottom", "header", "footer"]
          .map((m) => (pl as unknown as Record<string, number>)[`${m}Margin`] / 72)
          .join(","),
        pl.printArea,
        pl.printTitleRows,
        `${pl.zoom.horizontalFitToPages} wide × ${pl.zoom.verticalFitToPages || "any"} tall`,
      ].join(" | ");
      out.frozenRows[sheet] = sim.inspect.sheets().find((s) => s.name === sheet)!.frozenRows;
    }
    return out;
  } finally {
    delete (globalThis as Record<string, unknown>).Excel;
    delete (globalThis as Record<string, unknown>).Office;
  }
}

/** "A1:B2,C3" → ["A1", "B1", "A2", "B2", "C3"] */
function cellsOf(ranges: string): string[] {
  return ranges.split(",").flatMap((range) => {
    const [a, b = a] = range.split(":");
    const [, c1, r1] = a.match(/^([A-Z]+)(\d+)$/)!;
    const [, c2, r2] = b.match(/^([A-Z]+)(\d+)$/)!;
    const out: string[] = [];
    for (let r = Number(r1) - 1; r < Number(r2); r++)
      for (let c = colIndex(c1); c <= colIndex(c2); c++) out.push(cellName(r, c));
    return out;
  });
}

const colIndex = (letters: string) =>
  letters.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
const cellName = (row: number, col: number) => areaAddress({ row, col, rowCount: 1, colCount: 1 });

const OPERATORS: Record<string, string> = {
  greaterThanOrEqual: "GreaterThanOrEqualTo",
  between: "Between",
};

async function fromXlsx(plan: LayoutPlan): Promise<Rendering> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await writeTemplate(plan)) as unknown as ArrayBuffer);
  const out: Rendering = {
    sheets: wb.worksheets.map((w) => w.name),
    names: {},
    formulas: {},
    merges: [],
    validations: [],
    conditionalFormats: [],
    protection: {},
    print: {},
    frozenRows: {},
  };
  const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] })
    .model;
  for (const n of model) out.names[n.name] = ref(n.ranges[0]);
  for (const ws of wb.worksheets) {
    const sheet = ws.name;
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.formula) out.formulas[`${sheet}!${cellName(r - 1, c - 1)}`] = cell.formula;
      })
    );
    const merges = (ws as unknown as { model: { merges: string[] } }).model.merges;
    out.merges.push(...merges.map((m) => `${sheet}!${m}`));
    const dvs = (
      ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    for (const [address, dv] of Object.entries(dvs)) {
      const range = address.replace(/^range:/, "").replace(/ /g, ",");
      out.validations.push(
        `${sheet}!${range} ${validationText(
          dv.type,
          OPERATORS[dv.operator!] ?? String(dv.operator),
          dv.formulae
        )} ${dv.errorTitle}`
      );
    }
    const cfs = (
      ws as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: {
            formulae: string[];
            style: { fill: { bgColor: { argb: string } }; font: { color: { argb: string } } };
          }[];
        }[];
      }
    ).conditionalFormattings;
    for (const cf of cfs)
      for (const rule of cf.rules)
        out.conditionalFormats.push(
          `${sheet}!${cf.ref} ${rule.formulae[0]} #${rule.style.fill.bgColor.argb.slice(2)} #${rule.style.font.color.argb.slice(2)}`
        );
    const sp = (ws as unknown as { sheetProtection: Record<string, boolean> | null })
      .sheetProtection;
    out.protection[sheet] = Object.fromEntries(
      PROTECTION_KEYS.map((k) => [k, Boolean(sp?.sheet) && Boolean(sp?.[k])])
    );
    const ps = ws.pageSetup;
    const m = ps.margins!;
    out.print[sheet] = [
      ps.paperSize === 9 ? "A4" : String(ps.paperSize),
      ps.orientation === "landscape" ? "Landscape" : "Portrait",
      [m.left, m.right, m.top, m.bottom, m.header, m.footer].join(","),
      ps.printArea,
      ps.printTitlesRow!.replace(/^(\d+):(\d+)$/, "$$$1:$$$2"),
      `${ps.fitToPage ? ps.fitToWidth : "-"} wide × ${ps.fitToHeight || "any"} tall`,
    ].join(" | ");
    const view = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
    out.frozenRows[sheet] = view?.state === "frozen" ? (view.ySplit ?? 0) : 0;
  }
  return out;
}

/** What the plan itself says, for the parts it states directly. */
function fromPlan(plan: LayoutPlan) {
  const sheets = planSheets(plan);
  return {
    sheets: sheets.map((s) => s.sheetName),
    names: plan.names.map((n) => n.name).sort(),
    formulaCount: sheets.reduce((n, s) => n + s.cells.filter((c) => c.formula).length, 0),
    merges: sheets.reduce((n, s) => n + s.merges.length, 0),
  };
}

const sortRendering = (r: Rendering): Rendering => ({
  ...r,
  merges: [...r.merges].sort(),
  validations: [...r.validations].sort(),
  conditionalFormats: [...r.conditionalFormats].sort(),
});

describe.each(["2019", "2021"] as const)("format %s", (format) => {
  const plan = layoutPlan({ format, year: format === "2019" ? 2020 : 2024, agency: "某市某局" });

  test("the add-in and nianbao template render the same workbook, and it is the plan's", async () => {
    const excel = sortRendering(await fromSimulatedExcel(plan, "1.17"));
    const xlsx = sortRendering(await fromXlsx(plan));
    const own = fromPlan(plan);

    expect(excel.sheets).toEqual(own.sheets);
    expect(own.sheets).toContain(CHECK_SHEET_NAME);
    expect(Object.keys(excel.names).sort()).toEqual(own.names);
    expect(Object.keys(excel.formulas)).toHaveLength(own.formulaCount);
    expect(excel.merges).toHaveLength(own.merges);
    expect(excel.validations.length).toBeGreaterThan(0);
    expect(excel.conditionalFormats.filter((c) => c.startsWith(CHECK_SHEET_NAME))).toHaveLength(1);
    expect(excel.print[plan.sheetName]).toMatch(
      /^A4 \| Landscape \| .* \| \$1:\$1 \| 1 wide × any tall$/
    );
    expect(excel.print[CHECK_SHEET_NAME]).toMatch(
      /^A4 \| Portrait \| .* \| \$4:\$4 \| 1 wide × any tall$/
    );

    expect(xlsx).toEqual(excel);
  }, 60000);

  test("without ExcelApi 1.9 the add-in leaves the page setup alone and inserts the rest", async () => {
    const excel = await fromSimulatedExcel(plan, "1.8");
    expect(excel.sheets).toEqual(fromPlan(plan).sheets);
    expect(excel.print[plan.sheetName]).toMatch(/^Letter \| Portrait \|/);
  }, 60000);
});
