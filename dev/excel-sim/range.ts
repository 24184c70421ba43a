/**
 * `Excel.Range` and its format objects. A range proxy locates its sheet and cell rectangle when an
 * operation first needs it (an invalid address or a missing sheet then fails that sync). Reads go through
 * `load`; writes are queued. Office accepts one value for every cell of a multi-cell range (and fills one
 * formula relatively); any 2-D array must match the range's shape exactly.
 */
import {
  type Area,
  formatAddress,
  isEntireColumns,
  isEntireRows,
  MAX_COLS,
  MAX_ROWS,
} from "./address";
import { SimConditionalFormatCollection } from "./conditional-formats";
import { SimDataValidation } from "./data-validation";
import { EXCEL_ENUMS, enumValues } from "./enums";
import { notSimulated, requireBoolean, simError } from "./errors";
import { type PropDesc, SimContextBase, SimObject } from "./proxy";
import { valueType } from "./values";
import {
  type Border,
  type CellFormat,
  requireColor,
  type SheetModel,
  type WorkbookModel,
} from "./workbook-model";
import { SimWorksheet } from "./worksheet";

export interface RangeTarget {
  sheet: SheetModel;
  area: Area;
}

/** A rectangle inside Excel's grid, or InvalidArgument (what Excel says for getCell(-1, 0) and the like). */
export function checkedArea(row: number, col: number, rowCount: number, colCount: number): Area {
  const ints = [row, col, rowCount, colCount].every((n) => Number.isInteger(n));
  if (
    !ints ||
    row < 0 ||
    col < 0 ||
    rowCount < 1 ||
    colCount < 1 ||
    row + rowCount > MAX_ROWS ||
    col + colCount > MAX_COLS
  ) {
    throw simError(
      "InvalidArgument",
      `The range (row ${row}, column ${col}, ${rowCount}×${colCount}) is outside the worksheet grid.`
    );
  }
  return { row, col, rowCount, colCount };
}

export function modelOf(o: { context: SimContextBase }): WorkbookModel {
  return o.context._core.model;
}

/** The sheet must still exist when an operation runs (a deleted sheet's proxies fail with ItemNotFound). */
export function liveSheet(model: WorkbookModel, sheet: SheetModel): SheetModel {
  if (!model.sheets.includes(sheet))
    throw simError("ItemNotFound", `The worksheet '${sheet.name}' no longer exists.`);
  return sheet;
}

type RangeMembers =
  | "values"
  | "formulas"
  | "numberFormat"
  | "address"
  | "addressLocal"
  | "text"
  | "valueTypes"
  | "rowIndex"
  | "columnIndex"
  | "rowCount"
  | "columnCount"
  | "cellCount"
  | "isEntireRow"
  | "isEntireColumn"
  | "merge"
  | "unmerge"
  | "select"
  | "clear"
  | "delete";

export class SimRange extends SimObject<RangeTarget> implements Pick<Excel.Range, RangeMembers> {
  protected readonly _typeName = "Range";
  private _format?: SimRangeFormat;
  private _cf?: SimConditionalFormatCollection;
  private _dv?: SimDataValidation;
  private _ws?: SimWorksheet;

  constructor(context: SimContextBase, locate: () => RangeTarget | null, nullable = false) {
    super(
      context,
      () => {
        const t = locate();
        return t ? { sheet: liveSheet(context._core.model, t.sheet), area: t.area } : null;
      },
      nullable
    );
  }

  private get model(): WorkbookModel {
    return modelOf(this);
  }

  protected _props(): Record<string, PropDesc<RangeTarget>> {
    const m = this.model;
    const address = { get: (t: RangeTarget) => formatAddress(t.sheet.name, t.area) };
    return {
      address,
      addressLocal: address,
      values: { get: (t) => m.readValues(t.sheet, t.area) },
      formulas: { get: (t) => m.readFormulas(t.sheet, t.area) },
      formulasLocal: { get: (t) => m.readFormulas(t.sheet, t.area) },
      numberFormat: { get: (t) => m.readNumberFormats(t.sheet, t.area) },
      text: { get: (t) => m.readText(t.sheet, t.area) },
      valueTypes: {
        get: (t) => m.readValues(t.sheet, t.area)?.map((row) => row.map(valueType)) ?? null,
      },
      rowIndex: { get: (t) => t.area.row },
      columnIndex: { get: (t) => t.area.col },
      rowCount: { get: (t) => t.area.rowCount },
      columnCount: { get: (t) => t.area.colCount },
      cellCount: { get: (t) => t.area.rowCount * t.area.colCount },
      isEntireRow: { get: (t) => isEntireRows(t.area), api: "Range.isEntireRow" },
      isEntireColumn: { get: (t) => isEntireColumns(t.area), api: "Range.isEntireRow" },
    };
  }

  protected override _child(name: string): SimObject<unknown> | undefined {
    if (name === "format") return this.format as SimObject<unknown>;
    if (name === "dataValidation") return this.dataValidation as SimObject<unknown>;
    if (name === "worksheet") return this.worksheet as SimObject<unknown>;
    return undefined;
  }

  // ---------- scalar properties ----------

  get values(): any[][] {
    return this._read("values");
  }
  set values(v: any[][]) {
    this._write("values", v, undefined, (t, value) =>
      this.model.writeCells(t.sheet, t.area, value, "values")
    );
  }

  get formulas(): any[][] {
    return this._read("formulas");
  }
  set formulas(v: any[][]) {
    this._write("formulas", v, undefined, (t, value) =>
      this.model.writeCells(t.sheet, t.area, value, "formulas")
    );
  }

  get numberFormat(): any[][] {
    return this._read("numberFormat");
  }
  set numberFormat(v: any[][]) {
    this._write("numberFormat", v, undefined, (t, value) =>
      this.model.setNumberFormats(t.sheet, t.area, value)
    );
  }

  get address(): string {
    return this._read("address");
  }
  get addressLocal(): string {
    return this._read("addressLocal");
  }
  get text(): string[][] {
    return this._read("text");
  }
  get valueTypes(): Excel.Range["valueTypes"] {
    return this._read("valueTypes");
  }
  get rowIndex(): number {
    return this._read("rowIndex");
  }
  get columnIndex(): number {
    return this._read("columnIndex");
  }
  get rowCount(): number {
    return this._read("rowCount");
  }
  get columnCount(): number {
    return this._read("columnCount");
  }
  get cellCount(): number {
    return this._read("cellCount");
  }
  get isEntireRow(): boolean {
    return this._read("isEntireRow");
  }
  get isEntireColumn(): boolean {
    return this._read("isEntireColumn");
  }

  // ---------- navigation ----------

  get format(): SimRangeFormat {
    return (this._format ??= new SimRangeFormat(this));
  }

  get conditionalFormats(): SimConditionalFormatCollection {
    return (this._cf ??= new SimConditionalFormatCollection(this));
  }

  get dataValidation(): SimDataValidation {
    return (this._dv ??= new SimDataValidation(this));
  }

  get worksheet(): SimWorksheet {
    return (this._ws ??= new SimWorksheet(this.context, () => this._target()?.sheet ?? null));
  }

  /** A range derived from this one once it is located. */
  private derive(fn: (t: RangeTarget) => Area): SimRange {
    return new SimRange(this.context, () => {
      const t = this._target();
      return t ? { sheet: t.sheet, area: fn(t) } : null;
    });
  }

  getCell(...[row, column]: Parameters<Excel.Range["getCell"]>): SimRange {
    return this.derive((t) => checkedArea(t.area.row + row, t.area.col + column, 1, 1));
  }

  getOffsetRange(
    ...[rowOffset, columnOffset]: Parameters<Excel.Range["getOffsetRange"]>
  ): SimRange {
    return this.derive((t) =>
      checkedArea(
        t.area.row + rowOffset,
        t.area.col + columnOffset,
        t.area.rowCount,
        t.area.colCount
      )
    );
  }

  getResizedRange(
    ...[deltaRows, deltaColumns]: Parameters<Excel.Range["getResizedRange"]>
  ): SimRange {
    return this.derive((t) => {
      this.context._core.requireAll("Range.getResizedRange");
      return checkedArea(
        t.area.row,
        t.area.col,
        t.area.rowCount + deltaRows,
        t.area.colCount + deltaColumns
      );
    });
  }

  getEntireRow(): SimRange {
    return this.derive((t) => ({
      row: t.area.row,
      col: 0,
      rowCount: t.area.rowCount,
      colCount: MAX_COLS,
    }));
  }

  getEntireColumn(): SimRange {
    return this.derive((t) => ({
      row: 0,
      col: t.area.col,
      rowCount: MAX_ROWS,
      colCount: t.area.colCount,
    }));
  }

  getRow(...[row]: Parameters<Excel.Range["getRow"]>): SimRange {
    return this.derive((t) => {
      if (!Number.isInteger(row) || row < 0 || row >= t.area.rowCount)
        throw simError("InvalidArgument", `Row ${row} is outside the range.`);
      return { ...t.area, row: t.area.row + row, rowCount: 1 };
    });
  }

  getColumn(...[column]: Parameters<Excel.Range["getColumn"]>): SimRange {
    return this.derive((t) => {
      if (!Number.isInteger(column) || column < 0 || column >= t.area.colCount) {
        throw simError("InvalidArgument", `Column ${column} is outside the range.`);
      }
      return { ...t.area, col: t.area.col + column, colCount: 1 };
    });
  }

  getLastCell(): SimRange {
    return this.derive((t) => ({
      row: t.area.row + t.area.rowCount - 1,
      col: t.area.col + t.area.colCount - 1,
      rowCount: 1,
      colCount: 1,
    }));
  }

  // ---------- methods ----------

  /** Inserts whole rows (shift "Down" on an entire-row range) and returns the new rows. */
  insert(shift: Excel.InsertShiftDirection | "Down" | "Right"): SimRange {
    this._queueCall("insert", undefined, (t) => {
      if (shift !== "Down") throw notSimulated(`Range.insert("${shift}")`);
      this.model.assertWholeRows(t.area, "insert");
      this.model.insertRows(t.sheet, t.area.row, t.area.rowCount);
    });
    return this.derive((t) => t.area);
  }

  delete(shift: Excel.DeleteShiftDirection | "Up" | "Left"): void {
    this._queueCall("delete", undefined, (t) => {
      if (shift !== "Up") throw notSimulated(`Range.delete("${shift}")`);
      this.model.assertWholeRows(t.area, "delete");
      this.model.deleteRows(t.sheet, t.area.row, t.area.rowCount);
    });
  }

  clear(
    applyTo:
      | Excel.ClearApplyTo
      | "All"
      | "Formats"
      | "Contents"
      | "Hyperlinks"
      | "RemoveHyperlinks"
      | "ResetContents" = "All"
  ): void {
    this._queueCall("clear", undefined, (t) => this.model.clear(t.sheet, t.area, applyTo));
  }

  merge(across = false): void {
    this._queueCall("merge", "Range.merge", (t) =>
      this.model.merge(t.sheet, t.area, across === true)
    );
  }

  unmerge(): void {
    this._queueCall("unmerge", "Range.merge", (t) => this.model.unmerge(t.sheet, t.area));
  }

  select(): void {
    this._queueCall("select", undefined, (t) => this.model.select(t.sheet, t.area), "other");
  }
}

// ---------- formats ----------

abstract class RangePart extends SimObject<RangeTarget> {
  constructor(readonly range: SimRange) {
    super(range.context, () => range._target());
  }

  protected get model(): WorkbookModel {
    return modelOf(this);
  }

  /** A cell-format property: shared value or null, written to every cell. */
  protected cellProp<K extends keyof CellFormat>(
    key: K,
    out: (v: CellFormat[K] | null) => unknown = (v) => v
  ): PropDesc<RangeTarget> {
    return { get: (t) => out(this.model.readFormat(t.sheet, t.area, key)) };
  }
}

function requireEnum(value: unknown, e: Record<string, string>, what: string): string {
  if (typeof value !== "string" || !enumValues(e).includes(value)) {
    throw simError("InvalidArgument", `'${String(value)}' is not a valid ${what}.`);
  }
  return value;
}

type FormatMembers =
  | "horizontalAlignment"
  | "verticalAlignment"
  | "wrapText"
  | "columnWidth"
  | "rowHeight"
  | "autofitColumns"
  | "autofitRows";

export class SimRangeFormat extends RangePart implements Pick<Excel.RangeFormat, FormatMembers> {
  protected readonly _typeName = "RangeFormat";
  private _fill?: SimRangeFill;
  private _font?: SimRangeFont;
  private _borders?: SimRangeBorderCollection;
  private _protection?: SimFormatProtection;

  protected _props(): Record<string, PropDesc<RangeTarget>> {
    const m = this.model;
    return {
      horizontalAlignment: this.cellProp("horizontalAlignment"),
      verticalAlignment: this.cellProp("verticalAlignment"),
      wrapText: this.cellProp("wrapText"),
      columnWidth: {
        get: (t) =>
          m.readUniform(t.area.col, Math.min(t.area.colCount, 1000), (c) =>
            m.columnWidth(t.sheet, c)
          ),
        api: "RangeFormat.columnWidth",
      },
      rowHeight: {
        get: (t) =>
          m.readUniform(t.area.row, Math.min(t.area.rowCount, 100000), (r) =>
            m.rowHeight(t.sheet, r)
          ),
        api: "RangeFormat.rowHeight",
      },
    };
  }

  protected override _child(name: string): SimObject<unknown> | undefined {
    const children: Record<string, () => SimObject<unknown>> = {
      fill: () => this.fill as SimObject<unknown>,
      font: () => this.font as SimObject<unknown>,
      borders: () => this.borders as unknown as SimObject<unknown>,
      protection: () => this.protection as SimObject<unknown>,
    };
    return children[name]?.();
  }

  get fill(): SimRangeFill {
    return (this._fill ??= new SimRangeFill(this.range));
  }
  get font(): SimRangeFont {
    return (this._font ??= new SimRangeFont(this.range));
  }
  get borders(): SimRangeBorderCollection {
    return (this._borders ??= new SimRangeBorderCollection(this.range));
  }
  get protection(): SimFormatProtection {
    return (this._protection ??= new SimFormatProtection(this.range));
  }

  get horizontalAlignment(): Excel.RangeFormat["horizontalAlignment"] {
    return this._read("horizontalAlignment");
  }
  set horizontalAlignment(v: Excel.RangeFormat["horizontalAlignment"]) {
    this._write("horizontalAlignment", v, undefined, (t) =>
      this.model.setFormat(t.sheet, t.area, {
        horizontalAlignment: requireEnum(
          v,
          EXCEL_ENUMS.HorizontalAlignment,
          "horizontal alignment"
        ),
      })
    );
  }

  get verticalAlignment(): Excel.RangeFormat["verticalAlignment"] {
    return this._read("verticalAlignment");
  }
  set verticalAlignment(v: Excel.RangeFormat["verticalAlignment"]) {
    this._write("verticalAlignment", v, undefined, (t) =>
      this.model.setFormat(t.sheet, t.area, {
        verticalAlignment: requireEnum(v, EXCEL_ENUMS.VerticalAlignment, "vertical alignment"),
      })
    );
  }

  get wrapText(): boolean {
    return this._read("wrapText");
  }
  set wrapText(v: boolean) {
    this._write("wrapText", v, undefined, (t) =>
      this.model.setFormat(t.sheet, t.area, { wrapText: requireBoolean(v, "wrapText") })
    );
  }

  get columnWidth(): number {
    return this._read("columnWidth");
  }
  set columnWidth(v: number) {
    this._write("columnWidth", v, "RangeFormat.columnWidth", (t) =>
      this.model.setColumnWidth(t.sheet, t.area, v)
    );
  }

  get rowHeight(): number {
    return this._read("rowHeight");
  }
  set rowHeight(v: number) {
    this._write("rowHeight", v, "RangeFormat.rowHeight", (t) =>
      this.model.setRowHeight(t.sheet, t.area, v)
    );
  }

  /** Accepted and ignored: the simulator has no fonts to measure. */
  autofitColumns(): void {
    this._queueCall("autofitColumns", "RangeFormat.autofit", () => {});
  }

  autofitRows(): void {
    this._queueCall("autofitRows", "RangeFormat.autofit", () => {});
  }
}

export class SimRangeFill extends RangePart implements Pick<Excel.RangeFill, "color" | "clear"> {
  protected readonly _typeName = "RangeFill";

  protected _props(): Record<string, PropDesc<RangeTarget>> {
    // ⚠ a cell without fill reads "#FFFFFF" through Office.js (as observed on Windows); null when mixed
    return {
      color: this.cellProp("fill", (v) => (v === undefined ? null : v === null ? "#FFFFFF" : v)),
    };
  }

  get color(): string {
    return this._read("color");
  }
  set color(v: string) {
    this._write("color", v, undefined, (t) =>
      this.model.setFormat(t.sheet, t.area, { fill: requireColor(v) })
    );
  }

  clear(): void {
    this._queueCall("clear", undefined, (t) =>
      this.model.setFormat(t.sheet, t.area, { fill: null })
    );
  }
}

type FontMembers = "bold" | "italic" | "color" | "size" | "name" | "underline";

export class SimRangeFont extends RangePart implements Pick<Excel.RangeFont, FontMembers> {
  protected readonly _typeName = "RangeFont";

  protected _props(): Record<string, PropDesc<RangeTarget>> {
    return {
      bold: this.cellProp("bold"),
      italic: this.cellProp("italic"),
      color: this.cellProp("fontColor"),
      size: this.cellProp("fontSize"),
      name: this.cellProp("fontName"),
      underline: this.cellProp("underline"),
    };
  }

  get bold(): boolean {
    return this._read("bold");
  }
  set bold(v: boolean) {
    this._write("bold", v, undefined, (t) =>
      this.model.setFormat(t.sheet, t.area, { bold: requireBoolean(v, "bold") })
    );
  }

  get italic(): boolean {
    return this._read("italic");
  }
  set italic(v: boolean) {
    this._write("italic", v, undefined, (t) =>
      this.model.setFormat(t.sheet, t.area, { italic: requireBoolean(v, "italic") })
    );
  }

  get color(): string {
    return this._read("color");
  }
  set color(v: string) {
    this._write("color", v, undefined, (t) =>
      this.model.setFormat(t.sheet, t.area, { fontColor: requireColor(v) })
    );
  }

  get size(): number {
    return this._read("size");
  }
  set size(v: number) {
    this._write("size", v, undefined, (t) => {
      if (typeof v !== "number" || !(v >= 1 && v <= 409))
        throw simError("InvalidArgument", `Font size ${String(v)} is out of range.`);
      this.model.setFormat(t.sheet, t.area, { fontSize: v });
    });
  }

  get name(): string {
    return this._read("name");
  }
  set name(v: string) {
    this._write("name", v, undefined, (t) => {
      if (typeof v !== "string" || v.trim() === "")
        throw simError("InvalidArgument", "A font name must be a non-empty string.");
      this.model.setFormat(t.sheet, t.area, { fontName: v });
    });
  }

  get underline(): Excel.RangeFont["underline"] {
    return this._read("underline");
  }
  set underline(v: Excel.RangeFont["underline"]) {
    this._write("underline", v, undefined, (t) =>
      this.model.setFormat(t.sheet, t.area, {
        underline: requireEnum(v, EXCEL_ENUMS.RangeUnderlineStyle, "underline style"),
      })
    );
  }
}

export class SimFormatProtection
  extends RangePart
  implements Pick<Excel.FormatProtection, "locked" | "formulaHidden">
{
  protected readonly _typeName = "FormatProtection";

  protected _props(): Record<string, PropDesc<RangeTarget>> {
    return {
      locked: { ...this.cellProp("locked"), api: "FormatProtection.locked" },
      formulaHidden: { ...this.cellProp("formulaHidden"), api: "FormatProtection.locked" },
    };
  }

  get locked(): boolean {
    return this._read("locked");
  }
  set locked(v: boolean) {
    this._write("locked", v, "FormatProtection.locked", (t) =>
      this.model.setFormat(t.sheet, t.area, { locked: requireBoolean(v, "locked") })
    );
  }

  get formulaHidden(): boolean {
    return this._read("formulaHidden");
  }
  set formulaHidden(v: boolean) {
    this._write("formulaHidden", v, "FormatProtection.locked", (t) =>
      this.model.setFormat(t.sheet, t.area, { formulaHidden: requireBoolean(v, "formulaHidden") })
    );
  }
}

export class SimRangeBorderCollection {
  protected readonly _typeName = "RangeBorderCollection";
  readonly context: SimContextBase;

  constructor(private readonly range: SimRange) {
    this.context = range.context;
  }

  getItem(
    index:
      | Excel.BorderIndex
      | "EdgeTop"
      | "EdgeBottom"
      | "EdgeLeft"
      | "EdgeRight"
      | "InsideVertical"
      | "InsideHorizontal"
      | "DiagonalDown"
      | "DiagonalUp"
  ): SimRangeBorder {
    return new SimRangeBorder(this.range, index);
  }

  getItemAt(index: number): SimRangeBorder {
    const sides = enumValues(EXCEL_ENUMS.BorderIndex);
    return new SimRangeBorder(this.range, sides[index] ?? `#${index}`);
  }

  /** Border properties are loaded through `getItem(side).load(...)`; loading the collection itself is a no-op. */
  load(): this {
    return this;
  }

  /** @internal */ _loadNow(): void {}
}

export class SimRangeBorder
  extends RangePart
  implements Pick<Excel.RangeBorder, "style" | "color" | "weight" | "sideIndex">
{
  protected readonly _typeName = "RangeBorder";

  constructor(
    range: SimRange,
    private readonly side: string
  ) {
    super(range);
  }

  private checkSide(): string {
    return requireEnum(this.side, EXCEL_ENUMS.BorderIndex, "border index");
  }

  protected _props(): Record<string, PropDesc<RangeTarget>> {
    const read = (k: keyof Border) => (t: RangeTarget) => {
      const b = this.model.readBorder(t.sheet, t.area, this.checkSide());
      return b === null ? null : b[k];
    };
    return {
      sideIndex: { get: () => this.checkSide() },
      style: { get: read("style") },
      color: { get: read("color") },
      weight: { get: read("weight") },
    };
  }

  get sideIndex(): Excel.RangeBorder["sideIndex"] {
    return this._read("sideIndex");
  }

  private setBorder(name: string, v: unknown, patch: () => Partial<Border>): void {
    this._write(name, v, undefined, (t) => {
      const side = this.checkSide();
      if (side === "DiagonalDown" || side === "DiagonalUp") return;
      this.model.setBorder(t.sheet, t.area, side, patch());
    });
  }

  get style(): Excel.RangeBorder["style"] {
    return this._read("style");
  }
  set style(v: Excel.RangeBorder["style"]) {
    this.setBorder("style", v, () => ({
      style: requireEnum(v, EXCEL_ENUMS.BorderLineStyle, "border style"),
    }));
  }

  get color(): string {
    return this._read("color");
  }
  set color(v: string) {
    this.setBorder("color", v, () => ({ color: requireColor(v) }));
  }

  get weight(): Excel.RangeBorder["weight"] {
    return this._read("weight");
  }
  set weight(v: Excel.RangeBorder["weight"]) {
    this.setBorder("weight", v, () => ({
      weight: requireEnum(v, EXCEL_ENUMS.BorderWeight, "border weight"),
    }));
  }
}
