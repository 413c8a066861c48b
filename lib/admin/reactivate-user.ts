import { UserAdminError } from "@/lib/admin/user-admin-error";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * Lets a deactivated account sign in again (with its old password and second factor; sessions from before
 * the deactivation stay ended). Audited as `user.reactivated`. Admin only; reactivating an active account
 * changes nothing.
 * @throws UserAdminError "not-found".
 */
export async function reactivateUser(actor: Actor, userId: string, ctx: { sourceIp?: string | null } = {}): Promise<{ changed: boolean }> {
  assertRole(actor, ["admin"], "reactivate user");
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, deactivatedAt: { not: null } }, data: { deactivatedAt: null } });
    if (count === 0) {
      if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new UserAdminError("not-found");
      return { changed: false };
    }
    await recordAuditEvent(tx, {
      type: "user.reactivated",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { userId },
    });
    return { changed: true };
  });
}
