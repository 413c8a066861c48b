import { hashToken } from "@/lib/auth/hash-token";
import { getDb } from "@/lib/db";

export type PortalLanding =
  | { state: "valid"; messageId: string; senderName: string; senderAddress: string; sentAt: Date; expiresAt: Date }
  | { state: "expired" | "used" | "unknown" };

/**
 * What the notification link points at, without consuming the token: link scanners fetch these URLs before
 * people do, so a GET must change nothing.
 */
export async function getPortalLanding(token: string, now = new Date()): Promise<PortalLanding> {
  const row = await getDb().accessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      purpose: true,
      expiresAt: true,
      consumedAt: true,
      recipient: { select: { message: { select: { id: true, fromName: true, fromAddress: true, createdAt: true } } } },
    },
  });
  if (!row || row.purpose !== "portal-access" || !row.recipient) return { state: "unknown" };
  if (row.consumedAt) return { state: "used" };
  if (row.expiresAt <= now) return { state: "expired" };
  const { message } = row.recipient;
  return {
    state: "valid",
    messageId: message.id,
    senderName: message.fromName || message.fromAddress,
    senderAddress: message.fromAddress,
    sentAt: message.createdAt,
    expiresAt: row.expiresAt,
  };
}
