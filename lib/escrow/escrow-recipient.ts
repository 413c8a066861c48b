import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Tx } from "@/lib/db";
import type { FailureClass } from "@/lib/delivery/failure-class";
import { enqueueJob } from "@/lib/queue/enqueue-job";
import { DAY_MS, getRetentionDefaults } from "@/lib/retention/retention-settings";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

export type EscrowInput = {
  recipientId: string;
  messageId: string;
  /** The failure that sent the message to the portal; null when the sender or the domain policy asked for it. */
  failureClass: FailureClass | null;
  /** Plain words for reviewers, e.g. "STARTTLS not offered by any MX". Never message content. */
  reason: string;
  /** Who decided (the worker id), for the audit trail. */
  actorId?: string | null;
};

/**
 * Keeps the message sealed for the portal and schedules the recipient's notification, in the caller's
 * transaction. Only a recipient still "queued" moves: if two workers race on one recipient, the second finds
 * nothing to change and writes nothing, so the recipient keeps exactly one outcome and gets one notification.
 * Returns whether this call decided the outcome.
 */
export async function escrowRecipient(tx: Tx, input: EscrowInput): Promise<boolean> {
  const { count } = await tx.recipient.updateMany({
    where: { id: input.recipientId, status: "queued" },
    data: { status: "escrowed", outcomeAt: new Date(), outcomeClass: input.failureClass },
  });
  if (count !== 1) return false;
  // Portal access ends the organisation's access window after escrow (lib/retention/retention-settings.ts;
  // PORTAL_LINK_TTL by default) unless the sender already chose a date (lib/portal/sender).
  const { accessDays } = await getRetentionDefaults(tx);
  await tx.recipient.updateMany({
    where: { id: input.recipientId, expiresAt: null },
    data: { expiresAt: new Date(Date.now() + accessDays * DAY_MS) },
  });
  // The conversation is now secure for good: later messages in it reach external recipients only through the
  // portal (lib/intake/accept-message.ts reads this flag).
  await tx.thread.updateMany({ where: { secure: false, messages: { some: { id: input.messageId } } }, data: { secure: true } });
  await enqueueJob(tx, { kind: "notify-recipient", recipientId: input.recipientId, messageId: input.messageId });
  await recordAuditEvent(tx, {
    type: "recipient.escrowed",
    actorType: "system",
    actorId: input.actorId ?? null,
    messageId: input.messageId,
    recipientId: input.recipientId,
    outcome: "success",
    data: { failureClass: input.failureClass, reason: input.reason },
  });
  await emitWebhookEvent(tx, { event: "escrowed", messageId: input.messageId, recipientId: input.recipientId });
  return true;
}
