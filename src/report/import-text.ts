/**
 * Reads a published report (text copied from a page or a Word file, or HTML as saved from a portal) back
 * into the report model: the format from its labels, year and agency from the title, the date from the
 * signature, each table row found by its label and its numbers read by position. Where cells were dropped
 * so that positions are ambiguous, the row is refused with a message rather than guessed. Pure; bounded.
 */
import { interpretCell } from "./interpret";
import { reportFromValues, type CellValue, type NarrativeKey, type Report } from "./model";
import { cellDefs } from "../templates/cells";
import { FORMATS, type FormatId } from "../templates/formats";
import {
  PART_HEADINGS,
  PROACTIVE_LABELS,
  REPORT_TITLE_SUFFIX,
  REQUESTS_LABELS,
} from "../templates/labels";
import { pointerFromSegments, type Pointer } from "../templates/pointers";

export interface ImportNote {
  /** The pointer of the row or cell concerned, or "" for the document. */
  pointer: Pointer;
  message: string;
  messageEn: string;
}

export type ImportResult =
  { ok: true; report: Report; notes: ImportNote[] } | { ok: false; notes: ImportNote[] };

/** Longer input is refused: a published report is tens of kilobytes. */
export const MAX_IMPORT_CHARS = 2_000_000;

/** Bytes in UTF-8 (with or without BOM) or GB18030/GBK, the encodings Chinese portals and Word use. */
export function decodeDocument(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** HTML to the text a person would copy: cells separated by tabs, rows and blocks by line breaks. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<\/t[dh]\s*>/gi, "\t")
    .replace(/<(br|\/p|\/div|\/tr|\/h[1-6]|\/li|\/table)\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
      const named: Record<string, string> = {
        nbsp: " ",
        amp: "&",
        lt: "<",
        gt: ">",
        quot: '"',
        apos: "'",
      };
      if (e.toLowerCase() in named) return named[e.toLowerCase()];
      const code =
        e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
    });
}

/** Labels compared as people write them: half- or full-width punctuation, spaces and line breaks ignored. */
export function normaliseLabel(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[“”"「」]/g, '"')
    .replace(/[、，,]/g, ",")
    .replace(/[．。]/g, ".")
    .replace(/[\s\u3000]+/g, "");
}

export function importPublishedText(input: string): ImportResult {
  if (input.length > MAX_IMPORT_CHARS) {
    return fail(
      "",
      `文档过长（${input.length} 个字符），不像是一份年度报告`,
      `Document too long (${input.length} characters)`
    );
  }
  const text = /<(table|html|body|p|div)\b/i.test(input) ? htmlToText(input) : input;
  const tokens = tokenize(text);
  const format = detectFormat(tokens);
  if (!format) {
    return fail(
      "",
      "未能识别报告格式：找不到 2019 版或 2021 版表格的标签",
      "Cannot tell the format: no labels of either table format found"
    );
  }
  const notes: ImportNote[] = [];
  const values = new Map<Pointer, CellValue>();
  const reader = new TableReader(tokens, notes, values);
  reader.proactive(format);
  reader.requests(format);
  reader.appeals(format);

  const { year, agency } = titleOf(text);
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

interface Token {
  text: string;
  norm: string;
}

/** Every cell or line, in order: tabs and line breaks both separate cells in copied tables. */
function tokenize(text: string): Token[] {
  return text
    .split(/[\t\n\r]+/)
    .map((t) => t.trim())
    .filter((t) => t !== "")
    .map((t) => ({ text: t, norm: normaliseLabel(t) }));
}

function detectFormat(tokens: Token[]): FormatId | undefined {
  const has = (label: string) => tokens.some((t) => t.norm.startsWith(normaliseLabel(label)));
  const score2021 = [
    PROACTIVE_LABELS.issued,
    PROACTIVE_LABELS.inForce,
    PROACTIVE_LABELS.normativeDocuments2021,
    REQUESTS_LABELS.noCorrection.slice(0, 12),
  ].filter(has).length;
  const score2019 = [
    PROACTIVE_LABELS.made,
    PROACTIVE_LABELS.previousItems,
    PROACTIVE_LABELS.procurement,
    PROACTIVE_LABELS.procurementAmount,
  ].filter(has).length;
  if (score2021 === 0 && score2019 === 0) return undefined;
  return score2021 >= score2019 ? "2021" : "2019";
}

/** A token that is a cell value in a document: a number, a placeholder, or a number with its unit. */
function isValueToken(t: Token): boolean {
  if (t.text.length > 20) return false;
  return (["signed", "amount"] as const).some((kind) => {
    const r = interpretCell({ type: "text", text: t.text }, kind, "document");
    return r.status === "ok" || (r.status === "invalid" && r.fix !== undefined);
  });
}

class TableReader {
  private cursor = 0;
  constructor(
    private tokens: Token[],
    private notes: ImportNote[],
    private values: Map<Pointer, CellValue>
  ) {}

  /** Finds a label from the cursor on (whole token, or a token that starts with it: annotated labels). */
  private find(label: string, from = this.cursor): number {
    const want = normaliseLabel(label);
    for (let i = from; i < this.tokens.length; i++) {
      const n = this.tokens[i].norm;
      if (n === want || (n.startsWith(want) && n.length <= want.length + 12)) return i;
    }
    return -1;
  }

  /** Reads `pointers.length` values right after token `at`; refuses the row if a non-value comes first. */
  private readRow(at: number, pointers: Pointer[], rowPointer: Pointer, rowLabel: string): void {
    const cells = this.tokens.slice(at + 1, at + 1 + pointers.length);
    const bad = cells.findIndex((t) => !isValueToken(t));
    if (cells.length < pointers.length || bad >= 0) {
      const found = bad >= 0 ? bad : cells.length;
      this.notes.push(
        note(
          rowPointer,
          `“${rowLabel}”一行只找到 ${found} 个数值（应有 ${pointers.length} 个），位置无法确定，未导入该行`,
          `Row "${rowLabel}": found ${found} of ${pointers.length} values; positions are ambiguous, the row was not imported`
        )
      );
      return;
    }
    cells.forEach((t, i) => this.setValue(pointers[i], t.text));
    this.cursor = at + 1 + pointers.length;
  }

  private setValue(pointer: Pointer, text: string) {
    const def = cellDefs(this.format).find((d) => d.pointer === pointer)!;
    const r = interpretCell({ type: "text", text }, def.kind, "document");
    if (r.status === "ok") this.values.set(pointer, r.value);
    else if (r.status === "invalid" && r.fix !== undefined) {
      this.values.set(pointer, r.fix);
      this.notes.push(
        note(
          pointer,
          `${def.label}：原文为“${text}”，按 ${r.fix} 导入`,
          `${def.labelEn}: "${text}" imported as ${r.fix}`
        )
      );
    }
  }

  private format: FormatId = "2021";

  private row(label: string, pointers: Pointer[], rowPointer: Pointer) {
    const at = this.find(label);
    if (at < 0) {
      this.notes.push(
        note(rowPointer, `未找到“${label}”一行，该行留空`, `Row "${label}" not found; left blank`)
      );
      return;
    }
    this.readRow(at, pointers, rowPointer, label);
  }

  proactive(format: FormatId) {
    this.format = format;
    this.cursor = Math.max(0, this.find(PART_HEADINGS.proactive, 0));
    for (const t of FORMATS[format].proactive) {
      for (const r of t.rows) {
        const pointers = t.columns.map((c) => pointerFromSegments(["proactive", r.key, c.key]));
        this.row(r.label, pointers, pointerFromSegments(["proactive", r.key]));
      }
    }
  }

  requests(format: FormatId) {
    const start = this.find(PART_HEADINGS.requests, 0);
    if (start >= 0) this.cursor = start;
    const f = FORMATS[format].requests;
    for (const r of f.rows) {
      const segs = ["requests", ...r.path.split("/")];
      this.row(
        r.label,
        f.columns.map((c) => pointerFromSegments([...segs, c.key])),
        pointerFromSegments(segs)
      );
    }
  }

  appeals(format: FormatId) {
    const start = this.find(PART_HEADINGS.appeals, 0);
    if (start < 0) {
      this.notes.push(note("/appeals", "未找到第四部分的表格", "Part 4's table not found"));
      return;
    }
    const a = FORMATS[format].appeals;
    const pointers = a.groups.flatMap((g) =>
      a.columns.map((c) => pointerFromSegments(["appeals", g.key, c.key]))
    );
    // Part 四 has no row label: its 15 numbers follow the last header cell.
    for (let i = start + 1; i < this.tokens.length; i++) {
      if (
        this.tokens.slice(i, i + pointers.length).every(isValueToken) &&
        i + pointers.length <= this.tokens.length
      ) {
        this.tokens
          .slice(i, i + pointers.length)
          .forEach((t, k) => this.setValue(pointers[k], t.text));
        return;
      }
      if (this.tokens[i].norm.startsWith(normaliseLabel(PART_HEADINGS.problems))) break;
    }
    this.notes.push(
      note(
        "/appeals",
        "第四部分未找到连续 15 个数值，位置无法确定，未导入",
        "Part 4: no run of 15 values found; not imported"
      )
    );
  }
}

function titleOf(text: string): { year?: number; agency?: string } {
  const head = normaliseLabel(text.slice(0, 400)).replace(/,/g, "、");
  const suffix = normaliseLabel(REPORT_TITLE_SUFFIX).replace(/^年/, "");
  const yearFirst = new RegExp(
    `^(\\d{4})年度?(.+?)政府信息公开工作(?:${suffix.replace("政府信息公开工作", "")})`
  ).exec(head);
  const agencyFirst = new RegExp(`^(.+?)(\\d{4})年度?${suffix}`).exec(head);
  const m = yearFirst
    ? { year: yearFirst[1], agency: yearFirst[2] }
    : agencyFirst
      ? { year: agencyFirst[2], agency: agencyFirst[1] }
      : undefined;
  if (!m) return {};
  return { year: Number(m.year), agency: m.agency };
}

function signatureDate(text: string): string | undefined {
  const tail = normaliseLabel(text.slice(-400));
  const all = [...tail.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g)];
  const m = all[all.length - 1];
  if (!m) return undefined;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

/** The narrative between a part's heading and the next part's; part 六 ends before the signature. */
function narrativeOf(text: string, agency: string | undefined): Record<NarrativeKey, string> {
  const lines = text.split(/\r?\n/);
  const indexOf = (heading: string) =>
    lines.findIndex((l) => normaliseLabel(l).startsWith(normaliseLabel(heading)));
  const between = (from: string, to: string | undefined) => {
    const a = indexOf(from);
    if (a < 0) return "";
    const b = to ? indexOf(to) : lines.length;
    return lines.slice(a + 1, b > a ? b : lines.length);
  };
  const clean = (ls: string[] | "") =>
    ls === ""
      ? ""
      : ls
          .map((l) => l.trim())
          .filter(Boolean)
          .join("\n");
  const other = between(PART_HEADINGS.other, undefined);
  const signature = (l: string) =>
    /^\d{4}年\d{1,2}月\d{1,2}日$/.test(normaliseLabel(l)) ||
    (agency !== undefined &&
      normaliseLabel(l).startsWith(normaliseLabel(agency)) &&
      l.trim().length <= agency.length + 8);
  while (
    other !== "" &&
    other.length &&
    (other[other.length - 1].trim() === "" || signature(other[other.length - 1]))
  )
    other.pop();
  return {
    overview: clean(between(PART_HEADINGS.overview, PART_HEADINGS.proactive)),
    problems: clean(between(PART_HEADINGS.problems, PART_HEADINGS.other)),
    other: clean(other),
  };
}

function note(pointer: Pointer, message: string, messageEn: string): ImportNote {
  return { pointer, message, messageEn };
}

function fail(pointer: Pointer, message: string, messageEn: string): ImportResult {
  return { ok: false, notes: [note(pointer, message, messageEn)] };
}
