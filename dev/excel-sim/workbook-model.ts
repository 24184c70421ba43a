/**
 * The simulated workbook's state. Cell contents and calculation live in HyperFormula (a real formula
 * engine: formulas, cross-sheet references and defined names are computed, and references move when rows
 * are inserted or deleted or a sheet is renamed). Everything Excel keeps beside the contents (formats,
 * merges, protection, widths) lives here, shifted by the same structural edits. Names, conditional
 * formats and data validation have their own stores (names-model.ts, rules-model.ts).
 *
 * The model knows nothing of Office.js proxies or batching: it applies one change at a time, checks it
 * the way Excel would (protection, merged cells, shapes), and reports what changed as ModelEvents, from
 * which events.ts builds `onChanged` arguments and user.ts its undo stack.
 */
import type { HyperFormula, RawCellContent } from "hyperformula";
import { hyperFormula } from "./engine";
import {
  type Area,
  areaContains,
  areaContainsArea,
  cellCount,
  formatArea,
  intersect,
  isEntireColumns,
  isEntireRows,
  MAX_COLS,
  MAX_ROWS,
  shiftAreaForDelete,
  shiftAreaForInsert,
} from "./address";
import { simError, notSimulated } from "./errors";
import { breakSheetRefs, fromEngine, referencesSheet, shiftRelative, toEngine } from "./formula";
import { NameStore } from "./names-model";
import { RuleStore } from "./rules-model";
import { SparseGrid } from "./sparse-grid";
import {
  type CellInput,
  type CellValue,
  formatValue,
  isErrorValue,
  normalizeColor,
  parseTyped,
} from "./values";

export type Origin = { kind: "addin" } | { kind: "user"; remote: boolean };

export type ChangeType = "RangeEdited" | "RowInserted" | "RowDeleted";

/** What a cell holds, as HyperFormula serializes it (formula text, a number/boolean, `'text`, or null). */
export type RawContent = RawCellContent;

export type UndoPart =
  | { kind: "cells"; sheetId: string; area: Area; before: RawContent[][] }
  | { kind: "insertRows"; sheetId: string; at: number; count: number }
  | { kind: "deleteRows"; sheetId: string; at: number; count: number; before: RawContent[][] }
  | { kind: "rename"; sheetId: string; before: string };

export type ModelEvent =
  | {
      type: "changed";
      sheetId: string;
      area: Area;
      changeType: ChangeType;
      origin: Origin;
      /** single-cell edits only */
      detail?: { before: CellValue | ""; after: CellValue | "" };
      formatOnly?: boolean;
    }
  | { type: "sheetRenamed"; sheetId: string; before: string; after: string; origin: Origin }
  | { type: "undo"; part: UndoPart }
  /** protect/unprotect, sheet deletion: operations Excel cannot undo, which clear the undo stack */
  | { type: "undoBarrier" }
  /** anything else that changes what a grid shows */
  | { type: "touched" };

export interface Border {
  style: string;
  color: string;
  weight: string;
}

export interface CellFormat {
  numberFormat: string;
  /** null: no fill */
  fill: string | null;
  fontColor: string;
  bold: boolean;
  italic: boolean;
  underline: string;
  fontSize: number;
  fontName: string;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  locked: boolean;
  formulaHidden: boolean;
  borderTop?: Border;
  borderBottom?: Border;
  borderLeft?: Border;
  borderRight?: Border;
}

/** A new workbook's Normal style. ⚠ A Chinese-locale Excel uses 等线 (DengXian) 11 rather than Calibri. */
export const DEFAULT_FORMAT: Readonly<CellFormat> = {
  numberFormat: "General",
  fill: null,
  fontColor: "#000000",
  bold: false,
  italic: false,
  underline: "None",
  fontSize: 11,
  fontName: "Calibri",
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  wrapText: false,
  locked: true,
  formulaHidden: false,
};

/** Points, at 100% zoom, for Calibri 11: 8.43 characters = 64 px = 48 pt; rows 15 pt. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export interface ProtectionOptions {
  allowAutoFilter: boolean;
  allowDeleteColumns: boolean;
  allowDeleteRows: boolean;
  allowEditObjects: boolean;
  allowEditScenarios: boolean;
  allowFormatCells: boolean;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowInsertColumns: boolean;
  allowInsertHyperlinks: boolean;
  allowInsertRows: boolean;
  allowPivotTables: boolean;
  allowSort: boolean;
  selectionMode: "Normal" | "Unlocked" | "None";
}

export function defaultProtectionOptions(): ProtectionOptions {
  return {
    allowAutoFilter: false,
    allowDeleteColumns: false,
    allowDeleteRows: false,
    allowEditObjects: false,
    allowEditScenarios: false,
    allowFormatCells: false,
    allowFormatColumns: false,
    allowFormatRows: false,
    allowInsertColumns: false,
    allowInsertHyperlinks: false,
    allowInsertRows: false,
    allowPivotTables: false,
    allowSort: false,
    selectionMode: "Normal",
  };
}

/** `Excel.PageLayout` of one sheet. Print area and title rows are not moved by row edits (a limit). */
export interface PageLayoutModel {
  paperSize: string;
  orientation: string;
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  centerHorizontally: boolean;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  printArea: Area | null;
  printTitleRows: Area | null;
}

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export class SheetModel {
  readonly formats = new SparseGrid<Partial<CellFormat>>();
  /** cell → data-validation record id (rules-model.ts) */
  readonly validation = new SparseGrid<number>();
  colWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  merges: Area[] = [];
  visibility: SheetVisibility = "Visible";
  tabColor = "";
  showGridlines = true;
  frozenRows = 0;
  frozenCols = 0;
  /** Excel's defaults for a new sheet: Letter, portrait, "Normal" margins (in points), 100 %. */
  pageLayout: PageLayoutModel = {
    paperSize: "Letter",
    orientation: "Portrait",
    leftMargin: 50.4,
    rightMargin: 50.4,
    topMargin: 54,
    bottomMargin: 54,
    headerMargin: 21.6,
    footerMargin: 21.6,
    centerHorizontally: false,
    zoom: { scale: 100 },
    printArea: null,
    printTitleRows: null,
  };
  protection: { protected: boolean; options: ProtectionOptions; password?: string } = {
    protected: false,
    options: defaultProtectionOptions(),
  };

  constructor(
    readonly id: string,
    public name: string,
    readonly hf: number
  ) {}
}

/** What a protected sheet forbids unless its options allow it (Excel's "Protect Sheet" checkboxes). */
export type ProtectedAction =
  "formatCells" | "formatColumns" | "formatRows" | "insertRows" | "deleteRows" | "structure";

/** Cell formats beyond this many cells per call are refused rather than stored cell by cell. */
const FORMAT_CELL_LIMIT = 200_000;
/** Excel's documented read limit: `Range.values` of more cells may come back null. */
const READ_CELL_LIMIT = 5_000_000;

const RULES_SHEET = "__excel_sim_rules__";

export class WorkbookModel {
  readonly rulesSheet: number;
  readonly sheets: SheetModel[] = [];
  readonly names: NameStore;
  readonly rules: RuleStore;
  /** JSON text per key (`workbook.settings`) */
  readonly settings = new Map<string, string>();
  activeSheetId = "";
  selection: { sheetId: string; area: Area } = {
    sheetId: "",
    area: { row: 0, col: 0, rowCount: 1, colCount: 1 },
  };
  /** who is changing the workbook right now (set around each sync and each user action) */
  origin: Origin = { kind: "user", remote: false };
  /** Office.js `context.runtime.enableEvents` (per add-in; the simulator hosts one add-in) */
  eventsEnabled = true;
  private listeners = new Set<(e: ModelEvent) => void>();
  private checks = true;
  private mutedDepth = 0;
  private nextSheetNumber = 1;
  /**
   * The formula engine, built on first use: building it takes longer than the rest of a new workbook
   * (HyperFormula prepares its formula grammar), and a workbook nobody has written to needs none of it.
   */
  private engine?: HyperFormula;
  /** Sheets added before the engine was built, in order: their engine ids are their positions here. */
  private readonly engineSheets: string[] = [];

  constructor() {
    this.rulesSheet = this.addEngineSheet(RULES_SHEET);
    this.names = new NameStore(this);
    this.rules = new RuleStore(this);
  }

  get hf(): HyperFormula {
    if (!this.engine) {
      const engine = hyperFormula().HyperFormula.buildEmpty({
        licenseKey: "gpl-v3",
        maxRows: MAX_ROWS,
        maxColumns: MAX_COLS,
        // Not true: HyperFormula would then turn a name of an empty cell into 0 before ISBLANK or ISNUMBER
        // sees it (Excel: ISBLANK(name) is TRUE). Arithmetic reads empty as 0 either way; a formula whose
        // result is empty shows 0, as in Excel (see `value`).
        evaluateNullToZero: false,
        // the simulator keeps its own undo stack (user.ts); HyperFormula's is not needed
        undoLimit: 0,
      });
      this.engineSheets.forEach((name, id) => {
        if (engine.getSheetId(engine.addSheet(name)) !== id)
          throw new Error(`excel-sim: sheet ${name} did not get engine id ${id}`);
      });
      this.engine = engine;
    }
    return this.engine;
  }

  /** Whether the formula engine has been built (something has needed it). */
  get engineBuilt(): boolean {
    return this.engine !== undefined;
  }

  /**
   * Adds a sheet to the engine, or, before it is built, notes the sheet with the id the engine will give
   * it (HyperFormula numbers a new engine's sheets 0, 1, 2 … in order). A name the engine would refuse as
   * taken builds the engine, so that it refuses it now.
   */
  private addEngineSheet(name: string): number {
    const taken = this.engineSheets.some((s) => s.toLowerCase() === name.toLowerCase());
    if (this.engine || taken) return this.hf.getSheetId(this.hf.addSheet(name))!;
    this.engineSheets.push(name);
    return this.engineSheets.length - 1;
  }

  // ---------- notifications ----------

  subscribe(listener: (e: ModelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: ModelEvent): void {
    if (this.mutedDepth > 0) return;
    for (const l of [...this.listeners]) l(e);
  }

  /** Runs `fn` without notifying anyone (a tentative edit that is about to be reverted). */
  muted<T>(fn: () => T): T {
    this.mutedDepth++;
    try {
      return fn();
    } finally {
      this.mutedDepth--;
    }
  }

  withOrigin<T>(origin: Origin, fn: () => T): T {
    const saved = this.origin;
    this.origin = origin;
    try {
      return fn();
    } finally {
      this.origin = saved;
    }
  }

  // ---------- formula text <-> engine ----------

  toEngine(formula: string): string {
    return toEngine(formula, (n) => this.names.engineName(n));
  }

  fromEngine(formula: string): string {
    return fromEngine(formula, (n) => this.names.displayName(n));
  }

  /** Throws InvalidArgument for a formula Excel would not accept (unbalanced, dangling operator …). */
  assertFormula(formula: string): void {
    if (!formula.startsWith("=") || !this.hf.validateFormula(this.toEngine(formula))) {
      throw simError("InvalidArgument", `The formula "${formula}" is not valid.`);
    }
  }

  // ---------- sheets ----------

  visibleSheets(): SheetModel[] {
    return this.sheets.filter((s) => s.visibility === "Visible");
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }

  /** By name or id, as `worksheets.getItem(key)` accepts both. */
  sheetByKey(key: string): SheetModel | undefined {
    return this.sheetById(key) ?? this.sheetByName(key);
  }

  requireSheet(key: string): SheetModel {
    const s = this.sheetByKey(key);
    if (!s)
      throw simError("ItemNotFound", `The requested resource doesn't exist. (worksheet '${key}')`);
    return s;
  }

  /**
   * Excel's sheet-name rules: 1–31 characters; none of `: \ / ? * [ ]`; not starting or ending with an
   * apostrophe; not the reserved "History".
   */
  assertSheetName(name: unknown, except?: SheetModel): asserts name is string {
    if (
      typeof name !== "string" ||
      name.length === 0 ||
      name.length > 31 ||
      /[:\\/?*[\]]/.test(name)
    ) {
      throw simError("InvalidArgument", `The sheet name '${String(name)}' is not valid.`);
    }
    if (
      name.startsWith("'") ||
      name.endsWith("'") ||
      name.toLowerCase() === "history" ||
      name === RULES_SHEET
    ) {
      throw simError("InvalidArgument", `The sheet name '${name}' is not valid.`);
    }
    const clash = this.sheetByName(name);
    if (clash && clash !== except) {
      throw simError(
        "ItemAlreadyExists",
        `A resource with the same name or identifier already exists. ('${name}')`
      );
    }
  }

  private newSheetId(): string {
    const n = this.nextSheetNumber++;
    return `{${n.toString(16).toUpperCase().padStart(8, "0")}-0001-0000-0000-000000000000}`;
  }

  addSheet(name?: string): SheetModel {
    let finalName = name;
    if (finalName === undefined || finalName === null || finalName === "") {
      let n = this.sheets.length + 1;
      while (this.sheetByName(`Sheet${n}`)) n++;
      finalName = `Sheet${n}`;
    }
    this.assertSheetName(finalName);
    const sheet = new SheetModel(this.newSheetId(), finalName, this.addEngineSheet(finalName));
    this.sheets.push(sheet);
    if (!this.activeSheetId) {
      this.activeSheetId = sheet.id;
      this.selection = { sheetId: sheet.id, area: { row: 0, col: 0, rowCount: 1, colCount: 1 } };
    }
    this.emit({ type: "touched" });
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string): void {
    if (name === sheet.name) return;
    this.assertSheetName(name, sheet);
    const before = sheet.name;
    this.hf.renameSheet(sheet.hf, name);
    sheet.name = name;
    this.names.onRenameSheet(before, name);
    this.emit({ type: "undo", part: { kind: "rename", sheetId: sheet.id, before } });
    this.emit({
      type: "sheetRenamed",
      sheetId: sheet.id,
      before,
      after: name,
      origin: this.origin,
    });
    this.emit({ type: "touched" });
  }

  moveSheet(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw simError("InvalidArgument", `Position ${position} is out of range.`);
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
    this.emit({ type: "touched" });
  }

  setVisibility(sheet: SheetModel, visibility: SheetVisibility): void {
    if (!["Visible", "Hidden", "VeryHidden"].includes(visibility)) {
      throw simError("InvalidArgument", `'${visibility}' is not a sheet visibility.`);
    }
    if (
      visibility !== "Visible" &&
      sheet.visibility === "Visible" &&
      this.visibleSheets().length === 1
    ) {
      // Excel: "A workbook must contain at least one visible worksheet."
      throw simError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    sheet.visibility = visibility;
    if (visibility !== "Visible" && this.activeSheetId === sheet.id)
      this.activate(this.visibleSheets()[0]);
    this.emit({ type: "touched" });
  }

  activate(sheet: SheetModel): void {
    if (sheet.visibility !== "Visible") {
      throw simError(
        "InvalidOperation",
        `The sheet '${sheet.name}' is hidden and cannot be activated.`
      );
    }
    if (this.activeSheetId !== sheet.id) {
      this.activeSheetId = sheet.id;
      this.selection = { sheetId: sheet.id, area: { row: 0, col: 0, rowCount: 1, colCount: 1 } };
    }
    this.emit({ type: "touched" });
  }

  select(sheet: SheetModel, area: Area): void {
    this.activate(sheet);
    this.selection = { sheetId: sheet.id, area };
    this.emit({ type: "touched" });
  }

  /**
   * Deleting a sheet: workbook names that pointed into it become #REF!, its sheet-scoped names go with it
   * (⚠ standard Excel behaviour, not confirmed by a source), formulas elsewhere that referred to it become
   * #REF!, and — as in Excel — the deletion cannot be undone.
   */
  deleteSheet(sheet: SheetModel): void {
    if (sheet.visibility === "Visible" && this.visibleSheets().length === 1) {
      throw simError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    this.names.onDeleteSheet(sheet);
    this.rules.onDeleteSheet(sheet);
    for (const other of this.sheets) {
      if (other === sheet) continue;
      const formulas = this.hf.getSheetFormulas(other.hf);
      formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (!f) return;
          const text = this.fromEngine(f);
          if (referencesSheet(text, sheet.name)) {
            this.hf.setCellContents(
              { sheet: other.hf, row: r, col: c },
              this.toEngine(breakSheetRefs(text, sheet.name))
            );
          }
        })
      );
    }
    this.rules.breakRefsTo(sheet.name);
    this.hf.removeSheet(sheet.hf);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.activeSheetId === sheet.id) this.activate(this.visibleSheets()[0]);
    this.emit({ type: "undoBarrier" });
    this.emit({ type: "touched" });
  }

  // ---------- protection ----------

  /** Runs `fn` without protection checks (undo replays what protection already allowed). */
  unchecked<T>(fn: () => T): T {
    const saved = this.checks;
    this.checks = false;
    try {
      return fn();
    } finally {
      this.checks = saved;
    }
  }

  assertAllowed(sheet: SheetModel, action: ProtectedAction): void {
    const p = sheet.protection;
    if (!p.protected || !this.checks) return;
    const allowed =
      (action === "formatCells" && p.options.allowFormatCells) ||
      (action === "formatColumns" && p.options.allowFormatColumns) ||
      (action === "formatRows" && p.options.allowFormatRows) ||
      (action === "insertRows" && p.options.allowInsertRows) ||
      (action === "deleteRows" && p.options.allowDeleteRows);
    if (!allowed) throw simError("AccessDenied");
  }

  /** Any locked cell in `area` on a protected sheet refuses new contents. */
  assertUnlocked(sheet: SheetModel, area: Area): void {
    if (!sheet.protection.protected || !this.checks) return;
    const unlocked = sheet.formats.countInArea(area, (f) => f.locked === false);
    if (unlocked < cellCount(area)) throw simError("AccessDenied");
  }

  isLocked(sheet: SheetModel, row: number, col: number): boolean {
    return sheet.formats.get(row, col)?.locked ?? DEFAULT_FORMAT.locked;
  }

  protect(
    sheet: SheetModel,
    options: Partial<ProtectionOptions> | undefined,
    password: string | undefined
  ): void {
    if (sheet.protection.protected) {
      // d.ts: "Fails if the worksheet has already been protected." ⚠ the error code is not documented
      throw simError("InvalidOperation", "The worksheet is already protected.");
    }
    sheet.protection = {
      protected: true,
      options: { ...defaultProtectionOptions(), ...(options ?? {}) },
      ...(password ? { password } : {}),
    };
    this.emit({ type: "undoBarrier" });
    this.emit({ type: "touched" });
  }

  unprotect(sheet: SheetModel, password: string | undefined): void {
    if (!sheet.protection.protected) return;
    if (sheet.protection.password !== undefined && sheet.protection.password !== password) {
      // ⚠ code not confirmed against Excel
      throw simError("InvalidArgument", "The password you supplied is not correct.");
    }
    sheet.protection = { protected: false, options: sheet.protection.options };
    this.emit({ type: "undoBarrier" });
    this.emit({ type: "touched" });
  }

  // ---------- cell contents ----------

  private addr(sheet: SheetModel, row: number, col: number) {
    return { sheet: sheet.hf, row, col };
  }

  /** The value Excel shows: "" for empty, error strings for errors, numbers at 15 significant digits. */
  value(sheet: SheetModel, row: number, col: number): CellValue | "" {
    const addr = this.addr(sheet, row, col);
    const v = this.hf.getCellValue(addr);
    if (v === null && this.hf.doesCellHaveFormula(addr)) return 0; // =A1 with A1 empty shows 0
    return engineValue(v);
  }

  formula(sheet: SheetModel, row: number, col: number): string | undefined {
    const f = this.hf.getCellFormula(this.addr(sheet, row, col));
    return f === undefined ? undefined : this.fromEngine(f);
  }

  raw(sheet: SheetModel, row: number, col: number): RawContent {
    return this.hf.getCellSerialized(this.addr(sheet, row, col)) as RawContent;
  }

  format(sheet: SheetModel, row: number, col: number): CellFormat {
    const f = sheet.formats.get(row, col);
    return f ? { ...DEFAULT_FORMAT, ...f } : { ...DEFAULT_FORMAT };
  }

  /** The rows/columns of `area` that can hold anything (clipped to what the engine has), for reads. */
  private used(sheet: SheetModel, area: Area): Area | undefined {
    const dims = this.hf.getSheetDimensions(sheet.hf);
    return intersect(area, {
      row: 0,
      col: 0,
      rowCount: Math.max(dims.height, 1),
      colCount: Math.max(dims.width, 1),
    });
  }

  private grid<T>(
    sheet: SheetModel,
    area: Area,
    cell: (row: number, col: number) => T,
    empty: T
  ): T[][] | null {
    if (cellCount(area) > READ_CELL_LIMIT) return null;
    const used = this.used(sheet, area);
    const out: T[][] = [];
    for (let r = 0; r < area.rowCount; r++) {
      const line: T[] = new Array(area.colCount);
      for (let c = 0; c < area.colCount; c++) {
        const row = area.row + r;
        const col = area.col + c;
        line[c] = used && areaContains(used, row, col) ? cell(row, col) : empty;
      }
      out.push(line);
    }
    return out;
  }

  readValues(sheet: SheetModel, area: Area): (CellValue | "")[][] | null {
    return this.grid(sheet, area, (r, c) => this.value(sheet, r, c), "");
  }

  /** `Range.formulas`: the formula text, or the constant for cells without one. */
  readFormulas(sheet: SheetModel, area: Area): (CellValue | "")[][] | null {
    return this.grid(
      sheet,
      area,
      (r, c) => this.formula(sheet, r, c) ?? this.value(sheet, r, c),
      ""
    );
  }

  readText(sheet: SheetModel, area: Area): string[][] | null {
    if (cellCount(area) > READ_CELL_LIMIT) return null;
    return this.mapArea(area, (r, c) =>
      formatValue(this.value(sheet, r, c), this.format(sheet, r, c).numberFormat)
    );
  }

  readNumberFormats(sheet: SheetModel, area: Area): string[][] | null {
    if (cellCount(area) > READ_CELL_LIMIT) return null;
    return this.mapArea(area, (r, c) => this.format(sheet, r, c).numberFormat);
  }

  private mapArea<T>(area: Area, fn: (row: number, col: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < area.rowCount; r++) {
      const line: T[] = [];
      for (let c = 0; c < area.colCount; c++) line.push(fn(area.row + r, area.col + c));
      out.push(line);
    }
    return out;
  }

  mergedAreaAt(sheet: SheetModel, row: number, col: number): Area | undefined {
    return sheet.merges.find((m) => areaContains(m, row, col));
  }

  /** Raw contents of `area` (clipped to the used part; empty elsewhere), for undo snapshots. */
  snapshot(sheet: SheetModel, area: Area): RawContent[][] {
    return this.grid(sheet, area, (r, c) => this.raw(sheet, r, c), null as RawContent) ?? [];
  }

  /**
   * Writes `input` (a 2-D array matching the area, or one value for every cell, as Office accepts) into
   * `area`. `mode` "values" reads strings as if typed (a leading "=" makes a formula); "formulas" does the
   * same, and a single formula given for many cells is filled relatively, as Excel fills it. null (and
   * undefined, which JSON turns into null) leaves a cell unchanged. Checks everything first, then applies:
   * a failing write changes nothing.
   */
  writeCells(sheet: SheetModel, area: Area, input: unknown, mode: "values" | "formulas"): void {
    const { rowCount, colCount } = area;
    let cellAt: (r: number, c: number) => unknown;
    if (Array.isArray(input)) {
      if (
        input.length !== rowCount ||
        !input.every((line) => Array.isArray(line) && (line as unknown[]).length === colCount)
      ) {
        const shape = `${input.length}×${Array.isArray(input[0]) ? (input[0] as unknown[]).length : "?"}`;
        throw simError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range. (range ${rowCount}×${colCount}, input ${shape})`
        );
      }
      cellAt = (r, c) => (input[r] as unknown[])[c];
    } else {
      if (cellCount(area) > FORMAT_CELL_LIMIT)
        throw notSimulated(`writing one value into ${cellCount(area)} cells`);
      const single = input;
      cellAt = (r, c) =>
        typeof single === "string" && single.startsWith("=") && (r !== 0 || c !== 0)
          ? shiftRelative(single, r, c)
          : single;
    }
    // decide every cell first
    const plan: { row: number; col: number; input: CellInput; dateFormat: boolean }[] = [];
    for (let r = 0; r < rowCount; r++) {
      for (let c = 0; c < colCount; c++) {
        const v = cellAt(r, c);
        if (v === null || v === undefined) continue;
        const row = area.row + r;
        const col = area.col + c;
        let parsed: { input: CellInput; dateFormat?: boolean };
        if (typeof v === "number") {
          if (!Number.isFinite(v))
            throw simError("InvalidArgument", `The value ${v} cannot be written to a cell.`);
          parsed = { input: { kind: "value", value: v } };
        } else if (typeof v === "boolean") parsed = { input: { kind: "value", value: v } };
        else if (typeof v === "string") {
          parsed =
            mode === "formulas" && v.startsWith("=") && v.length > 1
              ? { input: { kind: "formula", formula: v } }
              : parseTyped(v, this.format(sheet, row, col).numberFormat);
        } else
          throw simError(
            "InvalidArgument",
            `A cell value must be a string, number or boolean (got ${typeof v}).`
          );
        if (parsed.input.kind === "formula") this.assertFormula(parsed.input.formula);
        const merge = this.mergedAreaAt(sheet, row, col);
        if (merge && (merge.row !== row || merge.col !== col) && parsed.input.kind !== "empty") {
          // ⚠ unconfirmed: Excel's COM API silently drops such a value; the simulator refuses it loudly
          throw simError(
            "InvalidArgument",
            `Cell ${formatArea({ row, col, rowCount: 1, colCount: 1 })} is inside a merged area and is not its top-left cell.`
          );
        }
        plan.push({ row, col, input: parsed.input, dateFormat: parsed.dateFormat === true });
      }
    }
    if (plan.length === 0) return;
    for (const p of plan)
      this.assertUnlocked(sheet, { row: p.row, col: p.col, rowCount: 1, colCount: 1 });
    this.editCells(sheet, area, () => {
      this.emit({
        type: "undo",
        part: { kind: "cells", sheetId: sheet.id, area, before: this.snapshot(sheet, area) },
      });
      this.hf.batch(() => {
        for (const p of plan)
          this.hf.setCellContents(this.addr(sheet, p.row, p.col), this.engineContent(p.input));
      });
      for (const p of plan) {
        // Excel gives a General cell that receives a typed date a date format
        if (p.dateFormat && this.format(sheet, p.row, p.col).numberFormat === "General") {
          this.patchFormat(sheet, p.row, p.col, { numberFormat: "yyyy/m/d" });
        }
      }
    });
  }

  /** Puts raw contents back (undo); no protection checks, as Excel's undo has none. */
  restore(sheet: SheetModel, area: Area, contents: RawContent[][]): void {
    this.editCells(sheet, area, () =>
      this.hf.batch(() => {
        for (let r = 0; r < area.rowCount; r++) {
          for (let c = 0; c < area.colCount; c++) {
            this.hf.setCellContents(
              this.addr(sheet, area.row + r, area.col + c),
              contents[r]?.[c] ?? null
            );
          }
        }
      })
    );
  }

  /** Runs `apply` (a write into `area`) and reports it; for one cell, with its value before and after. */
  private editCells(sheet: SheetModel, area: Area, apply: () => void): void {
    const single = area.rowCount === 1 && area.colCount === 1;
    const before = single ? this.value(sheet, area.row, area.col) : undefined;
    apply();
    this.emitChanged(
      sheet,
      area,
      "RangeEdited",
      single ? { detail: { before: before!, after: this.value(sheet, area.row, area.col) } } : {}
    );
  }

  /** An `onChanged` for `area`, made by whoever is changing the workbook now. */
  private emitChanged(
    sheet: SheetModel,
    area: Area,
    changeType: ChangeType,
    extra: Pick<Extract<ModelEvent, { type: "changed" }>, "detail" | "formatOnly"> = {}
  ): void {
    this.emit({
      type: "changed",
      sheetId: sheet.id,
      area,
      changeType,
      origin: this.origin,
      ...extra,
    });
  }

  private engineContent(input: CellInput): RawContent {
    switch (input.kind) {
      case "empty":
        return null;
      case "formula":
        return this.toEngine(input.formula);
      case "value":
        // a leading apostrophe tells HyperFormula "text", so "123" stays a string
        return typeof input.value === "string"
          ? input.value === ""
            ? null
            : "'" + input.value
          : input.value;
    }
  }

  /** `Range.clear(applyTo)`: contents, formats (which also unmerges, as Excel's Clear Formats does), or all. */
  clear(sheet: SheetModel, area: Area, applyTo: string): void {
    if (
      !["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks", "ResetContents"].includes(
        applyTo
      )
    ) {
      throw simError("InvalidArgument", `'${applyTo}' is not a ClearApplyTo value.`);
    }
    const contents = applyTo === "All" || applyTo === "Contents" || applyTo === "ResetContents";
    const formats = applyTo === "All" || applyTo === "Formats";
    if (contents) this.assertUnlocked(sheet, area);
    if (formats) this.assertAllowed(sheet, "formatCells");
    if (contents) {
      const used = this.used(sheet, area);
      if (used) {
        this.emit({
          type: "undo",
          part: {
            kind: "cells",
            sheetId: sheet.id,
            area: used,
            before: this.snapshot(sheet, used),
          },
        });
        this.hf.batch(() => {
          for (let r = used.row; r < used.row + used.rowCount; r++) {
            for (let c = used.col; c < used.col + used.colCount; c++)
              this.hf.setCellContents(this.addr(sheet, r, c), null);
          }
        });
      }
    }
    if (formats) {
      sheet.formats.clearArea(area);
      sheet.merges = sheet.merges.filter((m) => !intersect(m, area));
    }
    if (contents || formats)
      this.emitChanged(sheet, area, "RangeEdited", { formatOnly: !contents });
  }

  // ---------- formats ----------

  private patchFormat(
    sheet: SheetModel,
    row: number,
    col: number,
    patch: Partial<CellFormat>
  ): void {
    const cur = sheet.formats.get(row, col) ?? {};
    sheet.formats.set(row, col, { ...cur, ...patch });
  }

  /** The format property shared by every cell of `area`, or null when they differ (as Office reports). */
  readFormat<K extends keyof CellFormat>(
    sheet: SheetModel,
    area: Area,
    key: K
  ): CellFormat[K] | null {
    let seen = false;
    let value: CellFormat[K] | undefined;
    let count = 0;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    for (const [, , f] of sheet.formats.inArea(area)) {
      count++;
      const v = (f[key] ?? DEFAULT_FORMAT[key]) as CellFormat[K];
      if (!seen) {
        value = v;
        seen = true;
      } else if (!same(v, value)) return null;
    }
    if (count < cellCount(area)) {
      const d = DEFAULT_FORMAT[key] as CellFormat[K];
      if (seen && !same(d, value)) return null;
      value = d;
    }
    return value === undefined ? null : value;
  }

  /** Cell formats (fill, font, alignment, number format, locked …). Fires onChanged like Excel does. */
  setFormat(sheet: SheetModel, area: Area, patch: Partial<CellFormat>): void {
    this.assertAllowed(sheet, "formatCells");
    if (cellCount(area) > FORMAT_CELL_LIMIT) {
      throw notSimulated(`formatting ${cellCount(area)} cells at once (entire rows or columns)`);
    }
    for (let r = area.row; r < area.row + area.rowCount; r++) {
      for (let c = area.col; c < area.col + area.colCount; c++)
        this.patchFormat(sheet, r, c, patch);
    }
    this.emitChanged(sheet, area, "RangeEdited", { formatOnly: true });
  }

  /** Per-cell number formats from a 2-D array (or one string for all cells). */
  setNumberFormats(sheet: SheetModel, area: Area, input: unknown): void {
    if (!Array.isArray(input)) {
      if (typeof input !== "string")
        throw simError("InvalidArgument", "A number format must be a string.");
      this.setFormat(sheet, area, { numberFormat: input });
      return;
    }
    if (
      input.length !== area.rowCount ||
      !input.every((l) => Array.isArray(l) && l.length === area.colCount)
    ) {
      throw simError(
        "InvalidArgument",
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range."
      );
    }
    this.assertAllowed(sheet, "formatCells");
    for (let r = 0; r < area.rowCount; r++) {
      for (let c = 0; c < area.colCount; c++) {
        const f = (input[r] as unknown[])[c];
        if (f === null || f === undefined) continue;
        if (typeof f !== "string")
          throw simError("InvalidArgument", "A number format must be a string.");
        this.patchFormat(sheet, area.row + r, area.col + c, { numberFormat: f });
      }
    }
    this.emitChanged(sheet, area, "RangeEdited", { formatOnly: true });
  }

  /**
   * A border edge of a range, stored on the cells along it: EdgeTop on the first row's top, InsideHorizontal
   * between rows, and so on. Diagonals are accepted and ignored.
   */
  setBorder(sheet: SheetModel, area: Area, edge: string, patch: Partial<Border>): void {
    this.assertAllowed(sheet, "formatCells");
    const cells: [number, number, keyof CellFormat][] = [];
    const lastRow = area.row + area.rowCount - 1;
    const lastCol = area.col + area.colCount - 1;
    for (let r = area.row; r <= lastRow; r++) {
      for (let c = area.col; c <= lastCol; c++) {
        if (edge === "EdgeTop" && r === area.row) cells.push([r, c, "borderTop"]);
        if (edge === "EdgeBottom" && r === lastRow) cells.push([r, c, "borderBottom"]);
        if (edge === "EdgeLeft" && c === area.col) cells.push([r, c, "borderLeft"]);
        if (edge === "EdgeRight" && c === lastCol) cells.push([r, c, "borderRight"]);
        if (edge === "InsideHorizontal" && r < lastRow) cells.push([r, c, "borderBottom"]);
        if (edge === "InsideVertical" && c < lastCol) cells.push([r, c, "borderRight"]);
      }
    }
    for (const [r, c, key] of cells) {
      const cur = (this.format(sheet, r, c)[key] as Border | undefined) ?? {
        style: "None",
        color: "#000000",
        weight: "Thin",
      };
      // ⚠ giving a colour or weight to an edge without a line draws a continuous line (as the UI does)
      const style = patch.style ?? (cur.style === "None" ? "Continuous" : cur.style);
      this.patchFormat(sheet, r, c, { [key]: { ...cur, ...patch, style } });
    }
    this.emitChanged(sheet, area, "RangeEdited", { formatOnly: true });
  }

  readBorder(sheet: SheetModel, area: Area, edge: string): Border | null {
    const key: keyof CellFormat | undefined = (
      {
        EdgeTop: "borderTop",
        EdgeBottom: "borderBottom",
        EdgeLeft: "borderLeft",
        EdgeRight: "borderRight",
        InsideHorizontal: "borderBottom",
        InsideVertical: "borderRight",
      } as Record<string, keyof CellFormat>
    )[edge];
    const none: Border = { style: "None", color: "#000000", weight: "Thin" };
    if (!key) return none;
    const line: Area =
      edge === "EdgeTop"
        ? { ...area, rowCount: 1 }
        : edge === "EdgeBottom"
          ? { ...area, row: area.row + area.rowCount - 1, rowCount: 1 }
          : edge === "EdgeLeft"
            ? { ...area, colCount: 1 }
            : edge === "EdgeRight"
              ? { ...area, col: area.col + area.colCount - 1, colCount: 1 }
              : edge === "InsideHorizontal"
                ? { ...area, rowCount: Math.max(area.rowCount - 1, 0) }
                : { ...area, colCount: Math.max(area.colCount - 1, 0) };
    if (line.rowCount === 0 || line.colCount === 0) return none;
    const b = this.readFormat(sheet, line, key) as Border | null | undefined;
    return b === null ? null : (b ?? none);
  }

  columnWidth(sheet: SheetModel, col: number): number {
    return sheet.colWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
  }

  rowHeight(sheet: SheetModel, row: number): number {
    return sheet.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT;
  }

  /** Column width in points. ⚠ Points are the common reading of the d.ts; 255 characters ≈ 1790 pt max. */
  setColumnWidth(sheet: SheetModel, area: Area, width: unknown): void {
    if (typeof width !== "number" || !Number.isFinite(width) || width < 0 || width > 1790) {
      throw simError("InvalidArgument", `Column width ${String(width)} is out of range.`);
    }
    this.assertAllowed(sheet, "formatColumns");
    for (let c = area.col; c < area.col + area.colCount; c++) sheet.colWidths.set(c, width);
    this.emit({ type: "touched" });
  }

  /** Row height in points, 0–409 as in Excel. */
  setRowHeight(sheet: SheetModel, area: Area, height: unknown): void {
    if (typeof height !== "number" || !Number.isFinite(height) || height < 0 || height > 409) {
      throw simError("InvalidArgument", `Row height ${String(height)} is out of range.`);
    }
    this.assertAllowed(sheet, "formatRows");
    if (area.rowCount > FORMAT_CELL_LIMIT) throw notSimulated("setting the height of every row");
    for (let r = area.row; r < area.row + area.rowCount; r++) sheet.rowHeights.set(r, height);
    this.emit({ type: "touched" });
  }

  readUniform<T>(from: number, count: number, get: (i: number) => T): T | null {
    const first = get(from);
    for (let i = from + 1; i < from + count; i++) if (get(i) !== first) return null;
    return first;
  }

  // ---------- merges ----------

  /**
   * `Range.merge(across)`. Merging keeps only the top-left value (Excel warns in the UI and discards the
   * rest). An area that partly overlaps an existing merge is refused (⚠ the UI would grow the selection;
   * the API's behaviour was not verified); merges entirely inside the new one are absorbed.
   */
  merge(sheet: SheetModel, area: Area, across: boolean): void {
    this.assertAllowed(sheet, "structure");
    const targets: Area[] = across
      ? Array.from({ length: area.rowCount }, (_, i) => ({
          ...area,
          row: area.row + i,
          rowCount: 1,
        }))
      : [area];
    for (const t of targets) {
      if (cellCount(t) < 2) continue;
      if (cellCount(t) > FORMAT_CELL_LIMIT) throw notSimulated("merging entire rows or columns");
      for (const m of sheet.merges) {
        if (intersect(m, t) && !areaContainsArea(t, m)) {
          throw simError(
            "InvalidArgument",
            `Cannot merge ${formatArea(t)}: it partly overlaps the merged area ${formatArea(m)}.`
          );
        }
      }
    }
    for (const t of targets) {
      if (cellCount(t) < 2) continue;
      sheet.merges = sheet.merges.filter((m) => !areaContainsArea(t, m));
      const used = this.used(sheet, t);
      if (used) {
        this.hf.batch(() => {
          for (let r = used.row; r < used.row + used.rowCount; r++) {
            for (let c = used.col; c < used.col + used.colCount; c++) {
              if (r !== t.row || c !== t.col) this.hf.setCellContents(this.addr(sheet, r, c), null);
            }
          }
        });
      }
      sheet.merges.push(t);
    }
    this.emit({ type: "touched" });
  }

  unmerge(sheet: SheetModel, area: Area): void {
    this.assertAllowed(sheet, "structure");
    sheet.merges = sheet.merges.filter((m) => !intersect(m, area));
    this.emit({ type: "touched" });
  }

  // ---------- rows ----------

  /**
   * Inserts whole rows before row `at`. References (cells, names, rule formulas) move with HyperFormula;
   * formats of the row above are copied into the new rows ("Format Same As Above", Excel's default);
   * merges, conditional formats and validation that the insertion falls inside grow.
   */
  insertRows(sheet: SheetModel, at: number, count: number): void {
    assertRowSpan(at, count, "insert");
    this.assertAllowed(sheet, "insertRows");
    this.hf.addRows(sheet.hf, [at, count]);
    sheet.formats.insertRows(at, count);
    if (at > 0) {
      const above = sheet.formats.rowEntries(at - 1);
      for (let r = at; r < at + count; r++)
        for (const [c, f] of above) sheet.formats.set(r, c, { ...f });
    }
    sheet.rowHeights = shiftKeys(sheet.rowHeights, at, count);
    if (at > 0 && sheet.rowHeights.has(at - 1)) {
      for (let r = at; r < at + count; r++) sheet.rowHeights.set(r, sheet.rowHeights.get(at - 1)!);
    }
    sheet.merges = sheet.merges.map((m) => shiftAreaForInsert(m, at, count));
    this.rules.insertRows(sheet, at, count);
    this.emit({ type: "undo", part: { kind: "insertRows", sheetId: sheet.id, at, count } });
    this.emitChanged(sheet, wholeRows(at, count), "RowInserted");
  }

  /**
   * Deletes whole rows. On a protected sheet Excel needs "delete rows" allowed and refuses rows that hold
   * locked cells (⚠ widely reported Excel behaviour; the simulator applies it, so every cell of the rows
   * must be unlocked). Names to deleted cells become #REF!.
   */
  deleteRows(sheet: SheetModel, at: number, count: number): void {
    assertRowSpan(at, count, "delete");
    this.assertAllowed(sheet, "deleteRows");
    if (sheet.protection.protected) this.assertUnlocked(sheet, wholeRows(at, count));
    const dims = this.hf.getSheetDimensions(sheet.hf);
    const width = Math.max(dims.width, 1);
    const before = this.snapshot(sheet, { row: at, col: 0, rowCount: count, colCount: width });
    const names = this.names.snapshot();
    this.rules.beforeDeleteRows(sheet, at, count);
    this.hf.removeRows(sheet.hf, [at, count]);
    sheet.formats.deleteRows(at, count);
    sheet.rowHeights = shiftKeys(sheet.rowHeights, at + count, -count, at);
    sheet.merges = sheet.merges
      .map((m) => shiftAreaForDelete(m, at, count))
      .filter((m): m is Area => m !== undefined && cellCount(m) > 1);
    this.rules.deleteRows(sheet, at, count);
    this.names.afterDeleteRows(names);
    this.emit({ type: "undo", part: { kind: "deleteRows", sheetId: sheet.id, at, count, before } });
    this.emitChanged(sheet, wholeRows(at, count), "RowDeleted");
  }

  /** Insert/delete for a range with a shift direction: whole rows only (`Range.insert("Down")` on rows). */
  assertWholeRows(area: Area, what: string): void {
    if (!isEntireRows(area))
      throw notSimulated(`${what} of a part of a row (only entire rows shift)`);
    if (isEntireColumns(area)) throw simError("InvalidArgument", `Cannot ${what} the whole sheet.`);
  }

  // ---------- used range ----------

  /** Bounding box of cells with contents (and, unless `valuesOnly`, with formats); undefined when none. */
  usedArea(sheet: SheetModel, valuesOnly: boolean): Area | undefined {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const see = (r: number, c: number) => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    this.hf.getSheetSerialized(sheet.hf).forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== "") see(r, c);
      })
    );
    if (!valuesOnly) {
      for (const [r, c] of sheet.formats.entries()) see(r, c);
      for (const m of sheet.merges) see(m.row + m.rowCount - 1, m.col + m.colCount - 1);
    }
    if (bottom < 0) return undefined;
    return { row: top, col: left, rowCount: bottom - top + 1, colCount: right - left + 1 };
  }
}

/** The arguments of a whole-row insert or delete: at least one row, all inside the sheet. */
function assertRowSpan(at: number, count: number, verb: "insert" | "delete"): void {
  if (
    !Number.isInteger(at) ||
    !Number.isInteger(count) ||
    at < 0 ||
    count < 1 ||
    at + count > MAX_ROWS
  ) {
    throw simError("InvalidArgument", `Cannot ${verb} ${count} rows at row ${at + 1}.`);
  }
}

function wholeRows(at: number, count: number): Area {
  return { row: at, col: 0, rowCount: count, colCount: MAX_COLS };
}

function shiftKeys<T>(
  map: Map<number, T>,
  from: number,
  delta: number,
  dropFrom?: number
): Map<number, T> {
  const next = new Map<number, T>();
  for (const [k, v] of map) {
    if (dropFrom !== undefined && k >= dropFrom && k < from) continue;
    const nk = k >= from ? k + delta : k;
    if (nk >= 0 && nk < MAX_ROWS) next.set(nk, v);
  }
  return next;
}

/** HyperFormula's value → what Office.js returns in `Range.values`. */
export function engineValue(v: unknown): CellValue | "" {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? Number(v.toPrecision(15)) : "#NUM!";
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof hyperFormula().DetailedCellError) {
    // Excel shows 0 for a circular reference (with a warning); HyperFormula's #ERROR! is a parse error
    if (v.value === "#CYCLE!") return 0;
    if (v.value === "#ERROR!") return "#NAME?";
    return isErrorValue(v.value) ? v.value : "#VALUE!";
  }
  if (Array.isArray(v)) return engineValue(v[0]?.[0]);
  return "#VALUE!";
}

/** Colour check shared by the format setters: `#RRGGBB` or a colour name, else InvalidArgument. */
export function requireColor(color: unknown): string {
  const c = normalizeColor(color);
  if (!c) throw simError("InvalidArgument", `'${String(color)}' is not a valid color.`);
  return c;
}
