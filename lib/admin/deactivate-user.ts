import { assertOtherActiveAdmin } from "@/lib/admin/assert-other-active-admin";
import { UserAdminError } from "@/lib/admin/user-admin-error";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * Deactivates an account, staff or recipient (never deletes it: the audit trail needs the identity). Its
 * sessionVersion is bumped in the same transaction, so every session ends on its next request; API tokens,
 * passkeys and invitation links stop working because every check refuses a deactivated account. Audited as
 * `user.deactivated`. Admin only; deactivating twice changes nothing.
 * @throws UserAdminError "self", "last-admin" or "not-found".
 */
export async function deactivateUser(actor: Actor, userId: string, ctx: { sourceIp?: string | null } = {}): Promise<{ changed: boolean }> {
  assertRole(actor, ["admin"], "deactivate user");
  if (userId === actor.id) throw new UserAdminError("self");
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, deactivatedAt: true } });
    if (!user) throw new UserAdminError("not-found");
    if (user.deactivatedAt) return { changed: false };
    if (user.role === "admin") await assertOtherActiveAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date(), sessionVersion: { increment: 1 } } });
    await recordAuditEvent(tx, {
      type: "user.deactivated",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { userId: user.id, role: user.role },
    });
    return { changed: true };
  });
}
