import { hashToken } from "@/lib/auth/hash-token";
import { getDb } from "@/lib/db";

export type Invitation = { state: "valid"; name: string; email: string; role: string; expiresAt: Date } | { state: "invalid" };

/**
 * What an invitation link stands for, without consuming it (a link scanner's GET must change nothing). Used,
 * expired and unknown links are one state: the page says the same for each and names the way forward.
 */
export async function getInvitation(token: string, now = new Date()): Promise<Invitation> {
  const row = await getDb().accessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, consumedAt: true, expiresAt: true, user: { select: { name: true, email: true, role: true, passwordHash: true, deactivatedAt: true } } },
  });
  const user = row?.user;
  if (!row || row.purpose !== "invitation" || row.consumedAt || row.expiresAt <= now || !user) return { state: "invalid" };
  if (user.passwordHash !== null || user.deactivatedAt) return { state: "invalid" };
  return { state: "valid", name: user.name, email: user.email, role: user.role, expiresAt: row.expiresAt };
}
