/** Schema migrations: a database left at an older version is brought up to date at start, data kept. */
import { join } from "node:path";
import { openDb, type Db } from "../../src/server/db";
import { migrate, MIGRATIONS, SCHEMA_VERSION } from "../../src/server/migrations";
import { openStore } from "../../src/server/open";
import { ENGINES, storageFactory } from "../support/service";

jest.setTimeout(120_000);
const storage = storageFactory();
afterAll(() => storage.stop());

/** The newest migration the database records as applied. */
async function schemaVersion(db: Db): Promise<number> {
  const rows = await db.query<{ v: number | null }>(
    "SELECT max(version) AS v FROM schema_migrations"
  );
  return rows[0]?.v ?? 0;
}

test("versions are numbered 1, 2, … without gaps", () => {
  expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
});

test.each(ENGINES)("an old schema is migrated at start, its data kept (%s)", async (engine) => {
  const settings = await storage.settings(engine);
  // A database as the first release left it: schema version 1, one agency, one report.
  const old = await openDb({ ...settings, dataDir: join(settings.dataDir, "pgdata") });
  expect(await migrate(old, 1)).toEqual([1]);
  await old.query(
    "INSERT INTO principals (name, role, token_sha256) VALUES ('某局', 'agency', $1)",
    ["a".repeat(64)]
  );
  await old.query(
    `INSERT INTO reports (id, agency_id, year, format, sha256, draft, errors, warnings, incomplete, body,
       findings, received_at) SELECT 'r1', id, 2024, '2021', $1, false, 0, 0, 0, '{}', '{}', now()
     FROM principals`,
    ["b".repeat(64)]
  );
  expect(await schemaVersion(old)).toBe(1);
  await old.close();

  // The upgraded service opens it: the missing steps are applied, once.
  const store = await openStore(settings);
  try {
    expect(await schemaVersion(store.db)).toBe(SCHEMA_VERSION);
    expect(await migrate(store.db)).toEqual([]);
    const admin = await store.addPrincipal("admin", "办公室");
    const session = await store.openSession(admin.principal.id, 1); // a table of version 2
    expect((await store.session(session.id))?.admin.name).toBe("办公室");
    const receipts = await store.receipts(admin.principal, 2024);
    expect(receipts.map((r) => [r.id, r.agency, r.sha256])).toEqual([
      ["r1", "某局", "b".repeat(64)],
    ]);
  } finally {
    await store.release();
  }
});
