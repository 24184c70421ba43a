/**
 * The layers of ARCHITECTURE hold by themselves: dependency-cruiser runs the rules of
 * .dependency-cruiser.cjs over src/ and dev/, and the same rules are shown to fail on a tree with deliberate
 * violations. The core compiles with no DOM and no Node types (tsconfig.core.json).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

const ROOT = join(__dirname, "../..");
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, paths: string[]): Violation[] {
  const out = spawnSync(
    process.execPath,
    [DEPCRUISE, ...paths, "--config", CONFIG, "--output-type", "json"],
    { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }
  );
  if (!out.stdout) throw new Error(`depcruise failed: ${out.stderr}`);
  return JSON.parse(out.stdout).summary.violations as Violation[];
}

test("src/ and dev/ keep every layer rule", () => {
  const violations = cruise(ROOT, ["src", "dev"]);
  expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
}, 60000);

describe("the rules catch deliberate violations", () => {
  let dir: string;
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-layers-"));
    file(
      "tsconfig.json",
      JSON.stringify({ compilerOptions: { module: "commonjs", moduleResolution: "node" } })
    );
    file(
      "src/templates/formats.ts",
      'import { evaluate } from "../checks/evaluate";\nexport const f = evaluate;\n'
    );
    file("src/checks/evaluate.ts", "export const evaluate = 1;\n");
    file(
      "src/report/read.ts",
      'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n'
    );
    file("src/render/page.ts", 'import React from "react";\nexport const p = React;\n');
    file("src/taskpane/App.ts", 'import { cli } from "../cli/index";\nexport const a = cli;\n');
    file(
      "src/cli/index.ts",
      'import { serve } from "../server/serve";\nexport const cli = serve;\n'
    );
    file("src/server/serve.ts", "export const serve = 1;\n");
    file(
      "src/cli/template.ts",
      'import { sim } from "../../dev/excel-sim/index";\nexport const t = sim;\n'
    );
    file(
      "dev/excel-sim/index.ts",
      'import { f } from "../../src/templates/formats";\nexport const sim = f;\n'
    );
    file("src/taskpane/Export.ts", 'import ExcelJS from "exceljs";\nexport const e = ExcelJS;\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("each one is reported under its rule", () => {
    const found = cruise(dir, ["src", "dev"]).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "no-upward-from-templates: src/templates/formats.ts → src/checks/evaluate.ts",
        "core-no-node-api: src/report/read.ts → fs",
        "core-no-ui-or-adapter-package: src/render/page.ts → react",
        "pane-never-reaches-server: src/taskpane/App.ts → src/server/serve.ts",
        "src-never-imports-dev: src/cli/template.ts → dev/excel-sim/index.ts",
        "simulator-stands-apart: dev/excel-sim/index.ts → src/templates/formats.ts",
        "xlsx-only-in-src-xlsx: src/taskpane/Export.ts → exceljs",
      ])
    );
  });
});

/**
 * Identifiers of the files given that resolve only to Node's or the DOM's declarations. tsc alone cannot
 * tell: a library's typings (docx's) pull in @types/node even with `types: []`.
 */
/** Web-platform globals that Node and every browser both provide: the core may use them. */
const UNIVERSAL_GLOBALS = new Set([
  "TextEncoder",
  "TextDecoder",
  "URL",
  "URLSearchParams",
  "crypto",
]);

function hostGlobals(program: ts.Program, files: string[]): string[] {
  const checker = program.getTypeChecker();
  const hostOnly = (d: ts.Declaration) =>
    /[\\/]@types[\\/]node[\\/]|[\\/]lib\.dom/.test(d.getSourceFile().fileName);
  const found: string[] = [];
  for (const fileName of files) {
    const source = program.getSourceFile(fileName)!;
    const visit = (node: ts.Node) => {
      const member =
        node.parent &&
        (ts.isPropertyAccessExpression(node.parent) || ts.isQualifiedName(node.parent)) &&
        node.parent.getChildAt(node.parent.getChildCount() - 1) === node;
      if (ts.isIdentifier(node) && !member && !UNIVERSAL_GLOBALS.has(node.text)) {
        const decls = checker.getSymbolAtLocation(node)?.declarations ?? [];
        if (decls.length > 0 && decls.every(hostOnly))
          found.push(`${relative(ROOT, fileName)}: ${node.text}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function coreProgram(extraFiles: string[] = []): { program: ts.Program; files: string[] } {
  const configPath = join(ROOT, "tsconfig.core.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    }
  )!;
  const files = [...config.fileNames, ...extraFiles];
  return { program: ts.createProgram(files, config.options), files };
}

describe("the core uses no DOM and no Node API", () => {
  test("it compiles with lib ES2022 alone and types: [], and names no host global", () => {
    const { program, files } = coreProgram();
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(errors).toEqual([]);
    expect(files.some((f) => f.includes("src/render/docx.ts"))).toBe(true);
    expect(hostGlobals(program, files)).toEqual([]);
  }, 120000);

  test("a core file that reaches for the DOM or Node is caught", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-core-"));
    try {
      const probe = join(dir, "probe.ts");
      writeFileSync(
        probe,
        'import { renderDocx } from "' +
          join(ROOT, "src/render/docx").replace(/\\/g, "/") +
          '";\nexport const x = [renderDocx, process.env.HOME, Buffer.from("a")];\n' +
          "export const y = document.title;\n"
      );
      const { program } = coreProgram([probe]);
      const errors = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      expect(errors.join("\n")).toMatch(/Cannot find name 'document'/);
      expect(hostGlobals(program, [probe]).map((s) => s.replace(/^.*: /, ""))).toEqual(
        expect.arrayContaining(["process", "Buffer"])
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);
});
