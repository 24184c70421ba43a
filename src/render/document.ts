/**
 * The printed report as a pure structure, shared by the HTML and Word renderers: title, the six parts in
 * statutory order, the tables of templates/grid.ts with their values filled in, and the signature. Built
 * from the same Report that validateReport checked, so what is published is what was checked.
 */
import { validateReport } from "../checks/evaluate";
import { exportGate } from "../checks/gate";
import { formatNumber } from "../checks/messages";
import type { Finding } from "../checks/types";
import { getValue, type Report } from "../report/model";
import { FORMATS, type PartId } from "../templates/formats";
import { gridTables, type GridCell, type GridTable } from "../templates/grid";
import { REPORT_TITLE_SUFFIX } from "../templates/labels";

export const DRAFT_MARK = "草稿";
export const DRAFT_TITLE_SUFFIX = "（草稿）";
export const DRAFT_NOTICE = "草稿 — 未经校验通过";

export interface RenderOptions {
  /** Render even when the report has errors; the output is then marked as a draft. */
  draft?: boolean;
}

export interface DocCell extends Omit<GridCell, "text"> {
  /** The label, or the formatted value ("" for a blank cell). */
  text: string;
}

export interface DocTable extends Omit<GridTable, "cells"> {
  cells: DocCell[];
  /** Relative column widths, shared by HTML and Word so both print the same proportions. */
  widths: number[];
}

export type DocPart =
  | { part: PartId; heading: string; kind: "narrative"; paragraphs: string[] }
  | { part: PartId; heading: string; kind: "table"; table: DocTable };

export interface ReportDocument {
  title: string;
  draft: boolean;
  parts: DocPart[];
  agency: string;
  /** 「2025年1月20日」, or "" when the report has no date. */
  date: string;
}

export type Renderability = { ok: true } | { ok: false; errors: Finding[] };

/** A report with errors is refused unless a draft is asked for. */
export function checkRenderable(report: Report, options: RenderOptions = {}): Renderability {
  const gate = exportGate(validateReport(report), options.draft);
  return gate.allowed ? { ok: true } : { ok: false, errors: gate.blocking };
}

export class RenderRefusedError extends Error {
  constructor(readonly errors: Finding[]) {
    super(`报告有 ${errors.length} 处错误，不能生成正式文本（可生成草稿）`);
    this.name = "RenderRefusedError";
  }
}

/** The document of a report; throws RenderRefusedError for a report with errors unless draft. */
export function buildDocument(report: Report, options: RenderOptions = {}): ReportDocument {
  const check = checkRenderable(report, options);
  if (!check.ok) throw new RenderRefusedError(check.errors);
  const agency = cleanInline(report.agency);
  const narrative = new Map(FORMATS[report.format].narrative.map((n) => [n.part, n]));
  const [proactive, requests, appeals] = gridTables(report.format).map((t) => docTable(t, report));
  const parts: DocPart[] = [];
  for (const part of ["一", "二", "三", "四", "五", "六"] as PartId[]) {
    const n = narrative.get(part);
    if (n) {
      const paragraphs = paragraphsOf(report.narrative[n.key] ?? "");
      parts.push({ part, heading: n.heading, kind: "narrative", paragraphs });
    } else {
      const table = part === "二" ? proactive : part === "三" ? requests : appeals;
      parts.push({ part, heading: table.heading, kind: "table", table });
    }
  }
  return {
    title: `${agency}${report.year}${REPORT_TITLE_SUFFIX}`,
    draft: options.draft === true,
    parts,
    agency,
    date: formatDate(report.date),
  };
}

// Part 三's label columns hold labels of up to 36 characters; part 二's first column its row labels.
const WIDTHS: Record<DocTable["id"], number[]> = {
  proactive: [28, 24, 24, 24],
  requests: [7, 11, 27, ...Array<number>(7).fill(55 / 7)],
  appeals: Array<number>(15).fill(1),
};

function docTable(table: GridTable, report: Report): DocTable {
  const cells = table.cells.map((c): DocCell => {
    if (c.role !== "value") return { ...c, text: c.text ?? "" };
    const v = c.pointer ? getValue(report, c.pointer) : null;
    return { ...c, text: typeof v === "number" ? formatNumber(v) : "" };
  });
  return { ...table, cells, widths: WIDTHS[table.id] };
}

// C0 and C1 controls, DEL, and what XML 1.0 cannot carry (U+FFFE, U+FFFF); \t and \n are kept.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The one place user text is made safe to print: line breaks normalised to \n, controls removed, lone
 * surrogates (which neither UTF-8 nor XML can carry) replaced. Escaping for HTML or XML is the renderer's.
 */
export function sanitizeText(text: string): string {
  return String(text)
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(CONTROL, "")
    .replace(LONE_SURROGATE, "\ufffd");
}

/** Text for a single line (agency, date): line breaks and tabs become spaces. */
export function cleanInline(text: string): string {
  return sanitizeText(text)
    .replace(/[\n\t]+/g, " ")
    .trim();
}

/** A narrative's paragraphs: one per line, blank lines dropped. */
export function paragraphsOf(text: string): string[] {
  return sanitizeText(text)
    .split("\n")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** 「2025年1月20日」 from an ISO date; anything else is printed as given (cleaned). */
export function formatDate(date: string | undefined): string {
  if (date === undefined) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : cleanInline(date);
}
