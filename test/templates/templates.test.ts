import { readFileSync } from "node:fs";
import { cellDefs } from "../../src/templates/cells";
import { FORMATS, formatForYear, type FormatId } from "../../src/templates/formats";
import { gridTables, type GridTable } from "../../src/templates/grid";
import * as labels from "../../src/templates/labels";
import {
  META_NAMES,
  nameFromPointer,
  pointerFromSegments,
  segmentsOfPointer,
  workbookName,
} from "../../src/templates/pointers";
import { isValidExcelName, pointerFromName } from "../support/excel-names";
import { join } from "node:path";
import { sharedSpec } from "../support/shared";

// The statutory labels are compared with the shared spec when it is beside the project; the pointers with
// the shared JSON contract, or else with the project's own account of it in docs/.
const SPEC = sharedSpec("spec/statutory-formats.md");
const JSON_SPEC =
  sharedSpec("spec/report-json.md") ??
  readFileSync(join(__dirname, "../../docs/report-json.md"), "utf8");
if (!SPEC)
  process.stdout.write(
    "No ../shared beside the project: labels not compared with the statutory spec\n"
  );
const FORMATS_ALL: FormatId[] = ["2019", "2021"];

describe("labels", () => {
  const all = Object.values(labels).flatMap((group) =>
    typeof group === "string" ? [group] : Object.values(group)
  );
  (SPEC ? test.each(all) : test.skip.each(all))(
    "「%s」 is written exactly as in statutory-formats.md",
    (label) => {
      expect(SPEC).toContain(label);
    }
  );
});

describe("formats", () => {
  test("which format a report year uses", () => {
    expect(formatForYear(2018)).toBeUndefined();
    expect(formatForYear(2019)).toBe("2019");
    expect(formatForYear(2020)).toBe("2019");
    expect(formatForYear(2021)).toBe("2021");
    expect(formatForYear(2025)).toBe("2021");
  });

  // statutory-formats.md says "24 data rows × 7 = 168" (2019) and "26 × 7 = 182" (2021), but the rows it
  // lists, its own label spans (三 spans 20 / 22 rows: 一 + 二 + 三 + 四 = 23 / 25) and the seed document
  // all have 23 and 25 rows. The structure is followed; the counts in the prose are off by one.
  test("value cells: 22 + 23×7 + 15 in 2019, 10 + 25×7 + 15 in 2021", () => {
    const count = (f: FormatId, part: string) => cellDefs(f).filter((d) => d.part === part).length;
    expect([count("2019", "二"), count("2019", "三"), count("2019", "四")]).toEqual([22, 161, 15]);
    expect([count("2021", "二"), count("2021", "三"), count("2021", "四")]).toEqual([10, 175, 15]);
  });

  test.each(FORMATS_ALL)("every pointer of format %s is one report-json.md lists", (format) => {
    for (const def of cellDefs(format)) {
      const segs = segmentsOfPointer(def.pointer);
      // report-json.md writes rows as "/requests/withheld/stateSecret" and columns as {a,b,c} or a key table.
      const rowPointer = pointerFromSegments(segs.slice(0, -1));
      expect(JSON_SPEC).toContain(segs[0] === "requests" ? `\`${rowPointer}\`` : rowPointer);
      expect(JSON_SPEC).toContain(segs[segs.length - 1]);
    }
  });

  test("kinds: signed 本年增/减 in 2019, amounts in 万元", () => {
    const kinds = (f: FormatId, kind: string) =>
      cellDefs(f)
        .filter((d) => d.kind === kind)
        .map((d) => d.pointer);
    expect(kinds("2019", "signed")).toEqual([
      "/proactive/licensing/change",
      "/proactive/otherServices/change",
      "/proactive/penalties/change",
      "/proactive/enforcement/change",
      "/proactive/fees/change",
    ]);
    expect(kinds("2019", "amount")).toEqual(["/proactive/procurement/amount"]);
    expect(kinds("2021", "amount")).toEqual(["/proactive/fees/amount"]);
    expect(kinds("2021", "signed")).toEqual([]);
  });

  test("cell labels name row and column as people do", () => {
    const label = (f: FormatId, p: string) => cellDefs(f).find((d) => d.pointer === p)!.label;
    expect(label("2019", "/requests/withheld/stateSecret/naturalPerson")).toBe(
      "三（三）1.属于国家秘密·自然人"
    );
    expect(label("2019", "/requests/newReceived/total")).toBe(
      "一、本年新收政府信息公开申请数量·总计"
    );
    expect(label("2021", "/requests/partlyGranted/research")).toBe("三（二）部分公开·科研机构");
    expect(label("2021", "/requests/totalHandled/otherOrg")).toBe("三（七）总计·其他");
    expect(label("2021", "/proactive/fees/amount")).toBe(
      "二、行政事业性收费·本年收费金额（单位：万元）"
    );
    expect(label("2021", "/appeals/litigationDirect/pending")).toBe(
      "四、行政诉讼（未经复议直接起诉）·尚未审结"
    );
  });
});

describe("names", () => {
  test.each(FORMATS_ALL)(
    "every cell of %s has a valid Excel name, and the name gives back the pointer",
    (format) => {
      for (const def of cellDefs(format)) {
        const name = nameFromPointer(def.pointer);
        expect(isValidExcelName(name)).toBe(true);
        expect(pointerFromName(name)).toBe(def.pointer);
        expect(pointerFromName(name.toUpperCase())).toBe(
          def.pointer.replace(/[a-z]/g, (c) => c.toUpperCase())
        );
      }
    }
  );

  test("examples from report-json.md", () => {
    expect(nameFromPointer("/requests/withheld/stateSecret/naturalPerson")).toBe(
      "nb.requests.withheld.stateSecret.naturalPerson"
    );
    expect(nameFromPointer("/narrative/overview")).toBe("nb.narrative.overview");
    expect(Object.values(META_NAMES)).toEqual([
      "nb.meta.schema",
      "nb.meta.format",
      "nb.meta.year",
      "nb.meta.agency",
      "nb.meta.date",
    ]);
    for (const n of Object.values(META_NAMES)) {
      expect(isValidExcelName(n)).toBe(true);
      expect(pointerFromName(n)).toBeUndefined();
    }
  });

  test("Excel's naming rules", () => {
    for (const bad of [
      "",
      "A1",
      "xfd1048576",
      "R1C1",
      "r2c",
      "TRUE",
      "c",
      "R",
      "1abc",
      "a b",
      "a-b",
      "x".repeat(256),
    ]) {
      expect(isValidExcelName(bad)).toBe(false);
    }
    for (const good of ["nb.x", "_x", "\\x", "XFE1", "a1b", "x".repeat(255)])
      expect(isValidExcelName(good)).toBe(true);
    expect(pointerFromName("other.name")).toBeUndefined();
    expect(pointerFromName("nb.")).toBeUndefined();
    expect(pointerFromName("nb.a..b")).toBeUndefined();
    expect(() => nameFromPointer("/a b")).toThrow();
  });

  test("metadata pointers of findings map to the metadata names", () => {
    expect(workbookName("/year")).toBe("nb.meta.year");
    expect(workbookName("/format")).toBe("nb.meta.format");
    expect(workbookName("/requests/granted/total")).toBe("nb.requests.granted.total");
  });

  test("pointers escape ~ and / (RFC 6901)", () => {
    expect(pointerFromSegments(["a/b", "c~d"])).toBe("/a~1b/c~0d");
    expect(segmentsOfPointer("/a~1b/c~0d")).toEqual(["a/b", "c~d"]);
  });
});

describe("the printed tables", () => {
  function coverage(t: GridTable): number[][] {
    const seen = Array.from({ length: t.rows }, () => new Array<number>(t.columns).fill(0));
    for (const c of t.cells) {
      for (let r = c.row; r < c.row + c.rowSpan; r++)
        for (let k = c.col; k < c.col + c.colSpan; k++) seen[r][k]++;
    }
    return seen;
  }

  test.each(FORMATS_ALL)(
    "format %s: every grid position is covered exactly once, every value cell appears once",
    (format) => {
      const pointers: string[] = [];
      for (const t of gridTables(format)) {
        expect(
          coverage(t)
            .flat()
            .every((n) => n === 1)
        ).toBe(true);
        pointers.push(...t.cells.filter((c) => c.role === "value").map((c) => c.pointer!));
      }
      expect(pointers).toEqual(cellDefs(format).map((d) => d.pointer));
    }
  );

  const find = (format: FormatId, id: string, text: string) =>
    gridTables(format)
      .find((t) => t.id === id)!
      .cells.find((c) => c.text === text)!;

  test("part 三's merged headers and label spans", () => {
    for (const format of FORMATS_ALL) {
      expect(find(format, "requests", labels.REQUESTS_LABELS.corner)).toMatchObject({
        row: 0,
        col: 0,
        rowSpan: 3,
        colSpan: 3,
      });
      expect(find(format, "requests", "申请人情况")).toMatchObject({ rowSpan: 1, colSpan: 7 });
      expect(find(format, "requests", "自然人")).toMatchObject({ rowSpan: 2, colSpan: 1 });
      expect(find(format, "requests", "法人或其他组织")).toMatchObject({ rowSpan: 1, colSpan: 5 });
      expect(find(format, "requests", "一、本年新收政府信息公开申请数量")).toMatchObject({
        colSpan: 3,
      });
      expect(find(format, "requests", "（三）不予公开")).toMatchObject({ rowSpan: 8 });
      expect(find(format, "requests", "（四）无法提供")).toMatchObject({ rowSpan: 3 });
      expect(find(format, "requests", "（五）不予处理")).toMatchObject({ rowSpan: 5 });
      expect(find(format, "requests", "（七）总计")).toMatchObject({ colSpan: 2 });
    }
    expect(find("2019", "requests", "三、本年度办理结果")).toMatchObject({ rowSpan: 20 });
    expect(find("2021", "requests", "三、本年度办理结果")).toMatchObject({ rowSpan: 22 });
    expect(find("2019", "requests", "（六）其他处理")).toMatchObject({ rowSpan: 1, colSpan: 2 });
    expect(find("2021", "requests", "（六）其他处理")).toMatchObject({ rowSpan: 3, colSpan: 1 });
    expect(gridTables("2019")[1].rows).toBe(3 + 23);
    expect(gridTables("2021")[1].rows).toBe(3 + 25);
  });

  test("part 四: 行政复议 spans 5, 行政诉讼 10, the first five headers two rows", () => {
    const t = gridTables("2021")[2];
    expect(find("2021", "appeals", "行政复议")).toMatchObject({ row: 0, colSpan: 5 });
    expect(find("2021", "appeals", "行政诉讼")).toMatchObject({ row: 0, colSpan: 10 });
    expect(find("2021", "appeals", "未经复议直接起诉")).toMatchObject({ row: 1, colSpan: 5 });
    expect(t.cells.filter((c) => c.row === 1 && c.rowSpan === 2).map((c) => c.text)).toEqual([
      "结果维持",
      "结果纠正",
      "其他结果",
      "尚未审结",
      "总计",
    ]);
    expect(t.cells.filter((c) => c.role === "value")).toHaveLength(15);
  });

  test("part 二: item captions span the table; single-value tables stretch their value over three columns", () => {
    const t = gridTables("2021")[0];
    expect(t.cells.filter((c) => c.role === "caption").map((c) => [c.text, c.colSpan])).toEqual([
      ["第二十条第（一）项", 4],
      ["第二十条第（五）项", 4],
      ["第二十条第（六）项", 4],
      ["第二十条第（八）项", 4],
    ]);
    expect(t.cells.find((c) => c.pointer === "/proactive/licensing/decisions")).toMatchObject({
      colSpan: 3,
    });
    expect(
      gridTables("2019")[0].cells.find((c) => c.pointer === "/proactive/fees/change")
    ).toMatchObject({ colSpan: 2 });
    expect(FORMATS["2019"].proactive.map((p) => p.heading)).toEqual(
      Object.values(labels.ARTICLE_ITEMS)
    );
  });
});
