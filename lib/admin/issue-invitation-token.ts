import { generateToken, hashToken } from "@/lib/auth/hash-token";
import type { Tx } from "@/lib/db";

export const INVITATION_TTL_MS = 7 * 86_400_000;

/**
 * A fresh invitation link token for `userId`; earlier unused invitations of that user stop working, so only the
 * newest email's link does. Only the SHA-256 hash is stored.
 */
export async function issueInvitationToken(tx: Tx, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  await tx.accessToken.updateMany({
    where: { userId, purpose: "invitation", consumedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await tx.accessToken.create({ data: { purpose: "invitation", tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}
