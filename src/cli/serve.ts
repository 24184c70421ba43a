/**
 * `nianbao serve`: the receiving service; `nianbao serve add-agency|add-admin NAME`: a new agency or
 * administrator, whose token is printed once, as the last line, and kept only as its hash.
 */
import { buildApp, DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT, LOG_REDACT } from "../server/app";
import { DataDirBusyError, openStore, type StorageSettings } from "../server/open";
import { DuplicateNameError, type Role } from "../server/store";
import { parseCommandArgs } from "./args";
import type { Io } from "./index";

function settings(data: string | undefined): StorageSettings {
  return { dataDir: data ?? "nianbao-data", databaseUrl: process.env.DATABASE_URL || undefined };
}

function busy(io: Io, error: unknown): number {
  if (error instanceof DataDirBusyError) {
    io.err(
      `nianbao serve: 数据目录正由进程 ${error.pid} 使用（PGlite 同时只能由一个进程打开）；请先停止服务，或改用 PostgreSQL（DATABASE_URL）\n`
    );
    return 2;
  }
  throw error;
}

export async function serveCommand(args: string[], io: Io, usage: string): Promise<number> {
  if (args[0] === "add-agency" || args[0] === "add-admin" || args[0] === "new-token")
    return principalCommand(args[0], args.slice(1), io, usage);
  const parsed = parseCommandArgs(
    "serve",
    {
      args,
      options: {
        port: { type: "string", default: process.env.PORT ?? "8080" },
        host: { type: "string", default: "127.0.0.1" },
        data: { type: "string" },
        "addin-origin": { type: "string" },
        "trust-proxy": { type: "boolean" },
        "rate-limit": { type: "string" },
        "body-limit": { type: "string" },
      },
    },
    io,
    usage
  );
  if (!parsed) return 2;
  const { values } = parsed;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`nianbao serve: --port 应为端口号（invalid port）\n`);
    return 2;
  }
  let store;
  try {
    store = await openStore(settings(values.data));
  } catch (error) {
    return busy(io, error);
  }
  const app = await buildApp({
    store,
    addinOrigin: values["addin-origin"] ?? process.env.ADDIN_ORIGIN,
    trustProxy: Boolean(values["trust-proxy"]),
    rateLimit: values["rate-limit"] ? Number(values["rate-limit"]) : DEFAULT_RATE_LIMIT,
    bodyLimit: values["body-limit"] ? Number(values["body-limit"]) : DEFAULT_BODY_LIMIT,
    logger: { level: process.env.LOG_LEVEL ?? "info", redact: LOG_REDACT },
    testHooks: {
      crashAfterCommit: process.env.NIANBAO_TEST_CRASH_AFTER_COMMIT === "1",
      delayAfterCommitMs: Number(process.env.NIANBAO_TEST_DELAY_AFTER_COMMIT_MS) || undefined,
    },
  });
  const stop = async () => {
    await app.close();
    await store.release();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  const address = await app.listen({ port, host: values.host });
  io.err(
    `nianbao serve: 正在 ${address} 接收报告（${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}）\n`
  );
  return new Promise<number>(() => undefined); // runs until a signal stops it
}

async function principalCommand(
  command: "add-agency" | "add-admin" | "new-token",
  args: string[],
  io: Io,
  usage: string
): Promise<number> {
  const parsed = parseCommandArgs(
    `serve ${command}`,
    {
      args,
      allowPositionals: true,
      options: { data: { type: "string" }, admin: { type: "boolean" } },
    },
    io,
    usage
  );
  if (!parsed) return 2;
  const role: Role =
    command === "add-admin" || (command === "new-token" && parsed.values.admin)
      ? "admin"
      : "agency";
  const name = parsed.positionals.join(" ").trim();
  if (!name || name.length > 200) {
    io.err(`nianbao serve ${command}: 请给出名称（a name is required）\n\n${usage}`);
    return 2;
  }
  let store;
  try {
    store = await openStore(settings(parsed.values.data));
  } catch (error) {
    return busy(io, error);
  }
  try {
    const who = role === "agency" ? "报送单位" : "管理员";
    let token: string | undefined;
    if (command === "new-token") {
      token = await store.replaceToken(role, name);
      if (!token) {
        io.err(`nianbao serve new-token: 没有名为“${name}”的${who}（no such ${role}）\n`);
        return 2;
      }
    } else token = (await store.addPrincipal(role, name)).token;
    const done =
      command === "new-token"
        ? `已为${who}“${name}”换发令牌，旧令牌已失效`
        : `已新建${who}“${name}”`;
    io.out(`${done}。令牌只显示这一次，请妥善交付（token, shown once）：\n${token}\n`);
    return 0;
  } catch (error) {
    if (error instanceof DuplicateNameError) {
      io.err(`nianbao serve ${command}: “${name}”已存在（already exists）\n`);
      return 2;
    }
    throw error;
  } finally {
    await store.release();
  }
}
