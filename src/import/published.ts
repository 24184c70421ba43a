/**
 * A published report, as lines from any of the readers (text, Markdown, HTML, Word, PDF), back into the
 * report model: format, year, agency, date, narrative and every table value that can be read without
 * guessing; what could not be read is said in notes. Pure; bounded.
 */
import { reportFromValues, type Report } from "../report/model";
import { plainText, type DocLine } from "./lines";
import { detectFormat, narrativeOf, signatureDate, titleOf } from "./meta";
import { LabelStream, note, readTables, type ImportNote } from "./read-tables";
import { tokensOf } from "./tokens";

export type { ImportNote };

export type ImportResult =
  { ok: true; report: Report; notes: ImportNote[] } | { ok: false; notes: ImportNote[] };

/** Longer input is refused: a published report is tens of kilobytes of text. */
const MAX_IMPORT_CHARS = 2_000_000;

export function importPublishedLines(lines: DocLine[], title?: string): ImportResult {
  const text = plainText(lines);
  if (text.length > MAX_IMPORT_CHARS) {
    return {
      ok: false,
      notes: [
        note(
          "",
          `文档过长（${text.length} 个字符），不像是一份年度报告`,
          `Document too long (${text.length} characters)`
        ),
      ],
    };
  }
  const tokens = tokensOf(lines);
  const format = detectFormat(new LabelStream(tokens));
  if (!format) {
    return {
      ok: false,
      notes: [
        note(
          "",
          "未能识别报告格式：找不到 2019 版或 2021 版表格的标签",
          "Cannot tell the format: no labels of either table format found"
        ),
      ],
    };
  }
  const { values, notes } = readTables(tokens, format);
  const textLines = [...(title ? [title] : []), ...text.split("\n")];
  const { year, agency } = titleOf(textLines);
  if (!year) notes.push(note("/year", "标题中未找到年度", "No year found in the title"));
  if (!agency) notes.push(note("/agency", "标题中未找到机关名称", "No agency found in the title"));
  const date = signatureDate(text);
  const report = reportFromValues(
    { format, year: year ?? 0, agency: agency ?? "", ...(date ? { date } : {}) },
    values,
    narrativeOf(text, agency)
  );
  return { ok: true, report, notes };
}
