/**
 * 汇总 at scale: 10,000 reports read from their JSON text (as the command line reads files) and folded into
 * one sum, one at a time. Time per source; peak heap while summing; heap the aggregator retains after 1,000
 * and after 10,000 sources (after garbage collection), which should grow only by the list of sources.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Aggregator } from "../src/aggregate/aggregate";
import { readReportJson, reportToJson } from "../src/report/read-json";
import { randomConsistentReport } from "../test/support/random-report";
import { row } from "./measure";

const SOURCES = 10_000;
const CHECKPOINT = 1_000;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function settledHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function aggregateBench(): void {
  process.stdout.write(
    `Aggregation (汇总, ${SOURCES.toLocaleString("en")} reports of format 2021)\n`
  );
  // A few distinct reports, re-serialised under a new agency for every source: reading stays real work.
  const samples = Array.from({ length: 16 }, (_, i) => randomConsistentReport("2021", 100 + i));
  readReportJson(reportToJson(samples[0])); // compiles the schema before the heap is measured
  const before = settledHeap();
  const aggregator = new Aggregator({ agency: "某省人民政府办公厅" });
  let peak = 0;
  let readMs = 0;
  let addMs = 0;
  let atCheckpoint = 0;
  for (let i = 0; i < SOURCES; i++) {
    const text = reportToJson({ ...samples[i % samples.length], agency: `单位${i}` });
    let t = process.hrtime.bigint();
    const read = readReportJson(text);
    readMs += Number(process.hrtime.bigint() - t) / 1e6;
    if (!read.ok) throw new Error("sample unreadable");
    t = process.hrtime.bigint();
    const added = aggregator.add({
      file: `单位${i}.json`,
      sha256: "0".repeat(64),
      report: read.report,
    });
    addMs += Number(process.hrtime.bigint() - t) / 1e6;
    if (!added.ok) throw new Error(added.refusal.messageEn);
    if (i % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    if (i + 1 === CHECKPOINT) atCheckpoint = settledHeap() - before;
  }
  const t = process.hrtime.bigint();
  const result = aggregator.result();
  const resultMs = Number(process.hrtime.bigint() - t) / 1e6;
  if (!result.ok) throw new Error(result.refusals[0].messageEn);
  const atEnd = settledHeap() - before;
  row(
    "  total time (read JSON + check + sum), 10,000 sources",
    `${((readMs + addMs + resultMs) / 1000).toFixed(2)} s`
  );
  row(
    "  of which summing (check + add), per source",
    `${((addMs / SOURCES) * 1000).toFixed(0)} µs`
  );
  row("  of which reading the JSON, per source", `${((readMs / SOURCES) * 1000).toFixed(0)} µs`);
  row("  peak heap above the start while summing", mb(peak));
  row(`  heap retained at ${CHECKPOINT.toLocaleString("en")} sources`, mb(atCheckpoint));
  row(`  heap retained at ${SOURCES.toLocaleString("en")} sources`, mb(atEnd));
  row(
    "  retained per additional source (the list of sources)",
    `${Math.round((atEnd - atCheckpoint) / (SOURCES - CHECKPOINT))} bytes`
  );
  row(
    "  process peak resident memory (whole bench so far)",
    mb(process.resourceUsage().maxRSS * 1024)
  );
}
