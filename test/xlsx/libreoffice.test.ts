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
import { aggregateReports } from "../../src/aggregate/aggregate";
import { arithmeticStatus, validateReport } from "../../src/checks/evaluate";
import { reportToJson } from "../../src/report/read-json";
import { getValue, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { layoutPlan } from "../../src/layout/plan";
import {
  CHECK_SHEET,
  CHECK_SHEET_NAME,
  compilableChecks,
  FAIL,
  PASS,
  PENDING,
} from "../../src/layout/check-sheet";
import { META_NAMES } from "../../src/templates/pointers";
import { cellDefs } from "../../src/templates/cells";
import { parseWorkbookXml, resolveReference } from "../../src/xlsx/names";
import { SOURCES_SHEET_NAME, writeAggregateWorkbook } from "../../src/xlsx/write-aggregate";
import { convertToPdf, pdfPages } from "../render/tools";
import { randomConsistentReport, rng } from "../support/random-report";
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
const ROOT = join(__dirname, "../..");
const BIN = join(ROOT, "bin/nianbao.js");

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

/** Opens each file with LibreOffice and prints it to PDF; returns each PDF's path and text (pdftotext). */
function printToPdf(files: string[]): { pdf: string; text: string }[] {
  const outdir = join(dir, "pdf");
  convertToPdf(files, outdir);
  return files.map((f) => {
    const pdf = join(
      outdir,
      f
        .split("/")
        .pop()!
        .replace(/\.xlsx$/, ".pdf")
    );
    return { pdf, text: pdfText(pdf) };
  });
}

/** The text of a PDF, or of one page of it. */
function pdfText(pdf: string, page?: number): string {
  const pages = page === undefined ? [] : ["-f", String(page), "-l", String(page)];
  const text = spawnSync("pdftotext", ["-layout", ...pages, pdf, "-"], { encoding: "utf8" });
  if (text.status !== 0) throw new Error(`pdftotext failed: ${text.stderr}`);
  return text.stdout;
}

/** Each page's size in points, as pdfinfo reports it. */
function pageSizes(pdf: string): { width: number; height: number }[] {
  const info = spawnSync("pdfinfo", ["-f", "1", "-l", String(pdfPages(pdf)), pdf], {
    encoding: "utf8",
  });
  if (info.status !== 0) throw new Error(`pdfinfo failed: ${info.stderr}`);
  return [...info.stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

/** Width and height of a PNG, from its header. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
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

/** A report with random cells blanked (and, optionally, one slip): some checks incomplete, some failing. */
function partlyFilled(report: Report, seed: number, slip?: string): Report {
  const rand = rng(seed);
  const changes = new Map<string, number | null>();
  // With a slip in part 三, blanks go elsewhere, so that the checks through the slip can fail.
  const blankable = (pointer: string) => !slip || !pointer.startsWith("/requests/");
  for (const d of cellDefs(report.format))
    if (blankable(d.pointer) && rand() < 0.2) changes.set(d.pointer, null);
  if (slip) changes.set(slip, (getValue(report, slip) ?? 0) + 1);
  return withValues(report, changes);
}
cases.push(
  { label: "2021-partly-filled", report: partlyFilled(consistent, 1) },
  {
    label: "2019-partly-filled-and-changed",
    report: partlyFilled(randomConsistentReport("2019", 34), 2, "/requests/granted/naturalPerson"),
  },
  {
    label: "2021-partly-filled-with-text",
    report: partlyFilled(consistent, 3),
    raw: new Map([["/requests/newReceived/commercial", "2件"]]),
  }
);

/** Sums of consistent reports, as `nianbao aggregate` writes them. */
const aggregates = new Map(
  (["2019", "2021"] as const).map((format) => {
    const sources = [1, 2, 3].map((seed) => ({
      file: `${seed}.json`,
      sha256: String(seed).repeat(64),
      report: { ...randomConsistentReport(format, 60 + seed), agency: `单位${seed}` },
    }));
    const sum = aggregateReports(sources, { agency: "某区人民政府" });
    if (!sum.ok) throw new Error(sum.refusals[0].messageEn);
    return [`aggregate-${format}`, sum] as const;
  })
);

const saved = new Map<string, string>();
const CLI_TEMPLATE = join(dir, "cli-template-2024.xlsx");
let printed = { pdf: "", text: "" };
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
  const made = spawnSync(
    process.execPath,
    [BIN, "template", "--year", "2024", "--agency", "某市某局", "-o", CLI_TEMPLATE],
    { encoding: "utf8" }
  );
  if (made.status !== 0) throw new Error(`nianbao template failed: ${made.stderr}`);
  files.push(CLI_TEMPLATE);
  for (const [format, sum] of aggregates) {
    const path = join(dir, `aggregate-${format}.xlsx`);
    writeFileSync(path, await writeAggregateWorkbook(sum.report, sum.record));
    files.push(path);
  }
  const labels = [...cases.map((c) => c.label), "template", "cli", ...aggregates.keys()];
  libreOffice(files).forEach((out, i) => saved.set(labels[i], out));
  [printed] = printToPdf([CLI_TEMPLATE]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(cases)("$label", (c) => {
  loTest(
    "LibreOffice's check-sheet results equal the TypeScript verdicts, check by check",
    async () => {
      const bytes = readFileSync(saved.get(c.label)!);
      const results = await checkSheetResults(bytes);
      const read = await readBack(bytes);
      const status = arithmeticStatus(read.cells);
      const checks = compilableChecks(c.report.format);
      expect(checks.length).toBeGreaterThan(0);
      for (const check of checks) {
        const [result, difference] = results.get(check.id) ?? [];
        const expected = { pass: PASS, fail: FAIL, incomplete: PENDING }[status.get(check.id)!];
        expect([check.id, result]).toEqual([check.id, expected]);
        if (expected !== PENDING) expect(difference === 0).toBe(expected === PASS);
      }
      const count = (s: string) => [...status.values()].filter((x) => x === s).length;
      expect(results.get("summary")![0]).toBe(String(count("fail")));
      if (c.label.includes("changed")) expect(count("fail")).toBeGreaterThan(0);
      if (c.label.endsWith("consistent")) expect(count("fail") + count("incomplete")).toBe(0);
      if (c.label.includes("partly")) expect(count("incomplete")).toBeGreaterThan(0);
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
  "nianbao template: every check waits (待填), and the signature date is blank, not 1899, on screen and in print",
  async () => {
    const bytes = readFileSync(saved.get("cli")!);
    const results = await checkSheetResults(bytes);
    for (const check of compilableChecks("2021"))
      expect([check.id, results.get(check.id)![0]]).toEqual([check.id, PENDING]);
    expect(results.get("summary")![0]).toBe("0");
    const plan = layoutPlan({ format: "2021", year: 2024, agency: "某市某局" });
    const ws = (await load(bytes)).getWorksheet(plan.sheetName)!;
    const signature = plan.cells.filter((x) => x.style === "signature");
    expect(signature.map((x) => x.formula)).toEqual([
      expect.stringContaining(META_NAMES.agency),
      expect.stringContaining(META_NAMES.date),
    ]);
    const [agency, date] = signature.map((x) => ws.getCell(x.row + 1, x.col + 1).result);
    expect(agency).toBe("某市某局");
    expect(date === "" || date === undefined || date === null).toBe(true);
    expect(printed.text).toContain("某市某局");
    expect(printed.text).not.toMatch(/1899|1900/);
  }
);

// The clerks' guide (docs/使用指南.md, 打印) shows the first two printed pages of the report;
// UPDATE_GUIDE_IMAGES=1 refreshes them from this print.
const PRINT_IMAGES = [1, 2].map((page) => join(ROOT, `docs/images/print-report-${page}.png`));

loTest(
  "nianbao template in print: the report on landscape A4 pages, its title atop each; 校验 on portrait pages, its header atop each",
  () => {
    const A4 = { long: 841.89, short: 595.3 };
    const sizes = pageSizes(printed.pdf);
    const landscape = sizes.map((s) => s.width > s.height);
    for (const s of sizes)
      expect([Math.max(s.width, s.height), Math.min(s.width, s.height)]).toEqual([
        expect.closeTo(A4.long, 0),
        expect.closeTo(A4.short, 0),
      ]);
    // the report's pages, then the check sheet's
    const reportPages = landscape.indexOf(false);
    expect(reportPages).toBeGreaterThanOrEqual(3);
    expect(landscape.slice(reportPages).every((l) => !l)).toBe(true);
    const title = "某市某局2024年政府信息公开工作年度报告";
    const squeeze = (text: string) => text.replace(/\s+/g, "");
    for (let page = 1; page <= sizes.length; page++) {
      const text = squeeze(pdfText(printed.pdf, page));
      if (page <= reportPages) expect([page, text.includes(title)]).toEqual([page, true]);
      else expect([page, text.includes("编号规则范围差额结果")]).toEqual([page, true]);
    }
    // one page wide: 申请人情况's last column (总计) is on the page that starts part 三
    expect(squeeze(pdfText(printed.pdf, 2))).toMatch(/三、收到和处理[\s\S]*总计/);

    const images = PRINT_IMAGES.map((_, i) => join(dir, `print-report-${i + 1}`));
    images.forEach((prefix, i) =>
      spawnSync("pdftoppm", [
        "-png",
        "-r",
        "60",
        "-f",
        `${i + 1}`,
        "-l",
        `${i + 1}`,
        "-singlefile",
        printed.pdf,
        prefix,
      ])
    );
    PRINT_IMAGES.forEach((doc, i) => {
      const fresh = readFileSync(`${images[i]}.png`);
      if (process.env.UPDATE_GUIDE_IMAGES === "1") writeFileSync(doc, fresh);
      // the guide's picture is this page at 60 dpi: landscape A4, 702 × 497 px
      expect(pngSize(readFileSync(doc))).toEqual(pngSize(fresh));
      expect(pngSize(fresh)).toEqual({ width: 702, height: 497 });
    });
  }
);

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

describe.each([...aggregates.keys()])("%s", (label) => {
  loTest(
    "an aggregate workbook recalculated by LibreOffice: every check passes, the sums and the 来源 sheet survive",
    async () => {
      const sum = aggregates.get(label)!;
      const bytes = readFileSync(saved.get(label)!);
      const results = await checkSheetResults(bytes);
      for (const check of compilableChecks(sum.report.format))
        expect([check.id, results.get(check.id)?.[0]]).toEqual([check.id, PASS]);
      expect(results.get("summary")![0]).toBe("0");
      expect(reportToJson((await readBack(bytes)).report)).toBe(reportToJson(sum.report));
      const sources = (await load(bytes)).getWorksheet(SOURCES_SHEET_NAME)!;
      const cells: string[] = [];
      sources.eachRow((row) => row.eachCell((cell) => void cells.push(cell.text)));
      for (const s of sum.record.sources)
        expect(cells).toEqual(expect.arrayContaining([s.agency, s.file, s.sha256]));
    }
  );
});
