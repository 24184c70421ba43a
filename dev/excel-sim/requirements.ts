/**
 * Requirement sets, in one table. Real Excel knows every method on the JavaScript side (office.js is the
 * same file everywhere) and fails in the host, at `context.sync()`, with `ApiNotFound` when the host's
 * ExcelApi version is too old. The simulator checks each queued operation against this table when it
 * runs, so code that forgets to feature-detect fails in tests the way it would on Office 2016 or 2019.
 * Versions are from the `[Api set: ExcelApi 1.x]` remarks of `@types/office-js`.
 */
import { simError } from "./errors";

export const API_VERSIONS = {
  // workbook / worksheets
  "WorksheetCollection.add": "1.1",
  "WorksheetCollection.getItem": "1.1",
  "WorksheetCollection.getItemOrNullObject": "1.4",
  "WorksheetCollection.getCount": "1.4",
  "WorksheetCollection.getActiveWorksheet": "1.1",
  "WorksheetCollection.onChanged": "1.9",
  "WorksheetCollection.onNameChanged": "1.17",
  "Workbook.getSelectedRange": "1.1",
  "Workbook.getActiveCell": "1.7",
  "Workbook.insertWorksheetsFromBase64": "1.13",
  "Worksheet.name": "1.1",
  "Worksheet.position": "1.1",
  "Worksheet.visibility": "1.1",
  "Worksheet.visibility.set": "1.2",
  "Worksheet.tabColor": "1.7",
  "Worksheet.showGridlines": "1.8",
  "Worksheet.activate": "1.1",
  "Worksheet.delete": "1.1",
  "Worksheet.getRange": "1.1",
  "Worksheet.getRangeByIndexes": "1.7",
  "Worksheet.getRanges": "1.9",
  "Worksheet.getUsedRange": "1.2",
  "Worksheet.getUsedRangeOrNullObject": "1.4",
  "Worksheet.names": "1.4",
  "Worksheet.onChanged": "1.7",
  "Worksheet.onNameChanged": "1.17",
  "Worksheet.freezePanes": "1.7",
  "Worksheet.protection": "1.2",
  "WorksheetProtection.protect.password": "1.7",
  "WorksheetProtection.unprotect.password": "1.7",
  "Worksheet.pageLayout": "1.9",
  // names
  "NamedItemCollection.add": "1.4",
  "NamedItemCollection.getItem": "1.1",
  "NamedItemCollection.getItemOrNullObject": "1.4",
  "NamedItemCollection.getCount": "1.4",
  "NamedItem.basic": "1.1", // name, type, value, visible, getRange
  "NamedItem.scope": "1.4", // scope, comment, delete, getRangeOrNullObject
  "NamedItem.formula": "1.7",
  // ranges
  "Range.basic": "1.1",
  "Range.merge": "1.2",
  "Range.getResizedRange": "1.2",
  "Range.isEntireRow": "1.7",
  "RangeFormat.columnWidth": "1.2",
  "RangeFormat.rowHeight": "1.2",
  "RangeFormat.autofit": "1.2",
  "FormatProtection.locked": "1.2",
  "RangeAreas.basic": "1.9",
  "Range.conditionalFormats": "1.6",
  "Range.dataValidation": "1.8",
  // workbook-level
  "SettingCollection.basic": "1.4",
  "Application.suspendApiCalculationUntilNextSync": "1.6",
  "Application.calculate": "1.1",
  "Runtime.enableEvents": "1.8",
  // event arguments
  "WorksheetChangedEventArgs.getRange": "1.8",
  "WorksheetChangedEventArgs.details": "1.9",
  "WorksheetChangedEventArgs.triggerSource": "1.14",
} as const;

export type ApiKey = keyof typeof API_VERSIONS;

/** "1.10" > "1.9": compares dotted versions numerically, part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((n) => Number(n) || 0);
  const pb = b.split(".").map((n) => Number(n) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export class Requirements {
  constructor(private readonly sets: Readonly<Record<string, string>>) {}

  /** `Office.context.requirements.isSetSupported(name, minVersion?)`: set names are case-insensitive. */
  isSetSupported(name: string, minVersion?: string | number): boolean {
    const key = Object.keys(this.sets).find((k) => k.toLowerCase() === String(name).toLowerCase());
    if (key === undefined) return false;
    if (minVersion === undefined || minVersion === null || minVersion === "") return true;
    return compareVersions(this.sets[key], String(minVersion)) >= 0;
  }

  supports(api: ApiKey): boolean {
    return this.isSetSupported("ExcelApi", API_VERSIONS[api]);
  }

  /** Throws `ApiNotFound` (as the host does at sync) when `api` is beyond the configured ExcelApi version. */
  require(api: ApiKey): void {
    if (!this.supports(api)) {
      throw simError(
        "ApiNotFound",
        `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${api} needs ExcelApi ${API_VERSIONS[api]}; this host has ExcelApi ${this.sets.ExcelApi ?? "none"}.)`,
        api
      );
    }
  }
}
