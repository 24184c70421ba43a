/**
 * The simulator's small formula tokenizer and A1 helpers: what rule evaluation and the HyperFormula
 * translation rely on.
 */
import fc from "fast-check";
import {
  formatArea,
  parseAddress,
  quoteSheetName,
  shiftAreaForDelete,
  shiftAreaForInsert,
  subtract,
} from "../../dev/excel-sim/address";
import {
  absolutize,
  qualify,
  render,
  shiftRelative,
  tokenize,
  toEngine,
  unqualify,
} from "../../dev/excel-sim/formula";
import { formatValue, parseTyped } from "../../dev/excel-sim/values";

describe("formula tokens", () => {
  test("references, names, functions, strings and errors are told apart", () => {
    const kinds = tokenize("=LOG10(B3)+nb.a.b+\"A1\"&$C$4:D5+'年报 2024'!E6+Sheet1!#REF!+TRUE").map(
      (t) => (t.kind === "text" ? `text:${t.text}` : t.kind === "name" ? `name:${t.text}` : t.kind)
    );
    expect(kinds).toEqual([
      "text:=LOG10(",
      "ref",
      "text:)+",
      "name:nb.a.b",
      'text:+"A1"&',
      "ref",
      "text:+",
      "ref",
      "text:+",
      "error",
      "text:+",
      "bool",
    ]);
  });

  test("relative parts shift, absolute parts stay, off-grid becomes #REF!", () => {
    expect(shiftRelative("=B3<>SUM($B$1:B2)+C$1+$D4", 2, 1)).toBe("=C5<>SUM($B$1:C4)+D$1+$D6");
    expect(shiftRelative("=A1-1", -1, 0)).toBe("=#REF!-1");
    expect(shiftRelative("=SUM(3:4)+SUM(A:B)", 1, 1)).toBe("=SUM(4:5)+SUM(B:C)");
  });

  test("qualify, unqualify, absolutize, and the engine dialect", () => {
    expect(qualify("=A1+Other!B2", "年报 2024")).toBe("='年报 2024'!A1+Other!B2");
    expect(unqualify("='年报 2024'!A1+Other!B2", "年报 2024")).toBe("=A1+Other!B2");
    expect(absolutize("=Sheet1!B3:C4")).toBe("=Sheet1!$B$3:$C$4");
    expect(toEngine("=汇总!A1+IF(TRUE,1,0)")).toBe("='汇总'!A1+IF(TRUE(),1,0)");
  });

  const leaf = fc.constantFrom(
    "A1",
    "$B$3",
    "C$10",
    "$D4",
    "AB12:AC13",
    "Sheet1!B2",
    "'年报 2024'!$A$1:B2",
    "汇总!C3",
    "3:5",
    "A:C",
    "nb.requests.total",
    "_x",
    "1.5",
    "2E3",
    '"B3 text"',
    "TRUE",
    "#REF!"
  );
  const operand = fc.oneof(
    leaf,
    leaf.map((x) => `SUM(${x})`),
    fc.tuple(leaf, leaf).map(([a, b]) => `LOG10(${a},${b})`)
  );
  const operator = fc.constantFrom("+", "-", "*", "/", "&", ",", "<>", ">=", " + ");
  const formula = fc
    .tuple(operand, fc.array(fc.tuple(operator, operand), { maxLength: 6 }))
    .map(([first, rest]) => "=" + first + rest.map(([o, x]) => o + x).join(""));

  test("render(tokenize(f)) gives f back", () => {
    fc.assert(
      fc.property(formula, (f) => {
        expect(render(tokenize(f))).toBe(f);
      })
    );
  });

  test("shifting there and back is the identity while nothing falls off the grid", () => {
    fc.assert(
      fc.property(
        formula,
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 20 }),
        (f, dr, dc) => {
          expect(shiftRelative(shiftRelative(f, dr, dc), -dr, -dc)).toBe(f);
        }
      )
    );
  });
});

describe("addresses", () => {
  test("parse the forms getRange accepts", () => {
    expect(parseAddress("b3")).toEqual({
      sheet: undefined,
      area: { row: 2, col: 1, rowCount: 1, colCount: 1 },
    });
    expect(parseAddress("D5:B3")?.area).toEqual({ row: 2, col: 1, rowCount: 3, colCount: 3 });
    expect(parseAddress("'It''s'!A:B")).toMatchObject({
      sheet: "It's",
      area: { row: 0, col: 0, colCount: 2 },
    });
    expect(parseAddress("3:4")?.area).toMatchObject({
      row: 2,
      rowCount: 2,
      col: 0,
      colCount: 16384,
    });
    for (const bad of ["A0", "XFE1", "A1048577", "A1:B2:C3", "", "nb.x"])
      expect(parseAddress(bad)).toBeUndefined();
  });

  test("format and quote as Range.address does", () => {
    expect(formatArea({ row: 2, col: 0, rowCount: 2, colCount: 16384 })).toBe("3:4");
    expect(formatArea({ row: 0, col: 1, rowCount: 1048576, colCount: 1 })).toBe("B:B");
    expect(
      ["Sheet1", "年报", "年报 2024", "2024年度年报", "A1", "It's"].map(quoteSheetName)
    ).toEqual(["Sheet1", "年报", "'年报 2024'", "'2024年度年报'", "'A1'", "'It''s'"]);
  });

  test("areas move with inserted rows and shrink with deleted ones", () => {
    const a = { row: 4, col: 1, rowCount: 3, colCount: 1 }; // B5:B7
    expect(formatArea(shiftAreaForInsert(a, 0, 2))).toBe("B7:B9");
    expect(formatArea(shiftAreaForInsert(a, 5, 1))).toBe("B5:B8");
    expect(formatArea(shiftAreaForInsert(a, 7, 1))).toBe("B5:B7");
    expect(formatArea(shiftAreaForDelete(a, 4, 1)!)).toBe("B5:B6");
    expect(formatArea(shiftAreaForDelete(a, 0, 5)!)).toBe("B1:B2");
    expect(shiftAreaForDelete(a, 3, 5)).toBeUndefined();
    expect(
      subtract(
        { row: 0, col: 0, rowCount: 3, colCount: 3 },
        { row: 1, col: 1, rowCount: 1, colCount: 1 }
      ).map((x) => formatArea(x))
    ).toEqual(["A1:C1", "A3:C3", "A2", "C2"]);
  });
});

describe("typed input and number formats", () => {
  test("strings as Excel reads typing", () => {
    const read = (raw: string, fmt = "General") => parseTyped(raw, fmt).input;
    expect(read("42")).toEqual({ kind: "value", value: 42 });
    expect(read("-1.5e2")).toEqual({ kind: "value", value: -150 });
    expect(read("12%")).toEqual({ kind: "value", value: 0.12 });
    expect(read("２")).toEqual({ kind: "value", value: "２" });
    expect(read("减4")).toEqual({ kind: "value", value: "减4" });
    expect(read("=A1")).toEqual({ kind: "formula", formula: "=A1" });
    expect(read("'=A1")).toEqual({ kind: "value", value: "=A1" });
    expect(read("=A1", "@")).toEqual({ kind: "value", value: "=A1" });
    expect(read("")).toEqual({ kind: "empty" });
  });

  test("formatValue", () => {
    expect(formatValue(1234.5, "#,##0.00")).toBe("1,234.50");
    expect(formatValue(-2, "0")).toBe("-2");
    expect(formatValue(0, "+0;-0;0")).toBe("0");
    expect(formatValue(0.1 + 0.2, "General")).toBe("0.3");
    expect(formatValue(45352, "yyyy-mm-dd")).toBe("2024-03-01");
    expect(formatValue(true, "General")).toBe("TRUE");
    expect(formatValue("#DIV/0!", "0")).toBe("#DIV/0!");
  });
});
