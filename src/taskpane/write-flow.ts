/**
 * The one flow by which the pane writes many cells at once (an import, last year's carry-over, a
 * compilation): plan against the workbook as just read → ask before changing cells the user filled →
 * write in one call → read again. The plan is made again when the user confirms, so a cell typed while
 * the question was open is counted and asked about, never overwritten unasked.
 */
import type { SpreadsheetHost } from "../excel/host";
import type { CellValue } from "../report/model";
import type { Pointer } from "../templates/pointers";
import type { TemplateRead } from "./checked";

/** Who asked for the write: each panel shows the question and the outcome of its own writes only. */
export type WriteSource = "import" | "prefill" | "aggregate";

export interface WritePlan {
  values: ReadonlyMap<Pointer, CellValue | string>;
  /** Filled cells (or cells holding something unreadable) whose content the write would change. */
  overwrites: number;
}

type Planned<P extends WritePlan, R> = { ok: true; plan: P } | { ok: false; refusal: R };

export interface WriteJob<P extends WritePlan = WritePlan, R = unknown> {
  source: WriteSource;
  /** What would be written into the template as it is now; or why nothing may be. Pure. */
  plan(template: TemplateRead): Planned<P, R>;
  /** Ask even when no filled cell changes (a compilation replaces every value cell). */
  alwaysAsk?: boolean;
  /** How the plan is written; by default its values in one write. */
  write?(plan: P, host: SpreadsheetHost): Promise<void>;
}

export type WriteOutcome<P extends WritePlan = WritePlan, R = unknown> =
  /** Written, and the workbook read again. */
  | { kind: "written"; plan: P }
  /** Waiting for the user's answer (the pane's state holds the question). */
  | { kind: "asking"; plan: P }
  | { kind: "refused"; refusal: R }
  /** Nothing to write (an empty plan), or no template any more. */
  | { kind: "nothing" };

/** A question the pane is asking: the job, and the plan the user is asked about. */
export interface PendingWrite {
  source: WriteSource;
  plan: WritePlan;
  /** Confirmation plans again; asking again when more filled cells would change than were asked about. */
  job: WriteJob<WritePlan, unknown>;
}

/** Whether a plan needs the user's yes: it changes filled cells, or the job always asks. */
export function needsConfirmation(job: WriteJob<WritePlan, unknown>, plan: WritePlan): boolean {
  return plan.overwrites > 0 || job.alwaysAsk === true;
}
