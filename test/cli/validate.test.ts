/**
 * `nianbao validate` as a user runs it: the compiled command (bin/nianbao.js → lib/, built by `npm test`),
 * in a real process, with real files, standard input and exit statuses.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reportToJson } from "../../src/report/read-json";
import { randomConsistentReport } from "../support/random-report";

const BIN = join(__dirname, "../../bin/nianbao.js");
const SEED = join(__dirname, "../fixtures/2020-bingtuan-natural-resources-bureau.json");
const dir = mkdtempSync(join(tmpdir(), "nianbao-cli-"));

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: "utf8",
    timeout: 30000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test("the seed report: four errors explained in Chinese, exit status 1", () => {
  const r = run(["validate", SEED]);
  expect(r.status).toBe(1);
  expect(r.stdout).toContain("格式 2019 · 2020 年度 · 兵团自然资源局");
  expect(r.stdout).toContain("✖ 4 个错误，1 个警告");
  expect(r.stdout).toContain(
    "自然人列：一（2）+ 二（0）= 2，应等于 三（七）总计（0）+ 四（0）= 0，相差 2"
  );
  expect(r.stdout).toContain("[narrative-figure]");
  expect(r.stdout).toContain("建议值：2");
});

test("--json prints the findings document of report-json.md", () => {
  const r = run(["validate", SEED, "--json"]);
  expect(r.status).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(Object.keys(doc)).toEqual(["valid", "format", "year", "summary", "findings"]);
  expect(doc).toMatchObject({
    valid: false,
    format: "2019",
    year: 2020,
    summary: { errors: 4, warnings: 1 },
  });
  for (const f of doc.findings) {
    expect(Object.keys(f).slice(0, 4)).toEqual(["rule", "kind", "severity", "cells"]);
    expect(typeof f.message).toBe("string");
  }
});

test("a valid report exits 0; English on request", () => {
  const path = file("ok.json", reportToJson(randomConsistentReport("2021", 3)));
  const r = run(["validate", path]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("✔ 未发现错误");
  expect(run(["validate", path, "--lang", "en"]).stdout).toContain("✔ no errors");
});

test("- reads standard input", () => {
  const r = run(["validate", "-", "--json"], reportToJson(randomConsistentReport("2019", 4)));
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).valid).toBe(true);
});

test("--previous runs the cross-year checks", () => {
  const prev = file("2023.json", reportToJson(randomConsistentReport("2021", 5, 2023)));
  const cur = file("2024.json", reportToJson(randomConsistentReport("2021", 6, 2024)));
  const r = run(["validate", cur, "--previous", prev, "--json"]);
  const doc = JSON.parse(r.stdout);
  expect(doc.findings.some((f: { rule: string }) => f.rule === "carry-over")).toBe(true);
  expect(r.status).toBe(0); // heuristic: warnings only
});

test("input that cannot be read: exit status 2, one clear message per problem, the batch goes on", () => {
  const wrong = file(
    "wrong.json",
    JSON.stringify({ schema: "nianbao/report@1", format: "2021", year: "2024" })
  );
  const r = run(["validate", wrong, join(dir, "missing.json"), SEED]);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("/year");
  expect(r.stderr).toContain("文件不存在");
  expect(r.stdout).toContain("兵团自然资源局"); // the third file was still validated

  expect(run(["validate", file("empty.json", "")]).status).toBe(2);
  expect(run(["validate", file("bad.json", Buffer.from([0x7b, 0xff, 0x7d]))]).status).toBe(2);
  expect(run(["validate", "--previous", join(dir, "nope.json"), SEED]).status).toBe(2);
});

test("several files with --json give JSON Lines, one document per file", () => {
  const a = file("a.json", reportToJson(randomConsistentReport("2021", 8)));
  const r = run(["validate", a, SEED, "--json"]);
  const lines = r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines.map((l) => [l.file, l.valid])).toEqual([
    [a, true],
    [SEED, false],
  ]);
  expect(r.status).toBe(1);
});

test("usage errors exit 2 and say what to do", () => {
  expect(run([]).status).toBe(2);
  expect(run(["validate"]).stderr).toContain("请指定要校验的文件");
  expect(run(["frobnicate"]).status).toBe(2);
  expect(run(["--help"]).stdout).toContain("nianbao validate");
});

test("COMMAND --help prints the usage and exits 0, for every command; after -- it is a file's name", () => {
  // every command the usage names
  const commands = [...new Set(run(["--help"]).stdout.match(/(?<=^ {2}nianbao )[a-z]+/gm))];
  expect(commands.length).toBeGreaterThanOrEqual(8);
  for (const command of commands) {
    const r = run([command, "--help"]);
    expect([command, r.status, r.stdout.includes(`nianbao ${command}`)]).toEqual([
      command,
      0,
      true,
    ]);
  }
  const r = run(["validate", "--", "--help"]);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("--help");
});
