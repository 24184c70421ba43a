/**
 * `Excel.RangeAreas` from `worksheet.getRanges("A1, C3:D4")` (ExcelApi 1.9): several rectangles handled
 * at once. Simulated members: address, areaCount, cellCount, format.fill/font writes, a custom conditional
 * format over all areas (anchored at the first area's top-left cell), clear. No values (Office has none).
 */
import { type Area, cellCount, formatAddress } from "./address";
import { addConditionalFormat, type SimConditionalFormat } from "./conditional-formats";
import { notSimulated, simError } from "./errors";
import { type PropDesc, type SimContextBase, SimObject } from "./proxy";
import { modelOf } from "./range";
import type { CfType } from "./rules-model";
import { type CellFormat, requireColor, type SheetModel } from "./workbook-model";

export interface AreasTarget {
  sheet: SheetModel;
  areas: Area[];
}

const API = "RangeAreas.basic" as const;

export class SimRangeAreas
  extends SimObject<AreasTarget>
  implements Pick<Excel.RangeAreas, "address" | "areaCount" | "cellCount">
{
  protected readonly _typeName = "RangeAreas";
  private _format?: SimRangeAreasFormat;
  private _cf?: SimRangeAreasConditionalFormats;

  constructor(context: SimContextBase, locate: () => AreasTarget | null) {
    super(context, locate);
  }

  protected _props(): Record<string, PropDesc<AreasTarget>> {
    const address = {
      get: (t: AreasTarget) => t.areas.map((a) => formatAddress(t.sheet.name, a)).join(","),
      api: API,
    };
    return {
      address,
      addressLocal: address,
      areaCount: { get: (t) => t.areas.length, api: API },
      cellCount: { get: (t) => t.areas.reduce((n, a) => n + cellCount(a), 0), api: API },
    };
  }

  get address(): string {
    return this._read("address");
  }
  get areaCount(): number {
    return this._read("areaCount");
  }
  get cellCount(): number {
    return this._read("cellCount");
  }

  get format(): SimRangeAreasFormat {
    return (this._format ??= new SimRangeAreasFormat(this));
  }

  get conditionalFormats(): SimRangeAreasConditionalFormats {
    return (this._cf ??= new SimRangeAreasConditionalFormats(this));
  }

  clear(applyTo: Excel.ClearApplyTo | "All" | "Formats" | "Contents" = "All"): void {
    this._queueCall("clear", API, (t) => {
      for (const a of t.areas) modelOf(this).clear(t.sheet, a, applyTo);
    });
  }

  /** Queues `apply` for every area. @internal */
  _each(label: string, apply: (sheet: SheetModel, area: Area) => void): void {
    this._queueCall(label, API, (t) => {
      for (const a of t.areas) apply(t.sheet, a);
    });
  }
}

export class SimRangeAreasFormat {
  readonly fill: { color: string; clear(): void };
  readonly font: { color: string; bold: boolean; italic: boolean };

  constructor(areas: SimRangeAreas) {
    const set = (label: string, patch: () => Partial<CellFormat>) =>
      areas._each(label, (sheet, area) => modelOf(areas).setFormat(sheet, area, patch()));
    const unreadable = (p: string): never => {
      throw notSimulated(`reading RangeAreas.format.${p} (load it from each area's Range)`);
    };
    this.fill = {
      get color(): string {
        return unreadable("fill.color");
      },
      set color(v: string) {
        set("RangeFill.color", () => ({ fill: requireColor(v) }));
      },
      clear: () => set("RangeFill.clear", () => ({ fill: null })),
    };
    this.font = {
      get color(): string {
        return unreadable("font.color");
      },
      set color(v: string) {
        set("RangeFont.color", () => ({ fontColor: requireColor(v) }));
      },
      get bold(): boolean {
        return unreadable("font.bold");
      },
      set bold(v: boolean) {
        set("RangeFont.bold", () => ({ bold: v === true }));
      },
      get italic(): boolean {
        return unreadable("font.italic");
      },
      set italic(v: boolean) {
        set("RangeFont.italic", () => ({ italic: v === true }));
      },
    };
  }
}

export class SimRangeAreasConditionalFormats {
  readonly context: SimContextBase;

  constructor(private readonly areas: SimRangeAreas) {
    this.context = areas.context;
  }

  add(type: Excel.ConditionalFormatType | CfType): SimConditionalFormat {
    return addConditionalFormat(
      this.context,
      [API, "Range.conditionalFormats"],
      () => {
        const t = this.areas._target();
        if (!t) throw simError("ItemNotFound", "The ranges do not exist.");
        return t;
      },
      type
    );
  }
}
