import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateReport, mayMakeRegulations } from "../../src/checks/evaluate";
import type { Finding, RuleName } from "../../src/checks/types";
import { cellValues, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { readReportJson } from "../../src/report/read-json";
import { cellDefs } from "../../src/templates/cells";
import type { FormatId } from "../../src/templates/formats";
import { randomConsistentReport } from "../support/random-report";

const FIXTURE = join(__dirname, "../fixtures/2020-bingtuan-natural-resources-bureau.json");

function seed(): Report {
  const r = readReportJson(readFileSync(FIXTURE));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.report;
}

const set = (report: Report, changes: Record<string, number | null>) =>
  withValues(report, new Map(Object.entries(changes)));
const of = (findings: Finding[], rule: RuleName) => findings.filter((f) => f.rule === rule);
const consistent = (format: FormatId, s = 1, year?: number) =>
  randomConsistentReport(format, s, year);

describe("the real 2020 report (fixture transcribed from shared/fixtures)", () => {
  const result = validateReport(seed());
  const errors = result.findings.filter((f) => f.severity === "error");

  test("gives exactly the four errors of statutory-formats.md", () => {
    expect(errors.map((f) => [f.rule, f.cells[0]])).toEqual([
      ["balance", "/requests/totalHandled/naturalPerson"],
      ["balance", "/requests/totalHandled/total"],
      ["outcome-total", "/requests/totalHandled/naturalPerson"],
      ["row-total", "/requests/unavailable/notHeld/total"],
    ]);
    expect(result.valid).toBe(false);
    expect(result.summary.errors).toBe(4);
  });

  test("row total of 三（四）1: 自然人 2 but 总计 0, with the fix", () => {
    const f = of(errors, "row-total")[0];
    expect(f).toMatchObject({ expected: 2, actual: 0, fix: 2 });
    expect(f.message).toBe(
      "三（四）1.本机关不掌握相关政府信息：总计 0 应等于 自然人（2）+ 商业企业（0）+ 科研机构（0）+ 社会公益组织（0）+ 法律服务机构（0）+ 其他（0）= 2，相差 2"
    );
  });

  test("outcome total of column 自然人: （七）总计 0 although （四）1 holds 2", () => {
    const f = of(errors, "outcome-total")[0];
    expect(f).toMatchObject({
      expected: 2,
      actual: 0,
      fix: 2,
      cells: expect.arrayContaining(["/requests/unavailable/notHeld/naturalPerson"]),
    });
    expect(f.message).toBe(
      "自然人列：（七）总计 0 应等于各项办理结果之和 2（（四）1 2，其余为 0），相差 2"
    );
  });

  test("balance in columns 自然人 and 总计, showing the numbers", () => {
    const [person, total] = of(errors, "balance");
    expect(person.message).toBe(
      "自然人列：一（2）+ 二（0）= 2，应等于 三（七）总计（0）+ 四（0）= 0，相差 2"
    );
    expect(person).toMatchObject({ expected: 2, actual: 0 });
    // Two slips in one group of checks: arithmetic cannot single out one cell, so the balance offers no fix
    // (the outcome total's fix, 三（七）:= 2, settles it).
    expect(person.fix).toBeUndefined();
    expect(person.cells[0]).toBe("/requests/totalHandled/naturalPerson");
    expect(total.message).toMatch(
      /^总计列：一（2）\+ 二（0）= 2，应等于 三（七）总计（0）\+ 四（0）= 0，相差 2$/
    );
    expect(total.cells).toHaveLength(4);
  });

  test("reports the narrative's 18 against the table's 15 as a narrative-figure warning, and nothing else", () => {
    const warnings = result.findings.filter((f) => f.severity === "warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      rule: "narrative-figure",
      kind: "heuristic",
      expected: 18,
      actual: 15,
      cells: ["/proactive/licensing/change", "/narrative/overview"],
    });
    expect(warnings[0].message).toContain("较上年度增加18件");
    expect(warnings[0].message).toContain("15");
  });

  test("every finding has English beside the Chinese", () => {
    for (const f of result.findings) {
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(f.messageEn).toBeTruthy();
    }
  });
});

describe("each check passes and fails", () => {
  test.each(["2019", "2021"] as FormatId[])(
    "a consistent %s report has no finding at all",
    (format) => {
      expect(validateReport(consistent(format)).findings).toEqual([]);
    }
  );

  test("balance", () => {
    const r = consistent("2021");
    const v = cellValues(r);
    const out = validateReport(
      set(r, {
        "/requests/carriedForward/research":
          (v.get("/requests/carriedForward/research") as number) + 3,
        "/requests/carriedForward/total": (v.get("/requests/carriedForward/total") as number) + 3,
      })
    );
    const [f] = of(out.findings, "balance");
    expect(of(out.findings, "balance")).toHaveLength(2); // 科研机构 and 总计
    expect(f.message).toMatch(/^科研机构列：/);
    expect(f.actual! - f.expected!).toBe(3);
  });

  test("outcome-total, 2021 with （六）1–3", () => {
    const r = consistent("2021", 7);
    const v = cellValues(r);
    const p = "/requests/other/unpaidFee/commercial";
    const out = validateReport(
      set(r, {
        [p]: (v.get(p) as number) + 1,
        "/requests/other/unpaidFee/total": (v.get("/requests/other/unpaidFee/total") as number) + 1,
      })
    );
    expect(of(out.findings, "outcome-total").map((f) => f.message.split("：")[0])).toEqual([
      "商业企业列",
      "总计列",
    ]);
    // Two slips (the cell and its row's total, so the row total still holds): each outcome total fails
    // alone, no cell is shared, and the default applies: （七）first, fixed to the new sum.
    const [f] = of(out.findings, "outcome-total");
    expect(f.cells[0]).toBe("/requests/totalHandled/commercial");
    expect(f.fix).toBe((v.get("/requests/totalHandled/commercial") as number) + 1);
  });

  test("row-total, with the fix on the total", () => {
    const r = consistent("2019", 3);
    const out = validateReport(set(r, { "/requests/granted/total": 999 }));
    const [f] = of(out.findings, "row-total");
    expect(f.cells[0]).toBe("/requests/granted/total");
    expect(f.fix).toBe(cellValues(r).get("/requests/granted/total"));
  });

  test("appeal-total, each group", () => {
    const r = consistent("2021", 5);
    for (const g of ["review", "litigationDirect", "litigationAfterReview"]) {
      const out = validateReport(set(r, { [`/appeals/${g}/total`]: 1000 }));
      const [f] = of(out.findings, "appeal-total");
      expect(f.cells[0]).toBe(`/appeals/${g}/total`);
      expect(f.message).toMatch(
        /总计 1000 应等于 结果维持（\d+）\+ 结果纠正（\d+）\+ 其他结果（\d+）\+ 尚未审结（\d+）= \d+/
      );
      expect(f.fix).toBe(cellValues(r).get(`/appeals/${g}/total`));
    }
  });

  test("type: negative count, fraction in a count, negative amount; signed change may be negative", () => {
    const r = consistent("2019", 9);
    const out = validateReport(
      set(r, {
        "/proactive/regulations/made": -1,
        "/proactive/penalties/decisions": 2.5,
        "/proactive/procurement/amount": -3,
        "/proactive/fees/change": -4,
      })
    );
    expect(of(out.findings, "type").map((f) => f.cells[0])).toEqual([
      "/proactive/regulations/made",
      "/proactive/penalties/decisions",
      "/proactive/procurement/amount",
    ]);
    expect(of(out.findings, "type")[0].message).toMatch(/^二、规章·本年新制作数量：/);
  });

  test("type: faults found while reading a workbook cell, with the reader's fix", () => {
    const r = set(consistent("2019", 2), { "/proactive/procurement/amount": null });
    const out = validateReport(r, {
      cellFaults: new Map([
        [
          "/proactive/procurement/amount",
          { problem: "unit", message: "带有单位", messageEn: "has a unit", fix: 2987.6 },
        ],
      ]),
    });
    expect(of(out.findings, "type")).toEqual([
      expect.objectContaining({ cells: ["/proactive/procurement/amount"], fix: 2987.6 }),
    ]);
    expect(of(out.findings, "blank")).toEqual([]); // a faulty cell is not also called blank
  });

  test("blank: listed one by one, never counted as 0 in arithmetic; fix 0 or the sum of a total's addends", () => {
    const r = consistent("2021", 4);
    const out = validateReport(
      set(r, { "/proactive/fees/amount": null, "/appeals/review/pending": null })
    );
    expect(of(out.findings, "blank").map((f) => [f.cells[0], f.fix, f.severity])).toEqual([
      ["/proactive/fees/amount", 0, "error"],
      ["/appeals/review/pending", 0, "error"],
    ]);
    // the review total uses the blank pending: incomplete, not an error, whatever the cell held
    expect(of(out.findings, "appeal-total")).toEqual([]);
    expect(out.summary.incomplete).toBe(1);
    expect(out.valid).toBe(false); // the blanks themselves are errors before export

    const total = set(r, { "/appeals/review/total": null });
    const held = cellValues(r).get("/appeals/review/total") as number;
    expect(of(validateReport(total).findings, "blank")).toEqual([
      expect.objectContaining({ cells: ["/appeals/review/total"], fix: held }),
    ]);
  });

  test("narrative-missing: empty and placeholder; a real text passes", () => {
    const r = consistent("2021");
    const out = validateReport({
      ...r,
      narrative: { overview: "  ", problems: "XX局存在XX问题", other: "无" },
    });
    expect(of(out.findings, "narrative-missing").map((f) => f.cells[0])).toEqual([
      "/narrative/overview",
      "/narrative/problems",
    ]);
    for (const t of ["待补充", "TODO", "……"]) {
      expect(
        of(
          validateReport({ ...r, narrative: { ...r.narrative, other: t } }).findings,
          "narrative-missing"
        )
      ).toHaveLength(1);
    }
  });

  test("carry-over and stock need last year's report", () => {
    const previous = consistent("2021", 11, 2023);
    const pv = cellValues(previous);
    // not yet consistent: this year's 二 is random
    const current = consistent("2021", 12, 2024);
    const out = validateReport(current, { previous });
    expect(of(out.findings, "carry-over").length).toBeGreaterThan(0);
    expect(of(out.findings, "carry-over")[0]).toMatchObject({
      severity: "warning",
      kind: "heuristic",
    });
    const stock = of(out.findings, "stock");
    expect(stock.length).toBeGreaterThan(0);
    expect(stock[0].message).toMatch(
      /现行有效件数 \d+ 按上年推算应为 上年现行有效件数（\d+）\+ 本年制发（\d+）− 本年废止（\d+）= -?\d+/
    );

    // make this year follow from last year: carry-over and stock pass
    const inForce = (row: string) =>
      (pv.get(`/proactive/${row}/inForce`) as number) +
      (cellValues(current).get(`/proactive/${row}/issued`) as number) -
      (cellValues(current).get(`/proactive/${row}/repealed`) as number);
    const fixed = set(current, {
      "/proactive/regulations/inForce": inForce("regulations"),
      "/proactive/normativeDocuments/inForce": inForce("normativeDocuments"),
    });
    const out2 = validateReport(fixed, { previous });
    expect(of(out2.findings, "stock")).toEqual([]);
    expect(
      validateReport(current).findings.filter((f) => f.rule === "carry-over" || f.rule === "stock")
    ).toEqual([]);
  });

  test("carry-over fix is last year's carried-forward; a previous report of the wrong year is said so", () => {
    const previous = consistent("2021", 11, 2023);
    const out = validateReport(consistent("2021", 12, 2024), { previous });
    const f = of(out.findings, "carry-over")[0];
    expect(f.fix).toBe(
      cellValues(previous).get(f.cells[0].replace("carriedOver", "carriedForward"))
    );
    const wrongYear = validateReport(consistent("2021", 12, 2024), {
      previous: consistent("2021", 11, 2021),
    });
    expect(of(wrongYear.findings, "carry-over")).toEqual([
      expect.objectContaining({ cells: ["/year"] }),
    ]);
  });

  test("narrative-figure: received, licensing, procurement; agreeing figures are silent", () => {
    const r = consistent("2019", 21);
    const v = cellValues(r);
    const received = v.get("/requests/newReceived/total") as number;
    const lic = v.get("/proactive/licensing/decisions") as number;
    const agree = `本年度共收到政府信息公开申请${received}件；公开行政许可${lic}件。`;
    expect(
      of(
        validateReport({ ...r, narrative: { ...r.narrative, overview: agree } }).findings,
        "narrative-figure"
      )
    ).toEqual([]);
    const disagree = `本年度共收到政府信息公开申请${received + 1}件；公开行政许可${lic + 2}件；受理各类申请${received + 5}件。`;
    const out = validateReport({ ...r, narrative: { ...r.narrative, overview: disagree } });
    // in document order: part 二 before part 三
    expect(of(out.findings, "narrative-figure").map((f) => f.cells[0])).toEqual([
      "/proactive/licensing/decisions",
      "/requests/newReceived/total",
      "/requests/newReceived/total",
    ]);
    // Chinese numerals are read: 「收到十二件」 is 12
    const cn = (n: number) =>
      `本年度共收到${["零", "一", "两", "三"][n] ?? "十二"}件政府信息公开申请。`;
    const spoken = received <= 3 ? received : 12;
    const cnOut = validateReport({ ...r, narrative: { ...r.narrative, overview: cn(spoken) } });
    expect(of(cnOut.findings, "narrative-figure")).toHaveLength(spoken === received ? 0 : 1);
    // full-width digits are read too
    const fw = `共收到${String(received + 1).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}件政府信息公开申请`;
    expect(
      of(
        validateReport({ ...r, narrative: { ...r.narrative, overview: fw } }).findings,
        "narrative-figure"
      )
    ).toHaveLength(1);
  });

  test("format-year: 2019 tables for 2024, 2021 tables for 2020, and a year before any format", () => {
    expect(of(validateReport(consistent("2019", 1, 2024)).findings, "format-year")[0].message).toBe(
      "2024 年度报告应使用格式 2021，此处使用的是格式 2019"
    );
    expect(of(validateReport(consistent("2021", 1, 2020)).findings, "format-year")).toHaveLength(1);
    expect(of(validateReport(consistent("2019", 1, 2018)).findings, "format-year")).toHaveLength(1);
    expect(of(validateReport(consistent("2019", 1, 2019)).findings, "format-year")).toHaveLength(0);
  });

  test("regulations-authority: a township with 规章 is suspect, a city bureau is not", () => {
    const r = set(consistent("2021", 2), { "/proactive/regulations/issued": 1 });
    expect(
      of(validateReport({ ...r, agency: "某县某镇人民政府" }).findings, "regulations-authority")
    ).toHaveLength(1);
    expect(
      of(validateReport({ ...r, agency: "某市司法局" }).findings, "regulations-authority")
    ).toHaveLength(0);
    expect(mayMakeRegulations("新疆维吾尔自治区人民政府")).toBe(true);
    expect(mayMakeRegulations("北京市朝阳区市场监督管理局")).toBe(false);
    expect(mayMakeRegulations("某某街道办事处")).toBe(false);
  });

  test("unit: 10,000 万元 or more from a city bureau is suspect", () => {
    const r = set(consistent("2021", 2), { "/proactive/fees/amount": 251000 });
    const [f] = of(validateReport(r).findings, "unit");
    expect(f.cells).toEqual(["/proactive/fees/amount"]);
    expect(f.message).toContain("25.1 亿元");
    expect(of(validateReport({ ...r, agency: "财政部" }).findings, "unit")).toHaveLength(0);
  });
});

describe("properties", () => {
  const UNCOVERED_BY_ARITHMETIC = (format: FormatId) =>
    // Part 二 has no arithmetic within one year: its cells are checked only by type (−1 on a 0 is caught
    // as negative), by stock given last year's report, and by narrative figures.
    cellDefs(format)
      .filter((d) => d.part === "二")
      .map((d) => d.pointer);

  test.each(["2019", "2021"] as FormatId[])(
    "random consistent %s reports pass every check",
    (format) => {
      fc.assert(
        fc.property(fc.integer(), (s) => {
          const result = validateReport(randomConsistentReport(format, s));
          expect(result.findings).toEqual([]);
          expect(result.valid).toBe(true);
        }),
        { numRuns: 200 }
      );
    }
  );

  test.each(["2019", "2021"] as FormatId[])(
    "changing any single cell of a %s report by ±1 is caught, naming that cell",
    (format) => {
      const uncovered = new Set(UNCOVERED_BY_ARITHMETIC(format));
      expect(uncovered.size).toBe(format === "2019" ? 22 : 10);
      fc.assert(
        fc.property(fc.integer(), fc.constantFrom(1, -1), (s, delta) => {
          const r = randomConsistentReport(format, s);
          const values = cellValues(r);
          for (const def of cellDefs(format)) {
            if (uncovered.has(def.pointer)) continue;
            const changed = set(r, { [def.pointer]: (values.get(def.pointer) as number) + delta });
            const findings = validateReport(changed).findings;
            expect(findings.some((f) => f.cells.includes(def.pointer))).toBe(true);
          }
        }),
        { numRuns: 30 }
      );
    }
  );

  test("a slip in a cell that two checks cover is singled out, and its fix undoes it", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom("2019", "2021") as fc.Arbitrary<FormatId>,
        fc.integer({ min: 1, max: 9 }),
        (s, format, delta) => {
          const r = randomConsistentReport(format, s);
          const values = cellValues(r);
          // appeals' four parts are each in one check only: which of them slipped cannot be told (next test)
          const checked = cellDefs(format).filter(
            (d) => d.part === "三" || d.pointer.endsWith("/total")
          );
          const def = checked[Math.abs(s) % checked.length];
          const original = values.get(def.pointer) as number;
          const changed = set(r, { [def.pointer]: original + delta });
          const arithmetic = validateReport(changed).findings.filter(
            (f) => f.expected !== undefined
          );
          expect(arithmetic.length).toBeGreaterThan(0);
          for (const f of arithmetic) {
            expect(f.cells[0]).toBe(def.pointer);
            expect(f.fix).toBe(original);
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});

test("after a slip anywhere, applying the first finding's fix leaves no arithmetic error", () => {
  fc.assert(
    fc.property(
      fc.integer(),
      fc.constantFrom("2019", "2021") as fc.Arbitrary<FormatId>,
      fc.integer({ min: 1, max: 9 }),
      (s, format, delta) => {
        const r = randomConsistentReport(format, s);
        const checked = cellDefs(format).filter((d) => d.part !== "二");
        const def = checked[Math.abs(s) % checked.length];
        const changed = set(r, {
          [def.pointer]: (cellValues(r).get(def.pointer) as number) + delta,
        });
        const first = validateReport(changed).findings.find((f) => f.fix !== undefined)!;
        const repaired = validateReport(set(changed, { [first.cells[0]]: first.fix! }));
        expect(repaired.findings).toEqual([]);
      }
    ),
    { numRuns: 300 }
  );
});

test("a full validation takes well under 1 ms", () => {
  const r = randomConsistentReport("2021", 1);
  for (let i = 0; i < 200; i++) validateReport(r); // warm up
  const n = 2000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) validateReport(r);
  const perRun = Number(process.hrtime.bigint() - start) / 1e6 / n;
  expect(perRun).toBeLessThan(1);
});
