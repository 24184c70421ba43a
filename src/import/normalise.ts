/**
 * Labels compared as people, crawlers, PDF and OCR tools write them: half- or full-width punctuation,
 * spaces and line breaks, separators (、，.) and quotes ignored; a few lookalike characters that OCR
 * confuses mapped to the one the labels use. Digits are kept, so 「1.属于国家秘密」 never matches a
 * label whose number was lost.
 */
const LOOKALIKES: Record<string, string> = {
  "—": "一", // 「—、」 for 「一、」, 「三安全—稳定」
  "―": "一",
  ー: "一",
  "－": "一",
  己: "已",
  巳: "已",
  末: "未",
  "〔": "(",
  "〕": ")",
  "【": "(",
  "】": ")",
};

/**
 * CJK radicals that PDF fonts map ideographs to (Chromium's PDFs: 「⼀」 U+2F00 for 一, 「⺠」 for 民).
 * NFKC maps the Kangxi radicals (and nothing else is folded: narrative keeps its full-width punctuation); the supplement's have no decomposition, so the common ones are listed.
 */
const RADICALS: Record<string, string> = {
  "⺠": "民",
  "⻓": "长",
  "⻔": "门",
  "⻅": "见",
  "⻆": "角",
  "⻋": "车",
  "⻄": "西",
  "⻉": "贝",
  "⻜": "飞",
  "⻝": "食",
  "⻢": "马",
  "⻛": "风",
  "⻚": "页",
  "⻘": "青",
  "⻩": "黄",
  "⻬": "齐",
  "⻰": "龙",
  "⻳": "龟",
  "⺟": "母",
  "⻤": "鬼",
  "⻥": "鱼",
  "⻦": "鸟",
  "⻨": "麦",
  "⻮": "齿",
  "⻭": "齿",
  "⻣": "骨",
};

/** Text as a reader should see it: radicals as their ideographs; punctuation and the rest untouched. */
export function canonicalText(s: string): string {
  return s
    .replace(/[\u2F00-\u2FDF]/g, (ch) => ch.normalize("NFKC"))
    .replace(/[\u2E80-\u2EFF]/g, (ch) => RADICALS[ch] ?? ch);
}

export function normaliseLabel(s: string): string {
  return canonicalText(s)
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[—―ー－己巳末〔〕【】]/g, (ch) => LOOKALIKES[ch] ?? ch)
    .replace(/[\s\u3000\u00A0“”"「」'‘’、，,.．。:：;；·•*#|]+/g, "");
}

/** Full-width digits, signs and the decimal point as ASCII, for scanning numbers. */
export function asciiDigits(s: string): string {
  return s.replace(/[０-９．＋－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
