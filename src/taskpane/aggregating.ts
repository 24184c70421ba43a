/**
 * 汇总下级报告 in the pane, without React: reading each chosen file as a source (JSON, a template workbook,
 * a published page — the readers of 导入上年报告), and planning the write of the sums into the current
 * template: which cells change, how many filled ones are overwritten, and the record of the sources kept in
 * the workbook's settings. Narratives are never part of the write.
 */
import {
  Aggregator,
  sourceErrors,
  type AggregateOptions,
  type Refusal,
  type SourcesRecord,
} from "../aggregate/aggregate";
import { validateReport, type CellFault } from "../checks/evaluate";
import type { Finding } from "../checks/types";
import type { ImportNote } from "../import/published";
import { cellValues, getValue, type CellValue, type Report } from "../report/model";
import type { InputProblem } from "../report/read-json";
import type { Pointer } from "../templates/pointers";
import type { TemplateRead } from "./checked";
import { readPrevious } from "./previous";

/** The settings hold at most this many sources by name (office-js-facts §5: settings stay small). */
const KEPT_SOURCES = 500;

export type SourceRow =
  | {
      ok: true;
      file: string;
      sha256: string;
      report: Report;
      cellFaults?: ReadonlyMap<Pointer, CellFault>;
      notes: ImportNote[];
      /** Every finding of the source's checks, and how many of them refuse it from the sum. */
      findings: Finding[];
      errors: number;
      /** Blank cells: not errors here (the sum of a blank is blank), but worth seeing. */
      blanks: number;
    }
  | { ok: false; file: string; sha256: string; problems: InputProblem[] };

export async function readSource(file: string, bytes: Uint8Array): Promise<SourceRow> {
  const sha256 = await sha256Hex(bytes);
  const read = await readPrevious(bytes);
  if (!read.ok) return { ok: false, file, sha256, problems: read.problems };
  const { report, cellFaults, notes } = read;
  const findings = validateReport(report, { cellFaults }).findings;
  const errors = sourceErrors(report, cellFaults).length;
  const blanks = findings.filter((f) => f.rule === "blank").length;
  return { ok: true, file, sha256, report, cellFaults, notes, findings, errors, blanks };
}

/** Lower-case hex SHA-256 of a file's bytes (Web Crypto, as the submission protocol uses). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export type CompileOptions = Omit<AggregateOptions, "agency">;

export type CompilePlan =
  | { ok: false; refusals: Refusal[] }
  | {
      ok: true;
      /** Every value cell of the template: the sum, or blank where the sum is blank. */
      values: Map<Pointer, CellValue>;
      record: SourcesRecord;
      /** Filled cells (or cells holding something unreadable) that would change. */
      overwrites: number;
    };

/** The sums of the readable sources, for the current template; refused as the command line refuses. */
export function planCompilation(
  rows: readonly SourceRow[],
  template: TemplateRead,
  options: CompileOptions
): CompilePlan {
  const current = template.report;
  const aggregator = new Aggregator({
    ...options,
    agency: current.agency.trim() || "（未填写机关）",
  });
  for (const row of rows) {
    if (row.ok)
      aggregator.add({
        file: row.file,
        sha256: row.sha256,
        report: row.report,
        cellFaults: row.cellFaults,
      });
  }
  const result = aggregator.result();
  if (!result.ok) return result;
  const { report, record } = result;
  if (report.format !== current.format || report.year !== current.year) {
    return {
      ok: false,
      refusals: [
        {
          reason: report.format !== current.format ? "format" : "year",
          message: `这些报告是 ${report.year} 年度（${report.format} 格式），当前模板是 ${current.year} 年度（${current.format} 格式），不能写入`,
          messageEn: `These reports are for ${report.year} (format ${report.format}); the current template is for ${current.year} (format ${current.format}); not written`,
        },
      ],
    };
  }
  const values = cellValues(report);
  let overwrites = 0;
  for (const [pointer, value] of values) {
    const now = getValue(current, pointer) ?? null;
    if (template.cellFaults.has(pointer) || (now !== null && now !== value)) overwrites++;
  }
  return { ok: true, values, record: keptRecord(record), overwrites };
}

/** The record as kept in the workbook: all counts, the first sources by name. */
export function keptRecord(record: SourcesRecord, kept = KEPT_SOURCES): SourcesRecord {
  return record.sources.length <= kept
    ? record
    : { ...record, sources: record.sources.slice(0, kept) };
}
