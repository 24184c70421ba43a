/**
 * An aggregate as a workbook: the year's template (names, checks, protection — the same file `nianbao
 * template` writes) with the sums in its value cells and the narratives left empty for the compiler, plus a
 * sheet 来源 that says what the sums were made from: every source (agency, file, SHA-256, and its errors if
 * it was admitted with them) and every cell left blank, with the sources that left it so.
 */
import type { Style, Workbook } from "exceljs";
import { blankSources, type SourcesRecord } from "../aggregate/record";
import type { Report } from "../report/model";
import { STYLES } from "../layout/plan";
import { nameFromPointer } from "../templates/pointers";
import { excelStyle } from "./styles";
import { filledPlan } from "./write-report";
import { templateWorkbook } from "./write-template";

export const SOURCES_SHEET_NAME = "来源";

export async function writeAggregateWorkbook(
  report: Report,
  record: SourcesRecord
): Promise<Uint8Array> {
  const wb = await templateWorkbook(filledPlan(report));
  await addSourcesSheet(wb, record);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function addSourcesSheet(wb: Workbook, record: SourcesRecord): Promise<void> {
  const ws = wb.addWorksheet(SOURCES_SHEET_NAME);
  ws.columns = [
    { width: 8 },
    { width: 32 },
    { width: 40 },
    { width: 68 },
    { width: 10 },
    { width: 80 },
  ];
  const heading = excelStyle(STYLES.partHeading);
  const label = excelStyle(STYLES.metaLabel);
  const put = (row: number, values: (string | number)[], style?: Partial<Style>) =>
    values.forEach((v, i) => {
      const cell = ws.getCell(row, i + 1);
      cell.value = v;
      if (style) cell.style = style;
    });

  let row = 1;
  ws.mergeCells(row, 1, row, 6);
  put(
    row++,
    [
      `汇总来源：${record.agency}${record.year} 年度，${record.sourceCount} 份报告（${record.format} 格式）`,
    ],
    heading
  );
  put(row++, ["汇总机关", record.agency], label);
  put(row++, ["年度", record.year], label);
  put(row++, ["格式", record.format], label);
  put(
    row++,
    [
      "空白单元格",
      record.blankAsZero ? "按 0 计入（无法读取的单元格仍为空白）" : "任一来源空白，合计即为空白",
    ],
    label
  );
  row++;
  put(row++, ["序号", "报告机关", "文件", "SHA-256", "错误数", "错误（经允许计入）"], label);
  record.sources.forEach((s, i) => {
    const errors = (s.errors ?? []).map((e) => e.message).join("\n");
    put(row++, [i + 1, s.agency, s.file, s.sha256, s.errorCount ?? 0, errors]);
  });
  if (record.blanks.length > 0) {
    row++;
    put(row++, ["空白单元格与其来源"], heading);
    put(row++, ["序号", "单元格", "名称", "来源（前几个）", "空白来源数", "处理"], label);
    record.blanks.forEach((b, i) => {
      const how =
        b.treatedAs === "zero"
          ? "按 0 计入"
          : b.unreadable
            ? `合计留空（其中 ${b.unreadable} 份无法读取）`
            : "合计留空";
      put(row++, [i + 1, b.label, nameFromPointer(b.pointer), blankSources(b), b.count, how]);
    });
  }
  // Like the check sheet: protection without a password guards against slips.
  await ws.protect("", { formatColumns: true, formatRows: true });
}
