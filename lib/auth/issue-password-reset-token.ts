import { generateToken, hashToken } from "@/lib/auth/hash-token";
import type { Tx } from "@/lib/db";

const PASSWORD_RESET_TTL_MS = 60 * 60_000;

/** A fresh single-use reset token for `userId` (1 hour); earlier unused ones stop working. Only its hash is stored. */
export async function issuePasswordResetToken(tx: Tx, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  await tx.accessToken.updateMany({
    where: { userId, purpose: "password-reset", consumedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
  await tx.accessToken.create({ data: { purpose: "password-reset", userId, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}
