/**
 * What one click on "fill blanks" writes (statutory-formats.md, Completeness): a blank total of a row-total,
 * outcome-total or appeal-total check gets the sum of its addends (blank addends counted as what they are
 * about to become), every other blank gets 0. Never a filled cell; never the balance (四 is a real count,
 * not a remainder). A blank total whose checks disagree, or whose addends cannot be read, stays blank.
 */
import { numberAt, type ReportCells } from "../report/cells-as-read";
import type { FormatId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";
import { cellDefs } from "../templates/cells";
import { arithmeticChecks } from "./definitions";
import type { ArithmeticCheck } from "./types";

/** Why a blank total is left blank. */
export type LeftBlank =
  /** Two checks give it different sums (each with the check's scope and its sum). */
  | { pointer: Pointer; reason: "conflict"; sums: { check: ArithmeticCheck; value: number }[] }
  /** An addend holds something that is not a number, so no sum can be told yet. */
  | { pointer: Pointer; reason: "unreadable"; cells: Pointer[] }
  /** An addend is itself a blank total that stays blank. */
  | { pointer: Pointer; reason: "waits"; cells: Pointer[] };

export interface BlankFills {
  /** The value each blank gets, in document order. */
  values: Map<Pointer, number>;
  leftBlank: LeftBlank[];
}

const TOTAL_RULES = new Set<ArithmeticCheck["rule"]>([
  "row-total",
  "outcome-total",
  "appeal-total",
]);
const totalsCache = new Map<FormatId, Map<Pointer, ArithmeticCheck[]>>();

/** The total checks of a format by the cell that is their total. */
function totalChecks(format: FormatId): Map<Pointer, ArithmeticCheck[]> {
  let map = totalsCache.get(format);
  if (!map) {
    map = new Map();
    for (const check of arithmeticChecks(format)) {
      if (!TOTAL_RULES.has(check.rule) || check.actual.length !== 1) continue;
      const total = check.actual[0].pointer;
      map.set(total, [...(map.get(total) ?? []), check]);
    }
    totalsCache.set(format, map);
  }
  return map;
}

export function blankFills(input: ReportCells): BlankFills {
  const totals = totalChecks(input.meta.format);
  const values = new Map<Pointer, number>();
  const leftBlank: LeftBlank[] = [];
  /** Resolved blanks: a number, or null when the blank stays. */
  const memo = new Map<Pointer, number | null>();
  const isBlank = (p: Pointer) => !input.cells.has(p);

  /** The value a cell will hold after the fill; undefined for a cell that holds no number. */
  const after = (p: Pointer): number | undefined | null =>
    isBlank(p) ? resolve(p) : numberAt(input, p);

  const resolve = (p: Pointer): number | null => {
    const known = memo.get(p);
    if (known !== undefined) return known;
    memo.set(p, null); // the checks form no cycle; this only guards against one
    const checks = totals.get(p);
    let result: number | null = 0;
    if (checks) {
      const sums: { check: ArithmeticCheck; value: number }[] = [];
      const unreadable = new Set<Pointer>();
      const waiting = new Set<Pointer>();
      for (const check of checks) {
        let sum = 0;
        let readable = true;
        for (const t of check.expected) {
          const v = after(t.pointer);
          if (typeof v !== "number") {
            readable = false;
            (v === undefined ? unreadable : waiting).add(t.pointer);
          } else sum += t.coefficient * v;
        }
        if (readable) sums.push({ check, value: Math.round(sum * 1e6) / 1e6 });
      }
      if (sums.length < checks.length) {
        result = null;
        leftBlank.push(
          unreadable.size > 0
            ? { pointer: p, reason: "unreadable", cells: [...unreadable] }
            : { pointer: p, reason: "waits", cells: [...waiting] }
        );
      } else if (sums.some((s) => s.value !== sums[0].value)) {
        result = null;
        leftBlank.push({ pointer: p, reason: "conflict", sums });
      } else result = sums[0].value;
    }
    memo.set(p, result);
    return result;
  };

  for (const def of cellDefs(input.meta.format)) {
    if (!isBlank(def.pointer)) continue;
    const v = resolve(def.pointer);
    if (v !== null) values.set(def.pointer, v);
  }
  return { values, leftBlank };
}
