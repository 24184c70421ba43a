/**
 * The overview's one cookie, read and written directly: an opaque session id (base64url, so it needs no
 * escaping), HttpOnly, SameSite=Strict, Secure when the site is reached over HTTPS.
 */
import type { FastifyReply, FastifyRequest } from "fastify";

const SESSION_COOKIE = "nianbao_session";

export function readSessionCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=") || undefined;
  }
  return undefined;
}

export function setSessionCookie(
  reply: FastifyReply,
  value: string,
  options: { secure: boolean; maxAgeSeconds: number }
): void {
  const attributes = [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ["Secure"] : []),
  ];
  reply.header("Set-Cookie", attributes.join("; "));
}
