/**
 * Planning an import of report JSON into the template: what would be written, and how many cells the user
 * filled would be overwritten with something else (asked before writing).
 */
import { cellValues, getValue, NARRATIVE_KEYS, type CellValue, type Report } from "../report/model";
import type { FormatId } from "../templates/formats";
import type { Pointer } from "../templates/pointers";
import type { TemplateRead } from "./checked";

export type ImportPlan =
  | { ok: false; reason: "format"; imported: FormatId; template: FormatId }
  | {
      ok: true;
      /** Every cell value and narrative text of the imported report. */
      values: Map<Pointer, CellValue | string>;
      overwrites: number;
      /** Year or agency differ: they are not written (the template's own), only mentioned. */
      metaDiffers: boolean;
      /** The report imported. */
      report: Report;
    };

export function planImport(current: TemplateRead, imported: Report): ImportPlan {
  const template = current.report;
  if (imported.format !== template.format) {
    return { ok: false, reason: "format", imported: imported.format, template: template.format };
  }
  const values = new Map<Pointer, CellValue | string>();
  let overwrites = 0;
  for (const [pointer, value] of cellValues(imported)) {
    values.set(pointer, value);
    // A cell holding something unreadable ("2件", "/") is in cellFaults with null in the report: filled.
    const faulty = current.cellFaults.has(pointer);
    const now = getValue(template, pointer) ?? null;
    if (faulty || (now !== null && now !== value)) overwrites++;
  }
  for (const key of NARRATIVE_KEYS) {
    const text = imported.narrative[key];
    values.set(`/narrative/${key}`, text);
    const now = template.narrative[key];
    if (now.trim() !== "" && now !== text) overwrites++;
  }
  const metaDiffers = imported.year !== template.year || imported.agency !== template.agency;
  return { ok: true, values, overwrites, metaDiffers, report: imported };
}
