/**
 * Batches over published reports in a real process: `import` of many files (JSON Lines), `audit`, and the
 * bounds (a 300-page PDF, a zip bomb in a .docx, a 20 MB file) said clearly in bounded time.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { progress } from "../../src/cli/progress";
import { readInput } from "../../src/import/read-input";
import { renderDocx } from "../../src/render/docx";
import { craftZip } from "../xlsx/craft-zip";
import { randomConsistentReport } from "../support/random-report";
import { SEED_TEXT } from "../support/shared";

const BIN = join(__dirname, "../../bin/nianbao.js");
const TEXT = SEED_TEXT;
const dir = mkdtempSync(join(tmpdir(), "nianbao-batch-"));
const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60000 });

/** A PDF of `pages` empty pages, with a correct cross-reference table. */
function emptyPdf(pages: number): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(" ")}] /Count ${pages} >>`,
    ...Array.from(
      { length: pages },
      () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    ),
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

describe("import of many files and audit", () => {
  const docx = join(dir, "2024.docx");
  const junk = join(dir, "notes.txt");
  beforeAll(async () => {
    writeFileSync(docx, await renderDocx(randomConsistentReport("2021", 5)));
    writeFileSync(junk, "会议纪要：今天讨论了门户网站改版。");
  });

  test("import FILE…: one JSON line per file, with its notes or its problems; exit 2 for the unreadable", () => {
    const r = run(["import", TEXT, docx, junk]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("");
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.ok, l.kind])).toEqual([
      [TEXT, true, "text"],
      [docx, true, "docx"],
      [junk, false, undefined],
    ]);
    expect(lines[0].report.agency).toBe("兵团自然资源局");
    expect(lines[0].notes.map((n: { message: string }) => n.message)).toEqual([
      "/proactive/procurement/amount：二、政府集中采购·采购总金额：原文为“2987.6万元”，按 2987.6 导入",
    ]);
    expect(lines[1].report.agency).toBe("某市某局");
    expect(lines[2].problems[0].message).toContain("未能识别报告格式");
  });

  test("audit: a table per agency with errors, warnings and what could not be read", () => {
    const r = run(["audit", TEXT, docx, junk]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(
      "兵团自然资源局\n  年度\t格式\t错误\t警告\t空白/未能读取\t文件\n  2020\t2019\t4\t"
    );
    expect(r.stdout).toMatch(/某市某局\n.*\n {2}2024\t2021\t0\t\d+\t0\t/);
    expect(r.stdout).toContain(`（无法读取）\n`);
    expect(r.stdout).toContain("共 3 个文件：读取 2 个，有错误 1 个，无法读取 1 个");
  });

  test("audit --json: one line per file, the findings document with the file, agency and notes", () => {
    const r = run(["audit", TEXT, docx, "--json"]);
    expect(r.status).toBe(1);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      file: TEXT,
      readable: true,
      kind: "text",
      agency: "兵团自然资源局",
      format: "2019",
      year: 2020,
      valid: false,
      blankCells: 0,
      summary: { errors: 4 },
    });
    expect(lines[1]).toMatchObject({ file: docx, kind: "docx", valid: true, notes: [] });
  });
});

describe("bounded: a clear message in bounded time", () => {
  test("a 300-page PDF is refused before its pages are read", () => {
    const pdf = join(dir, "long.pdf");
    writeFileSync(pdf, emptyPdf(300));
    const start = Date.now();
    const r = run(["import", pdf]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("PDF 有 300 页，不像是一份年度报告");
    expect(Date.now() - start).toBeLessThan(20000);
  });

  test("a PDF that is not one: corrupt, said plainly", () => {
    const pdf = join(dir, "bad.pdf");
    writeFileSync(pdf, "%PDF-1.4\n garbage");
    const r = run(["import", pdf]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PDF/);
  });

  test("a zip bomb inside a .docx: refused by its sizes, never inflated past them", async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 0x20);
    const honest = craftZip([{ name: "word/document.xml", data: big }]);
    const lying = craftZip([{ name: "word/document.xml", data: big, declaredSize: 1000 }]);
    for (const bytes of [honest, lying]) {
      const start = Date.now();
      const read = await readInput(bytes, "bomb.docx");
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.problems[0].message).toMatch(/过大|压缩炸弹|超过其声明/);
      expect(Date.now() - start).toBeLessThan(5000);
    }
  });

  test("a file over 20 MB is refused before it is parsed", async () => {
    const start = Date.now();
    const read = await readInput(new Uint8Array(20 * 1024 * 1024 + 1).fill(0x31), "big.txt");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0].message).toContain("文件过大（20.0 MB）");
    expect(Date.now() - start).toBeLessThan(1000);
  });

  test("an old Word .doc: said to be saved as .docx or PDF", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const read = await readInput(ole, "2020年报.doc");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0].message).toContain("另存为 .docx 或 PDF");
  });
});

describe("progress on standard error", () => {
  const capture = (tty: boolean) => {
    const err: string[] = [];
    let now = 0;
    const bar = progress(
      { out: () => undefined, err: (t) => err.push(t), errIsTTY: tty },
      4,
      "zh",
      () => now
    );
    for (let i = 0; i < 4; i++) {
      now += 500;
      bar.tick();
    }
    bar.done();
    return err.join("");
  };

  test("on a terminal: files done, rate, time left; cleared at the end", () => {
    const text = capture(true);
    expect(text).toContain("已处理 1/4 个文件 · 每秒 2.0 个 · 约剩 2 秒");
    expect(text).toContain("已处理 4/4 个文件");
    expect(text.endsWith("\r\x1b[K")).toBe(true);
  });

  test("not a terminal: nothing", () => {
    expect(capture(false)).toBe("");
  });
});
