/**
 * Labels compared as people, crawlers, PDF and OCR tools write them: half- or full-width punctuation,
 * spaces and line breaks, separators (、，.) and quotes ignored; a few lookalike characters that OCR
 * confuses mapped to the one the labels use. Digits are kept, so 「1.属于国家秘密」 never matches a
 * label whose number was lost.
 */
const LOOKALIKES: Record<string, string> = {
  "—": "一", // 「—、」 for 「一、」, 「三安全—稳定」
  "―": "一",
  "ー": "一",
  "－": "一",
  己: "已",
  巳: "已",
  末: "未",
  "〔": "(",
  "〕": ")",
  "【": "(",
  "】": ")",
};

export function normaliseLabel(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[—―ー－己巳末〔〕【】]/g, (ch) => LOOKALIKES[ch] ?? ch)
    .replace(/[\s\u3000\u00A0“”"「」'‘’、，,.．。:：;；·•*#|]+/g, "");
}

/** Full-width digits, signs and the decimal point as ASCII, for scanning numbers. */
export function asciiDigits(s: string): string {
  return s.replace(/[０-９．＋－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
