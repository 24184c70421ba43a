/**
 * The database schema as numbered migrations, applied in order at start, each in its own transaction with
 * its number recorded, so that an upgraded service brings an older database up to date and never applies a
 * step twice. Add a step at the end; never edit one that has been released.
 */
import type { Db } from "./db";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "agencies and reports",
    sql: `
      CREATE TABLE principals (
        id serial PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('agency', 'admin')),
        token_sha256 text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (role, name)
      );
      CREATE TABLE reports (
        id text PRIMARY KEY,
        agency_id integer NOT NULL REFERENCES principals (id),
        year integer NOT NULL,
        format text NOT NULL,
        sha256 text NOT NULL,
        draft boolean NOT NULL,
        errors integer NOT NULL,
        warnings integer NOT NULL,
        incomplete integer NOT NULL,
        body text NOT NULL,
        findings text NOT NULL,
        received_at timestamptz NOT NULL,
        UNIQUE (agency_id, sha256, draft)
      );
      CREATE INDEX reports_by_year ON reports (year, agency_id, received_at);
    `,
  },
  {
    version: 2,
    name: "administrator sessions",
    sql: `
      CREATE TABLE sessions (
        id_sha256 text PRIMARY KEY,
        admin_id integer NOT NULL REFERENCES principals (id),
        csrf text NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Applies the migrations above `version` not yet applied, up to `upTo` (all by default). An advisory lock
 * keeps two services starting on one PostgreSQL database from migrating at the same time.
 */
export async function migrate(db: Db, upTo = SCHEMA_VERSION): Promise<number[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version > upTo) break;
    const done = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(7340014)");
      const seen = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [
        m.version,
      ]);
      if (seen.length) return false;
      for (const statement of m.sql.split(";").filter((s) => s.trim())) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        m.version,
        m.name,
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
