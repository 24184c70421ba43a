/**
 * Worksheet events. Handlers registered with `onChanged.add` (registration takes effect at the sync that
 * carries it) receive `WorksheetChangedEventArgs`-shaped objects, asynchronously after the change (a
 * macrotask later, as events reach a real add-in after the sync's response). Which members exist depends
 * on the host's requirement sets: `details` (single-cell changes only) from ExcelApi 1.9, `triggerSource`
 * from 1.14. While `context.runtime.enableEvents` is false nothing is delivered — not even user edits,
 * which are lost, as in Excel (office-js#1760).
 */
import { formatArea } from "./address";
import type { SimCore } from "./core";
import { simError } from "./errors";
import type { SimContextBase } from "./proxy";
import type { ApiKey } from "./requirements";
import { valueType } from "./values";
import type { ModelEvent, Origin } from "./workbook-model";

export type EventKind = "changed" | "nameChanged";

export type AnyHandler = (args: any) => Promise<any> | any;

interface Registration {
  kind: EventKind;
  /** null: every sheet (`worksheets.onChanged`) */
  sheetId: string | null;
  handler: AnyHandler;
  context: SimContextBase;
}

/** The args the simulator delivers; `getRange`'s context is any simulated request context. */
export interface SimWorksheetChangedEventArgs {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: "RangeEdited" | "RowInserted" | "RowDeleted";
  source: "Local" | "Remote";
  triggerSource?: "ThisLocalAddin" | "Unknown";
  changeDirectionState?: { insertShiftDirection?: "Down"; deleteShiftDirection?: "Up" };
  details?: {
    valueBefore: unknown;
    valueAfter: unknown;
    valueTypeBefore: string;
    valueTypeAfter: string;
  };
  getRange(ctx: unknown): unknown;
  getRangeOrNullObject(ctx: unknown): unknown;
}

export interface SimWorksheetNameChangedEventArgs {
  type: "WorksheetNameChanged";
  worksheetId: string;
  nameBefore: string;
  nameAfter: string;
  source: "Local" | "Remote";
}

export class EventHub {
  private regs: Registration[] = [];
  private pending = new Set<Promise<void>>();
  /** errors thrown by handlers (Excel swallows them; tests can look) */
  readonly handlerErrors: unknown[] = [];
  /** every args object delivered, in order */
  readonly delivered: (SimWorksheetChangedEventArgs | SimWorksheetNameChangedEventArgs)[] = [];

  constructor(private readonly core: SimCore) {
    core.model.subscribe((e) => this.onModelEvent(e));
  }

  register(
    kind: EventKind,
    sheetId: string | null,
    handler: AnyHandler,
    context: SimContextBase
  ): void {
    if (typeof handler !== "function")
      throw simError("InvalidArgument", "An event handler must be a function.");
    this.regs.push({ kind, sheetId, handler, context });
  }

  /** Removing needs the context the handler was added in (Office's rule). */
  unregister(
    kind: EventKind,
    sheetId: string | null,
    handler: AnyHandler,
    context: SimContextBase
  ): void {
    const i = this.regs.findIndex(
      (r) => r.kind === kind && r.sheetId === sheetId && r.handler === handler
    );
    if (i < 0) return;
    if (this.regs[i].context !== context) {
      throw simError(
        "InvalidRequestContext",
        "An event handler must be removed with the request context that added it."
      );
    }
    this.regs.splice(i, 1);
  }

  get handlerCount(): number {
    return this.regs.length;
  }

  private source(origin: Origin): "Local" | "Remote" {
    return origin.kind === "user" && origin.remote ? "Remote" : "Local";
  }

  private onModelEvent(e: ModelEvent): void {
    if (!this.core.model.eventsEnabled) return;
    if (e.type === "changed") {
      const supports = (
        api: "WorksheetChangedEventArgs.details" | "WorksheetChangedEventArgs.triggerSource"
      ) => this.core.requirements.supports(api);
      const address = formatArea(e.area);
      const single = e.area.rowCount === 1 && e.area.colCount === 1;
      let detail = e.detail;
      if (!detail && single && e.changeType === "RangeEdited") {
        const sheet = this.core.model.sheetById(e.sheetId);
        const v = sheet ? this.core.model.value(sheet, e.area.row, e.area.col) : "";
        detail = { before: v, after: v };
      }
      for (const reg of this.regs) {
        if (reg.kind !== "changed" || (reg.sheetId !== null && reg.sheetId !== e.sheetId)) continue;
        const sheetId = e.sheetId;
        const args: SimWorksheetChangedEventArgs = {
          type: "WorksheetChanged",
          worksheetId: sheetId,
          address,
          changeType: e.changeType,
          source: this.source(e.origin),
          ...(supports("WorksheetChangedEventArgs.triggerSource")
            ? {
                triggerSource:
                  e.origin.kind === "addin" ? ("ThisLocalAddin" as const) : ("Unknown" as const),
                ...(e.changeType === "RowInserted"
                  ? { changeDirectionState: { insertShiftDirection: "Down" as const } }
                  : e.changeType === "RowDeleted"
                    ? { changeDirectionState: { deleteShiftDirection: "Up" as const } }
                    : {}),
              }
            : {}),
          ...(supports("WorksheetChangedEventArgs.details") && detail
            ? {
                details: {
                  valueBefore: detail.before,
                  valueAfter: detail.after,
                  valueTypeBefore: valueType(detail.before),
                  valueTypeAfter: valueType(detail.after),
                },
              }
            : {}),
          getRange: (ctx: unknown) => this.core.eventRange(ctx, sheetId, address, false),
          getRangeOrNullObject: (ctx: unknown) => this.core.eventRange(ctx, sheetId, address, true),
        };
        this.deliver(reg.handler, args);
      }
    } else if (e.type === "sheetRenamed") {
      if (!this.core.requirements.isSetSupported("ExcelApi", "1.17")) return;
      for (const reg of this.regs) {
        if (reg.kind !== "nameChanged" || (reg.sheetId !== null && reg.sheetId !== e.sheetId))
          continue;
        this.deliver(reg.handler, {
          type: "WorksheetNameChanged",
          worksheetId: e.sheetId,
          nameBefore: e.before,
          nameAfter: e.after,
          source: this.source(e.origin),
        });
      }
    }
  }

  private deliver(
    handler: AnyHandler,
    args: SimWorksheetChangedEventArgs | SimWorksheetNameChangedEventArgs
  ): void {
    const p: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(async () => {
        this.delivered.push(args);
        await handler(args);
      })
      .catch((err: unknown) => {
        this.handlerErrors.push(err);
      })
      .finally(() => {
        this.pending.delete(p);
      });
    this.pending.add(p);
  }

  /** Resolves when every queued delivery has run, including events caused by the handlers themselves. */
  async flush(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await new Promise<void>((r) => setTimeout(r, 0));
      if (this.pending.size === 0) return;
      await Promise.allSettled([...this.pending]);
    }
  }
}

/** `OfficeExtension.EventHandlers`: `add` and `remove` take effect at the next sync of their context. */
export class SimEventHandlers<T> {
  constructor(
    private readonly context: SimContextBase,
    private readonly kind: EventKind,
    private readonly label: string,
    private readonly api: ApiKey,
    /** resolves the sheet at sync (null: every sheet) */
    private readonly sheetId: () => string | null
  ) {}

  add(handler: (args: T) => Promise<unknown>): SimEventHandlerResult {
    this.context._enqueue({
      kind: "other",
      label: `${this.label}.add`,
      api: this.api,
      run: () =>
        this.context._core.events.register(
          this.kind,
          this.sheetId(),
          handler as AnyHandler,
          this.context
        ),
    });
    return new SimEventHandlerResult(this.context, () => this.remove(handler));
  }

  remove(handler: (args: T) => Promise<unknown>): void {
    this.context._enqueue({
      kind: "other",
      label: `${this.label}.remove`,
      run: () =>
        this.context._core.events.unregister(
          this.kind,
          this.sheetId(),
          handler as AnyHandler,
          this.context
        ),
    });
  }
}

/** `OfficeExtension.EventHandlerResult`. */
export class SimEventHandlerResult {
  constructor(
    readonly context: SimContextBase,
    private readonly removeFn: () => void
  ) {}

  remove(): void {
    this.removeFn();
  }
}
