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
