/**
 * `Excel.Worksheet`, `WorksheetCollection`, `WorksheetProtection`, `WorksheetFreezePanes`. A worksheet
 * proxy from `getItem(name)` keeps pointing at the same sheet after a rename, as Office's does.
 */
import { type Area, MAX_COLS, MAX_ROWS, parseAddress } from "./address";
import { EXCEL_ENUMS, enumValues } from "./enums";
import { notSimulated, requireBoolean, simError } from "./errors";
import { SimEventHandlers } from "./events";
import { SimNamedItemCollection } from "./names";
import {
  assertSameContext,
  type PropDesc,
  SimClientResult,
  SimCollection,
  type SimContextBase,
  SimObject,
} from "./proxy";
import { checkedArea, liveSheet, modelOf, type RangeTarget, SimRange } from "./range";
import { SimRangeAreas } from "./range-areas";
import {
  defaultProtectionOptions,
  type ProtectionOptions,
  requireColor,
  type PageLayoutModel,
  type SheetModel,
  type SheetVisibility,
  type WorkbookModel,
} from "./workbook-model";
import type { SimWorksheetChangedEventArgs, SimWorksheetNameChangedEventArgs } from "./events";

type WorksheetMembers =
  "id" | "name" | "position" | "visibility" | "tabColor" | "showGridlines" | "activate" | "delete";

export class SimWorksheet
  extends SimObject<SheetModel>
  implements Pick<Excel.Worksheet, WorksheetMembers>
{
  protected readonly _typeName = "Worksheet";
  private _names?: SimNamedItemCollection;
  private _protection?: SimWorksheetProtection;
  private _freeze?: SimWorksheetFreezePanes;
  private _pageLayout?: SimPageLayout;
  private _onChanged?: SimEventHandlers<SimWorksheetChangedEventArgs>;
  private _onNameChanged?: SimEventHandlers<SimWorksheetNameChangedEventArgs>;

  constructor(context: SimContextBase, locate: () => SheetModel | null, nullable = false) {
    super(
      context,
      () => {
        const s = locate();
        return s ? liveSheet(context._core.model, s) : null;
      },
      nullable
    );
  }

  private get model(): WorkbookModel {
    return modelOf(this);
  }

  private requireTarget(): SheetModel {
    const s = this._target();
    if (!s) throw simError("ItemNotFound", "The worksheet does not exist.");
    return s;
  }

  protected _props(): Record<string, PropDesc<SheetModel>> {
    const m = this.model;
    return {
      id: { get: (s) => s.id },
      name: { get: (s) => s.name },
      position: { get: (s) => m.sheets.indexOf(s) },
      visibility: { get: (s) => s.visibility },
      tabColor: {
        get: (s) => (s.visibility !== "Visible" ? null : s.tabColor),
        api: "Worksheet.tabColor",
      },
      showGridlines: { get: (s) => s.showGridlines, api: "Worksheet.showGridlines" },
    };
  }

  protected override _child(name: string): SimObject<unknown> | undefined {
    if (name === "protection") return this.protection as SimObject<unknown>;
    if (name === "pageLayout") return this.pageLayout as SimObject<unknown>;
    return undefined;
  }

  get id(): string {
    return this._read("id");
  }

  get name(): string {
    return this._read("name");
  }
  set name(v: string) {
    this._write("name", v, undefined, (s) => this.model.renameSheet(s, v));
  }

  get position(): number {
    return this._read("position");
  }
  set position(v: number) {
    this._write("position", v, undefined, (s) => this.model.moveSheet(s, v));
  }

  get visibility(): Excel.Worksheet["visibility"] {
    return this._read("visibility");
  }
  set visibility(v: Excel.Worksheet["visibility"]) {
    this._write("visibility", v, "Worksheet.visibility.set", (s) =>
      this.model.setVisibility(s, v as SheetVisibility)
    );
  }

  get tabColor(): string {
    return this._read("tabColor");
  }
  set tabColor(v: string) {
    this._write("tabColor", v, "Worksheet.tabColor", (s) => {
      s.tabColor = v === "" ? "" : requireColor(v);
      this.model.emit({ type: "touched" });
    });
  }

  get showGridlines(): boolean {
    return this._read("showGridlines");
  }
  set showGridlines(v: boolean) {
    this._write("showGridlines", v, "Worksheet.showGridlines", (s) => {
      s.showGridlines = requireBoolean(v, "showGridlines");
      this.model.emit({ type: "touched" });
    });
  }

  get names(): SimNamedItemCollection {
    return (this._names ??= new SimNamedItemCollection(
      this.context,
      () => this.requireTarget(),
      "Worksheet.names"
    ));
  }

  get protection(): SimWorksheetProtection {
    return (this._protection ??= new SimWorksheetProtection(this));
  }

  get pageLayout(): SimPageLayout {
    return (this._pageLayout ??= new SimPageLayout(this));
  }

  get freezePanes(): SimWorksheetFreezePanes {
    return (this._freeze ??= new SimWorksheetFreezePanes(this));
  }

  get onChanged(): SimEventHandlers<SimWorksheetChangedEventArgs> {
    return (this._onChanged ??= new SimEventHandlers(
      this.context,
      "changed",
      "Worksheet.onChanged",
      "Worksheet.onChanged",
      () => this.requireTarget().id
    ));
  }

  get onNameChanged(): SimEventHandlers<SimWorksheetNameChangedEventArgs> {
    return (this._onNameChanged ??= new SimEventHandlers(
      this.context,
      "nameChanged",
      "Worksheet.onNameChanged",
      "Worksheet.onNameChanged",
      () => this.requireTarget().id
    ));
  }

  activate(): void {
    this._queueCall("activate", "Worksheet.activate", (s) => this.model.activate(s), "other");
  }

  delete(): void {
    this._queueCall("delete", "Worksheet.delete", (s) => this.model.deleteSheet(s));
  }

  private range(fn: (s: SheetModel) => Area, nullable = false): SimRange {
    return new SimRange(
      this.context,
      () => {
        const s = this._target();
        if (!s) return null;
        return { sheet: s, area: fn(s) };
      },
      nullable
    );
  }

  /**
   * An address on this sheet ("B3", "B3:D5", "A:C", "3:5", optionally "ThisSheet!B3") or a defined name
   * that refers to a range on this sheet; no address: the whole sheet. Anything else fails at sync.
   */
  getRange(address?: string): SimRange {
    return this.range((s) => resolveAddress(this.model, s, address));
  }

  getRangeByIndexes(
    ...[startRow, startColumn, rowCount, columnCount]: Parameters<
      Excel.Worksheet["getRangeByIndexes"]
    >
  ): SimRange {
    return this.range(() => {
      this.context._core.requireAll("Worksheet.getRangeByIndexes");
      return checkedArea(startRow, startColumn, rowCount, columnCount);
    });
  }

  getCell(...[row, column]: Parameters<Excel.Worksheet["getCell"]>): SimRange {
    return this.range(() => checkedArea(row, column, 1, 1));
  }

  /** Comma- or semicolon-separated addresses or names (ExcelApi 1.9). */
  getRanges(address?: string): SimRangeAreas {
    return new SimRangeAreas(this.context, () => {
      this.context._core.requireAll("Worksheet.getRanges");
      const s = this._target();
      if (!s) return null;
      const parts = (address ?? "").split(/[,;]/).map((p) => p.trim());
      if (parts.some((p) => p === ""))
        throw simError("InvalidArgument", `'${address}' is not a list of addresses.`);
      return { sheet: s, areas: parts.map((p) => resolveAddress(this.model, s, p)) };
    });
  }

  /** Excel answers A1 for a sheet with nothing used. */
  getUsedRange(valuesOnly?: boolean): SimRange {
    return this.range((s) => {
      this.context._core.requireAll("Worksheet.getUsedRange");
      return (
        this.model.usedArea(s, valuesOnly === true) ?? { row: 0, col: 0, rowCount: 1, colCount: 1 }
      );
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): SimRange {
    const r = new SimRange(
      this.context,
      () => {
        this.context._core.requireAll("Worksheet.getUsedRangeOrNullObject");
        const s = this._target();
        const area = s ? this.model.usedArea(s, valuesOnly === true) : undefined;
        return s && area ? { sheet: s, area } : null;
      },
      true
    );
    return r;
  }
}

/** `getRange`'s address rules (see SimWorksheet.getRange). */
export function resolveAddress(
  model: WorkbookModel,
  sheet: SheetModel,
  address: string | undefined
): Area {
  if (address === undefined || address === null || address === "") {
    return { row: 0, col: 0, rowCount: MAX_ROWS, colCount: MAX_COLS };
  }
  if (typeof address !== "string" || address.length > 8192)
    throw simError("InvalidArgument", "The address is not valid.");
  const parsed = parseAddress(address);
  if (parsed) {
    if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
      throw simError(
        "InvalidArgument",
        `The address '${address}' is not on the worksheet '${sheet.name}'.`
      );
    }
    return parsed.area;
  }
  const n = model.names.resolve(address.trim(), sheet.id);
  const t = n ? model.names.target(n) : undefined;
  if (t && t.sheet === sheet) return t.area;
  throw simError("InvalidArgument", `The address '${address}' is not valid.`);
}

export class SimWorksheetCollection extends SimCollection<SimWorksheet, SheetModel> {
  protected readonly _typeName = "WorksheetCollection";
  private _onChanged?: SimEventHandlers<SimWorksheetChangedEventArgs>;
  private _onNameChanged?: SimEventHandlers<SimWorksheetNameChangedEventArgs>;

  protected _list(): SheetModel[] {
    return [...modelOf(this).sheets];
  }

  protected _wrap(s: SheetModel): SimWorksheet {
    return new SimWorksheet(this.context, () => s);
  }

  /** A new sheet goes last and is not activated (Office.js's behaviour). */
  add(name?: string): SimWorksheet {
    let created: SheetModel | undefined;
    this.context._enqueue({
      kind: "write",
      label: "WorksheetCollection.add",
      api: "WorksheetCollection.add",
      run: () => {
        created = modelOf(this).addSheet(name);
      },
    });
    return new SimWorksheet(this.context, () => {
      if (!created) throw simError("GeneralException", "The worksheet was not created.");
      return created;
    });
  }

  /** By name (case-insensitive) or id. */
  getItem(key: string): SimWorksheet {
    return new SimWorksheet(this.context, () => modelOf(this).requireSheet(String(key)));
  }

  getItemOrNullObject(key: string): SimWorksheet {
    return new SimWorksheet(
      this.context,
      () => {
        this.context._core.requireAll("WorksheetCollection.getItemOrNullObject");
        return modelOf(this).sheetByKey(String(key)) ?? null;
      },
      true
    );
  }

  getActiveWorksheet(): SimWorksheet {
    return new SimWorksheet(this.context, () =>
      modelOf(this).requireSheet(modelOf(this).activeSheetId)
    );
  }

  private listed(visibleOnly: boolean | undefined): SheetModel[] {
    return visibleOnly ? modelOf(this).visibleSheets() : modelOf(this).sheets;
  }

  getFirst(visibleOnly?: boolean): SimWorksheet {
    return new SimWorksheet(this.context, () => this.listed(visibleOnly)[0] ?? null);
  }

  getLast(visibleOnly?: boolean): SimWorksheet {
    return new SimWorksheet(this.context, () => {
      const list = this.listed(visibleOnly);
      return list[list.length - 1] ?? null;
    });
  }

  getCount(visibleOnly?: boolean): SimClientResult<number> {
    return this._getCount("WorksheetCollection.getCount", () => this.listed(visibleOnly).length);
  }

  get onChanged(): SimEventHandlers<SimWorksheetChangedEventArgs> {
    return (this._onChanged ??= new SimEventHandlers(
      this.context,
      "changed",
      "WorksheetCollection.onChanged",
      "WorksheetCollection.onChanged",
      () => null
    ));
  }

  get onNameChanged(): SimEventHandlers<SimWorksheetNameChangedEventArgs> {
    return (this._onNameChanged ??= new SimEventHandlers(
      this.context,
      "nameChanged",
      "WorksheetCollection.onNameChanged",
      "WorksheetCollection.onNameChanged",
      () => null
    ));
  }
}

export class SimWorksheetProtection
  extends SimObject<SheetModel>
  implements Pick<Excel.WorksheetProtection, "protected" | "options">
{
  protected readonly _typeName = "WorksheetProtection";

  constructor(worksheet: SimWorksheet) {
    super(worksheet.context, () => worksheet._target());
  }

  protected _props(): Record<string, PropDesc<SheetModel>> {
    return {
      protected: { get: (s) => s.protection.protected, api: "Worksheet.protection" },
      options: { get: (s) => ({ ...s.protection.options }), api: "Worksheet.protection" },
    };
  }

  get protected(): boolean {
    return this._read("protected");
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this._read("options");
  }

  /** Fails when the sheet is already protected (the d.ts says so). Clears the undo stack, as Excel does. */
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    const api: ("Worksheet.protection" | "WorksheetProtection.protect.password")[] = [
      "Worksheet.protection",
    ];
    if (password !== undefined) api.push("WorksheetProtection.protect.password");
    this._queueCall("protect", api, (s) => {
      if (options !== undefined && (typeof options !== "object" || options === null)) {
        throw simError("InvalidArgument", "Protection options must be an object.");
      }
      const known = Object.keys(defaultProtectionOptions());
      for (const k of Object.keys(options ?? {})) {
        if (!known.includes(k))
          throw simError("InvalidArgument", `'${k}' is not a worksheet protection option.`);
      }
      const mode = (options as { selectionMode?: string } | undefined)?.selectionMode;
      if (mode !== undefined && !enumValues(EXCEL_ENUMS.ProtectionSelectionMode).includes(mode)) {
        throw simError("InvalidArgument", `'${mode}' is not a selection mode.`);
      }
      modelOf(this).protect(s, options as Partial<ProtectionOptions> | undefined, password);
    });
  }

  unprotect(password?: string): void {
    const api: ("Worksheet.protection" | "WorksheetProtection.unprotect.password")[] = [
      "Worksheet.protection",
    ];
    if (password !== undefined) api.push("WorksheetProtection.unprotect.password");
    this._queueCall("unprotect", api, (s) => modelOf(this).unprotect(s, password));
  }
}

export class SimWorksheetFreezePanes {
  readonly context: SimContextBase;

  constructor(private readonly worksheet: SimWorksheet) {
    this.context = worksheet.context;
  }

  private queue(label: string, apply: (s: SheetModel) => void): void {
    this.context._enqueue({
      kind: "write",
      label: `WorksheetFreezePanes.${label}`,
      api: "Worksheet.freezePanes",
      run: () => {
        const s = this.worksheet._target();
        if (s) {
          apply(s);
          modelOf(this).emit({ type: "touched" });
        }
      },
    });
  }

  freezeRows(count = 1): void {
    this.queue("freezeRows", (s) => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_ROWS)
        throw simError("InvalidArgument", `Cannot freeze ${count} rows.`);
      s.frozenRows = count;
      s.frozenCols = 0;
    });
  }

  freezeColumns(count = 1): void {
    this.queue("freezeColumns", (s) => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_COLS)
        throw simError("InvalidArgument", `Cannot freeze ${count} columns.`);
      s.frozenCols = count;
      s.frozenRows = 0;
    });
  }

  /** Freezes the rows above and the columns left of the range's bottom-right corner + 1. */
  freezeAt(frozenRange: SimRange | string): void {
    this.queue("freezeAt", (s) => {
      let area: Area;
      if (frozenRange instanceof SimRange) {
        assertSameContext(frozenRange, this.context);
        const t: RangeTarget | null = frozenRange._target();
        if (!t) throw simError("InvalidArgument", "The range does not exist.");
        area = t.area;
      } else area = resolveAddress(modelOf(this), s, frozenRange);
      s.frozenRows = area.row + area.rowCount;
      s.frozenCols = area.col + area.colCount;
    });
  }

  unfreeze(): void {
    this.queue("unfreeze", (s) => {
      s.frozenRows = 0;
      s.frozenCols = 0;
    });
  }
}

type MarginName =
  "leftMargin" | "rightMargin" | "topMargin" | "bottomMargin" | "headerMargin" | "footerMargin";
const MARGINS: MarginName[] = [
  "leftMargin",
  "rightMargin",
  "topMargin",
  "bottomMargin",
  "headerMargin",
  "footerMargin",
];

/**
 * `Excel.PageLayout` (ExcelApi 1.9): paper, orientation, margins in points, zoom (a scale or pages to fit),
 * print area and title rows. Values Excel refuses are refused: an unknown paper or orientation, a negative
 * margin, a zoom mixing a scale with pages to fit, title rows that are not whole rows.
 */
export class SimPageLayout
  extends SimObject<SheetModel>
  implements Pick<Excel.PageLayout, "paperSize" | "orientation" | MarginName | "zoom">
{
  protected readonly _typeName = "PageLayout";

  constructor(private readonly worksheet: SimWorksheet) {
    super(worksheet.context, () => worksheet._target());
  }

  protected _props(): Record<string, PropDesc<SheetModel>> {
    const api = "Worksheet.pageLayout" as const;
    const props: Record<string, PropDesc<SheetModel>> = {
      paperSize: { get: (s) => s.pageLayout.paperSize, api },
      orientation: { get: (s) => s.pageLayout.orientation, api },
      centerHorizontally: { get: (s) => s.pageLayout.centerHorizontally, api },
      zoom: { get: (s) => ({ ...s.pageLayout.zoom }), api },
    };
    for (const m of MARGINS) props[m] = { get: (s) => s.pageLayout[m], api };
    return props;
  }

  private assign<K extends keyof PageLayoutModel>(
    name: K,
    value: unknown,
    check: (v: unknown) => PageLayoutModel[K]
  ): void {
    this._write(name, value, "Worksheet.pageLayout", (s) => {
      s.pageLayout[name] = check(value);
      modelOf(this).emit({ type: "touched" });
    });
  }

  get paperSize(): Excel.PaperType {
    return this._read("paperSize");
  }
  set paperSize(v: Excel.PaperType) {
    this.assign("paperSize", v, (x) => oneOf(x, EXCEL_ENUMS.PaperType, "paper size"));
  }
  get orientation(): Excel.PageOrientation {
    return this._read("orientation");
  }
  set orientation(v: Excel.PageOrientation) {
    this.assign("orientation", v, (x) => oneOf(x, EXCEL_ENUMS.PageOrientation, "orientation"));
  }
  get centerHorizontally(): boolean {
    return this._read("centerHorizontally");
  }
  set centerHorizontally(v: boolean) {
    this.assign("centerHorizontally", v, (x) => requireBoolean(x, "centerHorizontally"));
  }
  get leftMargin(): number {
    return this._read("leftMargin");
  }
  set leftMargin(v: number) {
    this.assign("leftMargin", v, margin);
  }
  get rightMargin(): number {
    return this._read("rightMargin");
  }
  set rightMargin(v: number) {
    this.assign("rightMargin", v, margin);
  }
  get topMargin(): number {
    return this._read("topMargin");
  }
  set topMargin(v: number) {
    this.assign("topMargin", v, margin);
  }
  get bottomMargin(): number {
    return this._read("bottomMargin");
  }
  set bottomMargin(v: number) {
    this.assign("bottomMargin", v, margin);
  }
  get headerMargin(): number {
    return this._read("headerMargin");
  }
  set headerMargin(v: number) {
    this.assign("headerMargin", v, margin);
  }
  get footerMargin(): number {
    return this._read("footerMargin");
  }
  set footerMargin(v: number) {
    this.assign("footerMargin", v, margin);
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this._read("zoom");
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.assign("zoom", v, zoomOptions);
  }

  setPrintArea(printArea: string): void {
    this._queueCall("setPrintArea", "Worksheet.pageLayout", (s) => {
      if (typeof printArea !== "string")
        throw notSimulated("PageLayout.setPrintArea with a Range or RangeAreas");
      s.pageLayout.printArea = resolveAddress(modelOf(this), s, printArea);
    });
  }

  setPrintTitleRows(printTitleRows: string): void {
    this._queueCall("setPrintTitleRows", "Worksheet.pageLayout", (s) => {
      if (typeof printTitleRows !== "string")
        throw notSimulated("PageLayout.setPrintTitleRows with a Range");
      const area = resolveAddress(modelOf(this), s, printTitleRows);
      if (area.col !== 0 || area.colCount !== MAX_COLS)
        throw simError(
          "InvalidArgument",
          `Print title rows must be whole rows, not '${printTitleRows}'.`
        );
      s.pageLayout.printTitleRows = area;
    });
  }
}

function oneOf(value: unknown, e: Record<string, string>, what: string): string {
  if (typeof value !== "string" || !enumValues(e).includes(value))
    throw simError("InvalidArgument", `'${String(value)}' is not a ${what}.`);
  return value;
}

function margin(value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw simError("InvalidArgument", "A margin must be a number of points ≥ 0.");
  return value;
}

/** Either a scale (10–400 %) or pages to fit, as Excel's page setup offers one or the other. */
function zoomOptions(value: unknown): PageLayoutModel["zoom"] {
  if (typeof value !== "object" || value === null)
    throw simError("InvalidArgument", "Zoom options must be an object.");
  const z = value as Record<string, unknown>;
  for (const k of Object.keys(z))
    if (!["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k))
      throw simError("InvalidArgument", `'${k}' is not a zoom option.`);
  const count = (k: string) => {
    const v = z[k];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
      throw simError("InvalidArgument", `${k} must be a whole number ≥ 0.`);
    return v;
  };
  const scale = count("scale");
  const wide = count("horizontalFitToPages");
  const tall = count("verticalFitToPages");
  if (scale !== undefined && (wide !== undefined || tall !== undefined))
    throw simError("InvalidArgument", "Zoom takes a scale or pages to fit, not both.");
  if (scale !== undefined) {
    if (scale < 10 || scale > 400) throw simError("InvalidArgument", "Scale must be 10–400.");
    return { scale };
  }
  return { horizontalFitToPages: wide, verticalFitToPages: tall };
}
