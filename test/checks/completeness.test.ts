/**
 * Blank is not 0, in arithmetic too (statutory-formats.md, Completeness): a check with a blank cell is
 * incomplete, never an error; filling the blanks computes blank totals and puts 0 elsewhere; fixes only
 * blame cells that hold numbers.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { arithmeticChecks } from "../../src/checks/definitions";
import { validateCells, validateReport } from "../../src/checks/evaluate";
import { blankFills } from "../../src/checks/fill-blanks";
import type { Finding } from "../../src/checks/types";
import { cellsOfReport, numberAt } from "../../src/report/cells-as-read";
import { cellValues, emptyReport, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { readReportJson } from "../../src/report/read-json";
import { cellDefs } from "../../src/templates/cells";
import type { FormatId } from "../../src/templates/formats";
import type { Pointer } from "../../src/templates/pointers";
import { randomConsistentReport } from "../support/random-report";

const FORMATS: FormatId[] = ["2019", "2021"];
const ARITHMETIC = new Set(["balance", "outcome-total", "row-total", "appeal-total"]);
const arithmetic = (findings: Finding[]) => findings.filter((f) => ARITHMETIC.has(f.rule));
const TOTAL_RULES = new Set(["row-total", "outcome-total", "appeal-total"]);

/** The checks of the year that use one of these cells: what `incomplete` must count. */
function checksTouching(format: FormatId, blanks: Set<Pointer>): number {
  return arithmeticChecks(format).filter((c) =>
    [...c.actual, ...c.expected].some((t) => blanks.has(t.pointer))
  ).length;
}

/** Every cell that is the total of a row-total, outcome-total or appeal-total check. */
function totalCells(format: FormatId): Set<Pointer> {
  return new Set(
    arithmeticChecks(format)
      .filter((c) => TOTAL_RULES.has(c.rule))
      .map((c) => c.actual[0].pointer)
  );
}

/** What the pane's 填写空白 writes: each blank finding's fix. */
function fillBlanks(report: Report): { filled: Report; written: Map<Pointer, number> } {
  const written = new Map<Pointer, number>();
  for (const f of validateReport(report).findings)
    if (f.rule === "blank" && f.fix !== undefined) written.set(f.cells[0], f.fix);
  return { filled: withValues(report, written), written };
}

const withBlanks = (report: Report, blanks: Set<Pointer>) =>
  withValues(report, new Map([...blanks].map((p) => [p, null])));

describe.each(FORMATS)("format %s", (format) => {
  const defs = cellDefs(format);

  test("random blanks in a consistent report: no arithmetic error; incomplete = checks touching a blank", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.nat(), { maxLength: 60 }), (seed, picks) => {
        const report = randomConsistentReport(format, seed);
        const blanks = new Set(picks.map((i) => defs[i % defs.length].pointer));
        const result = validateReport(withBlanks(report, blanks));
        expect(arithmetic(result.findings)).toEqual([]);
        expect(result.summary.incomplete).toBe(checksTouching(format, blanks));
        expect(result.findings.filter((f) => f.rule === "blank")).toHaveLength(blanks.size);
      }),
      { numRuns: 150 }
    );
  });

  test("after 填写空白 a report whose blanks were zeros or totals validates clean, and equals the original", () => {
    const totals = totalCells(format);
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.nat(), { maxLength: 80 }), (seed, picks) => {
        const report = randomConsistentReport(format, seed);
        const values = cellValues(report);
        const blankable = defs.filter((d) => values.get(d.pointer) === 0 || totals.has(d.pointer));
        if (blankable.length === 0) return;
        const blanks = new Set(picks.map((i) => blankable[i % blankable.length].pointer));
        const { filled, written } = fillBlanks(withBlanks(report, blanks));
        expect(new Set(written.keys())).toEqual(blanks);
        expect(cellValues(filled)).toEqual(values);
        const result = validateReport(filled);
        expect(result).toMatchObject({
          valid: true,
          summary: { errors: 0, warnings: 0, incomplete: 0 },
        });
      }),
      { numRuns: 150 }
    );
  });

  test("填写空白 on any blanks: writes blanks only; every blank total it writes satisfies its checks", () => {
    const totals = totalCells(format);
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.nat(), { maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })), { maxLength: 3 }),
        (seed, picks, slips) => {
          let report = randomConsistentReport(format, seed);
          const values = cellValues(report);
          report = withValues(
            report,
            new Map(
              slips.map(([i, d]) => [
                defs[i % defs.length].pointer,
                d + (values.get(defs[i % defs.length].pointer) ?? 0),
              ])
            )
          );
          const blanks = new Set(picks.map((i) => defs[i % defs.length].pointer));
          const partly = withBlanks(report, blanks);
          const { filled, written } = fillBlanks(partly);
          for (const p of written.keys()) expect(blanks.has(p)).toBe(true);
          const after = validateReport(filled);
          expect(after.summary.incomplete).toBe(
            checksTouching(format, new Set([...blanks].filter((p) => !written.has(p))))
          );
          for (const check of arithmeticChecks(format)) {
            const total = check.actual[0].pointer;
            if (!TOTAL_RULES.has(check.rule) || !written.has(total) || !totals.has(total)) continue;
            // the total it wrote holds against its addends as they are after the fill
            const cells = cellsOfReport(filled);
            const sum = check.expected.reduce((s, t) => s + (numberAt(cells, t.pointer) ?? NaN), 0);
            expect([check.id, written.get(total)]).toEqual([check.id, sum]);
          }
        }
      ),
      { numRuns: 100 }
    );
  });

  test("fixes only blame cells that hold numbers: every arithmetic finding's cells are filled", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })), { maxLength: 3 }),
        (seed, picks, slips) => {
          let report = randomConsistentReport(format, seed);
          const values = cellValues(report);
          report = withValues(
            report,
            new Map(
              slips.map(([i, d]) => [
                defs[i % defs.length].pointer,
                d + (values.get(defs[i % defs.length].pointer) ?? 0),
              ])
            )
          );
          const blanks = new Set(picks.map((i) => defs[i % defs.length].pointer));
          const cells = cellsOfReport(withBlanks(report, blanks));
          for (const f of arithmetic(validateCells(cells).findings)) {
            for (const p of f.cells) expect([p, numberAt(cells, p)]).not.toEqual([p, undefined]);
          }
        }
      ),
      { numRuns: 100 }
    );
  });
});

describe("typing into a fresh template", () => {
  const fresh = emptyReport({ format: "2021", year: 2024, agency: "某市某局" });
  const row = (key: string) => `/requests/newReceived/${key}`;

  test("7 in 商业企业 of 一 alone: no error, no fix that would erase it, only incomplete checks", () => {
    const result = validateReport(withValues(fresh, new Map([[row("commercial"), 7]])));
    expect(arithmetic(result.findings)).toEqual([]);
    expect(result.findings.some((f) => f.cells[0] === row("commercial"))).toBe(false);
    expect(result.summary.incomplete).toBe(arithmeticChecks("2021").length);
  });

  test("the whole row 一 with a correct 总计: no error; a wrong 总计: a row-total error on 总计 with the sum", () => {
    const typed = new Map<Pointer, number>([
      [row("naturalPerson"), 3],
      [row("commercial"), 7],
      [row("research"), 0],
      [row("publicInterest"), 1],
      [row("legalService"), 0],
      [row("otherOrg"), 2],
    ]);
    const right = validateReport(withValues(fresh, new Map([...typed, [row("total"), 13]])));
    expect(arithmetic(right.findings)).toEqual([]);
    const wrong = validateReport(withValues(fresh, new Map([...typed, [row("total"), 12]])));
    expect(arithmetic(wrong.findings)).toEqual([
      expect.objectContaining({
        rule: "row-total",
        cells: [row("total"), ...[...typed.keys()]],
        expected: 13,
        actual: 12,
        fix: 13,
      }),
    ]);
  });

  test("the six applicant columns only: 填写空白 writes their sum into 总计", () => {
    const typed = new Map<Pointer, number>([
      [row("naturalPerson"), 3],
      [row("commercial"), 7],
      [row("research"), 0],
      [row("publicInterest"), 1],
      [row("legalService"), 0],
      [row("otherOrg"), 2],
    ]);
    const { written } = fillBlanks(withValues(fresh, typed));
    expect(written.get(row("total"))).toBe(13);
    expect(blankFills(cellsOfReport(withValues(fresh, typed))).leftBlank).toEqual([]);
  });

  test("two checks that give one blank total different sums leave it blank, and say why", () => {
    const report = withValues(
      fresh,
      new Map([
        ["/requests/totalHandled/naturalPerson", 2],
        ["/requests/granted/total", 0],
      ])
    );
    const fills = blankFills(cellsOfReport(report));
    expect(fills.values.has("/requests/totalHandled/total")).toBe(false);
    expect(fills.leftBlank).toEqual([
      expect.objectContaining({ pointer: "/requests/totalHandled/total", reason: "conflict" }),
    ]);
    const finding = validateReport(report).findings.find(
      (f) => f.rule === "blank" && f.cells[0] === "/requests/totalHandled/total"
    )!;
    expect(finding.fix).toBeUndefined();
    expect(finding.message).toContain("合计为 2");
    expect(finding.message).toContain("合计为 0");
  });
});

test("the seed report still gives exactly its four errors and one warning, nothing incomplete", () => {
  const r = readReportJson(
    readFileSync(join(__dirname, "../fixtures/2020-bingtuan-natural-resources-bureau.json"))
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const result = validateReport(r.report);
  expect(result.summary).toEqual({ errors: 4, warnings: 1, incomplete: 0 });
  expect(result.findings.filter((f) => f.severity === "warning").map((f) => f.rule)).toEqual([
    "narrative-figure",
  ]);
});
