/**
 * The JSON Schema (draft 2020-12) of report-json.md for one format, generated from the format definitions
 * alone: the cells' tree comes from cellDefs(format), so a key can never be in the schema without being in
 * the model, the checks and the workbook, or the other way round.
 */
import type { ValueKind } from "./cell";
import { SCHEMA_ID } from "./model";
import { cellDefs, type CellDef } from "../templates/cells";
import { FORMATS, FORMAT_TITLES, type FormatId } from "../templates/formats";
import { PART_HEADINGS } from "../templates/labels";
import { pointerFromSegments, segmentsOfPointer, type Pointer } from "../templates/pointers";

export type JsonSchema = { [keyword: string]: unknown };

export interface SchemaOptions {
  /** Cell values constrained by kind (the published schema). False: any number or null, for the reader. */
  strictValues?: boolean;
}

const YEAR_RANGE = { minimum: 2000, maximum: 2100 } as const;
export const AGENCY_MAX_LENGTH = 200;
const NARRATIVE_MAX_LENGTH = 200_000;
export const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
const SECTION_KEYS = ["proactive", "requests", "appeals"] as const;

/** Bounds of a cell value: far above any real report, and within exact integers. */
export const CELL_MAX = 1_000_000_000;

const CELL_SCHEMAS: Record<ValueKind, JsonSchema> = {
  count: { type: ["integer", "null"], minimum: 0, maximum: CELL_MAX },
  signed: { type: ["integer", "null"], minimum: -CELL_MAX, maximum: CELL_MAX },
  amount: { type: ["number", "null"], minimum: 0, maximum: CELL_MAX },
};

export function reportSchema(format: FormatId, options: SchemaOptions = {}): object {
  const strict = options.strictValues ?? true;
  const f = FORMATS[format];
  const title = FORMAT_TITLES[format];
  const tree = cellTree(cellDefs(format));
  const descriptions = containerDescriptions(format);
  const section = (key: (typeof SECTION_KEYS)[number]) =>
    nodeSchema(tree.children.get(key)!, [key], { strict, descriptions });
  const narrative = Object.fromEntries(
    f.narrative.map((n) => [
      n.key,
      { description: n.heading, type: "string", maxLength: NARRATIVE_MAX_LENGTH },
    ])
  );
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `urn:nianbao:report@1:${format}`,
    title: `政府信息公开工作年度报告（${format} 格式）`,
    description:
      `${SCHEMA_ID}：按${title.document}（${title.issuedBy}）填报的政府信息公开工作年度报告。` +
      "每个数值单元格在文档中有唯一位置，以 JSON Pointer 命名（如 /requests/withheld/stateSecret/naturalPerson）；" +
      "数值为数字，空白单元格为 null；件数为整数，金额单位为万元。" +
      ` Annual report on government information disclosure, statutory format ${format}.`,
    type: "object",
    properties: {
      schema: { description: "本数据格式及其版本", const: SCHEMA_ID },
      format: { description: "表格所依据的法定格式", const: format },
      year: {
        description: "报告年度（所报告的年份，不是发布年份）",
        type: "integer",
        ...YEAR_RANGE,
      },
      agency: {
        description: "报告机关，与报告标题一致",
        type: "string",
        minLength: 1,
        maxLength: AGENCY_MAX_LENGTH,
      },
      date: {
        description: "报告末尾所署日期（ISO 8601，YYYY-MM-DD）",
        type: "string",
        pattern: DATE_PATTERN,
      },
      narrative: {
        description: "报告的文字部分（一、五、六）",
        type: "object",
        properties: narrative,
        required: f.narrative.map((n) => n.key),
        additionalProperties: false,
      },
      proactive: section("proactive"),
      requests: section("requests"),
      appeals: section("appeals"),
    },
    required: ["schema", "format", "year", "agency", "narrative", ...SECTION_KEYS],
    additionalProperties: false,
  };
}

interface TreeNode {
  def?: CellDef;
  children: Map<string, TreeNode>;
}

/** The cells as nested keys, in document order. */
function cellTree(defs: readonly CellDef[]): TreeNode {
  const root: TreeNode = { children: new Map() };
  for (const def of defs) {
    let node = root;
    for (const seg of segmentsOfPointer(def.pointer)) {
      let child = node.children.get(seg);
      if (!child) node.children.set(seg, (child = { children: new Map() }));
      node = child;
    }
    node.def = def;
  }
  return root;
}

interface BuildContext {
  strict: boolean;
  descriptions: Map<Pointer, string>;
}

function nodeSchema(node: TreeNode, segments: string[], ctx: BuildContext): JsonSchema {
  if (node.def) return cellSchema(node.def, ctx.strict);
  const properties: JsonSchema = {};
  for (const [key, child] of node.children)
    properties[key] = nodeSchema(child, [...segments, key], ctx);
  const description = ctx.descriptions.get(pointerFromSegments(segments));
  return {
    ...(description ? { description } : {}),
    type: "object",
    properties,
    required: [...node.children.keys()],
    additionalProperties: false,
  };
}

function cellSchema(def: CellDef, strict: boolean): JsonSchema {
  if (!strict) return { type: ["number", "null"] };
  // Amount labels do not all name their unit; a platform reading the schema needs it.
  const unit = def.kind === "amount" && !def.label.includes("万元") ? "（万元）" : "";
  return { description: def.label + unit, ...CELL_SCHEMAS[def.kind] };
}

/** What people call the sections, rows and row groups: 「二、主动公开…」, 「三（三）不予公开」, 「三（三）1.属于国家秘密」. */
function containerDescriptions(format: FormatId): Map<Pointer, string> {
  const out = new Map<Pointer, string>();
  for (const key of SECTION_KEYS) out.set(`/${key}`, PART_HEADINGS[key]);
  for (const def of cellDefs(format)) {
    const rowPointer = pointerFromSegments(segmentsOfPointer(def.pointer).slice(0, -1));
    const cut = def.label.lastIndexOf("·");
    if (cut > 0 && !out.has(rowPointer)) out.set(rowPointer, def.label.slice(0, cut));
  }
  for (const item of FORMATS[format].requests.layout) {
    if (item.type !== "outcomes") continue;
    for (const outcome of item.items) {
      if (outcome.type !== "group") continue;
      const groupKey = outcome.rows[0].path.split("/")[0];
      out.set(pointerFromSegments(["requests", groupKey]), `三${outcome.label}`);
    }
  }
  return out;
}
