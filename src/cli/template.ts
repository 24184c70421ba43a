/** `nianbao template`: writes the self-checking .xlsx template of a report year. */
import { writeFile } from "node:fs/promises";
import { FORMAT_IDS, formatForYear, type FormatId } from "../templates/formats";
import { layoutPlan } from "../layout/plan";
import { writeTemplate } from "../xlsx/write-template";
import { parseCommandArgs } from "./args";
import type { Io } from "./index";

export const TEMPLATE_USAGE = `  nianbao template --year YEAR [--format 2019|2021] [--agency NAME] [--date YYYY-MM-DD] -o FILE.xlsx
      生成可自行校验的年报模板（.xlsx）：任何电子表格软件打开即显示错误，无需加载项。
`;

export async function templateCommand(args: string[], io: Io, usage: string): Promise<number> {
  const parsed = parseCommandArgs(
    "template",
    {
      args,
      options: {
        year: { type: "string", short: "y" },
        format: { type: "string", short: "f" },
        agency: { type: "string", short: "a", default: "" },
        date: { type: "string" },
        output: { type: "string", short: "o" },
      },
    },
    io,
    usage
  );
  if (!parsed) return 2;
  const { values } = parsed;
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) {
    io.err(
      `nianbao template: 请用 --year 指定报告年度，如 --year 2024（a report year is required）\n`
    );
    return 2;
  }
  const expected = formatForYear(year);
  const format = (values.format ?? expected) as FormatId | undefined;
  if (!format || !FORMAT_IDS.includes(format)) {
    io.err(
      `nianbao template: ${year} 年度没有统一格式，请用 --format 2019 或 2021 指定（no format applies to ${year}; give --format）\n`
    );
    return 2;
  }
  if (expected && format !== expected)
    io.err(
      `注意：${year} 年度应使用 ${expected} 格式，而不是 ${format}（warning: ${year} uses format ${expected}）\n`
    );
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
    io.err(`nianbao template: --date 应为 YYYY-MM-DD（date must be YYYY-MM-DD）\n`);
    return 2;
  }
  if (!values.output) {
    io.err(
      `nianbao template: 请用 -o 指定输出文件，如 -o ${year}年报.xlsx（-o FILE.xlsx is required）\n`
    );
    return 2;
  }
  const plan = layoutPlan({
    format,
    year,
    agency: values.agency ?? "",
    ...(values.date ? { date: values.date } : {}),
  });
  try {
    await writeFile(values.output, await writeTemplate(plan));
  } catch (error) {
    io.err(`nianbao template: 无法写入 ${values.output}：${(error as Error).message}\n`);
    return 2;
  }
  io.out(`已生成 ${values.output}（格式 ${format} · ${year} 年度）\n`);
  return 0;
}
