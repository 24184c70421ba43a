/**
 * Secrets the service hands out (agency and administrator tokens, session ids): 256 random bits, shown once,
 * stored only as their SHA-256. A slow password hash is not needed: nobody can guess 256 random bits.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function newSecret(prefix = "nb_"): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function secretHash(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
