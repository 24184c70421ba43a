/**
 * @jest-environment jsdom
 */
import "./jsdom-setup";
import { formatNumber } from "../../src/checks/messages";
import { getValue, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { checkRenderable, RenderRefusedError } from "../../src/render/document";
import { escapeHtml, renderHtml } from "../../src/render/html";
import { cellDefs } from "../../src/templates/cells";
import { FORMAT_IDS } from "../../src/templates/formats";
import { gridTables } from "../../src/templates/grid";
import { PART_HEADINGS, REPORT_TITLE_SUFFIX } from "../../src/templates/labels";
import { randomConsistentReport } from "../support/random-report";
import { FORBIDDEN_CONTROLS, hostileReport, LITERALS, LONG_PARAGRAPH } from "./hostile";
import { seedReport } from "./tools";

const parse = (html: string) => new DOMParser().parseFromString(html, "text/html");

/** The cell of an HTML table at each (row, column), following rowspan and colspan as browsers do. */
function layout(table: HTMLTableElement): Map<string, HTMLTableCellElement> {
  const at = new Map<string, HTMLTableCellElement>();
  Array.from(table.rows).forEach((tr, r) => {
    let c = 0;
    for (const cell of Array.from(tr.cells)) {
      while (at.has(`${r},${c}`)) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) at.set(`${r + dr},${c + dc}`, cell);
      c += cell.colSpan;
    }
  });
  return at;
}

describe.each(FORMAT_IDS)("HTML, format %s", (format) => {
  const report = randomConsistentReport(format, 11);
  const html = renderHtml(report);
  const doc = parse(html);

  test("the random report is renderable as a final document", () => {
    expect(checkRenderable(report)).toEqual({ ok: true });
    expect(html).not.toContain("草稿");
  });

  test("is one self-contained page: doctype, language, charset, viewport, one style, nothing fetched", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(doc.documentElement.getAttribute("lang")).toBe("zh-CN");
    expect(doc.querySelector("meta[charset]")?.getAttribute("charset")).toBe("utf-8");
    expect(doc.querySelector('meta[name="viewport"]')).not.toBeNull();
    expect(doc.querySelectorAll("style")).toHaveLength(1);
    expect(doc.querySelectorAll("script, link, img, iframe, object, embed, [style]")).toHaveLength(
      0
    );
    expect(html).not.toMatch(/<script|url\(|@import|https?:/i);
    const css = doc.querySelector("style")!.textContent!;
    expect(css).toMatch(/@page\s*\{\s*size:\s*A4/);
    expect(css).toMatch(/@media print/);
    expect(css).toMatch(/tr \{[^}]*break-inside: avoid/);
    expect(css).toMatch(/overflow-x: auto/);
  });

  test("title, the six part headings in order, and the signature", () => {
    expect(doc.querySelector("h1")!.textContent).toBe(
      `${report.agency}${report.year}${REPORT_TITLE_SUFFIX}`
    );
    expect(Array.from(doc.querySelectorAll("h2")).map((h) => h.textContent)).toEqual(
      Object.values(PART_HEADINGS)
    );
    const signature = Array.from(doc.querySelectorAll(".signature p")).map((p) => p.textContent);
    const [y, m, d] = report.date!.split("-").map(Number);
    expect(signature).toEqual([report.agency, `${y}年${m}月${d}日`]);
  });

  test("narrative parts hold their paragraphs", () => {
    const texts = Array.from(doc.querySelectorAll("body > p")).map((p) => p.textContent);
    for (const key of ["overview", "problems", "other"] as const)
      expect(texts).toContain(report.narrative[key]);
  });

  test("every table has the statutory grid: labels, spans, header rows and values by pointer", () => {
    const tables = Array.from(doc.querySelectorAll("table"));
    const grids = gridTables(format);
    expect(tables).toHaveLength(grids.length);
    grids.forEach((grid, i) => {
      const table = tables[i];
      expect(table.closest("section")!.querySelector("h2")!.textContent).toBe(grid.heading);
      expect(table.tHead?.rows.length ?? 0).toBe(grid.headerRows);
      expect(table.rows).toHaveLength(grid.rows);
      expect(table.querySelectorAll("th, td")).toHaveLength(grid.cells.length);
      const at = layout(table);
      for (const cell of grid.cells) {
        const el = at.get(`${cell.row},${cell.col}`)!;
        const where = `${grid.id} (${cell.row}, ${cell.col})`;
        expect({ where, rowSpan: el.rowSpan, colSpan: el.colSpan }).toEqual({
          where,
          rowSpan: cell.rowSpan,
          colSpan: cell.colSpan,
        });
        if (cell.role === "value") {
          const v = getValue(report, cell.pointer!);
          expect(el.tagName).toBe("TD");
          expect(el.getAttribute("data-pointer")).toBe(cell.pointer);
          expect(el.textContent).toBe(formatNumber(v as number));
        } else {
          expect(el.tagName).toBe("TH");
          expect({ where, text: el.textContent }).toEqual({ where, text: cell.text });
        }
      }
    });
  });

  test("every value cell of the format appears once, holding its value", () => {
    const cells = new Map(
      Array.from(doc.querySelectorAll("td[data-pointer]")).map((td) => [
        td.getAttribute("data-pointer"),
        td.textContent,
      ])
    );
    const defs = cellDefs(format);
    expect(cells.size).toBe(defs.length);
    for (const def of defs)
      expect(cells.get(def.pointer)).toBe(formatNumber(getValue(report, def.pointer) as number));
  });
});

describe("drafts and refusal", () => {
  test("a report with errors is refused, naming its errors", () => {
    const seed = seedReport();
    const check = checkRenderable(seed);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.errors.length).toBeGreaterThan(0);
      expect(check.errors.every((f) => f.severity === "error")).toBe(true);
    }
    expect(() => renderHtml(seed)).toThrow(RenderRefusedError);
  });

  test("as a draft it renders, with a banner, a watermark and the title marked", () => {
    const doc = parse(renderHtml(seedReport(), { draft: true }));
    expect(doc.querySelector(".draft-banner")!.textContent).toContain("草稿");
    expect(doc.querySelector(".watermark")!.textContent).toBe("草稿");
    expect(doc.querySelector("h1")!.textContent).toBe(
      "兵团自然资源局2020年政府信息公开工作年度报告（草稿）"
    );
    expect(doc.querySelector('td[data-pointer="/proactive/procurement/amount"]')!.textContent).toBe(
      "2987.6"
    );
  });

  test("blank cells print empty", () => {
    const report = withValues(
      randomConsistentReport("2021", 5),
      new Map([["/requests/granted/naturalPerson", null]])
    );
    expect(() => renderHtml(report)).toThrow(RenderRefusedError);
    const doc = parse(renderHtml(report, { draft: true }));
    expect(
      doc.querySelector('td[data-pointer="/requests/granted/naturalPerson"]')!.textContent
    ).toBe("");
  });

  test("a report without a date prints the agency alone", () => {
    const report: Report = { ...randomConsistentReport("2019", 2) };
    delete report.date;
    const doc = parse(renderHtml(report));
    expect(Array.from(doc.querySelectorAll(".signature p")).map((p) => p.textContent)).toEqual([
      report.agency,
    ]);
  });
});

describe("hostile text", () => {
  const html = renderHtml(hostileReport(), { draft: true });
  const doc = parse(html);

  test("never becomes markup", () => {
    expect(html).not.toMatch(/<(script|img|iframe|svg|a)\b/i);
    expect(doc.querySelectorAll("script, img, iframe, svg, a, [onerror], [onload]")).toHaveLength(
      0
    );
    expect(doc.querySelectorAll("style")).toHaveLength(1);
    expect(doc.querySelectorAll("h1")).toHaveLength(1);
    expect(doc.querySelectorAll("h2")).toHaveLength(6);
  });

  test("shows as literal text, controls removed", () => {
    // Checked as booleans: a failure must not print the 50,000-character body.
    const text = doc.body.textContent!;
    expect(LITERALS.filter((literal) => !text.includes(literal))).toEqual([]);
    expect(FORBIDDEN_CONTROLS.test(html)).toBe(false);
    expect(text.includes("制\t表符\ufffd")).toBe(true);
    expect(doc.querySelector("h1")!.textContent).toContain(`]]>"'&`);
  });

  test("the 50,000-character paragraph is one paragraph", () => {
    const paragraphs = Array.from(doc.querySelectorAll("p")).map((p) => p.textContent);
    expect(paragraphs.filter((p) => p === LONG_PARAGRAPH)).toHaveLength(1);
  });

  test("escapeHtml escapes the five characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
    );
  });
});
