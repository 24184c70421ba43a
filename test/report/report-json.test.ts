import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { emptyReport, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import {
  MAX_PROBLEMS,
  readReportJson,
  reportToJson,
  syntaxErrorOffset,
  type InputProblem,
  type ReadResult,
} from "../../src/report/read-json";
import { cellDefs } from "../../src/templates/cells";
import { FORMAT_IDS, type FormatId } from "../../src/templates/formats";
import { randomConsistentReport } from "../support/random-report";

const FIXTURE = join(__dirname, "../fixtures/2020-bingtuan-natural-resources-bureau.json");
const CJK = /[\u4e00-\u9fff]/;

type Doc = Record<string, any>;

const docOf = (format: FormatId, seed = 1): Doc =>
  JSON.parse(reportToJson(randomConsistentReport(format, seed)));
const changed = (format: FormatId, change: (d: Doc) => void): string => {
  const d = docOf(format);
  change(d);
  return JSON.stringify(d);
};

/** Every problem names a place (root or a pointer) and says what is wrong in Chinese and in English. */
function expectWellFormed(result: ReadResult): void {
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
  for (const p of result.problems) {
    expect(p.pointer === "" || p.pointer.startsWith("/")).toBe(true);
    expect(p.message).toMatch(CJK);
    expect(p.messageEn).toMatch(/[A-Za-z]{3}/);
  }
}

function problemsOf(input: Uint8Array | string): InputProblem[] {
  const result = readReportJson(input);
  expectWellFormed(result);
  if (result.ok) throw new Error("expected the input to be refused");
  return result.problems;
}

const pointers = (input: Uint8Array | string) => problemsOf(input).map((p) => p.pointer);
const only = (input: Uint8Array | string): InputProblem => {
  const problems = problemsOf(input);
  expect(problems).toHaveLength(1);
  return problems[0];
};

function readOk(input: Uint8Array | string): Report {
  const result = readReportJson(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.report;
}

describe.each(FORMAT_IDS)("round trip, format %s", (format) => {
  test("an empty report", () => {
    const r = emptyReport({ format, year: 2024, agency: "某市某局" });
    expect(readOk(reportToJson(r))).toEqual(r);
  });

  test("random full reports (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const r = randomConsistentReport(format, seed);
        expect(readOk(reportToJson(r))).toEqual(r);
        expect(readOk(Buffer.from(reportToJson(r)))).toEqual(r);
      }),
      { numRuns: 30 }
    );
  });

  test("values the checks judge (negative, fractional counts) pass the reader unchanged", () => {
    const cell = cellDefs(format).find((d) => d.kind === "count")!.pointer;
    for (const value of [-1, 2.5, 1e9 + 1]) {
      const r = withValues(randomConsistentReport(format, 2), new Map([[cell, value]]));
      expect(readOk(reportToJson(r))).toEqual(r);
    }
  });
});

describe("reportToJson", () => {
  test("keys in the order of report-json.md, 2-space indent, trailing newline", () => {
    const json = reportToJson(randomConsistentReport("2021", 1));
    expect(Object.keys(JSON.parse(json))).toEqual([
      "schema",
      "format",
      "year",
      "agency",
      "date",
      "narrative",
      "proactive",
      "requests",
      "appeals",
    ]);
    expect(json.startsWith('{\n  "schema": "nianbao/report@1",\n  "format": "2021",')).toBe(true);
    expect(json.endsWith("}\n")).toBe(true);
  });

  test("puts keys in order whatever order the object has, and leaves out an absent date", () => {
    const r = emptyReport({ format: "2019", year: 2020, agency: "某局" });
    const shuffled = Object.fromEntries(Object.entries(r).reverse()) as unknown as Report;
    expect(reportToJson(shuffled)).toBe(reportToJson(r));
    expect(JSON.parse(reportToJson(r))).not.toHaveProperty("date");
  });
});

describe("reading well-formed input", () => {
  test("the real 2020 report", () => {
    const r = readOk(readFileSync(FIXTURE));
    expect(r).toMatchObject({
      format: "2019",
      year: 2020,
      agency: "兵团自然资源局",
      date: "2021-01-29",
    });
    expect(r.proactive).toMatchObject({ procurement: { amount: 2987.6 } });
  });

  test("a UTF-8 BOM, as bytes or as text, is accepted", () => {
    const json = reportToJson(randomConsistentReport("2021", 3));
    expect(readOk(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]))).toEqual(
      readOk(json)
    );
    expect(readOk("\ufeff" + json)).toEqual(readOk(json));
  });

  test("a real leap day, -0 and no date", () => {
    expect(readOk(changed("2021", (d) => (d.date = "2024-02-29"))).date).toBe("2024-02-29");
    const negativeZero = readOk(
      changed("2021", (d) => (d.requests.granted.total = 0)).replace('"total":0', '"total":-0')
    );
    expect(Object.is((negativeZero.requests.granted as Doc).total, 0)).toBe(true);
    expect(readOk(changed("2019", (d) => delete d.date))).not.toHaveProperty("date");
  });

  test("the report is built afresh, not the parsed object", () => {
    const r = readOk(reportToJson(randomConsistentReport("2019", 4)));
    for (const section of [r.narrative, r.proactive, r.requests, r.appeals]) {
      expect(Object.getPrototypeOf(section)).toBe(Object.prototype);
    }
  });
});

describe("wrong types", () => {
  test("text where a number belongs", () => {
    const p = only(changed("2021", (d) => (d.requests.granted.total = "12")));
    expect(p.pointer).toBe("/requests/granted/total");
    expect(p.message).toBe('/requests/granted/total：应为数字或 null（空白），实际为文本 "12"');
    expect(p.messageEn).toContain("expected a number or null");
  });

  test.each([
    ["a boolean", true, "布尔值 true"],
    ["an array", [1], "数组"],
    ["an object", { value: 1 }, "对象"],
  ])("%s in a cell", (_name, value, found) => {
    const p = only(changed("2019", (d) => (d.appeals.review.upheld = value)));
    expect(p.pointer).toBe("/appeals/review/upheld");
    expect(p.message).toContain(found);
  });

  test.each([
    [2024.5, "/year：应为 2000–2100 之间的整数，实际为 2024.5"],
    ["2024", '/year：应为 2000–2100 之间的整数，实际为文本 "2024"'],
    [1999, "/year：应为 2000–2100 之间的整数，实际为 1999"],
    [null, "/year：应为 2000–2100 之间的整数，实际为 null"],
  ])("year %p", (year, message) => {
    expect(only(changed("2021", (d) => (d.year = year)))).toMatchObject({
      pointer: "/year",
      message,
    });
  });

  test("agency empty, too long or not text; narrative not text", () => {
    expect(only(changed("2021", (d) => (d.agency = ""))).message).toContain("非空文本");
    expect(only(changed("2021", (d) => (d.agency = "局".repeat(201)))).message).toContain(
      "201 个字符"
    );
    expect(only(changed("2021", (d) => (d.agency = 7))).pointer).toBe("/agency");
    expect(only(changed("2021", (d) => (d.narrative.other = ["a"]))).pointer).toBe(
      "/narrative/other"
    );
  });

  test("a lone surrogate is one character, for the limit as in the message", () => {
    expect(readOk(changed("2021", (d) => (d.agency = "\udc00"))).agency).toBe("\udc00");
    expect(
      readOk(changed("2021", (d) => (d.agency = "局".repeat(199) + "\udc00"))).agency
    ).toHaveLength(200);
    const p = only(changed("2021", (d) => (d.agency = "局".repeat(200) + "\udc00")));
    expect(p.message).toContain("201 个字符的文本");
  });

  test.each([
    ["2025/01/20", "应为 YYYY-MM-DD 格式的日期"],
    ["2025-02-30", "不是有效的日期"],
    ["2023-02-29", "不是有效的日期"],
    ["2025-13-01", "不是有效的日期"],
    ["2025-00-10", "不是有效的日期"],
    [20250120, "应为 YYYY-MM-DD 格式的日期"],
  ])("date %p", (date, words) => {
    const p = only(changed("2021", (d) => (d.date = date)));
    expect(p.pointer).toBe("/date");
    expect(p.message).toContain(words);
  });

  test("a wrong schema id", () => {
    const p = only(changed("2019", (d) => (d.schema = "nianbao/report@2")));
    expect(p.pointer).toBe("/schema");
    expect(p.message).toContain('"nianbao/report@1"');
  });
});

describe("unknown and missing keys", () => {
  test.each([
    ["top level", (d: Doc) => (d.extra = 1), "/extra"],
    ["narrative", (d: Doc) => (d.narrative.summary = ""), "/narrative/summary"],
    ["a section", (d: Doc) => (d.proactive.subsidies = {}), "/proactive/subsidies"],
    ["a row", (d: Doc) => (d.proactive.licensing.foo = 1), "/proactive/licensing/foo"],
    ["a row group", (d: Doc) => (d.requests.withheld.other = {}), "/requests/withheld/other"],
    [
      "a nested row",
      (d: Doc) => (d.requests.withheld.stateSecret.foreigner = 0),
      "/requests/withheld/stateSecret/foreigner",
    ],
    ["appeals", (d: Doc) => (d.appeals.review.withdrawn = 0), "/appeals/review/withdrawn"],
    ["a key needing escapes", (d: Doc) => (d.appeals["a/b~c"] = 0), "/appeals/a~1b~0c"],
  ])("an unknown key in %s", (_where, change, pointer) => {
    const p = only(changed("2019", change));
    expect(p.pointer).toBe(pointer);
    expect(p.message).toBe(`${pointer}：未知字段，格式 2019 中没有此项`);
    expect(p.messageEn).toContain("unknown field");
  });

  test.each(["proactive", "requests", "appeals", "narrative"])("a missing section: %s", (key) => {
    const p = only(changed("2021", (d) => delete d[key]));
    expect(p).toMatchObject({ pointer: `/${key}`, message: `/${key}：缺少必需的字段` });
  });

  test("a missing narrative part and a missing cell, named as people name it", () => {
    expect(only(changed("2021", (d) => delete d.narrative.problems)).message).toBe(
      "/narrative/problems：缺少必需的字段"
    );
    expect(
      only(changed("2021", (d) => delete d.requests.withheld.stateSecret.naturalPerson)).message
    ).toBe(
      "/requests/withheld/stateSecret/naturalPerson：缺少必需的字段（三（三）1.属于国家秘密·自然人）"
    );
  });

  test("a 2019 key in a 2021 report points at the format", () => {
    const problems = problemsOf(changed("2021", (d) => (d.proactive.regulations.made = 3)));
    expect(problems.map((p) => p.pointer)).toEqual(["/proactive/regulations/made"]);
    expect(problems[0].message).toContain("这是格式 2019 的项目");
  });

  test("a whole 2019 report labelled 2021", () => {
    const ps = pointers(JSON.stringify({ ...docOf("2019"), format: "2021" }));
    expect(ps).toEqual(
      expect.arrayContaining([
        "/proactive/otherServices",
        "/proactive/regulations/issued",
        "/requests/other/noCorrection",
      ])
    );
  });

  test.each([["2020"], [2021], [null], [["2021"]]])(
    "format %p: one problem at /format, nothing else",
    (format) => {
      const p = only(changed("2021", (d) => ((d.format = format), delete d.year)));
      expect(p.pointer).toBe("/format");
      expect(p.message).toContain('应为 "2019" 或 "2021"');
    }
  );

  test("no format", () => {
    expect(only(changed("2021", (d) => delete d.format)).message).toContain("缺少必需的字段");
  });

  test(`more than ${MAX_PROBLEMS} problems: the first ${MAX_PROBLEMS} and a count of the rest`, () => {
    const problems = problemsOf(
      changed("2021", (d) => Array.from({ length: 500 }, (_, i) => (d[`k${i}`] = i)))
    );
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[MAX_PROBLEMS]).toMatchObject({ pointer: "", message: "…还有 300 个问题" });
  });

  test("what lies under a faulty key is not reported again", () => {
    const text = changed("2021", (d) => ((d.junk = 0), (d.requests.granted.total = 0)))
      .replace('"junk":0', `"junk":[${Array(100000).fill("1e400")}]`)
      .replace('"total":0', '"total":[1e400]');
    expect(pointers(text)).toEqual(["/junk", "/requests/granted/total"]);
  });
});

describe("hostile and broken input", () => {
  test.each([
    ["an array", "[]", "数组"],
    ["a number", "42", "42"],
    ["null", "null", "null"],
    ["a string", '"report"', "文本"],
    ["a boolean", "true", "布尔值"],
  ])("top level %s", (_name, text, found) => {
    const p = only(text);
    expect(p.pointer).toBe("");
    expect(p.message).toContain("应为一个 JSON 对象");
    expect(p.message).toContain(found);
  });

  test.each([
    ["1e400", "/requests/granted/total"],
    ["-1e400", "/requests/granted/total"],
    ["123456789012345678901234567890", "/requests/granted/total"],
  ])("the number %s in a cell is out of range", (number, pointer) => {
    const text = changed("2021", (d) => (d.requests.granted.total = 0)).replace(
      '"total":0',
      `"total":${number}`
    );
    expect(only(text)).toMatchObject({ pointer, message: expect.stringContaining("数值超出范围") });
  });

  test("1e400 as the year: one problem, not two", () => {
    const text = changed("2021", (d) => (d.year = 1)).replace('"year":1', '"year":1e400');
    expect(only(text)).toMatchObject({
      pointer: "/year",
      message: expect.stringContaining("数值超出范围"),
    });
  });

  test("__proto__ and constructor keys are unknown keys and pollute nothing", () => {
    const json = changed("2021", (d) => (d.proactive.licensing.decisions = 1))
      .replace(
        "{",
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},'
      )
      .replace('"licensing":{', '"licensing":{"__proto__":{"polluted":"yes"},"constructor":1,');
    expect(pointers(json).sort()).toEqual(
      [
        "/__proto__",
        "/constructor",
        "/proactive/licensing/__proto__",
        "/proactive/licensing/constructor",
      ].sort()
    );
    expect(({} as Doc).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
  });

  test.each([
    ["[ × 100000", "[".repeat(100000)],
    ['{"a": × 100000', '{"a":'.repeat(100000)],
  ])("deep nesting, truncated: %s", (_name, text) => {
    const p = only(text);
    expect(p.message).toContain("意外结束");
  });

  test("deep nesting, complete: at the top level and under an unknown key", () => {
    expect(only("[".repeat(100000) + "]".repeat(100000)).message).toContain("JSON 对象");
    const deep = '{"a":'.repeat(100000) + "1e400" + "}".repeat(100000);
    const text = changed("2021", (d) => (d.x = 0)).replace('"x":0', `"x":${deep}`);
    expect(pointers(text)).toEqual(["/x"]);
  });

  test("invalid UTF-8 names the byte", () => {
    const p = only(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(p.message).toContain("UTF-8");
    expect(p.message).toContain("第 2 个字节");
    expect(p.messageEn).toContain("byte offset 1");
    const gbk = Buffer.concat([
      Buffer.from('{\n"agency": "'),
      Buffer.from([0xb2, 0xe2, 0xca, 0xd4]),
      Buffer.from('"}'),
    ]);
    expect(only(gbk).message).toContain("第 2 行");
  });

  test("UTF-16 is recognised", () => {
    expect(only(Buffer.from("\ufeff{}", "utf16le")).message).toContain("UTF-16");
  });

  test.each([[""], ["  \n\t "], [Buffer.alloc(0)], [Buffer.from([0xef, 0xbb, 0xbf])]])(
    "empty file %p",
    (input) => {
      expect(only(input)).toEqual({
        pointer: "",
        message: "文件为空",
        messageEn: "The file is empty",
      });
    }
  );

  test("a 5 MB narrative is refused quickly; a long but allowed one is read", () => {
    const start = Date.now();
    const p = only(changed("2021", (d) => (d.narrative.overview = "字".repeat(5 * 1024 * 1024))));
    expect(Date.now() - start).toBeLessThan(2000);
    expect(p.pointer).toBe("/narrative/overview");
    expect(p.message).toContain("不超过 200000 个字符");
    expect(p.message.length).toBeLessThan(200);
    expect(
      readOk(changed("2021", (d) => (d.narrative.overview = "𠀀".repeat(200000)))).narrative
        .overview
    ).toHaveLength(400000);
  });

  test("truncated JSON: where it ends", () => {
    const json = reportToJson(randomConsistentReport("2019", 5));
    for (const cut of [1, 10, 100, 1000, json.length - 3]) {
      const p = only(json.slice(0, cut));
      expect(p.message).toMatch(/JSON 格式错误：内容在第 \d+ 行第 \d+ 列意外结束/);
    }
    expect(only('{\n  "year": 20').message).toContain("第 2 行第 13 列");
  });

  test.each([
    ['{\n  "a": tru}', "第 2 行第 11 列", "}"],
    ['{"a":1,}', "第 1 行第 8 列", "多了逗号"],
    ["{'a':1}", "第 1 行第 2 列", "双引号"],
    ['{"a":1} // note', "第 1 行第 9 列", "注释"],
    ['{"a":"\\x"}', "第 1 行第 8 列", "x"],
  ])("syntax error in %p", (text, where, words) => {
    const p = only(text);
    expect(p.message).toContain(where);
    expect(p.message).toContain(words);
    expect(p.messageEn).toMatch(/line \d+ column \d+/);
  });

  test("input that is neither text nor bytes", () => {
    expect(only(42 as unknown as string).pointer).toBe("");
    expect(only(undefined as unknown as string).pointer).toBe("");
  });
});

describe("properties", () => {
  test("any JSON value: never throws, problems are well formed", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectWellFormed(readReportJson(JSON.stringify(value) ?? ""));
      }),
      { numRuns: 300 }
    );
  });

  test("anything serialised, with report keys mixed in: never throws", () => {
    const keyed = fc.dictionary(
      fc.constantFrom(
        "schema",
        "format",
        "year",
        "agency",
        "date",
        "narrative",
        "proactive",
        "__proto__",
        "constructor"
      ),
      fc.anything()
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), keyed),
        fc.constantFrom(undefined, "2019", "2021"),
        (value, format) => {
          const doc = format && value && typeof value === "object" ? { ...value, format } : value;
          let text: string | undefined;
          try {
            text = JSON.stringify(doc);
          } catch {
            return; // not serialisable (a BigInt): not a file anyone can write
          }
          expectWellFormed(readReportJson(text ?? ""));
        }
      ),
      { numRuns: 300 }
    );
    expect(({} as Doc).polluted).toBeUndefined();
  });

  test("any bytes: never throws", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) =>
        expectWellFormed(readReportJson(bytes))
      ),
      { numRuns: 300 }
    );
  });

  test("a valid report with one cell replaced by a non-number: the problem is at that cell", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMAT_IDS),
        fc.nat(),
        fc.jsonValue().filter((v) => v !== null && typeof v !== "number"),
        (format, index, value) => {
          const defs = cellDefs(format);
          const pointer = defs[index % defs.length].pointer;
          const doc = docOf(format);
          const segments = pointer.slice(1).split("/");
          const row = segments.slice(0, -1).reduce((node, key) => node[key], doc);
          row[segments[segments.length - 1]] = value;
          expect(pointers(JSON.stringify(doc))).toEqual([pointer]);
        }
      ),
      { numRuns: 100 }
    );
  });

  test("syntax errors are found exactly where JSON.parse finds them", () => {
    const json = reportToJson(randomConsistentReport("2021", 6));
    const alphabet = [
      "{",
      "}",
      "[",
      "]",
      ",",
      ":",
      '"',
      "\\",
      "u",
      "1",
      "-",
      ".",
      "e",
      "t",
      "n",
      " ",
      "\n",
      "0",
      "\u0001",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 20 }),
        fc.nat({ max: json.length }),
        fc.nat({ max: 5 }),
        (chars, at, remove) => {
          for (const text of [
            chars.join(""),
            json.slice(0, at) + chars.join("") + json.slice(at + remove),
          ]) {
            let message = "";
            try {
              JSON.parse(text);
            } catch (error) {
              message = (error as Error).message;
            }
            const offset = syntaxErrorOffset(text);
            expect(offset === -1).toBe(message === "");
            const stated = /at position (\d+)/.exec(message);
            if (stated) expect(offset).toBe(Number(stated[1]));
            expectWellFormed(readReportJson(text));
          }
        }
      ),
      { numRuns: 2000 }
    );
  });
});
