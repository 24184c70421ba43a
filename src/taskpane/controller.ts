/**
 * The pane's controller, without React: it reads the workbook through the host, validates, re-reads after
 * changes, and runs every command of the pane (insert, repair, fix, fill blanks, select, last year's
 * report, and the one confirm-and-write flow of write-flow.ts); the components only lay out its state and
 * call it. No quiet time: a change is read at once. Never two reads at once: changes that arrive during a
 * read are answered by exactly one more read after it, however many came. Every command runs as an
 * operation: its own busy key (its button's spinner), and a failure kept as a message instead of thrown.
 */
import type { Finding } from "../checks/types";
import type { InsertRequest, InsertResult, SpreadsheetHost, TemplateState } from "../excel/host";
import type { CellValue, Report } from "../report/model";
import type { Pointer } from "../templates/pointers";
import { blankFillValues, checkTemplate, type Checked } from "./checked";
import type { OpId } from "./i18n";
import {
  needsConfirmation,
  type PendingWrite,
  type WriteJob,
  type WriteOutcome,
  type WritePlan,
} from "./write-flow";

interface OpError {
  op: OpId;
  error: unknown;
}

export type RepairOutcome = Awaited<ReturnType<SpreadsheetHost["repair"]>>;

/** The busy key of one finding's fix: only that finding's button waits. */
export const fixKey = (f: Finding) => `fix:${f.rule}:${f.cells[0]}`;

export interface PaneState {
  /** Undefined until the first read has finished. */
  workbook?: TemplateState;
  checked?: Checked;
  reading: boolean;
  /** The last read failed; the previous workbook state is kept. */
  readError?: unknown;
  /** Change events could not be set up, so the pane must offer "validate now". */
  watchError?: unknown;
  /** The busy keys of the operations running now. */
  busy: ReadonlySet<string>;
  /** The last operation that failed, until dismissed. */
  opError?: OpError;
  /** What the last repair did. */
  repairOutcome?: RepairOutcome;
  /** The question the pane is asking before a write. */
  pendingWrite?: PendingWrite;
}

export class PaneController {
  private state: PaneState = { reading: false, busy: new Set() };
  private readonly listeners = new Set<() => void>();
  private inflight: Promise<void> | undefined;
  private again = false;
  private unwatch: (() => void) | undefined;
  /** What the current change handler watches: the host watches the template's sheet, if there is one. */
  private watchedKey: string | undefined;
  private active = false;

  constructor(private readonly host: SpreadsheetHost) {}

  readonly getState = (): PaneState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** First read; change events follow each read (see `watch`). */
  async start(): Promise<void> {
    this.active = true;
    await this.refresh();
  }

  dispose(): void {
    this.active = false;
    this.unwatch?.();
    this.unwatch = undefined;
    this.watchedKey = undefined;
  }

  /**
   * Reads and validates now. While a read is running, asks for one more read after it and resolves when
   * that is done, so the caller always gets a state at least as new as its call.
   */
  refresh(): Promise<PaneState> {
    if (this.inflight) {
      this.again = true;
    } else {
      this.inflight = this.readLoop().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight.then(() => this.state);
  }

  private async readLoop(): Promise<void> {
    do {
      this.again = false;
      if (!this.state.reading) this.set({ reading: true });
      try {
        const workbook = await this.host.read();
        const checked = workbook.kind === "template" ? checkTemplate(workbook) : undefined;
        this.set({ workbook, checked, readError: undefined });
        void this.watch(workbook);
      } catch (error) {
        this.set({ readError: error });
      }
      // A listener may ask for another read while being told; the loop condition sees it.
      if (!this.again) this.set({ reading: false });
    } while (this.again);
  }

  /** (Re-)registers for change events when what there is to watch changed, e.g. after inserting the template. */
  private async watch(workbook: TemplateState): Promise<void> {
    if (!this.active || !this.host.capabilities().changeEvents) return;
    const key = workbook.kind === "template" ? `template:${workbook.sheetName}` : workbook.kind;
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    this.unwatch?.();
    this.unwatch = undefined;
    try {
      const stop = await this.host.watch(() => this.changed());
      if (this.active && this.watchedKey === key) this.unwatch = stop;
      else stop();
      if (this.state.watchError !== undefined) this.set({ watchError: undefined });
    } catch (error) {
      this.set({ watchError: error });
    }
  }

  /** No quiet time: the first change is read at once; changes during that read cost one more read. */
  private changed(): void {
    if (this.active) void this.refresh();
  }

  /** Runs one command of the pane: its busy key is set while it runs, and a failure becomes `opError`. */
  async run<T>(op: OpId, key: string, work: () => Promise<T>): Promise<T | undefined> {
    this.set({ busy: new Set(this.state.busy).add(key) });
    try {
      return await work();
    } catch (error) {
      this.set({ opError: { op, error } });
      return undefined;
    } finally {
      const busy = new Set(this.state.busy);
      busy.delete(key);
      this.set({ busy });
    }
  }

  dismissError(): void {
    this.set({ opError: undefined });
  }

  validate(): Promise<PaneState | undefined> {
    return this.run("validate", "validate", () => this.refresh());
  }

  insert(request: InsertRequest): Promise<InsertResult | undefined> {
    return this.run("insert", "insert", async () => {
      const result = await this.host.insertTemplate(request);
      await this.refresh();
      return result;
    });
  }

  repair(): Promise<void> {
    return this.run("repair", "repair", async () => {
      this.set({ repairOutcome: undefined });
      this.set({ repairOutcome: await this.host.repair() });
      await this.refresh();
    });
  }

  select(pointer: Pointer, op: "select" | "open" = "select"): Promise<void> {
    return this.run(op, op, () => this.host.select(pointer));
  }

  /**
   * Writes a finding's fix into its cell, if the workbook as it is now still has that finding with the same
   * fix: a value typed since the list was drawn is never overwritten by a fix computed before it.
   */
  fix(finding: Finding): Promise<void> {
    return this.run("fix", fixKey(finding), async () => {
      const cell = finding.cells[0];
      const now = (await this.current()).checked?.result.findings.find(
        (f) => f.rule === finding.rule && f.cells[0] === cell && f.fix === finding.fix
      );
      if (now && now.fix !== undefined) await this.writeValues(new Map([[cell, now.fix]]));
    });
  }

  /** 填写空白: each blank's sum or 0, as the workbook is now (never a cell typed meanwhile): one write. */
  fillBlanks(): Promise<void> {
    return this.run("fillBlanks", "fillBlanks", async () => {
      const { checked } = await this.current();
      const values = checked ? blankFillValues(checked) : new Map<Pointer, number>();
      if (values.size > 0) await this.writeValues(values);
    });
  }

  /** Keeps last year's report in the workbook (undefined removes it), and validates with it. */
  async keepPrevious(report: Report | undefined): Promise<void> {
    await this.host.setPrevious(report);
    await this.refresh();
  }

  /**
   * The confirm-and-write flow: plans against the workbook as it is now (`current`); writes at once when no filled cell changes,
   * otherwise keeps the question in `pendingWrite` (one at a time: a new one replaces it) for `confirmWrite`.
   */
  async proposeWrite<P extends WritePlan, R>(job: WriteJob<P, R>): Promise<WriteOutcome<P, R>> {
    this.set({ pendingWrite: undefined });
    return this.planAndWrite(job, -1);
  }

  /**
   * The user said yes: plans again on the workbook as it is now, and writes unless more filled cells would now change
   * than the user was asked about (then the question is asked again, with the new number).
   */
  async confirmWrite(): Promise<WriteOutcome> {
    const pending = this.state.pendingWrite;
    if (!pending) return { kind: "nothing" };
    this.set({ pendingWrite: undefined });
    return this.planAndWrite(pending.job, pending.plan.overwrites);
  }

  cancelWrite(): void {
    this.set({ pendingWrite: undefined });
  }

  /** `answered`: the number of overwrites the user already agreed to (-1: not asked yet). */
  private async planAndWrite<P extends WritePlan, R>(
    job: WriteJob<P, R>,
    answered: number
  ): Promise<WriteOutcome<P, R>> {
    const state = await this.current();
    if (state.readError !== undefined) throw state.readError;
    if (state.workbook?.kind !== "template") return { kind: "nothing" };
    const planned = job.plan(state.workbook);
    if (!planned.ok) return { kind: "refused", refusal: planned.refusal };
    const { plan } = planned;
    if (plan.values.size === 0) return { kind: "nothing" };
    const asked = answered >= 0 && plan.overwrites <= answered;
    if (!asked && needsConfirmation(job as WriteJob, plan)) {
      this.set({ pendingWrite: { source: job.source, plan, job: job as WriteJob } });
      return { kind: "asking", plan };
    }
    if (job.write) {
      await job.write(plan, this.host);
      await this.refresh();
    } else await this.writeValues(plan.values);
    return { kind: "written", plan };
  }

  /**
   * The workbook as it is now, for planning a write, without a round trip where none is needed: while change
   * events are watched every edit is already being read at once, so the state is current once the read in
   * flight (if any) is done; without them (old Excel, a failed watch) it is read now.
   */
  private async current(): Promise<PaneState> {
    if (!this.unwatch) return this.refresh();
    if (this.inflight) await this.inflight;
    return this.state;
  }

  /** Our own writes may raise no change event (ExcelApi 1.14 filters them), so the workbook is read now. */
  private async writeValues(values: ReadonlyMap<Pointer, CellValue | string>): Promise<void> {
    await this.host.write(values);
    await this.refresh();
  }

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
