import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { legalHoldReasonSchema } from "@/lib/retention/legal-hold-reason";
import { loadMessageRetentionState } from "@/lib/retention/load-message-retention-state";
import { requireRetentionRole } from "@/lib/retention/require-retention-role";
import { RetentionError } from "@/lib/retention/retention-error";
import type { RetentionContext } from "@/lib/retention/set-message-retention";

/**
 * Ends a message's legal hold; from then on its retention end applies again (a message already past it is
 * shredded at the next run). The reason is optional but, when given, checked like a hold's. Admin and
 * compliance only; audited `legal_hold.released {reason?}` in the same transaction.
 * @throws AccessDeniedError (audited) for other roles; RetentionError for an invalid reason, a missing or
 *   shredded message, a message not on hold or a concurrent change.
 */
export async function releaseLegalHold(actor: Actor, messageId: string, reason: string | null | undefined, ctx: RetentionContext = {}): Promise<void> {
  await requireRetentionRole(actor, `message:${messageId}:legal-hold`, { ...ctx, messageId });
  const given = reason?.trim() ? legalHoldReasonSchema.safeParse(reason) : null;
  if (given && !given.success) throw new RetentionError("invalid-reason", messageId);
  await getDb().$transaction(async (tx) => {
    const row = await loadMessageRetentionState(tx, messageId);
    if (!row.legalHold) throw new RetentionError("not-on-hold", messageId);
    const { count } = await tx.message.updateMany({
      where: { id: messageId, shreddedAt: null, legalHold: true },
      data: { legalHold: false, legalHoldReason: null },
    });
    if (count !== 1) throw new RetentionError("changed-meanwhile", messageId);
    await recordAuditEvent(tx, {
      type: "legal_hold.released",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      messageId,
      outcome: "success",
      // The hold's own reason, so the release reads on its own in the log.
      data: { ...(given?.success ? { reason: given.data } : {}), heldFor: row.legalHoldReason },
    });
  });
}
