import { z } from "zod";
import { assertOtherActiveAdmin } from "@/lib/admin/assert-other-active-admin";
import { INVITABLE_ROLES } from "@/lib/admin/invitation-schemas";
import { UserAdminError } from "@/lib/admin/user-admin-error";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, TOKEN_HOLDER_ROLES, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

const staffRoleSchema = z.enum(INVITABLE_ROLES);

/**
 * Gives a staff account another role (admin, sender or compliance), audited as `user.role_changed` with the
 * roles before and after in the same transaction. The new role applies on the person's next request (every gate
 * re-reads the account). Admin only.
 * @throws UserAdminError "self" (an admin demoting themselves), "last-admin", "not-found" or "not-staff".
 */
export async function changeUserRole(
  actor: Actor,
  userId: string,
  role: string,
  ctx: { sourceIp?: string | null } = {},
): Promise<{ changed: boolean }> {
  assertRole(actor, ["admin"], "change role");
  const after = staffRoleSchema.parse(role);
  if (userId === actor.id && after !== "admin") throw new UserAdminError("self");
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, deactivatedAt: true } });
    if (!user) throw new UserAdminError("not-found");
    if (!(INVITABLE_ROLES as readonly string[]).includes(user.role)) throw new UserAdminError("not-staff");
    if (user.role === after) return { changed: false };
    if (user.role === "admin" && !user.deactivatedAt) await assertOtherActiveAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { role: after } });
    // Tokens send mail as this person; a role that does not send takes them away for good (verifyApiToken
    // refuses them anyway, but a later move back to sender must not bring old tokens back to life).
    const revoked = (TOKEN_HOLDER_ROLES as readonly string[]).includes(after)
      ? []
      : await tx.apiToken.findMany({ where: { userId: user.id, revokedAt: null }, select: { id: true } });
    if (revoked.length > 0) {
      await tx.apiToken.updateMany({ where: { id: { in: revoked.map((token) => token.id) } }, data: { revokedAt: new Date() } });
    }
    await recordAuditEvent(tx, {
      type: "user.role_changed",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { userId: user.id, before: user.role, after },
    });
    for (const token of revoked) {
      await recordAuditEvent(tx, {
        type: "api_token.revoked",
        actorType: "user",
        actorId: actor.id,
        sourceIp: ctx.sourceIp ?? null,
        outcome: "success",
        data: { tokenId: token.id, userId: user.id, reason: "role-changed" },
      });
    }
    return { changed: true };
  });
}
