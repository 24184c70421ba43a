/** The service's error answers: a stable code, a Chinese message first, an English one beside it. */
import type { FastifyReply } from "fastify";

export interface ApiError {
  error: string;
  message: string;
  messageEn: string;
  [extra: string]: unknown;
}

export function sendError(
  reply: FastifyReply,
  status: number,
  error: string,
  message: string,
  messageEn: string,
  extra: Record<string, unknown> = {}
): FastifyReply {
  const body: ApiError = { error, message, messageEn, ...extra };
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

/** Said from two places: the route (no body) and the framework (another content type). */
export const NOT_JSON = [
  "not-json",
  "请以 application/json 提交报告 JSON",
  "Send the report JSON as application/json",
] as const;
