/**
 * Conditional formats (ExcelApi 1.6). Only the custom (formula) type is simulated: its rule formula is
 * relative to the top-left cell of the range it was added to, and `inspect` evaluates it per cell. Adding
 * any other type fails at sync with NotImplemented rather than pretending.
 */
import type { Area } from "./address";
import { EXCEL_ENUMS, enumValues } from "./enums";
import { notSimulated, requireBoolean, simError } from "./errors";
import {
  type PropDesc,
  SimClientResult,
  SimCollection,
  type SimContextBase,
  SimObject,
} from "./proxy";
import { type RangeTarget, SimRange, modelOf } from "./range";
import type { ApiKey } from "./requirements";
import type { CfModel, CfType } from "./rules-model";
import { requireColor, type SheetModel, type WorkbookModel } from "./workbook-model";

const API = "Range.conditionalFormats" as const;

function sheetOf(model: WorkbookModel, cf: CfModel): SheetModel {
  const sheet = model.sheetById(cf.sheetId);
  if (!sheet || !model.rules.isLive(cf))
    throw simError("ItemNotFound", "The conditional format no longer exists.");
  return sheet;
}

/**
 * `conditionalFormats.add(type)`, on a Range or on RangeAreas (`target` gives the rule's areas when the
 * sync runs). Only the Custom type is simulated.
 */
export function addConditionalFormat(
  context: SimContextBase,
  api: ApiKey | ApiKey[],
  target: () => { sheet: SheetModel; areas: Area[] },
  type: Excel.ConditionalFormatType | CfType
): SimConditionalFormat {
  let created: CfModel | undefined;
  context._enqueue({
    kind: "write",
    label: "ConditionalFormatCollection.add",
    api,
    run: () => {
      if (!enumValues(EXCEL_ENUMS.ConditionalFormatType).includes(type)) {
        throw simError("InvalidArgument", `'${String(type)}' is not a conditional format type.`);
      }
      if (type !== "Custom") throw notSimulated(`conditional formats of type ${type}`);
      const t = target();
      const m = context._core.model;
      m.assertAllowed(t.sheet, "structure");
      created = m.rules.addCf(t.sheet, t.areas, type);
    },
  });
  return new SimConditionalFormat(context, () => {
    if (!created) throw simError("GeneralException", "The conditional format was not created.");
    return created;
  });
}

export class SimConditionalFormatCollection extends SimCollection<SimConditionalFormat, CfModel> {
  protected readonly _typeName = "ConditionalFormatCollection";

  constructor(private readonly range: SimRange) {
    super(range.context);
  }

  private target(): RangeTarget {
    const t = this.range._target();
    if (!t) throw simError("ItemNotFound", "The range does not exist.");
    return t;
  }

  protected _list(): CfModel[] {
    const t = this.target();
    return modelOf(this).rules.cfsIntersecting(t.sheet.id, t.area);
  }

  protected _wrap(cf: CfModel): SimConditionalFormat {
    return new SimConditionalFormat(this.context, () => cf);
  }

  protected override _loadApi() {
    return API;
  }

  add(type: Excel.ConditionalFormatType | CfType): SimConditionalFormat {
    return addConditionalFormat(
      this.context,
      API,
      () => {
        const t = this.target();
        return { sheet: t.sheet, areas: [t.area] };
      },
      type
    );
  }

  getCount(): SimClientResult<number> {
    return this._getCount(API);
  }

  getItemAt(index: number): SimConditionalFormat {
    return new SimConditionalFormat(this.context, () => {
      const cf = this._list()[index];
      if (!cf) throw simError("ItemNotFound", `There is no conditional format at index ${index}.`);
      return cf;
    });
  }

  getItem(id: string): SimConditionalFormat {
    return new SimConditionalFormat(this.context, () => {
      const cf = this._list().find((c) => c.id === id);
      if (!cf) throw simError("ItemNotFound", `There is no conditional format with id '${id}'.`);
      return cf;
    });
  }

  /** Removes every rule from this range's cells (rules that also cover other cells keep those). */
  clearAll(): void {
    this.context._enqueue({
      kind: "write",
      label: "ConditionalFormatCollection.clearAll",
      api: API,
      run: () => {
        const t = this.target();
        const m = modelOf(this);
        m.assertAllowed(t.sheet, "structure");
        m.rules.clearCfs(t.sheet, t.area);
      },
    });
  }
}

type CfMembers = "id" | "type" | "priority" | "stopIfTrue" | "delete";

export class SimConditionalFormat
  extends SimObject<CfModel>
  implements Pick<Excel.ConditionalFormat, CfMembers>
{
  protected readonly _typeName = "ConditionalFormat";
  private _custom?: SimCustomConditionalFormat;

  constructor(context: SimContextBase, locate: () => CfModel | null) {
    super(context, locate);
  }

  protected _props(): Record<string, PropDesc<CfModel>> {
    const m = modelOf(this);
    return {
      id: { get: (cf) => cf.id, api: API },
      type: { get: (cf) => cf.type, api: API },
      priority: { get: (cf) => m.rules.priorityOf(cf), api: API },
      stopIfTrue: { get: (cf) => cf.stopIfTrue, api: API },
    };
  }

  protected override _child(name: string): SimObject<unknown> | undefined {
    return name === "custom" ? (this.custom as SimObject<unknown>) : undefined;
  }

  get id(): string {
    return this._read("id");
  }
  get type(): Excel.ConditionalFormat["type"] {
    return this._read("type");
  }

  get priority(): number {
    return this._read("priority");
  }
  set priority(v: number) {
    this._write("priority", v, API, (cf) => {
      sheetOf(modelOf(this), cf);
      modelOf(this).rules.setPriority(cf, v);
    });
  }

  get stopIfTrue(): boolean {
    return this._read("stopIfTrue");
  }
  set stopIfTrue(v: boolean) {
    this._write("stopIfTrue", v, API, (cf) => {
      sheetOf(modelOf(this), cf);
      cf.stopIfTrue = requireBoolean(v, "stopIfTrue");
    });
  }

  get custom(): SimCustomConditionalFormat {
    return (this._custom ??= new SimCustomConditionalFormat(this));
  }

  delete(): void {
    this._queueCall("delete", API, (cf) => {
      const m = modelOf(this);
      m.assertAllowed(sheetOf(m, cf), "structure");
      m.rules.deleteCf(cf);
    });
  }

  /** The first range the rule applies to. */
  getRange(): SimRange {
    return new SimRange(this.context, () => {
      const cf = this._target();
      if (!cf) return null;
      return { sheet: sheetOf(modelOf(this), cf), area: cf.ranges[0] };
    });
  }

  getRangeOrNullObject(): SimRange {
    return new SimRange(
      this.context,
      () => {
        const cf = this._target();
        const sheet = cf ? modelOf(this).sheetById(cf.sheetId) : undefined;
        return cf && sheet && modelOf(this).rules.isLive(cf) ? { sheet, area: cf.ranges[0] } : null;
      },
      true
    );
  }
}

/** Parts of a custom conditional format: each locates the same rule, which must be of type Custom. */
abstract class CfPart extends SimObject<CfModel> {
  constructor(readonly owner: SimConditionalFormat) {
    super(owner.context, () => {
      const cf = owner._target();
      if (cf && cf.type !== "Custom")
        throw simError(
          "InvalidArgument",
          `The conditional format is of type ${cf.type}, not Custom.`
        );
      return cf;
    });
  }

  protected get model(): WorkbookModel {
    return modelOf(this);
  }

  protected sheet(cf: CfModel): SheetModel {
    return sheetOf(this.model, cf);
  }
}

export class SimCustomConditionalFormat extends CfPart {
  protected readonly _typeName = "CustomConditionalFormat";
  private _rule?: SimConditionalFormatRule;
  private _format?: SimConditionalRangeFormat;

  protected _props(): Record<string, PropDesc<CfModel>> {
    return {};
  }

  protected override _child(name: string): SimObject<unknown> | undefined {
    if (name === "rule") return this.rule as SimObject<unknown>;
    if (name === "format") return this.format as SimObject<unknown>;
    return undefined;
  }

  get rule(): SimConditionalFormatRule {
    return (this._rule ??= new SimConditionalFormatRule(this.owner));
  }

  get format(): SimConditionalRangeFormat {
    return (this._format ??= new SimConditionalRangeFormat(this.owner));
  }
}

export class SimConditionalFormatRule
  extends CfPart
  implements Pick<Excel.ConditionalFormatRule, "formula" | "formulaLocal">
{
  protected readonly _typeName = "ConditionalFormatRule";

  protected _props(): Record<string, PropDesc<CfModel>> {
    const formula = {
      get: (cf: CfModel) => this.model.rules.slotFormula(cf.slot, this.sheet(cf)),
      api: API,
    };
    return { formula, formulaLocal: formula };
  }

  get formula(): string {
    return this._read("formula");
  }
  set formula(v: string) {
    this._write("formula", v, API, (cf) => this.model.rules.setCfFormula(cf, this.sheet(cf), v));
  }

  get formulaLocal(): string {
    return this._read("formulaLocal");
  }
  set formulaLocal(v: string) {
    this._write("formulaLocal", v, API, (cf) =>
      this.model.rules.setCfFormula(cf, this.sheet(cf), v)
    );
  }
}

export class SimConditionalRangeFormat extends CfPart {
  protected readonly _typeName = "ConditionalRangeFormat";
  private _fill?: SimConditionalRangeFill;
  private _font?: SimConditionalRangeFont;

  protected _props(): Record<string, PropDesc<CfModel>> {
    return {};
  }

  protected override _child(name: string): SimObject<unknown> | undefined {
    if (name === "fill") return this.fill as SimObject<unknown>;
    if (name === "font") return this.font as SimObject<unknown>;
    return undefined;
  }

  get fill(): SimConditionalRangeFill {
    return (this._fill ??= new SimConditionalRangeFill(this.owner));
  }

  get font(): SimConditionalRangeFont {
    return (this._font ??= new SimConditionalRangeFont(this.owner));
  }
}

export class SimConditionalRangeFill
  extends CfPart
  implements Pick<Excel.ConditionalRangeFill, "color" | "clear">
{
  protected readonly _typeName = "ConditionalRangeFill";

  protected _props(): Record<string, PropDesc<CfModel>> {
    return { color: { get: (cf) => cf.fill, api: API } };
  }

  get color(): string {
    return this._read("color");
  }
  set color(v: string) {
    this._write("color", v, API, (cf) => {
      this.sheet(cf);
      cf.fill = requireColor(v);
      this.model.emit({ type: "touched" });
    });
  }

  clear(): void {
    this._queueCall("clear", API, (cf) => {
      this.sheet(cf);
      cf.fill = null;
    });
  }
}

export class SimConditionalRangeFont
  extends CfPart
  implements Pick<Excel.ConditionalRangeFont, "color" | "bold" | "italic" | "clear">
{
  protected readonly _typeName = "ConditionalRangeFont";

  protected _props(): Record<string, PropDesc<CfModel>> {
    return {
      color: { get: (cf) => cf.fontColor, api: API },
      bold: { get: (cf) => cf.bold, api: API },
      italic: { get: (cf) => cf.italic, api: API },
    };
  }

  get color(): string {
    return this._read("color");
  }
  set color(v: string) {
    this._write("color", v, API, (cf) => {
      this.sheet(cf);
      cf.fontColor = requireColor(v);
      this.model.emit({ type: "touched" });
    });
  }

  get bold(): boolean {
    return this._read("bold");
  }
  set bold(v: boolean) {
    this._write("bold", v, API, (cf) => {
      this.sheet(cf);
      cf.bold = requireBoolean(v, "bold");
    });
  }

  get italic(): boolean {
    return this._read("italic");
  }
  set italic(v: boolean) {
    this._write("italic", v, API, (cf) => {
      this.sheet(cf);
      cf.italic = requireBoolean(v, "italic");
    });
  }

  clear(): void {
    this._queueCall("clear", API, (cf) => {
      this.sheet(cf);
      cf.fontColor = null;
      cf.bold = null;
      cf.italic = null;
    });
  }
}
