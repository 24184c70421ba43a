/**
 * Opening the service's storage from its settings: PostgreSQL when DATABASE_URL is set, else PGlite in the
 * data directory, which one process at a time may hold (a pid file says which); migrations applied.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDb, type Db } from "./db";
import { migrate } from "./migrations";
import { Store } from "./store";

export interface StorageSettings {
  dataDir: string;
  databaseUrl?: string;
}

export class DataDirBusyError extends Error {
  constructor(readonly pid: number) {
    super(`data directory in use by process ${pid}`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Claims the data directory for this process; a pid file left by a killed process is taken over. */
function claim(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "nianbao.pid");
  let holder = NaN;
  try {
    holder = Number(readFileSync(file, "utf8").trim());
  } catch {
    // no pid file: free
  }
  if (Number.isInteger(holder) && holder !== process.pid && alive(holder))
    throw new DataDirBusyError(holder);
  writeFileSync(file, `${process.pid}\n`);
  return () => rmSync(file, { force: true });
}

export async function openStore(
  settings: StorageSettings
): Promise<Store & { release(): Promise<void> }> {
  const release = settings.databaseUrl ? () => undefined : claim(settings.dataDir);
  let db: Db;
  try {
    db = await openDb({
      databaseUrl: settings.databaseUrl,
      dataDir: join(settings.dataDir, "pgdata"),
    });
    await migrate(db);
  } catch (error) {
    release();
    throw error;
  }
  const store = new Store(db) as Store & { release(): Promise<void> };
  store.release = async () => {
    await db.close();
    release();
  };
  return store;
}
