/**
 * The workbench page: the simulated Excel workbook as an editable grid on the left, the production task
 * pane (dist/taskpane.html, in workbench.html's iframe) on the right. The pane's office.js is replaced by
 * office-bridge.js, which takes `Office`, `Excel` and `OfficeExtension` from `window.__nianbaoSim` here,
 * so the pane's own bundle runs untouched against this workbook and reacts to the grid's edits through
 * Excel's events. The pane starts loading with this page; this script tells it when the simulator exists.
 *
 *   ?lang=en-US        Office's display language (default zh-CN); the language menu reloads the pane
 *   ?api=1.6           the highest ExcelApi requirement set supported (default 1.17)
 *   ?platform=Mac      Office.context.platform: PC (default), Mac or OfficeOnline
 */
import { StrictMode, useCallback, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { createSimulatedExcel, type Sim } from "../excel-sim";
import { Grid } from "./grid";
import { WORKBENCH_STRINGS } from "./strings";

declare global {
  interface Window {
    /** Read by office-bridge.js in the pane's iframe, and by the Playwright tests. */
    __nianbaoSim?: Sim;
  }
}

type Lang = keyof typeof WORKBENCH_STRINGS;
const params = new URLSearchParams(location.search);
const initialLang: Lang = params.get("lang")?.toLowerCase().startsWith("en") ? "en-US" : "zh-CN";
const platform = (["PC", "Mac", "OfficeOnline"] as const).find((p) => p === params.get("platform"));
const sim = createSimulatedExcel({
  requirementSets: { ExcelApi: params.get("api") ?? "1.17" },
  platform: platform ?? "PC",
  displayLanguage: initialLang,
});
window.__nianbaoSim = sim;
// office-bridge.js in the pane's iframe (loading since the page started) waits for this
window.dispatchEvent(new Event("nianbao-sim"));

const paneFrame = () => document.getElementById("wb-pane") as HTMLIFrameElement;
/** A fresh iframe, as when Excel opens the add-in again (the old pane's window goes with the old one). */
function reloadPane() {
  const old = paneFrame();
  old.replaceWith(old.cloneNode());
}

/** No longer than this before the workbench is drawn, whether the pane has read the workbook or not. */
const DRAW_WAIT_MS = 2000;

/**
 * Calls `done` once the pane has read the workbook (its first sync) and the page is idle, so that drawing
 * the workbench (a large table) comes after the pane's first screen instead of before it on the page's one
 * thread (the iframe shares it).
 */
function afterPaneStart(done: () => void): void {
  const deadline = performance.now() + DRAW_WAIT_MS;
  const wait = () =>
    requestIdleCallback(() => {
      if (sim.syncCount > 0 || performance.now() > deadline) done();
      else wait();
    });
  wait();
}

function Workbench() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [message, setMessage] = useState<string>();
  const [renaming, setRenaming] = useState(false);
  const [syncs, setSyncs] = useState(sim.syncCount);
  // Stable, so that the grid (memoised) is not drawn again when only the sync counter changes.
  const onRenamed = useCallback(() => setRenaming(false), []);
  useEffect(() => sim.subscribe(() => setSyncs(sim.syncCount)), []);
  const t = WORKBENCH_STRINGS[lang];
  useEffect(() => {
    paneFrame().title = t.paneTitle;
  }, [t]);

  const switchLanguage = (next: Lang) => {
    // Office's display language is fixed while an add-in runs: change it, then load the pane again.
    sim.Office.context.displayLanguage = next;
    sim.Office.context.contentLanguage = next;
    const url = new URL(location.href);
    url.searchParams.set("lang", next);
    history.replaceState(null, "", url);
    document.documentElement.lang = next;
    setLang(next);
    reloadPane();
  };
  const rows = () => {
    const sel = sim.inspect.selection();
    const m = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/.exec(sel.address);
    const first = m ? Number(m[1]) - 1 : 0;
    const last = m && m[2] ? Number(m[2]) - 1 : first;
    return { sheet: sel.sheet, first, count: last - first + 1 };
  };
  const act = (ok: boolean) => setMessage(ok ? undefined : sim.user.lastRefusal?.message);

  return (
    <>
      <div className="wb-toolbar" role="toolbar" aria-label={t.title}>
        <strong className="wb-title" title={t.note}>
          {t.title}
        </strong>
        <button
          type="button"
          onClick={() => {
            const r = rows();
            act(sim.user.insertRows(r.sheet, r.first, r.count));
          }}
        >
          {t.insertRow}
        </button>
        <button
          type="button"
          onClick={() => {
            const r = rows();
            act(sim.user.deleteRows(r.sheet, r.first, r.count));
          }}
        >
          {t.deleteRow}
        </button>
        <button type="button" onClick={() => setRenaming(true)}>
          {t.renameSheet}
        </button>
        <button
          type="button"
          onClick={() => setMessage(sim.user.undo() ? undefined : t.nothingToUndo)}
        >
          {t.undo}
        </button>
        <label className="wb-lang">
          {t.language}{" "}
          <select value={lang} onChange={(e) => switchLanguage(e.target.value as Lang)}>
            <option value="zh-CN">中文 (zh-CN)</option>
            <option value="en-US">English (en-US)</option>
          </select>
        </label>
        <button type="button" onClick={reloadPane}>
          {t.reloadPane}
        </button>
        <span className="wb-syncs" data-testid="sync-count">
          {t.syncs(syncs)}
        </span>
      </div>
      <div className="wb-message" role="status" aria-live="polite">
        {message ?? ""}
      </div>
      <Grid sim={sim} t={t} onMessage={setMessage} renaming={renaming} onRenamed={onRenamed} />
    </>
  );
}

document.documentElement.lang = initialLang;
paneFrame().title = WORKBENCH_STRINGS[initialLang].paneTitle;
afterPaneStart(() =>
  createRoot(document.getElementById("workbench")!).render(
    <StrictMode>
      <Workbench />
    </StrictMode>
  )
);
