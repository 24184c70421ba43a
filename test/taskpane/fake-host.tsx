/**
 * An in-memory SpreadsheetHost for the pane's tests: it holds a report, applies writes to it, counts every
 * call, and can be told to fail or to hold a read until released.
 */
import { cellsOfReport } from "../../src/report/cells-as-read";
import "./jsdom-setup";
import { render } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { SourcesRecord } from "../../src/aggregate/record";
import type {
  AsyncStorage,
  Capabilities,
  InsertRequest,
  InsertResult,
  SpreadsheetHost,
  TemplateState,
} from "../../src/excel/host";
import {
  emptyReport,
  getValue,
  type CellValue,
  type NarrativeKey,
  type Report,
} from "../../src/report/model";
import { withValues } from "../support/reports";
import type { Receipt } from "../../src/platform/protocol";
import type { Pointer } from "../../src/templates/pointers";
import { App } from "../../src/taskpane/App";
import type { Lang } from "../../src/taskpane/i18n";
import type { SubmitSettings } from "../../src/taskpane/SubmitPanel";
import { randomConsistentReport } from "../support/random-report";

export const FULL: Capabilities = {
  excelApi: "1.14",
  full: true,
  dataValidation: true,
  ownWrites: true,
  changeEvents: true,
};

export function templateState(
  report: Report,
  extra: Partial<Extract<TemplateState, { kind: "template" }>> = {}
): TemplateState {
  const state = {
    kind: "template" as const,
    sheetName: `${report.year}年度年报`,
    report,
    cellFaults: new Map(),
    addresses: new Map(),
    problems: [],
    ...extra,
  };
  return { ...state, cells: extra.cells ?? cellsOfReport(state.report, state.cellFaults) };
}

type Method =
  | "read"
  | "insertTemplate"
  | "repair"
  | "select"
  | "write"
  | "watch"
  | "setPrevious"
  | "receipt"
  | "keepReceipt"
  | "writeCompiled";

export class FakeHost implements SpreadsheetHost {
  caps: Capabilities = { ...FULL };
  calls = {
    read: 0,
    insert: [] as InsertRequest[],
    select: [] as Pointer[],
    write: [] as Map<Pointer, CellValue | string>[],
    repair: 0,
    watch: 0,
    setPrevious: [] as (Report | undefined)[],
    keepReceipt: [] as Receipt[],
    writeCompiled: [] as { values: Map<Pointer, CellValue>; record: SourcesRecord }[],
  };
  /** The receipt kept in the workbook's settings. */
  savedReceipt: Receipt | undefined;
  /** Methods that reject with this error. */
  failing = new Map<Method, unknown>();
  insertResult: InsertResult | undefined;
  /** While set, read() waits for it. */
  gate: Promise<void> | undefined;
  readsInFlight = 0;
  maxReadsInFlight = 0;
  private listeners = new Set<() => void>();

  /** Office's storage partition key (Excel on the web) and OfficeRuntime.storage, as the host reports them. */
  partition: string | undefined;
  runtime: AsyncStorage | undefined;

  constructor(public state: TemplateState = { kind: "none" }) {}

  capabilities(): Capabilities {
    return this.caps;
  }

  storagePartition(): string | undefined {
    return this.partition;
  }

  runtimeStorage(): AsyncStorage | undefined {
    return this.runtime;
  }

  async read(): Promise<TemplateState> {
    this.calls.read++;
    this.readsInFlight++;
    this.maxReadsInFlight = Math.max(this.maxReadsInFlight, this.readsInFlight);
    try {
      if (this.gate) await this.gate;
      this.fail("read");
      return this.state;
    } finally {
      this.readsInFlight--;
    }
  }

  async insertTemplate(request: InsertRequest): Promise<InsertResult> {
    this.calls.insert.push(request);
    this.fail("insertTemplate");
    if (this.insertResult) return this.insertResult;
    this.state = templateState(emptyReport(request));
    return { ok: true, sheetName: `${request.year}年度年报` };
  }

  async repair(): Promise<{ repaired: string[]; failed: [] }> {
    this.calls.repair++;
    this.fail("repair");
    if (this.state.kind !== "template") return { repaired: [], failed: [] };
    const repaired = this.state.problems.map((p) => p.name);
    this.state = { ...this.state, problems: [] };
    return { repaired, failed: [] };
  }

  async select(pointer: Pointer): Promise<void> {
    this.calls.select.push(pointer);
    this.fail("select");
  }

  async write(values: ReadonlyMap<Pointer, CellValue | string>): Promise<void> {
    this.calls.write.push(new Map(values));
    this.fail("write");
    if (this.state.kind !== "template") throw new Error("no template");
    const numbers = new Map<Pointer, CellValue>();
    const narrative = { ...this.state.report.narrative };
    for (const [pointer, value] of values) {
      const key = /^\/narrative\/(\w+)$/.exec(pointer)?.[1];
      if (key) narrative[key as NarrativeKey] = String(value);
      else numbers.set(pointer, value as CellValue);
    }
    const report = { ...withValues(this.state.report, numbers), narrative };
    const cellFaults = new Map([...this.state.cellFaults].filter(([p]) => !values.has(p)));
    this.state = { ...this.state, report, cellFaults, cells: cellsOfReport(report, cellFaults) };
  }

  /** Like Excel: the values and the setting together, or neither. */
  async writeCompiled(
    values: ReadonlyMap<Pointer, CellValue>,
    record: SourcesRecord
  ): Promise<void> {
    this.calls.writeCompiled.push({ values: new Map(values), record });
    this.fail("writeCompiled");
    if (this.state.kind !== "template") throw new Error("no template");
    const report = withValues(this.state.report, values);
    const cellFaults = new Map([...this.state.cellFaults].filter(([p]) => !values.has(p)));
    const cells = cellsOfReport(report, cellFaults);
    this.state = { ...this.state, report, cellFaults, cells, compiledFrom: record };
  }

  async setPrevious(report: Report | undefined): Promise<void> {
    this.calls.setPrevious.push(report);
    this.fail("setPrevious");
    if (this.state.kind === "template") this.state = { ...this.state, previous: report };
  }

  async receipt(): Promise<Receipt | undefined> {
    this.fail("receipt");
    return this.savedReceipt;
  }

  async keepReceipt(receipt: Receipt): Promise<void> {
    this.calls.keepReceipt.push(receipt);
    this.fail("keepReceipt");
    this.savedReceipt = receipt;
  }

  async watch(onChange: () => void): Promise<() => void> {
    this.calls.watch++;
    this.fail("watch");
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  }

  /** What Excel does after an edit: tell every watcher. */
  change(): void {
    for (const l of this.listeners) l();
  }

  private fail(method: Method): void {
    if (this.failing.has(method)) throw this.failing.get(method);
  }
}

export const SHEET_ERRORS = {
  /** Typed 2 too many: 三（七）总计 and the 予以公开 row total both fail, and the fix restores it. */
  slip: "/requests/granted/naturalPerson",
  /** A fee amount that looks like 元 for 万元: a warning in part 二. */
  unit: "/proactive/fees/amount",
  /** Left blank, its group's total lowered to match, so no arithmetic fails. */
  blank: "/appeals/litigationDirect/upheld",
};

/** A 2024 report (format 2021) with 2 errors in part 三, 1 warning in part 二 and 1 blank cell. */
export function reportWithKnownErrors(): Report {
  const base = { ...randomConsistentReport("2021", 1, 2024), agency: "某市某局" };
  const num = (p: Pointer) => getValue(base, p) ?? 0;
  const total = "/appeals/litigationDirect/total";
  return withValues(
    base,
    new Map<Pointer, CellValue>([
      [SHEET_ERRORS.slip, num(SHEET_ERRORS.slip) + 2],
      [SHEET_ERRORS.unit, 12000],
      [SHEET_ERRORS.blank, null],
      [total, num(total) - num(SHEET_ERRORS.blank)],
    ])
  );
}

export function renderApp(
  host: SpreadsheetHost,
  options: { lang?: Lang; platform?: string; submitTo?: SubmitSettings } = {}
) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App
        host={host}
        lang={options.lang ?? "zh"}
        platform={options.platform ?? "PC"}
        submitTo={options.submitTo}
      />
    </FluentProvider>
  );
}
