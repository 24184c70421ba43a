/**
 * Reading the files the command line is given. `loadInput(path)` is what every command that reads reports
 * calls (validate, validate --previous, import, audit, and any batch over agencies' files): it reads the
 * file (or standard input for "-") and hands the bytes to the one reading pipeline (src/import/read-input),
 * which recognises report JSON, template workbooks (.xlsx), Word (.docx), PDF, saved web pages and text.
 * Never throws: a file that cannot be read becomes a list of problems, and the batch goes on.
 */
import { readFile } from "node:fs/promises";
import { MAX_INPUT_BYTES, readInput, type InputKind, type InputNote } from "../import/read-input";
import type { CellFault } from "../report/cell";
import { cellsOfReport, type ReportCells } from "../report/cells-as-read";
import type { Report } from "../report/model";
import type { InputProblem } from "../report/read-json";
import type { Pointer } from "../templates/pointers";

export type { InputNote };

export type LoadedInput =
  | {
      ok: true;
      name: string;
      kind: InputKind;
      report: Report;
      /** For a workbook: its cells as read, each interpreted once (what the checks run on). */
      cells?: ReportCells;
      cellFaults?: ReadonlyMap<Pointer, CellFault>;
      /** For a workbook: where each pointer is ("2024年度年报!J12"). */
      addresses?: ReadonlyMap<Pointer, string>;
      notes?: InputNote[];
    }
  | { ok: false; name: string; problems: InputProblem[] };

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
  const read = await readInput(bytes, path === "-" ? "" : path);
  if (!read.ok) return { ok: false, name, problems: read.problems };
  const { kind, cells, report, cellFaults, addresses, notes } = read;
  return {
    ok: true,
    name,
    kind,
    report,
    ...(cells ? { cells } : {}),
    ...(cellFaults ? { cellFaults } : {}),
    ...(addresses ? { addresses } : {}),
    notes,
  };
}

/** The cells the checks run on: a workbook's as read; a report's (JSON, published text) from its numbers. */
export function cellsOfInput(input: Extract<LoadedInput, { ok: true }>): ReportCells {
  return input.cells ?? cellsOfReport(input.report, input.cellFaults);
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
    if (size > MAX_INPUT_BYTES) break; // enough to say it is too large
  }
  return Buffer.concat(chunks);
}
