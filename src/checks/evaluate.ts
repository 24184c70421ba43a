/**
 * The one evaluator: a report (and, optionally, last year's and the faults found while reading its cells)
 * in, findings in the shape of report-json.md out. Pure and synchronous; a full report takes well under 1 ms.
 */
import { interpretCell } from "../report/interpret";
import type { CellProblem } from "../report/cell";
import { cellValues, NARRATIVE_KEYS, type CellValue, type Report } from "../report/model";
import { cellDef, cellDefs } from "../templates/cells";
import { FORMATS, formatForYear } from "../templates/formats";
import type { Pointer } from "../templates/pointers";
import { arithmeticChecks, crossYearChecks } from "./definitions";
import * as msg from "./messages";
import { statedFigures } from "./narrative";
import {
  KIND_SEVERITY,
  RULE_KIND,
  type ArithmeticCheck,
  type Finding,
  type RuleName,
  type ValidationResult,
} from "./types";

/** What a reader found wrong with a cell it could not take as a number (the report holds null there). */
export interface CellFault {
  problem: CellProblem;
  message: string;
  messageEn: string;
  fix?: number;
}

export interface ValidateOptions {
  previous?: Report;
  cellFaults?: ReadonlyMap<Pointer, CellFault>;
}

const RULE_ORDER: RuleName[] = Object.keys(RULE_KIND) as RuleName[];

export function validateReport(report: Report, options: ValidateOptions = {}): ValidationResult {
  const values = cellValues(report);
  const faults = options.cellFaults ?? new Map<Pointer, CellFault>();
  const findings: Finding[] = [];
  const add = (rule: RuleName, f: Omit<Finding, "rule" | "kind" | "severity">) =>
    findings.push({ rule, kind: RULE_KIND[rule], severity: KIND_SEVERITY[RULE_KIND[rule]], ...f });

  // Type and completeness, cell by cell.
  const typeFaulty = new Set<Pointer>();
  for (const def of cellDefs(report.format)) {
    const value = values.get(def.pointer) ?? null;
    const fault = faults.get(def.pointer) ?? numberFault(value, def.kind);
    if (fault) {
      typeFaulty.add(def.pointer);
      add("type", {
        cells: [def.pointer],
        message: `${def.label}：${fault.message}`,
        messageEn: `${def.labelEn}: ${fault.messageEn}`,
        ...(fault.fix !== undefined ? { fix: fault.fix } : {}),
      });
    } else if (value === null) {
      add("blank", { cells: [def.pointer], fix: 0, ...msg.blank(def.label, def.labelEn) });
    }
  }

  // Arithmetic within the year. Blank and unreadable cells count as 0, as SUM does in Excel.
  const num = (p: Pointer) => finiteOrZero(values.get(p));
  const failing = failingChecks(report.format, num);
  const suspects = singledOutCells(failing);
  for (const f of failing) add(f.check.rule, arithmeticFinding(f, num, suspects.get(f), report));

  // Across years.
  const previous = options.previous;
  if (previous) {
    if (previous.year !== report.year - 1) {
      add("carry-over", {
        cells: ["/year"],
        ...msg.previousYearMismatch(previous.year, report.year),
      });
    } else {
      const prevValues = cellValues(previous);
      const prev = (p: Pointer) => finiteOrZero(prevValues.get(p));
      for (const check of crossYearChecks(report.format, previous.format)) {
        const f = evaluateCheck(check, num, prev);
        if (f) add(check.rule, arithmeticFinding(f, num, undefined, report));
      }
    }
  }

  // Narrative.
  for (const key of NARRATIVE_KEYS) {
    const problem = narrativeProblem(report.narrative[key]);
    const heading = FORMATS[report.format].narrative.find((n) => n.key === key)!.heading;
    if (problem)
      add("narrative-missing", {
        cells: [`/narrative/${key}`],
        ...msg.narrativeMissing(heading, problem),
      });
  }
  for (const figure of statedFigures(report.narrative.overview, report.format)) {
    const sums = figure.pattern.readings.map((cells) => cells.reduce((s, p) => s + num(p), 0));
    if (sums.some((s) => Math.abs(s - figure.value) < 1e-9)) continue;
    const cells = figure.pattern.readings[0];
    if (cells.some((p) => values.get(p) === null || typeFaulty.has(p))) continue; // nothing to compare yet
    add("narrative-figure", {
      cells: [...cells, "/narrative/overview"],
      expected: figure.value,
      actual: sums[0],
      ...msg.narrativeFigure(
        figure,
        sums[0],
        cells.map((p) => cellDef(report.format, p)!.label)
      ),
    });
  }

  // Plausibility.
  const expectedFormat = formatForYear(report.year);
  if (expectedFormat !== report.format) {
    add("format-year", {
      cells: ["/format", "/year"],
      ...msg.formatYear(report.format, report.year, expectedFormat),
    });
  }
  const regulations = cellDefs(report.format).filter((d) =>
    d.pointer.startsWith("/proactive/regulations/")
  );
  if (regulations.some((d) => num(d.pointer) > 0) && !mayMakeRegulations(report.agency)) {
    add("regulations-authority", {
      cells: regulations.map((d) => d.pointer),
      ...msg.regulationsAuthority(report.agency),
    });
  }
  for (const def of cellDefs(report.format)) {
    const v = values.get(def.pointer);
    if (
      def.kind === "amount" &&
      typeof v === "number" &&
      v >= UNIT_SUSPECT_AMOUNT &&
      !isLargeAuthority(report.agency)
    ) {
      add("unit", { cells: [def.pointer], ...msg.unit(def.label, v) });
    }
  }

  return summarise(report, sortFindings(findings, report));
}

function summarise(report: Pick<Report, "format" | "year">, findings: Finding[]): ValidationResult {
  const errors = findings.filter((f) => f.severity === "error").length;
  return {
    valid: errors === 0,
    format: report.format,
    year: report.year,
    summary: { errors, warnings: findings.length - errors },
    findings,
  };
}

/** The arithmetic checks of one year that fail, in definition order. */
export function failingArithmetic(report: Report): ArithmeticCheck[] {
  const values = cellValues(report);
  return failingChecks(report.format, (p) => finiteOrZero(values.get(p))).map((f) => f.check);
}

function failingChecks(format: Report["format"], num: (p: Pointer) => number): Failure[] {
  return arithmeticChecks(format)
    .map((check) => evaluateCheck(check, num, () => 0))
    .filter((r): r is Failure => r !== undefined);
}

interface Failure {
  check: ArithmeticCheck;
  actual: number;
  expected: number;
  /** Each term's value, in the order actual then expected. */
  termValues: number[];
}

function evaluateCheck(
  check: ArithmeticCheck,
  current: (p: Pointer) => number,
  previous: (p: Pointer) => number
): Failure | undefined {
  const termValues = [...check.actual, ...check.expected].map((t) =>
    t.previous ? previous(t.pointer) : current(t.pointer)
  );
  const side = (offset: number, count: number) =>
    [...check.actual, ...check.expected]
      .slice(offset, offset + count)
      .reduce((s, t, i) => s + t.coefficient * termValues[offset + i], 0);
  const actual = side(0, check.actual.length);
  const expected = side(check.actual.length, check.expected.length);
  return Math.abs(actual - expected) > 1e-9 ? { check, actual, expected, termValues } : undefined;
}

const currentPointers = (check: ArithmeticCheck): Pointer[] =>
  [...check.actual, ...check.expected].filter((t) => !t.previous).map((t) => t.pointer);

/**
 * The cell to blame, per failing check. Failing checks that share cells form a group; when exactly one cell
 * lies in every check of its group, one wrong value explains them all (a typing slip), so that cell comes
 * first and its fix restores it. Otherwise the arithmetic cannot tell, and the default order stands: the
 * total first (totals are derived, so recomputing one is the expected remedy), no fix for the balance.
 */
function singledOutCells(failing: Failure[]): Map<Failure, Pointer> {
  const cellsOf = failing.map((f) => new Set(currentPointers(f.check)));
  const group = failing.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i])));
  for (let i = 0; i < failing.length; i++) {
    for (let j = i + 1; j < failing.length; j++) {
      if ([...cellsOf[i]].some((p) => cellsOf[j].has(p))) group[root(i)] = root(j);
    }
  }
  const out = new Map<Failure, Pointer>();
  const members = new Map<number, number[]>();
  failing.forEach((_, i) => members.set(root(i), [...(members.get(root(i)) ?? []), i]));
  for (const indices of members.values()) {
    if (indices.length < 2) continue; // one failing check alone cannot say which of its cells is wrong
    const common = [...cellsOf[indices[0]]].filter((p) => indices.every((i) => cellsOf[i].has(p)));
    if (common.length === 1) indices.forEach((i) => out.set(failing[i], common[0]));
  }
  return out;
}

function arithmeticFinding(
  f: Failure,
  num: (p: Pointer) => number,
  suspect: Pointer | undefined,
  report: Report
): Omit<Finding, "rule" | "kind" | "severity"> {
  const defaultOrder = [...new Set(currentPointers(f.check))];
  const cells = suspect ? [suspect, ...defaultOrder.filter((p) => p !== suspect)] : defaultOrder;
  const fix = suspect || f.check.defaultFix ? fixFor(f, cells[0], num, report) : undefined;
  return {
    cells,
    expected: f.expected,
    actual: f.actual,
    ...(fix !== undefined ? { fix } : {}),
    ...msg.arithmetic(f.check, f.termValues, f.actual, f.expected),
  };
}

/** The value of `pointer` that makes the relation hold, if that value is a valid one for the cell. */
function fixFor(
  f: Failure,
  pointer: Pointer,
  num: (p: Pointer) => number,
  report: Report
): number | undefined {
  const coefficient = (terms: ArithmeticCheck["actual"]) =>
    terms
      .filter((t) => !t.previous && t.pointer === pointer)
      .reduce((s, t) => s + t.coefficient, 0);
  const inActual = coefficient(f.check.actual);
  const inExpected = coefficient(f.check.expected);
  const net = inActual - inExpected; // how much (actual − expected) moves per unit of this cell
  if (net === 0) return undefined;
  const value = num(pointer) + (f.expected - f.actual) / net;
  const def = cellDef(report.format, pointer)!;
  const check = interpretCell({ type: "number", value }, def.kind);
  return check.status === "ok" ? check.value : undefined;
}

function numberFault(
  value: CellValue,
  kind: Parameters<typeof interpretCell>[1]
): CellFault | undefined {
  if (value === null) return undefined;
  const result = interpretCell({ type: "number", value }, kind);
  if (result.status !== "invalid") return undefined;
  return {
    problem: result.problem,
    message: result.message,
    messageEn: result.messageEn,
    fix: result.fix,
  };
}

const finiteOrZero = (v: CellValue | undefined) =>
  typeof v === "number" && Number.isFinite(v) ? v : 0;

const PLACEHOLDERS = /(?:XX|ｘｘ|××|待补充|待填写|TODO|TBD|……|\.\.\.\.\.\.|（略）|此处填写)/i;

function narrativeProblem(text: string): "empty" | "placeholder" | undefined {
  const t = text.trim();
  if (t === "") return "empty";
  if (PLACEHOLDERS.test(t.slice(0, 20000))) return "placeholder";
  return undefined;
}

/**
 * 规章 are made only by 国务院部门 and the people's governments of provinces, autonomous regions,
 * municipalities, cities with districts and autonomous prefectures. A township, a street office, a county
 * (or banner) or a district is suspect; so is anything of theirs. Conservative: other names pass.
 */
export function mayMakeRegulations(agency: string): boolean {
  const name = agency.replace(/自治区/g, "");
  return !/(乡|镇|街道|苏木|县|旗|[^新]区(?:人民政府|政府|.{0,12}(?:局|委|办|中心|所)))/.test(name);
}

/** An amount of 10,000 万元 (100 million yuan) or more is plausible for provincial and national bodies only. */
const UNIT_SUSPECT_AMOUNT = 10000;
const isLargeAuthority = (agency: string) =>
  /(国务院|国家|中央|省|自治区|直辖市|^北京市|^上海市|^天津市|^重庆市|部$|总局|兵团)/.test(agency);

function sortFindings(findings: Finding[], report: Report): Finding[] {
  const position = new Map(cellDefs(report.format).map((d, i) => [d.pointer, i]));
  const pos = (f: Finding) => position.get(f.cells[0]) ?? -1;
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (a.f.severity === b.f.severity ? 0 : a.f.severity === "error" ? -1 : 1) ||
        RULE_ORDER.indexOf(a.f.rule) - RULE_ORDER.indexOf(b.f.rule) ||
        pos(a.f) - pos(b.f) ||
        a.i - b.i
    )
    .map(({ f }) => f);
}
