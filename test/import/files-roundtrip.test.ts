/**
 * Published files back to the report, through the real command line (Node, pdfjs-dist's legacy build):
 * for random reports of both formats, the project's HTML printed to PDF by Chromium, its Word export, and
 * that Word file converted to PDF by LibreOffice all import to the same report. The narrative is compared
 * without white space (a PDF breaks its lines where the page does).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { cellValues, type Report } from "../../src/report/model";
import { renderDocx } from "../../src/render/docx";
import { renderHtml } from "../../src/render/html";
import type { FormatId } from "../../src/templates/formats";
import { launchChromiumAt } from "../support/chromium";
import { randomConsistentReport } from "../support/random-report";
import { CHROMIUM, convertToPdf, describeWith, tempDir } from "../render/tools";

const BIN = join(__dirname, "../../bin/nianbao.js");
const REPORTS: Report[] = (["2019", "2021"] as FormatId[]).flatMap((f) =>
  [11, 12].map((seed) => randomConsistentReport(f, seed))
);

const squash = (s: string) => s.replace(/\s+/g, "");

function expectSameReport(imported: Report, expected: Report) {
  expect(cellValues(imported)).toEqual(cellValues(expected));
  const meta = (r: Report) => ({ format: r.format, year: r.year, agency: r.agency, date: r.date });
  expect(meta(imported)).toEqual(meta(expected));
  for (const key of ["overview", "problems", "other"] as const)
    expect(squash(imported.narrative[key])).toBe(squash(expected.narrative[key]));
}

describeWith([CHROMIUM, "soffice"], "PDF and Word files import back to the report", () => {
  let browser: Browser;
  const dir = tempDir("nianbao-files");
  const files: { file: string; report: Report }[] = [];

  beforeAll(async () => {
    browser = await launchChromiumAt(CHROMIUM);
    const page = await browser.newPage();
    const docx: string[] = [];
    for (const [i, report] of REPORTS.entries()) {
      const base = join(dir, `r${i}-${report.format}`);
      writeFileSync(`${base}.docx`, await renderDocx(report));
      docx.push(`${base}.docx`);
      await page.setContent(renderHtml(report));
      await page.pdf({ path: `${base}-chromium.pdf`, preferCSSPageSize: true });
      files.push(
        { file: `${base}.docx`, report },
        { file: `${base}-chromium.pdf`, report },
        { file: `${base}.pdf`, report }
      );
    }
    convertToPdf(docx, dir);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  test("every file, in one run of `nianbao import` (JSON Lines, one line per file)", () => {
    const r = spawnSync(process.execPath, [BIN, "import", ...files.map((f) => f.file)], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.stderr).toBe(""); // not a terminal: no progress drawn
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(files.map((f) => f.file));
    for (const [i, line] of lines.entries()) {
      expect({ file: line.file, ok: line.ok, notes: line.notes }).toEqual({
        file: files[i].file,
        ok: true,
        notes: [],
      });
      expectSameReport(line.report, files[i].report);
    }
    expect(r.status).toBe(0);
  });
});
