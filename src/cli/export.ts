/**
 * `nianbao export FILE --to json|html|docx [-o OUT] [--draft]`: a filled workbook (or report JSON) as the
 * report JSON or a publishable document. A report with errors is refused unless a draft is asked for, so
 * that what is published is what passed the checks.
 */
import { writeFile } from "node:fs/promises";
import { validateCells } from "../checks/evaluate";
import { exportGate } from "../checks/gate";
import type { Report } from "../report/model";
import { reportToJson } from "../report/read-json";
import { parseCommandArgs } from "./args";
import { formatResult, formatUnreadable, type Lang } from "./human";
import type { Io } from "./index";
import { cellsOfInput, loadInput } from "./input";
import { locator } from "./locate";

export const EXPORT_USAGE = `  nianbao export FILE --to json|html|docx [-o OUT] [--draft] [--lang zh|en]
      把填好的模板（.xlsx）或年报 JSON 导出为年报 JSON、HTML 或 Word；有错误时拒绝导出，除非加 --draft（草稿）。
`;

type Target = "json" | "html" | "docx";

export async function exportCommand(args: string[], io: Io, usage: string): Promise<number> {
  const parsed = parseCommandArgs(
    "export",
    {
      args,
      allowPositionals: true,
      options: {
        to: { type: "string", short: "t", default: "json" },
        output: { type: "string", short: "o" },
        draft: { type: "boolean" },
        lang: { type: "string", default: "zh" },
      },
    },
    io,
    usage
  );
  if (!parsed) return 2;
  const { positionals, values } = parsed;
  const lang: Lang = values.lang === "en" ? "en" : "zh";
  const to = values.to as Target;
  if (positionals.length !== 1 || !["json", "html", "docx"].includes(to)) {
    io.err(
      `nianbao export: 需要一个输入文件和 --to json|html|docx（one FILE and --to json|html|docx）\n\n${usage}`
    );
    return 2;
  }
  const input = await loadInput(positionals[0], io.stdin);
  if (!input.ok) {
    io.err(formatUnreadable(input.name, input.problems, lang));
    return 2;
  }
  const result = validateCells(cellsOfInput(input));
  const gate = exportGate(result, Boolean(values.draft));
  if (!gate.allowed) {
    io.err(formatResult(input.name, input.report, result, lang, locator(input.addresses)));
    io.err(
      lang === "en"
        ? "Not exported: the report has errors. Fix them, or export a draft with --draft.\n"
        : "未导出：报告仍有错误。请先改正，或加 --draft 导出草稿。\n"
    );
    return 1;
  }
  const draft = gate.draft;
  let bytes: string | Uint8Array;
  try {
    const rendered = await render(to, input.report, draft);
    if (rendered === undefined) {
      io.err(`nianbao export: --to ${to} 尚未支持（not supported yet）\n`);
      return 2;
    }
    bytes = rendered;
  } catch (error) {
    io.err(`nianbao export: ${(error as Error).message}\n`);
    return 1;
  }
  if (values.output) {
    try {
      await writeFile(values.output, bytes);
    } catch (error) {
      io.err(`nianbao export: 无法写入 ${values.output}：${(error as Error).message}\n`);
      return 2;
    }
    io.err(`已导出 ${values.output}${draft ? "（草稿）" : ""}\n`);
  } else if (typeof bytes === "string") io.out(bytes);
  else if (io.outBytes) io.outBytes(bytes);
  else {
    io.err(`nianbao export: Word 文件请用 -o 指定输出文件（use -o for docx）\n`);
    return 2;
  }
  return 0;
}

/**
 * JSON here; HTML and Word from src/render when present. Loaded at run time so that the command line
 * works (and says "not yet") while a renderer is still being written.
 */
async function render(
  to: Target,
  report: Report,
  draft: boolean
): Promise<string | Uint8Array | undefined> {
  if (to === "json") return reportToJson(report);
  const renderer = optionalModule(to === "html" ? "../render/html" : "../render/docx");
  if (to === "html" && typeof renderer?.renderHtml === "function")
    return (renderer.renderHtml as (r: Report, o: { draft: boolean }) => string)(report, { draft });
  if (to === "docx" && typeof renderer?.renderDocx === "function")
    return (renderer.renderDocx as (r: Report, o: { draft: boolean }) => Promise<Uint8Array>)(
      report,
      {
        draft,
      }
    );
  return undefined;
}

function optionalModule(path: string): Record<string, unknown> | undefined {
  try {
    return require(path) as Record<string, unknown>;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e?.code === "MODULE_NOT_FOUND" && e.message.includes(path.slice(3))) return undefined;
    throw error;
  }
}
