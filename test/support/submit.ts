/** Sending reports to a service under test, as a client of nianbao/submit@1 would, or as a bad one. */
import { buildSubmission } from "../../src/platform/protocol";
import type { Report } from "../../src/report/model";

export async function submitReport(
  url: string,
  token: string,
  report: Report,
  options: { draft?: boolean; signal?: AbortSignal } = {}
): Promise<{ status: number; body: any; headers: Headers }> {
  const request = await buildSubmission(report, { baseUrl: url, token, draft: options.draft });
  const response = await fetch(request.url, {
    method: "POST",
    headers: request.headers,
    body: request.body,
    signal: options.signal,
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

export async function getJson(
  url: string,
  token?: string,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, {
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}
