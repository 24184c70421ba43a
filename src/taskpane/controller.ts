/**
 * The pane's state machine, without React: reads the workbook through the host, validates, groups the
 * findings by part, and re-reads after changes. No quiet time: a change is read at once. Never two reads at
 * once: changes that arrive during a read are answered by exactly one more read after it, however many came.
 */
import { validateCells } from "../checks/evaluate";
import { cellsOfReport, type ReportCells } from "../report/cells-as-read";
import type { Report } from "../report/model";
import type { Finding, ValidationResult } from "../checks/types";
import type { SpreadsheetHost, TemplateState } from "../excel/host";
import type { PartId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";

export type GroupId = "meta" | PartId;
export const GROUP_ORDER: readonly GroupId[] = ["meta", "一", "二", "三", "四", "五", "六"];

const PREFIX_GROUPS: [string, GroupId][] = [
  ["/narrative/overview", "一"],
  ["/proactive", "二"],
  ["/requests", "三"],
  ["/appeals", "四"],
  ["/narrative/problems", "五"],
  ["/narrative/other", "六"],
];

/** The part a pointer belongs to; metadata pointers (/year, /format …) go to "meta". */
export function groupOf(pointer: Pointer): GroupId {
  const hit = PREFIX_GROUPS.find(
    ([prefix]) => pointer === prefix || pointer.startsWith(prefix + "/")
  );
  return hit ? hit[1] : "meta";
}

export type TemplateRead = Extract<TemplateState, { kind: "template" }>;

export interface FindingGroup {
  id: GroupId;
  findings: Finding[];
}

export interface Checked {
  result: ValidationResult;
  /** Findings other than blanks, by the part of their first cell, in part order; empty groups omitted. */
  groups: FindingGroup[];
  /** Blank cells are a reminder while filling, not mixed into the list of errors. */
  blanks: Finding[];
  /** Blanks that filling the blanks leaves blank (totals whose checks disagree), each saying why. */
  leftBlank: Finding[];
  counts: { errors: number; warnings: number; blanks: number; incomplete: number };
}

/** Last year's report changes seldom (an import), so its cells are read once per report object. */
const previousCache = new WeakMap<Report, ReportCells>();
function previousCells(report: Report): ReportCells {
  let cells = previousCache.get(report);
  if (!cells) previousCache.set(report, (cells = cellsOfReport(report)));
  return cells;
}

export function checkTemplate(workbook: TemplateRead): Checked {
  const result = validateCells(workbook.cells, {
    previous: workbook.previous && previousCells(workbook.previous),
  });
  const blanks = result.findings.filter((f) => f.rule === "blank");
  const others = result.findings.filter((f) => f.rule !== "blank");
  const groups = GROUP_ORDER.map((id) => ({
    id,
    findings: others.filter((f) => groupOf(f.cells[0] ?? "") === id),
  })).filter((g) => g.findings.length > 0);
  const errors = others.filter((f) => f.severity === "error").length;
  return {
    result,
    groups,
    blanks,
    leftBlank: blanks.filter((f) => f.fix === undefined),
    counts: {
      errors,
      warnings: others.length - errors,
      blanks: blanks.length,
      incomplete: result.summary.incomplete,
    },
  };
}

/** What one click on "fill blanks" writes: each blank's `fix` (a total's sum, else 0); blanks only. */
export function blankFillValues(checked: Checked): Map<Pointer, number> {
  const out = new Map<Pointer, number>();
  for (const f of checked.blanks) if (f.fix !== undefined) out.set(f.cells[0], f.fix);
  return out;
}

export interface PaneState {
  /** Undefined until the first read has finished. */
  workbook?: TemplateState;
  checked?: Checked;
  reading: boolean;
  /** The last read failed; the previous workbook state is kept. */
  readError?: unknown;
  /** Change events could not be set up, so the pane must offer "validate now". */
  watchError?: unknown;
}

export class PaneController {
  private state: PaneState = { reading: false };
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

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
