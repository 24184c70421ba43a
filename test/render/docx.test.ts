/**
 * The Word document: its XML carries the statutory grid (merges, repeated header rows, A4 and GB/T 9704
 * margins), and LibreOffice opens it: converted to PDF, the text holds every label and number in order.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getValue, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { buildDocument, RenderRefusedError } from "../../src/render/document";
import { renderDocx } from "../../src/render/docx";
import { gridTables } from "../../src/templates/grid";
import { randomConsistentReport } from "../support/random-report";
import { FORBIDDEN_CONTROLS, hostileReport, LITERALS, LONG_PARAGRAPH } from "./hostile";
import {
  ARTIFACTS,
  convertToPdf,
  describeWith,
  inOrder,
  pdfPages,
  previewPages,
  run,
  seedReport,
  squeeze,
} from "./tools";

jest.setTimeout(300_000);

interface Case {
  name: string;
  report: Report;
  draft: boolean;
}

const CASES: Case[] = [
  { name: "docx-2019", report: randomConsistentReport("2019", 21), draft: false },
  { name: "docx-2021", report: randomConsistentReport("2021", 21), draft: false },
  { name: "docx-seed-draft", report: seedReport(), draft: true },
  { name: "docx-hostile-draft", report: hostileReport(), draft: true },
];

const files = new Map<string, string>();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const c of CASES) {
    const file = join(ARTIFACTS, `${c.name}.docx`);
    writeFileSync(file, await renderDocx(c.report, { draft: c.draft }));
    files.set(c.name, file);
  }
});

test("a report with errors is refused unless a draft is asked for", async () => {
  await expect(renderDocx(seedReport())).rejects.toThrow(RenderRefusedError);
});

const documentXml = (name: string) => run("unzip", ["-p", files.get(name)!, "word/document.xml"]);
const headerXml = (name: string) => {
  const list = run("unzip", ["-Z1", files.get(name)!]).split("\n");
  return list
    .filter((f) => /^word\/header\d*\.xml$/.test(f))
    .map((f) => run("unzip", ["-p", files.get(name)!, f]))
    .join("");
};
const count = (xml: string, pattern: RegExp) => (xml.match(pattern) ?? []).length;

describeWith(["unzip"], "the Word XML", () => {
  test.each(["2019", "2021"] as const)(
    "format %s: A4, margins, merges and header rows",
    (format) => {
      const xml = documentXml(`docx-${format}`);
      // Patterns are tested as booleans: a failure must not print the whole document.xml.
      const has = (pattern: RegExp) => pattern.test(xml);
      expect(has(/<w:pgSz w:w="11906" w:h="16838"/)).toBe(true);
      // 37 / 26 / 35 / 28 mm in twips (docx rounds down).
      expect(has(/<w:pgMar w:top="2097" w:right="1474" w:bottom="1984" w:left="1587"/)).toBe(true);
      const grids = gridTables(format);
      expect(count(xml, /<w:tbl>/g)).toBe(grids.length);
      expect(count(xml, /<w:tblHeader\/>/g)).toBe(grids.reduce((n, g) => n + g.headerRows, 0));
      const merged = grids.flatMap((g) => g.cells).filter((c) => c.rowSpan > 1);
      expect(count(xml, /<w:vMerge w:val="restart"\/>/g)).toBe(merged.length);
      const continued = merged.reduce((n, c) => n + c.rowSpan - 1, 0);
      expect(count(xml, /<w:vMerge w:val="continue"\/>|<w:vMerge\/>/g)).toBe(continued);
      const spanned = grids.flatMap((g) => g.cells).filter((c) => c.colSpan > 1);
      const spannedSlots = spanned.reduce((n, c) => n + c.rowSpan, 0); // every merged row repeats the span
      expect(count(xml, /<w:gridSpan w:val="\d+"\/>/g)).toBe(spannedSlots);
      expect(count(xml, /<w:cantSplit\/>/g)).toBe(grids.reduce((n, g) => n + g.rows, 0));
      expect(has(/w:eastAsia="黑体"/)).toBe(true);
      expect(has(/w:eastAsia="宋体"/)).toBe(true);
      expect(xml.includes("草稿")).toBe(false);
      const styles = run("unzip", ["-p", files.get(`docx-${format}`)!, "word/styles.xml"]);
      expect(/<w:docDefaults>.*w:eastAsia="仿宋".*<w:sz w:val="32"\/>/.test(styles)).toBe(true);
    }
  );

  test("a draft is marked on every page and in its title", () => {
    const header = headerXml("docx-seed-draft");
    expect(header).toContain("草稿 — 未经校验通过");
    expect(header).toMatch(/<v:textpath[^>]*string="草稿"/);
    expect(documentXml("docx-seed-draft").includes("年度报告（草稿）")).toBe(true);
  });

  test("hostile text is escaped and stripped of controls", () => {
    const xml = documentXml("docx-hostile-draft");
    expect(FORBIDDEN_CONTROLS.test(xml)).toBe(false);
    expect(xml).not.toMatch(/<(script|img|iframe|svg)\b/);
    expect(xml.includes("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe(true);
    expect(xml.includes("]]&gt;")).toBe(true);
  });
});

/** PDF text without what every page repeats: page numbers and the draft notice. */
function pdfText(pdf: string): string {
  return run("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"])
    .split(/\n|\f/)
    .filter((line) => !/^— \d+ —$/.test(line.trim()) && line.trim() !== "草稿 — 未经校验通过")
    .join("\n");
}

/**
 * What the PDF must show, in order: the title, each heading, each paragraph, each table row as one run of
 * text (its cells left to right, a merged label where its area starts), then agency and date.
 */
function expectedRuns(report: Report, draft: boolean): string[] {
  const doc = buildDocument(report, { draft: true }); // what was printed, whether or not it checks
  const out = [doc.title + (draft ? "（草稿）" : "")];
  for (const part of doc.parts) {
    out.push(part.heading);
    if (part.kind === "narrative") out.push(...part.paragraphs);
    else
      for (let r = 0; r < part.table.rows; r++) {
        const cells = part.table.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
        out.push(cells.map((c) => c.text).join(""));
      }
  }
  out.push(doc.agency, doc.date);
  return out.map(squeeze).filter((s) => s !== "");
}

describeWith(
  ["soffice", "pdftotext", "pdfinfo", "pdftoppm", "unzip"],
  "LibreOffice opens it",
  () => {
    const pdf = (name: string) => join(ARTIFACTS, `${name}.pdf`);

    beforeAll(() => {
      convertToPdf(
        CASES.map((c) => files.get(c.name)!),
        ARTIFACTS
      );
      for (const c of CASES.slice(0, 3)) previewPages(pdf(c.name), join(ARTIFACTS, c.name));
    });

    test.each(CASES.slice(0, 3).map((c) => [c.name, c] as const))(
      "%s: every label and number, in order, on 3 to 6 pages",
      (_, c) => {
        const text = squeeze(pdfText(pdf(c.name)));
        const result = inOrder(text, expectedRuns(c.report, c.draft));
        expect(result).toEqual({ ok: true });
        const pages = pdfPages(pdf(c.name));
        expect(pages).toBeGreaterThanOrEqual(3);
        expect(pages).toBeLessThanOrEqual(6);
      }
    );

    test("the order check notices a number that is not the report's", () => {
      const c = CASES[1];
      const text = squeeze(pdfText(pdf(c.name)));
      const pointer = "/requests/withheld/stateSecret/naturalPerson";
      const changed = withValues(
        c.report,
        new Map([[pointer, (getValue(c.report, pointer) ?? 0) + 1]])
      );
      expect(inOrder(text, expectedRuns(changed, false)).ok).toBe(false);
    });

    test("hostile text converts and prints literally, the long paragraph whole", () => {
      const text = pdfText(pdf("docx-hostile-draft"));
      expect(FORBIDDEN_CONTROLS.test(text.replace(/\f/g, ""))).toBe(false);
      const flat = squeeze(text);
      expect(LITERALS.map(squeeze).filter((l) => !flat.includes(l))).toEqual([]);
      expect(flat.includes(squeeze(LONG_PARAGRAPH))).toBe(true);
      expect(inOrder(flat, expectedRuns(hostileReport(), true)).ok).toBe(true);
    });

    test("artefacts are saved", () => {
      for (const c of CASES.slice(0, 3))
        expect(readFileSync(join(ARTIFACTS, `${c.name}-1.png`)).length).toBeGreaterThan(1000);
    });
  }
);
