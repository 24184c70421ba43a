/**
 * Every string of the task pane, Chinese first and English beside it, in one place. Findings bring their
 * own words (message / messageEn from src/checks/messages.ts); these are the pane's.
 */
import type { BindingProblem } from "../report/from-cells";
import { PART_HEADINGS } from "../templates/labels";
import { FORMAT_TITLES, type FormatId } from "../templates/formats";
import type { GroupId } from "./checked";

export type Lang = "zh" | "en";

/** The pane's language from Office's display language: Chinese unless Office speaks English. */
export function langFromDisplayLanguage(displayLanguage: string | undefined): Lang {
  return displayLanguage?.toLowerCase().startsWith("en") ? "en" : "zh";
}

export type OpId =
  | "insert"
  | "open"
  | "select"
  | "fix"
  | "fillBlanks"
  | "repair"
  | "validate"
  | "export"
  | "import"
  | "previous"
  | "aggregate";

const GROUP_HEADINGS_ZH: Record<Exclude<GroupId, "meta">, string> = {
  一: PART_HEADINGS.overview,
  二: PART_HEADINGS.proactive,
  三: PART_HEADINGS.requests,
  四: PART_HEADINGS.appeals,
  五: PART_HEADINGS.problems,
  六: PART_HEADINGS.other,
};

const GROUP_HEADINGS_EN: Record<GroupId, string> = {
  meta: "Report information",
  一: "1. Overview",
  二: "2. Proactive disclosure",
  三: "3. Requests received and handled",
  四: "4. Administrative review and litigation",
  五: "5. Main problems and improvements",
  六: "6. Other matters",
};

/** 提交到平台 (only when the build names a platform: PLATFORM_URL). */
const SUBMIT_ZH = {
  title: "提交到平台",
  platform: (host: string) => `平台：${host}`,
  button: "提交到平台",
  retry: "重试",
  tokenLabel: "机关令牌（由平台管理员发放，只需输入一次）",
  tokenKept: "令牌保存在本电脑上，仅供当前用户使用，不会写入工作簿。",
  tokenSession: "此处无法在本机保存令牌：关闭任务窗格后需要重新输入。",
  forgetToken: "忘记令牌",
  tokenForgotten: "已从本机删除令牌。",
  blocked: (n: number) => `还有 ${n} 处错误或空白，改正后才能提交。`,
  submitted: (time: string, id: string) => `已于 ${time} 提交，回执 ${id}。`,
  notLatest: "未提交最新修改：提交之后表格又有改动，请再次提交。",
  latest: "工作簿中的表格与提交的内容一致。",
  repeat: "平台已收到过这份报告，这次没有重复存储。",
  receiptNotKept: (detail: string) => `回执未能保存到工作簿（${detail}），请记下回执编号。`,
  readFailed: (detail: string) => `读取工作簿失败，未提交：${detail}`,
  offline: "电脑未联网，未能提交。联网后点击“重试”；填写的内容都在工作簿中，重试不会重复提交。",
  unreachable:
    "无法连接到平台（地址不可达，或证书、网络设置有误）。请稍后点击“重试”；重试不会重复提交。",
  timeout: (s: number) =>
    `平台在 ${s} 秒内没有答复。报告可能已经送达：点击“重试”，平台会答复同一份回执，不会重复提交。`,
  unauthorized: "平台不接受这个令牌（有误或已停用），已从本机删除。请输入正确的令牌后点击“重试”。",
  notAnAgency: "这是管理员的令牌，不能提交报告，已从本机删除。请输入本单位的令牌后点击“重试”。",
  forbidden: "平台拒绝了这份报告：这个令牌无权提交它（例如报告中的机关名称与令牌所属机关不一致）。",
  invalid: (n: number) => `平台校验发现 ${n} 处问题，没有接受这份报告：`,
  tooMany: (s: number | undefined) =>
    s ? `提交过于频繁，请 ${s} 秒后点击“重试”。` : "提交过于频繁，请稍后点击“重试”。",
  server: (status: number) =>
    `平台暂时无法处理（HTTP ${status}）。请稍后点击“重试”；重试不会重复提交。`,
  refused: (status: number) => `平台拒绝了这次提交（HTTP ${status}）。`,
  badAnswer: "平台的答复无法识别（不是这份报告的回执）。请稍后重试，或联系平台管理员。",
  serverSaid: (text: string) => `平台的说明：${text}`,
};

const SUBMIT_EN: typeof SUBMIT_ZH = {
  title: "Submit to platform",
  platform: (host) => `Platform: ${host}`,
  button: "Submit to platform",
  retry: "Retry",
  tokenLabel: "Agency token (issued by the platform's administrator; asked only once)",
  tokenKept: "The token is kept on this computer for the current user only, never in the workbook.",
  tokenSession: "The token cannot be kept on this computer here: it will be asked again next time.",
  forgetToken: "Forget token",
  tokenForgotten: "The token was removed from this computer.",
  blocked: (n) => `${n} errors or blank cells remain; resolve them to submit.`,
  submitted: (time, id) => `Submitted on ${time}, receipt ${id}.`,
  notLatest: "Latest changes not submitted: the tables changed after the submission; submit again.",
  latest: "The tables in the workbook are what was submitted.",
  repeat: "The platform already had this report; nothing was stored twice.",
  receiptNotKept: (detail) =>
    `The receipt could not be kept in the workbook (${detail}); note its number.`,
  readFailed: (detail) => `The workbook could not be read; nothing was submitted: ${detail}`,
  offline:
    "This computer is offline; nothing was submitted. Click “Retry” when online; everything typed is in the workbook and a retry never submits twice.",
  unreachable:
    "The platform cannot be reached (wrong address, certificate or network settings). Click “Retry” later; a retry never submits twice.",
  timeout: (s) =>
    `The platform did not answer within ${s} seconds. The report may have arrived: click “Retry” and the platform answers with the same receipt, never storing it twice.`,
  unauthorized:
    "The platform does not accept this token (wrong or revoked); it was removed from this computer. Enter the right token and click “Retry”.",
  notAnAgency:
    "This is an administrator's token, which cannot submit reports; it was removed from this computer. Enter your agency's token and click “Retry”.",
  forbidden:
    "The platform refused this report: the token may not submit it (e.g. the report's agency is not the token's agency).",
  invalid: (n) => `The platform's checks found ${n} problems and did not accept the report:`,
  tooMany: (s) =>
    s
      ? `Too many submissions; click “Retry” in ${s} seconds.`
      : "Too many submissions; retry later.",
  server: (status) =>
    `The platform cannot handle this now (HTTP ${status}). Click “Retry” later; a retry never submits twice.`,
  refused: (status) => `The platform refused the submission (HTTP ${status}).`,
  badAnswer:
    "The platform's answer is not a receipt for this report. Retry later, or ask the platform's administrator.",
  serverSaid: (text) => `The platform says: ${text}`,
};

const zh = {
  htmlLang: "zh-CN",
  appTitle: "政府信息公开年报助手",
  otherLanguage: "English",
  otherLanguageLabel: "Switch to English",
  loading: "正在读取工作簿…",
  checking: "正在校验…",
  more: "更多操作",
  validateNow: "立即校验",
  repairNames: "修复名称",
  dismiss: "关闭",
  ops: {
    insert: "插入模板",
    open: "打开模板",
    select: "定位单元格",
    fix: "修正",
    fillBlanks: "填写空白",
    repair: "修复名称",
    validate: "校验",
    export: "导出",
    import: "导入",
    previous: "导入上年报告",
    aggregate: "汇总下级报告",
  } satisfies Record<OpId, string>,
  failed: (op: string, detail: string) => `${op}失败：${detail}`,
  readFailed: (detail: string) => `读取工作簿失败：${detail}`,
  watchFailed: "无法自动跟踪表格的更改，请在填写后点击“立即校验”。",
  unknownError: "未知错误",
  colon: "：",
  errorWithCode: (message: string, code: string) => `${message}（${code}）`,

  capsTitle: "当前 Excel 版本部分功能不可用",
  noChangeEvents: (v: string) => `当前 Excel 版本（ExcelApi ${v}）不支持更改事件，请点击“立即校验”`,
  noConditionalFormats: (v: string) =>
    `当前 Excel 版本（ExcelApi ${v}）不支持条件格式，出错的单元格不会在表格中标色，请以本窗格的列表为准`,
  noDataValidation: (v: string) =>
    `当前 Excel 版本（ExcelApi ${v}）不支持数据验证，输入非数字时不会当场提示，校验结果仍会列出`,

  insertTitle: "插入年报模板",
  year: "报告年度",
  yearHint: "报告所反映的年度，不是发布年份",
  yearInvalid: "请填写四位数的年度",
  yearTooEarly: "2019 年度以前没有统一的年报格式，本工具从 2019 年度起适用",
  yearInFuture: (max: number) => `年度不能晚于 ${max} 年`,
  agency: "机关名称",
  agencyHint: "与报告标题一致，例如“某市某局”",
  agencyRequired: "请填写机关名称",
  agencyTooLong: (n: number) => `机关名称不能超过 100 个字（现为 ${n} 个）`,
  format: "报告格式",
  formatOption: (id: FormatId) => `${id} 版（${FORMAT_TITLES[id].issuedBy}）`,
  formatDiffers: (year: number, expected: FormatId, chosen: FormatId) =>
    `注意：${year} 年度应使用 ${expected} 版格式（${FORMAT_TITLES[expected].issuedBy}），您选择了 ${chosen} 版。除非上级机关另有要求，请使用 ${expected} 版。`,
  insertButton: "插入模板",
  templateExists: (sheet: string) => `本工作簿已有年报模板（工作表“${sheet}”），未作任何改动。`,
  sheetExists: (sheet: string) =>
    `本工作簿已有名为“${sheet}”的工作表，未作任何改动。请将该工作表改名或删除后再插入。`,
  open: "打开",

  sheetInfo: (sheet: string, format: FormatId, year: number, agency: string) =>
    `工作表“${sheet}” · ${format} 版格式 · ${agency || "（未填机关名称）"} ${year} 年度`,
  summaryTitle: "校验结果",
  errorCount: (n: number) => `错误 ${n} 处`,
  warningCount: (n: number) => `提示 ${n} 处`,
  blankCount: (n: number) => `空白 ${n} 个`,
  noErrors: "未发现错误",
  blanksReminder: (n: number) =>
    `还有 ${n} 个单元格空白。空白不等于 0：没有发生的事项请填 0。“填写空白”把空白的总计填为各项之和，其余空白填 0，不改动已填的数。`,
  fillBlanks: "填写空白",
  incompleteCount: (n: number) => `${n} 项核对待填完后进行`,
  leftBlankTitle: (n: number) => `以下 ${n} 个总计不会自动填写：`,
  showBlanks: (n: number) => `查看空白单元格（${n}）`,
  hideBlanks: "隐藏空白单元格",
  blanksTitle: "空白单元格",

  findingsTitle: "需要处理的问题",
  noFindings: "没有需要处理的问题。",
  groupTitle: (id: GroupId) => (id === "meta" ? "报告信息" : GROUP_HEADINGS_ZH[id]),
  severity: { error: "错误", warning: "提示" },
  numbers: (expected: string, actual: string) => `应为 ${expected}，实为 ${actual}`,
  cellAt: (address: string) => `单元格 ${address}`,
  fixTo: (v: string) => `改为 ${v}`,
  fixLabel: (v: string, where: string) => `将 ${where} 改为 ${v}`,

  problemsTitle: "模板的名称需要修复",
  problemsIntro:
    "下列名称缺失或失效，校验结果可能不完整。修复会按模板重新建立名称，不会改动已填写的内容。",
  problem: (p: BindingProblem) =>
    p.problem === "missing"
      ? `名称 ${p.name} 不存在`
      : p.problem === "broken"
        ? `名称 ${p.name} 已失效（${p.reference ?? "#REF!"}）`
        : `名称 ${p.name} 不是单个单元格（${p.reference ?? ""}）`,
  moreItems: (n: number) => `另有 ${n} 项未列出`,
  repair: "修复",
  repaired: (n: number) => `已修复 ${n} 个名称。`,
  repairFailed: (n: number) => `${n} 个名称未能修复：`,
  unreadableTitle: "无法读取年报模板",

  exportTitle: "导出",
  exportJson: "导出 JSON",
  draft: "导出草稿（仍有错误时也导出）",
  exportRefused: (n: number) =>
    `还有 ${n} 处错误或空白，不能导出正式报告。请先处理下列问题，或勾选“导出草稿”。`,
  draftNotice: (n: number) => `这是草稿：仍有 ${n} 处错误或空白，不能作为正式报告报送。`,
  exportDone: (name: string) => `已生成 ${name}`,
  download: (name: string) => `下载 ${name}`,
  noDownload: (name: string) =>
    `此版本的 Excel 不支持从任务窗格下载文件。请点击“复制”，将文本粘贴到记事本等编辑器中，保存为 ${name}。`,
  jsonLabel: "报告 JSON（只读）",
  copy: "复制",
  copied: "已复制到剪贴板。",
  copyFailed: "无法访问剪贴板：请点击文本框，按 Ctrl+A 全选后按 Ctrl+C 复制（Mac 为 ⌘A、⌘C）。",

  importTitle: "导入报告",
  importFile: "选择报告文件（JSON、工作簿 .xlsx、网页、文本、PDF 或 Word）",
  importPaste: "或粘贴报告（JSON 或网页上复制的全文）",
  importNotes: "读取时的说明（读不出的单元格留空，未作猜测）：",
  importPasteButton: "导入粘贴的文本",
  importProblems: "无法读取这份报告，未作任何改动：",
  wrongFormat: (imported: FormatId, template: FormatId) =>
    `这份报告是 ${imported} 版格式，而本工作簿的模板是 ${template} 版格式，不能导入，未作任何改动。`,
  confirmOverwrite: (n: number) => `导入将覆盖 ${n} 个已填写且内容不同的单元格。继续吗？`,
  confirmImport: "覆盖并导入",
  cancel: "取消",
  imported: (n: number) => `已导入 ${n} 个单元格和文字部分。`,
  metaDiffers: (agency: string, year: number) =>
    `注意：导入的报告是 ${agency} ${year} 年度的；模板的年度和机关名称没有改动。`,
  readFileFailed: "无法读取该文件。",
  exportHtml: "导出网页",
  exportWord: "导出 Word",
  previewTitle: "报告预览",
  noDownloadWord:
    "此处（Mac 版 Excel）无法直接下载 Word 文件：请在网页版或 Windows 版 Excel 中导出，或使用命令行 nianbao export … --to docx。",
  previousTitle: "导入上年报告",
  previousIntro:
    "用于跨年核对（二、上年结转 = 上年的 四、结转下年度继续办理；现行有效件数）。上年报告保存在本工作簿中。可选择上年导出的 JSON、上年用本模板填写的工作簿（.xlsx），或已发布的年报（网页、复制的文本、PDF 或 Word）。",
  previousFile: "选择上年报告文件（JSON、工作簿 .xlsx、网页、文本、PDF 或 Word）",
  previousPaste: "或粘贴上年报告（JSON 或网页上复制的全文）",
  previousPasteButton: "导入粘贴的上年报告",
  previousKept: (agency: string, year: number, format: string) =>
    `已导入上年报告：${agency} ${year} 年度（格式 ${format}），跨年核对已启用。`,
  previousWrongYear: (year: number, expected: number) =>
    `这份报告是 ${year} 年度的，不是 ${expected} 年度；仍已保存，但跨年核对会提示年度不符。`,
  previousNotes: "以下内容未能读取或已按原文换算：",
  previousUnreadable: "无法读取这份上年报告，未作任何改动：",
  previousRemove: "移除上年报告",
  prefillCarryOver: "用上年“结转下年度继续办理”预填“二、上年结转”",
  confirmPrefill: (n: number) => `预填将改动 ${n} 个已填写且数值不同的单元格。继续吗？`,
  prefilled: (n: number) => `已预填 ${n} 个单元格。`,
  prefillNothing: "“二、上年结转”已与上年报告一致，无需预填。",
  submit: SUBMIT_ZH,
};

export type Strings = typeof zh;

const en: Strings = {
  htmlLang: "en-US",
  appTitle: "Disclosure Annual Report Helper",
  otherLanguage: "中文",
  otherLanguageLabel: "切换到中文",
  loading: "Reading the workbook…",
  checking: "Checking…",
  more: "More actions",
  validateNow: "Validate now",
  repairNames: "Repair names",
  dismiss: "Dismiss",
  ops: {
    insert: "Inserting the template",
    open: "Opening the template",
    select: "Selecting the cell",
    fix: "Fixing",
    fillBlanks: "Filling blanks",
    repair: "Repairing names",
    validate: "Validating",
    export: "Exporting",
    import: "Importing",
    previous: "Importing last year's report",
    aggregate: "Compiling reports",
  },
  failed: (op, detail) => `${op} failed: ${detail}`,
  readFailed: (detail) => `Reading the workbook failed: ${detail}`,
  watchFailed:
    "Changes to the sheet cannot be followed automatically; click “Validate now” after editing.",
  unknownError: "unknown error",
  colon: ": ",
  errorWithCode: (message, code) => `${message} (${code})`,

  capsTitle: "Some functions are unavailable in this Excel version",
  noChangeEvents: (v) =>
    `This Excel version (ExcelApi ${v}) has no change events; click “Validate now”`,
  noConditionalFormats: (v) =>
    `This Excel version (ExcelApi ${v}) has no conditional formats; cells in error are not coloured, rely on the list in this pane`,
  noDataValidation: (v) =>
    `This Excel version (ExcelApi ${v}) has no data validation; typing a non-number is not stopped at once, but it is still listed`,

  insertTitle: "Insert the report template",
  year: "Report year",
  yearHint: "The year reported on, not the year of publication",
  yearInvalid: "Enter a four-digit year",
  yearTooEarly: "There is no uniform format before 2019; this tool applies from report year 2019",
  yearInFuture: (max) => `The year cannot be later than ${max}`,
  agency: "Agency",
  agencyHint: "As in the report's title",
  agencyRequired: "Enter the agency's name",
  agencyTooLong: (n) => `The agency's name may have at most 100 characters (it has ${n})`,
  format: "Format",
  formatOption: (id) => `${id} format (${FORMAT_TITLES[id].issuedBy})`,
  formatDiffers: (year, expected, chosen) =>
    `Note: report year ${year} uses the ${expected} format (${FORMAT_TITLES[expected].issuedBy}); you chose ${chosen}. Use ${expected} unless your supervising body says otherwise.`,
  insertButton: "Insert template",
  templateExists: (sheet) =>
    `This workbook already has a report template (sheet “${sheet}”); nothing was changed.`,
  sheetExists: (sheet) =>
    `This workbook already has a sheet named “${sheet}”; nothing was changed. Rename or delete it, then insert again.`,
  open: "Open",

  sheetInfo: (sheet, format, year, agency) =>
    `Sheet “${sheet}” · ${format} format · ${agency || "(no agency)"} ${year}`,
  summaryTitle: "Validation",
  errorCount: (n) => `${n} ${n === 1 ? "error" : "errors"}`,
  warningCount: (n) => `${n} ${n === 1 ? "warning" : "warnings"}`,
  blankCount: (n) => `${n} blank`,
  noErrors: "No errors found",
  blanksReminder: (n) =>
    `${n} ${n === 1 ? "cell is" : "cells are"} still blank. Blank is not 0: enter 0 where nothing happened. “Fill blanks” puts the sum of its parts into a blank total and 0 into every other blank, and changes no filled cell.`,
  fillBlanks: "Fill blanks",
  incompleteCount: (n) =>
    `${n} ${n === 1 ? "check waits" : "checks wait"} until their cells are filled`,
  leftBlankTitle: (n) =>
    `${n === 1 ? "This total is" : `These ${n} totals are`} not filled in automatically:`,
  showBlanks: (n) => `Show blank cells (${n})`,
  hideBlanks: "Hide blank cells",
  blanksTitle: "Blank cells",

  findingsTitle: "Findings to resolve",
  noFindings: "Nothing to resolve.",
  groupTitle: (id) => GROUP_HEADINGS_EN[id],
  severity: { error: "Error", warning: "Warning" },
  numbers: (expected, actual) => `expected ${expected}, actual ${actual}`,
  cellAt: (address) => `Cell ${address}`,
  fixTo: (v) => `Change to ${v}`,
  fixLabel: (v, where) => `Change to ${v}: ${where}`,

  problemsTitle: "Names of the template need repair",
  problemsIntro:
    "These names are missing or broken, so validation may be incomplete. Repair re-creates them from the template without changing what was typed.",
  problem: (p) =>
    p.problem === "missing"
      ? `Name ${p.name} is missing`
      : p.problem === "broken"
        ? `Name ${p.name} is broken (${p.reference ?? "#REF!"})`
        : `Name ${p.name} is not a single cell (${p.reference ?? ""})`,
  moreItems: (n) => `${n} more not listed`,
  repair: "Repair",
  repaired: (n) => `Repaired ${n} names.`,
  repairFailed: (n) => `${n} names could not be repaired:`,
  unreadableTitle: "The report template cannot be read",

  exportTitle: "Export",
  exportJson: "Export JSON",
  draft: "Export a draft (even with errors)",
  exportRefused: (n) =>
    `${n} errors or blank cells remain, so the report cannot be exported. Resolve them, or tick “Export a draft”.`,
  draftNotice: (n) =>
    `This is a draft: ${n} errors or blank cells remain; do not submit it as the report.`,
  exportDone: (name) => `Created ${name}`,
  download: (name) => `Download ${name}`,
  noDownload: (name) =>
    `This Excel cannot download files from a task pane. Click “Copy”, paste the text into a text editor and save it as ${name}.`,
  jsonLabel: "Report JSON (read-only)",
  copy: "Copy",
  copied: "Copied to the clipboard.",
  copyFailed:
    "The clipboard is not available: click the text box, press Ctrl+A then Ctrl+C (⌘A, ⌘C on a Mac).",

  importTitle: "Import a report",
  importFile: "Choose a report file (JSON, .xlsx workbook, web page, text, PDF or Word)",
  importPaste: "Or paste a report (JSON or the full text copied from a web page)",
  importNotes: "Notes on reading it (cells that could not be read are left blank, never guessed):",
  importPasteButton: "Import the pasted text",
  importProblems: "This report cannot be read; nothing was changed:",
  wrongFormat: (imported, template) =>
    `This report follows the ${imported} format but the workbook's template is the ${template} format; it cannot be imported and nothing was changed.`,
  confirmOverwrite: (n) =>
    `Importing will overwrite ${n} filled cells whose content differs. Continue?`,
  confirmImport: "Overwrite and import",
  cancel: "Cancel",
  imported: (n) => `Imported ${n} cells and texts.`,
  metaDiffers: (agency, year) =>
    `Note: the imported report is ${agency}'s for ${year}; the template's year and agency were not changed.`,
  readFileFailed: "The file could not be read.",
  exportHtml: "Export web page",
  exportWord: "Export Word",
  previewTitle: "Report preview",
  noDownloadWord:
    "Word files cannot be downloaded here (Excel for Mac): export from Excel on the web or Windows, or use the command line: nianbao export … --to docx.",
  previousTitle: "Import last year's report",
  previousIntro:
    "For the cross-year checks (this year's carried-over = last year's carried-forward; regulations in force). It is kept in this workbook. Choose last year's exported JSON, last year's workbook made from this template (.xlsx), or the published report (web page, copied text, PDF or Word).",
  previousFile: "Choose last year's report (JSON, .xlsx workbook, web page, text, PDF or Word)",
  previousPaste: "Or paste last year's report (JSON or the text of the web page)",
  previousPasteButton: "Import the pasted report",
  previousKept: (agency, year, format) =>
    `Last year's report imported: ${agency}, ${year} (format ${format}); cross-year checks are on.`,
  previousWrongYear: (year, expected) =>
    `This report is for ${year}, not ${expected}; it was kept, but the cross-year checks will say the year does not match.`,
  previousNotes: "Not read, or converted from the text as written:",
  previousUnreadable: "Last year's report could not be read; nothing was changed:",
  previousRemove: "Remove last year's report",
  prefillCarryOver: "Prefill “carried over” from last year's “carried forward”",
  confirmPrefill: (n) => `Prefilling changes ${n} filled cells that hold other values. Continue?`,
  prefilled: (n) => `Prefilled ${n} cells.`,
  prefillNothing: "“Carried over” already matches last year's report; nothing to prefill.",
  submit: SUBMIT_EN,
};

export const STRINGS: Record<Lang, Strings> = { zh, en };
