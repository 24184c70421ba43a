/**
 * nianbao/submit@1 against the service, on PGlite and on PostgreSQL: acceptance, idempotency, drafts,
 * refusals, who sees what, and what a bad client or a bad actor gets (a clear 4xx, nothing stored).
 */
import { request as httpRequest } from "node:http";
import { buildSubmission, canonicalJson, sha256Hex } from "../../src/platform/protocol";
import type { Report } from "../../src/report/model";
import { randomConsistentReport } from "../support/random-report";
import {
  ENGINES,
  addPrincipals,
  startInProcess,
  storageFactory,
  type RunningService,
} from "../support/service";
import { getJson, submitReport } from "../support/submit";

jest.setTimeout(120_000);
const storage = storageFactory();
afterAll(() => storage.stop());

const A = "某市某局";
const B = "某市另一局";
const ADMIN = "市政务公开办";
const ADDIN = "https://addin.example.gov.cn";

const reportOf = (agency: string, seed: number, format: "2019" | "2021" = "2021"): Report => ({
  ...randomConsistentReport(format, seed),
  agency,
});

describe.each(ENGINES)("the service on %s", (engine) => {
  let service: RunningService;
  let tokens: Map<string, string>;
  let url: string;
  const reports = `/api/v1/reports`;
  /** Every stored report, as the administrator sees them. */
  const stored = async () => (await getJson(`${url}${reports}`, tokens.get(ADMIN))).body.reports;

  beforeAll(async () => {
    const settings = await storage.settings(engine);
    tokens = await addPrincipals(settings, [A, B], [ADMIN]);
    service = await startInProcess(settings, { addinOrigin: ADDIN, rateLimit: 1000 });
    url = service.url;
  });
  afterAll(() => service.close());

  test("an accepted report gets 201 and a receipt; the same report again gets the same receipt", async () => {
    const report = reportOf(A, 1);
    const first = await submitReport(url, tokens.get(A)!, report);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      agency: A,
      year: report.year,
      format: "2021",
      sha256: await sha256Hex(canonicalJson(report)),
      receivedAt: expect.any(String),
      summary: { errors: 0, warnings: expect.any(Number), incomplete: 0 },
    });
    const again = await submitReport(url, tokens.get(A)!, JSON.parse(JSON.stringify(report)));
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await stored()).filter((r: { id: string }) => r.id === first.body.id)).toHaveLength(1);
  });

  test("the same report sent 20 times at once is stored once, and all 20 get its receipt", async () => {
    const report = reportOf(A, 40);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => submitReport(url, tokens.get(A)!, report))
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => !a.headers.get("idempotent-replayed"))).toHaveLength(1);
    const sha = answers[0].body.sha256;
    expect((await stored()).filter((r: { sha256: string }) => r.sha256 === sha)).toHaveLength(1);
  });

  test("a report with errors is refused with the findings document, or stored as a draft", async () => {
    const report = reportOf(A, 2);
    (report.requests.newReceived as Record<string, number>).naturalPerson += 1;
    const before = (await stored()).length;
    const refused = await submitReport(url, tokens.get(A)!, report);
    expect(refused.status).toBe(422);
    expect(refused.body.valid).toBe(false);
    expect(refused.body.summary).toEqual({
      errors: expect.any(Number),
      warnings: expect.any(Number),
      incomplete: 0,
    });
    expect(refused.body.summary.errors).toBeGreaterThan(0);
    expect(refused.body.findings[0]).toMatchObject({ rule: expect.any(String), severity: "error" });
    expect((await stored()).length).toBe(before);

    const draft = await submitReport(url, tokens.get(A)!, report, { draft: true });
    expect(draft.status).toBe(201);
    expect(draft.body.draft).toBe(true);
    expect(draft.body.summary.errors).toBe(refused.body.summary.errors);
    expect((await stored()).length).toBe(before + 1);
  });

  test("blank cells: the draft's receipt counts the checks left incomplete", async () => {
    const report = reportOf(A, 3);
    (report.requests.newReceived as Record<string, number | null>).naturalPerson = null;
    const draft = await submitReport(url, tokens.get(A)!, report, { draft: true });
    expect(draft.status).toBe(201);
    expect(draft.body.summary.incomplete).toBeGreaterThan(0);
  });

  test("an agency reads its own reports; another agency's id is answered as an unknown one", async () => {
    const mine = await submitReport(url, tokens.get(B)!, reportOf(B, 4));
    const got = await getJson(`${url}${reports}/${mine.body.id}`, tokens.get(B));
    expect(got.status).toBe(200);
    expect(got.body.receipt).toEqual(mine.body);
    expect(canonicalJson(got.body.report)).toBe(canonicalJson(reportOf(B, 4)));
    expect(got.body.findings.valid).toBe(true);

    const theirs = await getJson(`${url}${reports}/${mine.body.id}`, tokens.get(A));
    const unknown = await getJson(
      `${url}${reports}/00000000-0000-0000-0000-000000000000`,
      tokens.get(A)
    );
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(unknown.body);
    expect(JSON.stringify(theirs.body)).not.toContain(B);

    const listA = await getJson(`${url}${reports}?year=2024`, tokens.get(A));
    expect(listA.body.reports.length).toBeGreaterThan(0);
    expect(listA.body.reports.every((r: { agency: string }) => r.agency === A)).toBe(true);
    const all = await getJson(`${url}${reports}?year=2024`, tokens.get(ADMIN));
    const agencies = new Set(all.body.reports.map((r: { agency: string }) => r.agency));
    expect(agencies).toEqual(new Set([A, B]));
    expect((await getJson(`${url}${reports}/${mine.body.id}`, tokens.get(ADMIN))).status).toBe(200);
    expect((await getJson(`${url}${reports}?year=2025`, tokens.get(A))).body.reports).toEqual([]);
    expect((await getJson(`${url}${reports}?year=abc`, tokens.get(A))).status).toBe(400);
  });

  test("every version is kept, in order", async () => {
    const v1 = await submitReport(url, tokens.get(B)!, reportOf(B, 10, "2019"));
    const v2 = await submitReport(url, tokens.get(B)!, reportOf(B, 11, "2019"));
    expect(v1.body.id).not.toBe(v2.body.id);
    const list = (await getJson(`${url}${reports}?year=2020`, tokens.get(B))).body.reports;
    expect(list.map((r: { id: string }) => r.id)).toEqual([v1.body.id, v2.body.id]);
  });

  describe("bad input and bad actors: a clear 4xx, nothing stored, nothing leaked", () => {
    let before: number;
    beforeEach(async () => (before = (await stored()).length));
    afterEach(async () => expect((await stored()).length).toBe(before));

    const post = async (body: string, headers: Record<string, string>) => {
      const response = await fetch(`${url}${reports}`, { method: "POST", headers, body });
      return { status: response.status, body: await response.json() };
    };
    const headersFor = async (text: string, token = tokens.get(A)!) => ({
      "Content-Type": "application/json",
      Authorization: `Bearer ${token}`,
      "Idempotency-Key": await sha256Hex(text),
    });

    test("missing or wrong token: 401, and the service says which", async () => {
      const request = await buildSubmission(reportOf(A, 20), { baseUrl: url, token: "nb_wrong" });
      const wrong = await post(request.body, request.headers);
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({
        error: "invalid-token",
        message: expect.stringContaining("令牌"),
      });
      const { Authorization: _, ...noToken } = request.headers;
      const missing = await post(request.body, noToken);
      expect(missing.status).toBe(401);
      expect(missing.body.error).toBe("missing-token");
      expect((await getJson(`${url}${reports}`)).status).toBe(401);
    });

    test("a report for another agency's name: 403", async () => {
      const request = await buildSubmission(reportOf(B, 21), {
        baseUrl: url,
        token: tokens.get(A)!,
      });
      const answer = await post(request.body, request.headers);
      expect(answer.status).toBe(403);
      expect(answer.body.error).toBe("agency-mismatch");
      expect(answer.body.message).toContain(B);
    });

    test("an administrator's token does not submit: 403", async () => {
      const report = reportOf(ADMIN, 22);
      const answer = await submitReport(url, tokens.get(ADMIN)!, report);
      expect(answer.status).toBe(403);
      expect(answer.body.error).toBe("not-an-agency");
    });

    test("an Idempotency-Key that is missing or not the body's hash: 400", async () => {
      const request = await buildSubmission(reportOf(A, 23), {
        baseUrl: url,
        token: tokens.get(A)!,
      });
      const other = await sha256Hex(canonicalJson(reportOf(A, 24)));
      const mismatch = await post(request.body, { ...request.headers, "Idempotency-Key": other });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error).toBe("idempotency-key-mismatch");
      const { "Idempotency-Key": _, ...noKey } = request.headers;
      const missing = await post(request.body, noKey);
      expect(missing.status).toBe(400);
      expect(missing.body.error).toBe("idempotency-key-missing");
    });

    test("malformed JSON and a wrong schema: 400 with the problems, by JSON Pointer", async () => {
      const broken = '{"schema": "nianbao/report@1", "format": ';
      const malformed = await post(broken, await headersFor(broken));
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toBe("invalid-report");
      expect(malformed.body.message).toMatch(/JSON/);
      const wrong = JSON.stringify({ ...reportOf(A, 25), format: "2030" });
      const schema = await post(wrong, await headersFor(wrong));
      expect(schema.status).toBe(400);
      expect(schema.body.problems[0].pointer).toBe("/format");
      const text = await post("hello", {
        ...(await headersFor("hello")),
        "Content-Type": "text/plain",
      });
      expect(text.status).toBe(415);
    });

    test("a 50 MB body: 413 before it is read", async () => {
      const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${url}${reports}`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Content-Length": big.length,
            Authorization: `Bearer ${tokens.get(A)}`,
            "Idempotency-Key": "0".repeat(64),
          },
        });
        req.on("response", (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode!, body }));
        });
        req.on("error", reject);
        req.end(big);
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error).toBe("too-large");
    });
  });

  test("CORS answers the add-in's origin only; security headers on every answer", async () => {
    const preflight = (origin: string) =>
      fetch(`${url}${reports}`, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization,content-type,idempotency-key",
        },
      });
    const ok = await preflight(ADDIN);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ADDIN);
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "idempotency-key"
    );
    const other = await preflight("https://evil.example.com");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const answer = await getJson(`${url}${reports}`, tokens.get(A), { Origin: ADDIN });
    expect(answer.headers.get("access-control-allow-origin")).toBe(ADDIN);
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(answer.headers.get("strict-transport-security")).toContain("max-age");
  });
});

test.each(ENGINES)("the rate limit is per token (%s)", async (engine) => {
  const settings = await storage.settings(engine);
  const tokens = await addPrincipals(settings, [A, B]);
  const service = await startInProcess(settings, { rateLimit: 3 });
  try {
    const statuses = async (token: string) => {
      const out: number[] = [];
      for (let i = 0; i < 4; i++)
        out.push((await getJson(`${service.url}/api/v1/reports`, token)).status);
      return out;
    };
    const a = await statuses(tokens.get(A)!);
    expect(a).toEqual([200, 200, 200, 429]);
    expect(await statuses(tokens.get(B)!)).toEqual([200, 200, 200, 429]);
    const limited = await getJson(`${service.url}/api/v1/reports`, tokens.get(A));
    expect(limited.body.message).toContain("请求过于频繁");
    // Guessed tokens do not each get an allowance of their own: they count against the address.
    const guesses: number[] = [];
    for (let i = 0; i < 4; i++)
      guesses.push((await getJson(`${service.url}/api/v1/reports`, `nb_guess${i}`)).status);
    expect(guesses).toEqual([401, 401, 401, 429]);
  } finally {
    await service.close();
  }
});
