/**
 * The one evaluator: the cells as read (and, optionally, last year's) in, findings in the shape of
 * report-json.md out. Pure and synchronous; a full report takes tens of microseconds. An arithmetic check
 * runs only when every cell it uses holds a number; otherwise it is incomplete (counted, not a finding).
 */
import type { CellFault } from "../report/cell";
import { cellsOfReport, numberAt, type ReportCells } from "../report/cells-as-read";
import { interpretCell } from "../report/interpret";
import { NARRATIVE_KEYS, type Report } from "../report/model";
import { cellDef, cellDefs } from "../templates/cells";
import { FORMATS, formatForYear, type FormatId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";
import { arithmeticChecks, crossYearChecks } from "./definitions";
import { blankFills, type LeftBlank } from "./fill-blanks";
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

export type { CellFault };

export interface ValidateOptions {
  previous?: Report;
  /** What a reader found in cells the report holds as null. */
  cellFaults?: ReadonlyMap<Pointer, CellFault>;
}

const RULE_ORDER: RuleName[] = Object.keys(RULE_KIND) as RuleName[];

/** A report as JSON holds it: read as cells, then checked. */
export function validateReport(report: Report, options: ValidateOptions = {}): ValidationResult {
  return validateCells(cellsOfReport(report, options.cellFaults), {
    previous: options.previous && cellsOfReport(options.previous),
  });
}

type Value = (p: Pointer) => number | undefined;

export function validateCells(
  input: ReportCells,
  options: { previous?: ReportCells } = {}
): ValidationResult {
  const { meta, narrative } = input;
  const format = meta.format;
  const value: Value = (p) => numberAt(input, p);
  const findings: Finding[] = [];
  const add = (rule: RuleName, f: Omit<Finding, "rule" | "kind" | "severity">) =>
    findings.push({ rule, kind: RULE_KIND[rule], severity: KIND_SEVERITY[RULE_KIND[rule]], ...f });

  // Type and completeness, cell by cell.
  let fills: ReturnType<typeof blankFills> | undefined;
  let leftBlank: Map<Pointer, LeftBlank> | undefined;
  for (const def of cellDefs(format)) {
    const c = input.cells.get(def.pointer);
    if (c === undefined || c.status === "blank") {
      if (!fills) {
        fills = blankFills(input);
        leftBlank = new Map(fills.leftBlank.map((l) => [l.pointer, l]));
      }
      const fix = fills.values.get(def.pointer);
      const why = leftBlank!.get(def.pointer);
      add("blank", {
        cells: [def.pointer],
        ...(fix !== undefined ? { fix } : {}),
        ...(why
          ? msg.blankLeft(def.label, def.labelEn, why, format)
          : msg.blank(def.label, def.labelEn)),
      });
    } else if (c.status === "invalid") {
      add("type", {
        cells: [def.pointer],
        message: `${def.label}：${c.message}`,
        messageEn: `${def.labelEn}: ${c.messageEn}`,
        ...(c.fix !== undefined ? { fix: c.fix } : {}),
      });
    }
  }

  // Arithmetic within the year, on cells that hold numbers.
  let incomplete = 0;
  const failing: Failure[] = [];
  for (const check of arithmeticChecks(format)) {
    const r = evaluateCheck(check, value, NONE);
    if (r === INCOMPLETE) incomplete++;
    else if (r) failing.push(r);
  }
  const suspects = singledOutCells(failing);
  for (const f of failing) add(f.check.rule, arithmeticFinding(f, value, suspects.get(f), format));

  // Across years: only where both years hold the numbers (a blank is not 0 here either).
  const previous = options.previous;
  if (previous) {
    if (previous.meta.year !== meta.year - 1) {
      add("carry-over", {
        cells: ["/year"],
        ...msg.previousYearMismatch(previous.meta.year, meta.year),
      });
    } else {
      const prev: Value = (p) => numberAt(previous, p);
      for (const check of crossYearChecks(format, previous.meta.format)) {
        const f = evaluateCheck(check, value, prev);
        if (f && f !== INCOMPLETE) add(check.rule, arithmeticFinding(f, value, undefined, format));
      }
    }
  }

  // Narrative.
  for (const key of NARRATIVE_KEYS) {
    const problem = narrativeProblem(narrative[key]);
    if (!problem) continue;
    const heading = FORMATS[format].narrative.find((n) => n.key === key)!.heading;
    add("narrative-missing", {
      cells: [`/narrative/${key}`],
      ...msg.narrativeMissing(heading, problem),
    });
  }
  for (const figure of figuresOf(narrative.overview, format)) {
    const sums = figure.pattern.readings.map((cells) =>
      cells.reduce((s, p) => s + (value(p) ?? 0), 0)
    );
    if (sums.some((s) => Math.abs(s - figure.value) < 1e-9)) continue;
    const cells = figure.pattern.readings[0];
    if (cells.some((p) => input.cells.get(p)?.status !== "ok")) continue; // nothing to compare yet
    add("narrative-figure", {
      cells: [...cells, "/narrative/overview"],
      expected: figure.value,
      actual: sums[0],
      ...msg.narrativeFigure(
        figure,
        sums[0],
        cells.map((p) => cellDef(format, p)!.label)
      ),
    });
  }

  // Plausibility.
  const expectedFormat = formatForYear(meta.year);
  if (expectedFormat !== format) {
    add("format-year", {
      cells: ["/format", "/year"],
      ...msg.formatYear(format, meta.year, expectedFormat),
    });
  }
  const regulations = regulationCells(format);
  if (regulations.some((p) => (value(p) ?? 0) > 0) && !mayMakeRegulations(meta.agency)) {
    add("regulations-authority", {
      cells: regulations,
      ...msg.regulationsAuthority(meta.agency),
    });
  }
  if (!isLargeAuthority(meta.agency)) {
    for (const def of amountCells(format)) {
      const c = input.cells.get(def.pointer);
      if (c?.status === "ok" && c.value >= UNIT_SUSPECT_AMOUNT)
        add("unit", { cells: [def.pointer], ...msg.unit(def.label, c.value) });
    }
  }

  return summarise(meta, sortFindings(findings, format), incomplete);
}

function summarise(
  meta: { format: FormatId; year: number },
  findings: Finding[],
  incomplete: number
): ValidationResult {
  const errors = findings.filter((f) => f.severity === "error").length;
  return {
    valid: errors === 0,
    format: meta.format,
    year: meta.year,
    summary: { errors, warnings: findings.length - errors, incomplete },
    findings,
  };
}

export type CheckStatus = "pass" | "fail" | "incomplete";

/** Each arithmetic check of the year by id: what the check sheet and the cell colours show. */
export function arithmeticStatus(input: ReportCells | Report): Map<string, CheckStatus> {
  const cells = "meta" in input ? input : cellsOfReport(input);
  const value: Value = (p) => numberAt(cells, p);
  const out = new Map<string, CheckStatus>();
  for (const check of arithmeticChecks(cells.meta.format)) {
    const r = evaluateCheck(check, value, NONE);
    out.set(check.id, r === INCOMPLETE ? "incomplete" : r ? "fail" : "pass");
  }
  return out;
}

const NONE: Value = () => undefined;
const INCOMPLETE = "incomplete" as const;

interface Failure {
  check: ArithmeticCheck;
  actual: number;
  expected: number;
  /** Each term's value, in the order actual then expected. */
  termValues: number[];
}

function sideSum(
  terms: ArithmeticCheck["actual"],
  current: Value,
  previous: Value
): number | undefined {
  let sum = 0;
  for (const t of terms) {
    const v = t.previous ? previous(t.pointer) : current(t.pointer);
    if (v === undefined) return undefined;
    sum += t.coefficient * v;
  }
  return sum;
}

function evaluateCheck(
  check: ArithmeticCheck,
  current: Value,
  previous: Value
): Failure | typeof INCOMPLETE | undefined {
  const actual = sideSum(check.actual, current, previous);
  const expected = actual === undefined ? undefined : sideSum(check.expected, current, previous);
  if (actual === undefined || expected === undefined) return INCOMPLETE;
  if (Math.abs(actual - expected) <= 1e-9) return undefined;
  const termValues = [...check.actual, ...check.expected].map(
    (t) => (t.previous ? previous(t.pointer) : current(t.pointer))!
  );
  return { check, actual, expected, termValues };
}

const currentPointers = (check: ArithmeticCheck): Pointer[] =>
  [...check.actual, ...check.expected].filter((t) => !t.previous).map((t) => t.pointer);

/**
 * The cell to blame, per failing check. Only complete checks fail, so every candidate holds a number: a
 * blank never makes a filled cell a suspect. Failing checks that share cells form a group; when exactly one
 * cell lies in every check of its group, one wrong value explains them all (a typing slip), so that cell comes
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
  value: Value,
  suspect: Pointer | undefined,
  format: FormatId
): Omit<Finding, "rule" | "kind" | "severity"> {
  const defaultOrder = [...new Set(currentPointers(f.check))];
  const cells = suspect ? [suspect, ...defaultOrder.filter((p) => p !== suspect)] : defaultOrder;
  const fix = suspect || f.check.defaultFix ? fixFor(f, cells[0], value, format) : undefined;
  return {
    cells,
    expected: f.expected,
    actual: f.actual,
    ...(fix !== undefined ? { fix } : {}),
    ...msg.arithmetic(f.check, f.termValues, f.actual, f.expected),
  };
}

/** The value of `pointer` that makes the relation hold, if that value is a valid one for the cell. */
function fixFor(f: Failure, pointer: Pointer, value: Value, format: FormatId): number | undefined {
  const coefficient = (terms: ArithmeticCheck["actual"]) =>
    terms
      .filter((t) => !t.previous && t.pointer === pointer)
      .reduce((s, t) => s + t.coefficient, 0);
  const inActual = coefficient(f.check.actual);
  const inExpected = coefficient(f.check.expected);
  const net = inActual - inExpected; // how much (actual − expected) moves per unit of this cell
  const current = value(pointer);
  if (net === 0 || current === undefined) return undefined;
  const proposed = current + (f.expected - f.actual) / net;
  const def = cellDef(format, pointer)!;
  const check = interpretCell({ type: "number", value: proposed }, def.kind);
  return check.status === "ok" ? check.value : undefined;
}

const regulationsCache = new Map<FormatId, Pointer[]>();
const regulationCells = (format: FormatId): Pointer[] => {
  let cells = regulationsCache.get(format);
  if (!cells) {
    cells = cellDefs(format)
      .filter((d) => d.pointer.startsWith("/proactive/regulations/"))
      .map((d) => d.pointer);
    regulationsCache.set(format, cells);
  }
  return cells;
};

const amountsCache = new Map<FormatId, ReturnType<typeof cellDefs>>();
const amountCells = (format: FormatId) => {
  let defs = amountsCache.get(format);
  if (!defs) {
    defs = cellDefs(format).filter((d) => d.kind === "amount");
    amountsCache.set(format, defs);
  }
  return defs;
};

/** The figures stated in part 一: the text seldom changes between two edits, so the last reading is kept. */
let lastFigures:
  { text: string; format: FormatId; figures: ReturnType<typeof statedFigures> } | undefined;
function figuresOf(text: string, format: FormatId): ReturnType<typeof statedFigures> {
  if (lastFigures?.text !== text || lastFigures.format !== format)
    lastFigures = { text, format, figures: statedFigures(text, format) };
  return lastFigures.figures;
}

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

const positionCache = new Map<FormatId, Map<Pointer, number>>();

function sortFindings(findings: Finding[], format: FormatId): Finding[] {
  if (findings.length < 2) return findings;
  let position = positionCache.get(format);
  if (!position) {
    position = new Map(cellDefs(format).map((d, i) => [d.pointer, i]));
    positionCache.set(format, position);
  }
  const pos = (f: Finding) => position!.get(f.cells[0]) ?? -1;
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
