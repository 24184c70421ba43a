/**
 * The one database interface the service uses, over either engine: PGlite (PostgreSQL compiled to
 * WebAssembly, in this process, files in a data directory) or a PostgreSQL server (`pg`). Both speak the same
 * SQL with `$1` parameters, so everything above this file is written once.
 */
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Sql {
  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly engine: "pglite" | "postgres";
}

async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  const sql = (q: Pick<PGlite, "query">): Sql => ({
    async query<T>(text: string, params?: unknown[]) {
      return (await q.query<T>(text, params as unknown[])).rows;
    },
  });
  return {
    engine: "pglite",
    ...sql(lite),
    transaction: (work) => lite.transaction((tx) => work(sql(tx))),
    close: () => lite.close(),
  };
}

async function openPostgres(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Fail at start, not on the first request, when the server cannot be reached.
  await pool.query("SELECT 1");
  const sql = (q: pg.Pool | pg.PoolClient): Sql => ({
    async query<T>(text: string, params?: unknown[]) {
      return (await q.query(text, params)).rows as T[];
    },
  });
  return {
    engine: "postgres",
    ...sql(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(sql(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** PostgreSQL when a connection string is given (DATABASE_URL), else PGlite in `dataDir`. */
export function openDb(options: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
