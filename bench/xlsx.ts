/**
 * `npm run bench`, workbooks: a batch of 1,000 filled templates validated as `nianbao validate` does it
 * (zip checks, names, cells, report, all checks), against ExcelJS, a general .xlsx library, opening the
 * same bytes and nothing else: the reference point for what reading a workbook costs. Peak memory is the
 * resident set, sampled per workbook.
 */
import ExcelJS from "exceljs";
import { validateReport } from "../src/checks/evaluate";
import { reportFromWorkbook } from "../src/report/from-cells";
import { readWorkbook } from "../src/xlsx/read-workbook";
import { randomConsistentReport } from "../test/support/random-report";
import { filledWorkbook } from "../test/xlsx/workbooks";
import { row } from "./measure";

const BATCH = 1000;
const DISTINCT = 8;

export async function xlsxBench(): Promise<void> {
  process.stdout.write(`\nWorkbooks (.xlsx, a batch of ${BATCH} filled templates, one core)\n`);
  const distinct: Uint8Array[] = [];
  for (let i = 0; i < DISTINCT; i++)
    distinct.push(await filledWorkbook(randomConsistentReport(i % 2 ? "2019" : "2021", 100 + i)));
  const batch = Array.from({ length: BATCH }, (_, i) => distinct[i % DISTINCT]);
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));

  const openOnly = async () => {
    for (const bytes of batch) {
      await new ExcelJS.Workbook().xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
      sample();
    }
  };
  let errors = 0;
  const validateAll = async () => {
    for (const bytes of batch) {
      const read = readWorkbook(bytes);
      if (!read.ok) throw new Error(read.error.en);
      const result = reportFromWorkbook(read.bound);
      if (!result.ok) throw new Error(result.messageEn);
      if (!validateReport(result.report, { cellFaults: result.cellFaults }).valid) errors++;
      sample();
    }
  };
  await time(
    async () =>
      void (await new ExcelJS.Workbook().xlsx.load(
        Buffer.from(distinct[0]) as unknown as ExcelJS.Buffer
      ))
  ); // warm-up
  const rssBefore = process.memoryUsage().rss;
  const libMs = await time(openOnly);
  const oursMs = await time(validateAll);
  if (errors) throw new Error(`${errors} consistent workbooks did not validate`);

  const kb = Math.round(distinct.reduce((s, b) => s + b.length, 0) / DISTINCT / 1024);
  row(`  workbook size (filled template)`, `${kb} KB`);
  row(`  ExcelJS load alone: workbooks per second`, `${Math.round((BATCH / libMs) * 1000)}`);
  row(`  nianbao validate: workbooks per second`, `${Math.round((BATCH / oursMs) * 1000)}`);
  row(`  ratio (validate time / ExcelJS load time)`, `${(oursMs / libMs).toFixed(2)}×`);
  row(`  resident memory before the batch`, `${mb(rssBefore)}`);
  row(`  peak resident memory (sampled per workbook)`, `${mb(peak)}`);
  row(`  peak resident memory (process maxRSS)`, `${mb(process.resourceUsage().maxRSS * 1024)}`);
}

async function time(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
