/** The human-readable report of `nianbao validate`: what a person at a terminal reads, Chinese or English. */
import type { Finding, ValidationResult } from "../checks/types";
import type { Report } from "../report/model";
import type { InputProblem } from "../report/read-json";

export type Lang = "zh" | "en";

const T = {
  zh: {
    header: (r: Report) => `格式 ${r.format} · ${r.year} 年度 · ${r.agency}`,
    ok: "✔ 未发现错误",
    counts: (e: number, w: number) => `✖ ${e} 个错误，${w} 个警告`,
    okWarnings: (w: number) => `✔ 未发现错误，${w} 个警告`,
    errors: "错误",
    warnings: "警告",
    cells: "单元格：",
    fix: "建议值：",
    blanks: (n: number) => `空白单元格 ${n} 个（空白不等于 0；如无此项请填 0）：`,
    more: (n: number) => `……另有 ${n} 个`,
    incomplete: (n: number) => `${n} 项核对待填完后进行`,
    unreadable: "无法读取：",
  },
  en: {
    header: (r: Report) => `format ${r.format} · year ${r.year} · ${r.agency}`,
    ok: "✔ no errors",
    counts: (e: number, w: number) => `✖ ${e} error(s), ${w} warning(s)`,
    okWarnings: (w: number) => `✔ no errors, ${w} warning(s)`,
    errors: "Errors",
    warnings: "Warnings",
    cells: "cells: ",
    fix: "suggested value: ",
    blanks: (n: number) => `${n} blank cell(s) (blank is not 0; enter 0 where there is none):`,
    more: (n: number) => `… and ${n} more`,
    incomplete: (n: number) => `${n} check(s) wait until their cells are filled`,
    unreadable: "Cannot read:",
  },
};

/** A location for a finding: the workbook cell where the caller knows it, else the JSON Pointer. */
export type Locate = (pointer: string) => string;

export function formatResult(
  name: string,
  report: Report,
  result: ValidationResult,
  lang: Lang,
  locate: Locate = (p) => p
): string {
  const t = T[lang];
  const lines = [`${name} — ${t.header(report)}`];
  const { errors, warnings } = result.summary;
  lines.push(errors ? t.counts(errors, warnings) : warnings ? t.okWarnings(warnings) : t.ok);
  if (result.summary.incomplete > 0) lines.push(t.incomplete(result.summary.incomplete));
  const blanks = result.findings.filter((f) => f.rule === "blank");
  const rest = result.findings.filter((f) => f.rule !== "blank");
  const section = (title: string, list: Finding[]) => {
    if (list.length === 0) return;
    lines.push("", title);
    for (const f of list) {
      lines.push(`  [${f.rule}] ${lang === "en" && f.messageEn ? f.messageEn : f.message}`);
      const fix = f.fix !== undefined ? `  ${t.fix}${f.fix}` : "";
      lines.push(`      ${t.cells}${cellList(f.cells.map(locate), lang)}${fix}`);
    }
  };
  section(
    t.errors,
    rest.filter((f) => f.severity === "error")
  );
  section(
    t.warnings,
    rest.filter((f) => f.severity === "warning")
  );
  if (blanks.length) {
    const shown = blanks.slice(0, 20).map((f) => `  ${locate(f.cells[0])}`);
    lines.push("", t.blanks(blanks.length), ...shown);
    if (blanks.length > shown.length) lines.push(`  ${t.more(blanks.length - shown.length)}`);
  }
  return lines.join("\n") + "\n";
}

/** The first cells (the one most likely wrong leads) and how many more: --json has them all. */
function cellList(cells: string[], lang: Lang): string {
  const shown = cells.slice(0, 3).join(lang === "en" ? ", " : "，");
  if (cells.length <= 3) return shown;
  return lang === "en" ? `${shown} and ${cells.length - 3} more` : `${shown} 等 ${cells.length} 个`;
}

export function formatUnreadable(name: string, problems: InputProblem[], lang: Lang): string {
  const t = T[lang];
  const lines = [`${name} — ${t.unreadable}`];
  for (const p of problems) {
    const where = p.pointer ? `${p.pointer}：` : "";
    const text = lang === "en" ? p.messageEn : p.message;
    lines.push(`  ${text.startsWith(p.pointer) && p.pointer ? text : where + text}`);
  }
  return lines.join("\n") + "\n";
}
