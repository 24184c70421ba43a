/**
 * From what a cell holds to a value or a finding: one pure function shared by every reader (Excel, .xlsx, JSON,
 * published text). It never throws, and it offers a `fix` only where the intended number is unambiguous.
 */
import {
  EXCEL_ERRORS,
  type CellProblem,
  type CellSource,
  type Interpretation,
  type RawCell,
  type ValueKind,
} from "./cell";

/** Above this a count or an amount (万元) is not plausible; it also keeps every accepted integer exact. */
const MAX = 1e9;
/** Longer trimmed text cannot be one number with a unit ("1,234,567.89 万元" is 16), so it is not parsed. */
const MAX_NUMBER_TEXT = 40;
/** How much of the cell a message quotes. */
const QUOTE_CHARS = 20;

/** What each kind must be, as the start of a message. */
const RULE: Record<ValueKind, [string, string]> = {
  count: ["计数应为不小于 0 的整数", "A count must be a whole number ≥ 0"],
  signed: ["增减数应为整数（可为负数）", "A change must be a whole number (it may be negative)"],
  amount: ["金额应为不小于 0 的数（单位：万元）", "An amount must be a number ≥ 0 (in 万元)"],
};

/** Full-width + , － ． and ０–９: ASCII plus 0xFEE0. */
const FULLWIDTH = /[\uFF0B-\uFF0E\uFF10-\uFF19]/;
const FULLWIDTH_ALL = /[\uFF0B-\uFF0E\uFF10-\uFF19]/g;
/** What documents write for "none" (after full-width normalisation and with spaces removed). */
const PLACEHOLDER = /^(?:[/／\\＼]|[-—–―─]{1,3}|无|暂无|没有)$/;
/** "No change", meaningful only in a signed cell. */
const NO_CHANGE = /^(?:持平|无变化|没有变化|不变)$/;
/**
 * sign, number, scale, unit. The number is ASCII (plain, or thousands grouped by "," or a space: groups of exactly
 * three, so "1,23" never matches) or a Chinese numeral; the numeral is lazy so that a final 万 is read as the scale.
 */
const NUMBER_TEXT =
  /^(增加|增|减少|减|[+\-±])? ?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+?) ?(万|亿)? ?(元|件|项|个|条|次|人次|人|宗|起|家|份|篇)?$/;
const SCALE_EXP: Record<string, number> = { "": 0, 万: 4, 亿: 8 };

export function interpretCell(
  raw: RawCell,
  kind: ValueKind,
  source: CellSource = "workbook"
): Interpretation {
  try {
    switch (raw.type) {
      case "blank":
        return { status: "blank" };
      case "number": {
        if (numberProblem(raw.value, kind) === undefined)
          return { status: "ok", value: raw.value + 0 };
        const shown = String(raw.value);
        return judged(raw.value, kind, shown, shown) ?? { status: "ok", value: raw.value + 0 }; // + 0: -0 is 0
      }
      case "boolean": {
        const b = raw.value ? "TRUE" : "FALSE";
        return invalid(
          "boolean",
          `单元格是逻辑值 ${b}，不是数字；请填写数字`,
          `The cell holds the logical value ${b}, not a number; enter a number`
        );
      }
      case "error":
        return errorValue(quote(String(raw.code)));
      case "text":
        return interpretText(raw.text, kind, source);
    }
  } catch {
    // Only reachable with input outside the types (e.g. from untyped JavaScript); still a finding, not a throw.
  }
  return invalid(
    "text",
    "无法识别单元格内容；请填写数字",
    "The cell's content cannot be read; enter a number"
  );
}

function interpretText(text: string, kind: ValueKind, source: CellSource): Interpretation {
  const trimmed = text.trim(); // native and linear; everything below looks at no more than MAX_NUMBER_TEXT chars
  if (trimmed === "") return { status: "blank" };
  const q = quote(trimmed);
  const zh = `“${q}”`;
  const en = `"${q}"`;
  const notNumber = () =>
    invalid(
      "text",
      `单元格写的是${zh}，不是可以确定的数字；请只填数字`,
      `The cell holds ${en}, which is not a definite number; enter a number only`
    );
  if (trimmed.length > MAX_NUMBER_TEXT) return notNumber();

  // Normalise: full-width digits and signs to ASCII, the minus sign to "-", any run of spaces (U+3000, NBSP…) to one.
  const fullwidth = FULLWIDTH.test(trimmed);
  const s = trimmed
    .replace(FULLWIDTH_ALL, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u2212/g, "-")
    .replace(/\s+/g, " ");

  if (PLACEHOLDER.test(s.replace(/ /g, ""))) {
    return invalid(
      "placeholder",
      `${zh}不是数字：如表示没有，请填 0`,
      `${en} is not a number: if it means none, enter 0`,
      0
    );
  }
  if ((EXCEL_ERRORS as readonly string[]).includes(s.toUpperCase())) return errorValue(q);
  if (kind === "signed" && NO_CHANGE.test(s)) return withFix("text", 0, kind, zh, en);

  const m = NUMBER_TEXT.exec(s);
  if (!m) return notNumber();
  const [, sign = "", num, scale = "", unit = ""] = m;
  const chinese = /^[零〇一二两三四五六七八九十百千万]/.test(num);
  const digits = chinese ? chineseNumeral(num) : num.replace(/[ ,]/g, "");
  if (digits === undefined || (sign === "±" && Number(digits) !== 0)) return notNumber();

  // Money in a count cell, or a count unit in an amount cell: the cell may belong elsewhere, so no fix.
  const money = unit === "元";
  if (kind === "amount" ? unit !== "" && !money : money) {
    return kind === "amount"
      ? invalid(
          "unit",
          `单元格写的是${zh}，带有计数单位，而此处应填金额（万元）；请核对`,
          `The cell holds ${en}, a count, but this cell is an amount (in 万元); please check`
        )
      : invalid(
          "unit",
          `单元格写的是${zh}，是金额，而此处应填计数（整数）；请核对`,
          `The cell holds ${en}, an amount of money, but this cell is a count; please check`
        );
  }
  // Amounts are in 万元: 元 moves the point 4 left, 万 (meaning 万元) none, 亿 4 right. Done on the decimal string,
  // so that 251000元 is exactly 25.1 and not a float quotient.
  const shift = SCALE_EXP[scale] - (kind === "amount" && (money || scale !== "") ? 4 : 0);
  const negative = sign === "-" || sign.startsWith("减");
  const value = Number(shiftPoint(digits, shift)) * (negative ? -1 : 1) + 0;

  const bad = judged(value, kind, zh, en);
  if (bad) return bad;
  if (sign !== "" && kind !== "signed") return withFix("signed-in-count", value, kind, zh, en);
  if (scale !== "" || unit !== "") return withFix("unit", value, kind, zh, en);
  if (fullwidth) return withFix("fullwidth", value, kind, zh, en);
  if (chinese || /[增减±]/.test(sign)) return withFix("text", value, kind, zh, en);
  // A plain number: in a published document that is the number itself; in a workbook it is text Excel will not add.
  return source === "document"
    ? { status: "ok", value }
    : withFix("number-as-text", value, kind, zh, en);
}

/** A finding when the number does not fit the kind; undefined when it does. `zh`/`en` show what the cell holds. */
/** What is wrong with a number for its kind, if anything: decided before any message is worded. */
function numberProblem(n: number, kind: ValueKind): CellProblem | undefined {
  if (!Number.isFinite(n)) return "not-a-number";
  if (Math.abs(n) > MAX) return "too-large";
  if (n < 0 && kind !== "signed") return "negative";
  if (!Number.isInteger(n) && kind !== "amount") return "decimal";
  return undefined;
}

function judged(n: number, kind: ValueKind, zh: string, en: string): Interpretation | undefined {
  const [ruleZh, ruleEn] = RULE[kind]; // first: a kind outside the types fails here, as text
  const problem = numberProblem(n, kind);
  if (problem === undefined) return undefined;
  const sp = zh.startsWith("“") ? "" : " "; // a bare number is spaced from Chinese text; a quotation is not
  switch (problem) {
    case "not-a-number":
      return invalid(
        problem,
        `单元格的值${sp}${zh}${sp}不是有效数字；请填写数字`,
        `The cell's value ${en} is not a valid number; enter a number`
      );
    case "too-large":
      return invalid(
        problem,
        `此处为${sp}${zh}，数值过大（超过 10 亿），请核对`,
        `The value ${en} is too large (over 1,000,000,000); please check it`
      );
    default:
      return invalid(problem, `${ruleZh}，此处为${sp}${zh}`, `${ruleEn}; this cell holds ${en}`);
  }
}

/** A finding that offers `fix`, worded by why the cell is not already that number. */
function withFix(
  problem: CellProblem,
  fix: number,
  kind: ValueKind,
  zh: string,
  en: string
): Interpretation {
  const unitZh = kind === "amount" ? "（单位：万元）" : "";
  const unitEn = kind === "amount" ? " (in 万元)" : "";
  const [why, whyEn] = {
    unit: ["带有单位", "with a unit"],
    fullwidth: ["用了全角字符", "in full-width characters"],
    "number-as-text": ["是文本，Excel 求和时会忽略它", "as text, which Excel's SUM ignores"],
    "signed-in-count": [
      "带有正负号或增减字样，而此处应填数量本身",
      "with a sign or a word of change, but this cell is not a change",
    ],
  }[problem as string] ?? ["是文字", "in words"];
  return invalid(
    problem,
    `单元格写的是${zh}，${why}；应只填数字 ${fix}${unitZh}`,
    `The cell holds ${en} ${whyEn}; enter only the number ${fix}${unitEn}`,
    fix
  );
}

function errorValue(q: string): Interpretation {
  return invalid(
    "error-value",
    `“${q}”是 Excel 错误值，请检查该单元格的公式或引用`,
    `"${q}" is an Excel error value; check the cell's formula or references`
  );
}

function invalid(
  problem: CellProblem,
  message: string,
  messageEn: string,
  fix?: number
): Interpretation {
  return fix === undefined
    ? { status: "invalid", problem, message, messageEn }
    : { status: "invalid", problem, message, messageEn, fix };
}

/** The cell's text for a message: whitespace runs as one space, at most QUOTE_CHARS code points, then "…". */
function quote(text: string): string {
  const head = text.slice(0, QUOTE_CHARS * 4).replace(/\s+/g, " ");
  const points = Array.from(head);
  return points.length > QUOTE_CHARS || head.length < text.length
    ? points.slice(0, QUOTE_CHARS).join("") + "…"
    : head;
}

/** "25.1" shifted by 2 is "2510", by -4 is "0.00251": decimal-point arithmetic on the string, exact. */
function shiftPoint(digits: string, by: number): string {
  const [int, frac = ""] = digits.split(".");
  const all = int + frac;
  const point = int.length + by;
  if (point <= 0) return "0." + "0".repeat(-point) + all;
  if (point >= all.length) return all + "0".repeat(point - all.length);
  return all.slice(0, point) + "." + all.slice(point);
}

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const PLACE: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/**
 * A Chinese numeral of 0–99999 in its exact written form (十二, 一百零五, 三千, 一万零五百), as a digit string.
 * Each place must be the next lower one, or lower still after 零; a final digit needs 十 or 零 before it, so the
 * colloquial 一百五 (150) and anything odd give undefined rather than a guess.
 */
export function chineseNumeral(s: string): string | undefined {
  if (s.length === 1 && s in DIGIT) return String(DIGIT[s]);
  let total = 0;
  let last = Infinity; // the place most recently written
  let digit: number | undefined; // a digit waiting for its place
  let gap = false; // 零 since that place
  for (const ch of s) {
    if (ch in PLACE) {
      const place = PLACE[ch];
      const d = digit ?? (total === 0 && place === 10 ? 1 : undefined); // only a leading 十 stands for 一十
      if (d === undefined || (total > 0 && (gap ? place >= last / 10 : place !== last / 10)))
        return undefined;
      total += d * place;
      last = place;
      digit = undefined;
      gap = false;
    } else if (DIGIT[ch] === 0) {
      if (digit !== undefined || gap || total === 0) return undefined;
      gap = true;
    } else {
      if (digit !== undefined) return undefined;
      digit = DIGIT[ch];
    }
  }
  if (digit !== undefined) {
    if (total > 0 && (gap ? last < 100 : last !== 10)) return undefined;
    return String(total + digit);
  }
  return gap ? undefined : String(total);
}
