/** Reading untrusted files: every bad input is a clear bilingual refusal, never a crash or a hang. */
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { parseWorkbookXml, resolveReference } from "../../src/xlsx/names";
import { craftZip, declaredBomb, lyingBomb } from "./craft-zip";
import { filledWorkbook, templateFor } from "./workbooks";
import { randomConsistentReport } from "../support/random-report";

async function refusal(bytes: Uint8Array) {
  const r = readWorkbook(bytes);
  if (r.ok) throw new Error("read a file that should have been refused");
  return r.error;
}

test("an OLE compound file (an encrypted .xlsx, or an old .xls) is called encrypted", async () => {
  const ole = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(600)]);
  const e = await refusal(ole);
  expect(e.reason).toBe("encrypted");
  expect(e.zh).toContain("文件已加密，请先取消密码保护再校验");
});

test("a text file is not an .xlsx", async () => {
  expect((await refusal(Buffer.from("名称,数值\n一,2\n"))).reason).toBe("not-xlsx");
});

test("a truncated workbook is corrupt", async () => {
  const bytes = await templateFor(randomConsistentReport("2021", 1));
  const e = await refusal(bytes.subarray(0, bytes.length / 2));
  expect(e.reason).toBe("corrupt");
  expect(e.zh).toMatch(/文件已损坏/);
});

test("a workbook with a damaged part is corrupt, not a crash", async () => {
  const bytes = Buffer.from(await templateFor(randomConsistentReport("2021", 1)));
  bytes.fill(0x41, 200, 400); // inside the first entry's compressed data
  expect((await refusal(bytes)).reason).toBe("corrupt");
});

test("a zip whose directory declares a huge part is refused before inflating", async () => {
  const start = Date.now();
  const e = await refusal(declaredBomb());
  expect(e.reason).toBe("too-large");
  expect(e.zh).toMatch(/文件过大/);
  expect(Date.now() - start).toBeLessThan(1000);
});

test.each([30, 300])(
  "a zip whose directory under-declares a part (%d MB) is caught while inflating, with a hard limit",
  async (megabytes) => {
    const bomb = lyingBomb(megabytes);
    const start = Date.now();
    const e = await refusal(bomb);
    expect(e.reason).toBe("too-large");
    expect(e.en).toMatch(/beyond its declared size/);
    expect(Date.now() - start).toBeLessThan(5000);
  }
);

test.each([
  ["small", 1_000, 0, 64 * 1024], // inflated in one call
  ["large", 40_000, 64 * 1024, Infinity], // inflated in slices
])("a %s part whose compressed data is cut short is corrupt", async (_, rows, min, max) => {
  const cells = Array.from(
    { length: rows },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 100_003}</v></c></row>`
  );
  const name = "xl/worksheets/sheet1.xml";
  const zip = craftZip([
    { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
    { name, data: Buffer.from(`<worksheet><sheetData>${cells.join("")}</sheetData></worksheet>`) },
  ]);
  // keep the directory, zero the second half of the sheet's compressed bytes
  const sheetStart = zip.indexOf(name) + name.length;
  const directory = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  expect(directory - sheetStart).toBeGreaterThan(min);
  expect(directory - sheetStart).toBeLessThan(max);
  zip.fill(0, sheetStart + Math.floor((directory - sheetStart) / 2), directory);
  expect((await refusal(zip)).reason).toBe("corrupt");
});

test("a zip that is not a workbook, and an encrypted zip entry", async () => {
  expect((await refusal(craftZip([{ name: "a.txt", data: Buffer.from("x") }]))).reason).toBe(
    "not-xlsx"
  );
  const enc = craftZip([{ name: "xl/workbook.xml", data: Buffer.from("<workbook/>"), flags: 1 }]);
  expect((await refusal(enc)).reason).toBe("encrypted");
});

test("a sheet of more than 100,000 rows is refused", async () => {
  const rows = Array.from({ length: 100_001 }, (_, i) => `<row r="${i + 1}"/>`).join("");
  const zip = craftZip([
    {
      name: "xl/workbook.xml",
      data: Buffer.from(
        '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
      ),
    },
    {
      name: "xl/worksheets/sheet1.xml",
      data: Buffer.from(`<worksheet><sheetData>${rows}</sheetData></worksheet>`),
    },
  ]);
  const e = await refusal(zip);
  expect(e.reason).toBe("too-large");
  expect(e.zh).toContain("100,000");
});

test("a sheet just under the limits (99,000 rows, 19 MB of XML) is read in bounded time", () => {
  const rows: string[] = [];
  for (let r = 1; r <= 99_000; r++) {
    let cells = "";
    for (let c = 0; c < 5; c++) cells += `<c r="${"ABCDE"[c]}${r}" s="1"><v>${r * c}</v></c>`;
    rows.push(`<row r="${r}" spans="1:5">${cells}</row>`);
  }
  const xml = `<worksheet><sheetData>${rows.join("")}</sheetData></worksheet>`;
  expect(xml.length).toBeGreaterThan(19_000_000);
  expect(xml.length).toBeLessThan(20 * 1024 * 1024);
  const zip = craftZip([
    {
      name: "xl/workbook.xml",
      data: Buffer.from(
        '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets><definedNames>' +
          '<definedName name="nb.meta.year">S!$E$98999</definedName></definedNames></workbook>'
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: Buffer.from(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
      ),
    },
    { name: "xl/worksheets/sheet1.xml", data: Buffer.from(xml) },
  ]);
  const start = Date.now();
  const r = readWorkbook(zip);
  if (!r.ok) throw new Error(r.error.en);
  expect(Date.now() - start).toBeLessThan(10_000);
  expect(r.ok && r.bound.cells.get("nb.meta.year")?.raw).toEqual({
    type: "number",
    value: 98999 * 4,
  });
});

test("a filled workbook is read without notes", async () => {
  const r = readWorkbook(await filledWorkbook(randomConsistentReport("2019", 2)));
  expect(r.ok && r.notes).toEqual([]);
});

describe("workbook names", () => {
  const sheets = ["2024年度年报", "It's", "Sheet1"];
  test.each([
    ["'2024年度年报'!$B$3", { ok: true, sheet: "2024年度年报", row: 2, col: 1 }],
    ["2024年度年报!$B$3", { ok: true, sheet: "2024年度年报", row: 2, col: 1 }], // as LibreOffice writes it
    ["'It''s'!C4", { ok: true, sheet: "It's", row: 3, col: 2 }],
    ["sheet1!$A$1:$A$1", { ok: true, sheet: "Sheet1", row: 0, col: 0 }],
    ["#REF!", { ok: false, problem: "broken" }],
    ["'2024年度年报'!#REF!", { ok: false, problem: "broken" }],
    ["[1]Sheet1!$A$1", { ok: false, problem: "broken" }],
    ["'[budget.xlsx]Sheet1'!$A$1", { ok: false, problem: "broken" }],
    ["Gone!$A$1", { ok: false, problem: "broken" }],
    ["Sheet1!$A$1:$B$2", { ok: false, problem: "not-single-cell" }],
    ["Sheet1!$A$1,Sheet1!$B$2", { ok: false, problem: "not-single-cell" }],
  ])("%s", (reference, expected) => {
    expect(resolveReference(reference, sheets)).toEqual(expected);
  });

  test("workbook.xml: sheets, entities, sheet-scoped names, prefixed elements", () => {
    const xml =
      '<x:workbook><x:sheets><x:sheet name="A &amp; B" sheetId="1"/></x:sheets><x:definedNames>' +
      '<x:definedName name="nb.meta.year">&apos;A &amp; B&apos;!$K$2</x:definedName>' +
      '<x:definedName name="nb.meta.format" localSheetId="0">#REF!</x:definedName></x:definedNames></x:workbook>';
    expect(parseWorkbookXml(xml)).toEqual({
      sheets: ["A & B"],
      sheetRelIds: [undefined],
      date1904: false,
      names: [
        { name: "nb.meta.year", reference: "'A & B'!$K$2" },
        { name: "nb.meta.format", reference: "#REF!", localSheetId: 0 },
      ],
    });
  });
});
