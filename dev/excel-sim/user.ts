/**
 * A person at the keyboard (outside Office.js). Each action is what Excel's UI would do, checked as the UI
 * checks it (protected cells, data validation with a Stop alert, merged cells), and fires the events Excel
 * fires: typing into one cell gives an onChanged with `details`; a paste gives one event for the whole
 * block without `details`. Every method returns false, with the reason in `lastRefusal`, when Excel would
 * refuse. `{ remote: true }` acts as a coauthor: events say `source: "Remote"` and the action does not go
 * on this user's undo stack.
 */
import { type Area, parseAddress } from "./address";
import type { SimCore } from "./core";
import { SimOfficeError, simError } from "./errors";
import type { ProtectionOptions, SheetModel } from "./workbook-model";

export interface UserOptions {
  /** act as a coauthor on another machine */
  remote?: boolean;
}

export interface Refusal {
  /** Office error code of the check that refused ("AccessDenied" for protection …) or "ValidationStop" */
  code: string;
  message: string;
  /** The stop alert's title (a data validation's error title), where the refusal is one. */
  title?: string;
}

/** A refusal that is not an Office.js error (the UI's own dialogs). */
class Refused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly title?: string
  ) {
    super(message);
  }
}

export class SimUser {
  /** Why the last refused action was refused; undefined after a successful one. */
  lastRefusal?: Refusal;

  constructor(private readonly core: SimCore) {}

  private get model() {
    return this.core.model;
  }

  private act(opts: UserOptions | undefined, fn: () => void, undoable = true): boolean {
    const remote = opts?.remote === true;
    const record = undoable && !remote;
    if (record) this.core.undo.begin();
    try {
      this.model.withOrigin({ kind: "user", remote }, fn);
      if (record) this.core.undo.commit(true);
      this.lastRefusal = undefined;
      return true;
    } catch (e) {
      if (record) this.core.undo.discard();
      this.lastRefusal =
        e instanceof Refused
          ? { code: e.code, message: e.message, ...(e.title ? { title: e.title } : {}) }
          : e instanceof SimOfficeError
            ? { code: e.code, message: e.message }
            : { code: "GeneralException", message: String(e) };
      return false;
    }
  }

  private locate(sheetName: string, address: string): { sheet: SheetModel; area: Area } {
    const sheet = this.model.requireSheet(sheetName);
    const parsed = parseAddress(address);
    if (!parsed) throw simError("InvalidArgument", `'${address}' is not an address.`);
    return { sheet, area: parsed.area };
  }

  /**
   * Types `value` into a cell (a string starting with "=" is a formula; other strings are read as Excel
   * reads typing). Typing into a merged area goes to its top-left cell. A value that fails the cell's
   * validation with a Stop alert is refused; Warning/Information alerts are accepted (the user clicks Yes/OK).
   */
  setValue(
    sheetName: string,
    address: string,
    value: string | number | boolean,
    opts?: UserOptions
  ): boolean {
    return this.act(opts, () => {
      const { sheet, area } = this.locate(sheetName, address);
      const merge = this.model.mergedAreaAt(sheet, area.row, area.col);
      const cell: Area = merge
        ? { row: merge.row, col: merge.col, rowCount: 1, colCount: 1 }
        : { ...area, rowCount: 1, colCount: 1 };
      this.checkValidation(sheet, cell, value);
      this.model.writeCells(sheet, cell, [[value]], "values");
    });
  }

  /** Tries the entry without telling anyone, then reverts it, to see whether validation accepts it. */
  private checkValidation(sheet: SheetModel, cell: Area, value: unknown): void {
    const m = this.model;
    const rec = m.rules.dvAt(sheet, cell.row, cell.col);
    if (!rec || !rec.errorAlert.showAlert || rec.errorAlert.style !== "Stop") return;
    let ok = true;
    m.muted(() => {
      const raw = m.snapshot(sheet, cell);
      const fmt = sheet.formats.get(cell.row, cell.col);
      m.writeCells(sheet, cell, [[value]], "values");
      ok = m.rules.isValid(rec, sheet, cell.row, cell.col, m.value(sheet, cell.row, cell.col));
      m.unchecked(() => m.restore(sheet, cell, raw));
      if (fmt) sheet.formats.set(cell.row, cell.col, fmt);
      else sheet.formats.delete(cell.row, cell.col);
    });
    if (!ok) {
      const msg =
        rec.errorAlert.message ||
        "This value doesn't match the data validation restrictions defined for this cell.";
      throw new Refused("ValidationStop", msg, rec.errorAlert.title || "Microsoft Excel");
    }
  }

  /** A paste of a block: one event, no `details`; data validation does not apply (Excel's paste bypasses it). */
  setValues(
    sheetName: string,
    address: string,
    values: (string | number | boolean | null)[][],
    opts?: UserOptions
  ): boolean {
    return this.act(opts, () => {
      const { sheet, area } = this.locate(sheetName, address);
      this.model.writeCells(sheet, area, values, "values");
    });
  }

  /** The Delete key on a selection: contents only. */
  clear(sheetName: string, address: string, opts?: UserOptions): boolean {
    return this.act(opts, () => {
      const { sheet, area } = this.locate(sheetName, address);
      this.model.clear(sheet, area, "Contents");
    });
  }

  insertRows(sheetName: string, rowIndex: number, count = 1, opts?: UserOptions): boolean {
    return this.act(opts, () =>
      this.model.insertRows(this.model.requireSheet(sheetName), rowIndex, count)
    );
  }

  deleteRows(sheetName: string, rowIndex: number, count = 1, opts?: UserOptions): boolean {
    return this.act(opts, () =>
      this.model.deleteRows(this.model.requireSheet(sheetName), rowIndex, count)
    );
  }

  renameSheet(oldName: string, newName: string, opts?: UserOptions): boolean {
    return this.act(opts, () => this.model.renameSheet(this.model.requireSheet(oldName), newName));
  }

  /** Not undoable in Excel: clears the undo stack. */
  deleteSheet(name: string, opts?: UserOptions): boolean {
    return this.act(opts, () => this.model.deleteSheet(this.model.requireSheet(name)), false);
  }

  /** Excel cannot undo inserting a sheet either. */
  addSheet(name?: string, opts?: UserOptions): boolean {
    return this.act(opts, () => void this.model.addSheet(name), false);
  }

  /** Review › Protect Sheet. Not undoable (clears the undo stack). */
  protect(sheetName: string, options?: Partial<ProtectionOptions>, password?: string): boolean {
    return this.act(
      undefined,
      () => this.model.protect(this.model.requireSheet(sheetName), options, password),
      false
    );
  }

  /** Review › Unprotect Sheet (with the password when one was set). Not undoable. */
  unprotect(sheetName: string, password?: string): boolean {
    return this.act(
      undefined,
      () => this.model.unprotect(this.model.requireSheet(sheetName), password),
      false
    );
  }

  select(sheetName: string, address: string): boolean {
    return this.act(
      undefined,
      () => {
        const { sheet, area } = this.locate(sheetName, address);
        this.model.select(sheet, area);
      },
      false
    );
  }

  /** Ctrl+Z: reverts the last step (a user action or an add-in's sync); fires onChanged for what it restores. */
  undo(): boolean {
    return this.core.undo.undo();
  }

  /** The user starts typing in a cell: batches fail with InvalidOperationInCellEditMode unless delayForCellEdit. */
  enterCellEdit(): void {
    this.core.enterCellEdit();
  }

  /** Leaves cell-edit mode; delayed batches run now. */
  exitCellEdit(): void {
    this.core.exitCellEdit();
  }
}
