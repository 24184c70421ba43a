/** The words of 汇总下级报告 (Compile reports), Chinese first, kept beside the panel that uses them. */
import type { Lang } from "./i18n";

const zh = {
  title: "汇总下级报告",
  intro:
    "选择同一年度、同一格式的多份报告（JSON、用本模板填写的工作簿 .xlsx、已发布的网页或文本），核对后把各项数字的合计写入当前模板；文字部分不变，由汇总单位自行填写。",
  chooseFiles: "选择要汇总的报告文件（可多选）",
  reading: "正在读取…",
  agency: "机关",
  year: "年度",
  format: "格式",
  status: "状态",
  file: "文件",
  actions: "操作",
  valid: "✔ 无错误",
  errors: (n: number) => `✖ ${n} 个错误`,
  unreadable: "无法读取",
  blanks: (n: number) => `空白 ${n} 个`,
  showFindings: "查看问题",
  hideFindings: "收起",
  remove: "移除",
  noFindings: "未发现问题。",
  allowDuplicates: "允许同一机关出现多次",
  allowErrors: "允许计入有错误的报告（其错误随汇总记录）",
  blankAsZero: "来源中的空白按 0 计入（默认：任一来源空白，合计即为空白）",
  removeUnreadable: "请先移除无法读取的文件。",
  compile: "汇总并写入当前模板",
  refused: "未汇总：",
  confirm: (n: number, cells: number, overwrites: number) =>
    `将把 ${n} 份报告的合计写入当前模板的 ${cells} 个数字单元格` +
    (overwrites > 0 ? `，其中 ${overwrites} 个已填写的单元格会被改写` : "") +
    "；文字部分不变。继续吗？",
  confirmButton: "写入合计",
  done: (n: number) => `已写入 ${n} 份报告的合计。`,
  blanksLeft: (n: number) => `合计留空的单元格 ${n} 个（有来源空白或无法读取）：`,
  zeroed: (n: number) => `按 0 计入的空白单元格 ${n} 个：`,
  compiledFrom: (n: number, year: number, format: string) =>
    `本工作簿的数字由 ${n} 份报告汇总而成（${year} 年度，${format} 格式）：`,
  sourceLine: (agency: string, file: string, sha: string) =>
    `${agency} — ${file}（SHA-256 ${sha}）`,
  sourceErrors: (n: number) => `，含 ${n} 个错误`,
  notListed: (n: number) => `另有 ${n} 份来源未在此列出`,
};

type AggregateStrings = typeof zh;

const en: AggregateStrings = {
  title: "Compile reports",
  intro:
    "Choose several reports of one year and format (JSON, workbooks made from this template, published web pages or text); after checking them, the sums of every figure are written into the current template. The narrative parts are left as they are, for the compiling agency to write.",
  chooseFiles: "Choose the reports to compile (several at once)",
  reading: "Reading…",
  agency: "Agency",
  year: "Year",
  format: "Format",
  status: "Status",
  file: "File",
  actions: "Actions",
  valid: "✔ no errors",
  errors: (n) => `✖ ${n} error(s)`,
  unreadable: "Unreadable",
  blanks: (n) => `${n} blank`,
  showFindings: "Findings",
  hideFindings: "Hide",
  remove: "Remove",
  noFindings: "Nothing found.",
  allowDuplicates: "Allow the same agency more than once",
  allowErrors: "Admit reports with errors (their errors are recorded with the sum)",
  blankAsZero: "Count blanks in a source as 0 (default: blank in any source, blank in the sum)",
  removeUnreadable: "Remove the unreadable files first.",
  compile: "Compile into the current template",
  refused: "Not compiled:",
  confirm: (n, cells, overwrites) =>
    `The sums of ${n} report(s) will be written into ${cells} number cells of the current template` +
    (overwrites > 0 ? `, changing ${overwrites} filled cell(s)` : "") +
    "; the narrative parts are not touched. Continue?",
  confirmButton: "Write the sums",
  done: (n) => `The sums of ${n} report(s) were written.`,
  blanksLeft: (n) => `${n} cell(s) left blank in the sum (blank or unreadable in a source):`,
  zeroed: (n) => `${n} blank cell(s) counted as 0:`,
  compiledFrom: (n, year, format) =>
    `The figures of this workbook are the sums of ${n} report(s) (${year}, format ${format}):`,
  sourceLine: (agency, file, sha) => `${agency} — ${file} (SHA-256 ${sha})`,
  sourceErrors: (n) => `, with ${n} error(s)`,
  notListed: (n) => `${n} more source(s) not listed here`,
};

export const AGGREGATE_STRINGS: Record<Lang, AggregateStrings> = { zh, en };
