/**
 * 汇总: properties of the sum (it passes the checks its sources pass; grouping and order do not matter; one
 * source sums to itself), exact decimals, each refusal with its message, and blanks named with their sources.
 */
import fc from "fast-check";
import {
  aggregateAsync,
  aggregateReports,
  Aggregator,
  NAMED_SOURCES_PER_CELL,
  type AggregateOptions,
  type AggregateResult,
  type AggregateSource,
} from "../../src/aggregate/aggregate";
import { validateReport } from "../../src/checks/evaluate";
import type { RuleName } from "../../src/checks/types";
import { cellValues, getValue, type CellValue, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { cellDefs } from "../../src/templates/cells";
import type { FormatId } from "../../src/templates/formats";
import type { Pointer } from "../../src/templates/pointers";
import { randomConsistentReport } from "../support/random-report";

const ARITHMETIC: RuleName[] = ["balance", "outcome-total", "row-total", "appeal-total"];

function source(report: Report, file = `${report.agency}.json`): AggregateSource {
  return { file, sha256: "0".repeat(64), report };
}

function consistent(format: FormatId, seed: number, agency: string): Report {
  return { ...randomConsistentReport(format, seed), agency };
}

function ok(result: AggregateResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.refusals, null, 1));
  return result;
}

const formatArb = fc.constantFrom<FormatId>("2019", "2021");
/** Several consistent reports of one format, with distinct agencies. */
const reportsArb = (min: number, max: number) =>
  fc
    .tuple(
      formatArb,
      fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: min, maxLength: max })
    )
    .map(([format, seeds]) => seeds.map((s, i) => consistent(format, s, `单位${i}`)));

/** Some cells of some reports blanked, so that the properties hold for blanks too. */
const withBlanks = (reports: Report[], picks: number[]) =>
  reports.map((r, i) => {
    const defs = cellDefs(r.format);
    const blanked = picks
      .filter((_, k) => k % reports.length === i)
      .map((p) => defs[p % defs.length].pointer);
    return blanked.length ? withValues(r, new Map(blanked.map((p) => [p, null]))) : r;
  });

const blankSummary = (r: Extract<AggregateResult, { ok: true }>) =>
  r.record.blanks.map((b) => [b.pointer, b.count, b.treatedAs]);

describe("properties", () => {
  test("the sum of reports that pass every arithmetic check passes every arithmetic check", () => {
    fc.assert(
      fc.property(reportsArb(1, 12), (reports) => {
        const { report } = ok(
          aggregateReports(
            reports.map((r) => source(r)),
            { agency: "某区政府" }
          )
        );
        const arithmetic = validateReport(report).findings.filter((f) =>
          ARITHMETIC.includes(f.rule)
        );
        expect(arithmetic).toEqual([]);
        expect(validateReport(report).findings.filter((f) => f.rule === "blank")).toEqual([]);
      }),
      { numRuns: 60 }
    );
  });

  test("aggregating aggregates equals aggregating everything at once (blanks too)", () => {
    fc.assert(
      fc.property(
        reportsArb(2, 14),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }),
        (clean, picks, sizes) => {
          const reports = withBlanks(clean, picks);
          const all = ok(
            aggregateReports(
              reports.map((r) => source(r)),
              { agency: "某市政府" }
            )
          );
          const groups: Report[][] = [];
          for (let i = 0, k = 0; i < reports.length; k++) {
            const size = sizes[k % sizes.length];
            groups.push(reports.slice(i, i + size));
            i += size;
          }
          const partials = groups.map((g, k) =>
            ok(
              aggregateReports(
                g.map((r) => source(r)),
                { agency: `区${k}` }
              )
            )
          );
          const nested = ok(
            aggregateReports(
              partials.map((p) => source(p.report)),
              { agency: "某市政府" }
            )
          );
          expect(nested.report).toEqual(all.report);
          // Which cells are blank is the same; a nested blank counts partial aggregates, not agencies.
          expect(nested.record.blanks.map((b) => b.pointer)).toEqual(
            all.record.blanks.map((b) => b.pointer)
          );
        }
      ),
      { numRuns: 60 }
    );
  });

  test("order does not matter", () => {
    fc.assert(
      fc.property(
        reportsArb(2, 10).chain((rs) =>
          fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))
        ),
        fc.array(fc.nat(), { maxLength: 6 }),
        ([reports, shuffled], picks) => {
          const blanked = new Map(
            withBlanks(reports, picks).map((r, i) => [reports[i], r] as const)
          );
          const a = ok(
            aggregateReports(
              reports.map((r) => source(blanked.get(r)!)),
              { agency: "汇总" }
            )
          );
          const b = ok(
            aggregateReports(
              shuffled.map((r) => source(blanked.get(r)!)),
              { agency: "汇总" }
            )
          );
          expect(b.report).toEqual(a.report);
          expect(blankSummary(b)).toEqual(blankSummary(a));
        }
      ),
      { numRuns: 60 }
    );
  });

  test("a single source aggregates to itself, apart from metadata", () => {
    fc.assert(
      fc.property(
        formatArb,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (format, seed, picks) => {
          const [report] = withBlanks([consistent(format, seed, "某县某局")], picks);
          const { report: sum } = ok(aggregateReports([source(report)], { agency: "某县政府" }));
          expect(cellValues(sum)).toEqual(cellValues(report));
          expect(sum).toMatchObject({ agency: "某县政府", year: report.year, format });
          expect(sum.date).toBeUndefined();
          expect(sum.narrative).toEqual({ overview: "", problems: "", other: "" });
        }
      ),
      { numRuns: 60 }
    );
  });
});

test("sources from an async stream (a database cursor) sum as the same sources at once", async () => {
  const reports = [1, 2, 3].map((seed) => consistent("2019", seed, `单位${seed}`));
  async function* cursor() {
    for (const r of reports) yield source(r);
  }
  const streamed = await aggregateAsync(cursor(), { agency: "汇总" });
  expect(streamed).toEqual(
    aggregateReports(
      reports.map((r) => source(r)),
      { agency: "汇总" }
    )
  );
});

describe("sums", () => {
  const fees = "/proactive/fees/amount";
  const base = (agency: string, fee: number) =>
    withValues(consistent("2021", 7, agency), new Map([[fees, fee]]));

  test("万元 amounts are summed exactly in decimal: 0.1 + 0.2 = 0.3", () => {
    const { report } = ok(
      aggregateReports([source(base("甲", 0.1)), source(base("乙", 0.2))], { agency: "汇总" })
    );
    expect(getValue(report, fees)).toBe(0.3);
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  test("ten times 0.1 万元 is 1, and large amounts keep their cents", () => {
    const ten = Array.from({ length: 10 }, (_, i) => source(base(`单位${i}`, 0.1)));
    expect(getValue(ok(aggregateReports(ten, { agency: "汇总" })).report, fees)).toBe(1);
    const big = [
      source(base("甲", 9999999.99)),
      source(base("乙", 0.01)),
      source(base("丙", 1234.56)),
    ];
    expect(getValue(ok(aggregateReports(big, { agency: "汇总" })).report, fees)).toBe(10001234.56);
  });

  test("any amounts with cents sum to the sum of their cents, where adding the numbers drifts", () => {
    const cents = fc.array(fc.integer({ min: 0, max: 99_999_999 }), {
      minLength: 2,
      maxLength: 40,
    });
    fc.assert(
      fc.property(cents, (amounts) => {
        const sources = amounts.map((c, i) => source(base(`单位${i}`, c / 100)));
        const sum = getValue(ok(aggregateReports(sources, { agency: "汇总" })).report, fees);
        expect(sum).toBe(amounts.reduce((a, b) => a + b, 0) / 100);
      }),
      { numRuns: 100 }
    );
    // the case the property guards against: binary floating point drifts on 0.1 and 0.2
    const drifting = [0.1, 0.2, 0.3, 0.1, 0.2];
    expect(drifting.reduce((a, b) => a + b, 0)).not.toBe(0.9);
    const sources = drifting.map((v, i) => source(base(`单位${i}`, v)));
    expect(getValue(ok(aggregateReports(sources, { agency: "汇总" })).report, fees)).toBe(0.9);
  });

  test("本年增/减 is summed with its sign (format 2019)", () => {
    const change = "/proactive/licensing/change";
    const r = (agency: string, v: number) =>
      withValues(consistent("2019", 3, agency), new Map([[change, v]]));
    const { report } = ok(
      aggregateReports([source(r("甲", 5)), source(r("乙", -8)), source(r("丙", 1))], {
        agency: "汇总",
      })
    );
    expect(getValue(report, change)).toBe(-2);
  });

  test("现行有效件数 is summed like every other count", () => {
    const inForce = "/proactive/regulations/inForce";
    const a = consistent("2021", 11, "甲");
    const b = consistent("2021", 12, "乙");
    const { report } = ok(aggregateReports([source(a), source(b)], { agency: "汇总" }));
    expect(getValue(report, inForce)).toBe(getValue(a, inForce)! + getValue(b, inForce)!);
  });
});

describe("refusals", () => {
  const opts: AggregateOptions = { agency: "某区人民政府" };

  test("mixed formats are refused, naming both", () => {
    const result = aggregateReports(
      [source(consistent("2021", 1, "甲")), source(consistent("2019", 2, "乙"), "乙2020.json")],
      opts
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusals).toEqual([
      expect.objectContaining({
        reason: "format",
        file: "乙2020.json",
        message:
          "乙2020.json（乙）：使用 2019 格式，与甲.json（甲）的 2021 格式不同；不同格式的报告不能汇总",
      }),
    ]);
    expect(result.refusals[0].messageEn).toContain("reports of different formats cannot be summed");
  });

  test("mixed years are refused", () => {
    const a = consistent("2021", 1, "甲");
    const b = { ...consistent("2021", 2, "乙"), year: 2023 };
    const result = aggregateReports([source(a), source(b)], opts);
    expect(!result.ok && result.refusals.map((r) => [r.reason, r.message])).toEqual([
      ["year", "乙.json（乙）：2023 年度，与甲.json（甲）的 2024 年度不同；不同年度的报告不能汇总"],
    ]);
  });

  test("the same agency twice is refused (width and spaces do not make another agency), unless allowed", () => {
    const a = consistent("2021", 1, "某市 财政局");
    const b = consistent("2021", 2, "某市财政局");
    const result = aggregateReports([source(a, "a.json"), source(b, "b.json")], opts);
    expect(!result.ok && result.refusals.map((r) => [r.reason, r.message])).toEqual([
      ["duplicate", "b.json（某市财政局）：“某市财政局”已在汇总之中，同一机关不能计入两次"],
    ]);
    const allowed = ok(
      aggregateReports([source(a, "a.json"), source(b, "b.json")], {
        ...opts,
        allowDuplicates: true,
      })
    );
    expect(allowed.record.sources.map((s) => s.file)).toEqual(["a.json", "b.json"]);
  });

  test("a source with errors is refused with its errors, unless allowed; then it is listed with them", () => {
    const good = consistent("2021", 1, "甲");
    const slip = "/requests/granted/naturalPerson";
    const bad = withValues(
      consistent("2021", 2, "乙"),
      new Map([[slip, getValue(consistent("2021", 2, "乙"), slip)! + 2]])
    );
    const refused = aggregateReports([source(good), source(bad)], opts);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    const [r] = refused.refusals;
    expect(r.reason).toBe("errors");
    expect(r.message).toBe("乙.json（乙）：校验发现 2 个错误，不能计入汇总，请先改正");
    expect(r.errors!.map((e) => e.rule).sort()).toEqual(["outcome-total", "row-total"]);
    expect(r.errors![0].cells).toContain(slip);

    const allowed = ok(
      aggregateReports([source(good), source(bad)], { ...opts, allowErrors: true })
    );
    expect(allowed.record.sources[0].errors).toBeUndefined();
    expect(allowed.record.sources[1]).toMatchObject({ agency: "乙", errorCount: 2 });
    expect(allowed.record.sources[1].errors![0].message).toMatch(/自然人|予以公开/);
  });

  test("blanks and empty narratives do not make a source refused", () => {
    const r = withValues(consistent("2021", 1, "甲"), new Map([["/appeals/review/upheld", null]]));
    const blankNarrative = { ...r, narrative: { overview: "", problems: "", other: "" } };
    expect(aggregateReports([source(blankNarrative)], opts).ok).toBe(true);
  });

  test("no sources, or no agency name, is refused", () => {
    expect(aggregateReports([], opts)).toEqual({
      ok: false,
      refusals: [expect.objectContaining({ reason: "empty", message: "没有可汇总的报告" })],
    });
    const noName = aggregateReports([source(consistent("2021", 1, "甲"))], { agency: "  " });
    expect(!noName.ok && noName.refusals.map((r) => r.reason)).toEqual(["agency"]);
  });

  test("a sum beyond the contract's bound is refused, naming the cell", () => {
    const p = "/requests/newReceived/naturalPerson";
    const huge = (agency: string) =>
      withValues(consistent("2021", 1, agency), new Map([[p, 600_000_000]]));
    const result = aggregateReports([source(huge("甲")), source(huge("乙"))], {
      ...opts,
      allowErrors: true,
    });
    expect(!result.ok && result.refusals.find((r) => r.reason === "too-large")?.message).toMatch(
      /^一、本年新收政府信息公开申请数量·自然人：合计 1200000000 超出/
    );
  });
});

describe("blanks", () => {
  const cell = "/appeals/review/upheld";
  const blanked = (agency: string, extra = new Map<Pointer, CellValue>()) =>
    withValues(consistent("2021", 5, agency), new Map([[cell, null], ...extra]));

  test("a cell blank in any source stays blank in the sum, named with its sources", () => {
    const { report, record } = ok(
      aggregateReports(
        [
          source(consistent("2021", 4, "甲")),
          source(blanked("乙"), "乙.xlsx"),
          source(blanked("丙"), "丙.json"),
        ],
        { agency: "汇总" }
      )
    );
    expect(getValue(report, cell)).toBeNull();
    expect(record.blanks).toEqual([
      {
        pointer: cell,
        label: "四、行政复议·结果维持",
        labelEn: "appeals › review › upheld",
        count: 2,
        sources: ["乙（乙.xlsx）", "丙（丙.json）"],
        treatedAs: "blank",
        unreadable: 0,
      },
    ]);
  });

  test("blankAsZero counts blanks as 0 and says so; an unreadable cell stays blank even then", () => {
    const a = consistent("2021", 4, "甲");
    const b = blanked("乙");
    const c = consistent("2021", 6, "丙");
    const faulty = "/appeals/review/corrected";
    const cSource: AggregateSource = {
      ...source(withValues(c, new Map([[faulty, null]]))),
      cellFaults: new Map([
        [faulty, { problem: "unit", message: "“2件”带单位", messageEn: "unit", fix: 2 }],
      ]),
    };
    const result = ok(
      aggregateReports([source(a), source(b), cSource], {
        agency: "汇总",
        blankAsZero: true,
        allowErrors: true,
      })
    );
    expect(getValue(result.report, cell)).toBe(getValue(a, cell)! + getValue(c, cell)!);
    expect(getValue(result.report, faulty)).toBeNull();
    expect(result.record.blanks.map((x) => [x.pointer, x.treatedAs, x.unreadable])).toEqual([
      [cell, "zero", 0],
      [faulty, "blank", 1],
    ]);
    expect(result.record.sources[2].errors![0].rule).toBe("type");
  });

  test("each blank cell names a bounded number of sources and counts them all", () => {
    const aggregator = new Aggregator({ agency: "汇总" });
    for (let i = 0; i < 40; i++) aggregator.add(source(blanked(`单位${i}`)));
    const { record } = ok(aggregator.result());
    expect(record.blanks[0].count).toBe(40);
    expect(record.blanks[0].sources).toHaveLength(NAMED_SOURCES_PER_CELL);
    expect(record.sourceCount).toBe(40);
  });
});
