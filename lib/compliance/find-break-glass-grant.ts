import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type BreakGlassGrantView = { id: string; messageId: string; justification: string; createdAt: Date; expiresAt: Date };

/**
 * The actor's grant for this message that is still running (the latest one, if several), or null. Reads only:
 * callers decide what a missing grant means (lib/compliance/require-break-glass-grant.ts audits refusals).
 */
export async function findBreakGlassGrant(actor: Actor, messageId: string, now = new Date()): Promise<BreakGlassGrantView | null> {
  return getDb().breakGlassGrant.findFirst({
    where: { userId: actor.id, messageId, expiresAt: { gt: now } },
    orderBy: { expiresAt: "desc" },
    select: { id: true, messageId: true, justification: true, createdAt: true, expiresAt: true },
  });
}
