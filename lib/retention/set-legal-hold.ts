import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { legalHoldReasonSchema } from "@/lib/retention/legal-hold-reason";
import { loadMessageRetentionState } from "@/lib/retention/load-message-retention-state";
import { requireRetentionRole } from "@/lib/retention/require-retention-role";
import { RetentionError } from "@/lib/retention/retention-error";
import type { RetentionContext } from "@/lib/retention/set-message-retention";

/**
 * Puts a message on legal hold: its content is not shredded, by the retention job or by hand, until the hold is
 * released, whatever its retention end says. The reason (5..500 characters) is required and stored. Admin and
 * compliance only; audited `legal_hold.set {reason}` in the same transaction.
 * @throws AccessDeniedError (audited) for other roles; RetentionError for a missing reason, a missing or
 *   shredded message, a message already on hold or a concurrent change.
 */
export async function setLegalHold(actor: Actor, messageId: string, reason: string, ctx: RetentionContext = {}): Promise<void> {
  await requireRetentionRole(actor, `message:${messageId}:legal-hold`, { ...ctx, messageId });
  const parsed = legalHoldReasonSchema.safeParse(reason);
  if (!parsed.success) throw new RetentionError("invalid-reason", messageId);
  await getDb().$transaction(async (tx) => {
    const row = await loadMessageRetentionState(tx, messageId);
    if (row.legalHold) throw new RetentionError("already-on-hold", messageId);
    // Conditional on "not shredded": the retention job may have destroyed the content since the read above.
    const { count } = await tx.message.updateMany({
      where: { id: messageId, shreddedAt: null, legalHold: false },
      data: { legalHold: true, legalHoldReason: parsed.data },
    });
    if (count !== 1) throw new RetentionError("changed-meanwhile", messageId);
    await recordAuditEvent(tx, {
      type: "legal_hold.set",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      messageId,
      outcome: "success",
      data: { reason: parsed.data },
    });
  });
}
