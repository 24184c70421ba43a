/**
 * What an aggregate (汇总) was made from: the record written beside its JSON, on its 来源 sheet and into the
 * workbook's settings. Types and words only, so that readers of the record need not load the aggregator.
 */
import type { RuleName } from "../checks/types";
import type { FormatId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";

/** The record of what an aggregate was made from (beside the report JSON, on the 来源 sheet, in settings). */
export const SOURCES_SCHEMA = "nianbao/aggregate-sources@1";

/** An error found in a source: the finding's words, without the rest. */
export interface SourceError {
  rule: RuleName;
  cells: Pointer[];
  message: string;
  messageEn?: string;
}

export interface SourceEntry {
  agency: string;
  file: string;
  sha256: string;
  /** Present when the source had errors and was accepted (allowErrors): the first of them, and how many. */
  errors?: SourceError[];
  errorCount?: number;
}

export interface BlankCell {
  pointer: Pointer;
  label: string;
  labelEn: string;
  /** How many sources leave the cell blank, and the first of them by agency (file). */
  count: number;
  sources: string[];
  /** "blank": the sum is blank; "zero": counted as 0 (blankAsZero). */
  treatedAs: "blank" | "zero";
  /** Of `count`, how many held something unreadable (these are never counted as 0). */
  unreadable: number;
}

/** What an aggregate was made from. */
export interface SourcesRecord {
  schema: typeof SOURCES_SCHEMA;
  agency: string;
  format: FormatId;
  year: number;
  sourceCount: number;
  sources: SourceEntry[];
  blanks: BlankCell[];
  blankAsZero: boolean;
}

/** The sources a blank cell names, and how many there are when not all are named. */
export function blankSources(b: BlankCell, lang: "zh" | "en" = "zh"): string {
  const more = b.count > b.sources.length;
  if (lang === "en") return b.sources.join(", ") + (more ? ` (${b.count} in all)` : "");
  return b.sources.join("、") + (more ? ` 等 ${b.count} 份` : "");
}
