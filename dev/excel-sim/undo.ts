/**
 * The undo stack. Excel records one undo step per user action and one per `context.sync()` of an add-in
 * (since ExcelApi 1.20 `mergeUndoGroup` can merge a run's syncs); some operations cannot be undone and
 * clear the stack (protect/unprotect, deleting a sheet — Microsoft's undo-capabilities list).
 *
 * Simplification: an undo step restores cell contents (values and formulas) and row structure; formats,
 * names, rules and merges changed by that step are not restored. A step that changed only formats is
 * still recorded, so `undo()` then restores nothing — the user's earlier edit is not undone in its place.
 */
import type { RawContent, UndoPart, WorkbookModel } from "./workbook-model";

export class UndoManager {
  private stack: UndoPart[][] = [];
  private open: UndoPart[] | null = null;
  private barrier = false;
  private replaying = false;

  constructor(private readonly model: WorkbookModel) {
    model.subscribe((e) => {
      if (this.replaying) return;
      if (e.type === "undo" && this.open) this.open.push(e.part);
      if (e.type === "undoBarrier") {
        this.stack = [];
        this.barrier = true;
      }
    });
  }

  begin(): void {
    this.open = [];
    this.barrier = false;
  }

  /** Closes the step; `changed` says whether the step wrote anything at all (formats included). */
  commit(changed: boolean): void {
    const parts = this.open;
    this.open = null;
    if (!parts || this.barrier) return;
    if (parts.length > 0 || changed) this.stack.push(parts);
  }

  /** Drops the open step without recording it (a coauthor's edit is not on this user's stack). */
  discard(): void {
    this.open = null;
  }

  get depth(): number {
    return this.stack.length;
  }

  clear(): void {
    this.stack = [];
  }

  /** Reverts the last step; false when there is nothing to undo. */
  undo(): boolean {
    const parts = this.stack.pop();
    if (!parts) return false;
    this.replaying = true;
    const m = this.model;
    try {
      m.withOrigin({ kind: "user", remote: false }, () =>
        m.unchecked(() => {
          for (const part of [...parts].reverse()) {
            const sheet = m.sheetById(part.sheetId);
            if (!sheet) continue;
            switch (part.kind) {
              case "cells":
                m.restore(sheet, part.area, part.before);
                break;
              case "insertRows":
                m.deleteRows(sheet, part.at, part.count);
                break;
              case "deleteRows": {
                m.insertRows(sheet, part.at, part.count);
                const width = Math.max(1, ...part.before.map((r: RawContent[]) => r.length));
                m.restore(
                  sheet,
                  { row: part.at, col: 0, rowCount: part.count, colCount: width },
                  part.before
                );
                break;
              }
              case "rename":
                m.renameSheet(sheet, part.before);
                break;
            }
          }
        })
      );
    } finally {
      this.replaying = false;
    }
    return true;
  }
}
