/**
 * Requirement sets, checked statically. Every Office.js member that src/excel/ uses is resolved by the
 * TypeScript compiler to its declaration in @types/office-js, whose `[Api set: ExcelApi x.y]` note says
 * what Excel it needs. Above the manifest's 1.4, a use must sit under the capability check for its set
 * (`if (caps.dataValidation)`, `compareVersions(caps.excelApi, "1.17") >= 0`, or an early return on the
 * opposite). A deliberate violation is shown to be caught. Office.js itself appears only in src/excel/ and
 * the pane's entry.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ts from "typescript";
import { compareVersions, detectCapabilities } from "../../src/excel/capabilities";
import type { Capabilities } from "../../src/excel/host";

const ROOT = join(__dirname, "../..");
const BASELINE = "1.4";
// "[Api set: ExcelApi 1.7 for password]" names what an optional argument needs, not the member itself.
const SET = /\[Api set: ExcelApi (\d+\.\d+)( for [^\]]+)?\]/;

/** The version at which each capability flag turns on, read from detectCapabilities itself. */
function capabilityVersions(): Map<string, string> {
  const versions = new Map<string, string>();
  const all = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11"];
  const more = ["1.12", "1.13", "1.14", "1.15", "1.16", "1.17", "1.18", "1.19", "1.20"];
  for (const top of [...all, ...more]) {
    const caps = detectCapabilities((_, v) => compareVersions(v, top) <= 0);
    for (const [flag, on] of Object.entries(caps) as [keyof Capabilities, unknown][])
      if (on === true && !versions.has(flag)) versions.set(flag, top);
  }
  return versions;
}
const CAPABILITY_VERSIONS = capabilityVersions();

function program(files: string[]): ts.Program {
  return ts.createProgram(files, {
    target: ts.ScriptTarget.ES2021,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    typeRoots: [join(ROOT, "node_modules/@types")],
    types: ["office-js", "node"],
  });
}

/** The ExcelApi version a member needs, from the notes on its declarations. */
function requiredSet(symbol: ts.Symbol | undefined, node: ts.Node): string | undefined {
  const decls = symbol?.declarations ?? [];
  const call = node.parent;
  const calledBare =
    ts.isCallExpression(call) && call.expression === node && call.arguments.length === 0;
  let need: string | undefined;
  for (const d of decls) {
    if (!/[\\/]@types[\\/]office-js[\\/]/.test(d.getSourceFile().fileName)) continue;
    const text = d.getSourceFile().text.slice(d.getFullStart(), d.getStart(d.getSourceFile()));
    const m = SET.exec(text);
    if (!m || (m[2] && calledBare)) continue;
    if (!need || compareVersions(m[1], need) > 0) need = m[1];
  }
  return need;
}

/** The version a condition proves when true (or, with `negated`, when false). */
function provenBy(condition: ts.Expression, negated = false): string | undefined {
  let e = condition;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken)
    return provenBy(e.operand, !negated);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken && !negated)
      return highest(provenBy(e.left), provenBy(e.right));
    if (op === ts.SyntaxKind.BarBarToken && negated)
      return highest(provenBy(e.left, true), provenBy(e.right, true));
    // compareVersions(caps.excelApi, "1.x") >= 0, or < 0 when negated
    const call = e.left;
    if (
      ts.isCallExpression(call) &&
      call.expression.getText() === "compareVersions" &&
      /\.excelApi$/.test(call.arguments[0]?.getText() ?? "") &&
      ts.isStringLiteral(call.arguments[1]) &&
      e.right.getText() === "0"
    ) {
      const geq = op === ts.SyntaxKind.GreaterThanEqualsToken;
      const lt = op === ts.SyntaxKind.LessThanToken;
      if ((geq && !negated) || (lt && negated)) return call.arguments[1].text;
    }
    return undefined;
  }
  if (!negated && ts.isPropertyAccessExpression(e) && /(^|\.)caps$/.test(e.expression.getText()))
    return CAPABILITY_VERSIONS.get(e.name.text);
  return undefined;
}

function highest(a?: string, b?: string): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareVersions(a, b) >= 0 ? a : b;
}

const exits = (s: ts.Statement): boolean =>
  ts.isReturnStatement(s) ||
  ts.isThrowStatement(s) ||
  (ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]));

/**
 * The highest version the code around `node` has proved before reaching it. Inside a named function of
 * the file, what every call of that function has proved counts too (a helper called only under a check).
 */
function guardedVersion(node: ts.Node, seen = new Set<ts.Node>()): string | undefined {
  let proven: string | undefined;
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isFunctionDeclaration(parent) && parent.name && !seen.has(parent)) {
      seen.add(parent);
      const calls = callsOf(parent.name.text, parent.getSourceFile());
      const proofs = calls.map((c) => guardedVersion(c, seen));
      if (calls.length > 0 && proofs.every(Boolean))
        proven = highest(
          proven,
          proofs.reduce((a, b) => (compareVersions(a!, b!) <= 0 ? a : b))
        );
    }
    if (ts.isIfStatement(parent) && parent.thenStatement === child)
      proven = highest(proven, provenBy(parent.expression));
    if (ts.isIfStatement(parent) && parent.elseStatement === child)
      proven = highest(proven, provenBy(parent.expression, true));
    if (ts.isConditionalExpression(parent) && parent.whenTrue === child)
      proven = highest(proven, provenBy(parent.condition));
    if (
      ts.isBinaryExpression(parent) &&
      parent.right === child &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
    )
      proven = highest(proven, provenBy(parent.left));
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      for (const s of parent.statements) {
        if (s === child) break;
        if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement))
          proven = highest(proven, provenBy(s.expression, true));
      }
    }
  }
  return proven;
}

function callsOf(name: string, source: ts.SourceFile): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === name
    )
      calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

interface Use {
  at: string;
  member: string;
  needs: string;
  guarded?: string;
}

/** Every use above the baseline in the files given, with the version its guard proves (if any). */
function usesAboveBaseline(p: ts.Program, files: string[]): Use[] {
  const checker = p.getTypeChecker();
  const uses: Use[] = [];
  for (const fileName of files) {
    const source = p.getSourceFile(fileName)!;
    const record = (node: ts.Node, symbol: ts.Symbol | undefined, member: string) => {
      const needs = requiredSet(symbol, node);
      if (!needs || compareVersions(needs, BASELINE) <= 0) return;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      uses.push({
        at: `${relative(ROOT, fileName)}:${line + 1}`,
        member,
        needs,
        guarded: guardedVersion(node),
      });
    };
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node))
        record(node, checker.getSymbolAtLocation(node.name), node.getText(source));
      // Option objects: { allowFormatCells: true } passed where Office.js expects its own type.
      if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
        const literal = node.parent;
        const type = ts.isObjectLiteralExpression(literal)
          ? checker.getContextualType(literal)
          : undefined;
        const name = node.name.getText(source);
        if (type) record(node, type.getProperty(name), name);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

const unguarded = (uses: Use[]) =>
  uses.filter((u) => !u.guarded || compareVersions(u.guarded, u.needs) < 0);

const excelFiles = readdirSync(join(ROOT, "src/excel"))
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => join(ROOT, "src/excel", f));

test("capability flags map to requirement sets as documented", () => {
  expect(Object.fromEntries(CAPABILITY_VERSIONS)).toEqual({
    full: "1.7",
    changeEvents: "1.7",
    dataValidation: "1.8",
    ownWrites: "1.14",
  });
});

describe("src/excel/ uses members above ExcelApi 1.4 only under their capability check", () => {
  const p = program(excelFiles);
  const uses = usesAboveBaseline(p, excelFiles);

  test("the members are resolved (the check sees the guarded uses it should)", () => {
    const needs = new Set(uses.map((u) => `${u.member.replace(/^.*\./, "")} ${u.needs}`));
    // A few known uses, so that a broken resolver cannot pass by finding nothing.
    expect([...needs]).toEqual(
      expect.arrayContaining(["dataValidation 1.8", "conditionalFormats 1.6", "onChanged 1.7"])
    );
  });

  test("none is unguarded", () => {
    expect(unguarded(uses)).toEqual([]);
  });
});

test("a deliberate violation is caught, and the same use under its check is not", () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-sets-"));
  try {
    const file = join(dir, "probe.ts");
    const capabilities = join(ROOT, "src/excel/capabilities").replace(/\\/g, "/");
    writeFileSync(
      file,
      `import { compareVersions } from "${capabilities}";
export function probe(range: Excel.Range, caps: { dataValidation: boolean; excelApi: string }) {
  range.dataValidation.clear();
  if (caps.dataValidation) range.dataValidation.clear();
  if (compareVersions(caps.excelApi, "1.6") >= 0) range.conditionalFormats.clearAll();
  range.conditionalFormats.clearAll();
  range.format.autofitColumns();
}
function helper(range: Excel.Range) {
  range.dataValidation.clear();
}
export function callers(range: Excel.Range, caps: { dataValidation: boolean }) {
  if (caps.dataValidation) helper(range);
  range.worksheet.protection.unprotect();
  range.worksheet.protection.unprotect("secret");
}
function helperCalledBare(range: Excel.Range) {
  range.conditionalFormats.clearAll();
}
export function bare(range: Excel.Range) {
  helperCalledBare(range);
}
export function late(range: Excel.Range, caps: { dataValidation: boolean; excelApi: string }) {
  if (compareVersions(caps.excelApi, "1.6") < 0) return;
  range.conditionalFormats.clearAll();
  range.dataValidation.clear();
}
`
    );
    const found = unguarded(usesAboveBaseline(program([file]), [file])).map(
      (u) => `${u.at.replace(/^.*:/, "line ")} ${u.member} ${u.needs}`
    );
    expect(found).toEqual([
      "line 3 range.dataValidation.clear 1.8",
      "line 3 range.dataValidation 1.8",
      "line 6 range.conditionalFormats.clearAll 1.6",
      "line 6 range.conditionalFormats 1.6",
      "line 15 range.worksheet.protection.unprotect 1.7",
      "line 18 range.conditionalFormats.clearAll 1.6",
      "line 18 range.conditionalFormats 1.6",
      "line 26 range.dataValidation.clear 1.8",
      "line 26 range.dataValidation 1.8",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60000);

/** The pane's entry starts Office (index, mount) and the ribbon's commands are Office's own functions. */
const OFFICE_ALLOWED = /^src\/(excel\/|taskpane\/(index|mount)\.tsx$|commands\/commands\.ts$)/;
const OFFICE_GLOBALS = /^(Office|Excel|OfficeExtension|OfficeRuntime)$/;

/**
 * The files under root's src/ that name Office.js outside OFFICE_ALLOWED: an identifier declared by
 * @types/office-js, or a global looked up by hand (`(globalThis as …).OfficeRuntime`, `window.Office`), which
 * no declaration gives away.
 */
function officeOutsideExcel(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name)) files.push(path);
    }
  };
  walk("src");
  const p = program(files.map((f) => join(root, f)));
  const checker = p.getTypeChecker();
  const offenders = new Set<string>();
  const isGlobalObject = (node: ts.Expression): boolean => {
    while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) node = node.expression;
    return ts.isIdentifier(node) && /^(globalThis|window|self)$/.test(node.text);
  };
  for (const f of files) {
    if (OFFICE_ALLOWED.test(f)) continue;
    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node) && OFFICE_GLOBALS.test(node.text)) {
        const decls = checker.getSymbolAtLocation(node)?.declarations ?? [];
        if (decls.some((d) => /[\\/]@types[\\/]office-js[\\/]/.test(d.getSourceFile().fileName)))
          offenders.add(f);
      }
      if (
        ts.isPropertyAccessExpression(node) &&
        OFFICE_GLOBALS.test(node.name.text) &&
        isGlobalObject(node.expression)
      )
        offenders.add(f);
      ts.forEachChild(node, visit);
    };
    visit(p.getSourceFile(join(root, f))!);
  }
  return [...offenders].sort();
}

test("Office.js is named only in src/excel/ and the pane's entry, with no exception", () => {
  expect(officeOutsideExcel(ROOT)).toEqual([]);
}, 120000);

test("a deliberate use of Office.js outside src/excel/ is caught, however it is reached", () => {
  const dir = mkdtempSync(join(tmpdir(), "office-outside-"));
  try {
    const put = (path: string, text: string) => {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    put("src/excel/host.ts", `export const key = () => Office.context.partitionKey;\n`);
    put("src/taskpane/mount.tsx", `export const ready = () => Office.onReady();\n`);
    put("src/taskpane/typed.ts", `export const key = () => Office.context.partitionKey;\n`);
    put("src/taskpane/type-only.ts", `export type Ctx = Excel.RequestContext;\n`);
    put(
      "src/taskpane/by-hand.ts",
      `type R = { storage?: unknown };
export const storage = () => (globalThis as { OfficeRuntime?: R }).OfficeRuntime?.storage;\n`
    );
    put("src/taskpane/window.ts", `export const o = () => (window as any).Office;\n`);
    // a local name that happens to be Office's is not Office.js
    put("src/report/local.ts", `const Office = { a: 1 };\nexport const a = Office.a;\n`);
    expect(officeOutsideExcel(dir)).toEqual([
      "src/taskpane/by-hand.ts",
      "src/taskpane/type-only.ts",
      "src/taskpane/typed.ts",
      "src/taskpane/window.ts",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120000);
