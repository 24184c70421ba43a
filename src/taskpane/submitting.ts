/**
 * Sending a submission (protocol nianbao/submit@1, built by src/platform/protocol.ts) with fetch, and
 * reading what came back as one of a few outcomes the pane can put in plain words. Nothing here retries by
 * itself: the pane keeps the report it tried to send, and its 重试 sends the same body, hence the same
 * Idempotency-Key, so a retry after a timeout is answered with the same receipt and never stores twice.
 */
import type { Severity } from "../checks/types";
import { readReceipt, type Receipt, type SubmissionRequest } from "../platform/protocol";

/** How long to wait for the platform's answer before giving up (the user can retry). */
export const SUBMIT_TIMEOUT_MS = 30_000;

/** A finding as the platform reports it (422): only what the pane shows, read defensively. */
interface RemoteFinding {
  severity: Severity;
  message: string;
  messageEn?: string;
}

export type SendResult =
  /**
   * 201 (stored now) or the same report again: the same receipt, nothing stored (the service marks it with
   * `Idempotent-Replayed: true`; a 200 is read the same way).
   */
  | { kind: "accepted"; receipt: Receipt; repeat: boolean }
  /** 422: the platform's checks found errors; nothing was stored. */
  | { kind: "invalid"; findings: RemoteFinding[] }
  | { kind: "unauthorized" }
  /** 403 `not-an-agency`: a valid token, but an administrator's, which cannot submit. */
  | { kind: "not-an-agency" }
  | { kind: "forbidden"; detail?: Detail }
  | { kind: "too-many"; retryAfterSeconds?: number }
  | { kind: "server"; status: number }
  /** Any other refusal (400, 413 …): the request itself is wrong, a retry will not help. */
  | { kind: "refused"; status: number; detail?: Detail }
  /** The computer is offline. */
  | { kind: "offline" }
  /** No answer: the address does not resolve, TLS or CORS failed, the service is down. */
  | { kind: "unreachable" }
  | { kind: "timeout" }
  /** A 2xx that is not a receipt of this very report. */
  | { kind: "bad-answer" };

/** The service's own short explanation of a refusal (its error body's message / messageEn). */
export interface Detail {
  message: string;
  messageEn?: string;
}

interface SendOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export async function sendSubmission(
  request: SubmissionRequest,
  options: SendOptions = {}
): Promise<SendResult> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? SUBMIT_TIMEOUT_MS);
  try {
    const response = await doFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: abort.signal,
      // The token is in the header; no cookies of the platform's site go with it.
      credentials: "omit",
      cache: "no-store",
    });
    const body: unknown = await response.json().catch(() => undefined);
    return resultOf(response.status, response.headers, body, request.headers["Idempotency-Key"]);
  } catch {
    if (abort.signal.aborted) return { kind: "timeout" };
    return typeof navigator !== "undefined" && navigator.onLine === false
      ? { kind: "offline" }
      : { kind: "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

function resultOf(status: number, headers: Headers, body: unknown, key: string): SendResult {
  if (status === 200 || status === 201) {
    const receipt = readReceipt(body);
    // A receipt for another body would record the wrong report as submitted.
    if (!receipt || receipt.sha256 !== key) return { kind: "bad-answer" };
    const replayed = headers.get("Idempotent-Replayed") === "true";
    return { kind: "accepted", receipt, repeat: status === 200 || replayed };
  }
  if (status === 422) return { kind: "invalid", findings: findingsOf(body) };
  if (status === 401) return { kind: "unauthorized" };
  if (status === 403)
    return (body as { error?: unknown } | undefined)?.error === "not-an-agency"
      ? { kind: "not-an-agency" }
      : { kind: "forbidden", detail: detailOf(body) };
  if (status === 429) return { kind: "too-many", retryAfterSeconds: seconds(headers) };
  if (status >= 500) return { kind: "server", status };
  return { kind: "refused", status, detail: detailOf(body) };
}

const SEVERITIES: readonly string[] = ["error", "warning"];

function findingsOf(body: unknown): RemoteFinding[] {
  const list = (body as { findings?: unknown } | undefined)?.findings;
  if (!Array.isArray(list)) return [];
  return list.flatMap((f: unknown) => {
    const { severity, message, messageEn } = (f ?? {}) as Record<string, unknown>;
    if (typeof message !== "string") return [];
    return [
      {
        severity: (SEVERITIES.includes(severity as string) ? severity : "error") as Severity,
        message,
        ...(typeof messageEn === "string" ? { messageEn } : {}),
      },
    ];
  });
}

/** The error body's explanation, if it has one (shown as text, never as HTML), cut to a readable length. */
function detailOf(body: unknown): Detail | undefined {
  const { message, messageEn } = (body ?? {}) as Record<string, unknown>;
  const clip = (text: unknown) =>
    typeof text === "string" && text.trim() !== "" ? text.trim().slice(0, 300) : undefined;
  const zh = clip(message);
  if (!zh) return undefined;
  const en = clip(messageEn);
  return en ? { message: zh, messageEn: en } : { message: zh };
}

function seconds(headers: Headers): number | undefined {
  const value = Number(headers.get("Retry-After"));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

/** A receipt's time as the clerk reads it: local date and time to the minute, e.g. 2025-01-20 11:04. */
export function formatReceivedAt(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
