/**
 * `Excel.RequestContext` and what hangs off it: `workbook` (worksheets, names, settings, selection),
 * `application` and `runtime`.
 */
import { requireBoolean, simError } from "./errors";
import { SimNamedItemCollection } from "./names";
import { type PropDesc, SimClientResult, SimCollection, SimContextBase, SimObject } from "./proxy";
import { modelOf, SimRange } from "./range";
import type { SimCore } from "./core";
import { SimWorksheetCollection } from "./worksheet";

export class SimRequestContext extends SimContextBase {
  readonly workbook: SimWorkbook;
  readonly application: SimApplication;
  readonly runtime: SimRuntime;

  constructor(core: SimCore, delayForCellEdit = false) {
    super(core, delayForCellEdit);
    this.workbook = new SimWorkbook(this);
    this.application = this.workbook.application;
    this.runtime = new SimRuntime(this);
  }
}

export class SimWorkbook {
  readonly worksheets: SimWorksheetCollection;
  readonly names: SimNamedItemCollection;
  readonly settings: SimSettingCollection;
  readonly application: SimApplication;

  constructor(readonly context: SimContextBase) {
    this.worksheets = new SimWorksheetCollection(context);
    this.names = new SimNamedItemCollection(context, () => null);
    this.settings = new SimSettingCollection(context);
    this.application = new SimApplication(context);
  }

  private selection(): SimRange {
    return new SimRange(this.context, () => {
      const m = modelOf(this);
      const sheet = m.sheetById(m.selection.sheetId);
      if (!sheet) throw simError("ItemNotFound", "Nothing is selected.");
      return { sheet, area: m.selection.area };
    });
  }

  getSelectedRange(): SimRange {
    return this.selection();
  }

  /** The top-left cell of the selection (ExcelApi 1.7). */
  getActiveCell(): SimRange {
    const r = new SimRange(this.context, () => {
      this.context._core.requireAll("Workbook.getActiveCell");
      const m = modelOf(this);
      const sheet = m.sheetById(m.selection.sheetId);
      if (!sheet) throw simError("ItemNotFound", "Nothing is selected.");
      return {
        sheet,
        area: { row: m.selection.area.row, col: m.selection.area.col, rowCount: 1, colCount: 1 },
      };
    });
    return r;
  }

  /**
   * Present so that code calling it fails as it would need to: ApiNotFound below ExcelApi 1.13, and
   * NotImplemented above (the project builds its template through the API instead). Each call is in
   * `sim.apiLog`, so a test can prove the add-in never uses it.
   */
  insertWorksheetsFromBase64(base64File: string, options?: unknown): SimClientResult<string[]> {
    void base64File;
    void options;
    const result = new SimClientResult<string[]>();
    this.context._enqueue({
      kind: "write",
      label: "Workbook.insertWorksheetsFromBase64",
      api: "Workbook.insertWorksheetsFromBase64",
      run: () => {
        throw simError(
          "NotImplemented",
          "excel-sim: insertWorksheetsFromBase64 is deliberately not simulated."
        );
      },
    });
    return result;
  }
}

export class SimSettingCollection extends SimCollection<SimSetting, string> {
  protected readonly _typeName = "SettingCollection";

  protected _list(): string[] {
    return [...modelOf(this).settings.keys()];
  }

  protected _wrap(key: string): SimSetting {
    return new SimSetting(this.context, () => key);
  }

  protected override _loadApi() {
    return "SettingCollection.basic" as const;
  }

  /** Adds or replaces a setting; the value must survive JSON (Office stores it as JSON). */
  add(key: string, value: unknown): SimSetting {
    this.context._enqueue({
      kind: "write",
      label: "SettingCollection.add",
      api: "SettingCollection.basic",
      run: () => {
        if (typeof key !== "string" || key === "")
          throw simError("InvalidArgument", "A setting key must be a non-empty string.");
        modelOf(this).settings.set(key, toJson(value));
      },
    });
    return new SimSetting(this.context, () => key);
  }

  getItem(key: string): SimSetting {
    return new SimSetting(this.context, () => {
      if (!modelOf(this).settings.has(key))
        throw simError("ItemNotFound", `The requested resource doesn't exist. (setting '${key}')`);
      return key;
    });
  }

  getItemOrNullObject(key: string): SimSetting {
    return new SimSetting(this.context, () => (modelOf(this).settings.has(key) ? key : null), true);
  }

  getCount(): SimClientResult<number> {
    return this._getCount("SettingCollection.basic");
  }
}

function toJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined)
    throw simError("InvalidArgument", "A setting value must be JSON-serializable.");
  return text;
}

export class SimSetting
  extends SimObject<string>
  implements Pick<Excel.Setting, "key" | "value" | "delete">
{
  protected readonly _typeName = "Setting";

  constructor(context: SimContextBase, locate: () => string | null, nullable = false) {
    super(context, locate, nullable);
  }

  protected _props(): Record<string, PropDesc<string>> {
    return {
      key: { get: (k) => k, api: "SettingCollection.basic" },
      value: {
        get: (k) => {
          const text = modelOf(this).settings.get(k);
          if (text === undefined)
            throw simError("ItemNotFound", `The setting '${k}' no longer exists.`);
          return JSON.parse(text) as unknown;
        },
        api: "SettingCollection.basic",
      },
    };
  }

  get key(): string {
    return this._read("key");
  }

  get value(): any {
    return this._read("value");
  }
  set value(v: any) {
    this._write("value", v, "SettingCollection.basic", (k) =>
      modelOf(this).settings.set(k, toJson(v))
    );
  }

  delete(): void {
    this._queueCall("delete", "SettingCollection.basic", (k) => modelOf(this).settings.delete(k));
  }
}

export class SimApplication
  extends SimObject<true>
  implements Pick<Excel.Application, "calculationMode">
{
  protected readonly _typeName = "Application";

  constructor(context: SimContextBase) {
    super(context, () => true);
  }

  protected _props(): Record<string, PropDesc<true>> {
    return { calculationMode: { get: () => "Automatic" } };
  }

  get calculationMode(): Excel.Application["calculationMode"] {
    return this._read("calculationMode");
  }

  /** Accepted (ExcelApi 1.6); the simulator always calculates. */
  suspendApiCalculationUntilNextSync(): void {
    this._queueCall(
      "suspendApiCalculationUntilNextSync",
      "Application.suspendApiCalculationUntilNextSync",
      () => {},
      "other"
    );
  }

  calculate(calculationType: Excel.CalculationType | "Recalculate" | "Full" | "FullRebuild"): void {
    void calculationType;
    this._queueCall("calculate", "Application.calculate", () => {}, "other");
  }
}

export class SimRuntime extends SimObject<true> implements Pick<Excel.Runtime, "enableEvents"> {
  protected readonly _typeName = "Runtime";

  constructor(context: SimContextBase) {
    super(context, () => true);
  }

  protected _props(): Record<string, PropDesc<true>> {
    return {
      enableEvents: { get: () => modelOf(this).eventsEnabled, api: "Runtime.enableEvents" },
    };
  }

  get enableEvents(): boolean {
    return this._read("enableEvents");
  }
  set enableEvents(v: boolean) {
    this._write("enableEvents", v, "Runtime.enableEvents", () => {
      modelOf(this).eventsEnabled = requireBoolean(v, "enableEvents");
    });
  }
}

/** For `Excel.run(previousObject, batch)`: the context an object belongs to. */
export function contextOf(o: unknown): SimContextBase | undefined {
  if (o instanceof SimContextBase) return o;
  if (o instanceof SimObject || o instanceof SimCollection) return o.context;
  if (
    typeof o === "object" &&
    o !== null &&
    "context" in o &&
    (o as { context: unknown }).context instanceof SimContextBase
  ) {
    return (o as { context: SimContextBase }).context;
  }
  return undefined;
}
