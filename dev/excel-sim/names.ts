/**
 * `workbook.names` and `worksheet.names` (workbook- and sheet-scoped defined names). `add` applies Excel's
 * naming rules and refuses duplicates (case-insensitive) in the same scope; `getItem` is case-insensitive.
 * ⚠ On Excel on the web `worksheet.names` was reported to list workbook names too (office-js#1011); the
 * simulator lists each scope's own names only, as the reference documents.
 */
import { formatAddress } from "./address";
import { requireBoolean, simError } from "./errors";
import type { NameModel } from "./names-model";
import {
  assertSameContext,
  type PropDesc,
  SimClientResult,
  SimCollection,
  type SimContextBase,
  SimObject,
} from "./proxy";
import { type ApiKey } from "./requirements";
import { modelOf, SimRange } from "./range";
import type { SheetModel, WorkbookModel } from "./workbook-model";

/** `null` scope: the workbook. */
type ScopeLocator = () => SheetModel | null;

export class SimNamedItemCollection extends SimCollection<SimNamedItem, NameModel> {
  protected readonly _typeName = "NamedItemCollection";

  constructor(
    context: SimContextBase,
    private readonly scope: ScopeLocator,
    /** extra API the path needs (`worksheet.names` is ExcelApi 1.4) */
    private readonly pathApi?: ApiKey
  ) {
    super(context);
  }

  private apis(api: ApiKey): ApiKey[] {
    return this.pathApi ? [this.pathApi, api] : [api];
  }

  private scopeId(): string | null {
    return this.scope()?.id ?? null;
  }

  protected _list(): NameModel[] {
    return modelOf(this).names.inScope(this.scopeId());
  }

  protected _wrap(n: NameModel): SimNamedItem {
    return new SimNamedItem(this.context, () => n);
  }

  protected override _loadApi(): ApiKey[] | undefined {
    return this.pathApi ? [this.pathApi] : undefined;
  }

  /** `reference`: a Range (becomes an absolute reference to it) or a formula string such as "=Sheet1!$B$3". */
  add(name: string, reference: SimRange | string, comment?: string): SimNamedItem {
    let created: NameModel | undefined;
    this.context._enqueue({
      kind: "write",
      label: "NamedItemCollection.add",
      api: this.apis("NamedItemCollection.add"),
      run: () => {
        let formula: string;
        if (reference instanceof SimRange) {
          assertSameContext(reference, this.context);
          const t = reference._target();
          if (!t) throw simError("InvalidArgument", "The range to name does not exist.");
          formula = "=" + formatAddress(t.sheet.name, t.area, true);
        } else if (typeof reference === "string" && reference.trim() !== "")
          formula = reference.trim();
        else
          throw simError(
            "InvalidArgument",
            "A name needs a reference: a Range or a formula string."
          );
        if (comment !== undefined && typeof comment !== "string")
          throw simError("InvalidArgument", "A comment must be a string.");
        created = modelOf(this).names.add(name, formula, this.scopeId(), comment ?? "");
      },
    });
    return new SimNamedItem(this.context, () => {
      if (!created) throw simError("GeneralException", "The name was not created.");
      return created;
    });
  }

  addFormulaLocal(name: string, formula: string, comment?: string): SimNamedItem {
    return this.add(name, formula, comment);
  }

  getItem(name: string): SimNamedItem {
    return new SimNamedItem(
      this.context,
      () => {
        const n = modelOf(this).names.find(String(name), this.scopeId());
        if (!n)
          throw simError("ItemNotFound", `The requested resource doesn't exist. (name '${name}')`);
        return n;
      },
      false,
      this.apis("NamedItemCollection.getItem")
    );
  }

  getItemOrNullObject(name: string): SimNamedItem {
    const item = new SimNamedItem(
      this.context,
      () => modelOf(this).names.find(String(name), this.scopeId()) ?? null,
      true,
      this.apis("NamedItemCollection.getItemOrNullObject")
    );
    return item;
  }

  getCount(): SimClientResult<number> {
    return this._getCount(this.apis("NamedItemCollection.getCount"));
  }
}

type NameMembers =
  "name" | "type" | "value" | "visible" | "comment" | "scope" | "formula" | "delete";

export class SimNamedItem
  extends SimObject<NameModel>
  implements Pick<Excel.NamedItem, NameMembers>
{
  protected readonly _typeName = "NamedItem";

  constructor(
    context: SimContextBase,
    locate: () => NameModel | null,
    nullable = false,
    api?: ApiKey[]
  ) {
    super(
      context,
      () => {
        if (api) context._core.requireAll(api);
        const n = locate();
        if (n && !context._core.model.names.isLive(n))
          throw simError("ItemNotFound", `The name '${n.name}' no longer exists.`);
        return n;
      },
      nullable
    );
  }

  private get model(): WorkbookModel {
    return modelOf(this);
  }

  protected _props(): Record<string, PropDesc<NameModel>> {
    const names = this.model.names;
    return {
      name: { get: (n) => n.name },
      type: { get: (n) => names.type(n) },
      value: { get: (n) => names.value(n) },
      visible: { get: (n) => n.visible },
      comment: { get: (n) => n.comment, api: "NamedItem.scope" },
      scope: {
        get: (n) => (n.scopeSheetId === null ? "Workbook" : "Worksheet"),
        api: "NamedItem.scope",
      },
      formula: { get: (n) => names.formula(n), api: "NamedItem.formula" },
    };
  }

  get name(): string {
    return this._read("name");
  }
  get type(): Excel.NamedItem["type"] {
    return this._read("type");
  }
  get value(): any {
    return this._read("value");
  }
  get scope(): Excel.NamedItem["scope"] {
    return this._read("scope");
  }

  get visible(): boolean {
    return this._read("visible");
  }
  set visible(v: boolean) {
    this._write("visible", v, undefined, (n) => {
      n.visible = requireBoolean(v, "visible");
    });
  }

  get comment(): string {
    return this._read("comment");
  }
  set comment(v: string) {
    this._write("comment", v, "NamedItem.scope", (n) => {
      if (typeof v !== "string") throw simError("InvalidArgument", "A comment must be a string.");
      n.comment = v;
    });
  }

  /** Re-points the name (ExcelApi 1.7), e.g. `"=Sheet1!$B$3"`. */
  get formula(): any {
    return this._read("formula");
  }
  set formula(v: any) {
    this._write("formula", v, "NamedItem.formula", (n) => this.model.names.setFormula(n, v));
  }

  delete(): void {
    this._queueCall("delete", "NamedItem.scope", (n) => this.model.names.remove(n));
  }

  /** Fails at sync (⚠ InvalidReference here; Excel's exact code was not verified) when the name is not a range. */
  getRange(): SimRange {
    return new SimRange(this.context, () => {
      const n = this._target();
      if (!n) return null;
      const t = this.model.names.target(n);
      if (!t) throw simError("InvalidReference", `The name '${n.name}' does not refer to a range.`);
      return t;
    });
  }

  getRangeOrNullObject(): SimRange {
    const r = new SimRange(
      this.context,
      () => {
        this.context._core.requireAll("NamedItem.scope");
        const n = this._target();
        return n ? (this.model.names.target(n) ?? null) : null;
      },
      true
    );
    return r;
  }
}
