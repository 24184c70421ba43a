/**
 * Every finding's words, Chinese first and English beside it, in one place. Arithmetic messages always show
 * their numbers, e.g. 「自然人列：一（2）+ 二（0）= 2，应等于 三（七）总计（0）+ 四（0）= 0，相差 2」.
 */
import { cellDef } from "../templates/cells";
import type { FormatId } from "../templates/formats";
import type { LeftBlank } from "./fill-blanks";
import type { StatedFigure } from "./narrative";
import type { ArithmeticCheck, Term } from "./types";

type Text = { message: string; messageEn: string };

/** Numbers as people write them: integers plainly, decimals without float noise. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 1e6) / 1e6);
}

// Spaced as report-json.md writes it: 「一（2）+ 二（0）= 2」.
const signed = (t: Term, v: number, first: boolean, name: string) =>
  `${first ? (t.coefficient < 0 ? "− " : "") : t.coefficient < 0 ? "− " : "+ "}${name}（${formatNumber(v)}）`;
const signedEn = (t: Term, v: number, first: boolean) =>
  `${first ? (t.coefficient < 0 ? "− " : "") : t.coefficient < 0 ? " − " : " + "}${t.shortEn} (${formatNumber(v)})`;

function sumText(terms: Term[], values: number[]): string {
  return terms.map((t, i) => signed(t, values[i], i === 0, t.short)).join("");
}
function sumTextEn(terms: Term[], values: number[]): string {
  return terms.map((t, i) => signedEn(t, values[i], i === 0)).join("");
}

/** The long outcome sums list only their non-zero terms. */
function nonZeroText(terms: Term[], values: number[]): { zh: string; en: string } {
  const shown = terms.map((t, i) => ({ t, v: values[i] })).filter(({ v }) => v !== 0);
  if (shown.length === 0) return { zh: "各项均为 0", en: "every item is 0" };
  const zh = shown.map(({ t, v }) => `${t.short} ${formatNumber(v)}`).join(" + ");
  const en = shown.map(({ t, v }) => `${t.shortEn} ${formatNumber(v)}`).join(" + ");
  return shown.length < terms.length
    ? { zh: `${zh}，其余为 0`, en: `${en}, the rest 0` }
    : { zh, en };
}

export function arithmetic(
  check: ArithmeticCheck,
  termValues: number[],
  actual: number,
  expected: number
): Text {
  const a = formatNumber(actual);
  const e = formatNumber(expected);
  const d = formatNumber(Math.abs(actual - expected));
  const actualValues = termValues.slice(0, check.actual.length);
  const expectedValues = termValues.slice(check.actual.length);
  switch (check.rule) {
    case "balance":
      return {
        message: `${check.scope}：${sumText(check.expected, expectedValues)}= ${e}，应等于 ${sumText(check.actual, actualValues)}= ${a}，相差 ${d}`,
        messageEn: `${check.scopeEn}: ${sumTextEn(check.expected, expectedValues)} = ${e} should equal ${sumTextEn(check.actual, actualValues)} = ${a}; difference ${d}`,
      };
    case "outcome-total": {
      const parts = nonZeroText(check.expected, expectedValues);
      return {
        message: `${check.scope}：（七）总计 ${a} 应等于各项办理结果之和 ${e}（${parts.zh}），相差 ${d}`,
        messageEn: `${check.scopeEn}: (7) total ${a} should equal the sum of the outcomes, ${e} (${parts.en}); difference ${d}`,
      };
    }
    case "row-total":
    case "appeal-total":
      return {
        message: `${check.scope}：总计 ${a} 应等于 ${sumText(check.expected, expectedValues)}= ${e}，相差 ${d}`,
        messageEn: `${check.scopeEn}: total ${a} should equal ${sumTextEn(check.expected, expectedValues)} = ${e}; difference ${d}`,
      };
    case "carry-over":
      return {
        message: `${check.scope}：本年“二、上年结转” ${a} 应等于上年报告“四、结转下年度继续办理” ${e}，相差 ${d}`,
        messageEn: `${check.scopeEn}: this year's carried-over ${a} should equal last year's carried-forward ${e}; difference ${d}`,
      };
    case "stock":
      return {
        message: `${check.scope}：现行有效件数 ${a} 按上年推算应为 ${sumText(check.expected, expectedValues)}= ${e}，相差 ${d}（如有修改、失效等情况，可不一致）`,
        messageEn: `${check.scopeEn}: in force ${a}, from last year expected ${sumTextEn(check.expected, expectedValues)} = ${e}; difference ${d} (amendments or expiries can explain it)`,
      };
  }
}

export function blank(label: string, labelEn: string): Text {
  return {
    message: `${label} 未填写。空白不等于 0：如无此项，请填 0`,
    messageEn: `${labelEn} is blank. Blank is not 0: enter 0 if there is none`,
  };
}

/** A blank total that filling the blanks leaves blank, and why. */
export function blankLeft(label: string, labelEn: string, why: LeftBlank, format: FormatId): Text {
  const names = (cells: string[]) => cells.map((p) => cellDef(format, p)?.label ?? p).join("、");
  const namesEn = (cells: string[]) =>
    cells.map((p) => cellDef(format, p)?.labelEn ?? p).join(", ");
  switch (why.reason) {
    case "conflict":
      return {
        message: `${label} 未填写，且不能自动计算：${why.sums
          .map((s) => `按${s.check.scope}合计为 ${formatNumber(s.value)}`)
          .join("，")}，两者不一致；请先核对这些数，再填写总计`,
        messageEn: `${labelEn} is blank and cannot be computed: ${why.sums
          .map((s) => `summed by ${s.check.scopeEn} it is ${formatNumber(s.value)}`)
          .join(", ")}; check these figures, then enter the total`,
      };
    case "unreadable":
      return {
        message: `${label} 未填写，且不能自动计算：${names(why.cells)} 不是数字；请先改正`,
        messageEn: `${labelEn} is blank and cannot be computed: ${namesEn(why.cells)} is not a number; correct it first`,
      };
    case "waits":
      return {
        message: `${label} 未填写，且不能自动计算：要先确定 ${names(why.cells)}`,
        messageEn: `${labelEn} is blank and cannot be computed until ${namesEn(why.cells)} is settled`,
      };
  }
}

export function narrativeMissing(heading: string, problem: "empty" | "placeholder"): Text {
  return problem === "empty"
    ? { message: `“${heading}”没有内容`, messageEn: `Part "${heading}" is empty` }
    : {
        message: `“${heading}”含有未替换的占位文字（如 XX、待补充、TODO、……）`,
        messageEn: `Part "${heading}" still holds placeholder text (XX, 待补充, TODO, ……)`,
      };
}

export function narrativeFigure(
  figure: StatedFigure,
  tableValue: number,
  cellLabels: string[]
): Text {
  const stated = formatNumber(figure.value);
  const table = formatNumber(tableValue);
  return {
    message: `第一部分写“${figure.quote}”（${figure.pattern.subject} ${stated}），表中“${cellLabels.join("”+“")}”为 ${table}，两者不一致`,
    messageEn: `Part 1 says "${figure.quote}" (${figure.pattern.subjectEn} ${stated}) but the table holds ${table}`,
  };
}

export function formatYear(format: FormatId, year: number, expected: FormatId | undefined): Text {
  if (!expected) {
    return {
      message: `${year} 年没有适用的统一格式（格式 2019 自 2019 年度起施行），请核对年度`,
      messageEn: `No uniform format applies to ${year} (format 2019 starts with the 2019 reports); check the year`,
    };
  }
  return {
    message: `${year} 年度报告应使用格式 ${expected}，此处使用的是格式 ${format}`,
    messageEn: `A report for ${year} should use format ${expected}, not ${format}`,
  };
}

export function previousYearMismatch(previousYear: number, year: number): Text {
  return {
    message: `所附上年报告为 ${previousYear} 年度，不是 ${year - 1} 年度，未进行跨年核对`,
    messageEn: `The previous report given is for ${previousYear}, not ${year - 1}; the cross-year checks were not run`,
  };
}

export function regulationsAuthority(agency: string): Text {
  return {
    message: `“${agency}”填报了规章数量。规章只由国务院部门和省、自治区、直辖市、设区的市、自治州人民政府制定，请核对是否应填在规范性文件一行`,
    messageEn: `"${agency}" reports regulations (规章), which only State Council departments and the governments of provinces, municipalities, cities with districts and autonomous prefectures make; check whether they belong in the normative documents row`,
  };
}

export function unit(label: string, value: number): Text {
  return {
    message: `${label} 为 ${formatNumber(value)} 万元（即 ${formatNumber(value / 10000)} 亿元），请确认单位是万元而不是元`,
    messageEn: `${label} is ${formatNumber(value)} ten-thousand yuan; check the unit is 万元, not 元`,
  };
}
