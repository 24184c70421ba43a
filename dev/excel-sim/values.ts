/**
 * Cell values as Excel sees them: how a string typed (or written through `Range.values`) becomes a
 * number, a boolean, a date, a formula or text; how a value is shown through a number format
 * (`Range.text`); Excel's value types; colours.
 */

export type CellValue = number | string | boolean;

/** What a cell holds: a constant, a formula, or nothing. */
export type CellInput =
  { kind: "empty" } | { kind: "value"; value: CellValue } | { kind: "formula"; formula: string };

/** Excel's date serial (1900 system, with its fictitious 1900-02-29) for a calendar date. */
export function dateSerial(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  const serial = Math.round((t - Date.UTC(1899, 11, 30)) / 86400000);
  return serial >= 61 ? serial : serial >= 2 ? serial - 1 : undefined;
}

/** The calendar date of an Excel serial (integer part). */
export function serialDate(serial: number): { year: number; month: number; day: number } {
  const whole = Math.floor(serial);
  const d = new Date(Date.UTC(1899, 11, 30) + whole * 86400000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * How Excel reads a string entered into a cell (typed by a user, or written through `Range.values`,
 * which Office documents as "interpreted as if typed"): a leading `=` makes a formula, a leading `'`
 * forces text; numbers (with thousands separators, percent), TRUE/FALSE and ISO dates (yyyy-m-d or
 * yyyy/m/d) are converted; everything else stays text. A cell formatted as Text (`@`) keeps the string
 * (after the apostrophe prefix, which Excel always consumes).
 * ⚠ Full-width digits (２) and locale date forms are left as text here; what a Chinese-locale Excel does
 * with them was not verified.
 */
export function parseTyped(
  raw: string,
  numberFormat: string
): { input: CellInput; dateFormat?: boolean } {
  if (raw === "") return { input: { kind: "empty" } };
  // the apostrophe is Excel's prefix character, consumed whatever the cell's format (⚠ as observed in the UI)
  if (raw.startsWith("'")) return { input: { kind: "value", value: raw.slice(1) } };
  if (numberFormat === "@") return { input: { kind: "value", value: raw } };
  if (raw.startsWith("=") && raw.length > 1) return { input: { kind: "formula", formula: raw } };
  const t = raw.trim();
  if (t !== "" && NUMBER.test(t) && /\d/.test(t))
    return { input: { kind: "value", value: Number(t.replace(/,/g, "")) } };
  const pct = /^([+-]?\d+(\.\d+)?)%$/.exec(t);
  if (pct) return { input: { kind: "value", value: Number(pct[1]) / 100 } };
  if (/^(TRUE|FALSE)$/i.test(t))
    return { input: { kind: "value", value: t.toUpperCase() === "TRUE" } };
  const date = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (date) {
    const serial = dateSerial(Number(date[1]), Number(date[2]), Number(date[3]));
    if (serial !== undefined) return { input: { kind: "value", value: serial }, dateFormat: true };
  }
  return { input: { kind: "value", value: raw } };
}

export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

const ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#SPILL!",
  "#CALC!",
]);

export function isErrorValue(v: unknown): v is string {
  return typeof v === "string" && ERRORS.has(v);
}

/**
 * `Range.valueTypes` / `ChangedEventDetail.valueTypeBefore`. ⚠ Excel reports "Double" for numbers here
 * as far as observed; "Integer" exists in the enum but was not seen for cell values.
 */
export function valueType(v: CellValue | ""): ValueType {
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return isErrorValue(v) ? "Error" : "String";
}

// ---------- number formats (the subset the add-in uses, plus the common ones) ----------

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && i + 1 < format.length) {
      cur += ch + format[++i];
      continue;
    }
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function isDateFormat(section: string): boolean {
  const bare = section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
  return /[ymdhs]/i.test(bare) && !/[0#]/.test(bare);
}

function formatDate(serial: number, section: string): string {
  const { year, month, day } = serialDate(serial);
  let out = "";
  for (let i = 0; i < section.length;) {
    const ch = section[i];
    if (ch === '"') {
      const j = section.indexOf('"', i + 1);
      out += section.slice(i + 1, j < 0 ? undefined : j);
      i = j < 0 ? section.length : j + 1;
      continue;
    }
    if (ch === "\\") {
      out += section[i + 1] ?? "";
      i += 2;
      continue;
    }
    const run = /^(y+|m+|d+)/i.exec(section.slice(i));
    if (run) {
      const token = run[0].toLowerCase();
      if (token[0] === "y")
        out += token.length <= 2 ? String(year % 100).padStart(2, "0") : String(year);
      else if (token[0] === "m")
        out += token.length === 1 ? String(month) : String(month).padStart(2, "0");
      else out += token.length === 1 ? String(day) : String(day).padStart(2, "0");
      i += run[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function formatNumberSection(value: number, section: string): string {
  let literalPrefix = "";
  let literalSuffix = "";
  let pattern = "";
  let seenDigit = false;
  for (let i = 0; i < section.length;) {
    const ch = section[i];
    let lit: string | undefined;
    if (ch === '"') {
      const j = section.indexOf('"', i + 1);
      lit = section.slice(i + 1, j < 0 ? undefined : j);
      i = j < 0 ? section.length : j + 1;
    } else if (ch === "\\") {
      lit = section[i + 1] ?? "";
      i += 2;
    } else if (/[0#?,.%]/.test(ch)) {
      pattern += ch;
      seenDigit = seenDigit || /[0#?]/.test(ch);
      i++;
      continue;
    } else if (ch === "[" || ch === "_" || ch === "*") {
      // colours, padding and fill characters do not show in Range.text
      const j = ch === "[" ? section.indexOf("]", i) : i + 1;
      i = j < 0 ? section.length : j + 1;
      continue;
    } else {
      lit = ch;
      i++;
    }
    if (seenDigit) literalSuffix += lit;
    else literalPrefix += lit;
  }
  let v = value;
  if (pattern.includes("%")) v *= 100;
  const dot = pattern.indexOf(".");
  const decimals = dot < 0 ? 0 : pattern.slice(dot + 1).replace(/[^0#?]/g, "").length;
  const minDecimals = dot < 0 ? 0 : pattern.slice(dot + 1).replace(/[^0]/g, "").length;
  const grouping = /[0#?],[0#?]/.test(pattern);
  const intPattern = dot < 0 ? pattern : pattern.slice(0, dot);
  const minInt = intPattern.replace(/[^0]/g, "").length;
  let s = Math.abs(v).toFixed(decimals);
  let [ip, fp = ""] = s.split(".");
  while (fp.length > minDecimals && fp.endsWith("0")) fp = fp.slice(0, -1);
  if (ip === "0" && minInt === 0) ip = "";
  ip = ip.padStart(minInt, "0");
  if (grouping) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  s = ip + (fp ? "." + fp : dot >= 0 && minDecimals === 0 && decimals > 0 ? "." : "");
  if (pattern.includes("%")) s += "%";
  return literalPrefix + s + literalSuffix;
}

/** Excel's General format: up to 11 significant characters, no trailing zeros. */
function formatGeneral(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e11) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9))
    return v
      .toExponential(5)
      .replace(/\.?0+e/, "E")
      .replace("e", "E");
  const digits = Math.max(0, 10 - Math.max(0, Math.floor(Math.log10(abs || 1))));
  return String(Number(v.toFixed(Math.min(digits, 10))));
}

/**
 * `Range.text`: the value shown through its number format. Handles General, `@`, digit patterns with
 * `0 # , . %`, quoted literals, up to four `;` sections, and y/m/d date formats; anything more exotic
 * falls back to General.
 */
export function formatValue(value: CellValue | "", numberFormat: string): string {
  if (value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") {
    const sections = splitSections(numberFormat);
    const textSection = sections[3];
    return textSection !== undefined && textSection.includes("@")
      ? textSection.replace(/"/g, "").replace("@", value)
      : value;
  }
  const fmt = numberFormat.trim();
  if (fmt === "" || /^general$/i.test(fmt) || fmt === "@") return formatGeneral(value);
  const sections = splitSections(fmt);
  let section = sections[0];
  let v = value;
  if (value < 0 && sections.length > 1) {
    section = sections[1];
    v = -value; // the negative section supplies its own sign
  } else if (value === 0 && sections.length > 2) {
    section = sections[2];
  }
  if (/^general$/i.test(section.trim())) return (v < 0 ? "-" : "") + formatGeneral(Math.abs(v));
  if (isDateFormat(section)) return formatDate(v, section);
  const body = formatNumberSection(v, section);
  return v < 0 && sections.length === 1 ? "-" + body : body;
}

// ---------- colours ----------

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  purple: "#800080",
  gray: "#808080",
  grey: "#808080",
  silver: "#C0C0C0",
  maroon: "#800000",
  navy: "#000080",
  olive: "#808000",
  teal: "#008080",
  aqua: "#00FFFF",
  cyan: "#00FFFF",
  fuchsia: "#FF00FF",
  magenta: "#FF00FF",
  pink: "#FFC0CB",
  brown: "#A52A2A",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  darkred: "#8B0000",
  darkgreen: "#006400",
  darkblue: "#00008B",
  lightyellow: "#FFFFE0",
  lightgreen: "#90EE90",
  lightblue: "#ADD8E6",
};

/**
 * Office.js accepts `#RRGGBB` and HTML colour names and reads colours back as upper-case `#RRGGBB`.
 * Undefined for anything else (Excel rejects it with InvalidArgument). ⚠ Excel knows all CSS names; this
 * table has the common ones.
 */
export function normalizeColor(color: unknown): string | undefined {
  if (typeof color !== "string") return undefined;
  const c = color.trim();
  const hex6 = /^#([0-9a-f]{6})$/i.exec(c);
  if (hex6) return "#" + hex6[1].toUpperCase();
  const hex3 = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(c);
  if (hex3) return ("#" + hex3[1] + hex3[1] + hex3[2] + hex3[2] + hex3[3] + hex3[3]).toUpperCase();
  return NAMED_COLORS[c.toLowerCase()];
}
