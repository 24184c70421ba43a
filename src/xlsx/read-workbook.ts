/**
 * An .xlsx file → the cells its names bind (`BoundWorkbook`), for `reportFromWorkbook`. Safe on untrusted
 * files: the zip is measured and every part inflated with a hard limit before ExcelJS parses it, sheets are
 * bounded in rows, no formula is evaluated (a formula cell gives its cached result, or reads as blank), and
 * nothing outside the file is opened. Never throws: every failure is a bilingual message.
 */
import ExcelJS from "exceljs";
import { a1 } from "../templates/address";
import { FORMAT_IDS } from "../templates/formats";
import { NAME_PREFIX } from "../templates/pointers";
import type { RawCell } from "../report/cell";
import {
  expectedNames,
  type BindingProblem,
  type BoundCell,
  type BoundWorkbook,
} from "../report/from-cells";
import { parseWorkbookXml, resolveReference, type DefinedName } from "./names";
import { checkDeclaredSizes, inflateEntry, readCentralDirectory, XlsxError } from "./zip";

export const MAX_ROWS = 100_000;

/** Something worth telling about a readable workbook (a formula without a cached result, external links). */
export interface XlsxNote {
  name?: string;
  address?: string;
  message: string;
  messageEn: string;
}

export type ReadXlsxResult =
  { ok: true; bound: BoundWorkbook; notes: XlsxNote[] } | { ok: false; error: XlsxError };

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5)
  );
}

export function looksLikeOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(OLE);
}

export async function readWorkbook(bytes: Uint8Array): Promise<ReadXlsxResult> {
  try {
    return {
      ok: true,
      ...(await read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))),
    };
  } catch (error) {
    if (error instanceof XlsxError) return { ok: false, error };
    const detail = String((error as Error)?.message ?? error).slice(0, 200);
    return {
      ok: false,
      error: new XlsxError(
        `文件无法作为 .xlsx 打开：${detail}`,
        `Cannot open the file as .xlsx: ${detail}`,
        "corrupt"
      ),
    };
  }
}

async function read(buf: Buffer): Promise<{ bound: BoundWorkbook; notes: XlsxNote[] }> {
  if (looksLikeOle(buf))
    throw new XlsxError(
      "文件已加密，请先取消密码保护再校验（如果是旧版 .xls 文件，请另存为 .xlsx）",
      "The file is encrypted: remove the password first (or, if it is an old .xls file, save it as .xlsx)",
      "encrypted"
    );
  if (!looksLikeZip(buf))
    throw new XlsxError(
      "不是 .xlsx 文件（也不是 JSON 年报）",
      "Not an .xlsx file (nor report JSON)",
      "not-xlsx"
    );
  const entries = readCentralDirectory(buf);
  checkDeclaredSizes(entries);
  if (entries.some((e) => e.name === "EncryptionInfo" || e.name === "EncryptedPackage"))
    throw new XlsxError(
      "文件已加密，请先取消密码保护再校验",
      "The file is encrypted: remove the password first",
      "encrypted"
    );
  const workbookEntry = entries.find((e) => e.name === "xl/workbook.xml");
  if (!workbookEntry)
    throw new XlsxError(
      "这是 zip 文件，但不是 Excel 工作簿（.xlsx）",
      "A zip file, but not an Excel workbook (.xlsx)",
      "not-xlsx"
    );
  let workbookXml = "";
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    const data = inflateEntry(buf, e); // every part, so that no declared size goes unverified
    if (e === workbookEntry) workbookXml = data.toString("utf8");
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name) && countRows(data) > MAX_ROWS)
      throw new XlsxError(
        `工作表 ${e.name} 超过 ${MAX_ROWS.toLocaleString("en")} 行，不像是一份年报模板，拒绝读取`,
        `Sheet ${e.name} has more than ${MAX_ROWS.toLocaleString("en")} rows: refused`,
        "too-large"
      );
  }
  const { sheets, names } = parseWorkbookXml(workbookXml);
  const wb = new ExcelJS.Workbook();
  // Only values are read. Validations and conditional formats: ExcelJS expands their ranges cell by cell
  // (a rule on a whole column would cost a million objects). Merges: overlapping ones make ExcelJS throw,
  // and a value sits in a merged area's first cell anyway.
  await wb.xlsx.load(
    buf as unknown as ExcelJS.Buffer,
    {
      ignoreNodes: [
        "dataValidations",
        "conditionalFormatting",
        "mergeCells",
        "extLst",
        "hyperlinks",
        "drawing",
        "picture",
      ],
      maxRows: MAX_ROWS,
    } as ExcelJS.XlsxReadOptions
  );
  const notes: XlsxNote[] = [];
  if (entries.some((e) => e.name.startsWith("xl/externalLinks/")))
    notes.push({
      message: "工作簿含有外部链接；未打开被链接的文件，只读取本文件中保存的值",
      messageEn:
        "The workbook has external links; they were not followed, only the values saved in it were read",
    });
  return { bound: bind(wb, sheets, names, notes), notes };
}

/** Counts `<row` elements (any namespace prefix) without parsing the XML. */
function countRows(xml: Buffer): number {
  let n = 0;
  for (const needle of ["<row", ":row "]) {
    for (let i = xml.indexOf(needle); i >= 0; i = xml.indexOf(needle, i + 4)) n++;
  }
  return n;
}

function bind(
  wb: ExcelJS.Workbook,
  sheets: string[],
  names: DefinedName[],
  notes: XlsxNote[]
): BoundWorkbook {
  // Ours are workbook-scoped; a sheet-scoped one (a sheet copied from another workbook) is the fallback.
  const byName = new Map<string, DefinedName>();
  for (const n of names) {
    if (n.name.slice(0, NAME_PREFIX.length).toLowerCase() !== NAME_PREFIX) continue;
    const key = n.name.toLowerCase();
    const seen = byName.get(key);
    if (!seen || (seen.localSheetId !== undefined && n.localSheetId === undefined))
      byName.set(key, n);
  }
  const cells = new Map<string, BoundCell>();
  const problems: BindingProblem[] = [];
  const date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
  for (const [key, n] of byName) {
    const ref = resolveReference(n.reference, sheets);
    if (!ref.ok) {
      problems.push({ name: n.name, problem: ref.problem, reference: n.reference });
      continue;
    }
    const ws = wb.getWorksheet(ref.sheet);
    const address = `${ref.sheet}!${a1(ref.row, ref.col)}`;
    if (!ws) {
      problems.push({ name: n.name, problem: "broken", reference: n.reference });
      continue;
    }
    const raw = rawCell(cellValue(ws.getCell(ref.row + 1, ref.col + 1)), date1904);
    if (raw === "uncalculated") {
      notes.push({
        name: n.name,
        address,
        message: `${address}（${n.name}）是公式，但文件中没有保存计算结果，按空白读取；请在电子表格软件中打开并保存后再校验`,
        messageEn: `${address} (${n.name}) is a formula without a saved result and reads as blank; open and save the file in a spreadsheet program first`,
      });
      cells.set(key, { raw: { type: "blank" }, address });
    } else cells.set(key, { raw, address });
  }
  const all = new Set([...FORMAT_IDS.flatMap((f) => expectedNames(f))]);
  for (const name of all)
    if (!byName.has(name.toLowerCase())) problems.push({ name, problem: "missing" });
  return { cells, problems };
}

type CellValue = ExcelJS.CellValue;

/** ExcelJS's `value` of a formula cell drops a falsy cached result (0, FALSE, ""); `result` keeps it. */
export function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type !== ExcelJS.ValueType.Formula) return cell.value;
  return { formula: cell.formula ?? "", result: cell.result } as ExcelJS.CellFormulaValue;
}

/** ExcelJS's cell value as a RawCell. A formula gives its cached result only: nothing is evaluated here. */
export function rawCell(value: CellValue, date1904 = false): RawCell | "uncalculated" {
  if (value === null || value === undefined) return { type: "blank" };
  if (typeof value === "number")
    return Number.isFinite(value) ? { type: "number", value } : { type: "error", code: "#NUM!" };
  if (typeof value === "string")
    return value === "" ? { type: "blank" } : { type: "text", text: value };
  if (typeof value === "boolean") return { type: "boolean", value };
  if (value instanceof Date) return { type: "number", value: dateSerial(value, date1904) };
  if ("error" in value) return { type: "error", code: String(value.error) };
  if ("richText" in value) return textOrBlank(value.richText.map((r) => r.text).join(""));
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return "uncalculated";
    const raw = rawCell(result as CellValue, date1904);
    return raw === "uncalculated" ? { type: "blank" } : raw;
  }
  if ("text" in value) return textOrBlank(String((value as { text: unknown }).text));
  return { type: "text", text: String(value) };
}

const textOrBlank = (text: string): RawCell =>
  text === "" ? { type: "blank" } : { type: "text", text };

/** ExcelJS turns date-formatted numbers into Dates (UTC); the checks want the serial back. */
function dateSerial(date: Date, date1904: boolean): number {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return (date.getTime() - epoch) / 86400000;
}
