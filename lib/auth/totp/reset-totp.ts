import { recordAuditEvent } from "@/lib/audit/record-event";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { totpFailuresByUser } from "@/lib/auth/throttle-rules";
import { getDb } from "@/lib/db";

/** The User columns that together make up TOTP, as they are with none set up. */
export const TOTP_CLEARED = { totpSecretSealed: null, totpKeyId: null, totpEnabledAt: null, totpLastStep: null };

/**
 * An admin removes someone's TOTP (a lost or replaced phone): the secret is erased, the person signs in with
 * their password alone and sets up a new app (at once, when the organisation requires it). Also lifts a TOTP
 * lockout. Audited as `mfa.reset {userId}` with the admin as actor. Returns false, changing and recording
 * nothing, when the account has no TOTP set up (or pending).
 * @throws AccessDeniedError for anyone but an admin (audited as access.denied).
 */
export async function resetTotp(actor: Actor, userId: string, ctx: { sourceIp?: string | null } = {}): Promise<boolean> {
  if (actor.role !== "admin") {
    await recordAccessDenied({ actor, resource: `mfa:reset:${userId}`, reason: "not-admin", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, `mfa:reset:${userId}`);
  }
  const reset = await getDb().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, totpSecretSealed: { not: null } }, data: TOTP_CLEARED });
    if (count !== 1) return false;
    await recordAuditEvent(tx, { type: "mfa.reset", actorType: "user", actorId: actor.id, sourceIp: ctx.sourceIp ?? null, outcome: "success", data: { userId } });
    return true;
  });
  if (reset) await totpFailuresByUser.reset(userId);
  return reset;
}
