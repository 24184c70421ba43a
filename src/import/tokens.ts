/**
 * Lines to tokens: label text, values, the blank cells of table rows, and row ends. Text in which a crawler
 * fused labels and numbers (「数量584000062二、上年结转」) is cut at its number runs; a run's space-separated
 * parts stay separate (they were cells), its fused digits stay one token for the splitter. A digit right
 * before 「.」 or 「、」 and a word is a row's number (「…00000002.其他法律…」), so it goes with the label.
 */
import { interpretCell } from "../report/interpret";
import type { DocLine } from "./lines";
import { asciiDigits, normaliseLabel } from "./normalise";

export type Token =
  | { kind: "text"; text: string; norm: string }
  | { kind: "value"; text: string }
  | { kind: "blank" }
  | { kind: "rowEnd" };

export function tokensOf(lines: DocLine[]): Token[] {
  const out: Token[] = [];
  for (const line of lines) {
    for (const cell of line.cells) {
      if (cell.trim() === "") {
        if (line.row) out.push({ kind: "blank" });
        continue;
      }
      out.push(...cellTokens(cell));
    }
    if (line.row) out.push({ kind: "rowEnd" });
  }
  return out;
}

/** A cell that is one value as a document writes it: 12, ２, —, /, 减4, +2, 2987.6万元, 251000元. */
function isWholeValue(text: string): boolean {
  const t = text.trim();
  if (t.length > 20 || t === "") return false;
  // no digit and none of the signs documents write for "none": not a value (the common case, cheaply)
  if (!/[0-9０-９/／\\＼\-—–―─－无有]/.test(t)) return false;
  return (["signed", "amount"] as const).some((kind) => {
    const r = interpretCell({ type: "text", text: t }, kind, "document");
    return r.status === "ok" || (r.status === "invalid" && r.fix !== undefined);
  });
}

const RUN = /[+\-−]?[0-9]+(?:\.[0-9]+)?(?:\s*(?:万元|元))?/g;

function cellTokens(cell: string): Token[] {
  if (isWholeValue(cell)) return [{ kind: "value", text: cell.trim() }];
  const s = asciiDigits(cell).replace(/−/g, "-");
  const out: Token[] = [];
  let text = "";
  let last = 0;
  const flushText = () => {
    const norm = normaliseLabel(text);
    if (norm !== "") out.push({ kind: "text", text: text.trim(), norm });
    text = "";
  };
  for (const m of s.matchAll(RUN)) {
    const at = m.index ?? 0;
    let run = m[0];
    text += s.slice(last, at);
    last = at + run.length;
    // 「1.属于…」, 「…0002.其他…」: the digit before 「.」/「、」 and a word numbers the next label
    const after = s.slice(last, last + 2);
    if (/^\d+$/.test(run) && /^[.、,，][^\d\s]/.test(after)) {
      if (run.length === 1) {
        text += run;
        continue;
      }
      last -= 1;
      run = run.slice(0, -1);
    }
    flushText();
    out.push({ kind: "value", text: run.trim() });
  }
  text += s.slice(last);
  flushText();
  return out;
}
