import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { destroyMessageContent } from "@/lib/retention/destroy-message-content";
import { loadMessageRetentionState } from "@/lib/retention/load-message-retention-state";
import { requireRetentionRole } from "@/lib/retention/require-retention-role";
import { RetentionError } from "@/lib/retention/retention-error";
import type { RetentionContext } from "@/lib/retention/set-message-retention";

/**
 * Crypto-shreds one message now, by hand (e.g. an erasure request): its content can never be read again, while
 * its metadata, recipients and audit trail stay. Refused under legal hold and while a recipient is still being
 * delivered. Admin and compliance only; audited `message.shredded {reason: "manual"}` in the same transaction.
 * @throws AccessDeniedError (audited) for other roles; RetentionError for a missing or already shredded
 *   message, a legal hold, a delivery in progress or a concurrent change.
 */
export async function shredMessage(actor: Actor, messageId: string, ctx: RetentionContext = {}): Promise<{ shreddedAt: Date }> {
  await requireRetentionRole(actor, `message:${messageId}:shred`, { ...ctx, messageId });
  const now = ctx.now ?? new Date();
  await getDb().$transaction(async (tx) => {
    const row = await loadMessageRetentionState(tx, messageId);
    if (row.legalHold) throw new RetentionError("legal-hold", messageId);
    if ((await tx.recipient.count({ where: { messageId, status: "queued" } })) > 0) throw new RetentionError("still-delivering", messageId);
    const shredded = await destroyMessageContent(tx, {
      messageId,
      reason: "manual",
      retainUntil: null,
      actor: { type: "user", id: actor.id, sourceIp: ctx.sourceIp ?? null },
      now,
    });
    if (!shredded) throw new RetentionError("changed-meanwhile", messageId);
  });
  return { shreddedAt: now };
}
