/**
 * Fused digits split by the table's own arithmetic. A crawler that strips tags writes the cells of a row with
 * nothing between them (「584000062」 is 58 | 4 | 0 | 0 | 0 | 0 | 62). Every way of cutting the run into the
 * row's cells is tried: a count has no leading zero, a sign only opens a 本年增/减 cell, a unit only closes an
 * amount; then the format's checks that the row alone decides (a row's 总计, a part 四 group's 总计) must hold.
 * The caller keeps the cut only if exactly one survives (after checks that span rows, where needed).
 */
import type { ValueKind } from "../report/cell";

/** More cuts than this are not enumerated: the row is refused as ambiguous. */
const MAX_CANDIDATES = 2000;
/** No cell is longer than this (「123456.78万元」). */
const MAX_PIECE = 12;
const MAX_STEPS = 200_000;

const PIECE: Record<ValueKind, RegExp> = {
  count: /^(?:0|[1-9]\d*)$/,
  signed: /^(?:[+-]?[1-9]\d*|0)$/,
  amount: /^(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元)?$/,
};

export interface SplitResult {
  /** Each candidate: the cell texts, one per kind. */
  candidates: string[][];
  /** True when enumeration stopped at a limit: too many cuts to call any one of them the reading. */
  truncated: boolean;
}

/**
 * Cuts `groups` (runs already separated by spaces or cells; each is one or more fused cells) into
 * `kinds.length` cells, keeping those for which `accept` holds. `accept` is asked of every prefix too (a
 * check whose cells are all cut already can prune early: part 四's first group before the rest is cut).
 */
export function splitRuns(
  groups: string[],
  kinds: ValueKind[],
  accept: (cells: string[]) => boolean
): SplitResult {
  const n = kinds.length;
  const candidates: string[][] = [];
  const cells: string[] = [];
  let steps = 0;
  let truncated = false;
  // characters from each group on, to stop cutting when what is left cannot make the cells still wanted
  const left = groups.map((_, g) => groups.slice(g).reduce((a, x) => a + x.length, 0));
  const walk = (g: number, pos: number): void => {
    if (truncated) return;
    if (++steps > MAX_STEPS) {
      truncated = true;
      return;
    }
    if (g === groups.length) {
      if (cells.length === n) {
        if (candidates.length >= MAX_CANDIDATES) truncated = true;
        else candidates.push([...cells]);
      }
      return;
    }
    // every group left needs at least one cell
    if (cells.length + (groups.length - g) > n) return;
    const group = groups[g];
    const kind = kinds[cells.length];
    for (let end = pos + 1; end <= group.length; end++) {
      const rest = group.length - end + (left[g + 1] ?? 0);
      if (rest < n - cells.length - 1) break; // every cell still wanted needs a character
      if (rest > (n - cells.length - 1) * MAX_PIECE) continue; // too much left for the cells still wanted
      const piece = group.slice(pos, end);
      if (!PIECE[kind].test(piece)) continue;
      cells.push(piece);
      if (accept(cells)) {
        if (end === group.length) walk(g + 1, 0);
        else walk(g, end);
      }
      cells.pop();
    }
  };
  if (groups.length <= n) walk(0, 0);
  return { candidates, truncated };
}
