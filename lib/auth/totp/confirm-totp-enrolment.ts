import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/roles";
import { matchTotpCode } from "@/lib/auth/totp/match-totp-code";
import { openTotpSecret } from "@/lib/auth/totp/totp-secret";
import { getDb } from "@/lib/db";
import { getKeyRing } from "@/lib/escrow/key-ring";

export type ConfirmTotpResult = { ok: true } | { ok: false; error: "wrong-code" | "no-setup" };

/**
 * Turns TOTP on once the person proves their app produces the pending secret's codes. The accepted step is
 * stored as the last used one, so the same code cannot then sign in. Conditional on the very secret the code
 * was checked against: a setup restarted in another tab meanwhile is not enabled by a code for the old one.
 * Audited as `mfa.enrolled {userId}` in the same transaction.
 */
export async function confirmTotpEnrolment(actor: Actor, code: string, ctx: { sourceIp: string | null; now?: Date }): Promise<ConfirmTotpResult> {
  assertRole(actor, STAFF_ROLES, "mfa:enrol");
  const now = ctx.now ?? new Date();
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { id: true, totpSecretSealed: true, totpKeyId: true, totpEnabledAt: true } });
  const secret = user && !user.totpEnabledAt ? openTotpSecret(getKeyRing(), user) : null;
  if (!user?.totpSecretSealed || !secret) return { ok: false, error: "no-setup" };
  const step = matchTotpCode(secret, code, now);
  if (step === null) return { ok: false, error: "wrong-code" };
  const sealed = user.totpSecretSealed;
  return db.$transaction(async (tx): Promise<ConfirmTotpResult> => {
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, totpEnabledAt: null, totpSecretSealed: { equals: sealed } },
      data: { totpEnabledAt: now, totpLastStep: step },
    });
    if (count !== 1) return { ok: false, error: "no-setup" };
    await recordAuditEvent(tx, { type: "mfa.enrolled", actorType: "user", actorId: actor.id, sourceIp: ctx.sourceIp, outcome: "success", data: { userId: actor.id } });
    return { ok: true };
  });
}
