/**
 * Test helpers: a template written by the product, filled the way a person (or a script) fills it —
 * through the workbook names with ExcelJS — and read back with the product's reader.
 */
import ExcelJS from "exceljs";
import { reportFromWorkbook } from "../../src/report/from-cells";
import { cellValues, NARRATIVE_KEYS, type Report } from "../../src/report/model";
import { layoutPlan, type LayoutPlan } from "../../src/layout/plan";
import { META_NAMES, nameFromPointer, type Pointer } from "../../src/templates/pointers";
import { resolveReference } from "../../src/xlsx/names";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { inflateEntry, readCentralDirectory } from "../../src/xlsx/zip";
import { writeTemplate } from "../../src/xlsx/write-template";

export type PlanEdit = (plan: LayoutPlan) => LayoutPlan;

export async function templateFor(
  report: Pick<Report, "format" | "year" | "agency">,
  edit: PlanEdit = (p) => p
) {
  return writeTemplate(
    edit(layoutPlan({ format: report.format, year: report.year, agency: report.agency }))
  );
}

/**
 * The sheet after a person inserts `count` rows above 0-based row `at`, as Excel does it: everything below
 * moves down — cells, names, validation, conditional formats — and a merged area or rule that spans the
 * insertion grows. Typed into the first new row: a note, as people add one.
 */
export function insertRows(
  at: number,
  count: number,
  note = "（补充说明：本行为用户插入）"
): PlanEdit {
  const move = <T extends { row: number }>(x: T): T =>
    x.row >= at ? { ...x, row: x.row + count } : x;
  const grow = <T extends { row: number; rowCount: number }>(a: T): T =>
    a.row < at && a.row + a.rowCount > at ? { ...a, rowCount: a.rowCount + count } : move(a);
  return (plan) => ({
    ...plan,
    rowCount: plan.rowCount + count,
    cells: [...plan.cells.map(move), { row: at, col: 0, style: "note", value: note }],
    merges: plan.merges.map(grow),
    names: plan.names.map(move),
    rowHeights: plan.rowHeights.map(move),
    validations: plan.validations.map(grow),
    conditionalFormats: plan.conditionalFormats.map(grow),
  });
}

export async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/** ExcelJS does not read calcPr back, so a load-and-save would drop the request to recalculate. */
export async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  wb.calcProperties.fullCalcOnLoad = true;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The cell a workbook name points at, found through the name (as any platform would). */
export function namedCell(wb: ExcelJS.Workbook, name: string): ExcelJS.Cell {
  const ranges = wb.definedNames.getRanges(name).ranges;
  if (ranges.length !== 1) throw new Error(`name ${name}: ${ranges.join(",")}`);
  const ref = resolveReference(
    ranges[0],
    wb.worksheets.map((w) => w.name)
  );
  if (!ref.ok) throw new Error(`name ${name}: ${ref.problem}`);
  return wb.getWorksheet(ref.sheet)!.getCell(ref.row + 1, ref.col + 1);
}

/** Writes every value, the narrative and the date of a report into its template, by name. */
export function fill(wb: ExcelJS.Workbook, report: Report, raw = new Map<Pointer, unknown>()) {
  for (const [pointer, value] of cellValues(report)) {
    const cell = namedCell(wb, nameFromPointer(pointer));
    cell.value = (raw.has(pointer) ? raw.get(pointer) : value) as ExcelJS.CellValue;
  }
  for (const key of NARRATIVE_KEYS)
    namedCell(wb, nameFromPointer(`/narrative/${key}`)).value = report.narrative[key];
  if (report.date) {
    const [y, m, d] = report.date.split("-").map(Number);
    namedCell(wb, META_NAMES.date).value = new Date(Date.UTC(y, m - 1, d));
  }
}

export async function filledWorkbook(report: Report, raw?: Map<Pointer, unknown>, edit?: PlanEdit) {
  const wb = await load(await templateFor(report, edit));
  fill(wb, report, raw);
  return save(wb);
}

/** The product's reading of a workbook: bytes → names → report. */
export async function readBack(bytes: Uint8Array) {
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(read.error.en);
  const result = reportFromWorkbook(read.bound);
  if (!result.ok) throw new Error(result.messageEn);
  return { ...result, notes: read.notes };
}

/** One part of the zip, as text. */
export function part(bytes: Uint8Array, name: string): string {
  const buf = Buffer.from(bytes);
  const entry = readCentralDirectory(buf).find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  return new TextDecoder().decode(inflateEntry(buf, entry));
}
