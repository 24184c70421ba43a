/**
 * `nianbao import FILE [-o OUT.json]`: a published report (HTML as saved from a portal, or text copied from
 * a page or a Word file; UTF-8 or GB18030) to the report JSON, with what could not be read said on stderr.
 */
import { readFile, writeFile } from "node:fs/promises";
import { decodeDocument, importPublishedText } from "../report/import-text";
import { reportToJson } from "../report/read-json";
import { parseCommandArgs } from "./args";
import type { Io } from "./index";

export const IMPORT_USAGE = `  nianbao import FILE [-o OUT.json] [--lang zh|en]
      把已发布的年报（网页 HTML 或复制的文本，UTF-8 或 GB18030）读成报告 JSON；
      读不出的行逐条说明（写到标准错误）。
`;

export async function importCommand(args: string[], io: Io, usage: string): Promise<number> {
  const parsed = parseCommandArgs(
    "import",
    {
      args,
      allowPositionals: true,
      options: { output: { type: "string", short: "o" }, lang: { type: "string", default: "zh" } },
    },
    io,
    usage
  );
  if (!parsed) return 2;
  const { positionals, values } = parsed;
  const en = values.lang === "en";
  if (positionals.length !== 1) {
    io.err(`nianbao import: 请指定一个要导入的文件（give one file）\n\n${usage}`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = positionals[0] === "-" && io.stdin ? await io.stdin() : await readFile(positionals[0]);
  } catch (error) {
    io.err(`nianbao import: 无法读取文件（cannot read）：${(error as Error).message}\n`);
    return 2;
  }
  const result = importPublishedText(decodeDocument(bytes));
  for (const n of result.notes) {
    const where = n.pointer ? `${n.pointer}：` : "";
    io.err(`${where}${en ? n.messageEn : n.message}\n`);
  }
  if (!result.ok) return 2;
  const json = reportToJson(result.report);
  if (values.output) {
    await writeFile(values.output, json);
    io.err(en ? `Written: ${values.output}\n` : `已写入：${values.output}\n`);
  } else {
    io.out(json);
  }
  return 0;
}
