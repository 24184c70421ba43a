/**
 * The statutory tables read from a document's tokens, driven by the labels of the format: each row found by
 * its label (normalised; broken over lines or cells; with group labels interleaved), its values read by
 * position, and fused runs cut by the table's own arithmetic. A row that cannot be read without guessing is
 * left blank, with a note naming it. Pure.
 */
import { arithmeticChecks } from "../checks/definitions";
import type { ArithmeticCheck } from "../checks/types";
import type { ValueKind } from "../report/cell";
import { interpretCell } from "../report/interpret";
import type { CellValue } from "../report/model";
import { cellDef, requestRowName } from "../templates/cells";
import { FORMATS, type FormatId } from "../templates/formats";
import { ARTICLE_ITEMS, PART_HEADINGS } from "../templates/labels";
import { pointerFromSegments, type Pointer } from "../templates/pointers";
import { normaliseLabel } from "./normalise";
import { splitRuns } from "./split";
import type { Token } from "./tokens";

export interface ImportNote {
  /** The pointer of the row or cell concerned, or "" for the document. */
  pointer: Pointer;
  message: string;
  messageEn: string;
}

export const note = (pointer: Pointer, message: string, messageEn: string): ImportNote => ({
  pointer,
  message,
  messageEn,
});

/** A place in the label text: a token, and a character of its normalised text. */
export interface Pos {
  token: number;
  char: number;
}

/** Where a label was found: the tokens of its first and last character, and just after it. */
export interface Span {
  start: number;
  end: number;
  after: Pos;
}

/** The label text of some tokens, values left out, with where each character came from. */
class TextIndex {
  readonly text: string;
  private readonly tokenOf: number[] = [];
  private readonly charOf: number[] = [];
  private readonly offsetOf: number[] = [];
  private readonly kept: boolean[] = [];
  constructor(tokens: Token[], keep: (t: Token & { kind: "text" }) => boolean) {
    let text = "";
    tokens.forEach((t, i) => {
      this.offsetOf.push(text.length);
      const k = t.kind === "text" && keep(t);
      this.kept.push(k);
      if (t.kind !== "text" || !k) return;
      text += t.norm;
      for (let c = 0; c < t.norm.length; c++) {
        this.tokenOf.push(i);
        this.charOf.push(c);
      }
    });
    this.offsetOf.push(text.length);
    this.text = text;
  }

  find(norm: string, from: Pos): Span | undefined {
    const token = Math.min(from.token, this.offsetOf.length - 1);
    const offset = this.offsetOf[token] + (this.kept[token] ? from.char : 0);
    const at = this.text.indexOf(norm, offset);
    if (at < 0) return undefined;
    const last = at + norm.length - 1;
    return {
      start: this.tokenOf[at],
      end: this.tokenOf[last],
      after: { token: this.tokenOf[last], char: this.charOf[last] + 1 },
    };
  }
}

/**
 * Where labels are among the tokens. A label is looked for in the text of all tokens first, then in the
 * text without the tokens `noise` names: the pieces of a group label (「理结」 of 「三、本年度办理结果」,
 * 「开」 of 「（三）不予公开」) that a PDF or a narrow column interleaves with the labels of its rows.
 */
export class LabelStream {
  private readonly all: TextIndex;
  private readonly clean: TextIndex;
  constructor(
    readonly tokens: Token[],
    noise: (norm: string) => boolean = () => false
  ) {
    this.all = new TextIndex(tokens, () => true);
    this.clean = new TextIndex(tokens, (t) => !noise(t.norm));
  }

  /** The first place at or after `from` whose label text is `norm`. */
  find(norm: string, from: Pos): Span | undefined {
    if (norm === "") return undefined;
    return this.all.find(norm, from) ?? this.clean.find(norm, from);
  }

  has(label: string): boolean {
    return this.all.text.includes(normaliseLabel(label));
  }
}

interface RowSpec {
  /** The row's pointer, for notes. */
  pointer: Pointer;
  /** How notes name the row. */
  name: string;
  nameEn: string;
  /** Label forms to look for, best first. */
  labels: string[];
  pointers: Pointer[];
  kinds: ValueKind[];
}

type Item = { kind: "value"; text: string } | { kind: "blank" };

type RowRead =
  | { status: "values"; values: CellValue[] }
  | { status: "ambiguous"; raw: string; candidates: CellValue[][] }
  | { status: "none" };

export interface TablesRead {
  values: Map<Pointer, CellValue>;
  notes: ImportNote[];
}

export function readTables(tokens: Token[], format: FormatId): TablesRead {
  return new TableReader(new LabelStream(tokens, groupLabelPiece(format)), format).read();
}

/** A token that is a piece of one of part 三's group labels (which carry no numbers): 「度办」, 「（三）不」. */
function groupLabelPiece(format: FormatId): (norm: string) => boolean {
  const groups = FORMATS[format].requests.layout
    .flatMap((item) =>
      item.type === "outcomes"
        ? [item.label, ...item.items.flatMap((o) => (o.type === "group" ? [o.label] : []))]
        : []
    )
    .map(normaliseLabel);
  return (norm) => groups.some((g) => g !== norm && g.includes(norm));
}

/** A label without its trailing note in brackets: 「（二）部分公开（区分处理的…）」 → 「（二）部分公开」. */
const shortLabel = (label: string) => label.replace(/[（(][^（()）]*[）)]$/, "");

class TableReader {
  private readonly values = new Map<Pointer, CellValue>();
  private readonly notes: ImportNote[] = [];
  private readonly ambiguous: { spec: RowSpec; raw: string; candidates: CellValue[][] }[] = [];
  private readonly checks: ArithmeticCheck[];
  private cursor: Pos = { token: 0, char: 0 };

  constructor(
    private readonly stream: LabelStream,
    private readonly format: FormatId
  ) {
    this.checks = arithmeticChecks(format);
  }

  read(): TablesRead {
    this.proactive();
    this.requests();
    this.appeals();
    this.resolveAcrossRows();
    return { values: this.values, notes: this.notes };
  }

  private moveTo(heading: string) {
    const at = this.stream.find(normaliseLabel(heading), this.cursor);
    if (at) this.cursor = at.after;
  }

  private proactive() {
    this.moveTo(PART_HEADINGS.proactive);
    for (const t of FORMATS[this.format].proactive) {
      this.moveTo(ARTICLE_ITEMS[t.id]);
      for (const r of t.rows) {
        const pointers = t.columns.map((c) => pointerFromSegments(["proactive", r.key, c.key]));
        this.row({
          pointer: pointerFromSegments(["proactive", r.key]),
          name: `二、${r.label}`,
          nameEn: `part 2, ${r.key}`,
          labels: [r.label],
          pointers,
          kinds: t.columns.map((c) => c.kind),
        });
      }
    }
  }

  private requests() {
    this.moveTo(PART_HEADINGS.requests);
    const f = FORMATS[this.format].requests;
    for (const r of f.rows) {
      const segs = ["requests", ...r.path.split("/")];
      const labels = [r.label, shortLabel(r.label)].filter((l, i, all) => all.indexOf(l) === i);
      this.row({
        pointer: pointerFromSegments(segs),
        name: requestRowName(r),
        nameEn: segs.join(" › "),
        labels,
        pointers: f.columns.map((c) => pointerFromSegments([...segs, c.key])),
        kinds: f.columns.map((c) => c.kind),
      });
    }
  }

  /** Part 四 has no row label: its 15 values are the first values after its header. */
  private appeals() {
    const a = FORMATS[this.format].appeals;
    const spec: RowSpec = {
      pointer: "/appeals",
      name: "第四部分（行政复议、行政诉讼）",
      nameEn: "part 4 (reviews and lawsuits)",
      labels: [],
      pointers: a.groups.flatMap((g) =>
        a.columns.map((c) => pointerFromSegments(["appeals", g.key, c.key]))
      ),
      kinds: a.groups.flatMap(() => a.columns.map((c) => c.kind)),
    };
    const heading = this.stream.find(normaliseLabel(PART_HEADINGS.appeals), this.cursor);
    const start = heading ?? this.stream.find(normaliseLabel("行政复议"), this.cursor);
    const end = this.stream.find(
      normaliseLabel(PART_HEADINGS.problems),
      start?.after ?? { token: 0, char: 0 }
    );
    const tokens = this.stream.tokens;
    let i = start ? start.end + 1 : -1;
    while (i >= 0 && i < tokens.length && tokens[i].kind !== "value") i++;
    if (!start || i >= tokens.length || (end && i > end.start)) {
      this.notes.push(
        note("/appeals", "未找到第四部分的表格，该部分留空", "Part 4's table not found; left blank")
      );
      return;
    }
    this.take(spec, this.collect(i, []));
  }

  /** Finds a row by its label from the cursor on; reads its values. */
  private row(spec: RowSpec) {
    for (const label of spec.labels) {
      const at = this.stream.find(normaliseLabel(label), this.cursor);
      if (!at) continue;
      // values found between the pieces of a label broken over lines (PDF) come first
      const inside: Item[] = [];
      for (let k = at.start + 1; k < at.end; k++) {
        const t = this.stream.tokens[k];
        if (t.kind === "value") inside.push(t);
      }
      const items = this.collect(at.end + 1, inside);
      if (items.length === 0 && label !== spec.labels[spec.labels.length - 1]) continue;
      this.cursor = at.after;
      this.take(spec, items);
      return;
    }
    this.notes.push(
      note(
        spec.pointer,
        `未找到“${spec.name}”一行，该行留空`,
        `Row "${spec.nameEn}" not found; left blank`
      )
    );
  }

  /**
   * The values and blank cells from token `i` on: up to the next label text, and in a table row up to its
   * end. A row holding nothing but blanks after its label hands over to the next row (a label on one line,
   * its numbers on the next).
   */
  private collect(i: number, items: Item[]): Item[] {
    const tokens = this.stream.tokens;
    let rows = 0;
    for (; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind === "value" || t.kind === "blank") items.push(t);
      else if (t.kind === "rowEnd") {
        if (items.some((x) => x.kind === "value")) break;
        if (++rows > 2) break;
        items = [];
      } else break;
    }
    return items;
  }

  private take(spec: RowSpec, found: Item[]) {
    const read = this.readRow(spec, found);
    if (read.status === "values")
      read.values.forEach((v, k) => this.values.set(spec.pointers[k], v));
    else if (read.status === "ambiguous")
      this.ambiguous.push({ spec, raw: read.raw, candidates: read.candidates });
  }

  private readRow(spec: RowSpec, found: Item[]): RowRead {
    const n = spec.pointers.length;
    const items = [...found];
    while (items.length > n && items[items.length - 1].kind === "blank") items.pop();
    while (items.length > n && items[0].kind === "blank") items.shift();
    const raw = items.map((x) => (x.kind === "value" ? x.text : "")).join(" ");
    if (items.length === n) {
      return {
        status: "values",
        values: items.map((x, k) =>
          x.kind === "value" ? this.cell(spec.pointers[k], x.text) : null
        ),
      };
    }
    const refuse = (zh: string, en: string): RowRead => {
      this.notes.push(
        note(
          spec.pointer,
          `“${spec.name}”一行${zh}，未导入该行`,
          `Row "${spec.nameEn}": ${en}; not imported`
        )
      );
      return { status: "none" };
    };
    if (items.length === 0) return refuse("没有找到数值", "no values found");
    if (items.length > n || items.some((x) => x.kind === "blank"))
      return refuse(
        `有 ${items.length} 个单元格（应有 ${n} 个），位置无法确定`,
        `${items.length} cells where ${n} are expected; positions are ambiguous`
      );
    // the checks within the row, each asked once its last cell is cut
    const local = new Map<number, ArithmeticCheck[]>();
    for (const c of this.checks) {
      const at = terms(c).map((p) => spec.pointers.indexOf(p));
      if (at.some((k) => k < 0)) continue;
      const last = Math.max(...at) + 1;
      local.set(last, [...(local.get(last) ?? []), c]);
    }
    const vs = new Map<Pointer, CellValue>();
    const split = splitRuns(
      items.map((x) => (x.kind === "value" ? x.text.replace(/\s+/g, "") : "")),
      spec.kinds,
      (cells) => {
        const k = cells.length - 1;
        vs.set(spec.pointers[k], quietValue(cells[k], spec.kinds[k]));
        return (local.get(cells.length) ?? []).every((c) => holds(c, vs) !== false);
      }
    );
    if (split.truncated)
      return refuse(
        `的数字连在一起（原文“${raw}”），可能的拆分过多，无法确定`,
        `fused digits "${raw}" have too many possible splits`
      );
    if (split.candidates.length === 0)
      return refuse(
        `的数字连在一起（原文“${raw}”），没有一种拆分符合表内勾稽关系`,
        `fused digits "${raw}": no split satisfies the table's arithmetic`
      );
    const candidates = split.candidates.map((cells) =>
      cells.map((c, k) => quietValue(c, spec.kinds[k]))
    );
    if (candidates.length === 1) return this.accepted(spec, raw, split.candidates[0]);
    return { status: "ambiguous", raw, candidates };
  }

  private accepted(spec: RowSpec, raw: string, cells: string[]): RowRead {
    const values = cells.map((c, k) => this.cell(spec.pointers[k], c));
    this.notes.push(
      note(
        spec.pointer,
        `“${spec.name}”一行的数字连在一起（原文“${raw}”），只有一种拆分符合表内勾稽关系：${values.join(" | ")}`,
        `Row "${spec.nameEn}": fused digits "${raw}" have exactly one split satisfying the table's arithmetic: ${values.join(" | ")}`
      )
    );
    return { status: "values", values };
  }

  /** A cell's text as a value; what it had to be read into (a unit, a placeholder) is noted. */
  private cell(pointer: Pointer, text: string): CellValue {
    const def = cellDef(this.format, pointer)!;
    const r = interpretCell({ type: "text", text }, def.kind, "document");
    if (r.status === "ok") return r.value;
    if (r.status === "invalid" && r.fix !== undefined) {
      this.notes.push(
        note(
          pointer,
          `${def.label}：原文为“${text}”，按 ${r.fix} 导入`,
          `${def.labelEn}: "${text}" imported as ${r.fix}`
        )
      );
      return r.fix;
    }
    if (r.status === "invalid")
      this.notes.push(
        note(
          pointer,
          `${def.label}：${r.message}；该格留空`,
          `${def.labelEn}: ${r.messageEn}; left blank`
        )
      );
    return null;
  }

  /**
   * Rows with several possible splits, decided together by the checks that span rows (outcome totals,
   * balance): a row is read only if every consistent combination gives it the same values.
   */
  private resolveAcrossRows() {
    const rows = this.ambiguous;
    if (rows.length === 0) return;
    const rowOf = new Map<Pointer, number>();
    rows.forEach((r, k) => r.spec.pointers.forEach((p) => rowOf.set(p, k)));
    // checks spanning rows (those within one row were applied when it was split), each evaluated at the
    // depth where its last open row is assigned
    const atDepth: ArithmeticCheck[][] = rows.map(() => []);
    for (const c of this.checks) {
      const ps = terms(c);
      const open = ps.filter((p) => rowOf.has(p));
      if (open.length === 0) continue;
      if (!ps.every((p) => rowOf.has(p) || typeof this.values.get(p) === "number")) continue;
      const depths = open.map((p) => rowOf.get(p)!);
      const last = Math.max(...depths);
      if (open.length === ps.length && depths.every((d) => d === last)) continue;
      atDepth[last].push(c);
    }
    const assigned = new Map<Pointer, CellValue>(this.values);
    // first, checks in which one open row is the only unknown filter its candidates on their own
    for (const [k, row] of rows.entries()) {
      const alone = this.checks.filter((c) => {
        const ps = terms(c);
        return (
          ps.some((p) => rowOf.get(p) === k) &&
          ps.every(
            (p) => rowOf.get(p) === k || (!rowOf.has(p) && typeof this.values.get(p) === "number")
          )
        );
      });
      if (alone.length === 0) continue;
      row.candidates = row.candidates.filter((cand) => {
        row.spec.pointers.forEach((p, i) => assigned.set(p, cand[i]));
        const ok = alone.every((c) => holds(c, assigned) !== false);
        row.spec.pointers.forEach((p) => assigned.delete(p));
        return ok;
      });
    }
    const used = rows.map(() => new Set<number>());
    const choice: number[] = [];
    let steps = 0;
    let exhausted = false;
    const walk = (r: number): void => {
      if (exhausted) return;
      if (++steps > 20_000) {
        exhausted = true;
        return;
      }
      if (r === rows.length) {
        choice.forEach((c, k) => used[k].add(c));
        return;
      }
      rows[r].candidates.forEach((cand, ci) => {
        rows[r].spec.pointers.forEach((p, k) => assigned.set(p, cand[k]));
        if (atDepth[r].every((c) => holds(c, assigned) !== false)) {
          choice.push(ci);
          walk(r + 1);
          choice.pop();
        }
        rows[r].spec.pointers.forEach((p) => assigned.delete(p));
      });
    };
    walk(0);
    rows.forEach((row, k) => {
      const { spec, raw, candidates } = row;
      if (!exhausted && used[k].size === 1) {
        const read = this.accepted(spec, raw, candidates[[...used[k]][0]].map(String));
        if (read.status === "values")
          read.values.forEach((v, i) => this.values.set(spec.pointers[i], v));
        return;
      }
      const count = exhausted ? candidates.length : used[k].size;
      this.notes.push(
        note(
          spec.pointer,
          count === 0
            ? `“${spec.name}”一行的数字连在一起（原文“${raw}”），没有一种拆分符合表内勾稽关系，未导入该行`
            : `“${spec.name}”一行的数字连在一起（原文“${raw}”），有 ${count} 种拆分都符合表内勾稽关系，无法确定，未导入该行`,
          count === 0
            ? `Row "${spec.nameEn}": fused digits "${raw}": no split satisfies the table's arithmetic; not imported`
            : `Row "${spec.nameEn}": fused digits "${raw}" have ${count} splits satisfying the table's arithmetic; not imported`
        )
      );
    });
  }
}

const terms = (c: ArithmeticCheck): Pointer[] => [...c.actual, ...c.expected].map((t) => t.pointer);

/** Whether a check holds on these values; undefined while one of its cells is not known. */
function holds(c: ArithmeticCheck, values: ReadonlyMap<Pointer, CellValue>): boolean | undefined {
  let sum = 0;
  for (const [side, sign] of [
    [c.actual, 1],
    [c.expected, -1],
  ] as const) {
    for (const t of side) {
      const v = values.get(t.pointer);
      if (typeof v !== "number") return undefined;
      sum += sign * t.coefficient * v;
    }
  }
  return Math.abs(sum) < 1e-9;
}

/** A piece of a split as its number, without notes (only the chosen split is noted). */
function quietValue(text: string, kind: ValueKind): CellValue {
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  const r = interpretCell({ type: "text", text }, kind, "document");
  return r.status === "ok" ? r.value : r.status === "invalid" && r.fix !== undefined ? r.fix : null;
}
