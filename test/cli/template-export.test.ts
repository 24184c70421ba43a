/**
 * `nianbao template`, `validate` on workbooks, and `export`, as a user runs them: the compiled command
 * (bin/nianbao.js → lib/, built by `npm run build:cli`), real files, exit statuses.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { readReportJson, reportToJson } from "../../src/report/read-json";
import { layoutPlan } from "../../src/layout/plan";
import { nameFromPointer } from "../../src/templates/pointers";
import { randomConsistentReport } from "../support/random-report";
import { declaredBomb } from "../xlsx/craft-zip";
import { filledWorkbook, insertRows, load, save } from "../xlsx/workbooks";

const BIN = join(__dirname, "../../bin/nianbao.js");
const dir = mkdtempSync(join(tmpdir(), "nianbao-cli-xlsx-"));

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60000, cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const report = randomConsistentReport("2021", 41);
const changed = "/requests/granted/commercial";
let good: string, bad: string, text: string;

beforeAll(async () => {
  good = file("good.xlsx", await filledWorkbook(report));
  bad = file("bad.xlsx", await filledWorkbook(report, new Map([[changed, 999]])));
  text = file("text.xlsx", await filledWorkbook(report, new Map([[changed, "2件"]])));
});

test("template writes a workbook that validates as an empty report of its year", () => {
  const out = join(dir, "t.xlsx");
  const r = run(["template", "--year", "2020", "--agency", "某县某局", "-o", out]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("格式 2019");
  const v = run(["validate", out, "--json"]);
  expect(v.status).toBe(1); // blanks and empty narrative are errors
  const doc = JSON.parse(v.stdout);
  expect(doc).toMatchObject({ format: "2019", year: 2020 });
  expect(
    doc.findings.every((f: { rule: string }) => ["blank", "narrative-missing"].includes(f.rule))
  ).toBe(true);
});

test("template: usage errors exit 2; a format that does not fit the year is warned about", () => {
  expect(run(["template", "-o", join(dir, "x.xlsx")]).status).toBe(2);
  expect(run(["template", "--year", "2024"]).status).toBe(2);
  expect(run(["template", "--year", "2017", "-o", join(dir, "x.xlsx")]).status).toBe(2);
  const r = run(["template", "--year", "2024", "--format", "2019", "-o", join(dir, "wrong.xlsx")]);
  expect(r.status).toBe(0);
  expect(r.stderr).toContain("应使用 2021 格式");
  const v = JSON.parse(run(["validate", join(dir, "wrong.xlsx"), "--json"]).stdout);
  expect(v.findings.some((f: { rule: string }) => f.rule === "format-year")).toBe(true);
});

test("validate a filled workbook: valid, exit 0", () => {
  const r = run(["validate", good]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("✔ 未发现错误");
});

test("findings name the pointer and the cell", () => {
  const r = run(["validate", bad]);
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/\/requests\/granted\/total（2024年度年报!O\d+）/);
  const t = run(["validate", text]);
  expect(t.status).toBe(1);
  expect(t.stdout).toContain("[type]");
  expect(t.stdout).toMatch(/\/requests\/granted\/commercial（2024年度年报!J\d+）\s+建议值：2/);
});

test("--json for one workbook is the findings document of report-json.md, unchanged", () => {
  const doc = JSON.parse(run(["validate", text, "--json"]).stdout);
  expect(Object.keys(doc)).toEqual(["valid", "format", "year", "summary", "findings"]);
  expect(doc.findings.find((f: { rule: string }) => f.rule === "type")).toMatchObject({
    cells: [changed],
    fix: 2,
  });
});

test("a batch goes on past unreadable files: JSON Lines with addresses, exit 2", async () => {
  const notOurs = new ExcelJS.Workbook();
  notOurs.addWorksheet("Sheet1").getCell("A1").value = "预算";
  const files = [
    good,
    file("corrupt.xlsx", readFileSync(good).subarray(0, 3000)),
    file(
      "encrypted.xlsx",
      Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)])
    ),
    file("notes.xlsx", "这不是工作簿\n"),
    file("bomb.xlsx", declaredBomb()),
    file("other.xlsx", await save(notOurs)),
    bad,
  ];
  const r = run(["validate", "--json", ...files]);
  expect(r.status).toBe(2);
  const lines = r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines.map((l) => l.file)).toEqual(files);
  expect(lines[0]).toMatchObject({ valid: true });
  expect(lines[0].addresses[changed]).toMatch(/^2024年度年报!J\d+$/);
  const messages = lines.slice(1, 6).map((l) => {
    expect(l.readable).toBe(false);
    return l.problems[0].message as string;
  });
  expect(messages[0]).toMatch(/文件已损坏/);
  expect(messages[1]).toContain("文件已加密，请先取消密码保护再校验");
  expect(messages[2]).toContain("不是 .xlsx 文件");
  expect(messages[3]).toMatch(/文件过大/);
  expect(messages[4]).toContain("不是本工具生成的年报模板");
  expect(lines[6]).toMatchObject({ valid: false });

  const human = run(["validate", ...files]);
  expect(human.status).toBe(2);
  expect(human.stderr).toContain("文件已加密");
  expect(human.stdout).toContain("✔ 未发现错误");
});

test("patterns are expanded when the shell did not: *, ?, **", () => {
  const sub = join(dir, "glob", "a", "b");
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, "r1.json"), reportToJson(randomConsistentReport("2021", 42)));
  writeFileSync(
    join(dir, "glob", "a", "r2.json"),
    reportToJson(randomConsistentReport("2021", 43))
  );
  const r = run(["validate", "--json", "glob/**/r?.json"]);
  expect(r.status).toBe(0);
  const files = r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).file);
  expect(files).toEqual([join("glob", "a", "b", "r1.json"), join("glob", "a", "r2.json")].sort());
  expect(run(["validate", "nothing-*.json"]).stderr).toContain("文件不存在");
});

test("a broken name is a note, and its cell reads as blank", async () => {
  const wb = await load(readFileSync(good));
  const name = nameFromPointer("/appeals/review/pending");
  wb.definedNames.model = wb.definedNames.model.filter((n) => n.name !== name);
  const path = file("broken.xlsx", await save(wb));
  const r = run(["validate", path]);
  expect(r.status).toBe(1);
  expect(r.stdout).toContain(`名称 ${name} 不存在`);
  const lines = run(["validate", "--json", path, good])
    .stdout.trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines[0].notes[0].message).toContain(name);
});

test("export --to json: the report of a filled workbook", () => {
  const r = run(["export", good, "--to", "json"]);
  expect(r.status).toBe(0);
  const read = readReportJson(r.stdout);
  expect(read.ok && reportToJson(read.report)).toBe(reportToJson(report));
  const out = join(dir, "out.json");
  expect(run(["export", good, "--to", "json", "-o", out]).status).toBe(0);
  expect(readFileSync(out, "utf8")).toBe(reportToJson(report));
});

test("export refuses while errors remain, unless --draft", () => {
  const r = run(["export", bad, "--to", "json"]);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain("未导出");
  expect(r.stderr).toMatch(/2024年度年报!O\d+/);
  const d = run(["export", bad, "--to", "json", "--draft"]);
  expect(d.status).toBe(0);
  expect(JSON.parse(d.stdout).requests.granted.commercial).toBe(999);
  expect(run(["export", join(dir, "missing.xlsx"), "--to", "json"]).status).toBe(2);
});

test("export --to html uses the renderer; docx when it exists, else says not yet", () => {
  const html = run(["export", good, "--to", "html"]);
  expect(html.status).toBe(0);
  expect(html.stdout).toContain("<!DOCTYPE html>");
  const out = join(dir, "r.docx");
  const docx = run(["export", good, "--to", "docx", "-o", out]);
  if (existsSync(join(__dirname, "../../src/render/docx.ts"))) {
    expect(docx.status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  } else {
    expect(docx.status).toBe(2);
    expect(docx.stderr).toContain("尚未支持");
  }
});

test("a workbook with rows inserted inside part 三 and a value typed as text: the right finding and cell", async () => {
  const plan = layoutPlan({ format: "2021", year: report.year, agency: report.agency });
  const at = plan.names.find(
    (n) => n.name === nameFromPointer("/requests/unavailable/notHeld/total")
  )!.row;
  const bytes = await filledWorkbook(
    report,
    new Map([["/requests/carriedForward/total", "12 件"]]),
    insertRows(at, 3)
  );
  const path = file("inserted.xlsx", bytes);
  const r = run(["validate", path]);
  expect(r.status).toBe(1);
  const carried = plan.names.find(
    (n) => n.name === nameFromPointer("/requests/carriedForward/total")
  )!;
  expect(r.stdout).toContain(`[type]`);
  expect(r.stdout).toContain(
    `/requests/carriedForward/total（2024年度年报!O${carried.row + 1 + 3}）`
  );
});
