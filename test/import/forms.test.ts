/**
 * Published reports as they are really found, in examples written here from the statutory labels: text
 * stripped by a crawler (cells fused), Markdown extracted from a PDF (page numbers, scrambled headers,
 * interleaved group labels, blank cells), OCR output, saved web pages (entities, <br>, merged cells, layout
 * tables, GBK), and the encodings Word and Notepad save.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateReport } from "../../src/checks/evaluate";
import { decodeDocument } from "../../src/import/decode";
import { readInput } from "../../src/import/read-input";
import { importPublishedText } from "../../src/import/text";
import { cellValues, getValue, type Report } from "../../src/report/model";
import { readReportJson } from "../../src/report/read-json";
import { FORMATS, type FormatId } from "../../src/templates/formats";
import { PART_HEADINGS } from "../../src/templates/labels";
import { pointerFromSegments } from "../../src/templates/pointers";
import { crawledText } from "../support/crawled";
import { encodeGb18030 } from "../support/gbk";
import { randomConsistentReport } from "../support/random-report";
import { SEED_TEXT } from "../support/shared";

const SEED = readFileSync(SEED_TEXT);
const EXPECTED = readReportJson(
  readFileSync(join(__dirname, "../fixtures/2020-bingtuan-natural-resources-bureau.json"))
);
if (!EXPECTED.ok) throw new Error("fixture");
const SEED_REPORT = EXPECTED.report;

function imported(text: string): { report: Report; notes: string[] } {
  const r = importPublishedText(text);
  if (!r.ok) throw new Error(r.notes.map((n) => n.message).join("\n"));
  return { report: r.report, notes: r.notes.map((n) => `${n.pointer} ${n.message}`) };
}

const row = (path: string) => (report: Report) =>
  FORMATS[report.format].requests.columns.map((c) =>
    getValue(report, pointerFromSegments(["requests", ...path.split("/"), c.key]))
  );

/** Rows of part 三 of a 2021 report: applicant cells, total added. */
const PART3: Record<string, number[]> = {
  newReceived: [58, 4, 0, 0, 0, 0],
  carriedOver: [3, 0, 0, 0, 0, 0],
  granted: [30, 2, 0, 0, 0, 0],
  partlyGranted: [5, 0, 0, 0, 0, 0],
  "unavailable/notHeld": [11, 1, 0, 0, 0, 0],
  totalHandled: [46, 3, 0, 0, 0, 0],
  carriedForward: [15, 1, 0, 0, 0, 0],
};
const withTotal = (cells: number[]) => [...cells, cells.reduce((a, b) => a + b, 0)];

function part3Rows(format: FormatId): { label: string; path: string; values: number[] }[] {
  return FORMATS[format].requests.rows.map((r) => ({
    label: r.label,
    path: r.path,
    values: withTotal(PART3[r.path] ?? [0, 0, 0, 0, 0, 0]),
  }));
}

describe("text stripped by a crawler: one line, cells fused", () => {
  /** The whole body on one line, each row's cells written with nothing between them. */
  function crawled(fuse: (label: string, values: number[]) => string): string {
    const f = FORMATS["2021"];
    const parts = [
      "首页 > 政务公开 > 年度报告 某市某局2024年政府信息公开工作年度报告 发布时间：2025-01-20 来源：某市某局",
      PART_HEADINGS.overview,
      "本机关认真贯彻落实条例。",
      PART_HEADINGS.proactive,
      ...f.proactive.flatMap((t) => [
        t.heading,
        "信息内容",
        ...t.columns.map((c) => c.label),
        ...t.rows.map((r) => `${r.label}${t.columns.map(() => "1").join("")}`),
      ]),
      PART_HEADINGS.requests,
      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
      ...part3Rows("2021").flatMap((r, i) => [
        // the group label printed again before （四）, as crawlers do
        ...(r.path === "unavailable/notHeld" ? ["三、本年度办理结果（四）无法提供"] : []),
        ...(i === 2 ? ["三、本年度办理结果"] : []),
        r.path.startsWith("withheld/stateSecret") ? "（三）不予公开" : "",
        fuse(r.label, r.values),
      ]),
      PART_HEADINGS.appeals,
      "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计",
      "300031000102002",
      PART_HEADINGS.problems,
      "公开方式比较单一。",
      PART_HEADINGS.other,
      "无。某市某局2025年1月20日",
    ];
    return parts.join("");
  }

  test("fused runs split by the table's arithmetic: exactly one split each", () => {
    const { report, notes } = imported(crawled((label, v) => label + v.join("")));
    expect(report).toMatchObject({
      format: "2021",
      year: 2024,
      agency: "某市某局",
      date: "2025-01-20",
    });
    expect(row("newReceived")(report)).toEqual([58, 4, 0, 0, 0, 0, 62]);
    expect(row("totalHandled")(report)).toEqual([46, 3, 0, 0, 0, 0, 49]);
    expect(row("withheld/stateSecret")(report)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    for (const r of part3Rows("2021")) expect(row(r.path)(report)).toEqual(r.values);
    // part 四 as fifteen fused digits: 3 0 0 0 3 | 1 0 0 0 1 | 0 2 0 0 2
    expect(Object.values(report.appeals).map((g) => Object.values(g as object))).toEqual([
      [3, 0, 0, 0, 3],
      [1, 0, 0, 0, 1],
      [0, 2, 0, 0, 2],
    ]);
    expect(getValue(report, "/proactive/regulations/issued")).toBe(1);
    expect(report.narrative.problems).toBe("公开方式比较单一。");
    expect(
      notes.some((n) => n.includes("只有一种拆分") && n.includes("58 | 4 | 0 | 0 | 0 | 0 | 62"))
    ).toBe(true);
    expect(validateReport(report).findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("spaces left from empty cells inside a run: 「（七）总计41 0 00 0 041」", () => {
    const text = crawled((label, v) =>
      label === "（七）总计" ? `${label}46 3 00 0 049` : label + v.join("")
    );
    expect(row("totalHandled")(imported(text).report)).toEqual([46, 3, 0, 0, 0, 0, 49]);
  });

  test("part 四 with more than one cut that adds up is refused", () => {
    // 110812040004930012: 11 0 8 1 20 | … but 1 10 8 1 20 adds up as well
    const text = crawled((label, v) => label + v.join("")).replace(
      "300031000102002",
      "110812040004930012"
    );
    const { report, notes } = imported(text);
    expect(getValue(report, "/appeals/review/upheld")).toBeNull();
    expect(notes.find((n) => n.startsWith("/appeals "))).toMatch(
      /种拆分都符合表内勾稽关系，无法确定/
    );
  });

  test("two splits fit: the row is refused with a note naming it, never guessed", () => {
    // 一 alone (the rows that would decide it, 四 among them, are cut off): 101000011 is 10|1|0|0|0|0|11
    // or 1|0|10|0|0|0|11
    const text = [
      "某市某局2024年政府信息公开工作年度报告",
      "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 行政规范性文件 1 0 3",
      PART_HEADINGS.requests,
      "一、本年新收政府信息公开申请数量101000011",
    ].join("\n");
    const { report, notes } = imported(text);
    expect(row("newReceived")(report)).toEqual([null, null, null, null, null, null, null]);
    expect(notes.find((n) => n.startsWith("/requests/newReceived "))).toMatch(
      /有 2 种拆分.*未导入该行/
    );
  });

  test("no split fits: the row is refused with a note naming it", () => {
    // 自然人 2 but 总计 0 (as in the seed's （四）1): no cut of 2000000 satisfies the row total
    const text = crawled((label, v) =>
      label === PART3_NOT_HELD ? `${label}2000000` : label + v.join("")
    );
    const { report, notes } = imported(text);
    expect(row("unavailable/notHeld")(report)).toEqual([null, null, null, null, null, null, null]);
    expect(notes.find((n) => n.startsWith("/requests/unavailable/notHeld "))).toMatch(
      /没有一种拆分符合表内勾稽关系/
    );
  });

  test("part 二 fused with signs and units: refused where the cut is not unique", () => {
    const text = [
      "某市某局2020年政府信息公开工作年度报告",
      PART_HEADINGS.proactive,
      "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件000",
      "第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚1530-12417行政强制505",
      "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购2684512.36元",
    ].join("");
    const { report, notes } = imported(text);
    expect(report.format).toBe("2019");
    expect(getValue(report, "/proactive/penalties/change")).toBeNull();
    expect(notes.find((n) => n.startsWith("/proactive/penalties "))).toMatch(/种拆分.*无法确定/);
    expect(getValue(report, "/proactive/procurement/amount")).toBeNull();
    // 行政强制 505: 5 | 0 | 5 is the only cut (a sign-less 0 cannot start a number)
    expect(getValue(report, "/proactive/enforcement/decisions")).toBe(5);
  });

  test("never a wrong number: random consistent reports, every row fused", () => {
    for (const format of ["2019", "2021"] as FormatId[]) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const expected = randomConsistentReport(format, seed);
        const { report } = imported(crawledText(expected));
        let read = 0;
        for (const [pointer, value] of cellValues(report)) {
          if (value === null) continue;
          read++;
          expect([pointer, value]).toEqual([pointer, getValue(expected, pointer)]);
        }
        expect(read).toBeGreaterThan(0);
      }
    }
  });
});

const SEEDS = Number(process.env.SEEDS ?? 4);
const PART3_NOT_HELD = "1.本机关不掌握相关政府信息";

describe("Markdown extracted from a PDF", () => {
  const md = [
    "# 某县某局2021年政府信息公开工作年度报告",
    "## 三、收到和处理政府信息公开申请情况",
    "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | |",
    "|---|---|---|---|---|---|---|---|---|---|",
    "| | | | 商业企业 | 自然人 | 科研机构 | 法人或其他组织 | | 总计 | |",
    "| 一、本年新收政府信息公开申请数量 | | | 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
    "| 二、上年结转政府信息公开申请数量 | | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 三、本年度 | （一）予以公开 | | 3 | 1 | 0 | 0 | 0 | 0 | 4 |",
    "| 办理结果 | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    "| | （三）不 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | 予公开 | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "",
    "— 5 —",
    "",
    "| | | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | |",
    "| | | 6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | （四）无法提供 | 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    "| | | 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | （五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理 | | | | | | | |",
    "| | | 其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | | | | | | | |",
    "| | | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | （七）总计 | | 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
    "| 四、结转下年度继续办理 | | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "",
    "## 四、政府信息公开行政复议、行政诉讼情况",
    "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |",
    "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
    "| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
    "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "## 五、存在的主要问题及改进情况",
    "公开方式比较单一。",
    "## 六、其他需要报告的事项",
    "无。",
    "某县某局",
    "2022年1月25日",
  ].join("\n");

  test("page numbers, scrambled headers, interleaved group labels, labels broken over rows", () => {
    const { report, notes } = imported(md);
    expect(report).toMatchObject({
      format: "2021",
      year: 2021,
      agency: "某县某局",
      date: "2022-01-25",
    });
    expect(row("newReceived")(report)).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(row("partlyGranted")(report)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row("withheld/thirdPartyRights")(report)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row("other/noCorrection")(report)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row("other/unpaidFee")(report)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row("totalHandled")(report)).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(getValue(report, "/appeals/review/total")).toBe(1);
    // the total that was not printed stays blank, and the rest of the row is read
    expect(row("withheld/internalAffairs")(report)).toEqual([0, 0, 0, 0, 0, 0, null]);
    expect(report.narrative.other).toBe("无。");
    expect(notes.filter((n) => n.startsWith("/requests"))).toEqual([]);
  });

  test("group labels split and interleaved on the row of the label", () => {
    const text = md
      .replace("| | | 4.保护第三方合法权益 |", "| （三）不 | 4.保护第三方合法权益 |")
      .replace("| | | 5.属于三类内部事务信息 |", "| 予公开 | 5.属于三类内部事务信息 |");
    expect(row("withheld/thirdPartyRights")(imported(text).report)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("OCR output", () => {
  test("### headings, lookalike characters, each number on its own line", () => {
    const values = (v: number[]) => v.map(String).join("\n");
    const lines = [
      "### 沐阳县某局2020年度政府信息公开工作年度报告",
      "### —、总体情况",
      "本机关认真贯彻落实条例。",
      "### 二、主动公开政府信息情况",
      "第二十条第（一）项",
      "信息内容",
      "本年新",
      "制作数量",
      "本年新",
      "公开数量",
      "对外公开总数量",
      "规章",
      values([0, 0, 0]),
      "规范性文件",
      values([2, 2, 9]),
      "### 三、收到和处理政府信息公开申请情况",
      ...part3Rows("2019").flatMap((r) => [
        r.label.replace("（一）", "(—)").replace("已获取", "己获取"),
        values(r.values),
      ]),
      "### 四、政府信息公开行政复议、行政诉讼情况",
      "行政复议",
      "结果维持",
      "尚末审结",
      "总计",
      values([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2]),
      "### 五、存在的主要问题及改进情况",
      "无。",
      "### 六、其他需要报告的事项",
      "无。",
      "二〇二一年一月二十日",
    ];
    const { report } = imported(lines.join("\n"));
    expect(report).toMatchObject({
      format: "2019",
      year: 2020,
      agency: "沐阳县某局",
      date: "2021-01-20",
    });
    for (const r of part3Rows("2019")) expect(row(r.path)(report)).toEqual(r.values);
    expect(getValue(report, "/proactive/normativeDocuments/publicTotal")).toBe(9);
    expect(getValue(report, "/appeals/litigationAfterReview/total")).toBe(2);
    expect(report.narrative.overview).toBe("本机关认真贯彻落实条例。");
  });
});

describe("saved web pages", () => {
  const cells = (v: (number | string)[]) => v.map((x) => `<td>${x}</td>`).join("");
  const page = (
    charset: string
  ) => `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>某市某局2021年政府信息公开工作年度报告</title><style>td{border:1px}</style><script>var a="<td>9</td>";</script></head>
<body><table class="layout"><tr><td>网站首页&nbsp;&gt;&nbsp;政务公开</td><td>
<h1>某市某局2021年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>本机关&ldquo;认真&rdquo;贯彻落实条例&hellip;</p>
<p>二、主动公开政府信息情况</p>
<table><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年<br>制发件数</td><td>本年<br/>废止件数</td><td>现行有效<br>件数</td></tr>
<tr><td>规章</td>${cells([0, 0, 0])}</tr>
<tr><td>行政规范性<br>文件</td>${cells(["&#50;", "&#x31;", "&ensp;7&ensp;"])}</tr>
<tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="3">&mdash;</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p>
<table><tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>${cells([5, 1, 0, 0, 0, 0, 6])}</tr>
<tr><td rowspan="22">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>${cells([3, 1, 0, 0, 0, 0, 4])}</tr>
<tr><td rowspan="8">（三）不予公开</td><td>3.危及&ldquo;三安全一稳定&rdquo;</td>${cells([0, 0, 0, 0, 0, 0, 0])}</tr>
<tr><td>4.保护第三方<br>合法权益</td>${cells([1, 0, 0, 0, 0, 0, 1])}</tr>
</table>
<p style="text-align:right">某市某局<br>2022年1月28日</p>
</td></tr></table></body></html>`;

  test("entities, <br> in labels, merged cells, a layout table, scripts ignored", () => {
    const { report, notes } = imported(page("utf-8"));
    expect(report).toMatchObject({
      format: "2021",
      year: 2021,
      agency: "某市某局",
      date: "2022-01-28",
    });
    expect(getValue(report, "/proactive/normativeDocuments/issued")).toBe(2);
    expect(getValue(report, "/proactive/normativeDocuments/repealed")).toBe(1);
    expect(getValue(report, "/proactive/normativeDocuments/inForce")).toBe(7);
    // 「—」 is a placeholder for none: read as 0, with a note saying so
    expect(getValue(report, "/proactive/licensing/decisions")).toBe(0);
    expect(
      notes.some((n) => n.startsWith("/proactive/licensing/decisions") && n.includes("—"))
    ).toBe(true);
    expect(row("newReceived")(report)).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(row("granted")(report)).toEqual([3, 1, 0, 0, 0, 0, 4]);
    expect(row("withheld/securityStability")(report)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row("withheld/thirdPartyRights")(report)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(report.narrative.overview).toBe("本机关“认真”贯彻落实条例…");
  });

  test("a GBK page that says so in its meta charset", async () => {
    const bytes = encodeGb18030(page("gbk"));
    const read = await readInput(bytes, "page.html");
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.kind).toBe("html");
    expect(read.report.agency).toBe("某市某局");
    expect(row("withheld/thirdPartyRights")(read.report)).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });
});

describe("encodings and titles", () => {
  const text = decodeDocument(SEED);
  const utf16 = (s: string, order: "le" | "be", bom: boolean) => {
    const le = Buffer.from((bom ? "\uFEFF" : "") + s, "utf16le");
    return order === "le" ? le : Buffer.from(le).swap16();
  };

  test.each([
    ["LE", "le", true],
    ["BE", "be", true],
    ["LE without BOM", "le", false],
    ["BE without BOM", "be", false],
  ] as const)("the seed saved as UTF-16 %s imports exactly", async (_, order, bom) => {
    const read = await readInput(utf16(text, order, bom), "seed.txt");
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(cellValues(read.report)).toEqual(cellValues(SEED_REPORT));
    expect(read.report).toMatchObject({ year: 2020, agency: "兵团自然资源局", date: "2021-01-29" });
  });

  test("titles with spaces, after a crawler's header, or split over lines", () => {
    const body = text.slice(text.indexOf(PART_HEADINGS.overview));
    const titles: [string, number, string][] = [
      ["2025 年上海市某区某局政府信息公开工作年度报告", 2025, "上海市某区某局"],
      [
        "标题：某省某厅2023年度政府信息公开工作年度报告\n发布日期：2024-01-30 来源：办公室",
        2023,
        "某省某厅",
      ],
      ["某自治州某局\n2022年政府信息公开\n工作年度报告", 2022, "某自治州某局"],
      ["当前位置：首页>政务公开>某镇人民政府2020年政府信息公开工作年度报告", 2020, "某镇人民政府"],
      ["某县某局关于2020年度政府信息公开工作年度报告", 2020, "某县某局"],
    ];
    for (const [title, year, agency] of titles) {
      const { report } = imported(`${title}\n${body}`);
      expect([report.year, report.agency]).toEqual([year, agency]);
    }
  });
});

test("the seed still imports exactly and validates to its four errors", () => {
  const { report } = imported(decodeDocument(SEED));
  expect(cellValues(report)).toEqual(cellValues(SEED_REPORT));
  const errors = validateReport(report).findings.filter((f) => f.severity === "error");
  expect(errors.map((f) => f.rule).sort()).toEqual([
    "balance",
    "balance",
    "outcome-total",
    "row-total",
  ]);
});
