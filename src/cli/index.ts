/**
 * `nianbao`: the command line. Each command returns its exit status: 0 valid, 1 errors found,
 * 2 input could not be read (or the command was misused).
 */
import { parseArgs } from "node:util";
import { validateReport } from "../checks/evaluate";
import { formatResult, formatUnreadable, type Lang } from "./human";
import { loadInput, type LoadedInput } from "./input";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin?: () => Promise<Buffer>;
}

const defaultIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

const USAGE = `用法 / usage:
  nianbao validate FILE... [--previous LAST_YEAR_FILE] [--json] [--lang zh|en]
      校验年度报告（JSON）；FILE 为 - 时读标准输入。
      退出状态：0 无错误，1 发现错误，2 无法读取输入。
  nianbao --help | --version
`;

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "validate":
      return validateCommand(rest, io);
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
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        previous: { type: "string", short: "p" },
        json: { type: "boolean" },
        lang: { type: "string", default: "zh" },
      },
    });
  } catch (error) {
    io.err(`nianbao validate: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { positionals: files, values } = parsed;
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
  for (const file of files) {
    const input = await loadInput(file, io.stdin);
    if (!input.ok) {
      status = 2;
      if (values.json)
        io.out(
          JSON.stringify({ file: input.name, readable: false, problems: input.problems }) + "\n"
        );
      else io.err(formatUnreadable(input.name, input.problems, lang));
      continue;
    }
    const result = validateReport(input.report, {
      previous: previous?.ok ? previous.report : undefined,
      cellFaults: input.cellFaults,
    });
    if (!result.valid && status === 0) status = 1;
    if (values.json) {
      io.out(
        several
          ? JSON.stringify({ file: input.name, ...result }) + "\n"
          : JSON.stringify(result, null, 2) + "\n"
      );
    } else {
      io.out(formatResult(input.name, input.report, result, lang) + (several ? "\n" : ""));
    }
  }
  return status;
}
