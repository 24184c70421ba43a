/**
 * An .xlsx file → the cells its names bind (`BoundWorkbook`), for `reportFromWorkbook`. Safe on untrusted
 * files: the zip is measured and every part inflated with a hard limit before any XML is read, sheets are
 * bounded in rows, no formula is evaluated (a formula cell gives its saved result, or reads as blank), and
 * nothing outside the file is opened. Platform-neutral, so the command line and the task pane read
 * workbooks alike. Never throws: every failure is a bilingual message.
 */
import { a1 } from "../templates/address";
import { META_NAMES, NAME_PREFIX } from "../templates/pointers";
import type { RawCell } from "../report/cell";
import {
  ALL_TEMPLATE_NAMES,
  type BindingProblem,
  type BoundCell,
  type BoundWorkbook,
} from "../report/from-cells";
import { looksLikeOle, looksLikeZip } from "./file-kind";
import { parseWorkbookXml, resolveReference, type DefinedName } from "./names";
import {
  parseRelationships,
  parseSharedStrings,
  rawFromStored,
  readSheetCells,
  storedCellAt,
} from "./sheet-xml";
import {
  checkDeclaredSizes,
  inflateEntry,
  readCentralDirectory,
  XlsxError,
  type ZipEntry,
} from "./zip";

const MAX_ROWS = 100_000;

/** Something worth telling about a readable workbook (a formula without a saved result, external links). */
export interface XlsxNote {
  name?: string;
  address?: string;
  message: string;
  messageEn: string;
}

export type ReadXlsxResult =
  { ok: true; bound: BoundWorkbook; notes: XlsxNote[] } | { ok: false; error: XlsxError };

/** Days from 1900-01-00 to 1904-01-01 in Excel's reckoning: a 1904-system serial plus this is a 1900 one. */
const DAYS_1900_TO_1904 = 1462;

export function readWorkbook(bytes: Uint8Array): ReadXlsxResult {
  try {
    return { ok: true, ...read(bytes) };
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

const utf8 = new TextDecoder("utf-8");

function read(buf: Uint8Array): { bound: BoundWorkbook; notes: XlsxNote[] } {
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
  if (!entries.some((e) => e.name === "xl/workbook.xml"))
    throw new XlsxError(
      "这是 zip 文件，但不是 Excel 工作簿（.xlsx）",
      "A zip file, but not an Excel workbook (.xlsx)",
      "not-xlsx"
    );
  // Every part is inflated, so that no declared size goes unverified; the XML parts are kept as text.
  const parts = new Map<string, string>();
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    const data = inflateEntry(buf, e);
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const text = utf8.decode(data);
    if (isWorksheet(e) && countRows(text) > MAX_ROWS)
      throw new XlsxError(
        `工作表 ${e.name} 超过 ${MAX_ROWS.toLocaleString("en")} 行，不像是一份年报模板，拒绝读取`,
        `Sheet ${e.name} has more than ${MAX_ROWS.toLocaleString("en")} rows: refused`,
        "too-large"
      );
    parts.set(e.name, text);
  }
  const notes: XlsxNote[] = [];
  if (entries.some((e) => e.name.startsWith("xl/externalLinks/")))
    notes.push({
      message: "工作簿含有外部链接；未打开被链接的文件，只读取本文件中保存的值",
      messageEn:
        "The workbook has external links; they were not followed, only the values saved in it were read",
    });
  return { bound: bind(parts, notes), notes };
}

const isWorksheet = (e: ZipEntry) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name);

/** Counts `<row` elements (any namespace prefix) without parsing the XML. */
function countRows(xml: string): number {
  let n = 0;
  for (const needle of ["<row", ":row "]) {
    for (let i = xml.indexOf(needle); i >= 0; i = xml.indexOf(needle, i + 4)) n++;
  }
  return n;
}

function bind(parts: ReadonlyMap<string, string>, notes: XlsxNote[]): BoundWorkbook {
  const { sheets, sheetRelIds, names, date1904 } = parseWorkbookXml(
    parts.get("xl/workbook.xml") ?? ""
  );
  const rels = parseRelationships(parts.get("xl/_rels/workbook.xml.rels") ?? "", "xl/workbook.xml");
  // Ours are workbook-scoped; a sheet-scoped one (a sheet copied from another workbook) is the fallback.
  const byName = new Map<string, DefinedName>();
  for (const n of names) {
    if (n.name.slice(0, NAME_PREFIX.length).toLowerCase() !== NAME_PREFIX) continue;
    const key = n.name.toLowerCase();
    const seen = byName.get(key);
    if (!seen || (seen.localSheetId !== undefined && n.localSheetId === undefined))
      byName.set(key, n);
  }

  const problems: BindingProblem[] = [];
  const targets: { key: string; name: string; sheet: string; row: number; col: number }[] = [];
  for (const [key, n] of byName) {
    const ref = resolveReference(n.reference, sheets);
    if (ref.ok) targets.push({ key, name: n.name, ...ref });
    else problems.push({ name: n.name, problem: ref.problem, reference: n.reference });
  }

  const sharedStrings = parseSharedStrings(parts.get("xl/sharedStrings.xml") ?? "");
  const cells = new Map<string, BoundCell>();
  for (const [index, sheet] of sheets.entries()) {
    const onSheet = targets.filter((t) => t.sheet === sheet);
    if (onSheet.length === 0) continue;
    const relId = sheetRelIds[index];
    const xml = relId !== undefined ? parts.get(rels.get(relId) ?? "") : undefined;
    if (xml === undefined) {
      for (const t of onSheet)
        problems.push({ name: t.name, problem: "broken", reference: byName.get(t.key)?.reference });
      continue;
    }
    const stored = readSheetCells(xml, onSheet);
    for (const t of onSheet) {
      const address = `${sheet}!${a1(t.row, t.col)}`;
      let raw = rawFromStored(storedCellAt(stored, t.row, t.col), sharedStrings);
      if (raw === "uncalculated") {
        notes.push({
          name: t.name,
          address,
          message: `${address}（${t.name}）是公式，但文件中没有保存计算结果，按空白读取；请在电子表格软件中打开并保存后再校验`,
          messageEn: `${address} (${t.name}) is a formula without a saved result and reads as blank; open and save the file in a spreadsheet program first`,
        });
        raw = { type: "blank" };
      }
      cells.set(t.key, { raw: date1904 ? to1900System(t.key, raw) : raw, address });
    }
  }
  for (const name of ALL_TEMPLATE_NAMES)
    if (!byName.has(name.toLowerCase())) problems.push({ name, problem: "missing" });
  return { cells, problems };
}

/** The report date of a 1904-system workbook, as the 1900-system serial the rest of the reader expects. */
function to1900System(key: string, raw: RawCell): RawCell {
  return key === META_NAMES.date.toLowerCase() && raw.type === "number"
    ? { type: "number", value: raw.value + DAYS_1900_TO_1904 }
    : raw;
}
