/**
 * The receiving service as a Fastify application: protocol routes, the overview pages, and what keeps them
 * safe on a public address — a body limit, a rate limit per token, CORS for the add-in's origin only,
 * security headers, and logs without secrets.
 */
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { registerApi, requestPrincipal, type TestHooks } from "./api";
import { NOT_JSON, sendError } from "./errors";
import { registerOverview } from "./overview";
import type { Store } from "./store";

export interface AppOptions {
  store: Store;
  /** The add-in's origin (https://host[:port]); the only origin browsers may call the API from. */
  addinOrigin?: string;
  /** Largest request body, bytes. */
  bodyLimit?: number;
  /** Requests per minute per token (per address without one). */
  rateLimit?: number;
  /** Behind a reverse proxy: trust its X-Forwarded-* headers (the client's address, https). */
  trustProxy?: boolean;
  logger?: FastifyServerOptions["logger"];
  testHooks?: TestHooks;
}

export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT = 120;

/** Log lines carry method, path, status and time; never a header that holds a secret. */
export const LOG_REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // A client that sends a body slowly gets this long in all (slow uploads hold a connection).
    requestTimeout: 30_000,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    logger: options.logger ?? false,
  });

  app.removeAllContentTypeParsers();
  // The raw bytes: the report reader gives a clear answer for anything, and the key is checked on them.
  app.addContentTypeParser(["application/json"], { parseAs: "buffer" }, (_req, body, done) =>
    done(null, body)
  );
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body))))
  );

  await app.register(helmet, {
    // Not no-referrer: with it a browser sends "Origin: null" on the site's own forms, which the login's
    // same-origin check must be able to tell from another site's.
    referrerPolicy: { policy: "same-origin" },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        // Served over plain HTTP on the loopback address behind the TLS proxy; the proxy sets HSTS.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cors, {
    origin: options.addinOrigin ? [options.addinOrigin] : false,
    methods: ["GET", "POST"],
    allowedHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
    exposedHeaders: ["Idempotent-Replayed"],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    timeWindow: 60_000,
    // Per token that is one of ours; anything else (no token, a guessed one) counts against its address.
    keyGenerator: async (request) => {
      const principal = await requestPrincipal(options.store, request);
      return principal ? `p:${principal.id}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: "rate-limited",
      message: `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
      messageEn: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  app.setErrorHandler(
    (error: { statusCode?: number; code?: string; message: string }, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413)
        return sendError(
          reply,
          413,
          "too-large",
          "请求过大：一份年度报告不应超过此大小",
          "Request body too large"
        );
      if (status === 415) return sendError(reply, 415, ...NOT_JSON);
      if (status === 429) return reply.code(429).send(error);
      if (status < 500)
        return sendError(reply, status, error.code ?? "bad-request", "请求无效", error.message);
      request.log.error({ err: error }, "request failed");
      return sendError(
        reply,
        500,
        "internal",
        "服务内部错误，请稍后重试",
        "Internal error; please retry"
      );
    }
  );

  registerApi(app, options.store, options.testHooks);
  registerOverview(app, options.store);
  app.get("/healthz", async () => ({ ok: true }));
  return app;
}
