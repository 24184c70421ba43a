/**
 * `nianbao audit FILE… [--json]`: what a supervising office runs over its agencies' published reports. Each
 * file is imported (any form the reader knows) and validated in one pass; the result is a table per agency
 * (errors, warnings, cells that could not be read) or, with --json, one JSON line per file.
 */
import { validateReport } from "../checks/evaluate";
import { cellValues } from "../report/model";
import { parseCommandArgs } from "./args";
import { expandPatterns } from "./glob";
import type { Io } from "./index";
import { loadInput, type LoadedInput } from "./input";
import { progress } from "./progress";

export const AUDIT_USAGE = `  nianbao audit FILE... [--json] [--lang zh|en]
      批量审看已发布的年报（网页、文本、PDF、Word、JSON、工作簿）：逐个读取并校验，按机关列出错误、警告
      和未能读取的单元格；--json 时每个文件输出一行 JSON。退出状态：0 无错误，1 有错误，2 有文件无法读取。
`;

interface AuditRow {
  file: string;
  readable: boolean;
  agency: string;
  year?: number;
  format?: string;
  errors: number;
  warnings: number;
  /** Value cells left blank: not printed, or not readable without guessing. */
  unread: number;
  notes: number;
}

export async function auditCommand(args: string[], io: Io, usage: string): Promise<number> {
  const parsed = parseCommandArgs(
    "audit",
    {
      args,
      allowPositionals: true,
      options: { json: { type: "boolean" }, lang: { type: "string", default: "zh" } },
    },
    io,
    usage
  );
  if (!parsed) return 2;
  const { positionals, values } = parsed;
  const en = values.lang === "en";
  const files = expandPatterns(positionals);
  if (files.length === 0) {
    io.err(`nianbao audit: 请指定要审看的文件（no file given）\n\n${usage}`);
    return 2;
  }
  let status = 0;
  const rows: AuditRow[] = [];
  const bar = progress(io, files.length, en ? "en" : "zh");
  for (const file of files) {
    const input = await loadInput(file, io.stdin);
    const { row, line } = audit(input);
    rows.push(row);
    if (!row.readable) status = 2;
    else if (row.errors > 0 && status === 0) status = 1;
    if (values.json) io.out(JSON.stringify(line) + "\n");
    bar.tick();
  }
  bar.done();
  if (!values.json) io.out(auditTable(rows, en));
  return status;
}

function audit(input: LoadedInput): { row: AuditRow; line: object } {
  if (!input.ok) {
    const row = {
      file: input.name,
      readable: false,
      agency: "",
      errors: 0,
      warnings: 0,
      unread: 0,
      notes: 0,
    };
    return { row, line: { file: input.name, readable: false, problems: input.problems } };
  }
  const { report } = input;
  const result = validateReport(report, { cellFaults: input.cellFaults });
  const unread = [...cellValues(report).values()].filter((v) => v === null).length;
  const notes = input.notes ?? [];
  const row: AuditRow = {
    file: input.name,
    readable: true,
    agency: report.agency,
    year: report.year,
    format: report.format,
    errors: result.summary.errors,
    warnings: result.summary.warnings,
    unread,
    notes: notes.length,
  };
  const line = {
    file: input.name,
    readable: true,
    kind: input.kind,
    agency: report.agency,
    blankCells: unread,
    ...result,
    notes,
  };
  return { row, line };
}

/** One block per agency (sorted), one line per file: what a person scans for the reports to look at. */
function auditTable(rows: AuditRow[], en: boolean): string {
  const head = en
    ? ["year", "format", "errors", "warnings", "blank/unread", "file"]
    : ["年度", "格式", "错误", "警告", "空白/未能读取", "文件"];
  const byAgency = new Map<string, AuditRow[]>();
  for (const r of rows) {
    const key = r.readable
      ? r.agency || (en ? "(agency not found)" : "（未找到机关名称）")
      : en
        ? "(unreadable)"
        : "（无法读取）";
    byAgency.set(key, [...(byAgency.get(key) ?? []), r]);
  }
  const out: string[] = [];
  for (const agency of [...byAgency.keys()].sort((a, b) => a.localeCompare(b, "zh"))) {
    out.push(agency);
    out.push("  " + head.join("\t"));
    for (const r of byAgency.get(agency)!) {
      const cells = r.readable
        ? [r.year ?? "", r.format ?? "", r.errors, r.warnings, r.unread, r.file]
        : ["", "", "", "", "", r.file];
      out.push("  " + cells.join("\t"));
    }
    out.push("");
  }
  const readable = rows.filter((r) => r.readable);
  const withErrors = readable.filter((r) => r.errors > 0).length;
  out.push(
    en
      ? `${rows.length} file(s): ${readable.length} read, ${withErrors} with errors, ${rows.length - readable.length} unreadable`
      : `共 ${rows.length} 个文件：读取 ${readable.length} 个，有错误 ${withErrors} 个，无法读取 ${rows.length - readable.length} 个`
  );
  return out.join("\n") + "\n";
}
