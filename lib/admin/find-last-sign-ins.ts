import { getDb } from "@/lib/db";

/**
 * When each user last signed in, from the audit trail (`user.signed_in`). One indexed look-up per user
 * (AuditEvent [actorId, seq], newest first), so a listing of a few hundred staff stays cheap however long the
 * trail grows; a grouped scan over every sign-in would not.
 */
export async function findLastSignIns(userIds: string[]): Promise<Map<string, Date>> {
  const db = getDb();
  const found = await Promise.all(
    userIds.map(async (userId) => {
      const event = await db.auditEvent.findFirst({
        where: { actorId: userId, type: "user.signed_in" },
        orderBy: { seq: "desc" },
        select: { at: true },
      });
      return [userId, event?.at] as const;
    }),
  );
  return new Map(found.flatMap(([userId, at]) => (at ? [[userId, at] as const] : [])));
}
