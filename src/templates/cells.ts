/**
 * Every value cell of a format, in document order, with its pointer, its kind and how people name it.
 */
import type { ValueKind } from "./value-kind";
import { FORMATS, type FormatId, type PartId, type RequestRowDef } from "./formats";
import { APPEALS_LABELS } from "./labels";
import { pointerFromSegments, segmentsOfPointer, type Pointer } from "./pointers";

export type TableId =
  | "proactive.item1"
  | "proactive.item5"
  | "proactive.item6"
  | "proactive.item8"
  | "proactive.item9"
  | "requests"
  | "appeals";

export interface CellDef {
  pointer: Pointer;
  kind: ValueKind;
  part: PartId;
  table: TableId;
  /** Row and column as the format prints them, e.g. "1.属于国家秘密" and "自然人". */
  rowLabel: string;
  columnLabel: string;
  /** How a message names the cell: 「三（三）1.属于国家秘密·自然人」. */
  label: string;
  labelEn: string;
}

const cache = new Map<FormatId, CellDef[]>();

export function cellDefs(format: FormatId): CellDef[] {
  let defs = cache.get(format);
  if (!defs) {
    defs = buildCellDefs(format);
    cache.set(format, defs);
  }
  return defs;
}

const byPointerCache = new Map<FormatId, Map<Pointer, CellDef>>();

export function cellDef(format: FormatId, pointer: Pointer): CellDef | undefined {
  let map = byPointerCache.get(format);
  if (!map) {
    map = new Map(cellDefs(format).map((c) => [c.pointer, c]));
    byPointerCache.set(format, map);
  }
  return map.get(pointer);
}

const enLabel = (pointer: Pointer) => segmentsOfPointer(pointer).join(" › ");

function buildCellDefs(format: FormatId): CellDef[] {
  const f = FORMATS[format];
  const out: CellDef[] = [];
  for (const table of f.proactive) {
    for (const r of table.rows) {
      for (const c of table.columns) {
        const pointer = pointerFromSegments(["proactive", r.key, c.key]);
        out.push({
          pointer,
          kind: c.kind,
          part: "二",
          table: `proactive.${table.id}`,
          rowLabel: r.label,
          columnLabel: c.label,
          label: `二、${r.label}·${c.label}`,
          labelEn: enLabel(pointer),
        });
      }
    }
  }
  for (const r of f.requests.rows) {
    for (const c of f.requests.columns) {
      const pointer = pointerFromSegments(["requests", ...r.path.split("/"), c.key]);
      out.push({
        pointer,
        kind: c.kind,
        part: "三",
        table: "requests",
        rowLabel: r.label,
        columnLabel: c.label,
        label: `${requestRowName(r)}·${c.label}`,
        labelEn: enLabel(pointer),
      });
    }
  }
  for (const g of f.appeals.groups) {
    for (const c of f.appeals.columns) {
      const pointer = pointerFromSegments(["appeals", g.key, c.key]);
      const group = g.key === "review" ? g.label : `${APPEALS_LABELS.litigation}（${g.label}）`;
      out.push({
        pointer,
        kind: c.kind,
        part: "四",
        table: "appeals",
        rowLabel: group,
        columnLabel: c.label,
        label: `四、${group}·${c.label}`,
        labelEn: enLabel(pointer),
      });
    }
  }
  return out;
}

/** How messages name a part-三 row: 「一、本年新收政府信息公开申请数量」, 「三（三）1.属于国家秘密」, 「三（七）总计」. */
export function requestRowName(r: RequestRowDef): string {
  if (r.role === "totalHandled") return `三${r.short}`;
  return (r.role === "outcome" ? `三${r.short}` : r.short) + shortLabelTail(r.label);
}

/** The words of a row label after its number: "1.属于国家秘密" → ".属于国家秘密"; "一、本年新收…" → "、本年新收…". */
function shortLabelTail(label: string): string {
  const m = /^(?:[一二三四]、|（[一二三四五六七]）|\d+)(.*)$/.exec(label);
  if (!m) return label;
  const rest = m[1].replace(/（[^）]*）$/, ""); // "部分公开（区分处理的…）" → "部分公开"
  // Keep the group separator of the numbered rows ("1." → ".") and of the top rows ("一、" → "、").
  if (/^\d/.test(label)) return rest;
  if (/^[一二三四]、/.test(label)) return "、" + rest;
  return rest;
}
