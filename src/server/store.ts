/**
 * What the service keeps, over the one database interface: principals (agencies and administrators, by the
 * hash of their token), reports (append-only, every version), and administrator sessions. Each write is
 * one statement or one transaction, so a crash leaves either all of it or nothing.
 */
import { randomUUID } from "node:crypto";
import type { ValidationResult } from "../checks/types";
import type { Receipt } from "../platform/protocol";
import type { FormatId } from "../templates/formats";
import type { Db } from "./db";
import { newSecret, secretHash } from "./tokens";

export type Role = "agency" | "admin";

export interface Principal {
  id: number;
  name: string;
  role: Role;
}

/** The findings document of report-json.md, with `summary.incomplete`. */
export type FindingsDocument = ValidationResult;

export interface StoredReport {
  receipt: Receipt;
  /** The canonical JSON the receipt's sha256 is of. */
  body: string;
  findings: FindingsDocument;
}

interface ReportRow {
  id: string;
  agency: string;
  year: number;
  format: string;
  sha256: string;
  draft: boolean;
  errors: number;
  warnings: number;
  incomplete: number;
  received_at: Date | string;
  body?: string;
  findings?: string;
}

const REPORT_COLUMNS = `r.id, p.name AS agency, r.year, r.format, r.sha256, r.draft, r.errors, r.warnings,
  r.incomplete, r.received_at`;

function receiptOf(row: ReportRow): Receipt {
  const receipt: Receipt = {
    id: row.id,
    agency: row.agency,
    year: row.year,
    format: row.format as FormatId,
    sha256: row.sha256,
    receivedAt: new Date(row.received_at).toISOString(),
    summary: { errors: row.errors, warnings: row.warnings, incomplete: row.incomplete },
  };
  if (row.draft) receipt.draft = true;
  return receipt;
}

export class DuplicateNameError extends Error {}

export class Store {
  constructor(readonly db: Db) {}

  /** Creates an agency or administrator; the token is returned once and kept only as its hash. */
  async addPrincipal(role: Role, name: string): Promise<{ principal: Principal; token: string }> {
    const token = newSecret();
    const rows = await this.db.query<Principal>(
      `INSERT INTO principals (name, role, token_sha256) VALUES ($1, $2, $3)
       ON CONFLICT (role, name) DO NOTHING RETURNING id, name, role`,
      [name, role, secretHash(token)]
    );
    if (!rows.length) throw new DuplicateNameError(name);
    return { principal: rows[0], token };
  }

  /** A new token for an existing agency or administrator (the old one stops working); undefined if none. */
  async replaceToken(role: Role, name: string): Promise<string | undefined> {
    const token = newSecret();
    const rows = await this.db.query(
      "UPDATE principals SET token_sha256 = $1 WHERE role = $2 AND name = $3 RETURNING id",
      [secretHash(token), role, name]
    );
    return rows.length ? token : undefined;
  }

  async principalByToken(token: string): Promise<Principal | undefined> {
    const rows = await this.db.query<Principal>(
      "SELECT id, name, role FROM principals WHERE token_sha256 = $1",
      [secretHash(token)]
    );
    return rows[0];
  }

  async agencies(): Promise<Principal[]> {
    return this.db.query<Principal>(
      "SELECT id, name, role FROM principals WHERE role = 'agency' ORDER BY name"
    );
  }

  /**
   * Stores a submission unless the same report (same hash, same draft flag) of the same agency is already
   * stored; either way answers the stored receipt. One statement: concurrent repeats store it once.
   */
  async submit(input: {
    agency: Principal;
    year: number;
    format: FormatId;
    sha256: string;
    draft: boolean;
    body: string;
    findings: FindingsDocument;
  }): Promise<{ receipt: Receipt; created: boolean }> {
    const { agency, findings } = input;
    // One statement in the usual case: the new row, or the stored one when this report is a repeat.
    const columns = `id, year, format, sha256, draft, errors, warnings, incomplete, received_at`;
    const rows = await this.db.query<ReportRow & { created: boolean }>(
      `WITH inserted AS (
         INSERT INTO reports (id, agency_id, year, format, sha256, draft, errors, warnings, incomplete,
           body, findings, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (agency_id, sha256, draft) DO NOTHING RETURNING ${columns})
       SELECT ${columns}, true AS created FROM inserted
       UNION ALL
       SELECT ${columns}, false AS created FROM reports
       WHERE agency_id = $2 AND sha256 = $5 AND draft = $6 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [
        randomUUID(),
        agency.id,
        input.year,
        input.format,
        input.sha256,
        input.draft,
        findings.summary.errors,
        findings.summary.warnings,
        findings.summary.incomplete,
        input.body,
        JSON.stringify(findings),
        new Date().toISOString(),
      ]
    );
    let row = rows[0];
    if (!row) {
      // A concurrent repeat committed after this statement's snapshot: it is there for the next one.
      const again = await this.db.query<ReportRow>(
        `SELECT ${columns} FROM reports WHERE agency_id = $1 AND sha256 = $2 AND draft = $3`,
        [agency.id, input.sha256, input.draft]
      );
      row = { ...again[0], created: false };
    }
    return { receipt: receiptOf({ ...row, agency: agency.name }), created: row.created };
  }

  /** One stored report, if `viewer` may see it (its own agency, or an administrator). */
  async report(id: string, viewer: Principal): Promise<StoredReport | undefined> {
    const rows = await this.db.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS}, r.body, r.findings FROM reports r JOIN principals p ON p.id = r.agency_id
       WHERE r.id = $1 AND ($2 OR r.agency_id = $3)`,
      [id, viewer.role === "admin", viewer.id]
    );
    const row = rows[0];
    if (!row) return undefined;
    return { receipt: receiptOf(row), body: row.body!, findings: JSON.parse(row.findings!) };
  }

  /** Receipts `viewer` may see, oldest first; of one year when given. */
  async receipts(viewer: Principal, year?: number): Promise<Receipt[]> {
    const rows = await this.db.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM reports r JOIN principals p ON p.id = r.agency_id
       WHERE ($1 OR r.agency_id = $2) AND ($3::integer IS NULL OR r.year = $3)
       ORDER BY r.received_at, r.id`,
      [viewer.role === "admin", viewer.id, year ?? null]
    );
    return rows.map(receiptOf);
  }

  /** The years anything was submitted for, newest first. */
  async years(): Promise<number[]> {
    const rows = await this.db.query<{ year: number }>(
      "SELECT DISTINCT year FROM reports ORDER BY year DESC"
    );
    return rows.map((r) => r.year);
  }

  /** Every accepted (not draft) report of a year, the latest per agency first in agency order. */
  async acceptedBodies(year: number, latestOnly: boolean): Promise<StoredReport[]> {
    const rows = await this.db.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS}, r.body, r.findings FROM reports r JOIN principals p ON p.id = r.agency_id
       WHERE r.year = $1 AND NOT r.draft
       ORDER BY p.name, r.received_at DESC, r.id`,
      [year]
    );
    const seen = new Set<string>();
    const out: StoredReport[] = [];
    for (const row of rows) {
      if (latestOnly && seen.has(row.agency)) continue;
      seen.add(row.agency);
      out.push({ receipt: receiptOf(row), body: row.body!, findings: JSON.parse(row.findings!) });
    }
    return out;
  }

  // Sessions of the overview page: the cookie holds a random id, the table only its hash.

  async openSession(adminId: number, hours: number): Promise<{ id: string; csrf: string }> {
    const id = newSecret("s_");
    const csrf = newSecret("c_");
    const expires = new Date(Date.now() + hours * 3600_000).toISOString();
    await this.db.query(
      "INSERT INTO sessions (id_sha256, admin_id, csrf, expires_at) VALUES ($1, $2, $3, $4)",
      [secretHash(id), adminId, csrf, expires]
    );
    return { id, csrf };
  }

  async session(id: string): Promise<{ admin: Principal; csrf: string } | undefined> {
    const rows = await this.db.query<Principal & { csrf: string }>(
      `SELECT p.id, p.name, p.role, s.csrf FROM sessions s JOIN principals p ON p.id = s.admin_id
       WHERE s.id_sha256 = $1 AND s.expires_at > now() AND p.role = 'admin'`,
      [secretHash(id)]
    );
    const row = rows[0];
    return row && { admin: { id: row.id, name: row.name, role: row.role }, csrf: row.csrf };
  }

  async closeSession(id: string): Promise<void> {
    await this.db.query("DELETE FROM sessions WHERE id_sha256 = $1 OR expires_at < now()", [
      secretHash(id),
    ]);
  }
}
