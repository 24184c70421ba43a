import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { arithmeticChecks } from "../../src/checks/definitions";
import type { ArithmeticCheck } from "../../src/checks/types";
import { arithmeticStatus, validateCells, validateReport } from "../../src/checks/evaluate";
import { pendingDifferenceFormula } from "../../src/checks/formula";
import { cellsOfReport, faultOf } from "../../src/report/cells-as-read";
import { interpretCell } from "../../src/report/interpret";
import { cellValues, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { absoluteReference, areaAddress } from "../../src/templates/address";
import { cellDefs } from "../../src/templates/cells";
import type { FormatId } from "../../src/templates/formats";
import { borderAreas, layoutPlan, STYLES, type LayoutPlan } from "../../src/layout/plan";
import { META_NAMES, nameFromPointer } from "../../src/templates/pointers";
import { isValidExcelName, pointerFromName } from "../support/excel-names";
import { compilableChecks, FAIL, PASS, PENDING, resultFormula } from "../../src/layout/check-sheet";
import { randomConsistentReport } from "../support/random-report";

/** The arithmetic checks of one year that fail (incomplete ones do not), in definition order. */
function failingArithmetic(report: Report): ArithmeticCheck[] {
  const status = arithmeticStatus(report);
  return arithmeticChecks(report.format).filter((c) => status.get(c.id) === "fail");
}

const FORMATS_ALL: FormatId[] = ["2019", "2021"];
const plans = Object.fromEntries(
  FORMATS_ALL.map((f) => [
    f,
    layoutPlan({ format: f, year: f === "2019" ? 2020 : 2024, agency: "某市某局" }),
  ])
) as Record<FormatId, LayoutPlan>;

describe.each(FORMATS_ALL)("layout plan, format %s", (format) => {
  const plan = plans[format];

  test("one workbook name per value cell and narrative, plus the metadata names, all valid", () => {
    const names = plan.names.map((n) => n.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(isValidExcelName(n)).toBe(true);
    const pointers = names.map(pointerFromName).filter((p): p is string => p !== undefined);
    expect(pointers.sort()).toEqual(
      [
        ...cellDefs(format).map((d) => d.pointer),
        "/narrative/overview",
        "/narrative/problems",
        "/narrative/other",
      ].sort()
    );
    expect(names.filter((n) => n.startsWith("nb.meta."))).toEqual(
      expect.arrayContaining(Object.values(META_NAMES))
    );
  });

  test("each name sits on the plan cell that holds its pointer; inputs are exactly the unlocked cells", () => {
    const at = new Map(plan.cells.map((c) => [`${c.row},${c.col}`, c]));
    for (const n of plan.names) {
      const cell = at.get(`${n.row},${n.col}`)!;
      expect(cell).toBeDefined();
      const pointer = pointerFromName(n.name);
      if (pointer) expect(cell.pointer).toBe(pointer);
    }
    const unlocked = plan.cells.filter((c) => !STYLES[c.style].locked);
    expect(unlocked).toHaveLength(cellDefs(format).length + 3 + 2); // values, narratives, agency and date
  });

  test("merges never overlap and stay inside 15 columns; every merge starts at a written cell", () => {
    const seen = new Set<string>();
    const written = new Set(plan.cells.map((c) => `${c.row},${c.col}`));
    for (const m of plan.merges) {
      expect(m.col + m.colCount).toBeLessThanOrEqual(15);
      expect(written.has(`${m.row},${m.col}`)).toBe(true);
      for (let r = m.row; r < m.row + m.rowCount; r++) {
        for (let c = m.col; c < m.col + m.colCount; c++) {
          expect(seen.has(`${r},${c}`)).toBe(false);
          seen.add(`${r},${c}`);
        }
      }
    }
    for (const c of plan.cells) expect(c.col).toBeLessThan(15);
  });

  test("border areas cover exactly the bordered cells, in a few blocks", () => {
    const areas = borderAreas(plan);
    const covered = new Set<string>();
    for (const a of areas) {
      for (let r = a.row; r < a.row + a.rowCount; r++) {
        for (let c = a.col; c < a.col + a.colCount; c++) {
          expect(covered.has(`${r},${c}`)).toBe(false);
          covered.add(`${r},${c}`);
        }
      }
    }
    const merges = new Map(plan.merges.map((m) => [`${m.row},${m.col}`, m]));
    let expected = 0;
    for (const cell of plan.cells.filter((c) => STYLES[c.style].border)) {
      const m = merges.get(`${cell.row},${cell.col}`) ?? { rowCount: 1, colCount: 1 };
      expected += m.rowCount * m.colCount;
      expect(covered.has(`${cell.row},${cell.col}`)).toBe(true);
    }
    expect(covered.size).toBe(expected);
    expect(areas.length).toBeLessThan(20);
  });

  test("data validation covers every value cell with its kind", () => {
    const covered = new Map<string, string>();
    for (const v of plan.validations) {
      for (let r = v.row; r < v.row + v.rowCount; r++)
        for (let c = v.col; c < v.col + v.colCount; c++) covered.set(`${r},${c}`, v.kind);
    }
    const byPointer = new Map(plan.cells.filter((c) => c.pointer).map((c) => [c.pointer!, c]));
    for (const d of cellDefs(format)) {
      const cell = byPointer.get(d.pointer)!;
      expect(covered.get(`${cell.row},${cell.col}`)).toBe(d.kind);
    }
    expect(plan.validations.length).toBeLessThan(30); // blocks, not one rule per cell
  });
});

/**
 * The conditional formats compiled from the checks and the TypeScript evaluator must agree: a real formula
 * engine (HyperFormula) evaluates the plan's formulas over a sheet filled from random reports.
 */
describe.each(FORMATS_ALL)("conditional formats agree with the evaluator, format %s", (format) => {
  const plan = plans[format];
  const sheet = plan.sheetName;
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
  hf.addSheet(sheet);
  const sheetId = hf.getSheetId(sheet)!;
  for (const n of plan.names)
    hf.addNamedExpression(n.name, `=${absoluteReference(sheet, n.row, n.col)}`);
  const position = new Map(plan.names.map((n) => [n.name, n]));
  const markFormulas = plan.conditionalFormats.filter((c) => !c.source.startsWith("type:"));

  test("one rule per compilable check, at its mark cell", () => {
    expect(markFormulas.map((c) => c.source).sort()).toEqual(
      arithmeticChecks(format)
        .map((c) => c.id)
        .sort()
    );
  });

  test("on random reports with random slips, a rule fires exactly when its check fails", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -3, max: 3 })), { maxLength: 3 }),
        (seed, slips) => {
          let report = randomConsistentReport(format, seed);
          const defs = cellDefs(format).filter((d) => d.part !== "二");
          const values = cellValues(report);
          const changes = new Map<string, number | null>();
          for (const [i, delta] of slips) {
            const d = defs[i % defs.length];
            changes.set(d.pointer, Math.max(0, (values.get(d.pointer) as number) + delta));
          }
          report = withValues(report, changes);
          for (const [pointer, value] of cellValues(report)) {
            const at = position.get(nameFromPointer(pointer))!;
            hf.setCellContents({ sheet: sheetId, row: at.row, col: at.col }, value);
          }
          const failing = new Set(failingArithmetic(report).map((c) => c.id));
          for (const cf of markFormulas) {
            const result = hf.calculateFormula(`=${cf.formula}`, sheetId);
            expect(typeof result).toBe("boolean");
            expect([cf.source, result]).toEqual([cf.source, failing.has(cf.source)]);
          }
          // and the findings the user sees are exactly those checks
          expect(
            validateReport(report).findings.filter((f) => f.expected !== undefined)
          ).toHaveLength(failing.size);
        }
      ),
      { numRuns: 60 }
    );
  });

  test("on partly filled reports (blanks, text, error values), incomplete checks never fire and the check sheet says 待填", () => {
    const checks = compilableChecks(format);
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom("2件", "／", "#REF!")), { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -3, max: 3 })), { maxLength: 3 }),
        (seed, blanks, texts, slips) => {
          let report = randomConsistentReport(format, seed);
          const defs = cellDefs(format);
          const values = cellValues(report);
          const changes = new Map<string, number | null>();
          for (const [i, delta] of slips) {
            const d = defs[i % defs.length];
            changes.set(d.pointer, Math.max(0, (values.get(d.pointer) as number) + delta));
          }
          for (const i of blanks) changes.set(defs[i % defs.length].pointer, null);
          const raw = new Map<string, string>();
          for (const [i, text] of texts) {
            const d = defs[i % defs.length];
            raw.set(d.pointer, text);
            changes.set(d.pointer, null);
          }
          report = withValues(report, changes);
          // What a reader finds in the text cells: one interpretation each, as the workbook readers do.
          const faults = new Map(
            [...raw].map(([pointer, text]) => {
              const kind = defs.find((d) => d.pointer === pointer)!.kind;
              const c = interpretCell(
                text.startsWith("#") ? { type: "error", code: text } : { type: "text", text },
                kind
              );
              if (c.status !== "invalid") throw new Error(`${text} should be invalid`);
              return [pointer, faultOf(c)] as const;
            })
          );
          for (const [pointer, value] of cellValues(report)) {
            const at = position.get(nameFromPointer(pointer))!;
            const text = raw.get(pointer);
            const content = text === "#REF!" ? "=#REF!" : (text ?? value);
            hf.setCellContents({ sheet: sheetId, row: at.row, col: at.col }, content);
          }
          const cells = cellsOfReport(report, faults);
          const status = arithmeticStatus(cells);
          const result = validateCells(cells);
          for (const cf of markFormulas) {
            const fires = hf.calculateFormula(`=${cf.formula}`, sheetId);
            expect([cf.source, fires]).toEqual([cf.source, status.get(cf.source) === "fail"]);
          }
          for (const check of checks) {
            const diff = hf.calculateFormula(`=${pendingDifferenceFormula(check)}`, sheetId);
            hf.setCellContents({ sheet: sheetId, row: plan.rowCount + 5, col: 0 }, diff as number);
            const shown = hf.calculateFormula(
              `=${resultFormula(absoluteReference(sheet, plan.rowCount + 5, 0))}`,
              sheetId
            );
            const expected = { pass: PASS, fail: FAIL, incomplete: PENDING }[status.get(check.id)!];
            expect([check.id, shown]).toEqual([check.id, expected]);
          }
          // the findings: no arithmetic finding but for failing checks, and every incomplete one counted
          const statuses = [...status.values()];
          expect(result.findings.filter((f) => f.expected !== undefined)).toHaveLength(
            statuses.filter((x) => x === "fail").length
          );
          expect(result.summary.incomplete).toBe(statuses.filter((x) => x === "incomplete").length);
        }
      ),
      { numRuns: 40 }
    );
  });

  test("type rules colour text, negatives and fractions, not blanks or numbers", () => {
    const typeRules = plan.conditionalFormats.filter((c) => c.source.startsWith("type:"));
    const count = typeRules.find((c) => c.source === "type:count" && c.rowCount > 1)!;
    const cell = { sheet: sheetId, row: count.row, col: count.col };
    const fires = (content: unknown) => {
      hf.setCellContents(cell, content as number);
      return hf.calculateFormula(`=${count.formula}`, sheetId);
    };
    expect(fires(null)).toBe(false);
    expect(fires(3)).toBe(false);
    expect(fires(0)).toBe(false);
    expect(fires(-1)).toBe(true);
    expect(fires(2.5)).toBe(true);
    expect(fires("2件")).toBe(true);
    expect(fires("'2")).toBe(true);
    expect(areaAddress(count)).toMatch(/^[A-Z]+\d+:[A-Z]+\d+$/);
  });
});
