/**
 * The office's overview, behind an administrator login: a session cookie (HttpOnly, SameSite=Strict, its id
 * stored only as a hash), logins accepted only from this site's own pages, logout with a CSRF token; pages
 * are read-only otherwise.
 */
import { strToU8, zipSync } from "fflate";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { readReportJson, reportToJson } from "../report/read-json";
import { renderHtml } from "../render/html";
import { aggregateAsync } from "../aggregate/aggregate";
import { writeAggregateWorkbook } from "../xlsx/write-aggregate";
import { writeReportWorkbook } from "../xlsx/write-report";
import { sendError } from "./errors";
import { agencyRows, loginPage, overviewPage, reportPage } from "./pages";
import type { Principal, Store, StoredReport } from "./store";
import { readSessionCookie, setSessionCookie } from "./session-cookie";
import { sameSecret } from "./tokens";

const SESSION_HOURS = 8;

interface Session {
  admin: Principal;
  csrf: string;
}

/** A POST from a page of another site carries its own Origin; refuse it (login CSRF). */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === `${request.protocol}://${request.host}`;
}

function html(reply: FastifyReply, text: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .header("Cache-Control", "no-store")
    .type("text/html; charset=utf-8")
    .send(text);
}

function download(reply: FastifyReply, name: string, type: string, data: string | Uint8Array) {
  return reply
    .header("Cache-Control", "no-store")
    .header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .type(type)
    .send(typeof data === "string" ? data : Buffer.from(data));
}

function parsedReport(stored: StoredReport) {
  const read = readReportJson(stored.body);
  if (!read.ok) throw new Error(`stored report ${stored.receipt.id} no longer reads`);
  return read.report;
}

/** The name the sum of a year's reports carries as its agency. */
export const AGGREGATE_AGENCY = "各报送单位合计";

/** The overview's offer of the sum of a year's accepted reports (the latest of each agency). */
function aggregateLinks(year: number): string {
  return `<p>${year} 年度已接受报告的合计：
<a href="/overview/${year}/aggregate.json">报告 JSON</a>
<a href="/overview/${year}/aggregate.sources.json">来源清单（JSON）</a>
<a href="/overview/${year}/aggregate.xlsx">工作簿（含“来源”工作表）</a></p>`;
}

export function registerOverview(app: FastifyInstance, store: Store): void {
  const session = async (request: FastifyRequest): Promise<Session | undefined> => {
    const id = readSessionCookie(request);
    return id ? store.session(id) : undefined;
  };
  /** The session, or undefined after answering with the login page's address. */
  const requireSession = async (request: FastifyRequest, reply: FastifyReply) => {
    const s = await session(request);
    if (!s) reply.redirect("/login", 303);
    return s;
  };
  const user = (s: Session) => ({ name: s.admin.name, csrf: s.csrf });

  app.get("/", (_request, reply) => reply.redirect("/overview", 303));
  app.get("/favicon.ico", (_request, reply) => reply.code(204).send());
  app.get("/login", (_request, reply) => html(reply, loginPage()));

  app.post<{ Body: Record<string, string> }>("/login", async (request, reply) => {
    if (!sameOrigin(request)) return html(reply, loginPage("请从本站的登录页登录"), 403);
    const { name = "", token = "" } = (request.body ?? {}) as Record<string, string>;
    const admin = token ? await store.principalByToken(token) : undefined;
    if (!admin || admin.role !== "admin" || !sameSecret(admin.name, name))
      return html(reply, loginPage("名称或令牌不正确"), 401);
    const { id } = await store.openSession(admin.id, SESSION_HOURS);
    setSessionCookie(reply, id, {
      secure: request.protocol === "https",
      maxAgeSeconds: SESSION_HOURS * 3600,
    });
    return reply.redirect("/overview", 303);
  });

  app.post<{ Body: Record<string, string> }>("/logout", async (request, reply) => {
    const s = await session(request);
    const csrf = String((request.body ?? {}).csrf ?? "");
    if (!s || !sameOrigin(request) || !sameSecret(s.csrf, csrf))
      return sendError(reply, 403, "csrf", "请求来源无法确认", "Cross-site request refused");
    await store.closeSession(readSessionCookie(request)!);
    setSessionCookie(reply, "", { secure: request.protocol === "https", maxAgeSeconds: 0 });
    return reply.redirect("/login", 303);
  });

  app.get<{ Querystring: { year?: string } }>("/overview", async (request, reply) => {
    const s = await requireSession(request, reply);
    if (!s) return reply;
    const known = await store.years();
    const asked = Number(request.query.year);
    const year =
      Number.isInteger(asked) && asked > 2000 ? asked : (known[0] ?? new Date().getFullYear() - 1);
    const years = [...new Set([year, ...known])].sort((a, b) => b - a);
    const rows = agencyRows(await store.agencies(), await store.receipts(s.admin, year));
    return html(reply, overviewPage(year, years, rows, user(s), aggregateLinks(year)));
  });

  app.get<{ Params: { id: string } }>("/overview/reports/:id", async (request, reply) => {
    const s = await requireSession(request, reply);
    if (!s) return reply;
    const stored = await store.report(request.params.id, s.admin);
    if (!stored)
      return html(reply, "<!DOCTYPE html><title>没有这份报告</title><p>没有这份报告。</p>", 404);
    const history = (await store.receipts(s.admin, stored.receipt.year)).filter(
      (r) => r.agency === stored.receipt.agency
    );
    return html(reply, reportPage(stored.receipt, stored.findings, history, user(s)));
  });

  app.get<{ Params: { id: string; kind: string } }>(
    "/overview/reports/:id/report.:kind",
    async (request, reply) => {
      const s = await requireSession(request, reply);
      if (!s) return reply;
      const stored = await store.report(request.params.id, s.admin);
      if (!stored) return sendError(reply, 404, "not-found", "没有这份报告", "No such report");
      const report = parsedReport(stored);
      const base = `${report.agency}${report.year}年度报告`;
      switch (request.params.kind) {
        case "html":
          return html(reply, renderHtml(report, { draft: !stored.findings.valid }));
        case "json":
          return download(
            reply,
            `${base}.json`,
            "application/json; charset=utf-8",
            stored.body + "\n"
          );
        case "xlsx":
          return download(reply, `${base}.xlsx`, XLSX_TYPE, await writeReportWorkbook(report));
        default:
          return sendError(reply, 404, "not-found", "没有这种格式", "No such format");
      }
    }
  );

  app.get<{ Params: { year: string }; Querystring: { all?: string } }>(
    "/overview/:year/reports.jsonl",
    async (request, reply) => {
      const s = await requireSession(request, reply);
      if (!s) return reply;
      const year = reportYear(request.params.year);
      if (!year) return sendError(reply, 404, "not-found", "没有这个年度", "No such year");
      const reports = await store.acceptedBodies(year, request.query.all !== "1");
      const text = reports.map((r) => r.body + "\n").join("");
      return download(reply, `${year}年度报告.jsonl`, "application/jsonl; charset=utf-8", text);
    }
  );

  // The sum of the year's accepted reports: reports with errors are admitted and listed with them in the
  // sources record; reports of another format than the year's are refused, said, and nothing is summed.
  app.get<{ Params: { year: string; kind: string } }>(
    "/overview/:year/aggregate.:kind",
    async (request, reply) => {
      const s = await requireSession(request, reply);
      if (!s) return reply;
      const year = reportYear(request.params.year);
      const kind = request.params.kind;
      if (!year) return sendError(reply, 404, "not-found", "没有这个年度", "No such year");
      if (!["json", "sources.json", "xlsx"].includes(kind))
        return sendError(reply, 404, "not-found", "没有这种格式", "No such format");
      const stored = await store.acceptedBodies(year, true);
      const result = await aggregateAsync(
        stored.map((r) => ({
          file: r.receipt.id,
          sha256: r.receipt.sha256,
          report: parsedReport(r),
        })),
        { agency: AGGREGATE_AGENCY, allowErrors: true }
      );
      if (!result.ok)
        return sendError(reply, 409, "not-aggregated", "无法汇总", "Cannot aggregate", {
          refusals: result.refusals,
        });
      const base = `${year}年度${AGGREGATE_AGENCY}`;
      const json = "application/json; charset=utf-8";
      if (kind === "json")
        return download(reply, `${base}.json`, json, reportToJson(result.report));
      if (kind === "sources.json")
        return download(
          reply,
          `${base}.sources.json`,
          json,
          JSON.stringify(result.record, null, 2)
        );
      return download(
        reply,
        `${base}.xlsx`,
        XLSX_TYPE,
        await writeAggregateWorkbook(result.report, result.record)
      );
    }
  );

  app.get<{ Params: { year: string } }>("/overview/:year/workbooks.zip", async (request, reply) => {
    const s = await requireSession(request, reply);
    if (!s) return reply;
    const year = reportYear(request.params.year);
    if (!year) return sendError(reply, 404, "not-found", "没有这个年度", "No such year");
    const files: Record<string, Uint8Array> = {};
    for (const stored of await store.acceptedBodies(year, true)) {
      const report = parsedReport(stored);
      files[`${safeFileName(report.agency)}${year}年度报告.xlsx`] =
        await writeReportWorkbook(report);
    }
    files["说明.txt"] = strToU8(
      `${year} 年度各单位最新一次已接受的报告，共 ${Object.keys(files).length} 份。\n`
    );
    return download(
      reply,
      `${year}年度报告工作簿.zip`,
      "application/zip",
      zipSync(files, { level: 6 })
    );
  });
}

function reportYear(text: string): number | undefined {
  return /^\d{4}$/.test(text) ? Number(text) : undefined;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function safeFileName(name: string): string {
  return [...name].map((c) => (c < " " || '\\/:*?"<>|'.includes(c) ? "_" : c)).join("");
}
