/**
 * The simulator's engine room: one workbook model, the configured requirement sets, the event hub, the
 * undo stack, and the sync loop that runs queued operations and counts round trips.
 */
import { simError, SimOfficeError } from "./errors";
import { EventHub } from "./events";
import { type QueuedOp, SimContextBase } from "./proxy";
import { type ApiKey, Requirements } from "./requirements";
import { UndoManager } from "./undo";
import { WorkbookModel } from "./workbook-model";

/** What one `context.sync()` carried. */
export interface SyncStat {
  /** 1-based, across all runs since the last reset */
  index: number;
  reads: number;
  writes: number;
  /** every queued operation, reads and writes included */
  ops: number;
  /** operation labels in order ("Range.values", "NamedItemCollection.add", "Range.load" …) */
  labels: string[];
  /** the sync `Excel.run` makes itself for operations left pending when the batch ends */
  implicit: boolean;
  /** the error code when the sync failed */
  error?: string;
}

export type RangeFactory = (
  ctx: SimContextBase,
  sheetId: string,
  address: string,
  nullable: boolean
) => unknown;

export class SimCore {
  readonly model = new WorkbookModel();
  readonly requirements: Requirements;
  readonly events: EventHub;
  readonly undo: UndoManager;
  syncCount = 0;
  readonly syncs: SyncStat[] = [];
  /** every operation label run since the last reset (to prove an API is never used) */
  readonly apiLog: string[] = [];
  /** suspicious things Excel accepts silently */
  readonly warnings: string[] = [];
  /** true while the simulated user is typing in a cell */
  cellEditMode = false;
  private cellEditWaiters: (() => void)[] = [];
  /** set by index.ts: builds a range proxy for event args' getRange */
  rangeFactory: RangeFactory = () => {
    throw simError("GeneralException", "excel-sim: no range factory");
  };

  constructor(requirementSets: Record<string, string>) {
    this.requirements = new Requirements(requirementSets);
    this.events = new EventHub(this);
    this.undo = new UndoManager(this.model);
  }

  requireAll(api: ApiKey | ApiKey[]): void {
    for (const a of Array.isArray(api) ? api : [api]) this.requirements.require(a);
  }

  eventRange(ctx: unknown, sheetId: string, address: string, nullable: boolean): unknown {
    if (!(ctx instanceof SimContextBase)) {
      throw simError(
        "InvalidRequestContext",
        "getRange needs a request context of this simulated Excel."
      );
    }
    this.requireAll("WorksheetChangedEventArgs.getRange");
    return this.rangeFactory(ctx, sheetId, address, nullable);
  }

  enterCellEdit(): void {
    this.cellEditMode = true;
  }

  exitCellEdit(): void {
    this.cellEditMode = false;
    const waiters = this.cellEditWaiters;
    this.cellEditWaiters = [];
    for (const w of waiters) w();
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.syncs.length = 0;
    this.apiLog.length = 0;
  }

  /**
   * `context.sync()`: runs the queued operations in order as one request. The first failure stops the
   * request (earlier operations stay applied) and rejects with an Office-shaped error. Every call counts
   * as a round trip, even an empty one.
   */
  async sync<T>(ctx: SimContextBase, passThrough?: T, implicit = false): Promise<T> {
    const ops: QueuedOp[] = ctx._queue;
    ctx._queue = [];
    if (this.cellEditMode) {
      if (!ctx._delayForCellEdit) {
        this.syncCount++;
        this.syncs.push({
          index: this.syncCount,
          reads: 0,
          writes: 0,
          ops: ops.length,
          labels: [],
          implicit,
          error: "InvalidOperationInCellEditMode",
        });
        throw simError("InvalidOperationInCellEditMode");
      }
      await new Promise<void>((resolve) => this.cellEditWaiters.push(resolve));
    }
    this.syncCount++;
    const stat: SyncStat = {
      index: this.syncCount,
      reads: ops.filter((o) => o.kind === "read").length,
      writes: ops.filter((o) => o.kind === "write").length,
      ops: ops.length,
      labels: ops.filter((o) => o.kind !== "other").map((o) => o.label),
      implicit,
    };
    this.syncs.push(stat);
    let failure: SimOfficeError | undefined;
    let wrote = false;
    this.undo.begin();
    this.model.withOrigin({ kind: "addin" }, () => {
      for (const op of ops) {
        try {
          if (op.api) this.requireAll(op.api);
          if (op.kind !== "other") this.apiLog.push(op.label);
          op.run();
          if (op.kind === "write") wrote = true;
        } catch (e) {
          failure = toOfficeError(e, op.label);
          failure.traceMessages = [...ctx._traces];
          break;
        }
      }
    });
    this.undo.commit(wrote);
    // The host answers in a later task, as Office.js's round trip does: events already queued (a burst of
    // edits) are delivered while the request is in flight, not after it.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (failure) {
      stat.error = failure.code;
      throw failure;
    }
    return passThrough as T;
  }
}

function toOfficeError(e: unknown, location: string): SimOfficeError {
  if (e instanceof SimOfficeError) {
    if (!e.debugInfo.errorLocation) e.debugInfo.errorLocation = location;
    e.debugInfo.statement = location;
    return e;
  }
  const err = simError(
    "GeneralException",
    `There was an internal error while processing the request. (${String(e)})`,
    location
  );
  (err as { cause?: unknown }).cause = e;
  return err;
}
