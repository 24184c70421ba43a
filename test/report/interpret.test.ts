import fc from "fast-check";
import type {
  CellProblem,
  CellSource,
  Interpretation,
  RawCell,
  ValueKind,
} from "../../src/report/cell";
import { EXCEL_ERRORS } from "../../src/report/cell";
import { interpretCell } from "../../src/report/interpret";

const num = (value: number): RawCell => ({ type: "number", value });
const bool = (value: boolean): RawCell => ({ type: "boolean", value });
const err = (code: string): RawCell => ({ type: "error", code });
const BLANK: RawCell = { type: "blank" };

const W: CellSource = "workbook";
const D: CellSource = "document";

/** [what the cell holds (a string is text), kind, source, "ok" | "blank" | problem, value (ok) or fix (absent: none)] */
type Case = [RawCell | string, ValueKind, CellSource, "ok" | "blank" | CellProblem, number?];

const cases: Case[] = [
  // blank and whitespace
  [BLANK, "count", W, "blank"],
  ["", "count", W, "blank"],
  ["   ", "amount", D, "blank"],
  ["\u3000", "count", W, "blank"],
  ["\u00a0 \t\n", "signed", D, "blank"],

  // numbers
  [num(2), "count", W, "ok", 2],
  [num(0), "count", W, "ok", 0],
  [num(-0), "count", W, "ok", 0],
  [num(2.0), "signed", W, "ok", 2],
  [num(2.5), "count", W, "decimal"],
  [num(2.5), "signed", W, "decimal"],
  [num(-3), "signed", W, "ok", -3],
  [num(-1), "count", W, "negative"],
  [num(-0.5), "amount", W, "negative"],
  [num(2987.6), "amount", W, "ok", 2987.6],
  [num(0.0001), "amount", D, "ok", 0.0001],
  [num(NaN), "count", W, "not-a-number"],
  [num(Infinity), "amount", W, "not-a-number"],
  [num(-Infinity), "signed", W, "not-a-number"],
  [num(Number.MAX_SAFE_INTEGER + 2), "count", W, "too-large"],
  [num(1e9), "count", W, "ok", 1e9],
  [num(1e9 + 1), "count", W, "too-large"],
  [num(2e9), "amount", W, "too-large"],
  [num(-2e9), "signed", W, "too-large"],

  // booleans and Excel errors
  [bool(true), "count", W, "boolean"],
  [bool(false), "amount", W, "boolean"],
  [err("#REF!"), "count", W, "error-value"],
  [err("#VALUE!"), "signed", W, "error-value"],
  [err("#N/A"), "amount", W, "error-value"],
  [err("#DIV/0!"), "count", D, "error-value"],
  ["#REF!", "count", D, "error-value"],

  // text in a workbook: a number typed as text
  ["2", "count", W, "number-as-text", 2],
  [" 2 ", "count", W, "number-as-text", 2],
  ["1,234", "count", W, "number-as-text", 1234],
  ["1,234,567", "count", W, "number-as-text", 1234567],
  ["1 234", "count", W, "number-as-text", 1234],
  ["1\u00a0234", "count", W, "number-as-text", 1234],
  ["2.0", "count", W, "number-as-text", 2],
  ["2987.6", "amount", W, "number-as-text", 2987.6],
  ["1,234.5", "amount", W, "number-as-text", 1234.5],
  ["1,23", "count", W, "text"],
  ["12,3", "count", W, "text"],
  ["1,23", "amount", D, "text"],
  ["1.234,5", "amount", W, "text"],
  ["1234,567", "count", W, "text"],

  // text in a published document: plain numbers are the numbers
  ["2", "count", D, "ok", 2],
  [" 2 ", "count", D, "ok", 2],
  ["0", "count", D, "ok", 0],
  ["1,234", "count", D, "ok", 1234],
  ["1 234", "count", D, "ok", 1234],
  ["2987.6", "amount", D, "ok", 2987.6],
  ["-1", "signed", D, "ok", -1],
  ["+2", "signed", D, "ok", 2],
  ["2.0", "count", D, "ok", 2],

  // full-width digits and signs, in both sources
  ["２", "count", W, "fullwidth", 2],
  ["２", "count", D, "fullwidth", 2],
  ["１２．５", "amount", D, "fullwidth", 12.5],
  ["１，２３４", "count", W, "fullwidth", 1234],
  ["－１", "signed", D, "fullwidth", -1],
  ["＋２", "signed", W, "fullwidth", 2],
  ["\u22121", "signed", D, "ok", -1],
  ["\u22121", "signed", W, "number-as-text", -1],
  ["１２．５", "count", D, "decimal"],
  ["－１", "count", D, "negative"],

  // placeholders for "none"
  ["/", "count", D, "placeholder", 0],
  ["-", "count", D, "placeholder", 0],
  ["—", "count", D, "placeholder", 0],
  ["——", "signed", D, "placeholder", 0],
  ["－", "count", W, "placeholder", 0],
  ["／", "amount", D, "placeholder", 0],
  ["无", "count", D, "placeholder", 0],
  ["\\", "count", D, "placeholder", 0],
  [" — ", "count", D, "placeholder", 0],
  ["— —", "count", D, "placeholder", 0],
  ["暂无", "amount", D, "placeholder", 0],

  // units in the cell
  ["2件", "count", D, "unit", 2],
  ["2 件", "count", W, "unit", 2],
  ["2\u3000件", "count", W, "unit", 2],
  ["2项", "count", D, "unit", 2],
  ["2个", "count", D, "unit", 2],
  ["2条", "count", D, "unit", 2],
  ["2次", "count", D, "unit", 2],
  ["2人", "count", D, "unit", 2],
  ["2人次", "count", D, "unit", 2],
  ["2宗", "count", D, "unit", 2],
  ["2起", "count", D, "unit", 2],
  ["２件", "count", D, "unit", 2],
  ["+2件", "signed", D, "unit", 2],
  ["2.5件", "count", D, "decimal"],
  ["2万", "count", D, "unit", 20000],
  ["2万件", "count", D, "unit", 20000],
  ["1.5万件", "count", D, "unit", 15000],
  ["2元", "count", D, "unit"],
  ["2万元", "count", D, "unit"],
  ["2件", "amount", D, "unit"],
  ["2987.6万元", "amount", D, "unit", 2987.6],
  ["2987.6万元", "amount", W, "unit", 2987.6],
  ["2987.6 万元", "amount", D, "unit", 2987.6],
  ["2987.6万", "amount", D, "unit", 2987.6],
  ["251000元", "amount", D, "unit", 25.1],
  ["12345.67元", "amount", D, "unit", 1.234567],
  ["1元", "amount", D, "unit", 0.0001],
  ["0.1元", "amount", D, "unit", 0.00001],
  ["1.2亿元", "amount", D, "unit", 12000],
  ["1.2亿", "amount", D, "unit", 12000],
  ["1,234.5万元", "amount", D, "unit", 1234.5],
  ["１２．５万元", "amount", D, "unit", 12.5],

  // changes in a signed cell
  ["+2", "signed", W, "number-as-text", 2],
  ["-1", "signed", W, "number-as-text", -1],
  ["-0", "signed", D, "ok", 0],
  ["增3", "signed", D, "text", 3],
  ["增加3", "signed", D, "text", 3],
  ["增加 3", "signed", W, "text", 3],
  ["增加3件", "signed", D, "unit", 3],
  ["减4", "signed", D, "text", -4],
  ["减少4", "signed", D, "text", -4],
  ["减少4件", "signed", D, "unit", -4],
  ["持平", "signed", D, "text", 0],
  ["无变化", "signed", D, "text", 0],
  ["±0", "signed", D, "text", 0],
  ["±2", "signed", D, "text"],
  ["减少2.5", "signed", D, "decimal"],

  // changes in a cell that is not signed
  ["+2", "count", D, "signed-in-count", 2],
  ["+2", "count", W, "signed-in-count", 2],
  ["增3", "count", D, "signed-in-count", 3],
  ["+2.5", "amount", D, "signed-in-count", 2.5],
  ["-1", "count", D, "negative"],
  ["-1", "count", W, "negative"],
  ["减4", "count", D, "negative"],
  ["-5", "amount", D, "negative"],
  ["持平", "count", D, "text"],

  // Chinese numerals, exact forms only
  ["零", "count", D, "text", 0],
  ["二", "count", D, "text", 2],
  ["两件", "count", D, "unit", 2],
  ["十", "count", D, "text", 10],
  ["十二", "count", D, "text", 12],
  ["二十", "count", D, "text", 20],
  ["一百零五", "count", D, "text", 105],
  ["一百一十", "count", D, "text", 110],
  ["三千", "count", D, "text", 3000],
  ["一千零一十", "count", D, "text", 1010],
  ["一万零五百", "count", D, "text", 10500],
  ["一万两千", "count", D, "text", 12000],
  ["九万九千九百九十九", "count", D, "text", 99999],
  ["三万", "count", D, "unit", 30000],
  ["减少三件", "signed", D, "unit", -3],
  ["五万元", "amount", D, "unit", 5],
  ["一百五", "count", D, "text"],
  ["一百十", "count", D, "text"],
  ["两万五", "count", D, "text"],
  ["零五", "count", D, "text"],
  ["一百零", "count", D, "text"],
  ["二二", "count", D, "text"],
  ["百", "count", D, "text"],

  // decimals in a count
  ["2.5", "count", W, "decimal"],
  ["2.5", "count", D, "decimal"],
  ["2.5", "signed", D, "decimal"],

  // too large
  ["99999999999", "count", D, "too-large"],
  ["12345678901234567890", "count", W, "too-large"],
  ["2000000000元", "amount", D, "unit", 200000],
  ["20亿元", "amount", D, "unit", 200000],
  ["20万亿元", "amount", D, "text"],

  // approximations, annotations and prose: never guessed
  ["约20", "count", D, "text"],
  ["20左右", "count", D, "text"],
  ["20余", "count", D, "text"],
  ["20多", "count", D, "text"],
  ["20余件", "count", D, "text"],
  ["2(含1件转办)", "count", D, "text"],
  ["2（含1件转办）", "count", D, "text"],
  ["2+3", "count", D, "text"],
  ["2/3", "count", D, "text"],
  ["1-2", "count", D, "text"],
  ["见附件", "count", D, "text"],
  ["N/A", "count", D, "text"],
  ["TBD", "count", D, "text"],
  ["XX", "count", D, "text"],
  ["TRUE", "count", W, "text"],
  ["1e3", "count", W, "text"],
  [".5", "amount", W, "text"],
  ["5.", "amount", W, "text"],
  ["本年度共受理申请2件，均已办结", "count", D, "text"],
  ["x".repeat(100_000), "count", D, "text"],
  ["5%", "count", D, "text"],
  ["5%", "amount", D, "text"],
];

describe("interpretCell: table", () => {
  const rows = cases.map(([cell, kind, source, expected, n]) => {
    const raw: RawCell = typeof cell === "string" ? { type: "text", text: cell } : cell;
    const label =
      typeof cell === "string"
        ? JSON.stringify(cell.length > 30 ? cell.slice(0, 30) + "…" : cell)
        : JSON.stringify(cell);
    return [label, kind, source, expected, n, raw] as const;
  });

  test.each(rows)("%s as %s from %s → %s %p", (_label, kind, source, expected, n, raw) => {
    const got = interpretCell(raw, kind, source);
    if (expected === "ok") {
      expect(got).toEqual({ status: "ok", value: n });
      expect(Object.is((got as { value: number }).value, n)).toBe(true); // also -0 vs 0
    } else if (expected === "blank") {
      expect(got).toEqual({ status: "blank" });
    } else {
      expect(got.status).toBe("invalid");
      if (got.status !== "invalid") return;
      expect(got.problem).toBe(expected);
      if (n === undefined) expect("fix" in got).toBe(false);
      else expect(got.fix).toBe(n);
      expect(got.message.length).toBeGreaterThan(0);
      expect(got.message.length).toBeLessThanOrEqual(200);
      expect(got.messageEn.length).toBeLessThanOrEqual(200);
    }
  });

  test("has at least 80 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });
});

describe("interpretCell: messages", () => {
  const message = (raw: RawCell | string, kind: ValueKind, source: CellSource = "document") => {
    const got = interpretCell(
      typeof raw === "string" ? { type: "text", text: raw } : raw,
      kind,
      source
    );
    if (got.status !== "invalid") throw new Error(`expected a finding, got ${JSON.stringify(got)}`);
    return got;
  };

  test("say what the cell holds and what to write", () => {
    expect(message("2987.6万元", "amount").message).toBe(
      "单元格写的是“2987.6万元”，带有单位；应只填数字 2987.6（单位：万元）"
    );
    expect(message("/", "count").message).toBe("“/”不是数字：如表示没有，请填 0");
    expect(message(err("#REF!"), "count").message).toBe(
      "“#REF!”是 Excel 错误值，请检查该单元格的公式或引用"
    );
    expect(message(num(2.5), "count").message).toBe("计数应为不小于 0 的整数，此处为 2.5");
    expect(message("2", "count", "workbook").message).toContain("Excel 求和时会忽略");
    expect(message("2", "count", "workbook").messageEn).toContain("SUM");
  });

  test("quote a long cell shortened with …", () => {
    const got = message("这是一段很长的说明文字，".repeat(50), "count");
    expect(got.message).toContain("…");
    expect(got.message.length).toBeLessThan(80);
    expect(got.messageEn).toContain("…");
  });

  test("do not split a surrogate pair when shortening", () => {
    const got = message("😀".repeat(30), "count");
    expect(got.message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("interpretCell: properties", () => {
  const KINDS: ValueKind[] = ["count", "signed", "amount"];
  const PROBLEMS = new Set<CellProblem>([
    "error-value",
    "placeholder",
    "unit",
    "fullwidth",
    "number-as-text",
    "signed-in-count",
    "negative",
    "decimal",
    "too-large",
    "not-a-number",
    "boolean",
    "text",
  ]);
  /** Characters that make up numbers, signs, units and placeholders, so random text often reaches every recogniser. */
  const NUMBERISH = fc.constantFrom(
    ..."0123456789０１２３４５６７８９.,．，+-＋－−± \u3000\u00a0/—无增减加少万亿元件项人次一二两三十百千零".split(
      ""
    )
  );

  /** A value of this kind: what an ok value or a fix must be. */
  const fits = (n: number, kind: ValueKind) =>
    Number.isFinite(n) &&
    Math.abs(n) <= 1e9 &&
    (kind === "amount" || Number.isInteger(n)) &&
    (kind === "signed" || n >= 0) &&
    !Object.is(n, -0);

  const wellFormed = (got: Interpretation, kind: ValueKind) => {
    switch (got.status) {
      case "blank":
        return Object.keys(got).length === 1;
      case "ok":
        return fits(got.value, kind);
      case "invalid":
        return (
          PROBLEMS.has(got.problem) &&
          got.message.length > 0 &&
          got.message.length <= 200 &&
          got.messageEn.length > 0 &&
          got.messageEn.length <= 200 &&
          ("fix" in got ? typeof got.fix === "number" && fits(got.fix, kind) : true)
        );
      default:
        return false;
    }
  };

  const raws: fc.Arbitrary<RawCell> = fc.oneof(
    fc.string().map((text): RawCell => ({ type: "text", text })),
    fc.string({ unit: "binary" }).map((text): RawCell => ({ type: "text", text })),
    fc.string({ unit: NUMBERISH, maxLength: 12 }).map((text): RawCell => ({ type: "text", text })),
    fc.double().map(num),
    fc.integer().map(num),
    fc.boolean().map(bool),
    fc.oneof(fc.constantFrom(...EXCEL_ERRORS), fc.string()).map(err),
    fc.constant(BLANK)
  );

  test("never throws and always returns a well-formed interpretation", () => {
    fc.assert(
      fc.property(
        raws,
        fc.constantFrom(...KINDS),
        fc.constantFrom<CellSource>("workbook", "document"),
        (raw, kind, source) => {
          const got = interpretCell(raw, kind, source);
          expect(wellFormed(got, kind)).toBe(true);
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("a fix, written as a number, is accepted as it is", () => {
    fc.assert(
      fc.property(raws, fc.constantFrom(...KINDS), (raw, kind) => {
        const got = interpretCell(raw, kind, "document");
        if (got.status === "invalid" && got.fix !== undefined) {
          expect(interpretCell(num(got.fix), kind)).toEqual({ status: "ok", value: got.fix });
        }
      }),
      { numRuns: 2000 }
    );
  });

  test("a whole number ≥ 0 reads back as itself, as a number and as document text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom(...KINDS), (n, kind) => {
        expect(interpretCell(num(n), kind)).toEqual({ status: "ok", value: n });
        expect(interpretCell({ type: "text", text: String(n) }, kind, "document")).toEqual({
          status: "ok",
          value: n,
        });
        expect(interpretCell({ type: "text", text: String(n) }, kind, "workbook")).toMatchObject({
          status: "invalid",
          problem: "number-as-text",
          fix: n,
        });
      })
    );
  });

  test("survives input outside the types without throwing", () => {
    for (const raw of [
      null,
      undefined,
      {},
      { type: "text" },
      { type: "number" },
      { type: "error" },
      42,
      "2",
    ]) {
      const got = interpretCell(raw as unknown as RawCell, "count");
      expect(["blank", "ok", "invalid"]).toContain(got.status);
    }
    expect(interpretCell({ type: "text", text: "2" }, "nonsense" as ValueKind)).toMatchObject({
      status: "invalid",
      problem: "text",
    });
  });

  test("a 1,000,000-character cell is handled in well under 50 ms", () => {
    const huge = [
      "x".repeat(1_000_000),
      "1".repeat(1_000_000),
      " ".repeat(1_000_000),
      "2" + "\u3000".repeat(999_999),
      "1,".repeat(500_000),
      "一".repeat(1_000_000),
    ];
    interpretCell({ type: "text", text: "warm up" }, "count");
    for (const text of huge) {
      const start = performance.now();
      const got = interpretCell({ type: "text", text }, "count", "document");
      const ms = performance.now() - start;
      expect(ms).toBeLessThan(50);
      expect(wellFormed(got, "count")).toBe(true);
      if (got.status === "invalid") expect(got.message.length).toBeLessThanOrEqual(200);
    }
    expect(interpretCell({ type: "text", text: " ".repeat(1_000_000) }, "count")).toEqual({
      status: "blank",
    });
    expect(
      interpretCell({ type: "text", text: "2" + "\u3000".repeat(999_999) }, "count", "document")
    ).toEqual({
      status: "ok",
      value: 2,
    });
  });
});
