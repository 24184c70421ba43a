/**
 * Defined names. Each is a HyperFormula named expression (so formulas that use it compute, and its
 * reference moves when rows are inserted or deleted or its sheet is renamed) plus what Excel keeps beside
 * it: the name's own spelling, scope, comment, visibility, and the text Excel shows once it broke.
 */
import { hyperFormula } from "./engine";
import { type Area, formatArea, quoteSheetName } from "./address";
import { simError } from "./errors";
import {
  absolutize,
  breakSheetRefs,
  qualify,
  referencesSheet,
  refArea,
  renameSheetRefs,
  soleReference,
} from "./formula";
import { engineValue, type SheetModel, type WorkbookModel } from "./workbook-model";
import { type CellValue } from "./values";

export interface NameModel {
  name: string;
  /** null: workbook scope */
  scopeSheetId: string | null;
  comment: string;
  visible: boolean;
  /** Excel's text for a name whose reference was deleted (`=Sheet1!#REF!`, `=#REF!$B$3`) */
  broken?: string;
}

export type NameType = "String" | "Integer" | "Double" | "Boolean" | "Range" | "Error" | "Array";

/** Names HyperFormula can hold as they are (Latin letters; not shaped like a cell). */
const ENGINE_NAME = /^[A-Za-z\u00C0-\u02AF_][A-Za-z\u00C0-\u02AF0-9_.]*$/;
const ALIAS_PREFIX = "_xs_";

/**
 * Excel's rules for a defined name: first a letter (any script), `_` or `\`; then letters, digits, `.`,
 * `_`, `\`; at most 255 characters; not TRUE/FALSE; not shaped like an A1 reference within the grid
 * (`A1`, `XFD1048576`) nor like an R1C1 reference (`R`, `C`, `R1`, `C1`, `RC`, `R1C1`).
 */
export function isValidName(name: unknown): name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > 255) return false;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return false;
  if (/^(TRUE|FALSE)$/i.test(name)) return false;
  if (/^(R\d*)?(C\d*)?$/i.test(name)) return false;
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1) {
    let col = 0;
    for (const ch of a1[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
    const row = Number(a1[2]);
    if (col <= 16384 && row >= 1 && row <= 1048576) return false;
  }
  return true;
}

export class NameStore {
  readonly list: NameModel[] = [];

  constructor(private readonly wb: WorkbookModel) {}

  /** The name as HyperFormula holds it: itself, or a reversible alias for names it cannot parse. */
  engineName(name: string): string {
    if (ENGINE_NAME.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)) return name;
    return (
      ALIAS_PREFIX +
      [...name.toLowerCase()].map((ch) => ch.codePointAt(0)!.toString(16).padStart(5, "0")).join("")
    );
  }

  /** Back from the engine: the defined name's own spelling (Excel re-cases names in formulas). */
  displayName(engine: string): string {
    let plain = engine;
    if (engine.startsWith(ALIAS_PREFIX)) {
      const hex = engine.slice(ALIAS_PREFIX.length);
      plain = (hex.match(/.{5}/g) ?? []).map((h) => String.fromCodePoint(parseInt(h, 16))).join("");
    }
    const lower = plain.toLowerCase();
    return this.list.find((n) => n.name.toLowerCase() === lower)?.name ?? plain;
  }

  private scopeHf(n: { scopeSheetId: string | null }): number | undefined {
    return n.scopeSheetId === null ? undefined : this.wb.sheetById(n.scopeSheetId)?.hf;
  }

  find(name: string, scopeSheetId: string | null): NameModel | undefined {
    const lower = name.toLowerCase();
    return this.list.find((n) => n.scopeSheetId === scopeSheetId && n.name.toLowerCase() === lower);
  }

  /** What a formula on `sheetId` means by `name`: its sheet-scoped name first, then the workbook's. */
  resolve(name: string, sheetId?: string): NameModel | undefined {
    return (sheetId ? this.find(name, sheetId) : undefined) ?? this.find(name, null);
  }

  inScope(scopeSheetId: string | null): NameModel[] {
    return this.list.filter((n) => n.scopeSheetId === scopeSheetId);
  }

  /**
   * A reference as the engine must hold it: with "=", every reference sheet-qualified (unqualified ones
   * mean the scope's sheet, or the active sheet for workbook names) and absolute. ⚠ Excel keeps relative
   * references in names relative to the active cell; HyperFormula cannot, so they are made absolute here
   * (what Excel does when the active cell is A1).
   */
  private normalize(formula: string, scopeSheetId: string | null): string {
    const body = formula.startsWith("=") ? formula : "=" + formula;
    const owner = this.wb.sheetById(scopeSheetId ?? this.wb.activeSheetId);
    return absolutize(owner ? qualify(body, owner.name) : body);
  }

  add(name: unknown, formula: string, scopeSheetId: string | null, comment: string): NameModel {
    if (!isValidName(name))
      throw simError("InvalidArgument", `The name '${String(name)}' is not valid.`);
    if (this.find(name, scopeSheetId)) {
      throw simError(
        "ItemAlreadyExists",
        `A resource with the same name or identifier already exists. ('${name}')`
      );
    }
    const n: NameModel = { name, scopeSheetId, comment, visible: true };
    const text = this.normalize(formula, scopeSheetId);
    const engine = this.engineName(name);
    const expr = this.wb.toEngine(text);
    if (!this.wb.hf.isItPossibleToAddNamedExpression(engine, expr, this.scopeHf(n))) {
      throw simError("InvalidArgument", `The reference '${formula}' is not valid for a name.`);
    }
    this.wb.hf.addNamedExpression(engine, expr, this.scopeHf(n));
    this.list.push(n);
    this.wb.emit({ type: "touched" });
    return n;
  }

  formula(n: NameModel): string {
    if (n.broken !== undefined) return n.broken;
    const f = this.wb.hf.getNamedExpressionFormula(this.engineName(n.name), this.scopeHf(n));
    return f === undefined ? "=#REF!" : this.wb.fromEngine(f);
  }

  setFormula(n: NameModel, formula: unknown): void {
    if (typeof formula !== "string" || formula.trim() === "") {
      throw simError("InvalidArgument", "A name's formula must be a non-empty string.");
    }
    const text = this.normalize(formula, n.scopeSheetId);
    const expr = this.wb.toEngine(text);
    if (!this.wb.hf.validateFormula(expr))
      throw simError("InvalidArgument", `The formula '${formula}' is not valid.`);
    this.wb.hf.changeNamedExpression(this.engineName(n.name), expr, this.scopeHf(n));
    delete n.broken;
    this.wb.emit({ type: "touched" });
  }

  remove(n: NameModel): void {
    const i = this.list.indexOf(n);
    if (i < 0) return;
    this.wb.hf.removeNamedExpression(this.engineName(n.name), this.scopeHf(n));
    this.list.splice(i, 1);
    this.wb.emit({ type: "touched" });
  }

  isLive(n: NameModel): boolean {
    return this.list.includes(n);
  }

  /** The sheet and area a name refers to, when it is a plain reference to an existing sheet. */
  target(n: NameModel): { sheet: SheetModel; area: Area } | undefined {
    if (n.broken !== undefined) return undefined;
    const ref = soleReference(this.formula(n));
    if (!ref || ref.sheet === undefined) return undefined;
    const sheet = this.wb.sheetByName(ref.sheet);
    return sheet ? { sheet, area: refArea(ref) } : undefined;
  }

  type(n: NameModel): NameType {
    if (n.broken !== undefined) return "Error";
    if (this.target(n)) return "Range";
    const v = this.wb.hf.getNamedExpressionValue(this.engineName(n.name), this.scopeHf(n));
    if (v instanceof hyperFormula().DetailedCellError) return "Error";
    if (typeof v === "number") return "Double";
    if (typeof v === "boolean") return "Boolean";
    if (typeof v === "string") return "String";
    return "Array";
  }

  /** `NamedItem.value`: the address for a range ("Sheet1!$B$3"), "#REF!" when broken, else the value. */
  value(n: NameModel): CellValue | "" {
    if (n.broken !== undefined) return "#REF!";
    const t = this.type(n);
    if (t === "Range") return this.formula(n).replace(/^=/, "");
    return engineValue(
      this.wb.hf.getNamedExpressionValue(this.engineName(n.name), this.scopeHf(n))
    );
  }

  snapshot(): Map<NameModel, string> {
    return new Map(this.list.map((n) => [n, this.formula(n)]));
  }

  /**
   * After rows were deleted: a name whose cells were all deleted reads, in Excel, `=Sheet1!#REF!`; the
   * engine keeps `=#REF!` (so formulas using the name show #REF!), and the Excel text is kept beside it.
   */
  afterDeleteRows(before: Map<NameModel, string>): void {
    for (const n of this.list) {
      if (n.broken !== undefined) continue;
      const was = before.get(n);
      const now = this.formula(n);
      if (was === undefined || !now.includes("#REF!") || was.includes("#REF!")) continue;
      const ref = soleReference(was);
      n.broken = ref?.sheet !== undefined ? `=${quoteSheetName(ref.sheet)}!#REF!` : now;
    }
  }

  /**
   * A deleted sheet takes its sheet-scoped names with it; workbook names into it become `=#REF!$B$3`
   * (⚠ Excel's text as commonly shown; not confirmed in a Microsoft source).
   */
  onDeleteSheet(sheet: SheetModel): void {
    for (const n of [...this.list]) {
      if (n.scopeSheetId === sheet.id) {
        this.remove(n);
        continue;
      }
      if (n.broken !== undefined) continue;
      const f = this.formula(n);
      if (!referencesSheet(f, sheet.name)) continue;
      const ref = soleReference(f);
      n.broken = ref ? `=#REF!${formatArea(refArea(ref), true)}` : breakSheetRefs(f, sheet.name);
      this.wb.hf.changeNamedExpression(this.engineName(n.name), "=#REF!", this.scopeHf(n));
    }
  }

  onRenameSheet(before: string, after: string): void {
    for (const n of this.list)
      if (n.broken !== undefined) n.broken = renameSheetRefs(n.broken, before, after);
  }
}
