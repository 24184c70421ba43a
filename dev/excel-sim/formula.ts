/**
 * A small tokenizer for Excel formulas: enough to find cell references (to shift the relative ones of a
 * conditional-format rule to each cell of its range, as Excel evaluates them), to qualify or unqualify them
 * with a sheet name, and to translate between Excel's formula text and HyperFormula's dialect (HyperFormula
 * has no TRUE/FALSE literals, only TRUE()/FALSE(); it parses only Latin letters in unquoted sheet names and
 * in defined names).
 */
import {
  columnIndex,
  columnLetters,
  MAX_COLS,
  MAX_ROWS,
  quoteSheetName,
  readQuotedSheet,
} from "./address";

export interface RefEnd {
  /** undefined for a column-only end (`A:C`) */
  row?: number;
  /** undefined for a row-only end (`3:5`) */
  col?: number;
  rowAbs: boolean;
  colAbs: boolean;
}

export type Token =
  | { kind: "text"; text: string }
  | { kind: "ref"; sheet?: string; start: RefEnd; end?: RefEnd }
  | { kind: "name"; text: string }
  | { kind: "bool"; value: boolean }
  /** `#REF!` and friends, optionally after a sheet prefix */
  | { kind: "error"; sheet?: string; text: string };

const IDENT_START = /[\p{L}_\\$]/u;
const IDENT_CHAR = /[\p{L}\p{N}_.\\$]/u;
const ERROR_LITERAL = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)/i;

function cellEnd(text: string): RefEnd | undefined {
  const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/.exec(text);
  if (!m) return undefined;
  const col = columnIndex(m[2]);
  const row = Number(m[4]) - 1;
  if (col < 0 || col >= MAX_COLS || row < 0 || row >= MAX_ROWS) return undefined;
  return { row, col, colAbs: m[1] === "$", rowAbs: m[3] === "$" };
}

function colEnd(text: string): RefEnd | undefined {
  const m = /^(\$?)([A-Za-z]{1,3})$/.exec(text);
  if (!m) return undefined;
  const col = columnIndex(m[2]);
  return col >= 0 && col < MAX_COLS ? { col, colAbs: m[1] === "$", rowAbs: false } : undefined;
}

function rowEnd(text: string): RefEnd | undefined {
  const m = /^(\$?)(\d{1,7})$/.exec(text);
  if (!m) return undefined;
  const row = Number(m[2]) - 1;
  return row >= 0 && row < MAX_ROWS ? { row, rowAbs: m[1] === "$", colAbs: false } : undefined;
}

class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  peek(k = 0): string {
    return this.s[this.i + k] ?? "";
  }
  /** An identifier-like word ($, letters, digits, `_`, `.`, `\`) starting here, not consumed. */
  word(from = this.i): string {
    let j = from;
    while (j < this.s.length && IDENT_CHAR.test(this.s[j])) j++;
    return this.s.slice(from, j);
  }
  /** Digits and `$` only (a row reference end such as `$3`). */
  rowWord(from = this.i): string {
    const m = /^\$?\d+/.exec(this.s.slice(from));
    return m ? m[0] : "";
  }
}

/** Parses one reference (after an optional sheet prefix has been consumed). */
function readRef(sc: Scanner, sheet: string | undefined): Token | undefined {
  const save = sc.i;
  const w = sc.word();
  const rw = sc.rowWord();
  let start: RefEnd | undefined;
  let kind: "cell" | "col" | "row" | undefined;
  if (w && (start = cellEnd(w))) kind = "cell";
  else if (w && (start = colEnd(w)) && sc.s[sc.i + w.length] === ":") kind = "col";
  else if (rw && (start = rowEnd(rw)) && sc.s[sc.i + rw.length] === ":") kind = "row";
  if (!kind || !start) return undefined;
  const len = kind === "row" ? rw.length : w.length;
  const after = sc.s[sc.i + len] ?? "";
  if (kind === "cell" && after === "(") return undefined; // a function such as LOG10(
  sc.i += len;
  if (sc.peek() === ":") {
    let j = sc.i + 1;
    let endSheet: string | undefined;
    // `Sheet1!A1:Sheet1!A3`: a repeated sheet prefix on the second end
    const q = readSheetPrefixAt(sc.s, j);
    if (q) {
      endSheet = q.sheet;
      j = q.next;
    }
    const w2 = kind === "row" ? new Scanner(sc.s).rowWord(j) : new Scanner(sc.s).word(j);
    const end = kind === "cell" ? cellEnd(w2) : kind === "col" ? colEnd(w2) : rowEnd(w2);
    if (
      end &&
      (endSheet === undefined ||
        sheet === undefined ||
        endSheet.toLowerCase() === sheet.toLowerCase())
    ) {
      sc.i = j + w2.length;
      return { kind: "ref", sheet, start, end };
    }
  }
  if (kind !== "cell") {
    sc.i = save;
    return undefined;
  }
  return { kind: "ref", sheet, start };
}

function readSheetPrefixAt(s: string, i: number): { sheet: string; next: number } | undefined {
  if (s[i] === "'") return readQuotedSheet(s, i);
  const m = /^[\p{L}\p{N}_.\\]+!/u.exec(s.slice(i));
  if (m) return { sheet: m[0].slice(0, -1), next: i + m[0].length };
  return undefined;
}

export function tokenize(formula: string): Token[] {
  const sc = new Scanner(formula);
  const out: Token[] = [];
  const text = (t: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === "text") last.text += t;
    else out.push({ kind: "text", text: t });
  };
  while (sc.i < formula.length) {
    const ch = sc.peek();
    const prev = formula[sc.i - 1] ?? "";
    if (ch === '"') {
      let j = sc.i + 1;
      while (j < formula.length) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      text(formula.slice(sc.i, j + 1));
      sc.i = j + 1;
      continue;
    }
    if (ch === "#") {
      const m = ERROR_LITERAL.exec(formula.slice(sc.i));
      if (m) {
        out.push({ kind: "error", text: m[0].toUpperCase() });
        sc.i += m[0].length;
        continue;
      }
    }
    // a sheet prefix, then a reference or an error literal
    if ((ch === "'" || IDENT_CHAR.test(ch)) && !IDENT_CHAR.test(prev)) {
      const p = readSheetPrefixAt(formula, sc.i);
      if (p) {
        const save = sc.i;
        sc.i = p.next;
        const m = ERROR_LITERAL.exec(formula.slice(sc.i));
        if (m) {
          out.push({ kind: "error", sheet: p.sheet, text: m[0].toUpperCase() });
          sc.i += m[0].length;
          continue;
        }
        const ref = readRef(sc, p.sheet);
        if (ref) {
          out.push(ref);
          continue;
        }
        sc.i = save;
      }
    }
    if (/[0-9$]/.test(ch) && !IDENT_CHAR.test(prev)) {
      const ref = readRef(sc, undefined);
      if (ref) {
        out.push(ref);
        continue;
      }
    }
    if (/[0-9.]/.test(ch) && !IDENT_CHAR.test(prev)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(formula.slice(sc.i));
      if (m) {
        text(m[0]);
        sc.i += m[0].length;
        continue;
      }
    }
    if (IDENT_START.test(ch) && !IDENT_CHAR.test(prev)) {
      const ref = readRef(sc, undefined);
      if (ref) {
        out.push(ref);
        continue;
      }
      const w = sc.word();
      const after = formula[sc.i + w.length] ?? "";
      if (after === "(") text(w);
      else if (/^(TRUE|FALSE)$/i.test(w))
        out.push({ kind: "bool", value: w.toUpperCase() === "TRUE" });
      else out.push({ kind: "name", text: w });
      sc.i += w.length;
      continue;
    }
    text(ch);
    sc.i++;
  }
  return out;
}

function endText(e: RefEnd): string {
  const c = e.col === undefined ? "" : `${e.colAbs ? "$" : ""}${columnLetters(e.col)}`;
  const r = e.row === undefined ? "" : `${e.rowAbs ? "$" : ""}${e.row + 1}`;
  return c + r;
}

export interface RenderOptions {
  /** how a sheet name is written before `!` (Excel's rule by default) */
  quote?: (sheet: string) => string;
  /** how a defined name is written */
  name?: (name: string) => string;
  bool?: (value: boolean) => string;
}

export function render(tokens: Token[], opts: RenderOptions = {}): string {
  const quote = opts.quote ?? quoteSheetName;
  return tokens
    .map((t) => {
      switch (t.kind) {
        case "text":
          return t.text;
        case "name":
          return opts.name ? opts.name(t.text) : t.text;
        case "bool":
          return opts.bool ? opts.bool(t.value) : t.value ? "TRUE" : "FALSE";
        case "error":
          return (t.sheet !== undefined ? `${quote(t.sheet)}!` : "") + t.text;
        case "ref":
          return (
            (t.sheet !== undefined ? `${quote(t.sheet)}!` : "") +
            endText(t.start) +
            (t.end ? `:${endText(t.end)}` : "")
          );
      }
    })
    .join("");
}

function shiftEnd(e: RefEnd, dr: number, dc: number): RefEnd | undefined {
  const row = e.row === undefined || e.rowAbs ? e.row : e.row + dr;
  const col = e.col === undefined || e.colAbs ? e.col : e.col + dc;
  if (row !== undefined && (row < 0 || row >= MAX_ROWS)) return undefined;
  if (col !== undefined && (col < 0 || col >= MAX_COLS)) return undefined;
  return { ...e, row, col };
}

/**
 * Moves the relative parts of every reference by (dr, dc), as Excel does when it applies a formula written
 * for the top-left cell of a range to another cell of it. A reference pushed off the grid becomes #REF!.
 */
export function shiftRelative(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  const tokens = tokenize(formula).map((t): Token => {
    if (t.kind !== "ref") return t;
    const start = shiftEnd(t.start, dr, dc);
    const end = t.end ? shiftEnd(t.end, dr, dc) : undefined;
    if (!start || (t.end && !end)) return { kind: "error", text: "#REF!" };
    return { ...t, start, end };
  });
  return render(tokens);
}

/** Gives every unqualified reference the sheet `sheet` (to store a rule formula away from its sheet). */
export function qualify(formula: string, sheet: string): string {
  return render(
    tokenize(formula).map((t) => (t.kind === "ref" && t.sheet === undefined ? { ...t, sheet } : t))
  );
}

/** Drops the sheet prefix of references to `sheet` (how Excel shows a rule formula on its own sheet). */
export function unqualify(formula: string, sheet: string): string {
  return render(
    tokenize(formula).map((t) =>
      (t.kind === "ref" || t.kind === "error") &&
      t.sheet !== undefined &&
      t.sheet.toLowerCase() === sheet.toLowerCase()
        ? { ...t, sheet: undefined }
        : t
    )
  );
}

/** Makes every reference absolute (`B3` → `$B$3`). */
export function absolutize(formula: string): string {
  const abs = (e: RefEnd): RefEnd => ({
    ...e,
    rowAbs: e.row !== undefined,
    colAbs: e.col !== undefined,
  });
  return render(
    tokenize(formula).map((t) =>
      t.kind === "ref" ? { ...t, start: abs(t.start), end: t.end ? abs(t.end) : undefined } : t
    )
  );
}

/** Replaces references to sheet `sheet` by #REF! (what Excel does to formulas when a sheet is deleted). */
export function breakSheetRefs(formula: string, sheet: string): string {
  const s = sheet.toLowerCase();
  return render(
    tokenize(formula).map((t): Token =>
      t.kind === "ref" && t.sheet !== undefined && t.sheet.toLowerCase() === s
        ? { kind: "error", text: "#REF!" }
        : t
    )
  );
}

export function referencesSheet(formula: string, sheet: string): boolean {
  const s = sheet.toLowerCase();
  return tokenize(formula).some(
    (t) => t.kind === "ref" && t.sheet !== undefined && t.sheet.toLowerCase() === s
  );
}

/** The single reference a formula consists of (`=Sheet1!$B$3`), if that is all it is. */
export function soleReference(formula: string): Extract<Token, { kind: "ref" }> | undefined {
  const body = formula.trim().replace(/^=/, "").trim();
  const tokens = tokenize(body);
  return tokens.length === 1 && tokens[0].kind === "ref" ? tokens[0] : undefined;
}

/** HyperFormula's dialect: every sheet prefix quoted, TRUE()/FALSE(), names mapped to their aliases. */
export function toEngine(formula: string, alias: (name: string) => string = (n) => n): string {
  return render(tokenize(formula), {
    quote: (s) => `'${s.replace(/'/g, "''")}'`,
    bool: (v) => (v ? "TRUE()" : "FALSE()"),
    name: alias,
  });
}

/** Back from HyperFormula's dialect to the text Excel shows. */
export function fromEngine(formula: string, unalias: (name: string) => string = (n) => n): string {
  const text = formula.replace(/\b(TRUE|FALSE)\(\)/gi, (_m, b: string) => b.toUpperCase());
  return render(tokenize(text), { name: unalias });
}

/** The area a reference token covers (whole rows/columns for `3:5` / `A:C`). */
export function refArea(ref: Extract<Token, { kind: "ref" }>): {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
} {
  const s = ref.start;
  const e = ref.end ?? ref.start;
  const r0 = s.row ?? 0;
  const r1 = e.row ?? MAX_ROWS - 1;
  const c0 = s.col ?? 0;
  const c1 = e.col ?? MAX_COLS - 1;
  const row = Math.min(r0, r1);
  const col = Math.min(c0, c1);
  return { row, col, rowCount: Math.abs(r1 - r0) + 1, colCount: Math.abs(c1 - c0) + 1 };
}

/** Renames the sheet prefix `from` to `to` in references and error literals (for texts the engine does not hold). */
export function renameSheetRefs(formula: string, from: string, to: string): string {
  const f = from.toLowerCase();
  return render(
    tokenize(formula).map((t) =>
      (t.kind === "ref" || t.kind === "error") &&
      t.sheet !== undefined &&
      t.sheet.toLowerCase() === f
        ? { ...t, sheet: to }
        : t
    )
  );
}
