/**
 * The workbook XML as other programs write it: cells without positions, inline and rich text, phonetic runs,
 * escaped control characters, every cell type, namespace prefixes (the Open XML SDK), absolute part paths,
 * the 1904 date system. Each read straight from the parts, then through a whole hand-made workbook.
 */
import { reportFromWorkbook } from "../../src/report/from-cells";
import { META_NAMES } from "../../src/templates/pointers";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import {
  parseRelationships,
  parseSharedStrings,
  rawFromStored,
  readSheetCells,
  resolvePart,
  storedCellAt,
} from "../../src/xlsx/sheet-xml";
import { craftZip } from "./craft-zip";

const sheet = (rows: string, prefix = "") =>
  `<${prefix}worksheet><${prefix}sheetData>${rows}</${prefix}sheetData></${prefix}worksheet>`;

function cellsOf(xml: string, wanted: [number, number][], shared: string[] = []) {
  const stored = readSheetCells(
    xml,
    wanted.map(([row, col]) => ({ row, col }))
  );
  return wanted.map(([row, col]) => rawFromStored(storedCellAt(stored, row, col), shared));
}

test("every cell type, as stored", () => {
  const xml = sheet(
    '<row r="1">' +
      '<c r="A1"><v>12</v></c>' +
      '<c r="B1" t="s"><v>1</v></c>' +
      '<c r="C1" t="inlineStr"><is><t>3件</t></is></c>' +
      '<c r="D1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>' +
      '<c r="E1" t="b"><v>1</v></c>' +
      '<c r="F1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
      '<c r="G1" t="d"><v>2025-01-20T00:00:00</v></c>' +
      '<c r="H1"><f>SUM(A1:A1)</f><v>0</v></c>' +
      '<c r="I1"><f>SUM(A1:A1)</f></c>' +
      '<c r="J1" s="3"/>' +
      '<c r="K1"><v>1.5E+3</v></c>' +
      "</row>"
  );
  const wanted: [number, number][] = Array.from({ length: 12 }, (_, col) => [0, col]);
  expect(cellsOf(xml, wanted, ["零", "自然人"])).toEqual([
    { type: "number", value: 12 },
    { type: "text", text: "自然人" },
    { type: "text", text: "3件" },
    { type: "text", text: "xy" },
    { type: "boolean", value: true },
    { type: "error", code: "#DIV/0!" },
    { type: "number", value: 45677 }, // 2025-01-20 in the 1900 system
    { type: "number", value: 0 }, // a cached 0 is a value, not a missing result
    "uncalculated",
    { type: "blank" },
    { type: "number", value: 1500 },
    { type: "blank" }, // L1 is not in the file at all
  ]);
});

test("rows and cells without r take the next position", () => {
  const xml = sheet(
    '<row><c><v>1</v></c><c><v>2</v></c></row><row><c/><c r="C2"><v>3</v></c><c><v>4</v></c></row>'
  );
  expect(
    cellsOf(xml, [
      [0, 0],
      [0, 1],
      [1, 2],
      [1, 3],
    ])
  ).toEqual([
    { type: "number", value: 1 },
    { type: "number", value: 2 },
    { type: "number", value: 3 },
    { type: "number", value: 4 },
  ]);
});

test("namespace prefixes, as the Open XML SDK writes them", () => {
  const xml = sheet(
    '<x:row r="5"><x:c r="B5" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row>',
    "x:"
  );
  expect(cellsOf(xml, [[4, 1]])).toEqual([{ type: "text", text: "甲" }]);
});

test("shared strings: rich-text runs joined, phonetic runs left out, entities and _xHHHH_ decoded", () => {
  const xml =
    "<sst>" +
    "<si><t>甲&amp;乙</t></si>" +
    '<si><r><rPr><b/></rPr><t xml:space="preserve">依申请 </t></r><r><t>公开</t></r></si>' +
    '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>' +
    "<si><t>第一行_x000D_\n第二行 _x005F_x0041_</t></si>" +
    "<si/>" +
    "</sst>";
  expect(parseSharedStrings(xml)).toEqual([
    "甲&乙",
    "依申请 公开",
    "漢字",
    "第一行\r\n第二行 _x0041_",
    "",
  ]);
});

test("a shared-string index out of range or not a number reads as blank, not a crash", () => {
  const xml = sheet('<row r="1"><c r="A1" t="s"><v>99</v></c><c r="B1" t="s"><v>x</v></c></row>');
  expect(
    cellsOf(
      xml,
      [
        [0, 0],
        [0, 1],
      ],
      ["a"]
    )
  ).toEqual([{ type: "blank" }, { type: "blank" }]);
});

test("truncated sheet XML gives what was read before the cut", () => {
  const xml = '<worksheet><sheetData><row r="1"><c r="A1"><v>7</v></c><c r="B1"><v>8';
  expect(
    cellsOf(xml, [
      [0, 0],
      [0, 1],
    ])
  ).toEqual([{ type: "number", value: 7 }, { type: "blank" }]);
});

test("relationship targets: relative, absolute, with .., external ones ignored", () => {
  const rels =
    "<Relationships>" +
    '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>' +
    '<Relationship Id="rId2" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/>' +
    '<Relationship Id="rId3" Type="worksheet" Target="../xl/worksheets/./sheet3.xml"/>' +
    '<Relationship Id="rId4" Type="link" Target="https://example.org/x.xml" TargetMode="External"/>' +
    "</Relationships>";
  expect([...parseRelationships(rels, "xl/workbook.xml")]).toEqual([
    ["rId1", "xl/worksheets/sheet1.xml"],
    ["rId2", "xl/worksheets/sheet2.xml"],
    ["rId3", "xl/worksheets/sheet3.xml"],
  ]);
  expect(resolvePart("xl/workbook.xml", "worksheets/a.xml")).toBe("xl/worksheets/a.xml");
});

/** A minimal workbook of our names: two meta cells, on a sheet the relationships put at an unusual path. */
function handMade(options: { date1904?: boolean; prefix?: string; rels?: boolean } = {}) {
  const p = options.prefix ?? "";
  const workbook =
    `<${p}workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    (options.date1904 ? `<${p}workbookPr date1904="1"/>` : "") +
    `<${p}sheets><${p}sheet name="2020年度年报" sheetId="7" r:id="rIdA"/></${p}sheets>` +
    `<${p}definedNames>` +
    `<${p}definedName name="${META_NAMES.format}">'2020年度年报'!$A$1</${p}definedName>` +
    `<${p}definedName name="${META_NAMES.year}">'2020年度年报'!$B$1</${p}definedName>` +
    `<${p}definedName name="${META_NAMES.date}">'2020年度年报'!$C$1</${p}definedName>` +
    `</${p}definedNames></${p}workbook>`;
  const rels =
    '<Relationships><Relationship Id="rIdA" Type="worksheet" Target="/xl/sheets/data.xml"/></Relationships>';
  const data = sheet(
    `<${p}row r="1"><${p}c r="A1" t="inlineStr"><${p}is><${p}t>2019</${p}t></${p}is></${p}c>` +
      `<${p}c r="B1"><${p}v>2020</${p}v></${p}c><${p}c r="C1" s="1"><${p}v>${options.date1904 ? 42558 : 44020}</${p}v></${p}c></${p}row>`,
    p
  );
  return craftZip([
    { name: "xl/workbook.xml", data: Buffer.from(workbook) },
    ...(options.rels === false
      ? []
      : [{ name: "xl/_rels/workbook.xml.rels", data: Buffer.from(rels) }]),
    { name: "xl/sheets/data.xml", data: Buffer.from(data) },
  ]);
}

test.each([
  ["plain", {}],
  ["prefixed elements", { prefix: "x:" }],
  ["the 1904 date system", { date1904: true }],
])("a hand-made workbook (%s) reads to its report", (_, options) => {
  const read = readWorkbook(handMade(options));
  if (!read.ok) throw new Error(read.error.en);
  const result = reportFromWorkbook(read.bound);
  if (!result.ok) throw new Error(result.messageEn);
  expect(result.report.format).toBe("2019");
  expect(result.report.year).toBe(2020);
  expect(result.report.date).toBe("2020-07-08"); // 44020 (1900 system) = 42558 (1904 system)
});

test("a sheet whose part cannot be found makes its names broken, not a crash", () => {
  const read = readWorkbook(handMade({ rels: false }));
  if (!read.ok) throw new Error(read.error.en);
  expect(read.bound.problems).toContainEqual({
    name: META_NAMES.year,
    problem: "broken",
    reference: "'2020年度年报'!$B$1",
  });
});
