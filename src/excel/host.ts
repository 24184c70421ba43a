/**
 * What the task pane needs from a spreadsheet host, and nothing of Office.js: the pane talks only to this
 * interface, the Excel adapter implements it over Office.js, and tests or the workbench can implement it
 * over a simulated workbook. Every method is one user intent; the adapter keeps each within its round-trip
 * budget (insert ≤ 3 syncs, read 1, fix 1, fill blanks 1, export 1).
 */
import type { SourcesRecord } from "../aggregate/record";
import type { CellFault } from "../report/cell";
import type { ReportCells } from "../report/cells-as-read";
import type { BindingProblem } from "../report/from-cells";
import type { Receipt } from "../platform/protocol";
import type { CellValue, Report } from "../report/model";
import type { FormatId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";

/** What this Excel can do, from its requirement sets, so the pane can say plainly what is unavailable. */
export interface Capabilities {
  /** The highest ExcelApi version supported, e.g. "1.14". */
  excelApi: string;
  /** Names, conditional formats and change events (ExcelApi 1.7): the add-in's full function. */
  full: boolean;
  /** Data validation on input cells (1.8). */
  dataValidation: boolean;
  /** The add-in's own writes are recognised in change events (1.14). */
  ownWrites: boolean;
  /** Change events exist; without them the pane offers "validate now". */
  changeEvents: boolean;
}

export type TemplateState =
  | { kind: "none" }
  /** The workbook holds a template: its report, where its cells are, and any names that need repair. */
  | {
      kind: "template";
      sheetName: string;
      /** The cells as read, each interpreted once: what the checks run on. */
      cells: ReportCells;
      /** The same as the JSON shape, for export and import. */
      report: Report;
      cellFaults: Map<Pointer, CellFault>;
      addresses: Map<Pointer, string>;
      problems: BindingProblem[];
      /** Last year's report, kept in the workbook (not the browser), for the cross-year checks. */
      previous?: Report;
      /** When the sums of other reports were written here (汇总): what they were made from. */
      compiledFrom?: SourcesRecord;
    }
  /** Something is there but cannot be read as a report (unknown format, not ours). */
  | { kind: "unreadable"; message: string; messageEn: string; problems: BindingProblem[] };

export interface InsertRequest {
  format: FormatId;
  year: number;
  agency: string;
}

export type InsertResult =
  | { ok: true; sheetName: string }
  /** The workbook already has a template, or a sheet of that name: nothing was changed. */
  | { ok: false; reason: "template-exists" | "sheet-exists"; sheetName: string };

/** Storage that answers asynchronously, as OfficeRuntime.storage does: the part of it the pane uses. */
export interface AsyncStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export interface SpreadsheetHost {
  capabilities(): Capabilities;
  /**
   * The prefix for keys the pane keeps in its webview's localStorage. Excel on the web partitions that
   * storage, and its key must be part of every key kept there; undefined where storage is not partitioned
   * (Excel on Windows) or outside Office.
   */
  storagePartition(): string | undefined;
  /**
   * OfficeRuntime.storage where Excel offers it (requirement set SharedRuntime 1.1): persistent storage for
   * when the pane's localStorage is blocked; undefined elsewhere.
   */
  runtimeStorage(): AsyncStorage | undefined;
  /** Reads the whole report in one round trip. */
  read(): Promise<TemplateState>;
  insertTemplate(request: InsertRequest): Promise<InsertResult>;
  /** Re-creates missing or broken names (and lost rows) from the layout plan; never overwrites a typed value. */
  repair(): Promise<{ repaired: string[]; failed: BindingProblem[] }>;
  /** Selects the cell of a pointer, so the user sees it. */
  select(pointer: Pointer): Promise<void>;
  /** Writes values into cells (a fix, fill blanks, an import): one round trip. */
  write(values: ReadonlyMap<Pointer, CellValue | string>): Promise<void>;
  /**
   * Writes the sums of a compilation and keeps what they were made from in the workbook's settings,
   * together: one round trip.
   */
  writeCompiled(values: ReadonlyMap<Pointer, CellValue>, record: SourcesRecord): Promise<void>;
  /** Keeps last year's report in the workbook (undefined removes it): one round trip. */
  setPrevious(report: Report | undefined): Promise<void>;
  /** The platform's receipt for the last submission of this workbook (not the token): one round trip. */
  receipt(): Promise<Receipt | undefined>;
  /** Keeps the receipt in the workbook, so whoever opens it sees what was submitted: one round trip. */
  keepReceipt(receipt: Receipt): Promise<void>;
  /** Calls back at once after any change to the workbook; returns a function that stops watching. */
  watch(onChange: () => void): Promise<() => void>;
}
