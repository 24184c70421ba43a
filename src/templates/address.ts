/** A1 addresses from 0-based row/column indexes, and sheet-qualified references as Excel writes them. */

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(letters: string): number {
  return (
    letters
      .toUpperCase()
      .split("")
      .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
  );
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export interface Area {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

export function areaAddress(a: Area): string {
  const start = a1(a.row, a.col);
  return a.rowCount === 1 && a.colCount === 1
    ? start
    : `${start}:${a1(a.row + a.rowCount - 1, a.col + a.colCount - 1)}`;
}

/** A sheet name as a formula writes it: quoted when it is not a plain identifier ('年报 2024'!A1). */
function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function absoluteReference(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!$${columnLetters(col)}$${row + 1}`;
}

/** Parses "B3" (or "$B$3") into 0-based indexes; undefined for anything else. */
export function parseA1(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return undefined;
  const row = Number(m[2]) - 1;
  const col = columnIndex(m[1]);
  if (row < 0 || row >= 1048576 || col >= 16384) return undefined;
  return { row, col };
}
