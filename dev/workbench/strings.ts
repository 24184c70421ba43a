/** The workbench's own words (the pane brings its own), in the display language chosen for the sim. */
export interface WorkbenchStrings {
  title: string;
  note: string;
  insertRow: string;
  deleteRow: string;
  renameSheet: string;
  undo: string;
  nothingToUndo: string;
  language: string;
  reloadPane: string;
  paneTitle: string;
  gridLabel: (sheet: string) => string;
  sheetsLabel: string;
  renameLabel: string;
  editorLabel: (address: string) => string;
  formulaBarLabel: string;
  syncs: (n: number) => string;
  stopRetry: string;
  stopCancel: string;
}

export const WORKBENCH_STRINGS: Record<"zh-CN" | "en-US", WorkbenchStrings> = {
  "zh-CN": {
    title: "nianbao 工作台",
    note: "模拟的 Excel 工作簿（公式由 HyperFormula 计算），右侧为正式构建的任务窗格",
    insertRow: "插入行",
    deleteRow: "删除行",
    renameSheet: "重命名工作表",
    undo: "撤销",
    nothingToUndo: "没有可撤销的操作",
    language: "显示语言",
    reloadPane: "重新加载任务窗格",
    paneTitle: "任务窗格",
    gridLabel: (sheet) => `工作表 ${sheet}`,
    sheetsLabel: "工作表",
    renameLabel: "新的工作表名称",
    editorLabel: (address) => `编辑单元格 ${address}`,
    formulaBarLabel: "编辑栏",
    syncs: (n) => `context.sync() 共 ${n} 次`,
    stopRetry: "重试",
    stopCancel: "取消",
  },
  "en-US": {
    title: "nianbao workbench",
    note: "A simulated Excel workbook (formulas by HyperFormula) beside the production task pane",
    insertRow: "Insert row",
    deleteRow: "Delete row",
    renameSheet: "Rename sheet",
    undo: "Undo",
    nothingToUndo: "Nothing to undo",
    language: "Display language",
    reloadPane: "Reload task pane",
    paneTitle: "Task pane",
    gridLabel: (sheet) => `Sheet ${sheet}`,
    sheetsLabel: "Sheets",
    renameLabel: "New sheet name",
    editorLabel: (address) => `Edit cell ${address}`,
    formulaBarLabel: "Formula bar",
    syncs: (n) => `${n} context.sync() calls`,
    stopRetry: "Retry",
    stopCancel: "Cancel",
  },
};
