/**
 * Every statutory label, verbatim from shared/spec/statutory-formats.md (full-width punctuation).
 * Anything that writes a label takes it from here, so a correction to the official wording is one line.
 */

export const REPORT_TITLE_SUFFIX = "年政府信息公开工作年度报告";

/** The report sheet of a workbook the product makes. */
export function sheetNameFor(year: number): string {
  return `${year}年度年报`;
}

export const PART_HEADINGS = {
  overview: "一、总体情况",
  proactive: "二、主动公开政府信息情况",
  requests: "三、收到和处理政府信息公开申请情况",
  appeals: "四、政府信息公开行政复议、行政诉讼情况",
  problems: "五、存在的主要问题及改进情况",
  other: "六、其他需要报告的事项",
} as const;

export const INFO_CONTENT = "信息内容";

export const ARTICLE_ITEMS = {
  item1: "第二十条第（一）项",
  item5: "第二十条第（五）项",
  item6: "第二十条第（六）项",
  item8: "第二十条第（八）项",
  item9: "第二十条第（九）项",
} as const;

export const PROACTIVE_LABELS = {
  regulations: "规章",
  normativeDocuments2021: "行政规范性文件",
  normativeDocuments2019: "规范性文件",
  licensing: "行政许可",
  otherServices: "其他对外管理服务事项",
  penalties: "行政处罚",
  enforcement: "行政强制",
  fees: "行政事业性收费",
  procurement: "政府集中采购",
  issued: "本年制发件数",
  repealed: "本年废止件数",
  inForce: "现行有效件数",
  decisions2021: "本年处理决定数量",
  feeAmount: "本年收费金额（单位：万元）",
  made: "本年新制作数量",
  published: "本年新公开数量",
  publicTotal: "对外公开总数量",
  previousItems: "上一年项目数量",
  change: "本年增/减",
  decisions2019: "处理决定数量",
  procurementItems: "采购项目数量",
  procurementAmount: "采购总金额",
} as const;

export const REQUESTS_LABELS = {
  corner: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
  applicants: "申请人情况",
  naturalPerson: "自然人",
  organisations: "法人或其他组织",
  commercial: "商业企业",
  research: "科研机构",
  publicInterest: "社会公益组织",
  legalService: "法律服务机构",
  otherOrg: "其他",
  total: "总计",
  newReceived: "一、本年新收政府信息公开申请数量",
  carriedOver: "二、上年结转政府信息公开申请数量",
  outcomes: "三、本年度办理结果",
  granted: "（一）予以公开",
  partlyGranted: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
  withheld: "（三）不予公开",
  stateSecret: "1.属于国家秘密",
  prohibitedByLaw: "2.其他法律行政法规禁止公开",
  securityStability: "3.危及“三安全一稳定”",
  thirdPartyRights: "4.保护第三方合法权益",
  internalAffairs: "5.属于三类内部事务信息",
  deliberative: "6.属于四类过程性信息",
  enforcementFile: "7.属于行政执法案卷",
  administrativeQuery: "8.属于行政查询事项",
  unavailable: "（四）无法提供",
  notHeld: "1.本机关不掌握相关政府信息",
  needsCreation: "2.没有现成信息需要另行制作",
  unclear: "3.补正后申请内容仍不明确",
  notProcessed: "（五）不予处理",
  complaint: "1.信访举报投诉类申请",
  duplicate: "2.重复申请",
  publication: "3.要求提供公开出版物",
  excessive: "4.无正当理由大量反复申请",
  confirmation: "5.要求行政机关确认或重新出具已获取信息",
  other: "（六）其他处理",
  // Not confirmed against the official text whether 「、」 or 「，」 stands before 行政机关 (spec, last section).
  noCorrection: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  unpaidFee: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
  otherReasons: "3.其他",
  totalHandled: "（七）总计",
  carriedForward: "四、结转下年度继续办理",
} as const;

export const APPEALS_LABELS = {
  review: "行政复议",
  litigation: "行政诉讼",
  litigationDirect: "未经复议直接起诉",
  litigationAfterReview: "复议后起诉",
  upheld: "结果维持",
  corrected: "结果纠正",
  other: "其他结果",
  pending: "尚未审结",
  total: "总计",
} as const;
