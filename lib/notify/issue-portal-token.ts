import { generateToken, hashToken } from "@/lib/auth/hash-token";
import type { Tx } from "@/lib/db";

export type IssuedPortalToken = { token: string; accessTokenId: string; expiresAt: Date };

/**
 * Creates the portal link token for one recipient and retires the recipient's earlier unused links, so only the
 * newest notification's link works. Only the SHA-256 hash is stored; the token itself lives in memory until it
 * is in the outgoing email.
 */
export async function issuePortalToken(tx: Tx, recipientId: string, expiresAt: Date): Promise<IssuedPortalToken> {
  const now = new Date();
  await tx.accessToken.updateMany({
    where: { recipientId, purpose: "portal-access", consumedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const token = generateToken();
  const row = await tx.accessToken.create({
    data: { purpose: "portal-access", tokenHash: hashToken(token), recipientId, expiresAt },
    select: { id: true },
  });
  return { token, accessTokenId: row.id, expiresAt };
}
