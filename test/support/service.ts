/**
 * The receiving service in tests, on both engines: PGlite in a fresh data directory, or a fresh database on
 * a PostgreSQL server started for the test file. In this process (Fastify on 127.0.0.1) or as a child
 * process of the real command line (for kill -9).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppOptions } from "../../src/server/app";
import { openStore, type StorageSettings } from "../../src/server/open";
import type { Store } from "../../src/server/store";
import { freePort, startPostgres, type PostgresServer } from "./postgres";

export type Engine = "pglite" | "postgres";
export const ENGINES: Engine[] = ["pglite", "postgres"];
export const BIN = join(__dirname, "../../bin/nianbao.js");

/** Per test file: fresh storage settings for an engine; the PostgreSQL server is started on first use. */
export function storageFactory(): {
  settings(engine: Engine): Promise<StorageSettings>;
  stop(): Promise<void>;
} {
  let server: Promise<PostgresServer> | undefined;
  return {
    async settings(engine) {
      const dataDir = mkdtempSync(join(tmpdir(), "nianbao-serve-"));
      if (engine === "pglite") return { dataDir };
      server ??= startPostgres();
      return { dataDir, databaseUrl: await (await server).newDatabase() };
    },
    async stop() {
      if (server) (await server).stop();
    },
  };
}

export interface RunningService {
  url: string;
  store: Store;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startInProcess(
  settings: StorageSettings,
  options: Omit<AppOptions, "store"> = {}
): Promise<RunningService> {
  const store = await openStore(settings);
  const app = await buildApp({ store, ...options });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url,
    store,
    app,
    async close() {
      await app.close();
      await store.release();
    },
  };
}

/** Agencies (and administrators) made directly in storage; the tokens, by name. */
export async function addPrincipals(
  settings: StorageSettings,
  agencies: string[],
  admins: string[] = []
): Promise<Map<string, string>> {
  const store = await openStore(settings);
  const tokens = new Map<string, string>();
  try {
    for (const name of agencies) tokens.set(name, (await store.addPrincipal("agency", name)).token);
    for (const name of admins) tokens.set(name, (await store.addPrincipal("admin", name)).token);
  } finally {
    await store.release();
  }
  return tokens;
}

export interface ChildService {
  url: string;
  process: ChildProcess;
  /** Everything the service wrote (its logs). */
  output(): string;
  /** Resolves when the process has ended. */
  exited: Promise<void>;
}

/** `nianbao serve` as a child process; resolves once it answers /healthz. */
export async function startChild(
  settings: StorageSettings,
  env: Record<string, string> = {},
  args: string[] = []
): Promise<ChildService> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [BIN, "serve", "--port", String(port), "--data", settings.dataDir, ...args],
    {
      env: {
        ...process.env,
        ...(settings.databaseUrl ? { DATABASE_URL: settings.databaseUrl } : { DATABASE_URL: "" }),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    }
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`service exited at start:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`service did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, process: child, output: () => output, exited };
}

export async function stopChild(service: ChildService): Promise<void> {
  if (service.process.exitCode === null && service.process.signalCode === null) {
    service.process.kill("SIGTERM");
    await service.exited;
  }
}
