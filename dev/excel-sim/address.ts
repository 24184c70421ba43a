/**
 * A1 addresses: parsing what `getRange` accepts and formatting what `Range.address` returns. Indexes are
 * 0-based internally, as `Range.rowIndex` / `columnIndex` are in Office.js.
 */

/** Column letters from a 0-based index (0 → A, 26 → AA); the simulator stands apart from the code it tests. */
export function columnLetters(col: number): string {
  return col < 26
    ? String.fromCharCode(65 + col)
    : columnLetters(Math.floor(col / 26) - 1) + String.fromCharCode(65 + (col % 26));
}

/** The 0-based index of column letters (A → 0, AA → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** A rectangle of cells (0-based). */
export interface Area {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

export interface ParsedAddress {
  sheet?: string;
  area: Area;
}

/** A cell reference such as `B3` or `$B$3`, or undefined when out of Excel's grid. */
export function parseCell(text: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text);
  if (!m) return undefined;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (row < 0 || row >= MAX_ROWS || col < 0 || col >= MAX_COLS) return undefined;
  return { row, col };
}

function parseColumn(text: string): number | undefined {
  const m = /^\$?([A-Za-z]{1,3})$/.exec(text);
  if (!m) return undefined;
  const col = columnIndex(m[1]);
  return col >= 0 && col < MAX_COLS ? col : undefined;
}

function parseRow(text: string): number | undefined {
  const m = /^\$?(\d{1,7})$/.exec(text);
  if (!m) return undefined;
  const row = Number(m[1]) - 1;
  return row >= 0 && row < MAX_ROWS ? row : undefined;
}

/** Splits `'My sheet'!A1` / `Sheet1!A1` into sheet and the rest; quotes inside quoted names are doubled. */
export function splitSheet(text: string): { sheet?: string; rest: string } {
  const t = text.trim();
  if (t.startsWith("'")) {
    const q = readQuotedSheet(t, 0);
    return q ? { sheet: q.sheet, rest: t.slice(q.next) } : { rest: t };
  }
  const bang = t.lastIndexOf("!");
  if (bang > 0) return { sheet: t.slice(0, bang), rest: t.slice(bang + 1) };
  return { rest: t };
}

/**
 * Reads a quoted sheet prefix (`'Q1 ''24'!` for Q1 '24) whose opening quote is `s[start]`: the name
 * and the index after the "!", or undefined when the quote is not closed or no "!" follows it.
 */
export function readQuotedSheet(
  s: string,
  start: number
): { sheet: string; next: number } | undefined {
  let i = start + 1;
  let name = "";
  while (i < s.length) {
    if (s[i] === "'") {
      if (s[i + 1] === "'") {
        name += "'";
        i += 2;
        continue;
      }
      break;
    }
    name += s[i++];
  }
  return s[i] === "'" && s[i + 1] === "!" ? { sheet: name, next: i + 2 } : undefined;
}

/**
 * Parses the addresses `getRange` accepts: `B3`, `B3:D5`, `$B$3`, `A:C` (entire columns), `3:5` (entire
 * rows), optionally sheet-qualified. Corners may be given in any order, as Excel allows. Undefined when
 * the text is not an address (it may still be a defined name).
 */
export function parseAddress(text: string): ParsedAddress | undefined {
  const { sheet, rest } = splitSheet(text);
  const parts = rest.split(":");
  if (parts.length === 1) {
    const c = parseCell(parts[0]);
    return c ? { sheet, area: { row: c.row, col: c.col, rowCount: 1, colCount: 1 } } : undefined;
  }
  if (parts.length !== 2) return undefined;
  const [a, b] = parts;
  const ca = parseCell(a);
  const cb = parseCell(b);
  if (ca && cb) {
    const row = Math.min(ca.row, cb.row);
    const col = Math.min(ca.col, cb.col);
    return {
      sheet,
      area: {
        row,
        col,
        rowCount: Math.abs(ca.row - cb.row) + 1,
        colCount: Math.abs(ca.col - cb.col) + 1,
      },
    };
  }
  const colA = parseColumn(a);
  const colB = parseColumn(b);
  if (colA !== undefined && colB !== undefined) {
    const col = Math.min(colA, colB);
    return {
      sheet,
      area: { row: 0, col, rowCount: MAX_ROWS, colCount: Math.abs(colA - colB) + 1 },
    };
  }
  const rowA = parseRow(a);
  const rowB = parseRow(b);
  if (rowA !== undefined && rowB !== undefined) {
    const row = Math.min(rowA, rowB);
    return {
      sheet,
      area: { row, col: 0, rowCount: Math.abs(rowA - rowB) + 1, colCount: MAX_COLS },
    };
  }
  return undefined;
}

export function isEntireRows(a: Area): boolean {
  return a.col === 0 && a.colCount === MAX_COLS;
}

export function isEntireColumns(a: Area): boolean {
  return a.row === 0 && a.rowCount === MAX_ROWS;
}

export function cellA1(row: number, col: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetters(col)}${d}${row + 1}`;
}

/** `B3`, `B3:D5`, `3:5` for entire rows, `A:C` for entire columns: the forms `Range.address` uses. */
export function formatArea(a: Area, absolute = false): string {
  const d = absolute ? "$" : "";
  if (isEntireRows(a) && !isEntireColumns(a)) return `${d}${a.row + 1}:${d}${a.row + a.rowCount}`;
  if (isEntireColumns(a) && !isEntireRows(a)) {
    return `${d}${columnLetters(a.col)}:${d}${columnLetters(a.col + a.colCount - 1)}`;
  }
  const start = cellA1(a.row, a.col, absolute);
  if (a.rowCount === 1 && a.colCount === 1) return start;
  return `${start}:${cellA1(a.row + a.rowCount - 1, a.col + a.colCount - 1, absolute)}`;
}

/**
 * Excel writes a sheet name bare when it reads as one identifier (letters of any script, digits, `_`,
 * `.`) that does not start with a digit and cannot be mistaken for a cell reference; otherwise it quotes
 * it and doubles inner quotes: `'年报 2024'!B3`, `'2024年度年报'!B3`. ⚠ Bare non-ASCII names (e.g. `汇总!B3`)
 * follow the same rule in Excel as far as observed, but this was not confirmed against Excel's source.
 */
export function quoteSheetName(name: string): string {
  const bare =
    /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) &&
    parseCell(name) === undefined &&
    !/^(R\d*C?\d*|C\d*)$/i.test(name) &&
    !/^(TRUE|FALSE)$/i.test(name);
  return bare ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheetName: string, a: Area, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${formatArea(a, absolute)}`;
}

export function areaContains(a: Area, row: number, col: number): boolean {
  return row >= a.row && row < a.row + a.rowCount && col >= a.col && col < a.col + a.colCount;
}

export function areaContainsArea(outer: Area, inner: Area): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rowCount <= outer.row + outer.rowCount &&
    inner.col + inner.colCount <= outer.col + outer.colCount
  );
}

export function intersect(a: Area, b: Area): Area | undefined {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const colEnd = Math.min(a.col + a.colCount, b.col + b.colCount);
  return rowEnd > row && colEnd > col
    ? { row, col, rowCount: rowEnd - row, colCount: colEnd - col }
    : undefined;
}

/** `a` minus `b` as up to four rectangles (above, below, left, right of the overlap). */
export function subtract(a: Area, b: Area): Area[] {
  const x = intersect(a, b);
  if (!x) return [a];
  const out: Area[] = [];
  if (x.row > a.row)
    out.push({ row: a.row, col: a.col, rowCount: x.row - a.row, colCount: a.colCount });
  const aEnd = a.row + a.rowCount;
  const xEnd = x.row + x.rowCount;
  if (xEnd < aEnd) out.push({ row: xEnd, col: a.col, rowCount: aEnd - xEnd, colCount: a.colCount });
  if (x.col > a.col)
    out.push({ row: x.row, col: a.col, rowCount: x.rowCount, colCount: x.col - a.col });
  const aColEnd = a.col + a.colCount;
  const xColEnd = x.col + x.colCount;
  if (xColEnd < aColEnd)
    out.push({ row: x.row, col: xColEnd, rowCount: x.rowCount, colCount: aColEnd - xColEnd });
  return out;
}

export function cellCount(a: Area): number {
  return a.rowCount * a.colCount;
}

/**
 * How an area moves when `count` rows are inserted before row `at`: areas below shift down; an area the
 * insertion point falls inside grows (Excel's rule for names, merges, conditional formats).
 */
export function shiftAreaForInsert(a: Area, at: number, count: number): Area {
  let { row, rowCount } = a;
  if (row >= at) row += count;
  else if (at < row + rowCount) rowCount += count;
  // rows pushed past the sheet's last row fall off, as in Excel
  row = Math.min(row, MAX_ROWS - 1);
  rowCount = Math.max(1, Math.min(rowCount, MAX_ROWS - row));
  return { ...a, row, rowCount };
}

/** How an area shrinks when rows `[at, at + count)` are deleted; undefined when all its rows go. */
export function shiftAreaForDelete(a: Area, at: number, count: number): Area | undefined {
  const end = a.row + a.rowCount;
  const overlap = Math.max(0, Math.min(end, at + count) - Math.max(a.row, at));
  const rowCount = a.rowCount - overlap;
  if (rowCount <= 0) return undefined;
  const row = a.row >= at + count ? a.row - count : a.row >= at ? at : a.row;
  return { ...a, row, rowCount };
}
