/**
 * Who uses each export of src/: the imports of every file (static, dynamic, `require`, `import("…")` types
 * and re-exports), read one file at a time with the TypeScript parser and resolved by path alone, so that
 * the whole tree takes well under a second. The product's code is src/ and what runs it (dev/, bench/,
 * scripts/, bin/, webpack.config.js, which reach src/ through its compiled copy in lib/); tests are counted
 * apart, so that an export used only by tests shows as such.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

/** Where code that uses src/ lives, besides src/ itself and the tests. */
const PRODUCT_ROOTS = ["src", "dev", "bench", "scripts", "bin", "webpack.config.js"];
const TEST_ROOTS = ["test"];
const ALL = "*";

export interface ExportUse {
  /** The exporting file, relative to the root, e.g. "src/report/model.ts". */
  file: string;
  name: string;
  /** A type or interface: named in signatures, erased from the output. */
  typeOnly: boolean;
  /** Other product files that import it. */
  product: string[];
  /** Test files that import it. */
  tests: string[];
}

function walk(root: string, path: string, out: string[]): void {
  const full = join(root, path);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const e of readdirSync(full)) if (e !== "node_modules") walk(root, `${path}/${e}`, out);
  } else if (/\.(tsx?|[cm]?js)$/.test(path) && !/\.d\.ts$/.test(path)) out.push(path);
}

/** A relative specifier as a file under root: `.js` may name a `.ts` source, and lib/ is src/ compiled. */
function resolve(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  let path = relative(root, join(root, dirname(from), specifier)).replace(/\\/g, "/");
  if (path.startsWith("lib/")) path = `src/${path.slice(4)}`;
  const base = path.replace(/\.(js|jsx)$/, "");
  for (const candidate of [
    path,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.js`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ])
    if (existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile())
      return candidate;
  return undefined;
}

const modifiers = (node: ts.Node) => (ts.canHaveModifiers(node) && ts.getModifiers(node)) || [];
const hasExport = (node: ts.Node) =>
  modifiers(node).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bindingNames(e.name, out);
}

/** The names a file exports itself (re-exports of other files are followed as uses instead). */
function declaredExports(sf: ts.SourceFile): { name: string; typeOnly: boolean }[] {
  const out: { name: string; typeOnly: boolean }[] = [];
  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s)) {
      if (!s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause))
        for (const e of s.exportClause.elements)
          out.push({ name: e.name.text, typeOnly: s.isTypeOnly || e.isTypeOnly });
      continue;
    }
    if (ts.isExportAssignment(s)) out.push({ name: "default", typeOnly: false });
    if (!hasExport(s)) continue;
    const isDefault = modifiers(s).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (isDefault) out.push({ name: "default", typeOnly: false });
    else if (ts.isVariableStatement(s)) {
      const names: string[] = [];
      for (const d of s.declarationList.declarations) bindingNames(d.name, names);
      for (const name of names) out.push({ name, typeOnly: false });
    } else if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s))
      out.push({ name: s.name.text, typeOnly: true });
    else if (
      (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) &&
      s.name
    )
      out.push({ name: s.name.text, typeOnly: false });
  }
  return out;
}

/** The variable a `require`/`import()` result lands in, if any: `const x = …`, `x = …`, `{ ...… }`. */
function receiver(node: ts.Node): ts.Node | undefined {
  let n = node.parent;
  while (
    ts.isAwaitExpression(n) ||
    ts.isParenthesizedExpression(n) ||
    ts.isSpreadAssignment(n) ||
    ts.isObjectLiteralExpression(n)
  )
    n = n.parent;
  return n;
}

/** What a dynamic import or require takes from its module: destructured names, `x.name`, or everything. */
function takenNames(call: ts.Node, sf: ts.SourceFile): string[] {
  const r = receiver(call);
  let variable: string | undefined;
  if (r && ts.isVariableDeclaration(r)) {
    if (ts.isObjectBindingPattern(r.name))
      return r.name.elements.map((e) =>
        e.propertyName && ts.isIdentifier(e.propertyName)
          ? e.propertyName.text
          : (e.name as ts.Identifier).text
      );
    if (ts.isIdentifier(r.name)) variable = r.name.text;
  } else if (
    r &&
    ts.isBinaryExpression(r) &&
    r.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(r.left)
  )
    variable = r.left.text;
  return variable ? accessedOn(variable, sf) : [ALL];
}

/** The properties read from a module object (`x.name`); all of them if it is used any other way. */
function accessedOn(variable: string, sf: ts.SourceFile): string[] {
  const names = new Set<string>();
  let whole = false;
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
      if (n.expression.text === variable) names.add(n.name.text);
      return; // the name after the dot is not a use of a variable
    }
    if (
      ts.isIdentifier(n) &&
      n.text === variable &&
      !ts.isNamespaceImport(n.parent) &&
      !ts.isVariableDeclaration(n.parent) &&
      !(ts.isBinaryExpression(n.parent) && n.parent.left === n)
    )
      whole = true;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return whole || names.size === 0 ? [ALL] : [...names];
}

interface FileImports {
  /** target file → names taken from it ("*": all of them) */
  uses: Map<string, Set<string>>;
  /** re-exports: exported name here → [target file, name there] ("*": all) */
  reexports: [string, string, string][];
}

function importsOf(root: string, file: string): FileImports {
  const text = readFileSync(join(root, file), "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const uses = new Map<string, Set<string>>();
  const reexports: [string, string, string][] = [];
  const use = (specifier: string, names: string[]) => {
    const target = resolve(root, file, specifier);
    if (!target) return;
    const set = uses.get(target) ?? new Set<string>();
    names.forEach((n) => set.add(n));
    uses.set(target, set);
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const names: string[] = [];
      const clause = node.importClause;
      if (clause?.name) names.push("default");
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings))
        names.push(...accessedOn(bindings.name.text, node.getSourceFile()));
      if (bindings && ts.isNamedImports(bindings))
        for (const e of bindings.elements) names.push((e.propertyName ?? e.name).text);
      use(node.moduleSpecifier.text, names);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const target = resolve(root, file, node.moduleSpecifier.text);
      if (target) {
        if (!node.exportClause) reexports.push([ALL, target, ALL]);
        else if (ts.isNamedExports(node.exportClause))
          for (const e of node.exportClause.elements)
            reexports.push([e.name.text, target, (e.propertyName ?? e.name).text]);
        else use(node.moduleSpecifier.text, [ALL]);
      }
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && /^require(Actual)?$/.test(node.expression.text)) ||
        (ts.isPropertyAccessExpression(node.expression) &&
          /^(requireActual|mock)$/.test(node.expression.name.text)))
    ) {
      use(node.arguments[0].text, takenNames(node, sf));
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      const q = node.qualifier;
      const first = q ? (ts.isIdentifier(q) ? q.text : leftmost(q)) : ALL;
      use(node.argument.literal.text, [first]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { uses, reexports };
}

function leftmost(name: ts.QualifiedName): string {
  let n: ts.EntityName = name;
  while (ts.isQualifiedName(n)) n = n.left;
  return n.text;
}

/** Every export of src/ with the product files and the test files that import it. */
export function exportUses(root: string): ExportUse[] {
  const product: string[] = [];
  const tests: string[] = [];
  for (const r of PRODUCT_ROOTS) walk(root, r, product);
  for (const r of TEST_ROOTS) walk(root, r, tests);
  const exports = new Map<string, { name: string; typeOnly: boolean }[]>();
  for (const file of product.filter((f) => f.startsWith("src/"))) {
    const sf = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), 99, true);
    exports.set(file, declaredExports(sf));
  }
  const imports = new Map([...product, ...tests].map((f) => [f, importsOf(root, f)]));
  // who uses (file, name): a direct import, or an import of a name that re-exports it
  const users = new Map<string, Set<string>>();
  const key = (file: string, name: string) => `${file}\0${name}`;
  const addUser = (file: string, name: string, user: string): boolean => {
    const names = name === ALL ? (exports.get(file) ?? []).map((e) => e.name) : [name];
    let added = false;
    for (const n of names) {
      const set = users.get(key(file, n)) ?? new Set<string>();
      if (!set.has(user)) {
        set.add(user);
        added = true;
      }
      users.set(key(file, n), set);
    }
    return added;
  };
  for (const [user, { uses }] of imports)
    for (const [target, names] of uses) for (const n of names) addUser(target, n, user);
  // follow re-exports until nothing changes: a user of the re-export is a user of the original
  for (let changed = true; changed;) {
    changed = false;
    for (const [file, { reexports }] of imports)
      for (const [here, target, there] of reexports) {
        const via =
          here === ALL
            ? [...users.keys()].filter((k) => k.startsWith(`${file}\0`)).map((k) => users.get(k)!)
            : [users.get(key(file, here)) ?? new Set<string>()];
        for (const set of via)
          for (const user of set) if (addUser(target, there, user)) changed = true;
      }
  }
  const isTest = new Set(tests);
  const out: ExportUse[] = [];
  for (const [file, list] of exports)
    for (const e of list) {
      const all = [...(users.get(key(file, e.name)) ?? [])].filter((u) => u !== file).sort();
      out.push({
        file,
        ...e,
        product: all.filter((u) => !isTest.has(u)),
        tests: all.filter((u) => isTest.has(u)),
      });
    }
  return out;
}
