/**
 * The submission protocol `nianbao/submit@1`, as data and pure functions shared by the task pane, the
 * command line and the receiving service: the canonical form of a report (RFC 8785, JSON Canonicalization
 * Scheme), its idempotency key, the request that submits it and the receipt that answers it. Sending is left
 * to the caller (fetch in the pane and the CLI; the service only checks).
 */
import canonicalize from "canonicalize";
import type { Report } from "../report/model";
import type { FormatId } from "../templates/formats";

/** Where reports are sent (POST) and listed (GET, `?year=`); one report is `${REPORTS_PATH}/{id}`. */
export const REPORTS_PATH = "/api/v1/reports";

/** What the service answers to an accepted submission (201), and again, unchanged, to a repeat of it. */
export interface Receipt {
  id: string;
  agency: string;
  year: number;
  format: FormatId;
  /** Hex SHA-256 of the report's canonical JSON: the Idempotency-Key the report was sent with. */
  sha256: string;
  /** ISO 8601, the service's clock. */
  receivedAt: string;
  summary: { errors: number; warnings: number; incomplete: number };
  /** True when sent with `?draft=true`: stored, never counted as submitted. */
  draft?: boolean;
}

/** RFC 8785 canonical JSON: sorted keys, no white space, ECMAScript number form. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON form");
  return text;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text` (Web Crypto: Node 20, every supported webview). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The Idempotency-Key of a report: the hex SHA-256 of its canonical JSON. */
export function idempotencyKey(report: Report): Promise<string> {
  return sha256Hex(canonicalJson(report));
}

export interface SubmissionRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  /** The canonical JSON itself, so that the key provably matches the body. */
  body: string;
}

/** The request that submits `report` to the service at `baseUrl` with an agency's token. */
export async function buildSubmission(
  report: Report,
  options: { baseUrl: string; token: string; draft?: boolean }
): Promise<SubmissionRequest> {
  const body = canonicalJson(report);
  const url = new URL(REPORTS_PATH.slice(1), withSlash(options.baseUrl));
  if (options.draft) url.searchParams.set("draft", "true");
  return {
    url: url.toString(),
    method: "POST",
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      Authorization: `Bearer ${options.token}`,
      "Idempotency-Key": await sha256Hex(body),
    },
    body,
  };
}

function withSlash(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

/** A receipt from an untrusted answer, or undefined when it is not of the receipt's shape. */
export function readReceipt(value: unknown): Receipt | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const s = r.summary as Record<string, unknown> | undefined;
  const ok =
    typeof r.id === "string" &&
    typeof r.agency === "string" &&
    Number.isInteger(r.year) &&
    (r.format === "2019" || r.format === "2021") &&
    typeof r.sha256 === "string" &&
    /^[0-9a-f]{64}$/.test(r.sha256) &&
    typeof r.receivedAt === "string" &&
    !Number.isNaN(Date.parse(r.receivedAt)) &&
    typeof s === "object" &&
    s !== null &&
    [s.errors, s.warnings, s.incomplete].every((n) => Number.isInteger(n) && (n as number) >= 0) &&
    (r.draft === undefined || typeof r.draft === "boolean");
  if (!ok) return undefined;
  const receipt: Receipt = {
    id: r.id as string,
    agency: r.agency as string,
    year: r.year as number,
    format: r.format as FormatId,
    sha256: r.sha256 as string,
    receivedAt: r.receivedAt as string,
    summary: {
      errors: s.errors as number,
      warnings: s.warnings as number,
      incomplete: s.incomplete as number,
    },
  };
  if (r.draft !== undefined) receipt.draft = r.draft as boolean;
  return receipt;
}
