import { recordAuditEvent } from "@/lib/audit/record-event";
import { SESSION_ABSOLUTE_SECONDS } from "@/lib/auth/auth.config";
import { getDb } from "@/lib/db";

/**
 * Signs one session out for good: records its id as revoked, so gates refuse it even if a request that raced
 * the sign-out re-issues the cookie (lib/auth/get-signed-in-actor.ts), and audits `user.signed_out`. The caller
 * clears the cookie afterwards. The row is kept for the longest a session can live (its absolute limit, counted
 * from now as an upper bound); expired rows are purged here, since sign-outs are when rows accumulate.
 */
export async function revokeSession(session: { userId: string; sid: string }, ctx: { sourceIp: string | null }, now = new Date()): Promise<void> {
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_SECONDS * 1000);
  await getDb().$transaction(async (tx) => {
    await tx.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
    // upsert: signing out twice with the same cookie (two tabs) is not an error.
    await tx.revokedSession.upsert({ where: { sid: session.sid }, create: { sid: session.sid, expiresAt }, update: {} });
    await recordAuditEvent(tx, {
      type: "user.signed_out",
      actorType: "user",
      actorId: session.userId,
      sourceIp: ctx.sourceIp,
      outcome: "success",
    });
  });
}
