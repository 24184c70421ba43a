/**
 * Conditional formats and data validation: rules whose formulas are written for the top-left cell of
 * their range and apply, with relative references shifted, to every cell of it (Excel's semantics).
 *
 * Each rule formula is stored, sheet-qualified, in a cell of a hidden HyperFormula sheet, so that
 * inserting or deleting rows and renaming sheets rewrite it exactly as they rewrite cell formulas. To
 * evaluate a rule for one cell, the formula is shifted by the cell's offset from the anchor and computed
 * with `calculateFormula`. When the anchor row itself is deleted, the formula is first re-anchored to the
 * first surviving cell, so each remaining cell keeps its meaning.
 */
import { hyperFormula } from "./engine";
import {
  type Area,
  areaContains,
  cellCount,
  intersect,
  shiftAreaForDelete,
  shiftAreaForInsert,
  subtract,
} from "./address";
import { notSimulated, simError } from "./errors";
import { breakSheetRefs, qualify, referencesSheet, shiftRelative, unqualify } from "./formula";
import { type CellValue } from "./values";
import { engineValue, type SheetModel, type WorkbookModel } from "./workbook-model";

export type CfType =
  | "Custom"
  | "DataBar"
  | "ColorScale"
  | "IconSet"
  | "TopBottom"
  | "PresetCriteria"
  | "ContainsText"
  | "CellValue";

export interface CfModel {
  id: string;
  sheetId: string;
  ranges: Area[];
  type: CfType;
  /** rules-sheet row of the custom formula */
  slot?: number;
  stopIfTrue: boolean;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
}

export type DvType =
  "None" | "WholeNumber" | "Decimal" | "List" | "Date" | "Time" | "TextLength" | "Custom";

export const DV_OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
] as const;

export interface DvAlert {
  showAlert: boolean;
  style: "Stop" | "Warning" | "Information";
  title: string;
  message: string;
}

export interface DvPrompt {
  showPrompt: boolean;
  title: string;
  message: string;
}

export interface DvRecord {
  id: number;
  sheetId: string;
  anchor: { row: number; col: number };
  type: DvType;
  operator?: string;
  /** rules-sheet rows: formula1, formula2, custom formula, list source given as a reference */
  slots: { f1?: number; f2?: number; custom?: number; list?: number };
  /** date/time criteria are kept as given (not evaluated) */
  raw?: { formula1?: unknown; formula2?: unknown };
  listItems?: string;
  inCellDropDown?: boolean;
  errorAlert: DvAlert;
  prompt: DvPrompt;
  ignoreBlanks: boolean;
}

const DEFAULT_ALERT: DvAlert = { showAlert: true, style: "Stop", title: "", message: "" };
const DEFAULT_PROMPT: DvPrompt = { showPrompt: false, title: "", message: "" };
const DV_CELL_LIMIT = 200_000;

export class RuleStore {
  /** every conditional format; within one sheet, array order is priority order (0 first) */
  readonly cfs: CfModel[] = [];
  readonly dvs = new Map<number, DvRecord>();
  private nextSlot = 0;
  private freeSlots: number[] = [];
  private nextCfId = 1;
  private nextDvId = 1;
  /** per rule-formula slot: the engine's text of the formula and its shifted engine texts by "dr,dc" */
  private readonly shifted = new Map<number, { source: string; byOffset: Map<string, string> }>();

  constructor(private readonly wb: WorkbookModel) {}

  // ---------- rule formulas in the hidden sheet ----------

  private allocSlot(): number {
    return this.freeSlots.pop() ?? this.nextSlot++;
  }

  private freeSlot(slot: number | undefined): void {
    if (slot === undefined) return;
    this.wb.hf.setCellContents({ sheet: this.wb.rulesSheet, row: slot, col: 0 }, null);
    this.freeSlots.push(slot);
  }

  private writeSlot(slot: number, sheetName: string, formula: string): void {
    this.wb.assertFormula(formula);
    this.wb.hf.setCellContents(
      { sheet: this.wb.rulesSheet, row: slot, col: 0 },
      this.wb.toEngine(qualify(formula, sheetName))
    );
  }

  /** The rule formula, sheet-qualified, as it now reads after any structural change. */
  private slotText(slot: number): string {
    const f = this.wb.hf.getCellFormula({ sheet: this.wb.rulesSheet, row: slot, col: 0 });
    return f === undefined ? "" : this.wb.fromEngine(f);
  }

  /** The rule formula as Excel shows it on its own sheet (references there unqualified). */
  slotFormula(slot: number | undefined, sheet: SheetModel): string {
    return slot === undefined ? "" : unqualify(this.slotText(slot), sheet.name);
  }

  private shiftSlot(slot: number | undefined, dr: number, dc: number): void {
    if (slot === undefined || (dr === 0 && dc === 0)) return;
    const text = this.slotText(slot);
    this.wb.hf.setCellContents(
      { sheet: this.wb.rulesSheet, row: slot, col: 0 },
      this.wb.toEngine(shiftRelative(text, dr, dc))
    );
  }

  /**
   * Computes a rule formula for the cell (dr, dc) away from its anchor. Shifting the text is most of the
   * cost of painting a sheet, so each cell's shifted formula is kept until the rule's stored formula changes
   * (a rewrite, an insert or delete of rows, a renamed sheet all change the engine's text).
   */
  private calc(slot: number, sheet: SheetModel, dr: number, dc: number): unknown {
    const source =
      this.wb.hf.getCellFormula({ sheet: this.wb.rulesSheet, row: slot, col: 0 }) ?? "";
    let cached = this.shifted.get(slot);
    if (cached?.source !== source) {
      cached = { source, byOffset: new Map() };
      this.shifted.set(slot, cached);
    }
    const key = `${dr},${dc}`;
    let engineText = cached.byOffset.get(key);
    if (engineText === undefined) {
      engineText = this.wb.toEngine(shiftRelative(this.slotText(slot), dr, dc));
      cached.byOffset.set(key, engineText);
    }
    let v: unknown = this.wb.hf.calculateFormula(engineText, sheet.hf);
    while (Array.isArray(v)) v = v[0]?.[0];
    return v;
  }

  /** Excel treats a rule result as true when it is TRUE or a non-zero number; errors and text are false. */
  private truthy(v: unknown): boolean {
    if (v instanceof hyperFormula().DetailedCellError) return false;
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0;
    return false;
  }

  // ---------- conditional formats ----------

  /** A new rule goes to the top of its sheet's list (priority 0), as in Excel's rules manager. ⚠ */
  addCf(sheet: SheetModel, ranges: Area[], type: CfType): CfModel {
    const cf: CfModel = {
      id: String(this.nextCfId++),
      sheetId: sheet.id,
      ranges: ranges.map((r) => ({ ...r })),
      type,
      stopIfTrue: false,
      fill: null,
      fontColor: null,
      bold: null,
      italic: null,
    };
    const first = this.cfs.findIndex((c) => c.sheetId === sheet.id);
    this.cfs.splice(first < 0 ? this.cfs.length : first, 0, cf);
    this.wb.emit({ type: "touched" });
    return cf;
  }

  cfsOf(sheetId: string): CfModel[] {
    return this.cfs.filter((c) => c.sheetId === sheetId);
  }

  cfsIntersecting(sheetId: string, area: Area): CfModel[] {
    return this.cfsOf(sheetId).filter((c) => c.ranges.some((r) => intersect(r, area)));
  }

  isLive(cf: CfModel): boolean {
    return this.cfs.includes(cf);
  }

  priorityOf(cf: CfModel): number {
    return this.cfsOf(cf.sheetId).indexOf(cf);
  }

  /** Out-of-range priorities clamp to the ends (the d.ts documents this); negatives count from the back. */
  setPriority(cf: CfModel, priority: number): void {
    if (typeof priority !== "number" || !Number.isInteger(priority)) {
      throw simError("InvalidArgument", "A priority must be an integer.");
    }
    const same = this.cfsOf(cf.sheetId).filter((c) => c !== cf);
    let p = priority < 0 ? same.length + 1 + priority : priority;
    p = Math.max(0, Math.min(p, same.length));
    same.splice(p, 0, cf);
    const others = this.cfs.filter((c) => c.sheetId !== cf.sheetId);
    this.cfs.splice(0, this.cfs.length, ...others, ...same);
    this.wb.emit({ type: "touched" });
  }

  setCfFormula(cf: CfModel, sheet: SheetModel, formula: unknown): void {
    if (cf.type !== "Custom")
      throw simError("InvalidOperation", "Only a custom conditional format has a rule formula.");
    // ⚠ Excel may read a formula without "=" as text; the simulator requires the "=" to catch that slip
    if (typeof formula !== "string" || !formula.startsWith("=")) {
      throw simError(
        "InvalidArgument",
        `A conditional format rule formula must start with "=" (got ${JSON.stringify(formula)}).`
      );
    }
    const slot = cf.slot ?? this.allocSlot();
    this.writeSlot(slot, sheet.name, formula);
    cf.slot = slot;
    this.wb.emit({ type: "touched" });
  }

  deleteCf(cf: CfModel): void {
    const i = this.cfs.indexOf(cf);
    if (i < 0) return;
    this.cfs.splice(i, 1);
    this.freeSlot(cf.slot);
    this.wb.emit({ type: "touched" });
  }

  /** `conditionalFormats.clearAll()` on a range: rules lose that area; rules left with none go. */
  clearCfs(sheet: SheetModel, area: Area): void {
    for (const cf of this.cfsIntersecting(sheet.id, area)) {
      const rest = cf.ranges.flatMap((r) => subtract(r, area));
      if (rest.length === 0) this.deleteCf(cf);
      else this.reanchorCf(cf, sheet, rest);
    }
    this.wb.emit({ type: "touched" });
  }

  /** Gives a rule new ranges, moving its formula's anchor to the new first range's top-left cell. */
  private reanchorCf(cf: CfModel, sheet: SheetModel, ranges: Area[]): void {
    const old = cf.ranges[0];
    const next = ranges[0];
    this.shiftSlot(cf.slot, next.row - old.row, next.col - old.col);
    cf.ranges = ranges;
  }

  cfMatches(cf: CfModel, sheet: SheetModel, row: number, col: number): boolean {
    if (cf.type !== "Custom" || cf.slot === undefined) return false;
    if (!cf.ranges.some((r) => areaContains(r, row, col))) return false;
    const a = cf.ranges[0];
    return this.truthy(this.calc(cf.slot, sheet, row - a.row, col - a.col));
  }

  /**
   * What the conditional formats paint on a cell now: rules in priority order; a higher rule wins each
   * attribute it sets; `stopIfTrue` ends the search. Only custom (formula) rules are evaluated.
   */
  paintAt(
    sheet: SheetModel,
    row: number,
    col: number
  ): { fill?: string; fontColor?: string; bold?: boolean; italic?: boolean } {
    const out: { fill?: string; fontColor?: string; bold?: boolean; italic?: boolean } = {};
    for (const cf of this.cfsOf(sheet.id)) {
      if (!this.cfMatches(cf, sheet, row, col)) continue;
      if (out.fill === undefined && cf.fill !== null) out.fill = cf.fill;
      if (out.fontColor === undefined && cf.fontColor !== null) out.fontColor = cf.fontColor;
      if (out.bold === undefined && cf.bold !== null) out.bold = cf.bold;
      if (out.italic === undefined && cf.italic !== null) out.italic = cf.italic;
      if (cf.stopIfTrue) break;
    }
    return out;
  }

  // ---------- data validation ----------

  dvAt(sheet: SheetModel, row: number, col: number): DvRecord | undefined {
    const id = sheet.validation.get(row, col);
    return id === undefined ? undefined : this.dvs.get(id);
  }

  private assertDvArea(area: Area): void {
    if (cellCount(area) > DV_CELL_LIMIT)
      throw notSimulated(`data validation on ${cellCount(area)} cells`);
  }

  /** The records of `area`'s cells: one record, none, or mixed. */
  readDv(sheet: SheetModel, area: Area): { record?: DvRecord; mixed: boolean } {
    const ids = new Set<number>();
    let covered = 0;
    for (const [, , id] of sheet.validation.inArea(area)) {
      ids.add(id);
      covered++;
    }
    if (ids.size === 0) return { mixed: false };
    if (ids.size > 1 || covered < cellCount(area)) return { mixed: true };
    return { record: this.dvs.get([...ids][0]), mixed: false };
  }

  private formulaText(value: unknown, what: string): string {
    if (typeof value === "number" && Number.isFinite(value)) return `=${value}`;
    if (typeof value === "string") {
      const t = value.trim();
      if (t.startsWith("=")) return t;
      if (t !== "" && Number.isFinite(Number(t))) return `=${Number(t)}`;
    }
    throw simError(
      "InvalidArgument",
      `${what} must be a number, a numeric string or a formula starting with "=" (got ${JSON.stringify(value)}).`
    );
  }

  /**
   * `dataValidation.rule = {...}`: exactly one kind of criteria. The cells' alert, prompt and
   * ignoreBlanks are kept when they all shared one validation; otherwise Excel's defaults apply.
   */
  setDvRule(sheet: SheetModel, area: Area, rule: unknown): void {
    this.wb.assertAllowed(sheet, "structure");
    this.assertDvArea(area);
    if (typeof rule !== "object" || rule === null)
      throw simError("InvalidArgument", "A data validation rule must be an object.");
    const kinds = Object.entries(rule as Record<string, unknown>).filter(
      ([, v]) => v !== undefined && v !== null
    );
    if (kinds.length !== 1) {
      throw simError(
        "InvalidArgument",
        `A data validation rule has exactly one kind of criteria (got ${kinds.map(([k]) => k).join(", ") || "none"}).`
      );
    }
    const [kind, criteria] = kinds[0] as [string, Record<string, unknown>];
    const prev = this.readDv(sheet, area).record;
    const rec: DvRecord = {
      id: this.nextDvId++,
      sheetId: sheet.id,
      anchor: { row: area.row, col: area.col },
      type: "None",
      slots: {},
      errorAlert: { ...(prev?.errorAlert ?? DEFAULT_ALERT) },
      prompt: { ...(prev?.prompt ?? DEFAULT_PROMPT) },
      ignoreBlanks: prev?.ignoreBlanks ?? true,
    };
    const slot = (formula: string) => {
      const s = this.allocSlot();
      this.writeSlot(s, sheet.name, formula);
      return s;
    };
    const basic = (type: DvType, evaluate: boolean) => {
      const op = criteria?.operator;
      if (typeof op !== "string" || !(DV_OPERATORS as readonly string[]).includes(op)) {
        throw simError("InvalidArgument", `'${String(op)}' is not a data validation operator.`);
      }
      if (criteria.formula1 === undefined || criteria.formula1 === null)
        throw simError("InvalidArgument", "formula1 is required.");
      const two = op === "Between" || op === "NotBetween";
      if (two && (criteria.formula2 === undefined || criteria.formula2 === null)) {
        throw simError("InvalidArgument", `formula2 is required for ${op}.`);
      }
      rec.type = type;
      rec.operator = op;
      if (evaluate) {
        rec.slots.f1 = slot(this.formulaText(criteria.formula1, "formula1"));
        if (two) rec.slots.f2 = slot(this.formulaText(criteria.formula2, "formula2"));
      } else {
        rec.raw = { formula1: criteria.formula1, ...(two ? { formula2: criteria.formula2 } : {}) };
      }
    };
    switch (kind) {
      case "wholeNumber":
        basic("WholeNumber", true);
        break;
      case "decimal":
        basic("Decimal", true);
        break;
      case "textLength":
        basic("TextLength", true);
        break;
      case "date":
        basic("Date", false);
        break;
      case "time":
        basic("Time", false);
        break;
      case "custom": {
        const f = criteria?.formula;
        if (typeof f !== "string" || !f.startsWith("=")) {
          throw simError(
            "InvalidArgument",
            `A custom validation formula must start with "=" (got ${JSON.stringify(f)}).`
          );
        }
        rec.type = "Custom";
        rec.slots.custom = slot(f);
        break;
      }
      case "list": {
        const src = criteria?.source;
        if (typeof src !== "string" || src.trim() === "")
          throw simError("InvalidArgument", "A list validation needs a source.");
        rec.type = "List";
        if (src.startsWith("=")) rec.slots.list = slot(src);
        else rec.listItems = src;
        rec.inCellDropDown = criteria.inCellDropDown !== false;
        break;
      }
      default:
        throw simError("InvalidArgument", `'${kind}' is not a kind of data validation rule.`);
    }
    this.dvs.set(rec.id, rec);
    for (let r = area.row; r < area.row + area.rowCount; r++) {
      for (let c = area.col; c < area.col + area.colCount; c++) sheet.validation.set(r, c, rec.id);
    }
    this.collect(sheet);
    this.wb.emit({ type: "touched" });
  }

  /** errorAlert / prompt / ignoreBlanks on cells: each existing validation is split off with the change. */
  setDvProps(
    sheet: SheetModel,
    area: Area,
    patch: Partial<Pick<DvRecord, "errorAlert" | "prompt" | "ignoreBlanks">>
  ): void {
    this.wb.assertAllowed(sheet, "structure");
    this.assertDvArea(area);
    const clones = new Map<number, number>();
    for (let r = area.row; r < area.row + area.rowCount; r++) {
      for (let c = area.col; c < area.col + area.colCount; c++) {
        const id = sheet.validation.get(r, c) ?? 0;
        let to = clones.get(id);
        if (to === undefined) {
          const base = this.dvs.get(id);
          const rec: DvRecord = base
            ? { ...base, slots: {}, errorAlert: { ...base.errorAlert }, prompt: { ...base.prompt } }
            : {
                id: 0,
                sheetId: sheet.id,
                anchor: { row: area.row, col: area.col },
                type: "None",
                slots: {},
                errorAlert: { ...DEFAULT_ALERT },
                prompt: { ...DEFAULT_PROMPT },
                ignoreBlanks: true,
              };
          rec.id = this.nextDvId++;
          if (base) {
            // the clone needs its own copies of the formulas
            for (const key of ["f1", "f2", "custom", "list"] as const) {
              const s = base.slots[key];
              if (s === undefined) continue;
              const copy = this.allocSlot();
              this.wb.hf.setCellContents(
                { sheet: this.wb.rulesSheet, row: copy, col: 0 },
                this.wb.toEngine(this.slotText(s))
              );
              rec.slots[key] = copy;
            }
          }
          if (patch.errorAlert) rec.errorAlert = { ...rec.errorAlert, ...patch.errorAlert };
          if (patch.prompt) rec.prompt = { ...rec.prompt, ...patch.prompt };
          if (patch.ignoreBlanks !== undefined) rec.ignoreBlanks = patch.ignoreBlanks;
          this.dvs.set(rec.id, rec);
          clones.set(id, (to = rec.id));
        }
        sheet.validation.set(r, c, to);
      }
    }
    this.collect(sheet);
    this.wb.emit({ type: "touched" });
  }

  clearDv(sheet: SheetModel, area: Area): void {
    this.wb.assertAllowed(sheet, "structure");
    sheet.validation.clearArea(area);
    this.collect(sheet);
    this.wb.emit({ type: "touched" });
  }

  /** Drops records no cell uses any more (and frees their formulas). */
  private collect(sheet: SheetModel): void {
    const used = new Set<number>();
    for (const [, , id] of sheet.validation.entries()) used.add(id);
    for (const rec of [...this.dvs.values()]) {
      if (rec.sheetId !== sheet.id || used.has(rec.id)) continue;
      for (const s of Object.values(rec.slots)) this.freeSlot(s);
      this.dvs.delete(rec.id);
    }
  }

  /** `DataValidation.rule` as Office returns it: formulas always as "=…" strings. */
  ruleOut(rec: DvRecord, sheet: SheetModel): Record<string, unknown> {
    const f = (s: number | undefined) => this.slotFormula(s, sheet);
    const basic = () =>
      rec.raw
        ? {
            operator: rec.operator,
            formula1: String(rec.raw.formula1),
            ...(rec.raw.formula2 !== undefined ? { formula2: String(rec.raw.formula2) } : {}),
          }
        : {
            operator: rec.operator,
            formula1: f(rec.slots.f1),
            ...(rec.slots.f2 !== undefined ? { formula2: f(rec.slots.f2) } : {}),
          };
    switch (rec.type) {
      case "WholeNumber":
        return { wholeNumber: basic() };
      case "Decimal":
        return { decimal: basic() };
      case "TextLength":
        return { textLength: basic() };
      case "Date":
        return { date: basic() };
      case "Time":
        return { time: basic() };
      case "Custom":
        return { custom: { formula: f(rec.slots.custom) } };
      case "List":
        return {
          list: {
            inCellDropDown: rec.inCellDropDown,
            source: rec.slots.list !== undefined ? f(rec.slots.list) : rec.listItems,
          },
        };
      default:
        return {};
    }
  }

  private number(
    slot: number | undefined,
    sheet: SheetModel,
    dr: number,
    dc: number
  ): number | undefined {
    if (slot === undefined) return undefined;
    const v = this.calc(slot, sheet, dr, dc);
    return typeof v === "number" ? v : undefined;
  }

  /**
   * Whether `value` satisfies the validation for cell (row, col). Blank passes when ignoreBlanks. Custom
   * formulas are computed against the workbook as it is (callers put the value in place first). ⚠ Date
   * and time criteria are not evaluated (always valid).
   */
  isValid(
    rec: DvRecord,
    sheet: SheetModel,
    row: number,
    col: number,
    value: CellValue | ""
  ): boolean {
    if (value === "" && rec.ignoreBlanks) return true;
    const dr = row - rec.anchor.row;
    const dc = col - rec.anchor.col;
    const cmp = (v: number) => {
      const a = this.number(rec.slots.f1, sheet, dr, dc);
      const b = this.number(rec.slots.f2, sheet, dr, dc);
      if (a === undefined) return false;
      switch (rec.operator) {
        case "Between":
          return b !== undefined && v >= a && v <= b;
        case "NotBetween":
          return b !== undefined && (v < a || v > b);
        case "EqualTo":
          return v === a;
        case "NotEqualTo":
          return v !== a;
        case "GreaterThan":
          return v > a;
        case "LessThan":
          return v < a;
        case "GreaterThanOrEqualTo":
          return v >= a;
        case "LessThanOrEqualTo":
          return v <= a;
      }
      return false;
    };
    const num = value === "" ? 0 : value;
    switch (rec.type) {
      case "None":
      case "Date":
      case "Time":
        return true;
      case "WholeNumber":
        return typeof num === "number" && Number.isInteger(num) && cmp(num);
      case "Decimal":
        return typeof num === "number" && cmp(num);
      case "TextLength":
        return cmp(String(value === "" ? "" : value).length);
      case "List": {
        let items: string[];
        if (rec.slots.list !== undefined) {
          const text = shiftRelative(this.slotText(rec.slots.list), 0, 0);
          const v = this.wb.hf.calculateFormula(this.wb.toEngine(text), sheet.hf);
          items = (Array.isArray(v) ? v.flat() : [v]).map((x) => String(engineValue(x)));
        } else items = (rec.listItems ?? "").split(",").map((s) => s.trim());
        return items.includes(String(value));
      }
      case "Custom":
        return (
          rec.slots.custom !== undefined && this.truthy(this.calc(rec.slots.custom, sheet, dr, dc))
        );
    }
  }

  /** `DataValidation.valid`: true when every cell passes, false when none does, null when mixed. */
  validity(sheet: SheetModel, area: Area): boolean | null {
    this.assertDvArea(area);
    let ok = 0;
    let bad = 0;
    for (let r = area.row; r < area.row + area.rowCount; r++) {
      for (let c = area.col; c < area.col + area.colCount; c++) {
        const rec = this.dvAt(sheet, r, c);
        if (!rec || this.isValid(rec, sheet, r, c, this.wb.value(sheet, r, c))) ok++;
        else bad++;
      }
    }
    return bad === 0 ? true : ok === 0 ? false : null;
  }

  /** The validation records of a sheet with the rectangles each covers (rows of equal runs merged). */
  dvAreas(sheet: SheetModel): { record: DvRecord; areas: Area[] }[] {
    const byId = new Map<number, Map<number, number[]>>();
    for (const [r, c, id] of sheet.validation.entries()) {
      let rows = byId.get(id);
      if (!rows) byId.set(id, (rows = new Map()));
      let cols = rows.get(r);
      if (!cols) rows.set(r, (cols = []));
      cols.push(c);
    }
    const out: { record: DvRecord; areas: Area[] }[] = [];
    for (const [id, rows] of byId) {
      const record = this.dvs.get(id);
      if (!record) continue;
      const runs: Area[] = [];
      for (const r of [...rows.keys()].sort((a, b) => a - b)) {
        const cols = rows.get(r)!.sort((a, b) => a - b);
        let start = cols[0];
        for (let i = 1; i <= cols.length; i++) {
          if (i < cols.length && cols[i] === cols[i - 1] + 1) continue;
          const run: Area = { row: r, col: start, rowCount: 1, colCount: cols[i - 1] - start + 1 };
          const above = runs.find(
            (a) => a.col === run.col && a.colCount === run.colCount && a.row + a.rowCount === r
          );
          if (above) above.rowCount++;
          else runs.push(run);
          start = cols[i];
        }
      }
      out.push({ record, areas: runs.sort((a, b) => a.row - b.row || a.col - b.col) });
    }
    return out.sort((a, b) => a.record.id - b.record.id);
  }

  // ---------- structural edits ----------

  insertRows(sheet: SheetModel, at: number, count: number): void {
    for (const cf of this.cfsOf(sheet.id))
      cf.ranges = cf.ranges.map((r) => shiftAreaForInsert(r, at, count));
    sheet.validation.insertRows(at, count);
    if (at > 0) {
      // validation the insertion falls inside covers the new rows too
      for (const [c, id] of sheet.validation.rowEntries(at - 1)) {
        if (sheet.validation.get(at + count, c) !== id) continue;
        for (let r = at; r < at + count; r++) sheet.validation.set(r, c, id);
      }
    }
    for (const rec of this.dvs.values()) {
      if (rec.sheetId === sheet.id && rec.anchor.row >= at)
        rec.anchor = { ...rec.anchor, row: rec.anchor.row + count };
    }
  }

  /** Before rows go: rules whose anchor row is deleted are re-anchored to their first surviving cell. */
  beforeDeleteRows(sheet: SheetModel, at: number, count: number): void {
    const toOld = (row: number) => (row < at ? row : row + count);
    for (const cf of this.cfsOf(sheet.id)) {
      const after = cf.ranges
        .map((r) => shiftAreaForDelete(r, at, count))
        .filter((r): r is Area => r !== undefined);
      if (after.length === 0) continue;
      const old = cf.ranges[0];
      this.shiftSlot(cf.slot, toOld(after[0].row) - old.row, after[0].col - old.col);
    }
    for (const rec of this.dvs.values()) {
      if (rec.sheetId !== sheet.id || rec.anchor.row < at || rec.anchor.row >= at + count) continue;
      let first: [number, number] | undefined;
      for (const [r, c, id] of sheet.validation.entries()) {
        if (id !== rec.id || (r >= at && r < at + count)) continue;
        if (!first || r < first[0] || (r === first[0] && c < first[1])) first = [r, c];
      }
      if (!first) continue;
      const dr = first[0] - rec.anchor.row;
      const dc = first[1] - rec.anchor.col;
      for (const s of Object.values(rec.slots)) this.shiftSlot(s, dr, dc);
      rec.anchor = { row: first[0], col: first[1] };
    }
  }

  deleteRows(sheet: SheetModel, at: number, count: number): void {
    for (const cf of this.cfsOf(sheet.id)) {
      const after = cf.ranges
        .map((r) => shiftAreaForDelete(r, at, count))
        .filter((r): r is Area => r !== undefined);
      if (after.length === 0) this.deleteCf(cf);
      else cf.ranges = after;
    }
    sheet.validation.deleteRows(at, count);
    for (const rec of this.dvs.values()) {
      if (rec.sheetId === sheet.id && rec.anchor.row >= at + count) {
        rec.anchor = { ...rec.anchor, row: rec.anchor.row - count };
      }
    }
    this.collect(sheet);
  }

  onDeleteSheet(sheet: SheetModel): void {
    for (const cf of this.cfsOf(sheet.id)) this.deleteCf(cf);
    for (const rec of [...this.dvs.values()]) {
      if (rec.sheetId !== sheet.id) continue;
      for (const s of Object.values(rec.slots)) this.freeSlot(s);
      this.dvs.delete(rec.id);
    }
  }

  /** Rule formulas on other sheets that referred to a deleted sheet now read #REF!. */
  breakRefsTo(sheetName: string): void {
    const slots = [
      ...this.cfs.map((c) => c.slot),
      ...[...this.dvs.values()].flatMap((r) => Object.values(r.slots)),
    ].filter((s): s is number => s !== undefined);
    for (const s of slots) {
      const text = this.slotText(s);
      if (referencesSheet(text, sheetName)) {
        this.wb.hf.setCellContents(
          { sheet: this.wb.rulesSheet, row: s, col: 0 },
          this.wb.toEngine(breakSheetRefs(text, sheetName))
        );
      }
    }
  }
}
