import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db";

// Single use for challenges that otherwise live only in a signed cookie (challenge-cookie.ts): a successful
// ceremony records its challenge's hash until the cookie would have expired anyway. The rate limiter's table
// is reused because it already is a shared key → expiry store; the prefix keeps these keys apart from its own.
const PREFIX = "passkey-challenge:";

/**
 * Marks `challenge` used, inside the transaction that acts on the ceremony. False when it was used before,
 * i.e. a replayed response. Also forgets challenges whose cookies have expired.
 */
export async function consumeChallenge(tx: Tx, challenge: string, expiresAt: Date, now = new Date()): Promise<boolean> {
  await tx.rateLimiterFlexible.deleteMany({ where: { key: { startsWith: PREFIX }, expire: { lt: now } } });
  const key = `${PREFIX}${createHash("sha256").update(challenge).digest("hex")}`;
  if (await tx.rateLimiterFlexible.findUnique({ where: { key }, select: { key: true } })) return false;
  await tx.rateLimiterFlexible.create({ data: { key, points: 1, expire: expiresAt } });
  return true;
}
