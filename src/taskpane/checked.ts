/**
 * What the pane shows of one read of the template, without React or a host: the findings of every check on
 * the cells as read, grouped by the part of the report they belong to, blanks kept apart, and counted.
 */
import { validateCells } from "../checks/evaluate";
import type { Finding, ValidationResult } from "../checks/types";
import type { TemplateState } from "../excel/host";
import { cellsOfReport, type ReportCells } from "../report/cells-as-read";
import type { Report } from "../report/model";
import type { PartId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";

export type GroupId = "meta" | PartId;
const GROUP_ORDER: readonly GroupId[] = ["meta", "一", "二", "三", "四", "五", "六"];

const PREFIX_GROUPS: [string, GroupId][] = [
  ["/narrative/overview", "一"],
  ["/proactive", "二"],
  ["/requests", "三"],
  ["/appeals", "四"],
  ["/narrative/problems", "五"],
  ["/narrative/other", "六"],
];

/** The part a pointer belongs to; metadata pointers (/year, /format …) go to "meta". */
export function groupOf(pointer: Pointer): GroupId {
  const hit = PREFIX_GROUPS.find(
    ([prefix]) => pointer === prefix || pointer.startsWith(prefix + "/")
  );
  return hit ? hit[1] : "meta";
}

export type TemplateRead = Extract<TemplateState, { kind: "template" }>;

export interface FindingGroup {
  id: GroupId;
  findings: Finding[];
}

export interface Checked {
  result: ValidationResult;
  /** Findings other than blanks, by the part of their first cell, in part order; empty groups omitted. */
  groups: FindingGroup[];
  /** Blank cells are a reminder while filling, not mixed into the list of errors. */
  blanks: Finding[];
  /** Blanks that filling the blanks leaves blank (totals whose checks disagree), each saying why. */
  leftBlank: Finding[];
  counts: { errors: number; warnings: number; blanks: number; incomplete: number };
}

/** Last year's report changes seldom (an import), so its cells are read once per report object. */
const previousCache = new WeakMap<Report, ReportCells>();
function previousCells(report: Report): ReportCells {
  let cells = previousCache.get(report);
  if (!cells) previousCache.set(report, (cells = cellsOfReport(report)));
  return cells;
}

export function checkTemplate(workbook: TemplateRead): Checked {
  const result = validateCells(workbook.cells, {
    previous: workbook.previous && previousCells(workbook.previous),
  });
  const blanks = result.findings.filter((f) => f.rule === "blank");
  const others = result.findings.filter((f) => f.rule !== "blank");
  const groups = GROUP_ORDER.map((id) => ({
    id,
    findings: others.filter((f) => groupOf(f.cells[0] ?? "") === id),
  })).filter((g) => g.findings.length > 0);
  const errors = others.filter((f) => f.severity === "error").length;
  return {
    result,
    groups,
    blanks,
    leftBlank: blanks.filter((f) => f.fix === undefined),
    counts: {
      errors,
      warnings: others.length - errors,
      blanks: blanks.length,
      incomplete: result.summary.incomplete,
    },
  };
}

/** What one click on "fill blanks" writes: each blank's `fix` (a total's sum, else 0); blanks only. */
export function blankFillValues(checked: Checked): Map<Pointer, number> {
  const out = new Map<Pointer, number>();
  for (const f of checked.blanks) if (f.fix !== undefined) out.set(f.cells[0], f.fix);
  return out;
}
