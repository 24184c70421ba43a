import {
  buildDocument,
  checkRenderable,
  cleanInline,
  formatDate,
  paragraphsOf,
  RenderRefusedError,
  sanitizeText,
} from "../../src/render/document";
import { FORMAT_IDS } from "../../src/templates/formats";
import { gridTables } from "../../src/templates/grid";
import { randomConsistentReport } from "../support/random-report";
import { seedReport } from "./tools";

describe("text sanitising", () => {
  test("removes C0/C1 controls but keeps tab and line feed; normalises line breaks", () => {
    expect(sanitizeText("a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg\th\r\ni\rj\u2028k")).toBe(
      "abcde\nfg\th\ni\nj\nk"
    );
  });

  test("replaces lone surrogates and drops U+FFFE/U+FFFF, keeps real pairs", () => {
    expect(sanitizeText("\ud800x\udc00y\ufffe\uffff😀")).toBe("\ufffdx\ufffdy😀");
  });

  test("paragraphs split on line breaks, blank lines and edge spaces dropped", () => {
    expect(paragraphsOf("  一是……\r\n\r\n\u3000\u3000二是\n  \n三是 ")).toEqual([
      "一是……",
      "二是",
      "三是",
    ]);
    expect(paragraphsOf("")).toEqual([]);
  });

  test("single-line text folds breaks and tabs into spaces", () => {
    expect(cleanInline(" 某市\n某局\t办公室\u0000 ")).toBe("某市 某局 办公室");
  });

  test("dates print as 2025年1月20日; anything else as given", () => {
    expect(formatDate("2025-01-20")).toBe("2025年1月20日");
    expect(formatDate("2021-12-05")).toBe("2021年12月5日");
    expect(formatDate(undefined)).toBe("");
    expect(formatDate("2025年1月")).toBe("2025年1月");
  });
});

describe("the document structure", () => {
  test.each(FORMAT_IDS)("format %s: title, six parts in order, tables from the grid", (format) => {
    const report = randomConsistentReport(format, 4);
    const doc = buildDocument(report);
    expect(doc.title).toBe(`某市某局${report.year}年政府信息公开工作年度报告`);
    expect(doc.parts.map((p) => p.part)).toEqual(["一", "二", "三", "四", "五", "六"]);
    expect(doc.parts.map((p) => p.kind)).toEqual([
      "narrative",
      "table",
      "table",
      "table",
      "narrative",
      "narrative",
    ]);
    const tables = doc.parts.flatMap((p) => (p.kind === "table" ? [p.table] : []));
    tables.forEach((t, i) => {
      const grid = gridTables(format)[i];
      expect(t.cells).toHaveLength(grid.cells.length);
      expect(t.widths).toHaveLength(grid.columns);
    });
    expect(doc.date).toBe(`${report.year + 1}年1月20日`);
    expect(doc.draft).toBe(false);
  });

  test("refuses a report with errors unless a draft is asked for", () => {
    const seed = seedReport();
    const refused = checkRenderable(seed);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.map((f) => f.rule)).toContain("balance");
    expect(() => buildDocument(seed)).toThrow(RenderRefusedError);
    expect(checkRenderable(seed, { draft: true })).toEqual({ ok: true });
    expect(buildDocument(seed, { draft: true }).draft).toBe(true);
  });

  test("a blank cell prints empty, not 0", () => {
    const report = randomConsistentReport("2019", 4);
    (report.appeals.review as Record<string, number | null>).upheld = null;
    const doc = buildDocument(report, { draft: true });
    const appeals = doc.parts.find((p) => p.part === "四");
    const cell =
      appeals?.kind === "table"
        ? appeals.table.cells.find((c) => c.pointer === "/appeals/review/upheld")
        : undefined;
    expect(cell?.text).toBe("");
  });
});
