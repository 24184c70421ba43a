/**
 * What the render tests share: reports to render, the external tools (LibreOffice, poppler, Chromium) and
 * where artefacts go. Tests needing a tool skip with a printed reason when it is absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { readReportJson } from "../../src/report/read-json";
import type { Report } from "../../src/report/model";

export const ARTIFACTS = join(__dirname, "../../test-artifacts/render");
export const FIXTURE = join(__dirname, "../fixtures/2020-bingtuan-natural-resources-bureau.json");
export const CHROMIUM = "/usr/bin/chromium";

export function seedReport(): Report {
  const r = readReportJson(readFileSync(FIXTURE, "utf8"));
  if (!r.ok) throw new Error("fixture does not read");
  return r.report;
}

/** A binary on PATH (or an absolute path that exists). */
export function findBinary(name: string): string | undefined {
  if (name.startsWith("/")) return existsSync(name) ? name : undefined;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** `describe` that skips, saying why, when a tool is missing. */
export function describeWith(tools: string[], name: string, fn: () => void): void {
  const missing = tools.filter((t) => !findBinary(t));
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  console.warn(`skipping "${name}": ${missing.join(", ")} not installed`);
  describe.skip(name, fn);
}

export function tempDir(prefix: string): string {
  const dir = join(tmpdir(), `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function run(cmd: string, args: string[], timeoutMs = 120_000): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: timeoutMs, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Converts .docx files to PDF in one LibreOffice run (its start-up is most of the cost). */
export function convertToPdf(files: string[], outDir: string): void {
  const profileDir = tempDir("lo-profile");
  try {
    convertWith(`file://${profileDir}`, files, outDir);
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

function convertWith(profile: string, files: string[], outDir: string): void {
  run(
    "soffice",
    [
      `-env:UserInstallation=${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      ...files,
    ],
    120_000 * Math.max(1, files.length)
  );
}

export function pdfPages(pdf: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(run("pdfinfo", [pdf]));
  if (!m) throw new Error(`pdfinfo: no page count for ${pdf}`);
  return Number(m[1]);
}

/** The first two pages of a PDF as small PNGs (`<prefix>-<page>.png`), for a person to look at. */
export function previewPages(pdf: string, prefix: string): void {
  run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", pdf, prefix]);
}

/** True when every needle occurs in the haystack in order, each after the previous one. */
export function inOrder(haystack: string, needles: string[]): { ok: boolean; missing?: string } {
  let at = 0;
  for (const needle of needles) {
    const i = haystack.indexOf(needle, at);
    if (i < 0) return { ok: false, missing: needle };
    at = i + needle.length;
  }
  return { ok: true };
}

/** Numbers in a text, as tokens in order. */
export function numberTokens(text: string): string[] {
  return text.match(/-?\d+(?:\.\d+)?/g) ?? [];
}

/** True when `wanted` is a subsequence of `tokens`. */
export function isSubsequence(tokens: string[], wanted: string[]): { ok: boolean; at?: number } {
  let i = 0;
  for (const t of tokens) if (i < wanted.length && t === wanted[i]) i++;
  return i === wanted.length ? { ok: true } : { ok: false, at: i };
}

/** Text with all white space removed: table cells wrap their labels over several lines. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, "");
}
