import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { checkTotpCode, type TotpCheck } from "@/lib/auth/totp/check-totp-code";
import { TOTP_CLEARED } from "@/lib/auth/totp/reset-totp";

/**
 * The person turns their own TOTP off. It takes a current code (checked, limited and audited like sign-in), so
 * a session left open on a shared computer cannot remove the second factor. The secret is erased in the same
 * transaction as `mfa.verified` and `mfa.reset {userId}`.
 */
export async function disableTotp(actor: Actor, code: string, ctx: { sourceIp: string | null; now?: Date }): Promise<TotpCheck> {
  return checkTotpCode(actor.id, code, ctx, async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: TOTP_CLEARED });
    await recordAuditEvent(tx, { type: "mfa.reset", actorType: "user", actorId: actor.id, sourceIp: ctx.sourceIp, outcome: "success", data: { userId: actor.id } });
  });
}
