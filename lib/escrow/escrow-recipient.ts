import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Tx } from "@/lib/db";
import type { FailureClass } from "@/lib/delivery/failure-class";
import { enqueueJob } from "@/lib/queue/enqueue-job";

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
  return true;
}
