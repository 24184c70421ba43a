/**
 * Load and faults, with the service as a child process (the real command line) on both engines: 200
 * concurrent submissions from 50 agencies; kill -9 in the middle of that load; a crash between the commit
 * and the reply; a client that times out and retries. Acknowledged means stored; nothing twice.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalJson, sha256Hex, type Receipt } from "../../src/platform/protocol";
import type { Report } from "../../src/report/model";
import type { StorageSettings } from "../../src/server/open";
import { randomConsistentReport } from "../support/random-report";
import {
  BIN,
  ENGINES,
  addPrincipals,
  startChild,
  stopChild,
  storageFactory,
  type ChildService,
} from "../support/service";
import { getJson, submitReport } from "../support/submit";

jest.setTimeout(300_000);
const storage = storageFactory();
afterAll(() => storage.stop());

const AGENCIES = Array.from({ length: 50 }, (_, i) => `测试县第${i + 1}局`);
const ADMIN = "县政务公开办";
const FAST = ["--rate-limit", "1000000"];

interface Job {
  agency: string;
  report: Report;
}

/** Four distinct reports per agency (two formats, two versions each). */
function jobs(seedBase: number): Job[] {
  return AGENCIES.flatMap((agency, i) =>
    [0, 1, 2, 3].map((k) => ({
      agency,
      report: {
        ...randomConsistentReport(k % 2 ? "2019" : "2021", seedBase + i * 4 + k),
        agency,
      },
    }))
  );
}

async function allStored(service: ChildService, adminToken: string): Promise<Receipt[]> {
  const answer = await getJson(`${service.url}/api/v1/reports`, adminToken);
  expect(answer.status).toBe(200);
  return answer.body.reports;
}

/** Each stored report reads back whole: its body is the report whose hash the receipt names. */
async function expectWhole(service: ChildService, adminToken: string, receipts: Receipt[]) {
  for (const receipt of receipts) {
    const got = await getJson(`${service.url}/api/v1/reports/${receipt.id}`, adminToken);
    expect(got.status).toBe(200);
    expect(got.body.receipt).toEqual(receipt);
    expect(await sha256Hex(canonicalJson(got.body.report))).toBe(receipt.sha256);
    expect(got.body.findings.summary.errors).toBe(receipt.summary.errors);
  }
}

describe.each(ENGINES)("on %s", (engine) => {
  let settings: StorageSettings;
  let tokens: Map<string, string>;
  let service: ChildService | undefined;
  afterEach(async () => {
    if (service) await stopChild(service);
    service = undefined;
  });
  beforeAll(async () => {
    settings = await storage.settings(engine);
    tokens = await addPrincipals(settings, AGENCIES, [ADMIN]);
  });
  const admin = () => tokens.get(ADMIN)!;

  test("200 concurrent submissions from 50 agencies: each acknowledged once and stored", async () => {
    service = await startChild(settings, {}, FAST);
    const batch = jobs(1000);
    const answers = await Promise.all(
      batch.map((j) => submitReport(service!.url, tokens.get(j.agency)!, j.report))
    );
    expect(answers.map((a) => a.status)).toEqual(batch.map(() => 201));
    const ids = answers.map((a) => a.body.id);
    expect(new Set(ids).size).toBe(200);
    const stored = await allStored(service, admin());
    expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const [i, a] of answers.entries()) {
      expect(a.body.agency).toBe(batch[i].agency);
      expect(a.body.sha256).toBe(await sha256Hex(canonicalJson(batch[i].report)));
    }
    await expectWhole(service, admin(), stored);
  });

  test("kill -9 in the middle of the load: every acknowledged submission is there, whole; retries add nothing twice", async () => {
    service = await startChild(settings, {}, FAST);
    const before = (await allStored(service, admin())).length;
    const batch = jobs(5000);
    const acknowledged: Receipt[] = [];
    let killed = false;
    const victim = service;
    const attempts = batch.map(async (j) => {
      try {
        const a = await submitReport(victim.url, tokens.get(j.agency)!, j.report);
        if (a.status === 201) acknowledged.push(a.body);
      } catch {
        // the connection died with the service
      }
      if (!killed && acknowledged.length >= 40) {
        killed = true;
        victim.process.kill("SIGKILL");
      }
    });
    await Promise.all(attempts);
    await victim.exited;
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(acknowledged.length).toBeLessThan(200);

    service = await startChild(settings, {}, FAST);
    const after = await allStored(service, admin());
    const byId = new Map(after.map((r) => [r.id, r]));
    for (const r of acknowledged) expect(byId.get(r.id)).toEqual(r);
    await expectWhole(service, admin(), after);

    // Every client retries with the same key: the acknowledged get their receipt again; nothing is doubled.
    const retried = await Promise.all(
      batch.map((j) => submitReport(service!.url, tokens.get(j.agency)!, j.report))
    );
    expect(retried.map((a) => a.status)).toEqual(batch.map(() => 201));
    const retriedIds = new Map(retried.map((a) => [a.body.sha256 + a.body.agency, a.body.id]));
    for (const r of acknowledged) expect(retriedIds.get(r.sha256 + r.agency)).toBe(r.id);
    expect((await allStored(service, admin())).length).toBe(before + 200);
  });

  test("a crash between the commit and the reply is answered with the same receipt on retry", async () => {
    const agency = AGENCIES[7];
    const report = { ...randomConsistentReport("2021", 9001), agency };
    service = await startChild(settings, { NIANBAO_TEST_CRASH_AFTER_COMMIT: "1" }, FAST);
    const before = (await allStored(service, admin())).length;
    await expect(submitReport(service.url, tokens.get(agency)!, report)).rejects.toThrow();
    await service.exited;
    expect(service.process.signalCode).toBe("SIGKILL");

    service = await startChild(settings, {}, FAST);
    const stored = await allStored(service, admin());
    expect(stored.length).toBe(before + 1); // it was committed before the crash
    const retry = await submitReport(service.url, tokens.get(agency)!, report);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(stored[stored.length - 1]);
    expect((await allStored(service, admin())).length).toBe(before + 1);
  });

  test("nianbao submit retries after a timeout with the same key and stores nothing twice", async () => {
    const agency = AGENCIES[8];
    const dir = mkdtempSync(join(tmpdir(), "nianbao-submit-"));
    const file = join(dir, "report.json");
    writeFileSync(file, JSON.stringify({ ...randomConsistentReport("2021", 9002), agency }));
    service = await startChild(settings, { NIANBAO_TEST_DELAY_AFTER_COMMIT_MS: "4000" }, FAST);
    const before = (await allStored(service, admin())).length;
    const cli = spawn(
      process.execPath,
      [BIN, "submit", file, "--to", service.url, "--timeout", "1", "--retries", "3"],
      { env: { ...process.env, NIANBAO_TOKEN: tokens.get(agency)! } }
    );
    let out = "";
    let err = "";
    cli.stdout.on("data", (d) => (out += d));
    cli.stderr.on("data", (d) => (err += d));
    const status = await new Promise<number | null>((r) => cli.on("close", r));
    expect(err).toContain("timeout");
    expect(err).toContain("重试");
    expect(status).toBe(0);
    const line = JSON.parse(out.trim());
    expect(line).toMatchObject({ file, submitted: true, agency });
    const stored = await allStored(service, admin());
    expect(stored.length).toBe(before + 1);
    expect(stored[stored.length - 1].id).toBe(line.id);
  });
});
