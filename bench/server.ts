/**
 * `npm run bench`, the receiving service: distinct valid reports submitted over HTTP on 127.0.0.1 to
 * `nianbao serve` pinned to one core (taskset), 16 at a time, with PGlite and with PostgreSQL (whose server
 * processes are not pinned). Figures: accepted submissions per second, and p50/p99 latency as the client
 * sees it (validation, storage, receipt).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSubmission, type SubmissionRequest } from "../src/platform/protocol";
import { openStore, type StorageSettings } from "../src/server/open";
import { randomConsistentReport } from "../test/support/random-report";
import { freePort, postgresBin, startPostgres } from "../test/support/postgres";
import { row } from "./measure";

const AGENCIES = 20;
const SUBMISSIONS = 1000;
const WARM_UP = 100;
const CONCURRENCY = 16;

async function started(port: number, child: ChildProcess): Promise<string> {
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error("the service exited at start");
    try {
      if ((await fetch(`${url}/healthz`)).ok) return url;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the service did not start");
}

async function requests(settings: StorageSettings, url: string, seed: number, n: number) {
  const store = await openStore(settings);
  const tokens: [string, string][] = [];
  try {
    for (let a = 0; a < AGENCIES; a++) {
      const name = `基准测试第${seed + a}局`;
      tokens.push([name, (await store.addPrincipal("agency", name)).token]);
    }
  } finally {
    await store.release();
  }
  const out: SubmissionRequest[] = [];
  for (let i = 0; i < n; i++) {
    const [agency, token] = tokens[i % AGENCIES];
    const report = { ...randomConsistentReport(i % 2 ? "2019" : "2021", seed + i), agency };
    out.push(await buildSubmission(report, { baseUrl: url, token }));
  }
  return out;
}

/** Sends all requests, CONCURRENCY at a time; the latency of each in ms, and the wall time. */
async function drive(
  batch: SubmissionRequest[]
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < batch.length) {
      const r = batch[next++];
      const t0 = process.hrtime.bigint();
      const response = await fetch(r.url, { method: "POST", headers: r.headers, body: r.body });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`HTTP ${response.status}`);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { latencies, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** CPU seconds a process has used (Linux /proc; clock ticks of 1/100 s), or undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function engineBench(label: string, settings: StorageSettings): Promise<void> {
  const port = await freePort();
  const pinned = spawnSync("taskset", ["--version"]).status === 0;
  const command = [
    ...(pinned ? ["taskset", "-c", "0"] : []),
    process.execPath,
    join(__dirname, "serve-child.js"),
    "--port",
    String(port),
    "--data",
    settings.dataDir,
    "--rate-limit",
    "100000000",
  ];
  const url = `http://127.0.0.1:${port}`;
  const batch = await requests(settings, url, 1, WARM_UP + SUBMISSIONS);
  const child = spawn(command[0], command.slice(1), {
    env: { ...process.env, DATABASE_URL: settings.databaseUrl ?? "", LOG_LEVEL: "info" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr!.on("data", (d) => (errors += d));
  try {
    await started(port, child).catch((e) => {
      throw new Error(`${e.message}\n${errors}`);
    });
    await drive(batch.slice(0, WARM_UP));
    const cpuBefore = cpuSeconds(child.pid);
    const { latencies, seconds } = await drive(batch.slice(WARM_UP));
    const cpuAfter = cpuSeconds(child.pid);
    const sorted = [...latencies].sort((a, b) => a - b);
    row(
      `  ${label}: submissions per second${pinned ? " (service on one core)" : ""}`,
      `${Math.round(SUBMISSIONS / seconds).toLocaleString("en")}`
    );
    if (cpuBefore !== undefined && cpuAfter !== undefined && cpuAfter > cpuBefore)
      row(
        `  ${label}: submissions per CPU-second of the service`,
        `${Math.round(SUBMISSIONS / (cpuAfter - cpuBefore)).toLocaleString("en")}`
      );
    row(
      `  ${label}: latency p50 / p99`,
      `${percentile(sorted, 50).toFixed(1)} ms / ${percentile(sorted, 99).toFixed(1)} ms`
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

export async function serverBench(): Promise<void> {
  process.stdout.write(
    `\nReceiving service (${SUBMISSIONS} distinct valid reports from ${AGENCIES} agencies, ${CONCURRENCY} at a time, 127.0.0.1)\n`
  );
  const dir = mkdtempSync(join(tmpdir(), "nianbao-bench-serve-"));
  try {
    await engineBench("PGlite", { dataDir: join(dir, "pglite") });
    if (!postgresBin()) {
      row("  PostgreSQL", "not measured: no PostgreSQL binaries under /usr/lib/postgresql");
      return;
    }
    const server = await startPostgres();
    try {
      await engineBench("PostgreSQL", {
        dataDir: join(dir, "pg"),
        databaseUrl: await server.newDatabase(),
      });
    } finally {
      server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
