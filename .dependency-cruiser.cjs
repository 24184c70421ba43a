/**
 * The layers, as rules a test enforces (test/architecture/layers.test.ts). The pure core is
 * templates ← report ← checks ← layout, render: a folder may import those to its left, never to its right,
 * and nothing outside the core. Office.js is a global, not an import: the requirement-set test keeps it in
 * src/excel/, and the core's own tsconfig (tsconfig.core.json, no DOM, no Node types) keeps out the rest.
 */
const CORE = "^src/(templates|report|checks|layout|render)/";
const NODE_ONLY_PACKAGES = "^(fastify|@fastify|pg|@electric-sql|exceljs)($|/)";
const UI_PACKAGES = "^(react|react-dom|@fluentui)($|/)";

/** A folder of the core may import only the folders listed (and itself). */
const layer = (name, below) => ({
  name: `no-upward-from-${name}`,
  comment: `src/${name}/ may import only ${below.length ? below.join(", ") : "itself"} of the core`,
  severity: "error",
  from: { path: `^src/${name}/` },
  to: { path: "^src/", pathNot: [`^src/${name}/`, ...below.map((b) => `^src/${b}/`)] },
});

module.exports = {
  forbidden: [
    layer("templates", []),
    layer("report", ["templates"]),
    layer("checks", ["templates", "report"]),
    layer("layout", ["templates", "report", "checks"]),
    layer("render", ["templates", "report", "checks"]),
    {
      name: "core-no-node-api",
      comment: "The core runs unchanged in Node, the browser and tests: no Node built-in modules",
      severity: "error",
      from: { path: CORE },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-no-ui-or-adapter-package",
      comment: "The core imports no UI library, no .xlsx library and no server package",
      severity: "error",
      from: { path: CORE },
      to: { path: [UI_PACKAGES, NODE_ONLY_PACKAGES, "^fflate($|/)"].join("|") },
    },
    {
      name: "platform-pure",
      comment: "The submission protocol is pure: core only, no Node API, no UI",
      severity: "error",
      from: { path: "^src/platform/" },
      to: {
        path: [
          "^src/(excel|xlsx|taskpane|commands|cli|server)/",
          UI_PACKAGES,
          NODE_ONLY_PACKAGES,
        ].join("|"),
      },
    },
    {
      name: "platform-no-node-api",
      severity: "error",
      from: { path: "^src/platform/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "xlsx-only-in-src-xlsx",
      comment: ".xlsx files are read and written only in src/xlsx/",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/xlsx/" },
      to: { path: "^(exceljs|fflate)($|/)" },
    },
    {
      name: "excel-adapter-not-from-lower-layers",
      comment: "The Excel adapter is used by the pane and the ribbon commands only",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(excel|taskpane|commands)/" },
      to: { path: "^src/excel/" },
    },
    {
      name: "pane-never-reaches-server",
      comment: "The receiving service is Node only and never in the pane's bundle",
      severity: "error",
      from: { path: "^src/(taskpane|commands|excel)/" },
      to: { path: ["^src/(server|cli)/", NODE_ONLY_PACKAGES].join("|"), reachable: true },
    },
    {
      name: "pane-no-node-api",
      severity: "error",
      from: { path: "^src/(taskpane|commands|excel)/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "src-never-imports-dev",
      comment: "dev/ (the simulator, the workbench, HyperFormula under the GPL) never ships",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^dev/" },
    },
    {
      name: "simulator-stands-apart",
      comment: "The simulated Excel does not borrow from the code it tests",
      severity: "error",
      from: { path: "^dev/excel-sim/" },
      to: { path: "^src/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.d\\.ts$" },
  },
};
