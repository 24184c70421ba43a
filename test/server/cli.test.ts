/**
 * The command line of the service, on both engines: add-agency / add-admin print a token once (last line)
 * and keep only its hash; `nianbao submit` writes JSON Lines with validate's exit status; the service's
 * logs hold no secret.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDb } from "../../src/server/db";
import type { StorageSettings } from "../../src/server/open";
import { writeReportWorkbook } from "../../src/xlsx/write-report";
import { randomConsistentReport } from "../support/random-report";
import { BIN, ENGINES, startChild, stopChild, storageFactory } from "../support/service";

jest.setTimeout(180_000);
const storage = storageFactory();
afterAll(() => storage.stop());

const run = (args: string[], settings: StorageSettings, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: settings.databaseUrl ?? "", ...env },
  });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each(ENGINES)("on %s", (engine) => {
  let settings: StorageSettings;
  let agencyToken: string;
  let adminToken: string;
  beforeAll(async () => {
    settings = await storage.settings(engine);
  });

  test("add-agency and add-admin print the token once, as the last line; only its hash is kept", async () => {
    const agency = run(["serve", "add-agency", "--data", settings.dataDir, "某市某局"], settings);
    expect(agency.status).toBe(0);
    agencyToken = agency.stdout.trimEnd().split("\n").pop()!;
    expect(agencyToken).toMatch(/^nb_[A-Za-z0-9_-]{43}$/);
    const admin = run(["serve", "add-admin", "--data", settings.dataDir, "市政务公开办"], settings);
    expect(admin.status).toBe(0);
    adminToken = admin.stdout.trimEnd().split("\n").pop()!;
    expect(adminToken).not.toBe(agencyToken);

    const again = run(["serve", "add-agency", "--data", settings.dataDir, "某市某局"], settings);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("已存在");
    expect(run(["serve", "add-agency", "--data", settings.dataDir], settings).status).toBe(2);

    // A lost token is replaced: the old one stops working, the new one is printed once.
    const first = agencyToken;
    const renewed = run(["serve", "new-token", "--data", settings.dataDir, "某市某局"], settings);
    expect(renewed.status).toBe(0);
    agencyToken = renewed.stdout.trimEnd().split("\n").pop()!;
    expect(agencyToken).toMatch(/^nb_/);
    expect(agencyToken).not.toBe(first);
    const nobody = run(["serve", "new-token", "--data", settings.dataDir, "无此局"], settings);
    expect(nobody.status).toBe(2);

    const hash = createHash("sha256").update(agencyToken).digest("hex");
    const db = await openDb({ ...settings, dataDir: join(settings.dataDir, "pgdata") });
    try {
      const rows = await db.query<Record<string, unknown>>("SELECT * FROM principals");
      expect(rows.map((r) => r.token_sha256)).toContain(hash);
      expect(rows.map((r) => r.token_sha256)).not.toContain(
        createHash("sha256").update(first).digest("hex")
      );
      expect(JSON.stringify(rows)).not.toContain(agencyToken);
      expect(JSON.stringify(rows)).not.toContain(first);
    } finally {
      await db.close();
    }
    if (engine === "pglite")
      for (const file of filesUnder(settings.dataDir))
        expect(readFileSync(file).includes(agencyToken)).toBe(false);
  });

  test("nianbao submit: JSON Lines of receipts, exit status as validate; logs hold no secret", async () => {
    const service = await startChild(settings);
    try {
      if (engine === "pglite") {
        const busy = run(["serve", "add-agency", "--data", settings.dataDir, "又一局"], settings);
        expect(busy.status).toBe(2);
        expect(busy.stderr).toContain("数据目录正由进程");
      }
      const good = join(settings.dataDir, "good.json");
      const bad = join(settings.dataDir, "bad.json");
      const report = { ...randomConsistentReport("2021", 5), agency: "某市某局" };
      writeFileSync(good, JSON.stringify(report));
      const broken = structuredClone(report);
      (broken.requests.newReceived as Record<string, number>).naturalPerson += 1;
      writeFileSync(bad, JSON.stringify(broken));
      const env = { NIANBAO_TOKEN: agencyToken };
      const submit = (...args: string[]) =>
        run(["submit", ...args, "--to", service.url], settings, env);

      const ok = submit(good);
      expect(ok.status).toBe(0);
      const receipt = JSON.parse(ok.stdout);
      expect(receipt).toMatchObject({
        file: good,
        submitted: true,
        agency: "某市某局",
        year: 2024,
      });

      // Any input the command line reads: the same report as a filled workbook is the same submission.
      const workbook = join(settings.dataDir, "good.xlsx");
      writeFileSync(workbook, await writeReportWorkbook(report));
      const fromWorkbook = submit(workbook);
      expect(fromWorkbook.status).toBe(0);
      expect(JSON.parse(fromWorkbook.stdout)).toMatchObject({ id: receipt.id, file: workbook });

      const refused = submit(good, bad);
      expect(refused.status).toBe(1);
      const lines = refused.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines[0].id).toBe(receipt.id); // the same report again: the same receipt
      expect(lines[1]).toMatchObject({ file: bad, submitted: false, status: 422 });
      expect(lines[1].findings.summary.errors).toBeGreaterThan(0);

      const draft = submit(bad, "--draft");
      expect(draft.status).toBe(1);
      expect(JSON.parse(draft.stdout)).toMatchObject({ submitted: true, draft: true });

      const missing = submit(join(settings.dataDir, "nope.json"), good);
      expect(missing.status).toBe(2);
      expect(JSON.parse(missing.stdout.split("\n")[0])).toMatchObject({ error: "unreadable" });

      const wrong = run(["submit", good, "--to", service.url], settings, { NIANBAO_TOKEN: "nb_x" });
      expect(wrong.status).toBe(2);
      expect(JSON.parse(wrong.stdout)).toMatchObject({ status: 401, error: "invalid-token" });
      const noToken = run(["submit", good, "--to", service.url], settings, { NIANBAO_TOKEN: "" });
      expect(noToken.status).toBe(2);
      expect(noToken.stderr).toContain("NIANBAO_TOKEN");

      // An administrator's session, to have a cookie in the logs if they kept one.
      const login = await fetch(`${service.url}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ name: "市政务公开办", token: adminToken }).toString(),
        redirect: "manual",
      });
      expect(login.status).toBe(303);
      const cookie = login.headers.get("set-cookie")!.split(";")[0];
      const page = await fetch(`${service.url}/overview`, { headers: { Cookie: cookie } });
      expect(page.status).toBe(200);

      const logs = service.output();
      expect(logs).toContain('"statusCode":201');
      for (const secret of [agencyToken, adminToken, cookie.split("=")[1]])
        expect(logs).not.toContain(secret);
    } finally {
      await stopChild(service);
    }
  });
});
