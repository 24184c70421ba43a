import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateReport } from "../../src/checks/evaluate";
import { decodeDocument } from "../../src/import/decode";
import { importPublishedText } from "../../src/import/text";
import { cellValues, getValue } from "../../src/report/model";
import { readReportJson } from "../../src/report/read-json";
import { SEED_TEXT } from "../support/shared";

const TEXT = readFileSync(SEED_TEXT);
const EXPECTED = readReportJson(
  readFileSync(join(__dirname, "../fixtures/2020-bingtuan-natural-resources-bureau.json"))
);

test("the published 2020 report imports to the hand-checked values", () => {
  if (!EXPECTED.ok) throw new Error("fixture");
  const result = importPublishedText(decodeDocument(TEXT));
  if (!result.ok) throw new Error(JSON.stringify(result.notes));
  // the only note: the unit written into a cell, read as the number it means
  expect(result.notes.map((n) => n.message)).toEqual([
    "二、政府集中采购·采购总金额：原文为“2987.6万元”，按 2987.6 导入",
  ]);
  expect(result.report.format).toBe("2019");
  expect(result.report.year).toBe(2020);
  expect(result.report.agency).toBe("兵团自然资源局");
  expect(result.report.date).toBe("2021-01-29");
  expect(cellValues(result.report)).toEqual(cellValues(EXPECTED.report));
  const errors = validateReport(result.report).findings.filter((f) => f.severity === "error");
  expect(errors.map((f) => f.rule)).toEqual(["balance", "balance", "outcome-total", "row-total"]);
});

describe("robustness: a clear message and no crash, in bounded time", () => {
  const text = decodeDocument(TEXT);

  test("GB18030/GBK bytes are decoded; UTF-8 with a BOM too", () => {
    expect(decodeDocument(GB18030_NIANDU_BAOGAO)).toBe("年度报告");
    expect(
      decodeDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("年度报告")]))
    ).toBe("年度报告");
    const result = importPublishedText(decodeDocument(GB18030_NIANDU_BAOGAO));
    expect(result.ok).toBe(false); // a title word only: no table labels
  });

  test("a truncated document: the rows that are there are read, the rest noted", () => {
    const cut = text.slice(0, text.indexOf("（四）无法提供"));
    const result = importPublishedText(cut);
    if (!result.ok) throw new Error("expected a partial import");
    // what comes before the cut is read exactly
    if (!EXPECTED.ok) throw new Error("fixture");
    for (const pointer of ["/requests/newReceived/total", "/requests/granted/total"])
      expect(getValue(result.report, pointer)).toBe(getValue(EXPECTED.report, pointer));
    expect(
      result.notes.some(
        (n) => n.pointer === "/requests/unavailable/notHeld" && n.message.includes("未找到")
      )
    ).toBe(true);
    expect(result.notes.some((n) => n.pointer === "/appeals")).toBe(true);
  });

  test("a row whose cells were dropped is refused, not guessed", () => {
    const dropped = text.replace("\t行政许可\n\t21\n\t15\n\t36", "\t行政许可\n\t21\n\t36");
    const result = importPublishedText(dropped);
    if (!result.ok) throw new Error("expected a partial import");
    expect(result.notes.find((n) => n.pointer === "/proactive/licensing")?.message).toMatch(
      /无法确定/
    );
    expect(cellValues(result.report).get("/proactive/licensing/change")).toBeNull();
  });

  test("mojibake, an empty file and random text: no format found, a clear message", () => {
    for (const input of ["", "鍏ㄥ眬鏀垮簻淇℃伅鍏紑", "lorem ipsum ".repeat(1000)]) {
      const result = importPublishedText(input);
      expect(result.ok).toBe(false);
      expect(result.notes[0].message).toMatch(/未能识别报告格式|过长/);
    }
  });

  test("a 20 MB file is refused quickly", () => {
    const huge = "一".repeat((20 * 1024 * 1024) / 3);
    const start = Date.now();
    const result = importPublishedText(huge);
    expect(result.ok).toBe(false);
    expect(Date.now() - start).toBeLessThan(1000);
  });

  test("two reports in one file: the first is read", () => {
    const result = importPublishedText(text + "\n\n" + text.replace(/2987\.6/g, "1.0"));
    if (!result.ok) throw new Error("expected an import");
    expect(cellValues(result.report).get("/proactive/procurement/amount")).toBe(2987.6);
  });

  test("HTML as saved from a portal", () => {
    const html = `<html><body><p>2020年度兵团自然资源局政府信息公开工作年度报告</p><table>${text
      .split("\n\n")
      .map(
        (row) =>
          `<tr>${row
            .split("\n")
            .map((c) => `<td>${c.trim().replace(/&/g, "&amp;")}</td>`)
            .join("")}</tr>`
      )
      .join("")}</table></body></html>`;
    const result = importPublishedText(html);
    if (!result.ok) throw new Error(JSON.stringify(result.notes));
    if (!EXPECTED.ok) throw new Error("fixture");
    expect(cellValues(result.report)).toEqual(cellValues(EXPECTED.report));
  });
});

/** 「年度报告」 in GB18030 (the same bytes in GBK and GB2312). */
const GB18030_NIANDU_BAOGAO = new Uint8Array([0xc4, 0xea, 0xb6, 0xc8, 0xb1, 0xa8, 0xb8, 0xe6]);
