/**
 * The workbench's spreadsheet grid: the simulated workbook's active sheet as an HTML table (column letters,
 * row numbers, merged cells, values and formula results through their number formats, fills, fonts,
 * borders, conditional-format colours, the selection), and a person's actions on it, each through
 * `sim.user` so that the pane sees Excel's events: typing (cell-edit mode while the editor is open),
 * Delete, paste of a tab-separated block, Ctrl+Z, selecting cells and sheets, renaming a sheet.
 */
import {
  memo,
  type ClipboardEvent as ReactClipboardEvent,
  type CSSProperties,
  type KeyboardEvent as ReactKeyboardEvent,
  useEffect,
  useRef,
  useState,
} from "react";
import { type Area, cellA1, columnLetters, formatArea, parseAddress } from "../excel-sim/address";
import type { CellInfo, Sim } from "../excel-sim";
import { StopAlert } from "./stop-alert";
import type { WorkbenchStrings } from "./strings";

const PX_PER_PT = 4 / 3;
const SELECTION = "#217346";
/** At most this long between a change and the grid drawing it, idle or not. */
const GRID_PAINT_WAIT_MS = 100;

interface Editing {
  row: number;
  col: number;
  text: string;
}

/** An entry the cell's validation refused, with the alert's words. */
interface Stopped extends Editing {
  title: string;
  message: string;
}

export interface GridProps {
  sim: Sim;
  t: WorkbenchStrings;
  /** Reports a refusal (Excel's dialog) or clears it. */
  onMessage: (message: string | undefined) => void;
  renaming: boolean;
  onRenamed: () => void;
}

/** Memoised: the workbench draws again on every sync (its counter); the grid only when its props change. */
export const Grid = memo(function Grid({ sim, t, onMessage, renaming, onRenamed }: GridProps) {
  const [, setVersion] = useState(0);
  // Drawn again once the page is idle: the task pane (same thread, in the iframe) first reads the change and
  // shows its findings, instead of waiting for the whole sheet to be drawn.
  useEffect(() => {
    let pending: number | undefined;
    const stop = sim.subscribe(() => {
      pending ??= requestIdleCallback(
        () => {
          pending = undefined;
          setVersion((v) => v + 1);
        },
        { timeout: GRID_PAINT_WAIT_MS }
      );
    });
    return () => {
      stop();
      if (pending !== undefined) cancelIdleCallback(pending);
    };
  }, [sim]);
  const [editing, setEditingState] = useState<Editing>();
  const [stopped, setStopped] = useState<Stopped>();
  // The editor's blur also ends an edit: the ref makes sure an entry is committed once.
  const editRef = useRef<Editing>();
  const setEditing = (e: Editing | undefined) => {
    editRef.current = e;
    setEditingState(e);
  };
  const anchor = useRef<{ row: number; col: number }>();
  const dragging = useRef(false);
  const container = useRef<HTMLDivElement>(null);

  // The grid may be drawn a moment after a change: handlers read the sheet, selection and merges live.
  const { sheet, selected, merges, mergeAt } = liveView(sim);

  const refuse = (ok: boolean) => onMessage(ok ? undefined : sim.user.lastRefusal?.message);

  const select = (area: Area) => {
    const { sheet, mergeAt } = liveView(sim);
    // Selecting part of a merged cell selects all of it, as in Excel.
    const m = area.rowCount === 1 && area.colCount === 1 ? mergeAt(area.row, area.col) : undefined;
    sim.user.select(sheet, formatArea(m ?? area));
  };
  const selectCell = (row: number, col: number, extend: boolean) => {
    if (extend && anchor.current) {
      const a = anchor.current;
      select({
        row: Math.min(a.row, row),
        col: Math.min(a.col, col),
        rowCount: Math.abs(a.row - row) + 1,
        colCount: Math.abs(a.col - col) + 1,
      });
    } else {
      anchor.current = { row, col };
      select({ row, col, rowCount: 1, colCount: 1 });
    }
  };

  const startEdit = (row: number, col: number, text?: string) => {
    if (editRef.current) return;
    const { sheet } = liveView(sim);
    const info = sim.inspect.cell(sheet, cellA1(row, col));
    sim.user.enterCellEdit();
    setEditing({ row, col, text: text ?? editText(info) });
  };
  const finishEdit = (commit: boolean, move?: "down" | "right") => {
    const current = editRef.current;
    if (!current) return;
    const { row, col, text } = current;
    const { sheet, mergeAt } = liveView(sim);
    setEditing(undefined);
    if (commit) {
      const address = cellA1(row, col);
      const had = sim.inspect.cell(sheet, address).value !== "";
      if (text !== "") {
        const ok = sim.user.setValue(sheet, address, text);
        const refusal = sim.user.lastRefusal;
        if (!ok && refusal?.code === "ValidationStop") {
          // Excel's stop alert: the entry waits for 重试 or 取消; the selection does not move.
          sim.user.exitCellEdit();
          setStopped({ row, col, text, title: refusal.title ?? "", message: refusal.message });
          return;
        }
        refuse(ok);
      } else if (had) refuse(sim.user.clear(sheet, address));
    }
    // Leaving cell-edit mode lets the add-in's delayed batches run, after the entry.
    sim.user.exitCellEdit();
    if (move) {
      const m = mergeAt(row, col);
      if (move === "down") selectCell(m ? m.row + m.rowCount : row + 1, col, false);
      else selectCell(row, m ? m.col + m.colCount : col + 1, false);
    }
    container.current?.focus();
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (editing || renaming || e.target !== container.current) return;
    const { sheet, selected, mergeAt } = liveView(sim);
    const { row, col } = anchor.current ?? { row: selected.row, col: selected.col };
    const mod = e.ctrlKey || e.metaKey;
    const move = (dr: number, dc: number) => {
      e.preventDefault();
      const m = mergeAt(row, col);
      const r = dr > 0 && m ? m.row + m.rowCount : row + dr;
      const c = dc > 0 && m ? m.col + m.colCount : col + dc;
      const target = { row: Math.max(0, r), col: Math.max(0, c) };
      if (e.shiftKey && !(e.key === "Enter" || e.key === "Tab")) {
        const a = anchor.current ?? target;
        const end = {
          row: Math.max(
            0,
            (a.row === selected.row ? selected.row + selected.rowCount - 1 : selected.row) + dr
          ),
          col: Math.max(
            0,
            (a.col === selected.col ? selected.col + selected.colCount - 1 : selected.col) + dc
          ),
        };
        select({
          row: Math.min(a.row, end.row),
          col: Math.min(a.col, end.col),
          rowCount: Math.abs(a.row - end.row) + 1,
          colCount: Math.abs(a.col - end.col) + 1,
        });
      } else selectCell(target.row, target.col, false);
    };
    if (mod && e.key.toLowerCase() === "z") {
      e.preventDefault();
      onMessage(sim.user.undo() ? undefined : t.nothingToUndo);
    } else if (e.key === "ArrowDown" || (e.key === "Enter" && !e.shiftKey)) move(1, 0);
    else if (e.key === "ArrowUp" || (e.key === "Enter" && e.shiftKey)) move(-1, 0);
    else if (e.key === "ArrowRight" || (e.key === "Tab" && !e.shiftKey)) move(0, 1);
    else if (e.key === "ArrowLeft" || (e.key === "Tab" && e.shiftKey)) move(0, -1);
    else if (e.key === "F2") {
      e.preventDefault();
      startEdit(selected.row, selected.col);
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      refuse(sim.user.clear(sheet, formatArea(selected)));
    } else if (e.key.length === 1 && !mod && !e.altKey) {
      // Typing replaces the cell's content, as in Excel.
      e.preventDefault();
      startEdit(selected.row, selected.col, e.key);
    }
  };

  const onPaste = (e: ReactClipboardEvent<HTMLDivElement>) => {
    if (editing || e.target !== container.current) return;
    const text = e.clipboardData.getData("text/plain");
    if (!text) return;
    e.preventDefault();
    const { sheet, selected } = liveView(sim);
    const rows = parseTsv(text);
    const width = Math.max(...rows.map((r) => r.length));
    const values = rows.map((r) => [...r, ...new Array<string>(width - r.length).fill("")]);
    const area = { row: selected.row, col: selected.col, rowCount: rows.length, colCount: width };
    // A paste is one event for the whole block, without details (sim.user.setValues).
    refuse(sim.user.setValues(sheet, formatArea(area), values));
    if (sim.user.lastRefusal === undefined) select(area);
  };

  const onCopy = (e: ReactClipboardEvent<HTMLDivElement>) => {
    if (editing || e.target !== container.current) return;
    e.preventDefault();
    const { sheet, selected } = liveView(sim);
    const texts = sim.inspect.texts(sheet, formatArea(selected));
    e.clipboardData.setData("text/plain", texts.map((r) => r.join("\t")).join("\r\n"));
  };

  // Extent: the used range (formats count) and a margin, at least a screenful.
  const used = sim.inspect.usedRange(sheet);
  const usedArea = used ? parseAddress(used)!.area : undefined;
  const rowCount = Math.max(30, usedArea ? usedArea.row + usedArea.rowCount + 10 : 0);
  const colCount = Math.max(12, usedArea ? usedArea.col + usedArea.colCount + 2 : 0);
  const widths = sim.inspect.columnWidths(sheet, colCount).slice(0, colCount);
  const heights = sim.inspect.rowHeights(sheet, rowCount).slice(0, rowCount);
  const covered = new Set<string>();
  for (const m of merges)
    for (let r = m.row; r < m.row + m.rowCount; r++)
      for (let c = m.col; c < m.col + m.colCount; c++)
        if (r !== m.row || c !== m.col) covered.add(`${r},${c}`);

  return (
    <div className="wb-grid-area">
      <FormulaBar sim={sim} sheet={sheet} selected={selected} t={t} onMessage={onMessage} />
      <div
        ref={container}
        className="wb-grid-scroll"
        tabIndex={0}
        role="grid"
        aria-label={t.gridLabel(sheet)}
        data-testid="grid"
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onCopy={onCopy}
        onMouseUp={() => (dragging.current = false)}
      >
        <table className="wb-grid">
          <colgroup>
            <col style={{ width: 40 }} />
            {widths.map((w, c) => (
              <col key={c} style={{ width: Math.round(w * PX_PER_PT) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="wb-corner" />
              {widths.map((_, c) => (
                <th
                  key={c}
                  scope="col"
                  className={
                    c >= selected.col && c < selected.col + selected.colCount ? "wb-head-sel" : ""
                  }
                >
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heights.map((h, r) => (
              <tr key={r} style={{ height: Math.round(h * PX_PER_PT) }}>
                <th
                  scope="row"
                  className={
                    r >= selected.row && r < selected.row + selected.rowCount ? "wb-head-sel" : ""
                  }
                >
                  {r + 1}
                </th>
                {widths.map((_, c) => {
                  if (covered.has(`${r},${c}`)) return null;
                  const address = cellA1(r, c);
                  const info = sim.inspect.cell(sheet, address);
                  const m = mergeAt(r, c);
                  const area = m ?? { row: r, col: c, rowCount: 1, colCount: 1 };
                  const isEditing = editing && editing.row === r && editing.col === c;
                  return (
                    <td
                      key={c}
                      role="gridcell"
                      data-address={address}
                      rowSpan={m?.rowCount}
                      colSpan={m?.colCount}
                      aria-selected={overlaps(selected, area)}
                      style={cellStyle(info, selected, area)}
                      onMouseDown={(e) => {
                        if (isEditing) return;
                        e.preventDefault();
                        container.current?.focus();
                        dragging.current = true;
                        selectCell(r, c, e.shiftKey);
                      }}
                      onMouseEnter={(e) => {
                        if (dragging.current && e.buttons === 1) selectCell(r, c, true);
                      }}
                      onDoubleClick={() => startEdit(r, c)}
                    >
                      {isEditing ? (
                        <input
                          className="wb-editor"
                          aria-label={t.editorLabel(address)}
                          autoFocus
                          value={editing.text}
                          onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                          onKeyDown={(e) => {
                            if (e.key === "Enter") {
                              e.preventDefault();
                              finishEdit(true, "down");
                            } else if (e.key === "Tab") {
                              e.preventDefault();
                              finishEdit(true, "right");
                            } else if (e.key === "Escape") {
                              e.preventDefault();
                              finishEdit(false);
                            }
                          }}
                          onBlur={() => finishEdit(true)}
                        />
                      ) : (
                        info.text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {stopped && (
        <StopAlert
          t={t}
          title={stopped.title}
          message={stopped.message}
          onRetry={() => {
            setStopped(undefined);
            startEdit(stopped.row, stopped.col, stopped.text);
          }}
          onCancel={() => {
            setStopped(undefined);
            container.current?.focus();
          }}
        />
      )}
      <SheetTabs
        sim={sim}
        t={t}
        active={sheet}
        renaming={renaming}
        onRenamed={onRenamed}
        onMessage={onMessage}
      />
    </div>
  );
});

function FormulaBar({
  sim,
  sheet,
  selected,
  t,
  onMessage,
}: {
  sim: Sim;
  sheet: string;
  selected: Area;
  t: WorkbenchStrings;
  onMessage: (m: string | undefined) => void;
}) {
  const address = cellA1(selected.row, selected.col);
  const info = sim.inspect.cell(sheet, address);
  const shown = editText(info);
  const [draft, setDraft] = useState<string>();
  return (
    <div className="wb-formula-bar">
      <span className="wb-name-box" data-testid="name-box">
        {formatArea(selected)}
      </span>
      <input
        aria-label={t.formulaBarLabel}
        value={draft ?? shown}
        onFocus={() => {
          sim.user.enterCellEdit();
          setDraft(shown);
        }}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") (e.target as HTMLInputElement).blur();
          if (e.key === "Escape") {
            setDraft(shown);
            (e.target as HTMLInputElement).blur();
          }
        }}
        onBlur={() => {
          if (draft !== undefined && draft !== shown) {
            const ok =
              draft === ""
                ? sim.user.clear(sheet, address)
                : sim.user.setValue(sheet, address, draft);
            onMessage(ok ? undefined : sim.user.lastRefusal?.message);
          }
          setDraft(undefined);
          sim.user.exitCellEdit();
        }}
      />
    </div>
  );
}

function SheetTabs({
  sim,
  t,
  active,
  renaming,
  onRenamed,
  onMessage,
}: {
  sim: Sim;
  t: WorkbenchStrings;
  active: string;
  renaming: boolean;
  onRenamed: () => void;
  onMessage: (m: string | undefined) => void;
}) {
  const [draft, setDraft] = useState(active);
  useEffect(() => setDraft(active), [active, renaming]);
  const commit = () => {
    if (draft.trim() !== "" && draft !== active)
      onMessage(sim.user.renameSheet(active, draft) ? undefined : sim.user.lastRefusal?.message);
    onRenamed();
  };
  return (
    <div className="wb-tabs" role="tablist" aria-label={t.sheetsLabel}>
      {sim.inspect
        .sheets()
        .filter((s) => s.visibility === "Visible")
        .map((s) =>
          renaming && s.name === active ? (
            <input
              key={s.id}
              className="wb-tab-editor"
              aria-label={t.renameLabel}
              autoFocus
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") commit();
                if (e.key === "Escape") onRenamed();
              }}
              onBlur={commit}
            />
          ) : (
            <button
              key={s.id}
              type="button"
              role="tab"
              aria-selected={s.name === active}
              className={s.name === active ? "wb-tab wb-tab-active" : "wb-tab"}
              onClick={() => s.name !== active && sim.user.select(s.name, "A1")}
            >
              {s.name}
            </button>
          )
        )}
    </div>
  );
}

/** The active sheet, its selection (A1 when unreadable) and merged areas, as the workbook has them now. */
function liveView(sim: Sim) {
  const sheet = sim.inspect.activeSheet();
  const selected: Area = parseAddress(sim.inspect.selection().address)?.area ?? {
    row: 0,
    col: 0,
    rowCount: 1,
    colCount: 1,
  };
  const merges = sim.inspect.mergedAreas(sheet).map((a) => parseAddress(a)!.area);
  const mergeAt = (row: number, col: number) =>
    merges.find(
      (m) => row >= m.row && row < m.row + m.rowCount && col >= m.col && col < m.col + m.colCount
    );
  return { sheet, selected, merges, mergeAt };
}

/** What the editor starts with (F2, double-click, the formula bar): the formula, or the value as typed. */
function editText(info: CellInfo): string {
  if (info.formula !== undefined) return info.formula;
  if (typeof info.value === "number" && /[ymd]/i.test(info.numberFormat.replace(/"[^"]*"/g, "")))
    return info.text;
  if (typeof info.value === "boolean") return info.value ? "TRUE" : "FALSE";
  return String(info.value);
}

function overlaps(a: Area, b: Area): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.col < b.col + b.colCount &&
    b.col < a.col + a.colCount
  );
}

const BORDER = "1px solid #404040";

function cellStyle(info: CellInfo, selected: Area, area: Area): CSSProperties {
  const fill = info.conditionalFill ?? info.fill ?? undefined;
  const align =
    info.horizontalAlignment === "General"
      ? typeof info.value === "number"
        ? "right"
        : typeof info.value === "boolean"
          ? "center"
          : "left"
      : info.horizontalAlignment === "Center" ||
          info.horizontalAlignment === "CenterAcrossSelection"
        ? "center"
        : info.horizontalAlignment === "Right"
          ? "right"
          : "left";
  const style: CSSProperties = {
    backgroundColor: fill,
    color: info.conditionalFontColor ?? info.fontColor,
    fontWeight: info.bold ? 700 : 400,
    fontStyle: info.italic ? "italic" : undefined,
    fontSize: `${info.fontSize}pt`,
    textAlign: align,
    verticalAlign:
      info.verticalAlignment === "Top"
        ? "top"
        : info.verticalAlignment === "Center"
          ? "middle"
          : "bottom",
    whiteSpace: info.wrapText ? "pre-wrap" : "pre",
    borderTop: info.borders.top ? BORDER : undefined,
    borderBottom: info.borders.bottom ? BORDER : undefined,
    borderLeft: info.borders.left ? BORDER : undefined,
    borderRight: info.borders.right ? BORDER : undefined,
  };
  if (overlaps(selected, area)) {
    const active =
      area.row <= selected.row &&
      selected.row < area.row + area.rowCount &&
      area.col <= selected.col &&
      selected.col < area.col + area.colCount;
    style.backgroundImage = active
      ? undefined
      : "linear-gradient(rgba(33,115,70,0.16), rgba(33,115,70,0.16))";
    const edges: string[] = [];
    if (area.row === selected.row || active) edges.push(`inset 0 2px 0 ${SELECTION}`);
    if (area.row + area.rowCount === selected.row + selected.rowCount || active)
      edges.push(`inset 0 -2px 0 ${SELECTION}`);
    if (area.col === selected.col || active) edges.push(`inset 2px 0 0 ${SELECTION}`);
    if (area.col + area.colCount === selected.col + selected.colCount || active)
      edges.push(`inset -2px 0 0 ${SELECTION}`);
    style.boxShadow = edges.join(", ");
  }
  return style;
}

/** Tab-separated lines as Excel and other spreadsheets put them on the clipboard (quoted fields allowed). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  const body = text.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  while (i < body.length) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === "\t") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
    i++;
  }
  row.push(field);
  rows.push(row);
  return rows;
}
