/**
 * `nianbao`: the command line. Each command returns its exit status: 0 valid, 1 errors found,
 * 2 input could not be read (or the command was misused).
 */
import { validateCells } from "../checks/evaluate";
import { aggregateCommand, AGGREGATE_USAGE } from "./aggregate";
import { parseCommandArgs } from "./args";
import { auditCommand, AUDIT_USAGE } from "./audit";
import { exportCommand, EXPORT_USAGE } from "./export";
import { importCommand, IMPORT_USAGE } from "./import";
import { expandPatterns } from "./glob";
import { formatResult, formatUnreadable, type Lang } from "./human";
import { cellsOfInput, loadInput, type InputNote, type LoadedInput } from "./input";
import { locator } from "./locate";
import { progress } from "./progress";
import { templateCommand, TEMPLATE_USAGE } from "./template";
import { SERVE_USAGE } from "./serve-usage";
import { submitCommand, SUBMIT_USAGE } from "./submit";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Binary output (a Word file to standard output). */
  outBytes?: (bytes: Uint8Array) => void;
  stdin?: () => Promise<Buffer>;
  /** Standard error is a terminal: progress of long batches may be drawn there. */
  errIsTTY?: boolean;
}

const defaultIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  outBytes: (b) => void process.stdout.write(b),
  errIsTTY: Boolean(process.stderr.isTTY),
};

const USAGE = `用法 / usage:
  nianbao validate FILE... [--previous LAST_YEAR_FILE] [--json] [--lang zh|en]
      校验年度报告：年报 JSON，或由模板填好的工作簿（.xlsx）；可给多个文件或通配符（*.xlsx、**/*.json）；
      FILE 为 - 时读标准输入。--json 输出校验结果（多个文件时每行一个 JSON，含 file 与 addresses）。
      退出状态：0 无错误，1 发现错误，2 有文件无法读取。
${TEMPLATE_USAGE}${EXPORT_USAGE}${IMPORT_USAGE}${AUDIT_USAGE}${SUBMIT_USAGE}${SERVE_USAGE}${AGGREGATE_USAGE}  nianbao --help | --version
`;

const COMMANDS = [
  "validate",
  "template",
  "export",
  "import",
  "audit",
  "submit",
  "serve",
  "aggregate",
];

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  // `nianbao COMMAND --help` asks for the usage, not for an option; after "--" it is a file's name.
  const options = rest.includes("--") ? rest.slice(0, rest.indexOf("--")) : rest;
  if (COMMANDS.includes(command) && (options.includes("--help") || options.includes("-h"))) {
    io.out(USAGE);
    return 0;
  }
  switch (command) {
    case "validate":
      return validateCommand(rest, io);
    case "template":
      return templateCommand(rest, io, USAGE);
    case "export":
      return exportCommand(rest, io, USAGE);
    case "import":
      return importCommand(rest, io, USAGE);
    case "audit":
      return auditCommand(rest, io, USAGE);
    case "submit":
      return submitCommand(rest, io, USAGE);
    case "serve":
      // Loaded on demand: the HTTP framework and the databases are for this command only.
      return (await import("./serve.js")).serveCommand(rest, io, USAGE);
    case "aggregate":
      return aggregateCommand(rest, io, USAGE);
    case "--version":
    case "-v":
      io.out(`${VERSION}\n`);
      return 0;
    case undefined:
    case "--help":
    case "-h":
    case "help":
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`nianbao: 未知命令 “${command}”（unknown command）\n\n${USAGE}`);
      return 2;
  }
}

const VERSION: string = require("../../package.json").version;

async function validateCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(
    "validate",
    {
      args,
      allowPositionals: true,
      options: {
        previous: { type: "string", short: "p" },
        json: { type: "boolean" },
        lang: { type: "string", default: "zh" },
      },
    },
    io,
    USAGE
  );
  if (!parsed) return 2;
  const { positionals, values } = parsed;
  const files = expandPatterns(positionals);
  const lang: Lang = values.lang === "en" ? "en" : "zh";
  if (files.length === 0) {
    io.err(`nianbao validate: 请指定要校验的文件（no file given）\n\n${USAGE}`);
    return 2;
  }

  let previous: LoadedInput | undefined;
  if (values.previous !== undefined) {
    previous = await loadInput(values.previous, io.stdin);
    if (!previous.ok) {
      io.err(formatUnreadable(`--previous ${previous.name}`, previous.problems, lang));
      return 2;
    }
  }

  const several = files.length > 1;
  let status = 0;
  const bar = progress(io, files.length, lang);
  for (const file of files) {
    const input = await loadInput(file, io.stdin);
    bar.tick();
    if (!input.ok) {
      status = 2;
      if (values.json)
        io.out(
          JSON.stringify({ file: input.name, readable: false, problems: input.problems }) + "\n"
        );
      else io.err(formatUnreadable(input.name, input.problems, lang));
      continue;
    }
    const result = validateCells(cellsOfInput(input), {
      previous: previous?.ok ? cellsOfInput(previous) : undefined,
    });
    if (!result.valid && status === 0) status = 1;
    const notes = input.notes ?? [];
    if (values.json) {
      // The findings document stays as report-json.md defines it; in JSON Lines, where each line names its
      // file, the cells' addresses and the reader's notes ride alongside it.
      if (several) {
        const addresses = input.addresses ? Object.fromEntries(input.addresses) : undefined;
        const extra = { ...(addresses ? { addresses } : {}), ...(notes.length ? { notes } : {}) };
        io.out(JSON.stringify({ file: input.name, ...result, ...extra }) + "\n");
      } else {
        io.out(JSON.stringify(result, null, 2) + "\n");
        if (notes.length) io.err(formatNotes(input.name, notes, lang));
      }
    } else {
      const text = formatResult(input.name, input.report, result, lang, locator(input.addresses));
      io.out(text + (notes.length ? formatNotes("", notes, lang) : "") + (several ? "\n" : ""));
    }
  }
  bar.done();
  return status;
}

function formatNotes(name: string, notes: InputNote[], lang: Lang): string {
  const title = lang === "en" ? "Notes on reading the file:" : "读取时的说明：";
  const lines = [name ? `${name} — ${title}` : `\n${title}`];
  for (const n of notes) lines.push(`  ${lang === "en" ? n.messageEn : n.message}`);
  return lines.join("\n") + "\n";
}
