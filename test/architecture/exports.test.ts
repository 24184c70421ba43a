/**
 * Every value that src/ exports is used by the product: another file of src/, or dev/, bench/, scripts/,
 * bin/, webpack.config.js. An export that only tests use is either a test helper (it belongs in
 * test/support/) or a unit the module uses itself and its tests exercise directly: those are listed below,
 * each with the reason. Types are not counted: a type exported for a function's signature is part of it.
 * The same scan is shown to catch deliberate violations.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { exportUses } from "./export-uses";

const ROOT = join(__dirname, "../..");

/** file → exports that tests use directly while no other product file does. */
const TESTED_UNITS: Record<string, string[]> = {
  // the arithmetic verdicts and the rule of who may make regulations, which validateReport is built of
  "src/checks/evaluate.ts": ["arithmeticStatus", "mayMakeRegulations"],
  // where `nianbao aggregate` writes its record of sources, beside the output
  "src/cli/aggregate.ts": ["sourcesPath"],
  // the settings keys the workbook keeps: tests read the simulated workbook's settings under them
  "src/excel/excel-host.ts": ["RECEIPT_SETTING", "COMPILED_SETTING"],
  // the check sheet's layout and words, which tests read back from Excel, LibreOffice and the grid
  "src/layout/check-sheet.ts": [
    "CHECK_SHEET",
    "CHECK_SHEET_NAME",
    "PASS",
    "FAIL",
    "PENDING",
    "compilableChecks",
    "resultFormula",
  ],
  // the steps of building a document, and the error the renderers throw
  "src/render/document.ts": [
    "checkRenderable",
    "RenderRefusedError",
    "sanitizeText",
    "cleanInline",
    "paragraphsOf",
    "formatDate",
  ],
  "src/server/migrations.ts": ["MIGRATIONS", "SCHEMA_VERSION"],
  // the bounds that keep a hostile or huge input small: tests fill them to the brim and one past
  "src/aggregate/aggregate.ts": ["NAMED_SOURCES_PER_CELL"],
  // (and where in a JSON text its syntax error lies, tested on its own against JSON.parse)
  "src/report/read-json.ts": ["MAX_PROBLEMS", "syntaxErrorOffset"],
  // the part of the report a pointer belongs to, which the pane groups its findings by
  "src/taskpane/checked.ts": ["groupOf"],
  // where the token is kept: one key per platform and storage partition
  "src/taskpane/token-store.ts": ["tokenKey"],
  // the agency name of the overview's compiled row
  "src/server/overview.ts": ["AGGREGATE_AGENCY"],
  // a relationship target as a part name, which the reader uses for every sheet and shared part
  "src/xlsx/sheet-xml.ts": ["resolvePart"],
  // the name of the sources sheet of a compiled workbook
  "src/xlsx/write-aggregate.ts": ["SOURCES_SHEET_NAME"],
};

/** Value exports of src/ under root that no product file uses and no list names. */
function unusedExports(root: string, allowed: Record<string, string[]>): string[] {
  return exportUses(root)
    .filter((e) => !e.typeOnly && e.product.length === 0)
    .filter((e) => !(allowed[e.file] ?? []).includes(e.name))
    .map((e) => `${e.file} ${e.name} (${e.tests.length ? "tests only" : "unused"})`)
    .sort();
}

test("every value src/ exports is used by the product, or listed with its reason", () => {
  expect(unusedExports(ROOT, TESTED_UNITS)).toEqual([]);
}, 30000);

test("the lists name only exports that exist and that the product does not use", () => {
  const uses = new Map(exportUses(ROOT).map((e) => [`${e.file} ${e.name}`, e]));
  for (const [file, names] of Object.entries(TESTED_UNITS))
    for (const name of names) {
      const use = uses.get(`${file} ${name}`);
      expect([file, name, use !== undefined && use.product.length === 0]).toEqual([
        file,
        name,
        true,
      ]);
    }
}, 30000);

test("deliberate violations are caught: unused, used only by tests, used only in its own file, never read from a namespace", () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-exports-"));
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  try {
    file(
      "src/a.ts",
      [
        "export const used = 1;",
        "export const viaDynamic = 2;",
        "export const viaLib = 3;",
        "export const viaReexport = 4;",
        "export const testOnly = 5;",
        "export function unused() {}",
        "export const local = 6;",
        "export const x = local;",
        "export interface Shape { a: number }",
        "",
      ].join("\n")
    );
    file("src/b.ts", 'import { used, x } from "./a.js";\nexport const y = used + x;\n');
    file(
      "src/c.ts",
      'export async function c() {\n  const { viaDynamic } = await import("./a.js");\n  return viaDynamic;\n}\n'
    );
    file("src/d.ts", 'export { viaReexport as again } from "./a";\n');
    file(
      "src/e.ts",
      'import { again } from "./d";\nimport { y } from "./b";\nexport default again + y;\n'
    );
    file(
      "bin/run.js",
      'const lib = require("../lib/a.js");\nlib.viaLib;\nrequire("../lib/c.js");\n'
    );
    file("src/g.ts", "export const g1 = 1;\nexport const g2 = 2;\n");
    file("src/h.ts", 'import * as g from "./g";\nexport const h = g.g1;\n');
    file("src/i.ts", 'import { h } from "./h";\nexport const i = h;\n');
    file("dev/use-i.ts", 'import { i } from "../src/i";\ni;\n');
    file("test/a.test.ts", 'import { testOnly, unused } from "../src/a";\n');
    expect(unusedExports(dir, {})).toEqual([
      "src/a.ts local (unused)",
      "src/a.ts testOnly (tests only)",
      "src/a.ts unused (tests only)",
      "src/e.ts default (unused)",
      "src/g.ts g2 (unused)",
    ]);
    expect(unusedExports(dir, { "src/a.ts": ["testOnly", "unused", "local"] })).toEqual([
      "src/e.ts default (unused)",
      "src/g.ts g2 (unused)",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
