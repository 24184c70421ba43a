/**
 * `nianbao aggregate FILE... --agency NAME -o OUT.json|OUT.xlsx`: one report summed from many, read one file
 * at a time (memory holds the sums and the list of sources, not the reports). Nothing is written unless
 * every file was read and admitted: exit 2 when a file cannot be read, 1 when a source is refused.
 *
 * The JSON output is two files: OUT.json is a report exactly as report-json.md defines it (its schema admits
 * no other key, so platforms, `validate`, `export` and `aggregate` itself read it unchanged), and beside it
 * OUT.sources.json says what it was made from, tied to it by its SHA-256. The workbook holds both: the
 * template with the sums, and a 来源 sheet.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import {
  Aggregator,
  blankSources,
  type Refusal,
  type SourceError,
  type SourcesRecord,
} from "../aggregate/aggregate";
import type { Report } from "../report/model";
import { reportToJson } from "../report/read-json";
import { writeAggregateWorkbook } from "../xlsx/write-aggregate";
import { parseCommandArgs } from "./args";
import { expandPatterns } from "./glob";
import { formatUnreadable, type Lang } from "./human";
import type { Io } from "./index";
import { loadInput } from "./input";

export const AGGREGATE_USAGE = `  nianbao aggregate FILE... --agency NAME -o OUT.json|OUT.xlsx [--allow-duplicates] [--allow-errors]
                    [--blank-as-zero] [--lang zh|en]
      汇总同一格式、同一年度的多份报告（JSON、工作簿、已发布的年报）：各项数字相加，文字部分留空；
      .json 输出旁附 OUT.sources.json（来源：机关、文件、SHA-256），.xlsx 输出附“来源”工作表。
      任一来源空白的单元格，合计留空并列出来源（--blank-as-zero 按 0 计入）。
      拒绝：格式或年度不一；同一机关两次（--allow-duplicates）；来源有错误（--allow-errors，逐份列出错误）。
`;

/** The sidecar of OUT.json that lists its sources. */
export function sourcesPath(output: string): string {
  return output.replace(/\.json$/i, "") + ".sources.json";
}

const T = {
  zh: {
    refused: "未汇总，以下来源被拒绝：",
    more: (n: number) => `……另有 ${n} 个错误`,
    hintDuplicates: "同一机关确需计入两次时，加 --allow-duplicates。",
    hintErrors: "确需汇总有错误的来源时，加 --allow-errors（每份来源的错误会随汇总列出）。",
    unreadable: "有文件无法读取，未汇总。",
    written: (out: string, n: number, r: Report) =>
      `已汇总 ${n} 份报告：${out}（${r.format} 格式 · ${r.year} 年度 · ${r.agency}）`,
    sidecar: (p: string) => `来源清单：${p}`,
    blanks: (n: number) => `合计留空的单元格 ${n} 个（有来源空白或无法读取；空白不等于 0）：`,
    zeroed: (n: number) => `按 0 计入的空白单元格 ${n} 个：`,
    admitted: "以下来源有错误，经 --allow-errors 计入：",
    errorCount: (n: number) => `${n} 个错误`,
  },
  en: {
    refused: "Not aggregated; these sources were refused:",
    more: (n: number) => `… and ${n} more error(s)`,
    hintDuplicates: "To count an agency twice on purpose, add --allow-duplicates.",
    hintErrors:
      "To sum sources with errors anyway, add --allow-errors (their errors are listed with the aggregate).",
    unreadable: "A file could not be read; nothing was aggregated.",
    written: (out: string, n: number, r: Report) =>
      `Aggregated ${n} report(s): ${out} (format ${r.format} · year ${r.year} · ${r.agency})`,
    sidecar: (p: string) => `Sources: ${p}`,
    blanks: (n: number) =>
      `${n} cell(s) left blank in the sum (blank or unreadable in a source; blank is not 0):`,
    zeroed: (n: number) => `${n} blank cell(s) counted as 0:`,
    admitted: "Sources with errors, admitted by --allow-errors:",
    errorCount: (n: number) => `${n} error(s)`,
  },
};

const SHOWN_ERRORS = 5;

export async function aggregateCommand(args: string[], io: Io, usage: string): Promise<number> {
  const parsed = parseCommandArgs(
    "aggregate",
    {
      args,
      allowPositionals: true,
      options: {
        agency: { type: "string", short: "a" },
        output: { type: "string", short: "o" },
        "allow-duplicates": { type: "boolean" },
        "allow-errors": { type: "boolean" },
        "blank-as-zero": { type: "boolean" },
        lang: { type: "string", default: "zh" },
      },
    },
    io,
    usage
  );
  if (!parsed) return 2;
  const { positionals, values } = parsed;
  const lang: Lang = values.lang === "en" ? "en" : "zh";
  const t = T[lang];
  const files = expandPatterns(positionals);
  const output = values.output;
  const misuse = (zh: string, en: string) => {
    io.err(`nianbao aggregate: ${zh}（${en}）\n\n${usage}`);
    return 2;
  };
  if (files.length === 0) return misuse("请指定要汇总的文件", "no file given");
  if (!values.agency?.trim())
    return misuse("请用 --agency 指定汇总机关", "--agency NAME is required");
  if (!output || !/\.(json|xlsx)$/i.test(output))
    return misuse("请用 -o 指定 .json 或 .xlsx 输出文件", "-o OUT.json or OUT.xlsx is required");

  const aggregator = new Aggregator({
    agency: values.agency,
    allowDuplicates: values["allow-duplicates"],
    allowErrors: values["allow-errors"],
    blankAsZero: values["blank-as-zero"],
  });
  let unreadable = false;
  let stdinBytes: Buffer | undefined;
  const stdin = async () => (stdinBytes ??= io.stdin ? await io.stdin() : Buffer.alloc(0));
  for (const file of files) {
    // The digest is of the file as it is on disk (or as read from standard input).
    let bytes: Buffer | undefined;
    try {
      bytes = file === "-" ? await stdin() : await readFile(file);
    } catch {
      bytes = undefined; // loadInput says why
    }
    const input = await loadInput(file, stdin);
    if (!input.ok || !bytes) {
      unreadable = true;
      if (!input.ok) io.err(formatUnreadable(input.name, input.problems, lang));
      continue;
    }
    aggregator.add({
      file: input.name,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      report: input.report,
      cellFaults: input.cellFaults,
    });
  }
  if (unreadable) {
    io.err(t.unreadable + "\n");
    return 2;
  }

  const result = aggregator.result();
  if (!result.ok) {
    io.err(formatRefusals(result.refusals, lang));
    return 1;
  }
  const { report, record } = result;
  try {
    if (/\.xlsx$/i.test(output)) {
      await writeFile(output, await writeAggregateWorkbook(report, record));
    } else {
      const json = reportToJson(report);
      await writeFile(output, json);
      const sidecar = { ...record, report: { file: output, sha256: sha256(json) } };
      await writeFile(sourcesPath(output), JSON.stringify(sidecar, null, 2) + "\n");
    }
  } catch (error) {
    io.err(`nianbao aggregate: 无法写入 ${output}：${(error as Error).message}\n`);
    return 2;
  }
  io.out(t.written(output, record.sourceCount, report) + "\n");
  if (/\.json$/i.test(output)) io.out(t.sidecar(sourcesPath(output)) + "\n");
  io.err(formatRecord(record, lang));
  return 0;
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function errorLines(errors: SourceError[] | undefined, count: number, lang: Lang): string[] {
  const shown = (errors ?? []).slice(0, SHOWN_ERRORS);
  const lines = shown.map(
    (e) => `      [${e.rule}] ${lang === "en" && e.messageEn ? e.messageEn : e.message}`
  );
  if (count > shown.length) lines.push(`      ${T[lang].more(count - shown.length)}`);
  return lines;
}

function formatRefusals(refusals: readonly Refusal[], lang: Lang): string {
  const t = T[lang];
  const lines = [t.refused];
  for (const r of refusals) {
    lines.push(`  ${lang === "en" ? r.messageEn : r.message}`);
    lines.push(...errorLines(r.errors, r.errorCount ?? 0, lang));
  }
  if (refusals.some((r) => r.reason === "duplicate")) lines.push("", t.hintDuplicates);
  if (refusals.some((r) => r.reason === "errors")) lines.push("", t.hintErrors);
  return lines.join("\n") + "\n";
}

/** What the aggregate leaves for the compiler to see: blank cells with their sources, admitted errors. */
function formatRecord(record: SourcesRecord, lang: Lang): string {
  const t = T[lang];
  const lines: string[] = [];
  const admitted = record.sources.filter((s) => s.errors);
  if (admitted.length) {
    lines.push(t.admitted);
    for (const s of admitted) {
      lines.push(`  ${s.file}（${s.agency}）：${t.errorCount(s.errorCount ?? 0)}`);
      lines.push(...errorLines(s.errors, s.errorCount ?? 0, lang));
    }
  }
  for (const [list, title] of [
    [record.blanks.filter((b) => b.treatedAs === "blank"), t.blanks],
    [record.blanks.filter((b) => b.treatedAs === "zero"), t.zeroed],
  ] as const) {
    if (!list.length) continue;
    lines.push(title(list.length));
    for (const b of list)
      lines.push(`  ${lang === "en" ? b.labelEn : b.label} — ${blankSources(b, lang)}`);
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}
