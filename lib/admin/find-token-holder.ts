import { TOKEN_HOLDER_ROLES } from "@/lib/auth/roles";
import { UserAdminError } from "@/lib/admin/user-admin-error";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * The account whose API tokens `actor` wants to see or change: their own, or anyone's for an admin. Another
 * sender's account is refused and audited the same way as a missing one, so ids cannot be probed.
 * @throws AccessDeniedError; UserAdminError "no-tokens-for-role" for accounts that cannot hold tokens.
 */
export async function findTokenHolder(actor: Actor, userId: string, ctx: { sourceIp?: string | null } = {}): Promise<{ id: string; role: string; deactivatedAt: Date | null }> {
  assertRole(actor, TOKEN_HOLDER_ROLES, "api tokens");
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true, role: true, deactivatedAt: true } });
  if (!user || (user.id !== actor.id && actor.role !== "admin")) {
    await recordAccessDenied({ actor, resource: `api-tokens:${userId.slice(0, 64)}`, reason: user ? "not-owner" : "not-found", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, "api tokens");
  }
  if (!(TOKEN_HOLDER_ROLES as readonly string[]).includes(user.role)) throw new UserAdminError("no-tokens-for-role");
  return user;
}
