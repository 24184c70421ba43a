/** The workbench's CSS: an Excel-like grid on the left, the task pane at its usual width on the right. */
export const STYLE = `
html, body, #workbench { margin: 0; height: 100%; }
body { font-family: "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 13px; }
.wb-root { display: flex; height: 100vh; }
.wb-left { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.wb-toolbar { display: flex; align-items: center; gap: 6px; padding: 6px 8px; background: #217346; color: #fff; flex-wrap: wrap; }
.wb-toolbar button, .wb-toolbar select { font: inherit; padding: 2px 8px; }
.wb-title { margin-right: 8px; }
.wb-syncs { margin-left: auto; opacity: 0.85; font-size: 12px; }
.wb-message { min-height: 18px; padding: 2px 8px; color: #a4262c; background: #faf9f8; border-bottom: 1px solid #e1dfdd; }
.wb-grid-area { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.wb-formula-bar { display: flex; gap: 6px; padding: 4px 8px; border-bottom: 1px solid #e1dfdd; }
.wb-formula-bar input { flex: 1; font: inherit; }
.wb-name-box { min-width: 80px; border: 1px solid #c8c6c4; padding: 1px 4px; }
.wb-grid-scroll { flex: 1; overflow: auto; outline: none; position: relative; }
.wb-grid { border-collapse: collapse; table-layout: fixed; user-select: none; }
.wb-grid th { background: #f3f2f1; color: #605e5c; font-weight: 400; font-size: 11px; border: 1px solid #d2d0ce; position: sticky; }
.wb-grid thead th { top: 0; z-index: 2; }
.wb-grid tbody th { left: 0; z-index: 1; }
.wb-grid th.wb-head-sel { background: #d2e8da; color: #217346; }
.wb-grid .wb-corner { left: 0; z-index: 3; }
.wb-grid td { border: 1px solid #e1dfdd; padding: 0 3px; overflow: hidden; text-overflow: clip; position: relative; cursor: cell; }
.wb-editor { position: absolute; inset: 0; width: 100%; box-sizing: border-box; font: inherit; border: 2px solid #217346; z-index: 4; }
.wb-tabs { display: flex; gap: 2px; padding: 2px 8px; background: #f3f2f1; border-top: 1px solid #d2d0ce; }
.wb-tab { font: inherit; border: 1px solid transparent; background: none; padding: 3px 12px; cursor: pointer; }
.wb-tab-active { background: #fff; border-color: #d2d0ce; border-bottom: 2px solid #217346; color: #217346; font-weight: 600; }
.wb-tab-editor { font: inherit; width: 160px; }
.wb-alert-backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.2); display: flex; align-items: center; justify-content: center; z-index: 10; }
.wb-alert { background: #fff; border: 1px solid #8a8886; box-shadow: 0 4px 16px rgba(0,0,0,.3); padding: 12px 16px; min-width: 280px; max-width: 420px; }
.wb-alert-title { font-weight: 600; margin-bottom: 8px; }
.wb-alert-icon { color: #a4262c; margin-right: 8px; }
.wb-alert-buttons { display: flex; gap: 8px; justify-content: flex-end; }
.wb-alert-buttons button { min-width: 72px; }
.wb-pane { width: 380px; flex: none; border: none; border-left: 1px solid #c8c6c4; height: 100vh; }
`;
