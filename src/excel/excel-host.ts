/**
 * The SpreadsheetHost over Office.js. Round-trip budgets (ARCHITECTURE.md): insert ≤ 3 syncs, read 1,
 * select 1, write 1. Change events only signal: the pane re-reads, and the add-in never writes in answer
 * to a change, so there are no loops and no undo pollution.
 */
import { readReceipt, type Receipt } from "../platform/protocol";
import { SOURCES_SCHEMA, type SourcesRecord } from "../aggregate/record";
import { reportFromWorkbook } from "../report/from-cells";
import type { CellValue, Report } from "../report/model";
import { sheetNameFor } from "../templates/labels";
import { META_NAMES, workbookName, type Pointer } from "../templates/pointers";
import { compareVersions, detectCapabilities } from "./capabilities";
import type {
  AsyncStorage,
  Capabilities,
  InsertRequest,
  InsertResult,
  SpreadsheetHost,
  TemplateState,
} from "./host";
import { collectRead, queueRead, sheetOfAddress } from "./read-bound";
import type { RepairResult } from "./repair";

/**
 * Where last year's report is kept: the workbook's settings for this add-in (ExcelApi 1.4), saved in the
 * file, a few tens of KB at most (office-js-facts §5: keep settings well under 1 MB).
 */
const PREVIOUS_SETTING = "nianbao.previousReport";

/**
 * Where the platform's receipt for the last submission is kept: the workbook's settings, so that it travels
 * with the file. Only the receipt, never the agency's token (the workbook is sent around by e-mail).
 */
export const RECEIPT_SETTING = "nianbao.receipt";

/** What a compiled workbook (汇总) was made from: the sources record, kept beside the sums it explains. */
export const COMPILED_SETTING = "nianbao.compiledFrom";

export function createExcelHost(): SpreadsheetHost {
  const caps = detectCapabilities((name, version) =>
    Office.context.requirements.isSetSupported(name, version)
  );
  return new ExcelHost(caps);
}

export class ExcelHost implements SpreadsheetHost {
  /** Last year's report as last parsed: every read fetches the setting, but it seldom changes. */
  private previousParsed: { json: string; report: Report | undefined } | undefined;

  constructor(private readonly caps: Capabilities) {}

  capabilities(): Capabilities {
    return this.caps;
  }

  /** Office.context.partitionKey: a string on Excel on the web, undefined (or empty) where not partitioned. */
  storagePartition(): string | undefined {
    try {
      return Office.context.partitionKey || undefined;
    } catch {
      return undefined; // Office's context not there: nothing is partitioned
    }
  }

  /** The global OfficeRuntime is declared by no @types package used here; it is looked up, not assumed. */
  runtimeStorage(): AsyncStorage | undefined {
    try {
      if (!Office.context.requirements.isSetSupported("SharedRuntime", "1.1")) return undefined;
      const runtime = (globalThis as { OfficeRuntime?: { storage?: AsyncStorage } }).OfficeRuntime;
      return runtime?.storage;
    } catch {
      return undefined;
    }
  }

  read(): Promise<TemplateState> {
    return Excel.run(async (context) => {
      const pending = queueRead(context);
      const previous = context.workbook.settings.getItemOrNullObject(PREVIOUS_SETTING);
      previous.load("value");
      const compiled = context.workbook.settings.getItemOrNullObject(COMPILED_SETTING);
      compiled.load("value");
      await context.sync();
      const state = stateFrom(collectRead(pending));
      if (state.kind === "template" && !previous.isNullObject) {
        const report = await this.parsePrevious(String(previous.value));
        if (report) state.previous = report;
      }
      if (state.kind === "template" && !compiled.isNullObject) {
        const record = parseSourcesRecord(String(compiled.value));
        if (record) state.compiledFrom = record;
      }
      return state;
    });
  }

  private async parsePrevious(json: string): Promise<Report | undefined> {
    if (this.previousParsed?.json !== json) {
      const { readReportJson } = await import("../report/read-json.js");
      const parsed = readReportJson(json);
      this.previousParsed = { json, report: parsed.ok ? parsed.report : undefined };
    }
    return this.previousParsed.report;
  }

  async setPrevious(report: Report | undefined): Promise<void> {
    const { reportToJson } = await import("../report/read-json.js");
    return Excel.run(async (context) => {
      if (report) context.workbook.settings.add(PREVIOUS_SETTING, reportToJson(report));
      else context.workbook.settings.getItemOrNullObject(PREVIOUS_SETTING).delete();
      await context.sync();
    });
  }

  receipt(): Promise<Receipt | undefined> {
    return Excel.run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(RECEIPT_SETTING);
      setting.load("value");
      await context.sync();
      return setting.isNullObject ? undefined : receiptFrom(setting.value);
    });
  }

  keepReceipt(receipt: Receipt): Promise<void> {
    return Excel.run(async (context) => {
      context.workbook.settings.add(RECEIPT_SETTING, JSON.stringify(receipt));
      await context.sync();
    });
  }

  /** The plan and its renderer load on the first insert: the first screen does not need them. */
  async insertTemplate(request: InsertRequest): Promise<InsertResult> {
    const [{ layoutPlan, planSheets }, { queueTemplate }] = await Promise.all([
      import("../layout/plan.js"),
      import("./render-template.js"),
    ]);
    const plan = layoutPlan(request);
    const clash = await Excel.run(async (context) => {
      const existing = context.workbook.names.getItemOrNullObject(META_NAMES.schema);
      const existingRange = existing.getRangeOrNullObject();
      existingRange.load("address");
      // every sheet of the plan (the report and 校验) must be free
      const sheets = planSheets(plan).map((s) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(s.sheetName);
        sheet.load("name");
        return sheet;
      });
      await context.sync();
      const sheet = sheets.find((s) => !s.isNullObject);
      if (!existingRange.isNullObject)
        return {
          reason: "template-exists" as const,
          sheetName: sheetOfAddress(existingRange.address),
        };
      if (sheet) return { reason: "sheet-exists" as const, sheetName: sheet.name };
      return undefined;
    });
    if (clash) return { ok: false, ...clash };
    await Excel.run(async (context) => {
      queueTemplate(context, plan, this.caps);
      await context.sync();
    });
    return { ok: true, sheetName: plan.sheetName };
  }

  async repair(): Promise<RepairResult> {
    const { repairTemplate } = await import("./repair.js");
    return repairTemplate();
  }

  select(pointer: Pointer): Promise<void> {
    return Excel.run(async (context) => {
      const range = context.workbook.names.getItem(workbookName(pointer)).getRange();
      range.worksheet.activate();
      range.select();
      await context.sync();
    });
  }

  write(values: ReadonlyMap<Pointer, CellValue | string>): Promise<void> {
    return Excel.run({ delayForCellEdit: true }, async (context) => {
      queueWrites(context, values);
      await context.sync();
    });
  }

  writeCompiled(values: ReadonlyMap<Pointer, CellValue>, record: SourcesRecord): Promise<void> {
    return Excel.run({ delayForCellEdit: true }, async (context) => {
      queueWrites(context, values);
      context.workbook.settings.add(COMPILED_SETTING, JSON.stringify(record));
      await context.sync();
    });
  }

  async watch(onChange: () => void): Promise<() => void> {
    if (!this.caps.changeEvents) return () => undefined;
    // No quiet time: the pane reads at once, and gathers what arrives during a read into one more read.
    const signal = async () => onChange();
    const handler = async (event: Excel.WorksheetChangedEventArgs) => {
      // Our own writes are followed by a read of their own; on 1.14 they can be told apart.
      if (this.caps.ownWrites && event.triggerSource === Excel.EventTriggerSource.thisLocalAddin)
        return;
      await signal();
    };
    const registrations = await Excel.run(async (context) => {
      const schema = context.workbook.names
        .getItemOrNullObject(META_NAMES.schema)
        .getRangeOrNullObject();
      schema.load("address");
      await context.sync();
      const sheet = schema.isNullObject
        ? context.workbook.worksheets.getActiveWorksheet()
        : context.workbook.worksheets.getItem(sheetOfAddress(schema.address));
      const results = [sheet.onChanged.add(handler)];
      // A renamed sheet changes every address the pane shows; the event exists from ExcelApi 1.17.
      if (compareVersions(this.caps.excelApi, "1.17") >= 0) {
        results.push(context.workbook.worksheets.onNameChanged.add(signal));
      }
      await context.sync();
      return results;
    });
    return () => {
      void Excel.run(registrations[0].context, async (context) => {
        registrations.forEach((r) => r.remove());
        await context.sync();
      });
    };
  }
}

function queueWrites(
  context: Excel.RequestContext,
  values: ReadonlyMap<Pointer, CellValue | string>
): void {
  for (const [pointer, value] of values) {
    context.workbook.names.getItem(workbookName(pointer)).getRange().values = [[cellInput(value)]];
  }
}

/** The setting as written by writeCompiled; anything else (edited by hand, another version) is ignored. */
function parseSourcesRecord(json: string): SourcesRecord | undefined {
  try {
    const value = JSON.parse(json) as Partial<SourcesRecord>;
    return value?.schema === SOURCES_SCHEMA &&
      Array.isArray(value.sources) &&
      Array.isArray(value.blanks)
      ? (value as SourcesRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

function stateFrom(bound: ReturnType<typeof collectRead>): TemplateState {
  const result = reportFromWorkbook(bound);
  if (!result.ok) {
    return result.reason === "not-a-template"
      ? { kind: "none" }
      : {
          kind: "unreadable",
          message: result.message,
          messageEn: result.messageEn,
          problems: result.problems,
        };
  }
  const anyAddress = [...result.addresses.values()][0] ?? sheetNameFor(result.report.year);
  return {
    kind: "template",
    sheetName: sheetOfAddress(anyAddress),
    cells: result.cells,
    report: result.report,
    cellFaults: result.cellFaults,
    addresses: result.addresses,
    problems: result.problems,
  };
}

/** A receipt from the setting's text; anything else (edited by hand, another version) is no receipt. */
function receiptFrom(value: unknown): Receipt | undefined {
  try {
    return readReceipt(typeof value === "string" ? JSON.parse(value) : value);
  } catch {
    return undefined;
  }
}

/** Text that Excel would take as a formula or a number (=, +, -, @) is written as text. */
function cellInput(value: CellValue | string): string | number {
  if (value === null) return "";
  if (typeof value === "number") return value;
  return /^[=+\-@]/.test(value) ? `'${value}` : value;
}
