/**
 * Volume-licensed Office through 2019 runs add-ins in Internet Explorer 11 (Trident) or Edge Legacy
 * (EdgeHTML). The pane does not run there; this says so in plain Chinese and points to what still works.
 * Compiled to ES5 with the entry (see webpack.config.js), so those webviews can run it.
 */

/** Chromium Edge says "Edg/", which is not matched: only EdgeHTML says "Edge/". */
export function isLegacyWebview(userAgent: string): boolean {
  return userAgent.indexOf("Trident") !== -1 || userAgent.indexOf("Edge/") !== -1;
}

const LEGACY_MESSAGE = `
<div style="font-family:'Microsoft YaHei','SimSun',sans-serif;font-size:14px;line-height:1.7;padding:12px">
  <h1 style="font-size:16px;margin:0 0 8px">政府信息公开年报助手</h1>
  <p>此版本的 Office 用旧式浏览器组件（Internet Explorer 或旧版 Edge）显示加载项，本任务窗格无法在其中运行。</p>
  <p>在这台电脑上仍然可以：</p>
  <ol>
    <li>用命令行 <code>nianbao template</code> 生成带自检功能的年报模板（.xlsx），直接在 Excel 中填写：数字对不上、漏填或填了非数字的单元格会自动标色。</li>
    <li>用命令行 <code>nianbao validate 报告.json</code> 校验报告文件，逐条列出问题及其数字。</li>
  </ol>
  <p>升级到 Microsoft 365 或 Office 2021 及以上版本后，即可使用本任务窗格。</p>
</div>`;

export function showLegacyMessage(root: HTMLElement): void {
  root.innerHTML = LEGACY_MESSAGE;
}

export function showLoadFailure(root: HTMLElement, detail: string): void {
  root.textContent = `任务窗格加载失败，请关闭后重新打开。（${detail}）`;
}
