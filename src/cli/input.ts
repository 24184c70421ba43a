/**
 * Reading the files the command line is given: report JSON now; workbooks and published text plug in here.
 * Never throws: a file that cannot be read becomes a list of problems, and the batch goes on.
 */
import { readFile } from "node:fs/promises";
import type { CellFault } from "../checks/evaluate";
import type { Report } from "../report/model";
import { readReportJson, type InputProblem } from "../report/read-json";
import type { Pointer } from "../templates/pointers";

export type LoadedInput =
  | { ok: true; name: string; report: Report; cellFaults?: ReadonlyMap<Pointer, CellFault> }
  | { ok: false; name: string; problems: InputProblem[] };

/** Report files larger than this are refused before they are parsed: a real report is a few tens of KB. */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;

export async function loadInput(
  path: string,
  stdin: () => Promise<Buffer> = readStdin
): Promise<LoadedInput> {
  const name = path === "-" ? "（标准输入）" : path;
  let bytes: Buffer;
  try {
    bytes = path === "-" ? await stdin() : await readFile(path);
  } catch (error) {
    return { ok: false, name, problems: [fileProblem(error)] };
  }
  if (bytes.length > MAX_JSON_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      name,
      problems: [
        {
          pointer: "",
          message: `文件过大（${mb} MB），不像是一份年度报告（上限 ${MAX_JSON_BYTES / 1024 / 1024} MB）`,
          messageEn: `File too large (${mb} MB) for an annual report (limit ${MAX_JSON_BYTES / 1024 / 1024} MB)`,
        },
      ],
    };
  }
  const result = readReportJson(bytes);
  return result.ok
    ? { ok: true, name, report: result.report }
    : { ok: false, name, problems: result.problems };
}

function fileProblem(error: unknown): InputProblem {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, [string, string]> = {
    ENOENT: ["文件不存在", "no such file"],
    EACCES: ["没有读取权限", "permission denied"],
    EISDIR: ["这是一个文件夹，不是文件", "is a directory"],
  };
  const [zh, en] = (code && reasons[code]) || [
    "无法读取",
    String((error as Error)?.message ?? error),
  ];
  return { pointer: "", message: `无法读取文件：${zh}`, messageEn: `Cannot read the file: ${en}` };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buf.length;
    chunks.push(buf);
    if (size > MAX_JSON_BYTES) break; // enough to say it is too large
  }
  return Buffer.concat(chunks);
}
