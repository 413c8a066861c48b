import { INVITABLE_ROLES } from "@/lib/admin/invitation-schemas";
import { inviteUser } from "@/lib/admin/invite-user";
import { UserAdminError } from "@/lib/admin/user-admin-error";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * Sends a pending invitation again: a fresh link whose email retires the earlier one (lib/admin/invite-user.ts,
 * audited there as `user.invited` with `reinvited: true`). Admin only.
 * @throws UserAdminError "not-found", "not-staff" or "not-invited" (the person already set a password, or the
 * account is deactivated).
 */
export async function resendInvitation(actor: Actor, userId: string, ctx: { sourceIp?: string | null } = {}): Promise<void> {
  assertRole(actor, ["admin"], "resend invitation");
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { name: true, email: true, role: true, passwordHash: true, deactivatedAt: true } });
  if (!user) throw new UserAdminError("not-found");
  const role = INVITABLE_ROLES.find((staffRole) => staffRole === user.role);
  if (!role) throw new UserAdminError("not-staff");
  if (user.passwordHash !== null || user.deactivatedAt) throw new UserAdminError("not-invited");
  await inviteUser(actor, { name: user.name, email: user.email, role }, ctx);
}
