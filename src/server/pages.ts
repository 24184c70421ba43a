/** The overview's HTML, in Chinese: a page frame, the login form, the year's table, one report's details. */
import type { Receipt } from "../platform/protocol";
import { escapeHtml as e } from "../render/html";
import type { FindingsDocument, Principal } from "./store";

const STYLE = `
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem auto;
    max-width: 72rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
  header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { border: 1px solid #c8c8c8; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
  th { background: #f0f0f0; }
  .status-valid { color: #0b6a0b; } .status-warnings { color: #8a5300; }
  .status-draft { color: #5c2e91; } .status-none { color: #a4262c; }
  .error { color: #a4262c; } .warning { color: #8a5300; }
  nav a, .downloads a { margin-right: 1rem; }
  form.inline { display: inline; }
  label { display: block; margin: 0.6rem 0 0.2rem; }
  input[type=text], input[type=password] { width: 24rem; max-width: 100%; padding: 0.3rem; }
  button { padding: 0.3rem 1rem; margin-top: 0.8rem; }
  .notice { background: #fde7e9; padding: 0.5rem 1rem; }
  code { font-size: 0.85em; word-break: break-all; }
`;

function page(title: string, body: string, user?: { name: string; csrf: string }): string {
  const logout = user
    ? `<form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="${e(user.csrf)}">
       <span>${e(user.name)}</span> <button type="submit">退出登录</button></form>`
    : "";
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${e(title)}</h1>${logout}</header><main>${body}</main></body></html>`;
}

export function loginPage(problem?: string): string {
  return page(
    "政府信息公开年报报送 · 管理员登录",
    `${problem ? `<p class="notice" role="alert">${e(problem)}</p>` : ""}
<form method="post" action="/login">
  <label for="name">管理员名称</label><input id="name" name="name" type="text" autocomplete="username" required>
  <label for="token">管理员令牌</label><input id="token" name="token" type="password" autocomplete="current-password" required>
  <div><button type="submit">登录</button></div>
</form>`
  );
}

export type AgencyStatus = "none" | "draft" | "warnings" | "valid";

const STATUS_TEXT: Record<AgencyStatus, string> = {
  none: "未提交",
  draft: "草稿",
  warnings: "已提交（有警告）",
  valid: "有效",
};

export interface AgencyRow {
  agency: string;
  status: AgencyStatus;
  /** The agency's report of the year (latest accepted), or else its latest draft. */
  current?: Receipt;
  versions: number;
}

/** Each agency's standing in a year, from the year's receipts: the latest accepted one counts. */
export function agencyRows(agencies: Principal[], receipts: Receipt[]): AgencyRow[] {
  return agencies.map(({ name }) => {
    const own = receipts.filter((r) => r.agency === name);
    const accepted = own.filter((r) => !r.draft);
    const latest = accepted[accepted.length - 1];
    const draft = own.filter((r) => r.draft).pop();
    const status: AgencyStatus = latest
      ? latest.summary.warnings > 0
        ? "warnings"
        : "valid"
      : draft
        ? "draft"
        : "none";
    return { agency: name, status, current: latest ?? draft, versions: own.length };
  });
}

function when(iso: string): string {
  // Shown in China Standard Time, as the offices read it.
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.toISOString().slice(0, 16).replace("T", " ")}（北京时间）`;
}

export function overviewPage(
  year: number,
  years: number[],
  rows: AgencyRow[],
  user: { name: string; csrf: string },
  aggregateLinks: string
): string {
  const counts = (s: AgencyStatus) => rows.filter((r) => r.status === s).length;
  const yearLinks = years
    .map((y) => (y === year ? `<strong>${y}</strong>` : `<a href="/overview?year=${y}">${y}</a>`))
    .join(" ");
  const body = rows
    .map((r) => {
      const c = r.current;
      return `<tr data-agency="${e(r.agency)}"><td>${e(r.agency)}</td>
  <td class="status-${r.status}">${STATUS_TEXT[r.status]}</td>
  <td>${c ? when(c.receivedAt) : ""}</td>
  <td>${c ? `错误 ${c.summary.errors} · 警告 ${c.summary.warnings}` : ""}</td>
  <td>${c ? `<a href="/overview/reports/${e(c.id)}">查看</a> · <a href="/overview/reports/${e(c.id)}/report.html">报告</a> · <a href="/overview/reports/${e(c.id)}/report.xlsx">工作簿</a>` : ""}</td>
  <td>${r.versions}</td></tr>`;
    })
    .join("\n");
  return page(
    `${year} 年度政府信息公开工作年度报告报送情况`,
    `<nav>年度：${yearLinks}</nav>
<p>共 ${rows.length} 个单位：有效 ${counts("valid")}，已提交（有警告）${counts("warnings")}，草稿 ${counts("draft")}，未提交 ${counts("none")}。</p>
<table><thead><tr><th scope="col">单位</th><th scope="col">状态</th><th scope="col">提交时间</th>
<th scope="col">校验</th><th scope="col">查看</th><th scope="col">版本数</th></tr></thead><tbody>
${body}
</tbody></table>
<p class="downloads">下载本年度各单位的报告（每单位最新一次已接受的提交）：
<a href="/overview/${year}/reports.jsonl">JSON Lines</a>
<a href="/overview/${year}/workbooks.zip">工作簿（.zip）</a>
<a href="/overview/${year}/reports.jsonl?all=1">含全部历史版本（JSON Lines）</a></p>
${aggregateLinks}`,
    user
  );
}

export function reportPage(
  receipt: Receipt,
  findings: FindingsDocument,
  history: Receipt[],
  user: { name: string; csrf: string }
): string {
  const items = findings.findings
    .map(
      (f) =>
        `<li class="${f.severity}">${f.severity === "error" ? "错误" : "警告"}：${e(f.message)}
  <br><code>${f.cells.map(e).join(" ")}</code></li>`
    )
    .join("\n");
  const versions = history
    .map(
      (r) =>
        `<li>${r.id === receipt.id ? "<strong>本版本</strong> " : ""}<a href="/overview/reports/${e(r.id)}">${when(r.receivedAt)}</a>
  ${r.draft ? "（草稿）" : ""} 错误 ${r.summary.errors} · 警告 ${r.summary.warnings}</li>`
    )
    .join("\n");
  return page(
    `${receipt.agency} · ${receipt.year} 年度报告`,
    `<nav><a href="/overview?year=${receipt.year}">返回 ${receipt.year} 年度</a></nav>
<table><tbody>
<tr><th scope="row">回执编号</th><td><code>${e(receipt.id)}</code></td></tr>
<tr><th scope="row">提交时间</th><td>${when(receipt.receivedAt)}</td></tr>
<tr><th scope="row">格式</th><td>${e(receipt.format)} 版</td></tr>
<tr><th scope="row">状态</th><td>${receipt.draft ? "草稿（不计为已提交）" : "已接受"}</td></tr>
<tr><th scope="row">SHA-256</th><td><code>${e(receipt.sha256)}</code></td></tr>
</tbody></table>
<p class="downloads"><a href="/overview/reports/${e(receipt.id)}/report.html">可发布的网页版报告</a>
<a href="/overview/reports/${e(receipt.id)}/report.json">JSON</a>
<a href="/overview/reports/${e(receipt.id)}/report.xlsx">工作簿</a></p>
<h2>校验结果：错误 ${findings.summary.errors}，警告 ${findings.summary.warnings}</h2>
${items ? `<ul>${items}</ul>` : "<p>未发现问题。</p>"}
<h2>本单位本年度的全部提交</h2><ul>${versions}</ul>`,
    user
  );
}
