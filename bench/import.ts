/**
 * `npm run bench`, published reports: documents imported per second through the one reading pipeline
 * (kind, decoding, reader, table reader), for each form: text copied from a page (the seed), text a
 * crawler stripped to one line (fused digits split by arithmetic), a saved web page, a Word file and a
 * PDF (the Word file converted by LibreOffice, when it is installed). One core.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInput } from "../src/import/read-input";
import { cellValues } from "../src/report/model";
import { renderDocx } from "../src/render/docx";
import { renderHtml } from "../src/render/html";
import { crawledText } from "../test/support/crawled";
import { randomConsistentReport } from "../test/support/random-report";
import { row } from "./measure";

/** The seed as kept in the repository (bench runs from lib/bench/bench). */
const SEED_TEXT = join(
  __dirname,
  "../../../test/fixtures/2020-bingtuan-natural-resources-bureau.txt"
);

async function perSecond(label: string, docs: Uint8Array[], name: string, seconds = 3) {
  // warm-up, and a check that the form reads at all
  const first = await readInput(docs[0], name);
  if (!first.ok) throw new Error(`${label}: ${first.problems[0].message}`);
  const filled = [...cellValues(first.report).values()].filter((x) => x !== null).length;
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    await readInput(docs[n % docs.length], name);
    n++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  row(
    `  ${label}`,
    `${((n / elapsed) * 1000).toFixed(1)} documents/s   (${filled} cells read of the first)`
  );
}

export async function importBench(): Promise<void> {
  process.stdout.write("\nPublished reports imported (read and parsed, one core)\n");
  const reports = [1, 2, 3, 4].map((s) => randomConsistentReport(s % 2 ? "2019" : "2021", 200 + s));
  const utf8 = (s: string) => new TextEncoder().encode(s);
  await perSecond("text copied from a page (the seed)", [readFileSync(SEED_TEXT)], "seed.txt");
  await perSecond(
    "text stripped by a crawler (fused digits)",
    reports.map((r) => utf8(crawledText(r))),
    "page.txt"
  );
  await perSecond(
    "saved web page (HTML export)",
    reports.map((r) => utf8(renderHtml(r))),
    "page.html"
  );
  const docx = await Promise.all(reports.map((r) => renderDocx(r)));
  await perSecond("Word (.docx export)", docx, "report.docx");
  const dir = mkdtempSync(join(tmpdir(), "nianbao-bench-"));
  try {
    const files = docx.map((d, i) => {
      const file = join(dir, `r${i}.docx`);
      writeFileSync(file, d);
      return file;
    });
    const lo = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=file://${dir}/profile`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        ...files,
      ],
      { timeout: 300_000 }
    );
    if (lo.status !== 0) {
      row("  PDF", "skipped: LibreOffice (soffice) not available");
      return;
    }
    const pdfs = files.map((f) => new Uint8Array(readFileSync(f.replace(/\.docx$/, ".pdf"))));
    await perSecond("PDF (Word export converted by LibreOffice)", pdfs, "report.pdf");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
