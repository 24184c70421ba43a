/**
 * The arithmetic checks of a format as data (statutory-formats.md, "Checks"), derived from the format
 * definition so that a format change changes its checks. One evaluator (evaluate.ts) runs them; the
 * formula compiler (formula.ts) turns the same data into Excel formulas.
 */
import { FORMATS, type FormatId, type RequestRowDef } from "../templates/formats";
import { requestRowName } from "../templates/cells";
import { PROACTIVE_LABELS } from "../templates/labels";
import { pointerFromSegments, type Pointer } from "../templates/pointers";
import type { ArithmeticCheck, Term } from "./types";

const requestPointer = (row: RequestRowDef, column: string): Pointer =>
  pointerFromSegments(["requests", ...row.path.split("/"), column]);

const term = (
  pointer: Pointer,
  short: string,
  shortEn: string,
  coefficient: 1 | -1 = 1,
  previous = false
): Term => ({
  pointer,
  coefficient,
  short,
  shortEn,
  ...(previous ? { previous: true } : {}),
});

const cache = new Map<string, ArithmeticCheck[]>();

/** The checks within one year's report. */
export function arithmeticChecks(format: FormatId): ArithmeticCheck[] {
  const key = `current:${format}`;
  let checks = cache.get(key);
  if (!checks) {
    checks = [...requestChecks(format), ...appealChecks(format)];
    cache.set(key, checks);
  }
  return checks;
}

/** The checks that compare with last year's report (heuristic: they need it, and can legitimately fail). */
export function crossYearChecks(format: FormatId, previousFormat: FormatId): ArithmeticCheck[] {
  const key = `previous:${format}:${previousFormat}`;
  let checks = cache.get(key);
  if (!checks) {
    checks = [
      ...carryOverChecks(format),
      ...(format === "2021" && previousFormat === "2021" ? stockChecks() : []),
    ];
    cache.set(key, checks);
  }
  return checks;
}

function rowsByRole(format: FormatId) {
  const rows = FORMATS[format].requests.rows;
  const one = (role: RequestRowDef["role"]) => rows.find((r) => r.role === role)!;
  return {
    received: one("received"),
    carriedOver: one("carriedOver"),
    totalHandled: one("totalHandled"),
    carriedForward: one("carriedForward"),
    outcomes: rows.filter((r) => r.role === "outcome"),
  };
}

function requestChecks(format: FormatId): ArithmeticCheck[] {
  const { columns, applicantKeys, totalKey, rows } = FORMATS[format].requests;
  const r = rowsByRole(format);
  const checks: ArithmeticCheck[] = [];
  for (const col of columns) {
    const scope = `${col.label}列`;
    const scopeEn = `column ${col.key}`;
    checks.push({
      id: `balance:${col.key}`,
      rule: "balance",
      part: "三",
      scope,
      scopeEn,
      expected: [
        term(requestPointer(r.received, col.key), "一", "1"),
        term(requestPointer(r.carriedOver, col.key), "二", "2"),
      ],
      actual: [
        term(requestPointer(r.totalHandled, col.key), "三（七）总计", "3(7) total"),
        term(requestPointer(r.carriedForward, col.key), "四", "4"),
      ],
      mark: requestPointer(r.carriedForward, col.key),
      defaultFix: false,
    });
    checks.push({
      id: `outcome-total:${col.key}`,
      rule: "outcome-total",
      part: "三",
      scope,
      scopeEn,
      actual: [term(requestPointer(r.totalHandled, col.key), "（七）总计", "(7) total")],
      expected: r.outcomes.map((row) => term(requestPointer(row, col.key), row.short, row.path)),
      mark: requestPointer(r.totalHandled, col.key),
      defaultFix: true,
    });
  }
  for (const row of rows) {
    const scope = requestRowName(row);
    checks.push({
      id: `row-total:${row.path.replace(/\//g, ".")}`,
      rule: "row-total",
      part: "三",
      scope,
      scopeEn: `row ${row.path}`,
      actual: [term(requestPointer(row, totalKey), "总计", "total")],
      expected: applicantKeys.map((key) => {
        const col = columns.find((c) => c.key === key)!;
        return term(requestPointer(row, key), col.label, key);
      }),
      mark: requestPointer(row, totalKey),
      defaultFix: true,
    });
  }
  return checks;
}

function appealChecks(format: FormatId): ArithmeticCheck[] {
  const { groups, columns, partKeys, totalKey } = FORMATS[format].appeals;
  return groups.map((g) => {
    const p = (key: string) => pointerFromSegments(["appeals", g.key, key]);
    const scope = g.key === "review" ? g.label : `行政诉讼（${g.label}）`;
    return {
      id: `appeal-total:${g.key}`,
      rule: "appeal-total",
      part: "四",
      scope,
      scopeEn: g.key,
      actual: [term(p(totalKey), "总计", "total")],
      expected: partKeys.map((key) => term(p(key), columns.find((c) => c.key === key)!.label, key)),
      mark: p(totalKey),
      defaultFix: true,
    };
  });
}

function carryOverChecks(format: FormatId): ArithmeticCheck[] {
  const { columns, rows } = FORMATS[format].requests;
  const carriedOver = rows.find((r) => r.role === "carriedOver")!;
  const carriedForward = rows.find((r) => r.role === "carriedForward")!;
  return columns.map((col) => ({
    id: `carry-over:${col.key}`,
    rule: "carry-over",
    part: "三",
    scope: `${col.label}列`,
    scopeEn: `column ${col.key}`,
    actual: [term(requestPointer(carriedOver, col.key), "二、上年结转", "2 carried over")],
    expected: [
      term(
        requestPointer(carriedForward, col.key),
        "上年报告 四、结转下年度继续办理",
        "last year's 4 carried forward",
        1,
        true
      ),
    ],
    mark: requestPointer(carriedOver, col.key),
    defaultFix: true,
  }));
}

function stockChecks(): ArithmeticCheck[] {
  const rows = [
    { key: "regulations", label: PROACTIVE_LABELS.regulations },
    { key: "normativeDocuments", label: PROACTIVE_LABELS.normativeDocuments2021 },
  ];
  return rows.map(({ key, label }) => {
    const p = (col: string) => pointerFromSegments(["proactive", key, col]);
    return {
      id: `stock:${key}`,
      rule: "stock",
      part: "二",
      scope: label,
      scopeEn: key,
      actual: [term(p("inForce"), "现行有效件数", "in force")],
      expected: [
        term(p("inForce"), "上年现行有效件数", "last year's in force", 1, true),
        term(p("issued"), "本年制发", "issued"),
        term(p("repealed"), "本年废止", "repealed", -1),
      ],
      mark: p("inForce"),
      defaultFix: true,
    };
  });
}
