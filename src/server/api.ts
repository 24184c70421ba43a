/**
 * The protocol's routes (nianbao/submit@1): POST a report, GET one, GET a year's list. Agencies see their own
 * reports only (another agency's id is answered exactly as an unknown id); administrators see all.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { validateReport } from "../checks/evaluate";
import { canonicalJson, REPORTS_PATH, sha256Hex } from "../platform/protocol";
import { readReportJson } from "../report/read-json";
import { NOT_JSON, sendError } from "./errors";
import type { FindingsDocument, Principal, Store } from "./store";

/** Faults the tests inject between storing a new submission and answering it (never set in service). */
export interface TestHooks {
  /** End the process at once (as kill -9 would), the submission committed but not answered. */
  crashAfterCommit?: boolean;
  /** Answer this much later, so that a client's timeout fires first. */
  delayAfterCommitMs?: number;
}

/** The bearer token of a request, if it has one. */
function bearerToken(request: FastifyRequest): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
  return m?.[1];
}

const principals = new WeakMap<FastifyRequest, Promise<Principal | undefined>>();

/** Whose token the request carries (looked up once per request: by the rate limit, then the route). */
export function requestPrincipal(
  store: Store,
  request: FastifyRequest
): Promise<Principal | undefined> {
  let found = principals.get(request);
  if (!found) {
    const token = bearerToken(request);
    found = token ? store.principalByToken(token) : Promise.resolve(undefined);
    principals.set(request, found);
  }
  return found;
}

async function authenticate(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply
): Promise<Principal | undefined> {
  const token = bearerToken(request);
  const principal = await requestPrincipal(store, request);
  if (!principal) {
    reply.header("WWW-Authenticate", 'Bearer realm="nianbao"');
    sendError(
      reply,
      401,
      token ? "invalid-token" : "missing-token",
      token ? "令牌无效：请核对本单位的令牌" : "缺少令牌：请在 Authorization 头中给出 Bearer 令牌",
      token ? "The token is not valid" : "Missing bearer token in the Authorization header"
    );
  }
  return principal;
}

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export function registerApi(app: FastifyInstance, store: Store, hooks: TestHooks = {}): void {
  app.post(REPORTS_PATH, async (request, reply) => {
    const principal = await authenticate(store, request, reply);
    if (!principal) return reply;
    if (principal.role !== "agency")
      return sendError(
        reply,
        403,
        "not-an-agency",
        "只有报送单位的令牌可以提交报告",
        "Only an agency's token may submit reports"
      );
    const bytes = request.body;
    if (!Buffer.isBuffer(bytes)) return sendError(reply, 415, ...NOT_JSON);
    const read = readReportJson(bytes);
    if (!read.ok)
      return sendError(
        reply,
        400,
        "invalid-report",
        `不是符合数据约定的年报 JSON：${read.problems[0].message}`,
        `Not a report JSON of the contract: ${read.problems[0].messageEn}`,
        { problems: read.problems }
      );
    const key = String(request.headers["idempotency-key"] ?? "");
    // The stored body is the canonical form; its hash is what the client must have sent as the key.
    const body = canonicalJson(JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, "")));
    const sha256 = await sha256Hex(body);
    if (!KEY_PATTERN.test(key) || key !== sha256)
      return sendError(
        reply,
        400,
        key ? "idempotency-key-mismatch" : "idempotency-key-missing",
        key
          ? "Idempotency-Key 与报告内容不符：应为报告规范化 JSON（RFC 8785）的 SHA-256（十六进制小写）"
          : "缺少 Idempotency-Key：应为报告规范化 JSON（RFC 8785）的 SHA-256（十六进制小写）",
        key
          ? "Idempotency-Key does not match the body: it must be the lower-case hex SHA-256 of the report's canonical JSON (RFC 8785)"
          : "Missing Idempotency-Key: the lower-case hex SHA-256 of the report's canonical JSON (RFC 8785)"
      );
    const report = read.report;
    if (report.agency !== principal.name)
      return sendError(
        reply,
        403,
        "agency-mismatch",
        `报告的单位“${report.agency}”不是本令牌所属的单位“${principal.name}”`,
        `The report's agency "${report.agency}" is not this token's agency "${principal.name}"`
      );
    const findings: FindingsDocument = validateReport(report);
    const draft = (request.query as Record<string, string | undefined>).draft === "true";
    if (!findings.valid && !draft) return reply.code(422).send(findings);
    const { receipt, created } = await store.submit({
      agency: principal,
      year: report.year,
      format: report.format,
      sha256,
      draft,
      body,
      findings,
    });
    if (created && hooks.crashAfterCommit) process.kill(process.pid, "SIGKILL");
    if (created && hooks.delayAfterCommitMs)
      await new Promise((r) => setTimeout(r, hooks.delayAfterCommitMs));
    if (!created) reply.header("Idempotent-Replayed", "true");
    return reply.code(201).send(receipt);
  });

  app.get<{ Params: { id: string } }>(`${REPORTS_PATH}/:id`, async (request, reply) => {
    const principal = await authenticate(store, request, reply);
    if (!principal) return reply;
    const stored = await store.report(request.params.id, principal);
    if (!stored) return sendError(reply, 404, "not-found", "没有这份报告", "No such report");
    return reply.send({
      receipt: stored.receipt,
      report: JSON.parse(stored.body),
      findings: stored.findings,
    });
  });

  app.get<{ Querystring: { year?: string } }>(REPORTS_PATH, async (request, reply) => {
    const principal = await authenticate(store, request, reply);
    if (!principal) return reply;
    const raw = request.query.year;
    const year = raw === undefined ? undefined : Number(raw);
    if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2200))
      return sendError(
        reply,
        400,
        "bad-year",
        "year 应为四位年份",
        "year must be a four-digit year"
      );
    return reply.send({ reports: await store.receipts(principal, year) });
  });
}
