/**
 * Volume-licensed Office through 2019 runs add-ins in Internet Explorer 11 (Trident) or Edge Legacy
 * (EdgeHTML). The pane does not run there; this says so in plain Chinese and points to what still works.
 * Compiled to ES5 with the entry (see webpack.config.js), so those webviews can run it.
 */
import LEGACY_TEMPLATES from "./legacy-templates.json";

/** Chromium Edge says "Edg/", which is not matched: only EdgeHTML says "Edge/". */
export function isLegacyWebview(userAgent: string): boolean {
  return userAgent.indexOf("Trident") !== -1 || userAgent.indexOf("Edge/") !== -1;
}

/** The blank templates the build writes beside the pane (webpack.config.js reads the same list). */
const TEMPLATE_LABELS: Record<string, string> = {
  "2021": "2021 版格式（2021 年度起）",
  "2019": "2019 版格式（2019、2020 年度）",
};

function templateLinks(): string {
  return LEGACY_TEMPLATES.map(
    (t) =>
      `<li><a href="${t.file}" download>下载空白年报模板：${TEMPLATE_LABELS[t.format]}</a></li>`
  ).join("");
}

function legacyMessage(): string {
  return `
<div style="font-family:'Microsoft YaHei','SimSun',sans-serif;font-size:14px;line-height:1.7;padding:12px">
  <h1 style="font-size:16px;margin:0 0 8px">政府信息公开年报助手</h1>
  <p>此版本的 Office 用旧式浏览器组件（Internet Explorer 或旧版 Edge）显示加载项，本任务窗格无法在其中运行。</p>
  <p>请改用带自检功能的年报模板：</p>
  <ul>${templateLinks()}</ul>
  <p>下载后用 Excel 打开，在黄色单元格中填写；数字对不上、漏填或填了非数字的单元格会自动标色，“校验”工作表逐项显示 ✔ 或 ✖，不需要本加载项。</p>
  <p>信息化部门也可用命令行 <code>nianbao validate</code> 批量校验填好的工作簿。升级到 Microsoft 365 或 Office 2021 及以上版本后，即可使用本任务窗格。</p>
</div>`;
}

export function showLegacyMessage(root: HTMLElement): void {
  root.innerHTML = legacyMessage();
}

export function showLoadFailure(root: HTMLElement, detail: string): void {
  root.textContent = `任务窗格加载失败，请关闭后重新打开。（${detail}）`;
}
