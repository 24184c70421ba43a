/** Reading untrusted files: every bad input is a clear bilingual refusal, never a crash or a hang. */
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { parseWorkbookXml, resolveReference } from "../../src/xlsx/names";
import { craftZip, declaredBomb, lyingBomb } from "./craft-zip";
import { filledWorkbook, templateFor } from "./workbooks";
import { randomConsistentReport } from "../support/random-report";

async function refusal(bytes: Uint8Array) {
  const r = await readWorkbook(bytes);
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

test("a zip whose directory under-declares a part is caught while inflating, with a hard limit", async () => {
  const e = await refusal(lyingBomb());
  expect(e.reason).toBe("too-large");
  expect(e.en).toMatch(/beyond its declared size/);
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

test("a filled workbook is read without notes", async () => {
  const r = await readWorkbook(await filledWorkbook(randomConsistentReport("2019", 2)));
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
      names: [
        { name: "nb.meta.year", reference: "'A & B'!$K$2" },
        { name: "nb.meta.format", reference: "#REF!", localSheetId: 0 },
      ],
    });
  });
});
