/**
 * What a published report says about itself outside its tables: the format (from the labels its tables
 * use), the year and the agency (from its title, wherever a page or crawler put it, however it was broken
 * over lines), the date it was signed, and its narrative parts. Pure.
 */
import type { NarrativeKey } from "../report/model";
import { chineseNumeral } from "../report/interpret";
import type { FormatId } from "../templates/formats";
import { PART_HEADINGS, PROACTIVE_LABELS, REQUESTS_LABELS } from "../templates/labels";
import type { LabelStream } from "./read-tables";
import { asciiDigits, normaliseLabel } from "./normalise";

export function detectFormat(stream: LabelStream): FormatId | undefined {
  const count = (labels: string[]) => labels.filter((l) => stream.has(l)).length;
  const score2021 = count([
    PROACTIVE_LABELS.issued,
    PROACTIVE_LABELS.inForce,
    PROACTIVE_LABELS.normativeDocuments2021,
    PROACTIVE_LABELS.decisions2021,
    REQUESTS_LABELS.noCorrection.slice(0, 12),
    REQUESTS_LABELS.unpaidFee.slice(0, 12),
  ]);
  const score2019 = count([
    PROACTIVE_LABELS.made,
    PROACTIVE_LABELS.published,
    PROACTIVE_LABELS.previousItems,
    PROACTIVE_LABELS.procurement,
    PROACTIVE_LABELS.procurementAmount,
    PROACTIVE_LABELS.otherServices,
  ]);
  if (score2021 === 0 && score2019 === 0) return undefined;
  return score2021 >= score2019 ? "2021" : "2019";
}

/** 二〇二〇 → 2020: years in Chinese digits, as signatures and some titles write them. */
function arabicYears(s: string): string {
  const DIGITS = "〇一二三四五六七八九";
  return s.replace(/[〇零○Ｏ一二三四五六七八九]{4}(?=\s*年)/g, (y) =>
    [...y]
      .map((ch) =>
        String(Math.max(0, DIGITS.indexOf(ch === "零" || ch === "○" || ch === "Ｏ" ? "〇" : ch)))
      )
      .join("")
  );
}

/** Words of a portal's breadcrumb or a crawler's header that stand before a title. */
const TITLE_LEAD =
  /^(?:.*?(?:标题|题目|名称|当前位置|您的位置|位置|首页|正文|主题)[:：>》|]+)?(?:政府信息公开|信息公开|政务公开|年度报告|公开年报|年报|工作报告|\s|[>》|/·:：-])*/;

const TITLE = new RegExp(
  String.raw`(?:(\d{4})年度?([\u4e00-\u9fa5（）()·、]{2,40}?)|([\u4e00-\u9fa5（）()·、]{2,40}?)(\d{4})年度?)(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)`
);

/** Year and agency from the first title-like line (or two or three lines joined: a title broken over lines). */
export function titleOf(lines: string[]): { year?: number; agency?: string } {
  const head = lines
    .slice(0, 80)
    .map((l) => arabicYears(asciiDigits(l)).replace(/[\s\u3000]+/g, ""));
  for (let i = 0; i < head.length; i++) {
    for (const joined of [head[i], head[i] + (head[i + 1] ?? ""), head.slice(i, i + 3).join("")]) {
      const m = TITLE.exec(joined);
      if (!m) continue;
      const year = Number(m[1] ?? m[4]);
      const agency = cleanAgency(m[2] ?? m[3]);
      if (year >= 2000 && year <= 2100 && agency) return { year, agency };
    }
  }
  return {};
}

function cleanAgency(raw: string): string | undefined {
  const a = raw
    .replace(/^.*[:：>》|]/, "")
    .replace(TITLE_LEAD, "")
    .replace(/^关于|关于$/g, "")
    .replace(/[、·]+$/, "");
  return a.length >= 2 ? a : undefined;
}

const DATES = [
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g,
  /(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)/g,
];

/** The last date in the document's end (the signature), as ISO 8601; Chinese numerals too (二〇二一年一月二十九日). */
export function signatureDate(text: string): string | undefined {
  const tail = arabicYears(asciiDigits(text.slice(-600))).replace(
    /([〇一二三四五六七八九十]{1,3})(?=\s*[月日])/g,
    (n) => chineseNumeral(n) ?? n
  );
  let best: { at: number; iso: string } | undefined;
  for (const re of DATES) {
    for (const m of tail.matchAll(re)) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const check = new Date(Date.UTC(y, mo - 1, d));
      if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || y < 2000) continue;
      const at = m.index ?? 0;
      if (!best || at > best.at)
        best = { at, iso: `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
    }
  }
  return best?.iso;
}

/** A heading matched however it was written: any spacing, half- or full-width punctuation. */
function headingPattern(heading: string): RegExp {
  const chars = [...normaliseLabel(heading)].map((ch) =>
    ch === "("
      ? "[（(]"
      : ch === ")"
        ? "[）)]"
        : ch === "一"
          ? "[一—―ー－]"
          : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  );
  return new RegExp(chars.join("[\\s\\u3000、，,.．:：]*"));
}

/** The narrative between a part's heading and the next part's; part 六 ends before the signature. */
export function narrativeOf(
  text: string,
  agency: string | undefined
): Record<NarrativeKey, string> {
  const at = (heading: string, from = 0) => {
    const m = headingPattern(heading).exec(text.slice(from));
    return m
      ? { start: from + (m.index ?? 0), end: from + (m.index ?? 0) + m[0].length }
      : undefined;
  };
  const between = (from: string, to: string | undefined) => {
    const a = at(from);
    if (!a) return "";
    const b = to ? at(to, a.end) : undefined;
    return text.slice(a.end, b ? b.start : text.length);
  };
  const clean = (s: string) =>
    s
      .split(/\n/)
      .map((l) => l.replace(/\t+/g, " ").trim())
      .filter(Boolean)
      .join("\n")
      .replace(/^[（(]?表[）)]?\n?/, "");
  const other = clean(between(PART_HEADINGS.other, undefined)).split("\n");
  const signature = (l: string) => {
    const n = normaliseLabel(arabicYears(asciiDigits(l)));
    return (
      /^\d{4}年\d{1,2}月\d{1,2}日$/.test(n) ||
      /^[〇一二三四五六七八九十]+年[一二三四五六七八九十]+月[一二三四五六七八九十]+日$/.test(n) ||
      (agency !== undefined &&
        n.startsWith(normaliseLabel(agency)) &&
        n.length <= agency.length + 8)
    );
  };
  while (other.length && (other[other.length - 1] === "" || signature(other[other.length - 1])))
    other.pop();
  return {
    overview: clean(between(PART_HEADINGS.overview, PART_HEADINGS.proactive)),
    problems: clean(between(PART_HEADINGS.problems, PART_HEADINGS.other)),
    other: other.join("\n"),
  };
}
