/**
 * Repairs a template whose names are missing or broken (a row deleted, a name removed by hand), from the
 * layout plan. Rows are found by their labels, not by position, so rows the user inserted do not matter.
 * A lost row is inserted again with its labels and formats, blank: nothing the user typed is overwritten.
 */
import { reportFromWorkbook, type BindingProblem } from "../report/from-cells";
import { areaAddress, type Area } from "../templates/address";
import { layoutPlan, STYLES, type LayoutPlan } from "../layout/plan";
import { collectRead, queueRead, sheetOfAddress } from "./read-bound";

export interface RepairResult {
  repaired: string[];
  failed: BindingProblem[];
}

export async function repairTemplate(): Promise<RepairResult> {
  return Excel.run(async (context) => {
    const pending = queueRead(context);
    await context.sync();
    const read = reportFromWorkbook(collectRead(pending));
    if (!read.ok || read.problems.length === 0) return { repaired: [], failed: read.problems };
    const { report, addresses } = read;
    const anchor = [...addresses.values()][0];
    if (!anchor) return { repaired: [], failed: read.problems };
    const plan = layoutPlan({ format: report.format, year: report.year, agency: report.agency });

    const sheet = context.workbook.worksheets.getItem(sheetOfAddress(anchor));
    const used = sheet.getUsedRange(true);
    used.load("values,rowIndex,columnIndex");
    sheet.load("protection/protected");
    await context.sync();

    const actual = used.values.map((values, i) => ({
      row: used.rowIndex + i,
      text: (col: number) => {
        const v = values[col - used.columnIndex];
        return typeof v === "string" ? v.trim() : "";
      },
    }));
    const rowMap = alignRows(plan, actual);

    // Lost rows, bottom first so that earlier insertions do not move the later ones.
    const lost = [...rowMap.entries()]
      .filter(([, at]) => at.inserted)
      .sort((a, b) => b[1].row - a[1].row);
    const wasProtected = sheet.protection.protected;
    if (lost.length && wasProtected) sheet.protection.unprotect();
    for (const [planRow, at] of lost) {
      sheet.getRange(`${at.row + 1}:${at.row + 1}`).insert(Excel.InsertShiftDirection.down);
      writePlanRow(sheet, plan, planRow, at.row);
    }
    // Rows below an inserted row moved down by one per insertion above them.
    const finalRow = (planRow: number) => {
      const at = rowMap.get(planRow)!;
      const shift = at.inserted ? 0 : lost.filter(([, l]) => l.row <= at.row).length;
      return at.row + shift;
    };

    const repaired: string[] = [];
    const failed: BindingProblem[] = [];
    for (const problem of read.problems) {
      const planned = plan.names.find((n) => n.name.toLowerCase() === problem.name.toLowerCase());
      if (!planned || !rowMap.has(planned.row)) {
        failed.push(problem);
        continue;
      }
      if (problem.problem !== "missing") context.workbook.names.getItem(problem.name).delete();
      const target: Area = {
        row: finalRow(planned.row),
        col: planned.col,
        rowCount: 1,
        colCount: 1,
      };
      context.workbook.names.add(planned.name, sheet.getRange(areaAddress(target)));
      repaired.push(planned.name);
    }
    if (lost.length && wasProtected)
      sheet.protection.protect({ ...plan.protection, allowFormatCells: true });
    await context.sync();
    return { repaired, failed };
  });
}

/** Each plan row's label texts by column: how a row is recognised whatever its position. */
function planLabels(plan: LayoutPlan): { col: number; text: string }[][] {
  const rows: { col: number; text: string }[][] = Array.from({ length: plan.rowCount }, () => []);
  for (const c of plan.cells) {
    const label = typeof c.value === "string" && STYLES[c.style].locked && !c.formula;
    if (label && c.value !== undefined && String(c.value).trim())
      rows[c.row].push({ col: c.col, text: String(c.value).trim() });
  }
  return rows;
}

/**
 * Maps each plan row to a sheet row. Labelled rows are matched in order by their texts; unlabelled rows
 * (narratives, part 四's values) follow the labelled row above them. A labelled row not found was deleted:
 * it is placed just below the row before it, to be inserted again.
 */
function alignRows(
  plan: LayoutPlan,
  actual: { row: number; text: (col: number) => string }[]
): Map<number, { row: number; inserted: boolean }> {
  const labels = planLabels(plan);
  const map = new Map<number, { row: number; inserted: boolean }>();
  let cursor = 0;
  let previous: { planRow: number; row: number } | undefined;
  for (let planRow = 0; planRow < plan.rowCount; planRow++) {
    const wanted = labels[planRow];
    if (wanted.length === 0) {
      if (previous)
        map.set(planRow, { row: previous.row + (planRow - previous.planRow), inserted: false });
      continue;
    }
    const found = actual.findIndex(
      (a, i) => i >= cursor && wanted.every((l) => a.text(l.col) === l.text)
    );
    if (found >= 0) {
      map.set(planRow, { row: actual[found].row, inserted: false });
      cursor = found + 1;
      previous = { planRow, row: actual[found].row };
    } else {
      const row = previous ? previous.row + 1 : 0;
      map.set(planRow, { row, inserted: true });
      previous = { planRow, row };
    }
  }
  return map;
}

/** Writes one plan row's labels, merges and formats at a sheet row (values stay blank). */
function writePlanRow(
  sheet: Excel.Worksheet,
  plan: LayoutPlan,
  planRow: number,
  row: number
): void {
  for (const c of plan.cells.filter((x) => x.row === planRow)) {
    const merge = plan.merges.find((m) => m.row === planRow && m.col === c.col);
    const area: Area = { row, col: c.col, rowCount: 1, colCount: merge?.colCount ?? 1 };
    const range = sheet.getRange(areaAddress(area));
    if (c.value !== undefined) range.getCell(0, 0).values = [[c.value]];
    if (c.numberFormat) range.getCell(0, 0).numberFormat = [[c.numberFormat]];
    if (area.colCount > 1) range.merge(false);
    const style = STYLES[c.style];
    if (style.fill) range.format.fill.color = style.fill;
    range.format.protection.locked = style.locked;
  }
}
