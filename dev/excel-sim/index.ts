/**
 * A simulated Excel for testing the add-in's Excel adapter on Linux, and (later) for the browser
 * workbench. Pure TypeScript over HyperFormula: no Node APIs, so it runs in Node and in a browser.
 *
 *   const sim = createSimulatedExcel({ requirementSets: { ExcelApi: "1.14" } });
 *   sim.install();                       // globalThis.Excel / Office / OfficeExtension
 *   await Excel.run(async (ctx) => { … await ctx.sync(); });
 *   sim.user.setValue("Sheet1", "B3", 5); await sim.flushEvents();
 *   expect(sim.inspect.cell("Sheet1", "B3").value).toBe(5);
 *
 * HyperFormula is GPL-3.0: this folder is a development tool and must never be imported from `src/`.
 */
import { parseAddress } from "./address";
import { type SyncStat, SimCore } from "./core";
import { EXCEL_ENUMS } from "./enums";
import { OFFICE_EXTENSION_ERROR_CODES, SimOfficeError, simError } from "./errors";
import { SimInspector } from "./inspect";
import { createOffice, type SimOffice, type SimPlatform } from "./office";
import { SimContextBase } from "./proxy";
import { SimRange } from "./range";
import { SimUser } from "./user";
import { contextOf, SimRequestContext } from "./workbook";

export type { SyncStat } from "./core";
export type { CellInfo, NameInfo, SheetInfo } from "./inspect";
export type { Refusal, UserOptions } from "./user";
export type { SimWorksheetChangedEventArgs, SimWorksheetNameChangedEventArgs } from "./events";
export { SimOfficeError } from "./errors";
export { API_VERSIONS, compareVersions } from "./requirements";
export { SimRequestContext } from "./workbook";
export { SimRange } from "./range";
export { SimWorksheet, SimWorksheetCollection } from "./worksheet";
export { SimNamedItem, SimNamedItemCollection } from "./names";

export interface SimOptions {
  /** e.g. `{ ExcelApi: "1.14" }`; default `{ ExcelApi: "1.17" }` */
  requirementSets?: Record<string, string>;
  platform?: SimPlatform;
  /** `Office.context.displayLanguage`; default "zh-CN" */
  displayLanguage?: string;
  /** the workbook's sheets at start; default ["Sheet1"] */
  sheets?: string[];
}

export interface SimRunOptions {
  delayForCellEdit?: boolean;
  previousObjects?: unknown;
  mergeUndoGroup?: boolean;
}

export type SimBatch<T> = (context: SimRequestContext) => Promise<T>;

export interface SimExcelRun {
  <T>(batch: SimBatch<T>): Promise<T>;
  <T>(optionsOrObject: SimRunOptions | object | object[], batch: SimBatch<T>): Promise<T>;
}

/** What the simulator offers as the global `Excel`: `run`, the string enums, `ErrorCodes`. */
export type SimExcel = typeof EXCEL_ENUMS & { run: SimExcelRun };

export interface Sim {
  /** Use as the global `Excel` (cast with `as unknown as typeof Excel` where the adapter's types need it). */
  readonly Excel: SimExcel;
  readonly Office: SimOffice;
  readonly OfficeExtension: {
    Error: typeof SimOfficeError;
    ErrorCodes: typeof OFFICE_EXTENSION_ERROR_CODES;
  };
  /** Sets `target.Excel`, `target.Office`, `target.OfficeExtension` (default `globalThis`). */
  install(target?: object): void;
  /** Restores what `install` replaced. */
  uninstall(): void;
  /** `context.sync()` calls across all runs since the last reset (explicit and the implicit final ones). */
  readonly syncCount: number;
  /** Write operations carried by those syncs (property sets and mutating calls). */
  readonly writeCount: number;
  /** Read operations (loads, getCount …) carried by those syncs. */
  readonly readCount: number;
  /** One entry per sync: reads, writes, operation labels, failure code. */
  readonly syncs: readonly SyncStat[];
  /** Every operation label run since the last reset. */
  readonly apiLog: readonly string[];
  resetCounters(): void;
  readonly user: SimUser;
  readonly inspect: SimInspector;
  /** Waits until every queued event has been delivered and its handler has settled. */
  flushEvents(): Promise<void>;
  /** Errors thrown by event handlers (Excel swallows them). */
  readonly handlerErrors: readonly unknown[];
  /** Called after anything in the workbook changes (for a grid to redraw). Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Where a real Excel would accept silently something suspicious. */
  readonly warnings: readonly string[];
  /** The engine room, for the workbench and for tests that need more than the public surface. */
  readonly core: SimCore;
}

export function createSimulatedExcel(options: SimOptions = {}): Sim {
  const requirementSets = options.requirementSets ?? { ExcelApi: "1.17" };
  const core = new SimCore(requirementSets);
  const model = core.model;
  for (const name of options.sheets ?? ["Sheet1"]) model.addSheet(name);
  model.emit({ type: "undoBarrier" });

  core.rangeFactory = (ctx, sheetId, address, nullable) =>
    new SimRange(
      ctx,
      () => {
        const sheet = model.sheetById(sheetId);
        const parsed = parseAddress(address);
        if (!sheet || !parsed) {
          if (nullable) return null;
          throw simError("ItemNotFound", `The range ${address} no longer exists.`);
        }
        return { sheet, area: parsed.area };
      },
      nullable
    );

  const run = (async (a: unknown, b?: unknown): Promise<unknown> => {
    const batch = (typeof a === "function" ? a : b) as SimBatch<unknown> | undefined;
    if (typeof batch !== "function")
      throw simError("InvalidArgument", "Excel.run needs a batch function.");
    let ctx: SimContextBase | undefined;
    if (typeof a !== "function") {
      ctx = contextOf(a) ?? (Array.isArray(a) ? contextOf(a[0]) : undefined);
      if (!ctx && typeof a === "object" && a !== null && "previousObjects" in a) {
        const prev = (a as SimRunOptions).previousObjects;
        ctx = contextOf(Array.isArray(prev) ? prev[0] : prev);
      }
    }
    const delay =
      typeof a === "object" && a !== null && (a as SimRunOptions).delayForCellEdit === true;
    const context = (ctx as SimRequestContext | undefined) ?? new SimRequestContext(core, delay);
    const result = batch(context);
    if (!result || typeof (result as Promise<unknown>).then !== "function") {
      throw simError("RunMustReturnPromise");
    }
    const value = await result;
    // Office.js syncs what the batch left pending when it ends
    if (context._queue.some((op) => op.kind !== "other" || op.label !== "resolve"))
      await core.sync(context, undefined, true);
    else context._queue = [];
    return value;
  }) as SimExcelRun;

  const Excel: SimExcel = { ...EXCEL_ENUMS, run };
  const Office = createOffice(
    core.requirements,
    options.platform ?? "PC",
    options.displayLanguage ?? "zh-CN"
  );
  const OfficeExtension = { Error: SimOfficeError, ErrorCodes: OFFICE_EXTENSION_ERROR_CODES };

  let installed: { target: Record<string, unknown>; saved: Record<string, unknown> } | undefined;
  const KEYS = ["Excel", "Office", "OfficeExtension"] as const;

  return {
    Excel,
    Office,
    OfficeExtension,
    install(target: object = globalThis) {
      const t = target as Record<string, unknown>;
      const saved: Record<string, unknown> = {};
      for (const k of KEYS) saved[k] = t[k];
      t.Excel = Excel;
      t.Office = Office;
      t.OfficeExtension = OfficeExtension;
      installed = { target: t, saved };
    },
    uninstall() {
      if (!installed) return;
      for (const k of KEYS) {
        if (installed.saved[k] === undefined) delete installed.target[k];
        else installed.target[k] = installed.saved[k];
      }
      installed = undefined;
    },
    get syncCount() {
      return core.syncCount;
    },
    get writeCount() {
      return core.syncs.reduce((n, s) => n + s.writes, 0);
    },
    get readCount() {
      return core.syncs.reduce((n, s) => n + s.reads, 0);
    },
    get syncs() {
      return core.syncs;
    },
    get apiLog() {
      return core.apiLog;
    },
    resetCounters: () => core.resetCounters(),
    user: new SimUser(core),
    inspect: new SimInspector(core),
    flushEvents: () => core.events.flush(),
    get handlerErrors() {
      return core.events.handlerErrors;
    },
    subscribe(listener: () => void) {
      return model.subscribe(() => listener());
    },
    get warnings() {
      return core.warnings;
    },
    core,
  };
}
