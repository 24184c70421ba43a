/**
 * docs/report-json.md, the JSON Schemas in assets/schema/ and the code agree: every pointer and name of
 * each format, the metadata names, the rules and their kinds, the keys of the findings document. The
 * tables between `<!-- …:begin -->` and `<!-- …:end -->` are written from the code; regenerate them with
 * `UPDATE_DOCS=1 npx jest test/docs/contract.test.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateReport } from "../../src/checks/evaluate";
import { RULE_KIND } from "../../src/checks/types";
import { readReportJson } from "../../src/report/read-json";
import { cellDefs } from "../../src/templates/cells";
import { FORMAT_IDS, type FormatId } from "../../src/templates/formats";
import { META_NAMES, nameFromPointer } from "../../src/templates/pointers";
import { SCHEMA_ID } from "../../src/templates/value-kind";

const ROOT = join(__dirname, "../..");
const DOC = join(ROOT, "docs/report-json.md");
const SEED = join(ROOT, "test/fixtures/2020-bingtuan-natural-resources-bureau.json");

function cellTable(format: FormatId): string {
  const rows = cellDefs(format).map(
    (d) => `| \`${d.pointer}\` | \`${nameFromPointer(d.pointer)}\` | ${d.kind} | ${d.label} |`
  );
  return ["| pointer | name | kind | cell |", "|---|---|---|---|", ...rows].join("\n");
}

function section(text: string, key: string): string {
  const m = new RegExp(`<!-- ${key}:begin -->\\n([\\s\\S]*?)<!-- ${key}:end -->`).exec(text);
  if (!m) throw new Error(`docs/report-json.md has no ${key} section`);
  return m[1].trim();
}

let doc = readFileSync(DOC, "utf8");
if (process.env.UPDATE_DOCS === "1") {
  for (const format of FORMAT_IDS)
    doc = doc.replace(
      new RegExp(`(<!-- cells:${format}:begin -->\\n)[\\s\\S]*?(<!-- cells:${format}:end -->)`),
      `$1${cellTable(format)}\n$2`
    );
  writeFileSync(DOC, doc);
}

test.each(FORMAT_IDS)("format %s: the docs list every cell as the code defines it", (format) => {
  expect(section(doc, `cells:${format}`)).toBe(cellTable(format));
});

/** Every leaf of a report schema, as a pointer: the cells the schema admits. */
function schemaPointers(schema: Record<string, unknown>): string[] {
  const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
  const out: string[] = [];
  const walk = (node: Record<string, unknown>, path: string[]) => {
    while (typeof node.$ref === "string") node = defs[node.$ref.replace("#/$defs/", "")];
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    if (props) for (const [k, v] of Object.entries(props)) walk(v, [...path, k]);
    else out.push(`/${path.join("/")}`);
  };
  for (const part of ["proactive", "requests", "appeals"])
    walk((schema.properties as Record<string, Record<string, unknown>>)[part], [part]);
  return out;
}

test.each(FORMAT_IDS)(
  "format %s: the JSON Schema admits exactly the cells the docs list",
  (format) => {
    const schema = JSON.parse(
      readFileSync(join(ROOT, `assets/schema/report-${format}.schema.json`), "utf8")
    );
    const listed = [...section(doc, `cells:${format}`).matchAll(/^\| `([^`]+)` \|/gm)].map(
      (m) => m[1]
    );
    expect(schemaPointers(schema).sort()).toEqual(listed.sort());
    expect(JSON.stringify(schema)).toContain(SCHEMA_ID);
  }
);

test("the metadata names are the code's", () => {
  const listed = [...section(doc, "meta-names").matchAll(/^\| `([^`]+)` \| `([^`]+)` \|/gm)].map(
    (m) => [m[2], m[1]]
  );
  expect(Object.fromEntries(listed)).toEqual(META_NAMES);
});

test("the rules and their kinds are the code's", () => {
  const listed = [...section(doc, "rules").matchAll(/^\| `([^`]+)` \| (\w+) \|/gm)].map((m) => [
    m[1],
    m[2],
  ]);
  expect(Object.fromEntries(listed)).toEqual(RULE_KIND);
});

test("the findings document has the keys the docs show, and the schema id is the code's", () => {
  const example = JSON.parse(/## 4\.[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)![1]);
  const read = readReportJson(readFileSync(SEED, "utf8"));
  if (!read.ok) throw new Error("seed report unreadable");
  const result = validateReport(read.report);
  expect(Object.keys(result)).toEqual(Object.keys(example));
  expect(Object.keys(result.summary).sort()).toEqual(Object.keys(example.summary).sort());
  const finding = result.findings.find((f) => f.rule === "balance")!;
  for (const key of Object.keys(example.findings[0])) expect(finding).toHaveProperty(key);
  expect(doc).toContain(`"schema": "${SCHEMA_ID}"`);
});
