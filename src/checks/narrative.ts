/**
 * Figures that part 一 commonly states, and the table cells they name. Real reports write e.g.
 * 「共收到2件政府信息公开申请」, 「受理…申请N件」, 「公开行政许可36件，较上年度增加18件」,
 * 「政府集中采购19项，采购总金额2987.6万元」. A figure is compared with the sum of its cells; where a
 * phrase can mean more than one thing (受理 may include last year's carry-over) every reading is listed
 * and the figure agrees if any reading does.
 */
import { chineseNumeral } from "../report/interpret";
import type { FormatId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";

export interface FigurePattern {
  id: string;
  /** What the figure is, for messages. */
  subject: string;
  subjectEn: string;
  formats: readonly FormatId[];
  /** Matched against the normalised narrative; group `n` is the number, optional group `dir` 增/减. */
  regex: RegExp;
  /** Each reading is a list of cells whose sum the figure states. */
  readings: Pointer[][];
}

const BOTH: readonly FormatId[] = ["2019", "2021"];
const N = String.raw`(?<n>\d+(?:\.\d+)?)`;
/** A few characters that stay within one clause: no full stop, semicolon or comma between words and number. */
const GAP = String.raw`[^。；;，,：:]{0,16}?`;
const REQ = String.raw`(?:政府信息公开|依申请公开|信息公开|公开)?申请`;

const FIGURE_PATTERNS: FigurePattern[] = [
  {
    id: "requests-received",
    subject: "收到的政府信息公开申请",
    subjectEn: "requests received",
    formats: BOTH,
    regex: new RegExp(
      String.raw`(?:收到|接收|新收)${GAP}${REQ}(?:共计?|合计|总计)?${N}(?:件|条|个)`,
      "g"
    ),
    readings: [["/requests/newReceived/total"]],
  },
  {
    id: "requests-received-count-first",
    subject: "收到的政府信息公开申请",
    subjectEn: "requests received",
    formats: BOTH,
    regex: new RegExp(String.raw`(?:收到|接收|新收)(?:各类)?${N}(?:件|条|个)${GAP}${REQ}`, "g"),
    readings: [["/requests/newReceived/total"]],
  },
  {
    id: "requests-accepted",
    subject: "受理的政府信息公开申请",
    subjectEn: "requests accepted",
    formats: BOTH,
    regex: new RegExp(
      String.raw`受理${GAP}${REQ}(?:共计?|合计|总计)?${N}(?:件|条|个)|受理(?:各类)?${N.replace("<n>", "<n2>")}(?:件|条|个)${GAP}${REQ}`,
      "g"
    ),
    readings: [
      ["/requests/newReceived/total"],
      ["/requests/newReceived/total", "/requests/carriedOver/total"],
    ],
  },
  {
    id: "requests-granted",
    subject: "予以公开的申请",
    subjectEn: "requests granted",
    formats: BOTH,
    regex: new RegExp(String.raw`予以公开${N}(?:件|条)`, "g"),
    readings: [["/requests/granted/total"]],
  },
  {
    id: "requests-carried-forward",
    subject: "结转下年度继续办理的申请",
    subjectEn: "requests carried forward",
    formats: BOTH,
    regex: new RegExp(String.raw`结转(?:至)?下(?:一)?年度?(?:继续办理)?${N}(?:件|条)`, "g"),
    readings: [["/requests/carriedForward/total"]],
  },
  {
    id: "licensing",
    subject: "行政许可（处理决定数量）",
    subjectEn: "licensing decisions",
    formats: BOTH,
    regex: new RegExp(
      String.raw`(?:公开|办理|作出|办结)(?:行政许可|许可)(?:决定|信息|事项|事项办理结果)?(?:共计?|合计)?${N}(?:件|条|项)`,
      "g"
    ),
    readings: [["/proactive/licensing/decisions"]],
  },
  {
    id: "licensing-change",
    subject: "行政许可（本年增/减）",
    subjectEn: "licensing (change on last year)",
    formats: ["2019"],
    regex: new RegExp(
      String.raw`行政许可[^。；;]{0,30}?较上(?:一)?年度?(?<dir>增加|减少|增|减)${N}(?:件|条|项)`,
      "g"
    ),
    readings: [["/proactive/licensing/change"]],
  },
  {
    id: "penalties",
    subject: "行政处罚（处理决定数量）",
    subjectEn: "penalty decisions",
    formats: BOTH,
    regex: new RegExp(
      String.raw`(?:公开|作出|办理)行政处罚(?:决定|信息|案件)?(?:共计?|合计)?${N}(?:件|条|项)`,
      "g"
    ),
    readings: [["/proactive/penalties/decisions"]],
  },
  {
    id: "enforcement",
    subject: "行政强制（处理决定数量）",
    subjectEn: "enforcement decisions",
    formats: BOTH,
    regex: new RegExp(
      String.raw`(?:公开|作出|办理)行政强制(?:决定|信息|措施)?(?:共计?|合计)?${N}(?:件|条|项)`,
      "g"
    ),
    readings: [["/proactive/enforcement/decisions"]],
  },
  {
    id: "procurement-items",
    subject: "政府集中采购项目数量",
    subjectEn: "procurement items",
    formats: ["2019"],
    regex: new RegExp(String.raw`集中采购(?:项目)?(?:共计?|合计)?${N}(?:项|个|件)`, "g"),
    readings: [["/proactive/procurement/items"]],
  },
  {
    id: "procurement-amount",
    subject: "采购总金额（万元）",
    subjectEn: "procurement amount (10k yuan)",
    formats: ["2019"],
    regex: new RegExp(String.raw`采购(?:总)?金额(?:共计?|合计|为|达)?${N}万元`, "g"),
    readings: [["/proactive/procurement/amount"]],
  },
  {
    id: "fees-amount",
    subject: "行政事业性收费金额（万元）",
    subjectEn: "fees (10k yuan)",
    formats: ["2021"],
    regex: new RegExp(String.raw`收费(?:金额)?(?:共计?|合计|为|达)?${N}万元`, "g"),
    readings: [["/proactive/fees/amount"]],
  },
  {
    id: "regulations",
    subject: "本年制发规章",
    subjectEn: "regulations issued",
    formats: ["2021"],
    regex: new RegExp(String.raw`(?:制发|制定|出台|印发)规章${N}(?:件|部|个)`, "g"),
    readings: [["/proactive/regulations/issued"]],
  },
  {
    id: "normative-documents",
    subject: "本年制发行政规范性文件",
    subjectEn: "normative documents issued",
    formats: ["2021"],
    regex: new RegExp(String.raw`(?:制发|制定|出台|印发)(?:行政)?规范性文件${N}(?:件|个|份)`, "g"),
    readings: [["/proactive/normativeDocuments/issued"]],
  },
  {
    id: "review",
    subject: "政府信息公开行政复议",
    subjectEn: "administrative reviews",
    formats: BOTH,
    regex: new RegExp(String.raw`行政复议(?:案件|申请)?(?:共计?|合计)?${N}(?:件|起|宗)`, "g"),
    readings: [["/appeals/review/total"]],
  },
  {
    id: "litigation",
    subject: "政府信息公开行政诉讼",
    subjectEn: "lawsuits",
    formats: BOTH,
    regex: new RegExp(String.raw`行政诉讼(?:案件)?(?:共计?|合计)?${N}(?:件|起|宗)`, "g"),
    readings: [["/appeals/litigationDirect/total", "/appeals/litigationAfterReview/total"]],
  },
];

export interface StatedFigure {
  pattern: FigurePattern;
  /** The number as stated, signed for 增/减. */
  value: number;
  /** The words it was read from, for the message. */
  quote: string;
}

/** Full-width digits and punctuation to ASCII, spaces out, Chinese numerals before a measure word to digits. */
function normaliseNarrative(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF0E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, "")
    .replace(/([零〇一二两三四五六七八九十百千]{1,8})(?=件|项|条|个|起|宗|部|份)/g, (m) => {
      return chineseNumeral(m) ?? m;
    });
}

/** The figures a narrative states, with the cells each names. Bounded: long text is read up to 20,000 characters. */
export function statedFigures(narrative: string, format: FormatId): StatedFigure[] {
  const text = normaliseNarrative(narrative.slice(0, 20000));
  const out: StatedFigure[] = [];
  for (const pattern of FIGURE_PATTERNS) {
    if (!pattern.formats.includes(format)) continue;
    for (const m of text.matchAll(pattern.regex)) {
      const raw = m.groups?.n ?? m.groups?.n2;
      if (raw === undefined) continue;
      const sign = m.groups?.dir && m.groups.dir.startsWith("减") ? -1 : 1;
      out.push({ pattern, value: sign * Number(raw), quote: m[0] });
    }
  }
  return out;
}
