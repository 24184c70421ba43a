/**
 * Real spreadsheet software agrees: LibreOffice opens filled templates, recalculates the check sheet and
 * saves; the results it computed equal the TypeScript checks' verdicts, check by check, and the names, data
 * validation and conditional formats survive its round trip. Skipped (with the reason) without soffice.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { failingArithmetic, validateReport } from "../../src/checks/evaluate";
import { reportToJson } from "../../src/report/read-json";
import { getValue, withValues, type Report } from "../../src/report/model";
import { layoutPlan } from "../../src/templates/layout";
import {
  CHECK_SHEET,
  CHECK_SHEET_NAME,
  compilableChecks,
  FAIL,
  PASS,
} from "../../src/xlsx/check-sheet";
import { parseWorkbookXml, resolveReference } from "../../src/xlsx/names";
import { randomConsistentReport } from "../support/random-report";
import {
  filledWorkbook,
  insertRows,
  load,
  part,
  readBack,
  templateFor,
  type PlanEdit,
} from "./workbooks";

const hasSoffice = spawnSync("which", ["soffice"]).status === 0;
if (!hasSoffice) process.stdout.write("LibreOffice tests skipped: soffice is not on PATH\n");
const loTest = hasSoffice ? test : test.skip;
jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), "nianbao-lo-"));
const BIN = join(__dirname, "../../bin/nianbao.js");

/** Opens, recalculates and saves each file as .xlsx with LibreOffice, in one run with a fresh profile. */
function libreOffice(files: string[]): string[] {
  const outdir = join(dir, "lo");
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  const r = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--calc",
      "--convert-to",
      "xlsx",
      "--outdir",
      outdir,
      ...files,
    ],
    { timeout: 120_000, encoding: "utf8" }
  );
  rmSync(profile, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.status} ${r.stderr}`);
  return files.map((f) => join(outdir, f.split("/").pop()!));
}

/** The check sheet's results as LibreOffice computed and cached them: check id → [result, difference]. */
async function checkSheetResults(bytes: Uint8Array): Promise<Map<string, [string, number]>> {
  const ws = (await load(bytes)).getWorksheet(CHECK_SHEET_NAME)!;
  const out = new Map<string, [string, number]>();
  // `result`, not `value`: ExcelJS's value of a formula cell drops a cached 0
  const cached = (cell: ExcelJS.Cell) => cell.result;
  for (let r = CHECK_SHEET.firstCheckRow; r <= ws.rowCount; r++) {
    const id = ws.getCell(r, CHECK_SHEET.columns.id).value;
    if (typeof id !== "string") continue;
    out.set(id, [
      cached(ws.getCell(r, CHECK_SHEET.columns.result)) as string,
      cached(ws.getCell(r, CHECK_SHEET.columns.difference)) as number,
    ]);
  }
  out.set("summary", [String(cached(ws.getCell(CHECK_SHEET.summaryRow, 5))), 0]);
  return out;
}

interface Case {
  label: string;
  report: Report;
  raw?: Map<string, unknown>;
  edit?: PlanEdit;
}

const consistent = randomConsistentReport("2021", 31);
const cases: Case[] = [
  { label: "2021-consistent", report: consistent },
  {
    label: "2021-one-changed",
    report: withValues(
      consistent,
      new Map([
        [
          "/requests/granted/commercial",
          (getValue(consistent, "/requests/granted/commercial") ?? 0) + 1,
        ],
      ])
    ),
  },
  { label: "2019-consistent", report: randomConsistentReport("2019", 32) },
  {
    label: "2021-rows-inserted-in-part-3-and-changed",
    report: withValues(consistent, new Map([["/requests/carriedForward/otherOrg", 77]])),
    edit: insertRows(
      layoutPlan({ format: "2021", year: 2024, agency: "" }).names.find(
        (n) => n.name === "nb.requests.withheld.deliberative.total"
      )!.row,
      2
    ),
  },
  {
    label: "2019-text-value",
    report: randomConsistentReport("2019", 33),
    raw: new Map([["/requests/carriedForward/research", "3件"]]),
  },
];

const saved = new Map<string, string>();
beforeAll(async () => {
  if (!hasSoffice) return;
  const files: string[] = [];
  for (const c of cases) {
    const path = join(dir, `${c.label}.xlsx`);
    writeFileSync(path, await filledWorkbook(c.report, c.raw, c.edit));
    files.push(path);
  }
  const template = join(dir, "template-2021.xlsx");
  writeFileSync(template, await templateFor(consistent));
  files.push(template);
  libreOffice(files).forEach((out, i) =>
    saved.set(i < cases.length ? cases[i].label : "template", out)
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(cases)("$label", (c) => {
  loTest(
    "LibreOffice's check-sheet results equal the TypeScript verdicts, check by check",
    async () => {
      const bytes = readFileSync(saved.get(c.label)!);
      const results = await checkSheetResults(bytes);
      const read = await readBack(bytes);
      const failing = new Set(failingArithmetic(read.report).map((f) => f.id));
      const checks = compilableChecks(c.report.format);
      expect(checks.length).toBeGreaterThan(0);
      for (const check of checks) {
        const [result, difference] = results.get(check.id) ?? [];
        expect([check.id, result]).toEqual([check.id, failing.has(check.id) ? FAIL : PASS]);
        expect(difference === 0).toBe(!failing.has(check.id));
      }
      expect(results.get("summary")![0]).toBe(String(failing.size));
      if (c.label.includes("changed")) expect(failing.size).toBeGreaterThan(0);
      if (c.label.endsWith("consistent")) expect(failing.size).toBe(0);
    }
  );

  loTest(
    "nianbao validate reads the LibreOffice-saved file to the same report and findings",
    async () => {
      const bytes = readFileSync(saved.get(c.label)!);
      const read = await readBack(bytes);
      const original = await readBack(readFileSync(join(dir, `${c.label}.xlsx`)));
      expect(reportToJson(read.report)).toBe(reportToJson(original.report));
      if (!c.raw) expect(reportToJson(read.report)).toBe(reportToJson(c.report));
      const cli = spawnSync(process.execPath, [BIN, "validate", "--json", saved.get(c.label)!], {
        encoding: "utf8",
      });
      const expected = validateReport(original.report, { cellFaults: original.cellFaults });
      expect(JSON.parse(cli.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(cli.status).toBe(expected.valid ? 0 : 1);
    }
  );
});

loTest(
  "names, data validation and conditional formats survive LibreOffice's round trip",
  async () => {
    const bytes = readFileSync(saved.get("template")!);
    const plan = layoutPlan({ format: "2021", year: consistent.year, agency: consistent.agency });
    const { sheets, names } = parseWorkbookXml(part(bytes, "xl/workbook.xml"));
    const byName = new Map(names.map((n) => [n.name.toLowerCase(), n]));
    for (const n of plan.names) {
      const ref = resolveReference(byName.get(n.name.toLowerCase())?.reference ?? "", sheets);
      expect([n.name, ref]).toEqual([
        n.name,
        { ok: true, sheet: plan.sheetName, row: n.row, col: n.col },
      ]);
    }
    const ws = (await load(bytes)).getWorksheet(plan.sheetName)!;
    for (const v of plan.validations) {
      const dv = ws.getCell(v.row + 1 + v.rowCount - 1, v.col + 1 + v.colCount - 1).dataValidation;
      expect(dv).toMatchObject({
        type: v.kind === "amount" ? "decimal" : "whole",
        errorTitle: expect.any(String),
      });
    }
    const cfs = (
      ws as unknown as {
        conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[];
      }
    ).conditionalFormattings;
    const formulas = cfs.flatMap((cf) => cf.rules.map((r) => r.formulae[0]));
    for (const cf of plan.conditionalFormats) expect(formulas).toContain(cf.formula);
    // LibreOffice computed the title from the names: the formulas resolved there
    const title = ws.getCell("A1").value as ExcelJS.CellFormulaValue;
    expect(title.result).toBe(`某市某局${consistent.year}年政府信息公开工作年度报告`);
  }
);
