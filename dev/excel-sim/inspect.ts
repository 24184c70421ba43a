/**
 * Looking at the simulated workbook from outside Office.js: for assertions in tests and for the workbench
 * grid. Everything here is read-only, synchronous and free of round trips (it does not touch syncCount).
 */
import { type Area, formatAddress, formatArea, parseAddress } from "./address";
import type { SimCore } from "./core";
import type {
  PageLayoutModel,
  ProtectionOptions,
  SheetModel,
  WorkbookModel,
} from "./workbook-model";
import { type CellValue, formatValue, type ValueType, valueType } from "./values";

export interface CellInfo {
  value: CellValue | "";
  valueType: ValueType;
  /** present when the cell holds a formula */
  formula?: string;
  /** the value through its number format (`Range.text`) */
  text: string;
  numberFormat: string;
  /** null: no fill */
  fill: string | null;
  fontColor: string;
  bold: boolean;
  italic: boolean;
  fontSize: number;
  fontName: string;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  locked: boolean;
  borders: { top?: string; bottom?: string; left?: string; right?: string };
  /** the merged area the cell belongs to, e.g. "A1:C1" */
  merged?: string;
  /** the fill a conditional format paints now (the first matching rule that sets one) */
  conditionalFill?: string;
  conditionalFontColor?: string;
  validation?: {
    type: string;
    rule: Record<string, unknown>;
    valid: boolean;
    errorAlert: object;
    prompt: object;
    ignoreBlanks: boolean;
  };
}

export interface NameInfo {
  name: string;
  formula: string;
  /** "Workbook" or the scope sheet's name */
  scope: string;
  type: string;
  value: CellValue | "";
  comment: string;
  visible: boolean;
}

export interface SheetInfo {
  id: string;
  name: string;
  position: number;
  visibility: string;
  active: boolean;
  tabColor: string;
  showGridlines: boolean;
  frozenRows: number;
  frozenColumns: number;
  protected: boolean;
}

export class SimInspector {
  constructor(private readonly core: SimCore) {}

  private get model(): WorkbookModel {
    return this.core.model;
  }

  private sheet(name: string): SheetModel {
    const s = this.model.sheetByKey(name);
    if (!s) throw new Error(`excel-sim inspect: no sheet '${name}'`);
    return s;
  }

  private area(address: string): Area {
    const p = parseAddress(address);
    if (!p) throw new Error(`excel-sim inspect: '${address}' is not an address`);
    return p.area;
  }

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  sheets(): SheetInfo[] {
    return this.model.sheets.map((s, i) => ({
      id: s.id,
      name: s.name,
      position: i,
      visibility: s.visibility,
      active: this.model.activeSheetId === s.id,
      tabColor: s.tabColor,
      showGridlines: s.showGridlines,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenCols,
      protected: s.protection.protected,
    }));
  }

  activeSheet(): string {
    return this.model.sheetById(this.model.activeSheetId)?.name ?? "";
  }

  cell(sheetName: string, address: string): CellInfo {
    const m = this.model;
    const sheet = this.sheet(sheetName);
    const { row, col } = this.area(address);
    const f = m.format(sheet, row, col);
    const value = m.value(sheet, row, col);
    const formula = m.formula(sheet, row, col);
    const merge = m.mergedAreaAt(sheet, row, col);
    const paint = m.rules.paintAt(sheet, row, col);
    const dv = m.rules.dvAt(sheet, row, col);
    // A line between two cells is one line in Excel: the cell above's bottom is this cell's top.
    const drawn = (b: { style: string } | undefined) =>
      b && b.style !== "None" ? b.style : undefined;
    const above = row > 0 ? m.format(sheet, row - 1, col) : undefined;
    const left = col > 0 ? m.format(sheet, row, col - 1) : undefined;
    const sides = {
      top: drawn(f.borderTop) ?? drawn(above?.borderBottom),
      bottom: drawn(f.borderBottom),
      left: drawn(f.borderLeft) ?? drawn(left?.borderRight),
      right: drawn(f.borderRight),
    };
    const borders: CellInfo["borders"] = {};
    for (const [side, style] of Object.entries(sides)) {
      if (style) borders[side as keyof CellInfo["borders"]] = style;
    }
    return {
      value,
      valueType: valueType(value),
      ...(formula !== undefined ? { formula } : {}),
      text: formatValue(value, f.numberFormat),
      numberFormat: f.numberFormat,
      fill: f.fill,
      fontColor: f.fontColor,
      bold: f.bold,
      italic: f.italic,
      fontSize: f.fontSize,
      fontName: f.fontName,
      horizontalAlignment: f.horizontalAlignment,
      verticalAlignment: f.verticalAlignment,
      wrapText: f.wrapText,
      locked: f.locked,
      borders,
      ...(merge ? { merged: formatArea(merge) } : {}),
      ...(paint.fill !== undefined ? { conditionalFill: paint.fill } : {}),
      ...(paint.fontColor !== undefined ? { conditionalFontColor: paint.fontColor } : {}),
      ...(dv
        ? {
            validation: {
              type: dv.type,
              rule: m.rules.ruleOut(dv, sheet),
              valid: m.rules.isValid(dv, sheet, row, col, value),
              errorAlert: { ...dv.errorAlert },
              prompt: { ...dv.prompt },
              ignoreBlanks: dv.ignoreBlanks,
            },
          }
        : {}),
    };
  }

  values(sheetName: string, address: string): (CellValue | "")[][] {
    return this.model.readValues(this.sheet(sheetName), this.area(address)) ?? [];
  }

  formulas(sheetName: string, address: string): (CellValue | "")[][] {
    return this.model.readFormulas(this.sheet(sheetName), this.area(address)) ?? [];
  }

  texts(sheetName: string, address: string): string[][] {
    return this.model.readText(this.sheet(sheetName), this.area(address)) ?? [];
  }

  names(): NameInfo[] {
    const store = this.model.names;
    return store.list.map((n) => ({
      name: n.name,
      formula: store.formula(n),
      scope:
        n.scopeSheetId === null ? "Workbook" : (this.model.sheetById(n.scopeSheetId)?.name ?? "?"),
      type: store.type(n),
      value: store.value(n),
      comment: n.comment,
      visible: n.visible,
    }));
  }

  mergedAreas(sheetName: string): string[] {
    return this.sheet(sheetName)
      .merges.slice()
      .sort((a, b) => a.row - b.row || a.col - b.col)
      .map((a) => formatArea(a));
  }

  conditionalFormats(sheetName: string): {
    id: string;
    type: string;
    ranges: string;
    formula: string;
    fill: string | null;
    fontColor: string | null;
    bold: boolean | null;
    italic: boolean | null;
    priority: number;
    stopIfTrue: boolean;
  }[] {
    const sheet = this.sheet(sheetName);
    const rules = this.model.rules;
    return rules.cfsOf(sheet.id).map((cf, priority) => ({
      id: cf.id,
      type: cf.type,
      ranges: cf.ranges.map((r) => formatArea(r)).join(","),
      formula: rules.slotFormula(cf.slot, sheet),
      fill: cf.fill,
      fontColor: cf.fontColor,
      bold: cf.bold,
      italic: cf.italic,
      priority,
      stopIfTrue: cf.stopIfTrue,
    }));
  }

  dataValidations(sheetName: string): {
    ranges: string;
    type: string;
    rule: Record<string, unknown>;
    errorAlert: object;
    prompt: object;
    ignoreBlanks: boolean;
  }[] {
    const sheet = this.sheet(sheetName);
    const rules = this.model.rules;
    return rules.dvAreas(sheet).map(({ record, areas }) => ({
      ranges: areas.map((a) => formatArea(a)).join(","),
      type: record.type,
      rule: rules.ruleOut(record, sheet),
      errorAlert: { ...record.errorAlert },
      prompt: { ...record.prompt },
      ignoreBlanks: record.ignoreBlanks,
    }));
  }

  protection(sheetName: string): {
    protected: boolean;
    options: ProtectionOptions;
    hasPassword: boolean;
  } {
    const p = this.sheet(sheetName).protection;
    return {
      protected: p.protected,
      options: { ...p.options },
      hasPassword: p.password !== undefined,
    };
  }

  /** Page setup, with the print area and title rows as addresses ("A1:O60", "$1:$1"). */
  pageLayout(sheetName: string): Omit<PageLayoutModel, "printArea" | "printTitleRows"> & {
    printArea: string | null;
    printTitleRows: string | null;
  } {
    const p = this.sheet(sheetName).pageLayout;
    const rows = p.printTitleRows;
    return {
      ...p,
      zoom: { ...p.zoom },
      printArea: p.printArea && formatArea(p.printArea),
      printTitleRows: rows && formatArea(rows, true),
    };
  }

  selection(): { sheet: string; address: string } {
    const sel = this.model.selection;
    return { sheet: this.model.sheetById(sel.sheetId)?.name ?? "", address: formatArea(sel.area) };
  }

  /** "A1:O40", or null when nothing is used. */
  usedRange(sheetName: string, valuesOnly = false): string | null {
    const a = this.model.usedArea(this.sheet(sheetName), valuesOnly);
    return a ? formatArea(a) : null;
  }

  /** Widths in points of columns A.. up to the last used or sized column (at least `minCount`). */
  columnWidths(sheetName: string, minCount = 0): number[] {
    const sheet = this.sheet(sheetName);
    const used = this.model.usedArea(sheet, false);
    const n = Math.max(
      minCount,
      used ? used.col + used.colCount : 0,
      ...[...sheet.colWidths.keys()].map((c) => c + 1)
    );
    return Array.from({ length: n }, (_, c) => this.model.columnWidth(sheet, c));
  }

  rowHeights(sheetName: string, minCount = 0): number[] {
    const sheet = this.sheet(sheetName);
    const used = this.model.usedArea(sheet, false);
    const n = Math.max(
      minCount,
      used ? used.row + used.rowCount : 0,
      ...[...sheet.rowHeights.keys()].map((r) => r + 1)
    );
    return Array.from({ length: n }, (_, r) => this.model.rowHeight(sheet, r));
  }

  settings(): Record<string, unknown> {
    return Object.fromEntries(
      [...this.model.settings].map(([k, v]) => [k, JSON.parse(v) as unknown])
    );
  }

  /** The sheet-qualified address Office would give, e.g. "'年报 2024'!B3". */
  address(sheetName: string, address: string): string {
    return formatAddress(this.sheet(sheetName).name, this.area(address));
  }

  undoDepth(): number {
    return this.core.undo.depth;
  }
}
