/**
 * `nianbao aggregate` with real files of every kind the command line reads (report JSON, a filled workbook,
 * a published page), its two outputs read back through the product's own readers, its refusals and exit
 * statuses.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { aggregateReports, SOURCES_SCHEMA } from "../../src/aggregate/aggregate";
import { sourcesPath } from "../../src/cli/aggregate";
import { main, type Io } from "../../src/cli/index";
import { validateReport } from "../../src/checks/evaluate";
import { cellValues, getValue, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { readReportJson, reportToJson } from "../../src/report/read-json";
import { renderHtml } from "../../src/render/html";
import { SOURCES_SHEET_NAME } from "../../src/xlsx/write-aggregate";
import { randomConsistentReport } from "../support/random-report";
import { filledWorkbook, load, readBack } from "../xlsx/workbooks";

const dir = mkdtempSync(join(tmpdir(), "nianbao-aggregate-"));
const path = (name: string) => join(dir, name);

async function run(args: string[], stdin?: Buffer) {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    ...(stdin ? { stdin: async () => stdin } : {}),
  };
  const status = await main(["aggregate", ...args], io);
  return { status, out, err };
}

const report = (seed: number, agency: string, year = 2024): Report => ({
  ...randomConsistentReport("2021", seed, year),
  agency,
});
const sha = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

const a = report(1, "某区财政局");
const b = report(2, "某区教育局");
const c = report(3, "某区卫生健康委员会");
let files: string[];

beforeAll(async () => {
  writeFileSync(path("a.json"), reportToJson(a));
  writeFileSync(path("b.xlsx"), await filledWorkbook(b));
  writeFileSync(path("c.html"), renderHtml(c));
  files = [path("a.json"), path("b.xlsx"), path("c.html")];
});

const expected = () =>
  aggregateReports(
    [a, b, c].map((r) => ({ file: r.agency, sha256: "", report: r })),
    { agency: "某区人民政府" }
  );

test("JSON, a workbook and a published page sum into a report JSON with its sources beside it", async () => {
  const out = path("sum.json");
  const r = await run([...files, "--agency", "某区人民政府", "-o", out]);
  expect(r).toMatchObject({ status: 0, err: "" });
  expect(r.out).toContain("已汇总 3 份报告");

  const read = readReportJson(readFileSync(out));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const want = expected();
  if (!want.ok) throw new Error("expected sum refused");
  expect(read.report).toEqual(want.report);
  expect(read.report).toMatchObject({ agency: "某区人民政府", year: 2024, format: "2021" });
  expect(
    validateReport(read.report).findings.filter(
      (f) => f.severity === "error" && f.kind !== "completeness"
    )
  ).toEqual([]);

  const sidecar = JSON.parse(readFileSync(sourcesPath(out), "utf8"));
  expect(sourcesPath(out)).toBe(path("sum.sources.json"));
  expect(sidecar).toMatchObject({
    schema: SOURCES_SCHEMA,
    agency: "某区人民政府",
    format: "2021",
    year: 2024,
    sourceCount: 3,
    blanks: [],
    report: { file: out, sha256: sha(readFileSync(out)) },
  });
  expect(sidecar.sources).toEqual(
    files.map((f, i) => ({
      agency: [a, b, c][i].agency,
      file: f,
      sha256: sha(readFileSync(f)),
    }))
  );
});

test("the workbook output is the template with the sums, read back by the product, and a 来源 sheet", async () => {
  const out = path("sum.xlsx");
  const r = await run([...files, "--agency", "某区人民政府", "-o", out]);
  expect(r.status).toBe(0);
  const bytes = readFileSync(out);
  const back = await readBack(bytes);
  const want = expected();
  if (!want.ok) throw new Error("expected sum refused");
  expect(cellValues(back.report)).toEqual(cellValues(want.report));
  expect(back.report.agency).toBe("某区人民政府");
  expect(back.report.narrative).toEqual({ overview: "", problems: "", other: "" });

  const wb = await load(bytes);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["2024年度年报", "校验", SOURCES_SHEET_NAME]);
  const sheet = wb.getWorksheet(SOURCES_SHEET_NAME)!;
  const rows: string[] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).join("|")));
  for (const [i, f] of files.entries())
    expect(rows).toContain(`${i + 1}|${[a, b, c][i].agency}|${f}|${sha(readFileSync(f))}|0|`);
});

test("aggregates aggregate again: two partial sums give the sum of all", async () => {
  expect((await run([files[0], "--agency", "片区一", "-o", path("p1.json")])).status).toBe(0);
  expect(
    (await run(files.slice(1).concat("--agency", "片区二", "-o", path("p2.json")))).status
  ).toBe(0);
  const r = await run([
    path("p1.json"),
    path("p2.json"),
    "--agency",
    "某区人民政府",
    "-o",
    path("all.json"),
  ]);
  expect(r.status).toBe(0);
  expect(readFileSync(path("all.json"), "utf8")).toBe(readFileSync(path("sum.json"), "utf8"));
});

test("a report from standard input (-) is a source like a file, its digest that of the bytes read", async () => {
  const bytes = Buffer.from(reportToJson(a));
  const r = await run(["-", files[1], "--agency", "某区人民政府", "-o", path("stdin.json")], bytes);
  expect(r.status).toBe(0);
  const sidecar = JSON.parse(readFileSync(path("stdin.sources.json"), "utf8"));
  expect(sidecar.sources[0]).toEqual({
    agency: a.agency,
    file: "（标准输入）",
    sha256: sha(bytes),
  });
});

test("mixed years are refused with exit 1 and nothing is written", async () => {
  writeFileSync(path("old.json"), reportToJson(report(4, "某区民政局", 2023)));
  const out = path("mixed.json");
  const r = await run([files[0], path("old.json"), "--agency", "某区人民政府", "-o", out]);
  expect(r.status).toBe(1);
  expect(r.err).toContain("未汇总，以下来源被拒绝：");
  expect(r.err).toContain("2023 年度，与");
  expect(r.err).toContain("不同年度的报告不能汇总");
  expect(existsSync(out)).toBe(false);
});

test("the same agency twice is refused unless --allow-duplicates", async () => {
  writeFileSync(path("a-again.json"), reportToJson(report(5, "某区财政局")));
  const args = [files[0], path("a-again.json"), "--agency", "某区人民政府", "-o", path("dup.json")];
  const refused = await run(args);
  expect(refused.status).toBe(1);
  expect(refused.err).toContain("“某区财政局”已在汇总之中，同一机关不能计入两次");
  expect(refused.err).toContain("--allow-duplicates");
  expect((await run([...args, "--allow-duplicates"])).status).toBe(0);
});

test("a source with errors is refused with its errors; --allow-errors admits it and lists them", async () => {
  const slip = "/requests/granted/naturalPerson";
  const bad = withValues(
    report(6, "某区水务局"),
    new Map([[slip, getValue(report(6, "x"), slip)! + 1]])
  );
  writeFileSync(path("bad.json"), reportToJson(bad));
  const args = [files[0], path("bad.json"), "--agency", "某区人民政府", "-o", path("err.json")];
  const refused = await run(args);
  expect(refused.status).toBe(1);
  expect(refused.err).toContain("bad.json（某区水务局）：校验发现 2 个错误，不能计入汇总");
  expect(refused.err).toContain("[row-total]");
  expect(refused.err).toContain("--allow-errors");
  const admitted = await run([...args, "--allow-errors"]);
  expect(admitted.status).toBe(0);
  expect(admitted.err).toContain("以下来源有错误，经 --allow-errors 计入：");
  expect(admitted.err).toContain("[outcome-total]");
  const sidecar = JSON.parse(readFileSync(path("err.sources.json"), "utf8"));
  expect(sidecar.sources[1]).toMatchObject({ agency: "某区水务局", errorCount: 2 });
});

test("a blank cell stays blank in the sum and is named with its sources; --blank-as-zero counts it as 0", async () => {
  const cell = "/appeals/review/pending";
  const blank = withValues(report(7, "某区司法局"), new Map([[cell, null]]));
  writeFileSync(path("blank.json"), reportToJson(blank));
  const args = [files[0], path("blank.json"), "--agency", "某区人民政府"];
  const r = await run([...args, "-o", path("blank-sum.json")]);
  expect(r.status).toBe(0);
  expect(r.err).toContain("合计留空的单元格 1 个");
  expect(r.err).toContain(`四、行政复议·尚未审结 — 某区司法局（${path("blank.json")}）`);
  const sum = readReportJson(readFileSync(path("blank-sum.json")));
  expect(sum.ok && getValue(sum.report, cell)).toBeNull();

  const z = await run([...args, "--blank-as-zero", "-o", path("zero-sum.json")]);
  expect(z.status).toBe(0);
  expect(z.err).toContain("按 0 计入的空白单元格 1 个");
  const zero = readReportJson(readFileSync(path("zero-sum.json")));
  expect(zero.ok && getValue(zero.report, cell)).toBe(getValue(a, cell));
});

test("an unreadable file: exit 2, said, nothing written; misuse: exit 2", async () => {
  writeFileSync(path("broken.json"), "{ not json");
  const out = path("never.json");
  const r = await run([files[0], path("broken.json"), "--agency", "某区人民政府", "-o", out]);
  expect(r.status).toBe(2);
  expect(r.err).toContain("有文件无法读取，未汇总。");
  expect(existsSync(out)).toBe(false);
  expect((await run([files[0], "-o", out])).status).toBe(2); // no --agency
  expect((await run([files[0], "--agency", "某区", "-o", path("x.txt")])).status).toBe(2);
  expect((await run(["--agency", "某区", "-o", out])).status).toBe(2);
});

test("the compiled command knows `aggregate` and lists it in its usage", () => {
  const bin = join(__dirname, "../../bin/nianbao.js");
  const r = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8", timeout: 30000 });
  expect(r.stdout).toContain("nianbao aggregate FILE... --agency NAME -o OUT.json|OUT.xlsx");
  const v = spawnSync(
    process.execPath,
    [bin, "aggregate", ...files, "--agency", "某区人民政府", "-o", path("bin.json")],
    { encoding: "utf8", timeout: 60000 }
  );
  expect(v.status).toBe(0);
  expect(readFileSync(path("bin.json"), "utf8")).toBe(readFileSync(path("sum.json"), "utf8"));
});
