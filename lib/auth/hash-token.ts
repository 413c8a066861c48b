import { createHash, randomBytes } from "node:crypto";

/** A fresh bearer secret: 256 random bits, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the database keeps instead of a token. Tokens carry 256 bits of randomness, so a fast hash is enough:
 * a slow KDF only matters for guessable secrets such as passwords.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
