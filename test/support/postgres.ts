/**
 * A real PostgreSQL server for tests, from Debian's packages: initdb into a temporary directory, started with
 * pg_ctl on 127.0.0.1 and a free port, stopped and removed at the end. PostgreSQL refuses to run as root,
 * so as root it runs as the `postgres` user. Absent binaries are said plainly, not skipped in silence.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions)
    if (existsSync(join(root, v, "bin", "pg_ctl"))) return join(root, v, "bin");
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  /** A connection string to a new, empty database on this server. */
  newDatabase(): Promise<string>;
  stop(): void;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  if (!bin)
    throw new Error(
      "PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)"
    );
  const dir = mkdtempSync(join(tmpdir(), "nianbao-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  let uid = 0;
  let gid = 0;
  if (asRoot) {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chmodSync(dir, 0o755);
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", join(bin, tool), ...args], {
          stdio: "pipe",
        })
      : execFileSync(join(bin, tool), args, { stdio: "pipe" });
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  run("pg_ctl", [
    "start",
    "-w",
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-o",
    `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=on -c max_connections=200`,
  ]);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    async newDatabase() {
      const name = `nianbao_test_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        run("pg_ctl", ["stop", "-D", data, "-m", "immediate"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
