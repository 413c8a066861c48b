import { hashToken } from "@/lib/auth/hash-token";
import { getDb } from "@/lib/db";

/** The account a reset link is for while it can still be used (unknown, used and expired links: null). Reads only. */
export async function getPasswordReset(token: string, now = new Date()): Promise<{ userId: string; email: string; name: string } | null> {
  const row = await getDb().accessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, consumedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, deactivatedAt: true } } },
  });
  if (!row || row.purpose !== "password-reset" || row.consumedAt || row.expiresAt <= now || !row.user || row.user.deactivatedAt) return null;
  return { userId: row.user.id, email: row.user.email, name: row.user.name };
}
