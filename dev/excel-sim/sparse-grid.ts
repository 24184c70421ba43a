/** A sparse row → column → value map that can shift whole rows, for per-cell formats and validation. */
import { type Area, MAX_ROWS } from "./address";

export class SparseGrid<T> {
  private rows = new Map<number, Map<number, T>>();

  get(row: number, col: number): T | undefined {
    return this.rows.get(row)?.get(col);
  }

  set(row: number, col: number, value: T): void {
    let r = this.rows.get(row);
    if (!r) this.rows.set(row, (r = new Map()));
    r.set(col, value);
  }

  delete(row: number, col: number): void {
    const r = this.rows.get(row);
    if (!r) return;
    r.delete(col);
    if (r.size === 0) this.rows.delete(row);
  }

  *entries(): Generator<[number, number, T]> {
    for (const [row, cols] of this.rows) for (const [col, v] of cols) yield [row, col, v];
  }

  *inArea(a: Area): Generator<[number, number, T]> {
    const rowEnd = a.row + a.rowCount;
    const colEnd = a.col + a.colCount;
    const pick = (row: number, cols: Map<number, T>) => {
      const out: [number, number, T][] = [];
      for (const [col, v] of cols) if (col >= a.col && col < colEnd) out.push([row, col, v]);
      return out;
    };
    if (a.rowCount < this.rows.size) {
      for (let row = a.row; row < rowEnd; row++) {
        const cols = this.rows.get(row);
        if (cols) yield* pick(row, cols);
      }
    } else {
      for (const [row, cols] of this.rows) if (row >= a.row && row < rowEnd) yield* pick(row, cols);
    }
  }

  countInArea(a: Area, test: (v: T) => boolean = () => true): number {
    let n = 0;
    for (const [, , v] of this.inArea(a)) if (test(v)) n++;
    return n;
  }

  clearArea(a: Area): void {
    for (const [row, col] of [...this.inArea(a)]) this.delete(row, col);
  }

  /** Rows at or below `at` move down by `count`; rows pushed past the last row are dropped. */
  insertRows(at: number, count: number): void {
    const next = new Map<number, Map<number, T>>();
    for (const [row, cols] of this.rows) {
      const r = row >= at ? row + count : row;
      if (r < MAX_ROWS) next.set(r, cols);
    }
    this.rows = next;
  }

  /** Rows `[at, at + count)` disappear; rows below move up. */
  deleteRows(at: number, count: number): void {
    const next = new Map<number, Map<number, T>>();
    for (const [row, cols] of this.rows) {
      if (row >= at && row < at + count) continue;
      next.set(row >= at + count ? row - count : row, cols);
    }
    this.rows = next;
  }

  rowEntries(row: number): [number, T][] {
    return [...(this.rows.get(row) ?? new Map<number, T>())];
  }

  get size(): number {
    let n = 0;
    for (const cols of this.rows.values()) n += cols.size;
    return n;
  }
}
