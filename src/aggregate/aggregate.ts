/**
 * 汇总: one report from many. Sources are added one at a time and folded into running sums, so memory holds
 * the sums, the list of sources (agency, file, SHA-256) and a bounded record of blank cells — never the
 * sources themselves. Every count and amount of the one format and year is summed; 万元 amounts exactly in
 * decimal; 本年增/减 with its sign. A cell blank (or unreadable) in any source stays blank in the sum and is
 * named with its sources, unless blanks are asked to count as 0. Pure: no Node, no DOM.
 */
import Big from "big.js";
import { validateReport, type CellFault } from "../checks/evaluate";
import type { Finding } from "../checks/types";
import {
  emptyReport,
  getValue,
  reportFromValues,
  type CellValue,
  type Report,
} from "../report/model";
// A sum beyond the contract's bound on a cell cannot be a report@1 value.
import { AGENCY_MAX_LENGTH, CELL_MAX } from "../report/schema";
import { cellDefs } from "../templates/cells";
import type { FormatId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";
import {
  SOURCES_SCHEMA,
  type BlankCell,
  type SourceEntry,
  type SourceError,
  type SourcesRecord,
} from "./record";

export * from "./record";

/** Blank cells name at most this many sources each (and say how many there are in all). */
export const NAMED_SOURCES_PER_CELL = 10;
/** A source's errors are listed up to this many (and counted in full). */
const LISTED_ERRORS_PER_SOURCE = 50;

export interface AggregateOptions {
  /** The compiling agency: the aggregate's `agency`. */
  agency: string;
  /** Accept the same agency more than once. */
  allowDuplicates?: boolean;
  /** Accept sources whose checks find errors; each is listed with its errors. */
  allowErrors?: boolean;
  /** Count a blank cell as 0 instead of leaving the sum blank. Unreadable cells stay blank regardless. */
  blankAsZero?: boolean;
}

export interface AggregateSource {
  /** The file as the user named it (a path, or a file name in the pane). */
  file: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  report: Report;
  /** Cells the reader could not take as numbers (null in the report). */
  cellFaults?: ReadonlyMap<Pointer, CellFault>;
}

export type RefusalReason =
  "format" | "year" | "duplicate" | "errors" | "empty" | "agency" | "too-large";

export interface Refusal {
  reason: RefusalReason;
  /** The source refused, absent when the refusal is of the whole (no sources, no agency). */
  file?: string;
  message: string;
  messageEn: string;
  errors?: SourceError[];
  errorCount?: number;
}

export type AddOutcome = { ok: true; entry: SourceEntry } | { ok: false; refusal: Refusal };

export type AggregateResult =
  { ok: true; report: Report; record: SourcesRecord } | { ok: false; refusals: Refusal[] };

/**
 * The errors that refuse a source. Not blanks (they have their own handling) nor narratives (not summed);
 * and an arithmetic check that uses a blank cell is incomplete, never an error (statutory-formats.md,
 * Completeness), whichever way the evaluator counts it.
 */
export function sourceErrors(
  report: Report,
  cellFaults?: ReadonlyMap<Pointer, CellFault>
): Finding[] {
  const blank = (p: Pointer) => getValue(report, p) === null;
  return validateReport(report, { cellFaults }).findings.filter(
    (f) =>
      f.severity === "error" &&
      f.rule !== "blank" &&
      f.rule !== "narrative-missing" &&
      !((f.kind === "statutory" || f.kind === "structural") && f.cells.some(blank))
  );
}

/** How agencies are compared for duplicates: width, spaces and case do not make another agency. */
function agencyKey(agency: string): string {
  return agency.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

interface BlankTally {
  count: number;
  unreadable: number;
  sources: string[];
}

export class Aggregator {
  private format: FormatId | undefined;
  private year: number | undefined;
  private first: string | undefined;
  private firstEn: string | undefined;
  private readonly integers = new Map<Pointer, number>();
  private readonly fractions = new Map<Pointer, Big>();
  private readonly blanks = new Map<Pointer, BlankTally>();
  private readonly agencies = new Set<string>();
  private readonly entries: SourceEntry[] = [];
  private readonly refusals: Refusal[] = [];

  constructor(private readonly options: AggregateOptions) {}

  /** Sources accepted so far. */
  get count(): number {
    return this.entries.length;
  }

  /** Sources refused so far. */
  get refused(): readonly Refusal[] {
    return this.refusals;
  }

  /** Folds one source into the sums, or refuses it (and keeps only the refusal). */
  add(source: AggregateSource): AddOutcome {
    const refusal = this.refusalOf(source);
    if (refusal) {
      this.refusals.push(refusal);
      return { ok: false, refusal };
    }
    const { report } = source;
    this.agencies.add(agencyKey(report.agency));
    // Without allowErrors an admitted source has none: refusalOf has checked it already.
    const errors = this.options.allowErrors ? sourceErrors(report, source.cellFaults) : [];
    const entry: SourceEntry = {
      agency: report.agency,
      file: source.file,
      sha256: source.sha256,
      ...(errors.length ? { errors: listed(errors), errorCount: errors.length } : {}),
    };
    this.entries.push(entry);
    const name = `${report.agency}（${source.file}）`;
    for (const def of cellDefs(report.format)) {
      const faulty = source.cellFaults?.has(def.pointer) ?? false;
      const value = faulty ? null : (getValue(report, def.pointer) ?? null);
      if (value === null) {
        const tally = this.blanks.get(def.pointer) ?? { count: 0, unreadable: 0, sources: [] };
        tally.count++;
        if (faulty) tally.unreadable++;
        if (tally.sources.length < NAMED_SOURCES_PER_CELL) tally.sources.push(name);
        this.blanks.set(def.pointer, tally);
        continue;
      }
      // Whole numbers add exactly as numbers (far below 2^53); anything with a fraction in decimal. A
      // non-finite value (no reader gives one) adds as a number, so it ends as an out-of-range sum, not a throw.
      if (Number.isInteger(value) || !Number.isFinite(value))
        this.integers.set(def.pointer, (this.integers.get(def.pointer) ?? 0) + value);
      else
        this.fractions.set(
          def.pointer,
          (this.fractions.get(def.pointer) ?? new Big(0)).plus(value)
        );
    }
    return { ok: true, entry };
  }

  /** The aggregate: refused as a whole when any source was refused, or there is nothing to sum. */
  result(): AggregateResult {
    const agency = this.options.agency.trim();
    const refusals = [...this.refusals];
    if (agency === "" || agency.length > AGENCY_MAX_LENGTH)
      refusals.push({
        reason: "agency",
        message: `请指定汇总机关名称（1 至 ${AGENCY_MAX_LENGTH} 个字）`,
        messageEn: `Give the compiling agency's name (1 to ${AGENCY_MAX_LENGTH} characters)`,
      });
    if (this.format === undefined || this.year === undefined || this.entries.length === 0) {
      refusals.push({
        reason: "empty",
        message: "没有可汇总的报告",
        messageEn: "No report to aggregate",
      });
      return { ok: false, refusals };
    }
    const format = this.format;
    const year = this.year;
    const values = new Map<Pointer, CellValue>();
    const blanks: BlankCell[] = [];
    const blankAsZero = this.options.blankAsZero ?? false;
    for (const def of cellDefs(format)) {
      const tally = this.blanks.get(def.pointer);
      const whole = this.integers.get(def.pointer) ?? 0;
      const fraction = this.fractions.get(def.pointer);
      const sum = fraction ? fraction.plus(whole).toNumber() : whole;
      const zeroed = tally !== undefined && blankAsZero && tally.unreadable === 0;
      if (tally)
        blanks.push({
          pointer: def.pointer,
          label: def.label,
          labelEn: def.labelEn,
          count: tally.count,
          sources: [...tally.sources],
          treatedAs: zeroed ? "zero" : "blank",
          unreadable: tally.unreadable,
        });
      if (tally && !zeroed) {
        values.set(def.pointer, null);
        continue;
      }
      if (Math.abs(sum) > CELL_MAX)
        refusals.push({
          reason: "too-large",
          message: `${def.label}：合计 ${sum} 超出数据约定允许的范围（±${CELL_MAX}）`,
          messageEn: `${def.labelEn}: the sum ${sum} exceeds the contract's bound (±${CELL_MAX})`,
        });
      values.set(def.pointer, sum);
    }
    if (refusals.length) return { ok: false, refusals };
    const narrative = emptyReport({ format, year, agency }).narrative;
    return {
      ok: true,
      report: reportFromValues({ format, year, agency }, values, narrative),
      record: {
        schema: SOURCES_SCHEMA,
        agency,
        format,
        year,
        sourceCount: this.entries.length,
        sources: [...this.entries],
        blanks,
        blankAsZero,
      },
    };
  }

  private refusalOf(source: AggregateSource): Refusal | undefined {
    const { report, file } = source;
    const who = `${file}（${report.agency}）`;
    const whoEn = `${file} (${report.agency})`;
    if (this.format === undefined || this.year === undefined) {
      this.format = report.format;
      this.year = report.year;
      this.first = who;
      this.firstEn = whoEn;
    } else if (report.format !== this.format) {
      return {
        reason: "format",
        file,
        message: `${who}：使用 ${report.format} 格式，与${this.first}的 ${this.format} 格式不同；不同格式的报告不能汇总`,
        messageEn: `${whoEn}: format ${report.format}, unlike format ${this.format} of ${this.firstEn}; reports of different formats cannot be summed`,
      };
    } else if (report.year !== this.year) {
      return {
        reason: "year",
        file,
        message: `${who}：${report.year} 年度，与${this.first}的 ${this.year} 年度不同；不同年度的报告不能汇总`,
        messageEn: `${whoEn}: year ${report.year}, unlike year ${this.year} of ${this.firstEn}; reports of different years cannot be summed`,
      };
    }
    if (!this.options.allowDuplicates && this.agencies.has(agencyKey(report.agency))) {
      return {
        reason: "duplicate",
        file,
        message: `${who}：“${report.agency}”已在汇总之中，同一机关不能计入两次`,
        messageEn: `${whoEn}: “${report.agency}” is already in the aggregate; an agency is not counted twice`,
      };
    }
    if (!this.options.allowErrors) {
      const errors = sourceErrors(report, source.cellFaults);
      if (errors.length)
        return {
          reason: "errors",
          file,
          message: `${who}：校验发现 ${errors.length} 个错误，不能计入汇总，请先改正`,
          messageEn: `${whoEn}: ${errors.length} error(s) found; not summed; fix them first`,
          errors: listed(errors),
          errorCount: errors.length,
        };
    }
    return undefined;
  }
}

function listed(errors: Finding[]): SourceError[] {
  return errors.slice(0, LISTED_ERRORS_PER_SOURCE).map((f) => ({
    rule: f.rule,
    cells: f.cells,
    message: f.message,
    ...(f.messageEn ? { messageEn: f.messageEn } : {}),
  }));
}

/** All sources at once (tests, the service): the same as adding them one by one. */
export function aggregateReports(
  sources: Iterable<AggregateSource>,
  options: AggregateOptions
): AggregateResult {
  const aggregator = new Aggregator(options);
  for (const source of sources) aggregator.add(source);
  return aggregator.result();
}

/**
 * Sources as they come (a database cursor, a directory read file by file): the same fold, one at a time.
 * With writeAggregateWorkbook (src/xlsx/write-aggregate.ts) and reportToJson, what a service needs to offer
 * the sum of a year's reports as JSON and as a workbook.
 */
export async function aggregateAsync(
  sources: AsyncIterable<AggregateSource> | Iterable<AggregateSource>,
  options: AggregateOptions
): Promise<AggregateResult> {
  const aggregator = new Aggregator(options);
  for await (const source of sources) aggregator.add(source);
  return aggregator.result();
}
