/**
 * Reads every name a template may bind (both formats' cells, the narratives, the metadata) in ONE sync:
 * each name's item and range are requested as null objects, so a missing or broken name costs nothing
 * extra and is reported instead of failing the batch.
 */
import type { RawCell } from "../report/cell";
import {
  ALL_TEMPLATE_NAMES,
  type BindingProblem,
  type BoundCell,
  type BoundWorkbook,
} from "../report/from-cells";

interface Pending {
  name: string;
  item: Excel.NamedItem;
  range: Excel.Range;
}

export function queueRead(
  context: Excel.RequestContext,
  names: readonly string[] = ALL_TEMPLATE_NAMES
): Pending[] {
  return names.map((name) => {
    const item = context.workbook.names.getItemOrNullObject(name);
    item.load("type,value");
    const range = item.getRangeOrNullObject();
    range.load("values,valueTypes,address,rowCount,columnCount");
    return { name, item, range };
  });
}

/**
 * After the sync: the bound cells and what is wrong with each name read. Names of the other format are
 * missing by design; `reportFromWorkbook` keeps only the problems of the template's own format.
 */
export function collectRead(pending: Pending[]): BoundWorkbook {
  const cells = new Map<string, BoundCell>();
  const problems: BindingProblem[] = [];
  for (const { name, item, range } of pending) {
    if (item.isNullObject) {
      problems.push({ name, problem: "missing" });
      continue;
    }
    if (item.type === Excel.NamedItemType.error || range.isNullObject) {
      problems.push({ name, problem: "broken", reference: String(item.value) });
      continue;
    }
    if (range.rowCount * range.columnCount !== 1) {
      // a merged cell is one cell to Excel's names; a name over several cells was edited by hand
      problems.push({ name, problem: "not-single-cell", reference: range.address });
      continue;
    }
    cells.set(name.toLowerCase(), {
      raw: rawCell(range.values[0][0], range.valueTypes[0][0]),
      address: range.address,
    });
  }
  return { cells, problems };
}

function rawCell(value: unknown, type: Excel.RangeValueType | string): RawCell {
  switch (type) {
    case Excel.RangeValueType.empty:
      return { type: "blank" };
    case Excel.RangeValueType.double:
    case Excel.RangeValueType.integer:
      return typeof value === "number"
        ? { type: "number", value }
        : { type: "text", text: String(value) };
    case Excel.RangeValueType.boolean:
      return { type: "boolean", value: Boolean(value) };
    case Excel.RangeValueType.error:
      return { type: "error", code: String(value) };
    default:
      return value === "" || value === null || value === undefined
        ? { type: "blank" }
        : { type: "text", text: String(value) };
  }
}

/** "'2024年度年报'!B3" → "2024年度年报". */
export function sheetOfAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  const sheet = bang < 0 ? address : address.slice(0, bang);
  return sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}
