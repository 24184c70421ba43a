/** `nianbao import` and published reports as `validate` input, in a real process. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readReportJson } from "../../src/report/read-json";
import { cellValues } from "../../src/report/model";
import { SEED_TEXT } from "../support/shared";

const BIN = join(__dirname, "../../bin/nianbao.js");
const TEXT = SEED_TEXT;
const SEED = join(__dirname, "../fixtures/2020-bingtuan-natural-resources-bureau.json");
const dir = mkdtempSync(join(tmpdir(), "nianbao-import-"));
const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 30000 });

test("import writes the report JSON of the published text, and says what it read with a note", () => {
  const out = join(dir, "seed.json");
  const r = run(["import", TEXT, "-o", out]);
  expect(r.status).toBe(0);
  expect(r.stderr).toContain("2987.6万元");
  const imported = readReportJson(readFileSync(out));
  const expected = readReportJson(readFileSync(SEED));
  if (!imported.ok || !expected.ok) throw new Error("unreadable");
  expect(cellValues(imported.report)).toEqual(cellValues(expected.report));
  expect(imported.report).toMatchObject({
    format: "2019",
    year: 2020,
    agency: "兵团自然资源局",
    date: "2021-01-29",
  });
});

test("validate and --previous accept a published report", () => {
  expect(run(["validate", TEXT, "--json"]).status).toBe(1);
  const next = JSON.parse(readFileSync(SEED, "utf8"));
  next.year = 2021;
  next.format = "2019";
  const path = join(dir, "next.json");
  writeFileSync(path, JSON.stringify(next));
  const r = run(["validate", path, "--previous", TEXT, "--json"]);
  const doc = JSON.parse(r.stdout);
  // last year's 四 is all 0 and so is this year's 二: carry-over holds
  expect(doc.findings.filter((f: { rule: string }) => f.rule === "carry-over")).toEqual([]);
});

test("a file that is nothing we can read: exit 2 and a clear message", () => {
  const path = join(dir, "notes.txt");
  writeFileSync(path, "会议纪要：今天讨论了门户网站改版。");
  const r = run(["import", path]);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("未能识别报告格式");
  expect(run(["validate", path]).stderr).toContain("也无法按已发布的年报读取");
});
