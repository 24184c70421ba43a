/**
 * `nianbao import FILE… [-o OUT.json]`: published reports (web pages, copied or extracted text, PDF, Word;
 * any of the encodings Chinese documents use) to report JSON. One file: its JSON (to -o or standard
 * output), what could not be read said on standard error. Several: JSON Lines, one line per file with its
 * report or its problems and the notes on reading it.
 */
import { writeFile } from "node:fs/promises";
import { reportToJson } from "../report/read-json";
import { parseCommandArgs } from "./args";
import { expandPatterns } from "./glob";
import type { Io } from "./index";
import { loadInput } from "./input";
import { progress } from "./progress";

export const IMPORT_USAGE = `  nianbao import FILE... [-o OUT.json] [--lang zh|en]
      把已发布的年报（网页 HTML、复制或提取的文本、PDF、Word .docx；UTF-8、UTF-16 或 GB18030）读成报告 JSON；
      读不出的行留空并逐条说明（写到标准错误）。多个文件时输出 JSON Lines，每个文件一行（含 notes）。
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
  const files = expandPatterns(positionals);
  if (files.length === 0) {
    io.err(`nianbao import: 请指定要导入的文件（give one or more files）\n\n${usage}`);
    return 2;
  }
  if (files.length > 1 && values.output) {
    io.err(
      "nianbao import: 多个文件时不能用 -o，结果按 JSON Lines 写到标准输出（-o takes one file）\n"
    );
    return 2;
  }
  if (files.length === 1) return importOne(files[0], values.output, en, io);

  let status = 0;
  const bar = progress(io, files.length, en ? "en" : "zh");
  for (const file of files) {
    const input = await loadInput(file, io.stdin);
    const line = input.ok
      ? {
          file: input.name,
          ok: true,
          kind: input.kind,
          notes: input.notes ?? [],
          report: input.report,
        }
      : { file: input.name, ok: false, problems: input.problems };
    if (!input.ok) status = 2;
    io.out(JSON.stringify(line) + "\n");
    bar.tick();
  }
  bar.done();
  return status;
}

async function importOne(file: string, output: string | undefined, en: boolean, io: Io) {
  const input = await loadInput(file, io.stdin);
  if (!input.ok) {
    for (const p of input.problems) io.err(`nianbao import: ${en ? p.messageEn : p.message}\n`);
    return 2;
  }
  for (const n of input.notes ?? []) io.err(`${en ? n.messageEn : n.message}\n`);
  const json = reportToJson(input.report);
  if (output) {
    await writeFile(output, json);
    io.err(en ? `Written: ${output}\n` : `已写入：${output}\n`);
  } else {
    io.out(json);
  }
  return 0;
}
